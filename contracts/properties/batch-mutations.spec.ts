/**
 * Property: single mutations of valid batch settlements (contract version 5) are refused by both
 * interpreters whenever they change what the batch does. The bases come from planSettlement and
 * settle (batch-pool.ts); each mutation changes one thing: an element of one of the batch box's
 * context variables 0..14 (changed, swapped, dropped, duplicated, the collection resized, removed
 * or retyped), one thing about one successor (R4..R9, value, tokens, script, creation height, the
 * successors' order and number), or one leg with every variable and successor rewritten to match
 * (batch-leg-mutations.ts). The interpreters must always agree. A mutation both accept must still
 * be a settlement of the orders the payers signed (batch-outcome.ts): the same accounts, each
 * balance, nextSeq and owner exactly as those orders give; otherwise it is a hole.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { SColl, SLong } from "@fleet-sdk/serializer";
import { LONG_MAX } from "../long.ts";
import { longConstant } from "../registers.ts";
import { BATCH_AGE_BLOCKS } from "../scripts.ts";
import { changeIndex, cloneTx, moveErg, output, setRegister, type Tx } from "../testing/tx-edit.ts";
import { agreed, type Verdict } from "../testing/world.ts";
import { drawFrom, Tally } from "./batch-draw.ts";
import { addIdle, LEG_MUTATIONS, rederive } from "./batch-leg-mutations.ts";
import { breaches } from "./batch-outcome.ts";
import { OUTPUT_MUTATIONS } from "./batch-output-mutations.ts";
import { buildBatchPool, type BatchBase, type BatchPool } from "./batch-pool.ts";
import { describeVars, VAR_MUTATIONS, type BatchMutation } from "./batch-var-mutations.ts";

const MUTATIONS: readonly BatchMutation[] = [...VAR_MUTATIONS, ...OUTPUT_MUTATIONS, ...LEG_MUTATIONS];
/** Mutations per run, spread evenly over the kinds, each at least once: LETS_BATCH_MUTATION_RUNS for more (each takes about 0.2 s). */
const RUNS = Math.max(Number(process.env.LETS_BATCH_MUTATION_RUNS ?? 200), MUTATIONS.length);
const SEED = Number(process.env.LETS_BATCH_MUTATION_SEED ?? 0xba7c5eed);

const describeCase = (kind: BatchMutation, base: BatchBase, tx: Tx, verdict: Verdict, found: string[]) =>
  `${kind.name} on "${base.name}"\n` +
  `model: ${found.length === 0 ? "a settlement of the signed orders" : found.join("; ")}\n` +
  `mock-chain: ${verdict.mock.ok ? "accepted" : verdict.mock.reason}\n` +
  `ergo-lib: ${verdict.ergoLib.ok ? "accepted" : `${verdict.ergoLib.stage}: ${verdict.ergoLib.reason.slice(0, 300)}`}\n` +
  `variables: ${describeVars(tx)}\n` +
  `successors: ${JSON.stringify(tx.outputs.slice(0, base.plan.accounts.length + 1).map((o) => ({ value: o.value, h: o.creationHeight, assets: o.assets, r: o.additionalRegisters })))}`;

