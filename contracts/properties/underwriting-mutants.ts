/**
 * Refused twins of valid underwriting transactions for the underwriting property
 * (underwriting-sequences.spec.ts): one field changed by hand (a limit, an entry, a balance, a
 * share, a tag, a token kept), or one single-field kind of the mutation search
 * (register-mutations.ts, box-mutations.ts) on the account, the stake or a stake's share; and a
 * withdrawal built by hand while the raise is in use, which the builder refuses to build.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { accountSuccessorRegisters, accountTermsConstant, type Account } from "../account/account.ts";
import type { BuildContext } from "../builders/common.ts";
import { walletPaidTx } from "../builders/line-common.ts";
import { payeeActivity, successor } from "../builders/pay.ts";
import { bytesConstant, longConstant, longsConstant, readLong, readLongsAny } from "../registers.ts";
import { termsAfterWithdraw, type Underwriting } from "../underwriting/underwriting.ts";
import { ACCOUNT_ERGO_TREE, MAX_AGE_BLOCKS, UNDERWRITING_ERGO_TREE } from "../scripts.ts";
import { changeIndex, cloneTx, edit, feeOut, moveErg, output, setRegister, type Output, type Tx } from "../testing/tx-edit.ts";
import { BOX_KINDS } from "./box-mutations.ts";
import type { Draw, Env, MutationKind, Role } from "./mutation-kinds.ts";
import { REGISTER_KINDS } from "./register-mutations.ts";

/**
 * A refused twin. `refusal`: "script" when a script reduces to false; "keyed" when the script
 * reduces to a key the signer lacks; "any" for the mutation search's kinds, which may also trip
 * a ledger rule (both interpreters must still refuse).
 */
export interface Mutant {
  name: string;
  tx: Tx;
  refusal: "script" | "keyed" | "any";
}

const kind = (name: string): MutationKind => {
  const k = [...REGISTER_KINDS, ...BOX_KINDS].find((x) => x.name === name);
  if (!k) throw new Error(`no mutation kind ${name}`);
  return k;
};

/** Kinds that break an account successor whichever path spends it. */
const ACCOUNT_KINDS = ["balance", "accountId", "removeRegister", "tokenId", "ergoTree"].map(kind);
/** Kinds that break the stake an acceptance creates. */
const STAKE_KINDS = ["tokenAmount", "ergoTree", "removeRegister"].map(kind);
/** Kinds that break a stake's share at an exit (its value or payee, its tag). */
const SHARE_KINDS = ["payout", "removeRegister"].map(kind);

/**
 * Output `index` created one block before the oldest height a new box may state (HEIGHT -
 * maxAgeBlocks): back-dated, rent could take it early. (The search's own creationHeight kind goes
 * 10,000 blocks back, below the genesis of a young test chain.)
 */
function backDated(tx: Tx, index: number, height: number): Mutant {
  return { name: `output ${index} back-dated`, tx: edit(tx, (x) => { output(x, index).creationHeight = height - MAX_AGE_BLOCKS - 1; }), refusal: "any" };
}

/** The mutation search's kinds applied to output `index` (a copy each). */
function kinds(tx: Tx, index: number, role: Role, list: MutationKind[], d: Draw, env: Env): Mutant[] {
  return list.map((k) => {
    const copy = cloneTx(tx);
    k.apply(copy, index, role, d, env);
    return { name: `${k.name} of output ${index}`, tx: copy, refusal: "any" };
  });
}

const accountIndex = (tx: Tx): number => tx.outputs.findIndex((o) => o.ergoTree === ACCOUNT_ERGO_TREE);
const termsOf = (out: Output): bigint[] => readLongsAny("R6", out.additionalRegisters.R6);
const withTerms = (tx: Tx, change: (t: bigint[]) => bigint[]): Tx =>
  edit(tx, (d) => {
    const out = output(d, accountIndex(d));
    setRegister(out, "R6", longsConstant(change(termsOf(out))));
  });
const shiftBalance = (index: number, by: bigint) => (d: Tx): void => {
  const out = output(d, index);
  setRegister(out, "R5", longConstant(readLong("R5", out.additionalRegisters.R5) + by));
};
/** The stake's token moved into the wallet's change instead of being burnt. */
function tokenKept(tx: Tx, tokenId: string): Mutant[] {
  const change = changeIndex(tx);
  if (change === undefined) return [];
  return [{ name: "stake token kept, not burnt", tx: edit(tx, (d) => output(d, change).assets.push({ tokenId, amount: "1" })), refusal: "script" }];
}

