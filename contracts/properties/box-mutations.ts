/**
 * Box-shape mutations of LETS outputs: tokens, ERG value, script, creation height, and outputs
 * added or dropped. ERG stays balanced (testing/tx-edit.ts), and new tokens are minted with the first
 * input's id, so the ledger allows what a mutation adds and the scripts must be what refuses it.
 */
import { hex } from "@fleet-sdk/crypto";
import { accountRegisters } from "../account/account.ts";
import { readLongs } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE, MAX_AGE_BLOCKS, MIN_BOX_VALUE } from "../scripts.ts";
import { ACCOUNT_ROLES, ALL_ROLES, isAccountRole, nonZero, pick, type MutationKind } from "./mutation-kinds.ts";
import { appendFunded, dropOutput, dustOf, lowerValue, output, valueOf, type Output } from "../testing/tx-edit.ts";

const tokenAmount: MutationKind = {
  name: "tokenAmount",
  roles: ALL_ROLES,
  apply(tx, index, _role, d) {
    const token = output(tx, index).assets[0]!;
    const old = BigInt(token.amount);
    let next = old + nonZero(d, 5n);
    if (next < 1n) next = old + d.big(1n, 5n);
    token.amount = next.toString();
  },
};

const tokenId: MutationKind = {
  name: "tokenId",
  roles: ALL_ROLES,
  apply(tx, index) {
    // A token minted by this very transaction (id = first input's id), so the ledger allows it.
    output(tx, index).assets[0]!.tokenId = tx.inputs[0]!.boxId;
  },
};

const extraToken: MutationKind = {
  name: "extraToken",
  roles: ALL_ROLES,
  apply(tx, index, _role, d) {
    output(tx, index).assets.push({ tokenId: tx.inputs[0]!.boxId, amount: d.big(1n, 1_000n).toString() });
  },
};

const valueDown: MutationKind = {
  name: "valueDown",
  // The committee may withdraw any treasury ERG, so a governed box is left out.
  roles: [...ACCOUNT_ROLES, "community"],
  apply(tx, index, role, d) {
    const out = output(tx, index);
    const least = dustOf(out) > MIN_BOX_VALUE ? dustOf(out) : MIN_BOX_VALUE;
    if (role === "payer" || role === "newAccount") {
      // The signer may spend its own ERG, but only down to collateral + minimum.
      const floor = readLongs("R6", out.additionalRegisters.R6, 5)[2]! + MIN_BOX_VALUE;
      lowerValue(tx, index, d.big(least, floor - 1n));
    } else lowerValue(tx, index, d.big(least, valueOf(out) - 1n));
  },
};

const ergoTree: MutationKind = {
  name: "ergoTree",
  roles: ALL_ROLES,
  apply(tx, index, role, d, env) {
    const other = isAccountRole(role) ? COMMUNITY_ERGO_TREE : ACCOUNT_ERGO_TREE;
    output(tx, index).ergoTree = d.int(0, 2) === 0 ? other : pick(d, env.p2pkTrees);
  },
};

const creationHeight: MutationKind = {
  name: "creationHeight",
  // Every LETS output, and an exit's payout to the owner (a fresh rent clock for the owner's ERG).
  roles: [...ALL_ROLES, "payout"],
  apply(tx, index, _role, d, env) {
    const back = d.int(0, 1) === 0 ? 10_000 : MAX_AGE_BLOCKS + d.int(1, 3_000);
    output(tx, index).creationHeight = env.height - back;
  },
};

const duplicate: MutationKind = {
  name: "duplicateOutput",
  roles: ALL_ROLES,
  apply(tx, index) {
    appendFunded(tx, structuredClone(output(tx, index)));
  },
};

/**
 * An extra account box with this community's unit, at balance 0 or not, with a fresh accountId.
 * The target only picks the transaction. Beside a payment at balance 0 the scripts accept it and
 * token preservation refuses it (a unit cannot appear from nothing); everywhere else a script does.
 */
const freshAccount: MutationKind = {
  name: "freshAccount",
  roles: ALL_ROLES,
  apply(tx, _index, _role, d, env) {
    const fresh: Output = {
      value: "0",
      ergoTree: ACCOUNT_ERGO_TREE,
      creationHeight: env.height - 1,
      assets: [{ tokenId: env.communityId, amount: "1" }],
      additionalRegisters: accountRegisters({
        owner: pick(d, env.owners),
        balance: d.int(0, 1) === 0 ? 0n : nonZero(d, 50n),
        terms: { ...env.policyTerms, joinedHeight: BigInt(env.height - 1) },
        accountId: hex.encode(d.bytes(32)),
        lastActiveHeight: BigInt(env.height - 1),
      }),
    };
    appendFunded(tx, fresh);
  },
};

const drop: MutationKind = {
  name: "dropOutput",
  roles: ALL_ROLES,
  apply(tx, index) {
    dropOutput(tx, index);
  },
};

/** The owner of a closed account paid less, or someone else paid instead. */
const payout: MutationKind = {
  name: "payout",
  roles: ["payout"],
  apply(tx, index, _role, d, env) {
    const out = output(tx, index);
    if (d.int(0, 1) === 0) lowerValue(tx, index, valueOf(out) - d.big(1n, valueOf(out) - dustOf(out)));
    else out.ergoTree = pick(d, env.p2pkTrees.filter((t) => t !== out.ergoTree));
  },
};

export const BOX_KINDS: readonly MutationKind[] = [
  tokenAmount, tokenId, extraToken, valueDown, ergoTree, creationHeight, duplicate, freshAccount, drop, payout,
];
