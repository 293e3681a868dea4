/**
 * Valid batch settlements for the mutation property (batch-mutations.spec.ts), built by
 * planSettlement and settle against one state of a plain community: each is accepted by both
 * interpreters as it stands, and each is one shape a batch can take.
 */
import type { Account } from "../account/account.ts";
import { planSettlement, settle, type SettlementPlan } from "../builders/settle.ts";
import { signOrder, type SignedOrder } from "../orders.ts";
import { BATCH_ERGO_TREE, MAX_AGE_BLOCKS, MIN_BOX_VALUE } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import type { Member } from "../testing/world.ts";
import type { Tx } from "../testing/tx-edit.ts";
import type { Env } from "./mutation-kinds.ts";
import { expectationOf, type Expectation } from "./batch-outcome.ts";

export interface BatchBase {
  name: string;
  tx: Tx;
  plan: SettlementPlan;
  expectation: Expectation;
  /** Live accounts of the community the batch leaves alone. */
  idle: Account[];
}

export interface BatchPool {
  fixture: Fixture;
  settler: Member;
  bases: BatchBase[];
  env: Env;
}

const POLICY = testPolicy({ creditLimit: 40n, positiveCap: 60n });
const MEMBERS = ["alice", "bob", "carol", "dave", "erin", "frank"];
type Leg = [from: string, to: string, amount: bigint];

/**
 * Six members high on the chain. A first batch leaves alice at 25, bob at 5, carol at 7, frank at
 * 0, dave owing 30 and erin owing 7, each past its first order; then no one is active for longer
 * than maxAgeBlocks, so a credit to dave must move his mark. The bases:
 * one order; eight orders of three payers to six accounts (some both payer and payee, dave in
 * debt, carol credited and positive, frank new); and two payers taking carol exactly to her floor
 * and frank exactly to his cap.
 */
export function buildBatchPool(): BatchPool {
  const f = new Fixture({ policy: POLICY, members: MEMBERS, height: 20_000 });
  const w = f.world;
  const settler = w.member("settler");
  const sign = (legs: Leg[]): SignedOrder[] => {
    const used = new Map<string, bigint>();
    return legs.map(([from, to, amount], i) => {
      const payer = f.account(from);
      const seq = payer.nextSeq! + (used.get(from) ?? 0n);
      used.set(from, (used.get(from) ?? 0n) + 1n);
      const order = { communityId: f.communityId, payer: payer.accountId, payee: f.account(to).accountId, amount, seq, expiry: BigInt(w.height + 40 + 3 * i) };
      return signOrder(order, f.member(from).party.key.privateKey as Uint8Array);
    });
  };
  const plan = (legs: Leg[]): SettlementPlan => {
    const planned = planSettlement(MEMBERS.map((m) => f.account(m).box), sign(legs), w.height);
    if (planned.refused.length > 0) throw new Error(`pool: an order is refused: ${planned.refused[0]!.error.message}`);
    return planned;
  };
  const verifier = () => w.addBox({ ergoTree: BATCH_ERGO_TREE, value: MIN_BOX_VALUE });
  const ctx = () => ({ height: w.height, wallet: w.wallet(settler) });
  w.submit(settle({ verifier: verifier(), plan: plan([["dave", "alice", 30n], ["alice", "bob", 5n], ["erin", "carol", 10n], ["carol", "erin", 3n], ["bob", "frank", 5n], ["frank", "bob", 5n]]) }, ctx()), [settler]);
  w.mine(MAX_AGE_BLOCKS + 5);
  const box = verifier();
  const base = (name: string, legs: Leg[]): BatchBase => {
    const p = plan(legs);
    const idle = MEMBERS.map((m) => f.account(m)).filter((a) => !p.accounts.some((b) => b.accountId === a.accountId));
    return { name, tx: settle({ verifier: box, plan: p }, ctx()), plan: p, expectation: expectationOf(p, w.height + 1), idle };
  };
  const bases = [
    base("one order", [["alice", "bob", 7n]]),
    base("eight orders, three payers, six accounts", [
      ["alice", "bob", 3n], ["alice", "dave", 4n], ["alice", "carol", 2n], ["bob", "dave", 5n], ["bob", "alice", 1n],
      ["erin", "frank", 6n], ["erin", "dave", 2n], ["erin", "alice", 9n],
    ]),
    base("to the floor and to the cap", [["carol", "frank", 47n], ["bob", "frank", 13n]]),
  ];
  const everyone = [...f.members, f.committee, settler];
  const env: Env = {
    height: w.height + 1,
    owners: everyone.map((m) => m.owner),
    p2pkTrees: everyone.map((m) => m.ergoTree),
    communityId: f.communityId,
    policyTerms: { creditLimit: POLICY.creditLimit, positiveCap: POLICY.positiveCap, collateralNanoErg: POLICY.collateralNanoErg, inactivityBlocks: POLICY.inactivityBlocks },
  };
  return { fixture: f, settler, bases, env };
}