/** Twins of an acceptance (account at its first account output, the stake under the underwriting tree). */
export function acceptMutants(tx: Tx, premium: bigint, d: Draw, env: Env): Mutant[] {
  const a = accountIndex(tx);
  const stake = tx.outputs.findIndex((o) => o.ergoTree === UNDERWRITING_ERGO_TREE);
  const list: Mutant[] = [
    { name: "limit one unit above the raise", tx: withTerms(tx, (t) => [t[0]! + 1n, ...t.slice(1)]), refusal: "script" },
    { name: "backed one unit below the raise", tx: withTerms(tx, (t) => [...t.slice(0, 5), t[5]! - 1n, ...t.slice(6)]), refusal: "script" },
    { name: "entry of another id", tx: withTerms(tx, (t) => [...t.slice(0, -1), t[t.length - 1]! + 1n]), refusal: "script" },
    { name: "stake one nanoERG below the offer", tx: edit(tx, (x) => moveErg(output(x, stake), feeOut(x), 1n)), refusal: "script" },
    backDated(tx, a, env.height),
    backDated(tx, stake, env.height),
    ...kinds(tx, a, "payee", ACCOUNT_KINDS, d, env),
    ...kinds(tx, stake, "community", STAKE_KINDS, d, env),
  ];
  if (premium > 0n) {
    // The member pays one unit more and the underwriter's account gains it: zero-sum, not the premium.
    const payee = tx.outputs.findIndex((o, i) => i !== a && o.ergoTree === ACCOUNT_ERGO_TREE);
    list.push({ name: "premium one unit more", tx: edit(tx, (x) => { shiftBalance(a, -1n)(x); shiftBalance(payee, 1n)(x); }), refusal: "script" });
  }
  return list;
}

/** Twins of a withdrawal. */
export function withdrawMutants(tx: Tx, tokenId: string, d: Draw, env: Env): Mutant[] {
  const a = accountIndex(tx);
  const before = tx.inputs.find((b) => b.ergoTree === ACCOUNT_ERGO_TREE)!;
  const old = readLongsAny("R6", before.additionalRegisters.R6);
  return [
    { name: "limit kept", tx: withTerms(tx, (t) => [old[0]!, ...t.slice(1)]), refusal: "script" },
    { name: "terms kept (entry and raise)", tx: edit(tx, (x) => setRegister(output(x, a), "R6", longsConstant(old))), refusal: "script" },
    { name: "balance one unit up", tx: edit(tx, shiftBalance(a, 1n)), refusal: "script" },
    ...tokenKept(tx, tokenId),
    backDated(tx, a, env.height),
    ...kinds(tx, a, "payee", ACCOUNT_KINDS, d, env),
  ];
}

/** Twins of an exit that settles stakes: each share one nanoERG short, paid elsewhere, tagged otherwise; a token kept. */
export function exitMutants(tx: Tx, stakes: { boxId: string; tokenId: string }[], strangerTree: string, d: Draw, env: Env): Mutant[] {
  const list: Mutant[] = [];
  for (const s of stakes) {
    const tag = bytesConstant(s.boxId);
    tx.outputs.forEach((o, i) => {
      if (o.additionalRegisters.R4 !== tag) return;
      list.push(
        { name: `share ${i} one nanoERG short`, tx: edit(tx, (x) => moveErg(output(x, i), feeOut(x), 1n)), refusal: "script" },
        { name: `share ${i} paid to a stranger`, tx: edit(tx, (x) => { output(x, i).ergoTree = strangerTree; }), refusal: "script" },
        { name: `share ${i} tagged with the community box`, tx: edit(tx, (x) => setRegister(output(x, i), "R4", bytesConstant(x.inputs[0]!.boxId))), refusal: "script" },
        ...kinds(tx, i, "payout", SHARE_KINDS, d, env),
      );
    });
    list.push(...tokenKept(tx, s.tokenId));
  }
  return list;
}

/**
 * A withdrawal built by hand, as the builder would build it but without its check that the raise
 * is not in use: the account at the same balance without the raise and the entry, the token burnt.
 */
export function handWithdrawal(stake: Underwriting, account: Account, ctx: BuildContext): EIP12UnsignedTransaction {
  const terms = termsAfterWithdraw(account.terms, stake.stakeId!, stake.raise);
  const lastActive = payeeActivity(account, BigInt(ctx.height));
  const out = successor(account, account.balance, lastActive, account.valueNanoErg).setAdditionalRegisters({
    ...accountSuccessorRegisters(account, account.balance, lastActive),
    R6: accountTermsConstant(terms),
  });
  return walletPaidTx({ inputs: [stake.box, account.box], outputs: [out], burn: [{ tokenId: stake.stakeId!, amount: 1n }] }, ctx, 0n);
}
