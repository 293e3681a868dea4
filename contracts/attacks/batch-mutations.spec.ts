/**
 * Contract version 5, random single edits of a valid batch: one element of one context variable of
 * the batch box moved by one (an index, an amount, a sum, a claim, n), a signature swapped or
 * nudged, or one successor's balance or nextSeq moved by one. Every such edit changes what the
 * batch says or what it does, so both interpreters must refuse each, alike. Seeded; the number of
 * runs comes from LETS_BATCH_MUTATION_RUNS (default 40). Collections made longer than the legs are
 * left out: an amount past the last leg is a known hole (batch-legs.spec.ts, "legs beyond the legs").
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SettlementPlan } from "../builders/settle.ts";
import { addLong, batchSetup, readVars, withVars, type BatchSetup, type BatchVars } from "../testing/batch-attack.ts";
import { edit, expectAccepted, expectRejected, type Tx } from "../testing/tx-edit.ts";

const RUNS = Number(process.env.LETS_BATCH_MUTATION_RUNS ?? 40);

/** A small deterministic generator (mulberry32), so a failing run can be replayed by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Field = Exclude<keyof BatchVars, "n">;
const FIELDS: Field[] = [
  "payers", "payees", "amounts", "expiries", "commitments", "responses", "offsets", "sentSums",
  "byPayee", "inverse", "receivedSums", "sent", "received", "counts",
];

interface Mutation {
  name: string;
  apply: (tx: Tx) => Tx;
}

/** One random edit of `base` (its variables `vars`), named for the report. */
function mutation(next: () => number, vars: BatchVars, accounts: number): Mutation {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const delta = pick([1, -1]);
  const kind = next();
  if (kind < 0.05) return { name: `n ${delta > 0 ? "+" : "-"}1`, apply: (tx) => withVars(tx, (v) => (v.n += delta)) };
  if (kind < 0.2) {
    const a = Math.floor(next() * accounts);
    const reg = pick(["R5", "R9"] as const);
    return { name: `successor ${a} ${reg} ${delta > 0 ? "+" : "-"}1`, apply: (tx) => edit(tx, (d) => addLong(d.outputs[a]!, reg, BigInt(delta))) };
  }
  const field = pick(FIELDS);
  const i = Math.floor(next() * (vars[field] as unknown[]).length);
  const name = `${field}[${i}] ${field === "commitments" ? "swapped" : delta > 0 ? "+1" : "-1"}`;
  return {
    name,
    apply: (tx) =>
      withVars(tx, (v) => {
        if (field === "commitments") v.commitments[i] = v.commitments[(i + 1) % v.commitments.length]!; // another leg's (six legs)
        else if (typeof v[field][i] === "bigint") (v[field] as bigint[])[i]! += BigInt(delta);
        else (v[field] as number[])[i]! += delta;
      }),
  };
}

describe("random single edits of a valid batch", () => {
  let s: BatchSetup;
  let plan: SettlementPlan;
  let base: Tx;

  beforeAll(() => {
    s = batchSetup();
    plan = s.plan([
      s.signed("alice", "dave", 10n),
      s.signed("alice", "carol", 5n, { seq: 1n }),
      s.signed("alice", "dave", 2n, { seq: 2n }),
      s.signed("bob", "dave", 7n),
      s.signed("carol", "alice", 3n),
      s.signed("dave", "mallory", 4n),
    ]);
    base = s.build(plan);
  });

  it(`refuses each of ${RUNS} edits, by both interpreters alike (twin: the builder's batch)`, () => {
    expectAccepted(s.w, base, s.signers);
    const vars = readVars(base);
    const next = random(20_261_203);
    const seen = new Set<string>();
    for (let run = 0; run < RUNS; run++) {
      const m = mutation(next, vars, plan.accounts.length);
      seen.add(m.name.split(/[[ ]/)[0]!);
      const tx = m.apply(base);
      expect(tx, m.name).not.toEqual(base);
      try {
        expectRejected(s.w, tx, s.signers);
      } catch (error) {
        throw new Error(`run ${run}, ${m.name}: ${(error as Error).message}`);
      }
    }
    // Each kind of edit was drawn at least once when the runs allow it.
    if (RUNS >= 40) expect(seen.size).toBeGreaterThanOrEqual(10);
  });
});
