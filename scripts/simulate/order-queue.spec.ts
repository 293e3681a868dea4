/**
 * The settler's choice of a batch against the contracts' planner: on seeded random queues (their
 * size from LETS_ORDER_QUEUE_RUNS, default 80), the planner settles exactly the chosen orders and
 * refuses none, whatever order the random account ids give its legs; every account stays within
 * its floor and cap; each payer's orders are taken in sequence; every refusal has its reason.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { secp256k1 } from "@noble/curves/secp256k1";
import { describe, expect, it } from "vitest";
import { accountRegisters } from "../../contracts/account/account.ts";
import { ownerFromPublicKey } from "../../contracts/builders/common.ts";
import { planSettlement } from "../../contracts/builders/settle.ts";
import { orderId, signOrder } from "../../contracts/orders.ts";
import { ACCOUNT_ERGO_TREE } from "../../contracts/scripts.ts";
import { Random } from "../../util/prng.ts";
import { chooseBatch, type BatchAccount, type QueuedOrder } from "./order-queue.ts";

const RUNS = Number(process.env.LETS_ORDER_QUEUE_RUNS ?? 80);
const HEIGHT = 1_000;
const COMMUNITY = "c0".repeat(32);
const LIMITS = { maxOrders: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER, baseBytes: 0, height: HEIGHT };

interface Party {
  member: number;
  accountId: string;
  secret: Uint8Array;
  state: BatchAccount;
}

const randomId = (random: Random) => Array.from({ length: 32 }, () => random.int(256).toString(16).padStart(2, "0")).join("");

function party(member: number, random: Random, state: Omit<BatchAccount, "boxBytes">): Party {
  const secret = hex.decode(randomId(random).replace(/^00/, "01"));
  return { member, accountId: randomId(random), secret, state: { ...state, boxBytes: 690 } };
}

/** The account's box as a join or a payment would have written it. */
function boxOf(p: Party): Box<Amount> {
  const owner = ownerFromPublicKey(hex.encode(secp256k1.getPublicKey(p.secret, true)));
  const terms = { creditLimit: p.state.creditLimit, positiveCap: p.state.positiveCap, collateralNanoErg: 50_000_000n, inactivityBlocks: 0n, joinedHeight: 10n };
  return {
    boxId: p.accountId, transactionId: "ab".repeat(32), index: 0, value: 100_000_000n, ergoTree: ACCOUNT_ERGO_TREE, creationHeight: 900,
    assets: [{ tokenId: COMMUNITY, amount: 1n }],
    additionalRegisters: accountRegisters({ owner, balance: p.state.balance, terms, accountId: p.accountId, lastActiveHeight: 900n, nextSeq: p.state.nextSeq }),
  };
}

function order(from: Party, to: Party, amount: bigint, seq: bigint, expiry = BigInt(HEIGHT + 10)): QueuedOrder {
  const signed = signOrder({ communityId: COMMUNITY, payer: from.accountId, payee: to.accountId, amount, seq, expiry }, from.secret);
  return { signed, orderId: orderId(signed), payer: from.member, payee: to.member, signedBlock: 0 };
}

const live = (parties: Party[]) => new Map(parties.map((p) => [p.accountId, p.state]));

/** The planner on the chosen orders, with the boxes of every account they name. */
function planned(parties: Party[], take: QueuedOrder[]) {
  const named = new Set(take.flatMap((q) => [q.signed.payer, q.signed.payee]));
  return planSettlement(parties.filter((p) => named.has(p.accountId)).map(boxOf), take.map((q) => q.signed), HEIGHT);
}

