/**
 * Property: random mutations of the economics fields of honest economics transactions (payments,
 * a top-up, a sweep, a join, a leave, a default; every lever on, and every lever but demurrage)
 * are refused by both interpreters unless the mutated transaction is itself valid by the model's
 * rules (economics-rules.ts), and then accepted by both; the interpreters never disagree. The bases come from the builders
 * against a state the model followed (economics-pool.ts), signed by their own signers only.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { agreed, type Verdict } from "../testing/world.ts";
import { pay } from "../builders/pay.ts";
import { CreditLimitExceeded } from "../errors.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { econPolicy } from "../testing/policy.ts";
import { cloneTx, setRegister, type Tx } from "../testing/tx-edit.ts";
import { longConstant, longsConstant, readBytes, readLong, readLongs } from "../registers.ts";
import { ACCOUNT_ECON_ERGO_TREE } from "../scripts.ts";
import { breaches } from "./economics-rules.ts";
import { buildEconPool, type EconBase, type EconPool } from "./economics-pool.ts";
import { ECON_MUTATIONS, econRoleOf, type EconMutation, type EconRole, type MutationContext } from "./economics-mutation-kinds.ts";
import type { Draw } from "./mutation-kinds.ts";

/** Mutations per run: LETS_ECON_MUTATION_RUNS for a longer search (each takes about 50 ms). */
const RUNS = Number(process.env.LETS_ECON_MUTATION_RUNS ?? 300);
const SEED = Number(process.env.LETS_ECON_MUTATION_SEED ?? 0xec05eed);

const drawFrom = (g: fc.GeneratorValue): Draw => ({
  int: (min, max) => g(fc.integer, { min, max }),
  big: (min, max) => g(fc.bigInt, { min, max }),
  bytes: (length) => g(fc.uint8Array, { minLength: length, maxLength: length }),
});

interface Target {
  base: EconBase;
  index: number;
  role: EconRole;
}

/** A kind's targets grouped by role, so that rare roles are drawn too. */
function targetsOf(kind: EconMutation, bases: EconBase[]): Target[][] {
  const all = bases
    .filter((base) => !kind.bases || kind.bases.includes(base.kind))
    .flatMap((base) => base.tx.outputs.flatMap((_, index): Target[] => {
      const role = econRoleOf(base, index);
      return role ? [{ base, index, role }] : [];
    }));
  return kind.roles.map((role) => all.filter((t) => t.role === role)).filter((group) => group.length > 0);
}

const describeCase = (kind: EconMutation, t: Target, tx: Tx, verdict: Verdict, found: string[]) =>
  `${kind.name} on the ${t.role} (output ${t.index}) of "${t.base.name}"\n` +
  `model: ${found.length === 0 ? "valid" : found.join("; ")}\n` +
  `mock-chain: ${verdict.mock.ok ? "accepted" : verdict.mock.reason}\n` +
  `ergo-lib: ${verdict.ergoLib.ok ? "accepted" : `${verdict.ergoLib.stage}: ${verdict.ergoLib.reason.slice(0, 300)}`}\n` +
  `registers: ${JSON.stringify(tx.outputs.map((o) => o.additionalRegisters))}`;

