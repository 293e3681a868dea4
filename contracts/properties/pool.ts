/**
 * A pool of valid LETS transactions, built by the builders against one community state, for the
 * mutation property: every base must be accepted by both interpreters before it is mutated.
 */
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { closeDormant } from "../builders/close-dormant.ts";
import { refreshCommunity } from "../builders/refresh.ts";
import { DORMANT_BLOCKS, MAX_AGE_BLOCKS } from "../scripts.ts";
import { govern } from "../builders/govern.ts";
import { join } from "../builders/join.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { Fixture, TEST_METADATA, TEST_POLICY } from "../testing/community-fixture.ts";
import type { Member } from "../testing/world.ts";
import type { Env } from "./mutation-kinds.ts";
import type { Tx } from "../testing/tx-edit.ts";

export interface Base {
  name: string;
  kind: "pay" | "join" | "exit" | "govern" | "refresh";
  tx: Tx;
  /** The keys the valid transaction needs, and only those. */
  signers: Member[];
}

export interface Pool {
  fixture: Fixture;
  bases: Base[];
  env: Env;
}

/**
 * Alice..erin and gina in a community high enough on the chain that `height - 10,000` is a valid
 * creation height. Gina holds 5 and nobody touched her box nor the community box for the dormancy
 * window; everyone else traded since: dave owes 25 and has been inactive past the window, and past
 * maxAgeBlocks, so a credit to him must move his mark (keeping it is a mutation); carol sits at 0
 * and can leave.
 */
export function buildPool(): Pool {
  const f = new Fixture({ members: ["alice", "bob", "carol", "dave", "erin", "gina"], height: 20_000 });
  const w = f.world;
  const box = (name: string) => f.account(name).box;
  const transfer = (from: string, to: string, amountUnits: bigint) =>
    w.submit(pay({ payer: box(from), payees: [{ account: box(to), amountUnits }] }, { height: w.height }), [f.member(from)]);
  transfer("alice", "gina", 5n);
  w.mine(DORMANT_BLOCKS);
  transfer("carol", "erin", 1n);
  transfer("erin", "carol", 1n);
  transfer("dave", "alice", 25n);
  transfer("alice", "bob", 1n);
  w.mine(Math.max(Number(TEST_POLICY.inactivityBlocks), MAX_AGE_BLOCKS) + 5);
  const frank = w.member("frank");
  const outsider = w.member("outsider");
  const ctx = (m?: Member) => (m ? { height: w.height, wallet: w.wallet(m) } : { height: w.height });
  const bases: Base[] = [
    {
      name: "pay 1 payee, fee from the account",
      kind: "pay",
      tx: pay({ payer: box("alice"), payees: [{ account: box("bob"), amountUnits: 10n }] }, ctx()),
      signers: [f.member("alice")],
    },
    {
      name: "pay 3 payees, fee from the account",
      kind: "pay",
      tx: pay({ payer: box("bob"), payees: ["alice", "carol", "erin"].map((n, i) => ({ account: box(n), amountUnits: BigInt(i + 4) })) }, ctx()),
      signers: [f.member("bob")],
    },
    {
      name: "pay 2 payees, fee from the wallet",
      kind: "pay",
      tx: pay({ payer: box("erin"), payees: [{ account: box("carol"), amountUnits: 3n }, { account: box("dave"), amountUnits: 7n }] }, ctx(f.member("erin"))),
      signers: [f.member("erin")],
    },
    { name: "join", kind: "join", tx: join({ community: f.communityBox(), owner: frank.owner }, ctx(frank)), signers: [frank] },
    { name: "leave", kind: "exit", tx: leave({ community: f.communityBox(), account: box("carol") }, ctx(f.member("carol"))), signers: [f.member("carol")] },
    { name: "default", kind: "exit", tx: closeDefaulted({ community: f.communityBox(), accounts: [box("dave")] }, ctx(outsider)), signers: [outsider] },
    { name: "close dormant", kind: "exit", tx: closeDormant({ community: f.communityBox(), accounts: [box("gina")] }, ctx(outsider)), signers: [outsider] },
    { name: "refresh", kind: "refresh", tx: refreshCommunity({ community: f.communityBox() }, ctx(outsider)), signers: [outsider] },
    {
      name: "govern",
      kind: "govern",
      tx: govern(
        { community: f.communityBox(), policy: { creditLimit: 200n, joinFeeNanoErg: 20_000_000n }, metadata: { ...TEST_METADATA, name: "Renamed" }, withdrawNanoErg: 5_000_000n },
        ctx(f.committee),
      ),
      signers: [f.committee],
    },
  ];
  const everyone = [...f.members, f.committee, frank, outsider];
  const p = TEST_POLICY;
  const env: Env = {
    height: w.height + 1,
    owners: everyone.map((m) => m.owner),
    p2pkTrees: everyone.map((m) => m.ergoTree),
    communityId: f.communityId,
    policyTerms: { creditLimit: p.creditLimit, positiveCap: p.positiveCap, collateralNanoErg: p.collateralNanoErg, inactivityBlocks: p.inactivityBlocks },
  };
  return { fixture: f, bases, env };
}