describe("chooseBatch", () => {
  it("takes a receipt first and holds a payment that needs it for the next batch, where it settles", () => {
    const random = new Random(1, "hold");
    const [p, q, r] = [0, 1, 2].map((m) => party(m, random, { balance: m === 0 ? -45n : 0n, creditLimit: 50n, positiveCap: 1_000n, nextSeq: 0n })) as [Party, Party, Party];
    const queue = [order(q, p, 20n, 0n), order(p, r, 10n, 0n)];
    const first = chooseBatch(queue, live([p, q, r]), LIMITS);
    expect(first.take).toEqual([queue[0]]);
    expect(first.refuse).toEqual([]);
    Object.assign(p.state, { balance: -25n });
    Object.assign(q.state, { balance: -20n, nextSeq: 1n });
    expect(chooseBatch(queue.slice(1), live([p, q, r]), LIMITS).take).toEqual([queue[1]]);
  });

  it("refuses at the floor, the cap, after expiry and for a closed account, and holds the payer's later orders", () => {
    const random = new Random(2, "refuse");
    const [a, b, shop, gone] = [0, 1, 2, 3].map((m) => party(m, random, { balance: m === 2 ? 95n : 0n, creditLimit: 50n, positiveCap: 100n, nextSeq: 0n })) as [Party, Party, Party, Party];
    const queue = [order(a, b, 60n, 0n), order(a, b, 1n, 1n), order(b, shop, 10n, 0n), order(shop, gone, 5n, 0n), order(gone, a, 5n, 0n), order(b, a, 1n, 1n, BigInt(HEIGHT))];
    const choice = chooseBatch(queue, live([a, b, shop]), LIMITS);
    expect(choice.take).toEqual([]);
    expect(choice.refuse.map((r) => [queue.indexOf(r.order), r.reason])).toEqual([[0, "credit limit"], [2, "positive cap"], [3, "account closed"], [4, "account closed"], [5, "expired"]]);
  });

  it("stops at the most orders and bytes it is given", () => {
    const random = new Random(3, "limits");
    const parties = [0, 1, 2, 3, 4, 5].map((m) => party(m, random, { balance: 0n, creditLimit: 50n, positiveCap: 100n, nextSeq: 0n }));
    const queue = [0, 1, 2].map((i) => order(parties[2 * i]!, parties[2 * i + 1]!, 5n, 0n));
    expect(chooseBatch(queue, live(parties), { ...LIMITS, maxOrders: 2 }).take).toEqual(queue.slice(0, 2));
    const two = chooseBatch(queue.slice(0, 2), live(parties), LIMITS).bytes;
    const fitting = chooseBatch(queue, live(parties), { ...LIMITS, maxBytes: two });
    expect(fitting.take).toEqual(queue.slice(0, 2));
    expect(fitting.bytes).toBe(two);
  });

  it(`agrees with the contracts' planner on ${RUNS} random queues: it settles every chosen order and refuses none`, () => {
    const random = new Random(20_261_203, "order-queue");
    let taken = 0;
    let refused = 0;
    for (let run = 0; run < RUNS; run++) {
      const limit = BigInt(10 + random.int(60));
      const cap = BigInt(20 + random.int(120));
      const parties = Array.from({ length: 3 + random.int(6) }, (_, m) => party(m, random, { balance: BigInt(random.int(Number(limit + cap) + 1)) - limit, creditLimit: limit, positiveCap: cap, nextSeq: BigInt(random.int(4)) }));
      const issued = parties.map((p) => p.state.nextSeq);
      const queue: QueuedOrder[] = [];
      for (let n = 1 + random.int(25); n > 0; n--) {
        const from = random.int(parties.length);
        const to = (from + 1 + random.int(parties.length - 1)) % parties.length;
        const expiry = BigInt(HEIGHT + (random.chance(0.05) ? 0 : 5));
        queue.push(order(parties[from]!, parties[to]!, BigInt(1 + random.int(Number(limit))), issued[from]!++, expiry));
      }
      const open = parties.filter(() => random.chance(0.95));
      const choice = chooseBatch(queue, live(open), { ...LIMITS, maxOrders: 1 + random.int(30) });
      taken += choice.take.length;
      refused += choice.refuse.length;
      if (choice.take.length === 0) continue;
      const plan = planned(open, choice.take);
      expect(plan.refused.map((r) => r.error.message)).toEqual([]);
      expect(plan.legs.length).toBe(choice.take.length);
      plan.accounts.forEach((a, i) => {
        expect(plan.balances[i]!).toBeGreaterThanOrEqual(-a.terms.creditLimit);
        expect(plan.balances[i]!).toBeLessThanOrEqual(a.terms.positiveCap);
      });
      for (const p of parties) {
        const seqs = choice.take.filter((q) => q.payer === p.member).map((q) => q.signed.seq);
        expect(seqs).toEqual(seqs.map((_, i) => p.state.nextSeq + BigInt(i)));
      }
      for (const { order: q, reason } of choice.refuse) {
        expect(choice.take).not.toContain(q);
        const closed = !open.includes(parties[q.payer]!) || !open.includes(parties[q.payee]!);
        if (reason === "account closed") expect(closed).toBe(true);
        if (reason === "expired") expect(q.signed.expiry).toBeLessThan(BigInt(HEIGHT + 1));
      }
    }
    // The runs exercised both outcomes.
    expect(taken).toBeGreaterThan(RUNS);
    expect(refused).toBeGreaterThan(RUNS / 10);
  });
});
