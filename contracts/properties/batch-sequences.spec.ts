/**
 * Property: batch settlement (contract version 5) over random communities and random streams of
 * signed payment orders. Communities of 3-12 members join under drawn credit limits and caps;
 * members sign orders (small and oversized amounts, the next, stale, future and rival sequence
 * numbers, expired ones, ones signed by the wrong key or altered after signing, ones naming another
 * community or no account); owners revoke by raising nextSeq in an ordinary spend of their box;
 * random selections are settled in batches through planSettlement and settle, judged by both
 * interpreters (World.submit). An independent model (batch-order-model.ts) says first what each
 * order's fate must be and the planner must agree, order by order and reason by reason; after
 * every step every balance, nextSeq, lastActive and term equals the model's, the books sum to 0,
 * and no order (nor sequence number) is ever settled twice. Now and then a refused order is forced
 * alone into a batch: both interpreters must accept it exactly when the model says it may settle.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchRun } from "./batch-run.ts";
import { drawFrom, Tally } from "./batch-draw.ts";

/** Sequences per run: LETS_BATCH_SEQUENCE_RUNS for a longer search (each takes about 4 s). */
const RUNS = Number(process.env.LETS_BATCH_SEQUENCE_RUNS ?? 15);
const SEED = Number(process.env.LETS_BATCH_SEQUENCE_SEED ?? 0xba7c4);

describe("random streams of signed payment orders settled in batches", () => {
  // A long property run: its size is RUNS, and its time bound is generous on a shared machine.
  it(`${RUNS} communities of 3-12 members, each with orders, then 4-10 steps of orders, revocations, blocks and batches (seed ${SEED})`, { timeout: 900_000 }, () => {
    const tally = new Tally();
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const d = drawFrom(g);
        const run = new BatchRun(d, tally);
        run.check();
        run.sign();
        for (let steps = d.int(4, 10); steps > 0; steps--) {
          run.step();
          run.check();
        }
        // Every sequence ends with a batch, so that its last orders are judged too.
        run.batch();
        run.check();
      }),
      // A failure replays from its seed and path; shrinking would rebuild communities for minutes.
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(tally, null, 1)}\n`);
    const reasons = ["signature", "expired", "settled", "sequence", "credit", "cap", "account", "community"];
    for (const key of [...reasons.map((r) => `refused: ${r}`), "taken", "left", "revocation", "revocation of a held-back order", "revocation lowering nextSeq refused", "batch: an order given twice"]) {
      expect(tally.get(key), key).toBeGreaterThan(0);
    }
    const counted = (prefix: string) => [...tally.counts].filter(([k]) => k.startsWith(prefix)).reduce((s, [, n]) => s + n, 0);
    expect(counted("batch settled: 5+ legs"), "batches of 5 legs or more").toBeGreaterThan(0);
    expect(counted("batch settled"), "batches settled").toBeGreaterThanOrEqual(RUNS);
    const forced = [...tally.counts.keys()].filter((k) => k.startsWith("forced ") && k.includes(": "));
    expect(forced.filter((k) => k.endsWith("refused")).length, "kinds of refused orders the contract refuses when forced").toBeGreaterThanOrEqual(4);
    expect(forced.filter((k) => k.endsWith("accepted")).length, "orders refused only for another order, accepted when forced alone").toBeGreaterThan(0);
  });
});
