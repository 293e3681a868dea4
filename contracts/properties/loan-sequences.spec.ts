/**
 * Property: ERG loans (docs/loans.md) under random histories. Each sequence draws random terms
 * (1-4 tranches, some milestones; 1-5 instalments; a grace of 0-30 blocks; a bond of 0.5-5 ERG),
 * then random actions: funding, draws (with and without the bank's signature), repayments by the
 * business or a stranger (within and beyond what is owed), claims (within and beyond what is
 * claimable), releases and cancels (in and out of turn), and blocks mined, some past the claim
 * window. An independent model (plain bigints, written here) says whether each action is due; the
 * builders must agree (build, or throw a typed error), and every built transaction goes through
 * both interpreters. When the model refuses a claim, a release or a cancel, the same transaction
 * built by hand must be refused by both. After every step:
 *   no ERG is created or lost: the unspent boxes hold what they held at the start;
 *   the bond is locked (its box holds its value at offer less the claims), or, once the loan ended,
 *   gone exactly once: returned to the bank or paid out in claims, never both for the same nanoERG;
 *   repaid + claimed never exceeds what is owed, and the investor received exactly `repaid` in
 *   outputs tagged with the loan's id;
 *   exactly one box holds the loan token while the loan lives, none after; the loan box holds the
 *   bank's deposit plus the undrawn principal.
 * LOAN_RUNS sequences (default 3, about 1.5 s each) of LOAN_LENGTH actions (default 24), seed LOAN_SEED.
 */
import { describe, expect, it } from "vitest";
import { cancelLoan, releaseBond, type OfferLoanIntent } from "../builders/loan-offer.ts";
import { claimBond, drawTranche, fundLoan, repayInstalment } from "../builders/loan-flow.ts";
import { rawClaim, rawEnd } from "../attacks/loan-helpers.ts";
import { LOAN_CLAIM_WINDOW_BLOCKS } from "../scripts.ts";
import { ERG, LoanFixture, MILESTONE } from "../testing/loan-fixture.ts";
import { agreed, type Member } from "../testing/world.ts";
import type { Tx } from "../testing/tx-edit.ts";
import { Random } from "../../util/prng.ts";

const RUNS = Number(process.env.LOAN_RUNS ?? 3);
const LENGTH = Number(process.env.LOAN_LENGTH ?? 24);
const SEED = Number(process.env.LOAN_SEED ?? 0x10a4);

