/**
 * A community three of whose membership units storage rent let escape: nobody closed carol's,
 * erin's and frank's dormant accounts, so after 1,051,200 blocks mallory took them by rent into the
 * boxes an attacker would try as a fake community: one of his own (P2PK), an open `sigmaProp(true)`
 * box, and a copy of the community tree that treats any box 8,192 blocks old as dormant. Then
 * dan joins and alice (the victim) goes 30 into debt to bob. Used by the storage-rent attack specs.
 */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, RECOMMENDED_MIN_FEE_VALUE, SAFE_MIN_BOX_VALUE, TransactionBuilder } from "@fleet-sdk/core";
import { SInt } from "@fleet-sdk/serializer";
import { accountRegisters, type Account } from "../account/account.ts";
import type { Wallet } from "../builders/common.ts";
import { forfeitNanoErg } from "../builders/exit.ts";
import { pay } from "../builders/pay.ts";
import { maxUnits } from "../builders/policy.ts";
import { STORAGE_PERIOD_BLOCKS } from "../parameters.ts";
import { longsConstant } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE, DORMANT_BLOCKS } from "../scripts.ts";
import { Fixture } from "./community-fixture.ts";
import { testPolicy } from "./policy.ts";
import { edit, rebalance } from "./tx-edit.ts";
import type { Member, World } from "./world.ts";

/** A default window long enough that alice is dormant for the attacker's tree before she defaults. */
export const ESCAPE_POLICY = testPolicy({ inactivityBlocks: 20_000n });

/** The attacker tree's dormancy window: the smallest with the same encoded size as 788,400. */
export const ATTACKER_DORMANT_BLOCKS = 8_192;

/** `sigmaProp(true)`: anyone may spend a box of this tree. */
const OPEN_TREE = "0008d3";

/**
 * The community tree with its own dormancy constant (the one after the embedded account tree) cut
 * to 8,192 blocks: same size, the account tree at the same offset, only the hash of the rest differs.
 */
export function attackerCommunityTree(): string {
  const end = COMMUNITY_ERGO_TREE.indexOf(ACCOUNT_ERGO_TREE) + ACCOUNT_ERGO_TREE.length;
  const tail = COMMUNITY_ERGO_TREE.slice(end);
  const [genuine, attacker] = [SInt(DORMANT_BLOCKS).toHex(), SInt(ATTACKER_DORMANT_BLOCKS).toHex()];
  if (tail.split(genuine).length !== 2 || genuine.length !== attacker.length) throw new Error("the community tree changed shape");
  return COMMUNITY_ERGO_TREE.slice(0, end) + tail.replace(genuine, attacker);
}

/** `member`'s wallet without the boxes that hold tokens (the escaped units stay where they are). */
function plainWallet(world: World, member: Member): Wallet {
  const wallet = world.wallet(member);
  return { ...wallet, utxos: wallet.utxos.filter((b) => b.assets.length === 0) };
}

/** The community after the escape, and the three boxes holding one escaped unit each. */
export function escapedUnits() {
  const f = new Fixture({ policy: ESCAPE_POLICY, members: ["alice", "bob", "carol", "erin", "frank"] });
  const w = f.world;
  const mallory = w.member("mallory");
  w.mine(STORAGE_PERIOD_BLOCKS);
  const height = w.height + 1;
  const r = f.communityBox().additionalRegisters;
  const box = (ergoTree: string, value: bigint, additionalRegisters = {}) => ({
    value: value.toString(), ergoTree, creationHeight: height, assets: [{ tokenId: f.communityId, amount: "1" }], additionalRegisters,
  });
  const copied = { R4: r.R4 as string, R5: mallory.owner, R6: r.R6 as string, R7: longsConstant([0n, 0n]) };
  const wallet = plainWallet(w, mallory).utxos[0] as Box<string>;
  const outputs = [box(mallory.ergoTree, SAFE_MIN_BOX_VALUE), box(OPEN_TREE, SAFE_MIN_BOX_VALUE), box(attackerCommunityTree(), 5_000_000_000n, copied)];
  const rent = ["carol", "erin", "frank"].map((name, i) => ({ box: w.box(f.account(name).boxId), outputIndex: i }));
  const spent = [wallet, ...rent.map((x) => x.box)].reduce((sum, b) => sum + BigInt(b.value), 0n);
  const left = spent - outputs.reduce((sum, o) => sum + BigInt(o.value), 0n);
  const change = { value: left.toString(), ergoTree: mallory.ergoTree, creationHeight: height, assets: [], additionalRegisters: {} };
  const [own, open, fake] = w.rentSpend({ rent, inputs: [wallet], outputs: [...outputs, change] }, [mallory]).outputs as [Box<string>, Box<string>, Box<string>];

  f.join(w.member("dan")); // a member at balance 0 whose box is not dormant
  const debt = pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 30n }] }, { height: w.height });
  w.submit(debt, [f.member("alice")]);
  w.mine(ATTACKER_DORMANT_BLOCKS);
  return { f, w, mallory, own, open, fake, ctx: (m = mallory) => ({ height: w.height, wallet: plainWallet(w, m) }) };
}

/**
 * `tx`, an exit built on the genuine community box, with `box` (holding an escaped unit) in its
 * place as INPUTS(0); its successor gathers the units and, for the attacker's tree, books the
 * balances and takes the collateral as the genuine contract would. ERG balanced in `changeTree`.
 */
export function through(tx: EIP12UnsignedTransaction, box: Box<string>, closing: Account[], changeTree: string): EIP12UnsignedTransaction {
  return edit(tx, (d) => {
    const forfeited = closing.reduce((sum, a) => sum + forfeitNanoErg(a), 0n);
    const balances = closing.reduce((sum, a) => sum + a.balance, 0n);
    const registers = box.additionalRegisters.R7 ? { ...box.additionalRegisters, R7: longsConstant([0n, balances]) } : {};
    d.inputs[0] = { ...box, extension: {} };
    d.outputs[0] = {
      value: (BigInt(box.value) + forfeited).toString(),
      ergoTree: box.ergoTree,
      creationHeight: d.outputs[0]!.creationHeight,
      assets: [{ tokenId: box.assets[0]!.tokenId, amount: (1 + closing.length).toString() }],
      additionalRegisters: registers,
    };
    rebalance(d, changeTree);
  });
}

/**
 * An account box forged around the escaped unit in `unitBox`: any balance, mallory's own terms,
 * with the cap a join writes under "no cap" (the account contract enforces every cap; 0 is a cap of 0).
 */
export function forgeAccount(s: ReturnType<typeof escapedUnits>, unitBox: Box<string>, balance: bigint, accountId: string): Box<string> {
  const height = BigInt(s.w.height);
  const positiveCap = maxUnits(s.f.community().policy.maxMembers);
  const terms = { creditLimit: 100n, positiveCap, collateralNanoErg: 0n, inactivityBlocks: 0n, joinedHeight: height };
  const account = new OutputBuilder(SAFE_MIN_BOX_VALUE, ACCOUNT_ERGO_TREE)
    .addTokens({ tokenId: s.f.communityId, amount: 1n })
    .setAdditionalRegisters(accountRegisters({ owner: s.mallory.owner, balance, terms, accountId, lastActiveHeight: height }));
  const tx = new TransactionBuilder(s.w.height)
    .from([unitBox, ...plainWallet(s.w, s.mallory).utxos])
    .to(account)
    .payFee(RECOMMENDED_MIN_FEE_VALUE)
    .sendChangeTo(s.mallory.address)
    .build()
    .toEIP12Object();
  return s.w.submit(tx, [s.mallory]).outputs[0] as Box<string>;
}