describe("mutations of the economics fields of valid economics transactions", () => {
  let pools: EconPool[];
  let pool: EconPool;
  beforeAll(() => {
    pools = [buildEconPool("every lever"), buildEconPool("no demurrage")];
    pool = pools[0]!;
  });
  const judgeIn = (p: EconPool, base: EconBase, tx: Tx) => {
    const verdict = p.run.f.world.judge(tx, base.signers);
    return { verdict, found: breaches(p.run.model, tx, p.height, base.signer) };
  };
  const judge = (base: EconBase, tx: Tx) => judgeIn(pool, base, tx);

  it("every base is accepted by both interpreters and breaks no rule of the model", () => {
    for (const p of pools) {
      for (const base of p.bases) {
        const { verdict, found } = judgeIn(p, base, base.tx);
        expect(found, `${p.name}: ${base.name}`).toEqual([]);
        expect(agreed(verdict), `${p.name}: ${base.name}`).toBe(true);
      }
      expect(p.bases.map((b) => b.kind)).toEqual(["pay", "pay", "pay", "pay", "top-up", "sweep", "join", "exit", "exit"]);
    }
    expect(pools.map((p) => p.bases[5]!.name)).toEqual(["sweep bob, carol", "sweep alice, bob, erin"]);
  });

  // A long property run: its size is RUNS, and its time bound is generous on a shared machine.
  it(`${RUNS} random mutations: refused by both unless valid by the model, then accepted by both (seed ${SEED})`, { timeout: 900_000 }, () => {
    const targets = pools.map((p) => new Map(ECON_MUTATIONS.map((kind) => [kind, targetsOf(kind, p.bases)])));
    const drawn = new Map<string, number>();
    const tally = (key: string) => drawn.set(key, (drawn.get(key) ?? 0) + 1);
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const d = drawFrom(g);
        const which = d.int(0, pools.length - 1);
        const p = pools[which]!;
        const kind = ECON_MUTATIONS[d.int(0, ECON_MUTATIONS.length - 1)]!;
        const groups = targets[which]!.get(kind)!;
        const group = groups[d.int(0, groups.length - 1)]!;
        const target = group[d.int(0, group.length - 1)]!;
        const tx = cloneTx(target.base.tx);
        const ctx: MutationContext = { tx, index: target.index, role: target.role, d, model: p.run.model, height: p.height };
        kind.apply(ctx);
        expect(tx, `${kind.name} must change the transaction`).not.toEqual(target.base.tx);
        const { verdict, found } = judgeIn(p, target.base, tx);
        const say = () => describeCase(kind, target, tx, verdict, found);
        let accepted: boolean;
        try {
          accepted = agreed(verdict);
        } catch (error) {
          throw new Error(`${(error as Error).message}\n${say()}`);
        }
        if (found.length === 0 && !accepted) throw new Error(`REFUSED a mutation the rules allow:\n${say()}`);
        if (found.length > 0 && accepted) throw new Error(`ACCEPTED a mutation the rules refuse:\n${say()}`);
        if (!accepted && !verdict.ergoLib.ok && verdict.ergoLib.stage !== "sign") throw new Error(`refused by ledger rules only:\n${say()}`);
        const outcome = found.length === 0 ? "valid, accepted" : "refused";
        tally(kind.name);
        tally(`${kind.name} / ${target.role}`);
        tally(`${kind.name}: ${outcome}`);
        tally(`outcome: ${outcome}`);
        tally(`pool ${p.name}: ${outcome}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(Object.fromEntries([...drawn].sort()), null, 1)}\n`);
    for (const kind of ECON_MUTATIONS) {
      expect(drawn.get(kind.name) ?? 0, kind.name).toBeGreaterThanOrEqual(RUNS / ECON_MUTATIONS.length / 3);
      for (const role of new Set(targets[0]!.get(kind)!.flat().map((t) => t.role))) {
        expect(drawn.get(`${kind.name} / ${role}`) ?? 0, `${kind.name} / ${role}`).toBeGreaterThan(0);
      }
    }
    // Both sides: mutations the rules allow were drawn (and accepted), and refused ones.
    expect(drawn.get("outcome: valid, accepted") ?? 0).toBeGreaterThan(0);
    expect(drawn.get("outcome: refused") ?? 0).toBeGreaterThan(RUNS / 2);
    for (const p of pools) expect(drawn.get(`pool ${p.name}: valid, accepted`) ?? 0, p.name).toBeGreaterThan(0);
  });

  /** alice's payment of 25 to bob (she has 5 of her allowance left; the builder spends all 5), `more` units more spent. */
  const allowanceCase = (more: bigint) => {
    const base = pool.bases[0]!;
    expect(base.name).toBe("alice pays bob 25");
    const tx = cloneTx(base.tx);
    const out = tx.outputs.find((o) => o.ergoTree === ACCOUNT_ECON_ERGO_TREE && readBytes("R7", o.additionalRegisters.R7) === base.signer)!;
    const r9 = readLongs("R9", out.additionalRegisters.R9, 5);
    r9[3] = r9[3]! - more;
    setRegister(out, "R9", longsConstant(r9));
    setRegister(out, "R5", longConstant(readLong("R5", out.additionalRegisters.R5) + more));
    return { base, tx, allowanceLeft: r9[3] };
  };

  it("spending less allowance than the builder chose is valid and accepted by both", () => {
    const { base, tx, allowanceLeft } = allowanceCase(-2n);
    expect(allowanceLeft).toBe(2n);
    const { verdict, found } = judge(base, tx);
    expect(found).toEqual([]);
    expect(agreed(verdict)).toBe(true);
  });

  // Found by this property (fixed in 014004e): the payer's branch checked that the allowance spent
  // was >= 0, at most half of the purchase and inside the newcomer window, but not that it was at
  // most what is left (next(3) >= 0): a payer could drive its allowance negative.
  it("spending more allowance than is left is refused by both interpreters (a script refuses)", () => {
    const { base, tx, allowanceLeft } = allowanceCase(3n);
    expect(allowanceLeft).toBe(-3n);
    const { verdict, found } = judge(base, tx);
    expect(found).toEqual(["more allowance spent than is left"]);
    expect(agreed(verdict)).toBe(false);
    expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "sign" });
  });
});

describe("allowance spent beyond what is left, end to end", () => {
  /**
   * A community with no allowance (0) but a newcomer window: alice (credit limit 100) pays bob
   * 100, honestly; the same payment rewritten to give bob 200, alice's balance still -100 and her
   * allowance -100 (half of the purchase "from the allowance"). Worth is conserved, so only the
   * allowance rule can refuse it.
   */
  const setUp = () => {
    const f = new Fixture({ policy: econPolicy({ newcomerBlocks: 100n }), members: ["alice", "bob"] });
    const w = f.world;
    const honest = pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 100n }] }, { height: w.height });
    const tx = cloneTx(honest);
    const out = (name: string) => tx.outputs.find((o) => o.ergoTree === ACCOUNT_ECON_ERGO_TREE && readBytes("R7", o.additionalRegisters.R7) === f.account(name).accountId)!;
    setRegister(out("alice"), "R9", longsConstant([0n, BigInt(w.height), 0n, -100n, 0n]));
    setRegister(out("bob"), "R5", longConstant(200n));
    setRegister(out("bob"), "R9", longsConstant([0n, BigInt(w.height), 200n, 0n, 0n]));
    return { f, honest, tx };
  };

  it("the honest payment takes alice to her credit floor, and no further payment fits", () => {
    const { f, honest } = setUp();
    f.world.submit(honest, [f.member("alice")]);
    expect(f.account("alice").balance).toBe(-100n);
    expect(() => pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 1n }] }, { height: f.world.height })).toThrow(CreditLimitExceeded);
  });

  // Before 014004e both interpreters accepted it: alice at balance -100 with worth -200, twice her
  // credit limit below zero, all of which the community balance would absorb when she defaulted.
  it("paying twice the credit limit through a negative allowance is refused by both interpreters", () => {
    const { f, tx } = setUp();
    const verdict = f.world.judge(tx, [f.member("alice")]);
    expect(agreed(verdict)).toBe(false);
    expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "sign" });
  });
});