type Tally = Map<string, number>;
const count = (tally: Tally, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

/** The model's loan: terms as drawn, state as the model expects it. */
interface Model {
  tranches: [bigint, bigint][];
  instalments: [bigint, bigint][];
  grace: bigint;
  bond: bigint;
  funded: boolean;
  drawn: number;
  repaid: bigint;
  claimed: bigint;
  ended: boolean;
}

const total = (m: Model) => m.instalments.reduce((s, [a]) => s + a, 0n);
const late = (m: Model, at: bigint) => m.instalments.reduce((s, [a, due]) => (at > due + m.grace ? s + a : s), 0n);
const lastDue = (m: Model) => m.instalments.reduce((x, [, due]) => (due > x ? due : x), 0n);
const undrawn = (m: Model) => m.tranches.slice(m.drawn).reduce((s, [a]) => s + a, 0n);

function randomTerms(rng: Random, height: number, business: string): OfferLoanIntent {
  const h = BigInt(height);
  const erg = (lo: number, hi: number) => BigInt(Math.round((lo + rng.next() * (hi - lo)) * 1000)) * 1_000_000n;
  const tranches = Array.from({ length: 1 + rng.int(4) }, () => ({ amountNanoErg: erg(0.1, 3), unlockHeight: rng.chance(0.25) ? MILESTONE : h + BigInt(rng.int(100)) }));
  let due = h + 5n;
  const instalments = Array.from({ length: 1 + rng.int(5) }, () => {
    due += BigInt(10 + rng.int(50));
    return { amountNanoErg: erg(0.1, 2), dueHeight: due };
  });
  return { tranches, instalments, graceBlocks: BigInt(rng.int(31)), business, bondNanoErg: erg(0.5, 5) };
}

/** The error class a build throws, or undefined when it builds. */
function build(make: () => Tx): Tx | string {
  try {
    return make();
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

class LoanRun {
  readonly f: LoanFixture;
  readonly m: Model;
  readonly start: bigint;
  readonly bondAtOffer: bigint;
  readonly deposit: bigint;
  bankRefund = 0n;

  constructor(readonly rng: Random, readonly tally: Tally) {
    let intent: OfferLoanIntent | undefined;
    this.f = new LoanFixture({ offer: (height, business) => (intent = randomTerms(rng, height, business)) });
    const i = intent!;
    this.m = {
      tranches: i.tranches.map((t) => [t.amountNanoErg, t.unlockHeight]),
      instalments: i.instalments.map((t) => [t.amountNanoErg, t.dueHeight]),
      grace: i.graceBlocks, bond: i.bondNanoErg, funded: false, drawn: 0, repaid: 0n, claimed: 0n, ended: false,
    };
    this.start = this.f.totalNanoErg();
    this.bondAtOffer = this.f.bond().valueNanoErg;
    this.deposit = this.f.loan().valueNanoErg;
  }

  get at(): bigint {
    return BigInt(this.f.world.height) + 1n;
  }

  /** Builds with the builder; the model's verdict must match; submits when built. */
  step(name: string, due: boolean, make: () => Tx, signers: Member[]): void {
    const tx = build(make);
    expect(typeof tx !== "string", `${name}: model says ${due ? "due" : "refused"}, builder ${typeof tx === "string" ? `threw ${tx}` : "built"}`).toBe(due);
    if (typeof tx === "string") {
      count(this.tally, `${name} refused`);
      return;
    }
    this.f.world.submit(tx, signers);
    count(this.tally, name);
  }

  /** A hand-built transaction the model refuses: both interpreters must refuse it. */
  refuse(name: string, tx: Tx, signers: Member[]): void {
    expect(agreed(this.f.world.judge(tx, signers)), `${name} built by hand was accepted`).toBe(false);
    count(this.tally, `${name} by hand refused`);
  }

  act(): void {
    const { f, m, rng } = this;
    if (m.ended) return this.mine();
    // unfunded: mostly a funding, rarely a cancel; funded: a cancel is tried now and then
    const kind = !m.funded && rng.chance(0.5) ? 0 : rng.chance(0.9) ? 1 + rng.int(5) : [6, 7][rng.int(2)]!;
    const live = () => ({ loan: f.loanBox(), bond: f.bondBox() });
    if (kind === 0) {
      this.step("fund", !m.funded, () => fundLoan({ loan: f.loanBox() }, f.ctx(f.investor)), [f.investor]);
      if (!m.funded) m.funded = true;
    } else if (kind === 1) {
      const milestone = rng.chance(0.3);
      const next = m.tranches[m.drawn];
      const due = m.funded && next !== undefined && (milestone || this.at >= next[1]);
      this.step("draw", due, () => drawTranche({ loan: f.loanBox(), milestone }, f.ctx(f.business)), milestone ? [f.business, f.bank] : [f.business]);
      if (due) m.drawn += 1;
      else if (m.funded && next && !milestone) this.refuse("locked draw", drawTranche({ loan: f.loanBox(), milestone: true }, f.ctx(f.business)), [f.business]);
    } else if (kind === 2) {
      const left = total(m) - m.repaid - m.claimed;
      const amount = rng.chance(0.15) ? left + 1_000_000n : 1_000_000n + BigInt(rng.int(Number(left > 2n * ERG ? 2n * ERG : left > 0n ? left : 1n)));
      const payer = rng.chance(0.5) ? f.business : f.stranger;
      const due = m.funded && amount <= left;
      this.step("repay", due, () => repayInstalment({ loan: f.loanBox(), amountNanoErg: amount }, f.ctx(payer)), [payer]);
      if (due) m.repaid += amount;
    } else if (kind === 3) {
      const claimable = m.funded ? late(m, this.at) - m.repaid - m.claimed : 0n;
      const room = f.bond().valueNanoErg - (this.bondAtOffer - m.bond);
      const limit = claimable < room ? claimable : room;
      const amount = rng.chance(0.2) ? (limit > 0n ? limit + 1n : 1_000_000n) : limit;
      const due = amount > 0n && amount <= limit;
      this.step("claim", due, () => claimBond({ ...live(), amountNanoErg: amount }, f.ctx(f.investor)), [f.investor]);
      if (due) m.claimed += amount;
      else if (m.funded && amount > claimable) this.refuse("claim beyond the missed amount", rawClaim(f, amount), [f.investor]);
    } else if (kind === 4 && rng.chance(0.5)) {
      const due = this.releasable();
      // unfunded, the same transaction is a cancel
      if (!due && m.funded) this.refuse("early release", rawEnd(f), [f.bank]);
      const bond = f.bond().valueNanoErg;
      const held = f.loan().valueNanoErg - undrawn(m);
      this.step("release", due, () => releaseBond(live(), f.ctx(f.bank)), [f.bank]);
      if (due) this.end(bond + held);
    } else if (kind === 6) {
      const due = !m.funded;
      // with nothing undrawn, a releasable loan's release is the same transaction
      if (!due && !(this.releasable() && undrawn(m) === 0n)) this.refuse("cancel of a funded loan", rawEnd(f), [f.bank]);
      const bond = f.bond().valueNanoErg;
      this.step("cancel", due, () => cancelLoan(live(), f.ctx(f.bank)), [f.bank]);
      if (due) this.end(bond + this.deposit);
    } else {
      this.mine();
    }
  }

  releasable(): boolean {
    const m = this.m;
    return m.funded && (m.repaid + m.claimed >= total(m) || this.at > lastDue(m) + m.grace + BigInt(LOAN_CLAIM_WINDOW_BLOCKS));
  }

  end(refund: bigint): void {
    this.m.ended = true;
    this.bankRefund = refund;
  }

  mine(): void {
    const far = this.rng.chance(0.1);
    this.f.world.mine(far ? LOAN_CLAIM_WINDOW_BLOCKS + 200 : 1 + this.rng.int(60));
    count(this.tally, far ? "mine past the claim window" : "mine");
  }

  /** Every invariant of the header. */
  check(): void {
    const { f, m } = this;
    expect(f.totalNanoErg(), "no ERG created or lost").toBe(this.start);
    expect(m.repaid + m.claimed <= total(m), "repaid + claimed within what is owed").toBe(true);
    const tagged = f.world.submitted.flatMap((tx) => tx.outputs).filter((o) => o.ergoTree === f.investor.ergoTree && o.additionalRegisters.R4 !== undefined);
    expect(tagged.reduce((s, o) => s + BigInt(o.value), 0n), "the investor received exactly what was repaid").toBe(m.repaid);
    const holders = [...f.world.utxos.values()].filter((b) => b.assets.some((a) => a.tokenId === f.loanId));
    if (!m.ended) {
      expect(holders.length).toBe(1);
      const loan = f.loan();
      expect([loan.drawn, loan.repaidNanoErg, loan.claimedNanoErg, loan.investor !== null]).toEqual([m.drawn, m.repaid, m.claimed, m.funded]);
      expect(loan.valueNanoErg, "deposit plus undrawn principal").toBe(this.deposit + (m.funded ? undrawn(m) : 0n));
      expect(f.bond().valueNanoErg, "the bond locked, less the claims").toBe(this.bondAtOffer - m.claimed);
    } else {
      expect(holders.length, "the loan token burnt").toBe(0);
      expect(() => f.bondBox(), "the bond gone exactly once").toThrow();
      expect(this.bankRefund, "the bank got back what the bond kept after claims").toBeGreaterThanOrEqual(this.bondAtOffer - m.claimed);
    }
  }
}

describe("loan sequences", () => {
  it(`${RUNS} random histories of ${LENGTH} actions: builders agree with the model, both interpreters agree, nothing minted, the bond paid out once (seed ${SEED})`, { timeout: 900_000 }, () => {
    const tally: Tally = new Map();
    for (let run = 0; run < RUNS; run++) {
      const r = new LoanRun(new Random(SEED + run, "loan-sequences"), tally);
      r.check();
      for (let k = 0; k < LENGTH; k++) {
        r.act();
        r.check();
      }
    }
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(Object.fromEntries(tally), null, 1)}\n`);
    expect(tally.size).toBeGreaterThan(3);
  });
});