describe("single mutations of valid batch settlements", () => {
  let pool: BatchPool;
  beforeAll(() => {
    pool = buildBatchPool();
  });
  const judge = (base: BatchBase, tx: Tx) => ({ verdict: pool.fixture.world.judge(tx, [pool.settler]), found: breaches(tx, base.expectation) });

  it("every base is accepted by both interpreters and is a settlement of its signed orders", () => {
    for (const base of pool.bases) {
      const { verdict, found } = judge(base, base.tx);
      expect(found, base.name).toEqual([]);
      expect(agreed(verdict), base.name).toBe(true);
    }
    expect(pool.bases.map((b) => b.plan.legs.length)).toEqual([1, 8, 2]);
  });

  // A long property run: its size is RUNS, and its time bound is generous on a shared machine.
  it(`${RUNS} mutations over ${MUTATIONS.length} kinds: every harmful one refused by both interpreters, which always agree (seed ${SEED})`, { timeout: 900_000 }, () => {
    const tally = new Tally();
    MUTATIONS.forEach((kind, k) => {
      const bases = pool.bases.filter((b) => kind.applies(b));
      expect(bases.length, `${kind.name} applies to a base`).toBeGreaterThan(0);
      const runs = Math.floor(RUNS / MUTATIONS.length) + (k < RUNS % MUTATIONS.length ? 1 : 0);
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const d = drawFrom(g);
          const base = d.pick(bases);
          const tx = cloneTx(base.tx);
          kind.apply(tx, base, d, pool.env);
          expect(tx, `${kind.name} must change the transaction`).not.toEqual(base.tx);
          const { verdict, found } = judge(base, tx);
          let accepted: boolean;
          try {
            accepted = agreed(verdict);
          } catch (error) {
            throw new Error(`DISAGREEMENT: ${(error as Error).message}\n${describeCase(kind, base, tx, verdict, found)}`);
          }
          if (accepted && found.length > 0) throw new Error(`HOLE: both interpreters accept\n${describeCase(kind, base, tx, verdict, found)}`);
          tally.add(`tried: ${kind.name}`);
          // sign: a script refused; validate: a ledger rule (tokens, ERG, dust) refused after the scripts passed.
          tally.add(`${accepted ? "accepted (harmless)" : verdict.ergoLib.ok ? "?" : `refused at ${verdict.ergoLib.stage}`}: ${kind.name}`);
        }),
        { numRuns: Math.max(runs, 1), seed: SEED + k },
      );
    });
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(tally, null, 1)}\n`);
    for (const kind of MUTATIONS) expect(tally.get(`tried: ${kind.name}`), kind.name).toBeGreaterThan(0);
    // Harmless by construction: more ERG in an account, paid by the settler.
    expect(tally.get("accepted (harmless): value up"), "value up").toBeGreaterThan(0);
  });

  // The passing twins of what some kinds draw on purpose: changes the rules allow.
  it("changes the rules allow are accepted by both interpreters and are settlements of the signed orders", () => {
    const [one, eight] = pool.bases as [BatchBase, BatchBase, BatchBase];
    const h = pool.env.height;
    const legs = eight.plan.legs;
    // A payer's last order whose payee keeps another leg: without it, a smaller valid batch.
    const last = legs.findIndex((l, j) => legs[j + 1]?.payer !== l.payer && legs.some((m, k) => k !== j && (m.payer === l.payee || m.payee === l.payee)));
    const twins: [string, BatchBase, (tx: Tx) => void][] = [
      ["more ERG in the payee's successor, from the settler's change", one, (tx) => moveErg(output(tx, changeIndex(tx)!), output(tx, 1), 1_000_000n)],
      ["the payer marks activity exactly batchAgeBlocks back", one, (tx) => setRegister(output(tx, 0), "R8", longConstant(BigInt(h - BATCH_AGE_BLOCKS)))],
      [`a payer's last order left out, everything re-derived (leg ${last})`, eight, (tx) => rederive(tx, eight, legs.filter((_, j) => j !== last))],
    ];
    for (const [name, base, change] of twins) {
      const tx = cloneTx(base.tx);
      change(tx);
      expect(tx, name).not.toEqual(base.tx);
      const { verdict, found } = judge(base, tx);
      expect(found, name).toEqual([]);
      expect(agreed(verdict), name).toBe(true);
    }
  });

  // Per-account claims are checked where a payer's or payee's legs end, and elsewhere only by
  // their sums and signs: claims that only a wrapping Long sum would balance must be refused.
  it("claims that a wrapping Long sum would balance are refused by both (idle debtors credited and debited 2^63 - 1, marked active)", () => {
    const base = pool.bases[0]!;
    const [dave, erin, carol] = ["dave", "erin", "carol"].map((name) => pool.fixture.account(name));
    const idle = [dave!, erin!, carol!];
    expect(idle.map((a) => a.balance < 0n)).toEqual([true, true, false]);
    const h = pool.env.height;
    const tx = cloneTx(base.tx);
    const huge = LONG_MAX;
    addIdle(tx, base, idle, h - 1, (a) => (a.balance < 0n ? BigInt(h - 1) : a.lastActiveHeight), (vars) => ({
      ...vars,
      12: SColl(SLong, [7n, 0n, huge, huge, 2n]).toHex(),
      13: SColl(SLong, [0n, 7n, huge, huge, 2n]).toHex(),
    }));
    const { verdict, found } = judge(base, tx);
    expect(found).toContain(`${dave!.accountId.slice(0, 8)}: spent with no order of its own or to it`);
    expect(agreed(verdict), "a wrapped sum").toBe(false);
    // The twin: the same accounts with honest (zero) claims are refused too, for having no leg.
    const honest = cloneTx(base.tx);
    addIdle(honest, base, idle, h - 1);
    expect(agreed(judge(base, honest).verdict), "idle accounts").toBe(false);
  });
});
