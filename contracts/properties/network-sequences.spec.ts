/**
 * Property: random sequences of local and cross payments (one or two hops, any shard, one or two
 * payments per transaction) and pauses among three communities A, B, C joined by lines AB, BC and
 * AC keep every invariant of docs/inter-lets.md. A plain model below decides on its own, from the
 * rules of the design, what each payment does and which must be refused; the builders must refuse
 * exactly those with the typed error the model names (and the chain must not change), and
 * everything else must be accepted by both interpreters. After every step: each community's books
 * sum to zero (gateways included), every account is within its limits, every gateway's trade
 * position within its exposure cap per shard, per shard D = tA × rateNum + tB × rateDen >= 0
 * (value never created by the rate), and every balance and fee equals the model's.
 */
import type { Box } from "@fleet-sdk/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossPay, type HopBoxes } from "../builders/cross-pay.ts";
import { pauseLine } from "../builders/line-admin.ts";
import { LetsError } from "../errors.ts";
import { decodeAccount } from "../account/account.ts";
import { decodeGateway, type LineTerms, type Side } from "../line/line.ts";
import { Network } from "../testing/network-fixture.ts";
import { testPolicy } from "../testing/policy.ts";

/** Sequences per run: LETS_NETWORK_SEQUENCE_RUNS for a longer search. */
const RUNS = Number(process.env.LETS_NETWORK_SEQUENCE_RUNS ?? 120);
const SEED = 0x11e5;

const COMMUNITIES = ["A", "B", "C"] as const;
const MEMBERS = ["alice", "bob", "carol"];
/** Small limits, so that a few payments reach the floor and the cap. 10 seats: 3 members and up to 4 gateways. */
const POLICY = testPolicy({ creditLimit: 100n, positiveCap: 150n });

interface LineSpec {
  a: string;
  b: string;
  terms: LineTerms;
}
/** Three lines with different rates, fees, caps (small enough to be reached) and shards. */
const LINES: LineSpec[] = [
  { a: "A", b: "B", terms: { rateNum: 3n, rateDen: 2n, capA: 120n, capB: 90n, feeA: 100n, feeB: 50n, shards: 2n } },
  { a: "B", b: "C", terms: { rateNum: 5n, rateDen: 7n, capA: 200n, capB: 150n, feeA: 0n, feeB: 250n, shards: 2n } },
  { a: "A", b: "C", terms: { rateNum: 1n, rateDen: 1n, capA: 60n, capB: 60n, feeA: 30n, feeB: 0n, shards: 1n } },
];

// ---------------------------------------------------------------- the rules, written again here

/** ceil(amount × bps / 10,000). */
const feeOf = (amount: bigint, bps: bigint): bigint => {
  const p = amount * bps;
  return p / 10_000n + (p % 10_000n === 0n ? 0n : 1n);
};
/** floor(amount × rate), the rate of side `from` (A: num/den, B: den/num). */
const converted = (t: LineTerms, from: Side, amount: bigint): bigint =>
  from === 0 ? (amount * t.rateNum) / t.rateDen : (amount * t.rateDen) / t.rateNum;
const senderBps = (t: LineTerms, from: Side) => (from === 0 ? t.feeA : t.feeB);
const receiverBps = (t: LineTerms, from: Side) => (from === 0 ? t.feeB : t.feeA);
/** The largest z with z + its fee <= available, by counting down: a forwarding community's send. */
function forwardable(available: bigint, bps: bigint): bigint {
  let z = available;
  while (z > 0n && z + feeOf(z, bps) > available) z -= 1n;
  return z;
}

// ---------------------------------------------------------------- actions

interface PaymentAction {
  /** 0: local, 1: the direct line, 2: through the third community. */
  hops: 0 | 1 | 2;
  /** Which other community (hops > 0), and which member of the payee's community. */
  target: number;
  payee: number;
  shards: [number, number];
  amount: bigint;
}
type Action =
  | { kind: "pay"; payer: number; payments: PaymentAction[] }
  | { kind: "pause"; line: number; side: Side };

/** Mostly amounts that fit, often past a limit or a cap, sometimes too small to cross, sometimes 0. */
const amountArb = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt(3n, 40n) },
  { weight: 3, arbitrary: fc.bigInt(41n, 160n) },
  { weight: 1, arbitrary: fc.bigInt(1n, 2n) },
  { weight: 1, arbitrary: fc.constant(0n) },
);
const paymentArb: fc.Arbitrary<PaymentAction> = fc.record({
  hops: fc.oneof({ weight: 2, arbitrary: fc.constant(0 as const) }, { weight: 4, arbitrary: fc.constant(1 as const) }, { weight: 3, arbitrary: fc.constant(2 as const) }),
  target: fc.nat(1),
  payee: fc.nat(2),
  shards: fc.tuple(fc.nat(1), fc.nat(1)),
  amount: amountArb,
});
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("pay" as const), payer: fc.nat(8), payments: fc.array(paymentArb, { minLength: 1, maxLength: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("pay" as const), payer: fc.nat(8), payments: fc.array(paymentArb, { minLength: 2, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("pause" as const), line: fc.nat(LINES.length - 1), side: fc.constantFrom<Side>(0, 1) }) },
);
const sequenceArb = fc.array(actionArb, { minLength: 4, maxLength: 8 });

// ---------------------------------------------------------------- the model

interface GatewayModel {
  balance: bigint;
  fees: bigint;
}
/** One hop as the model plans it. */
interface HopPlan {
  line: number;
  from: Side;
  shard: number;
  sent: bigint;
  senderFee: bigint;
  converted: bigint;
  receiverFee: bigint;
}
type Plan = { ok: true; debit: bigint; payments: { payee: string; received: bigint; hops: HopPlan[] }[] } | { ok: false; error: string };

class NetworkModel {
  readonly balances = new Map<string, bigint>();
  readonly gateways = new Map<string, GatewayModel>();
  readonly paused = LINES.map(() => [false, false]);

  constructor() {
    for (const c of COMMUNITIES) for (const m of MEMBERS) this.balances.set(`${m}@${c}`, 0n);
    LINES.forEach((l, i) => {
      for (let shard = 0; shard < Number(l.terms.shards); shard++) for (const side of [0, 1]) this.gateways.set(gwKey(i, side as Side, shard), { balance: 0n, fees: 0n });
    });
  }

  gateway(line: number, side: Side, shard: number): GatewayModel {
    return this.gateways.get(gwKey(line, side, shard))!;
  }

  /** What the builder must do with these payments, in the order it checks. */
  plan(payer: string, payments: { payee: string; amount: bigint; route: Route }[]): Plan {
    const seen = new Set([payer]);
    const used = new Set<string>();
    const planned: Extract<Plan, { ok: true }>["payments"] = [];
    for (const p of payments) {
      if (p.amount <= 0n) return { ok: false, error: "InvalidAmount" };
      if (seen.has(p.payee)) return { ok: false, error: "InvalidIntent" };
      seen.add(p.payee);
      let arriving = p.amount;
      const hops: HopPlan[] = [];
      for (const [h, step] of p.route.entries()) {
        const t = LINES[step.line]!.terms;
        if (this.paused[step.line]![1 - step.from]) return { ok: false, error: "LinePaused" };
        const sent = h === 0 ? arriving : forwardable(arriving, senderBps(t, step.from));
        const senderFee = h === 0 ? feeOf(sent, senderBps(t, step.from)) : arriving - sent;
        const conv = converted(t, step.from, sent);
        if (sent <= 0n || conv <= 0n) return { ok: false, error: "InvalidIntent" };
        const cap = (step.from === 0 ? t.capA : t.capB) / t.shards;
        const receiver = this.gateway(step.line, (1 - step.from) as Side, step.shard);
        if (receiver.balance - receiver.fees - conv + cap < 0n) return { ok: false, error: "LineExposureExceeded" };
        for (const side of [step.from, 1 - step.from]) {
          const key = gwKey(step.line, side as Side, step.shard);
          if (used.has(key)) return { ok: false, error: "InvalidIntent" };
          used.add(key);
        }
        const receiverFee = feeOf(conv, receiverBps(t, step.from));
        hops.push({ line: step.line, from: step.from, shard: step.shard, sent, senderFee, converted: conv, receiverFee });
        arriving = conv - receiverFee;
      }
      if (arriving <= 0n) return { ok: false, error: "InvalidIntent" };
      if (this.balances.get(p.payee)! + arriving > POLICY.positiveCap) return { ok: false, error: "PositiveCapExceeded" };
      planned.push({ payee: p.payee, received: arriving, hops });
    }
    const debit = planned.reduce((s, p) => s + (p.hops.length === 0 ? p.received : p.hops[0]!.sent + p.hops[0]!.senderFee), 0n);
    if (this.balances.get(payer)! - debit + POLICY.creditLimit < 0n) return { ok: false, error: "CreditLimitExceeded" };
    return { ok: true, debit, payments: planned };
  }

  apply(payer: string, plan: Extract<Plan, { ok: true }>): void {
    this.balances.set(payer, this.balances.get(payer)! - plan.debit);
    for (const p of plan.payments) {
      this.balances.set(p.payee, this.balances.get(p.payee)! + p.received);
      for (const h of p.hops) {
        const s = this.gateway(h.line, h.from, h.shard);
        s.balance += h.sent + h.senderFee;
        s.fees += h.senderFee;
        const r = this.gateway(h.line, (1 - h.from) as Side, h.shard);
        r.balance -= h.converted - h.receiverFee;
        r.fees += h.receiverFee;
      }
    }
  }
}

const gwKey = (line: number, side: Side, shard: number) => `${line}/${side}/${shard}`;

/** A route: for each hop, the line, the side it leaves from, and the shard. */
type Route = { line: number; from: Side; shard: number }[];

/** The line joining communities x and y, and the side x is on. */
function lineBetween(x: string, y: string): { line: number; from: Side } {
  const line = LINES.findIndex((l) => (l.a === x && l.b === y) || (l.a === y && l.b === x));
  if (line < 0) throw new Error(`no line ${x}-${y}`);
  return { line, from: LINES[line]!.a === x ? 0 : 1 };
}

// ---------------------------------------------------------------- the chain

type Tally = Map<string, number>;
const count = (tally: Tally, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

class Sequences {
  readonly n = new Network([...COMMUNITIES], { members: MEMBERS, policy: POLICY });
  readonly lineIds: string[];
  private readonly base: { utxos: Map<string, Box<string>>; height: number; submitted: number };
  /** accountId -> "member@community". */
  private readonly names = new Map<string, string>();
  model = new NetworkModel();

  constructor(private readonly tally: Tally) {
    this.lineIds = LINES.map((l) => this.n.openLine(l.a, l.b, l.terms));
    for (const c of COMMUNITIES) for (const m of MEMBERS) this.names.set(this.n.c(c).account(`${m}@${c}`).accountId, `${m}@${c}`);
    const w = this.n.world;
    this.base = { utxos: new Map(w.utxos), height: w.height, submitted: w.submitted.length };
  }

  /** Back to the chain right after the lines opened: every sequence starts from the same state. */
  reset(): void {
    const w = this.n.world;
    w.utxos.clear();
    for (const [id, box] of this.base.utxos) w.utxos.set(id, box);
    w.height = this.base.height;
    w.submitted.length = this.base.submitted;
    this.model = new NetworkModel();
  }

  run(action: Action): void {
    if (action.kind === "pause") return this.pause(action);
    const { n } = this;
    const payerCommunity = COMMUNITIES[Math.floor(action.payer / MEMBERS.length)]!;
    const payer = `${MEMBERS[action.payer % MEMBERS.length]}@${payerCommunity}`;
    const resolved = action.payments.map((p) => {
      const others = COMMUNITIES.filter((c) => c !== payerCommunity);
      const target = p.hops === 0 ? payerCommunity : others[p.target]!;
      const via = others.find((c) => c !== target)!;
      const path = p.hops === 0 ? [] : p.hops === 1 ? [[payerCommunity, target]] : [[payerCommunity, via], [via, target]];
      const route: Route = path.map(([x, y], h) => ({ ...lineBetween(x!, y!), shard: p.shards[h]! % Number(LINES[lineBetween(x!, y!).line]!.terms.shards) }));
      // A local payee is another member (the payer paying itself is refused, and two payments to
      // one payee still are); a payee across a line is any member of that community.
      const payerIndex = action.payer % MEMBERS.length;
      const payee = p.hops === 0 && p.payee === payerIndex ? (p.payee + 1) % MEMBERS.length : p.payee;
      return { payee: `${MEMBERS[payee]}@${target}`, amount: p.amount, route, hops: p.hops };
    });
    const label = resolved.map((p) => (p.hops === 0 ? "local" : `${p.hops}-hop`)).join(" + ");
    const plan = this.model.plan(payer, resolved);
    const before = this.snapshot();
    let built: ReturnType<typeof crossPay> | undefined;
    try {
      built = crossPay(
        {
          payer: this.account(payer).box,
          payments: resolved.map((p) => ({
            payee: this.account(p.payee).box,
            amountUnits: p.amount,
            hops: p.route.map((h): HopBoxes => n.hop(this.lineIds[h.line]!, h.from === 0 ? LINES[h.line]!.a : LINES[h.line]!.b, h.shard)),
          })),
        },
        { height: n.world.height },
      );
    } catch (error) {
      if (!(error instanceof LetsError)) throw error;
      if (plan.ok) throw new Error(`${label}: builder refused with ${error.name} (${error.message}); the model expected success`);
      expect(error.name, `${label}: ${error.message}`).toBe(plan.error);
      expect(this.snapshot(), "a refused payment changes nothing").toEqual(before);
      count(this.tally, `${label} refused: ${error.name}`);
      return;
    }
    if (!plan.ok) throw new Error(`${label}: built although the model expected ${plan.error}`);
    n.world.submit(built, [this.member(payer)]);
    this.model.apply(payer, plan);
    count(this.tally, `${label} accepted`);
  }

  private pause(action: Extract<Action, { kind: "pause" }>): void {
    const spec = LINES[action.line]!;
    const f = this.n.c(action.side === 0 ? spec.a : spec.b);
    const paused = !this.model.paused[action.line]![action.side];
    const w = this.n.world;
    const tx = pauseLine({ line: this.n.lineBox(this.lineIds[action.line]!), community: f.communityBox(), paused }, { height: w.height, wallet: w.wallet(f.committee) });
    w.submit(tx, [f.committee]);
    this.model.paused[action.line]![action.side] = paused;
    count(this.tally, paused ? "pause" : "resume");
  }

  private account(name: string) {
    return this.n.c(name.split("@")[1]!).account(name);
  }

  private member(name: string) {
    return this.n.c(name.split("@")[1]!).member(name);
  }

  private snapshot() {
    return { height: this.n.world.height, boxes: [...this.n.world.utxos.keys()].sort() };
  }

  /** Every invariant, and the chain equal to the model. */
  check(): void {
    const { n, model } = this;
    for (const c of COMMUNITIES) expect(n.c(c).conservation(), `books of ${c}`).toBe(0n);
    const balances = new Map<string, bigint>();
    const gateways = new Map<string, GatewayModel>();
    for (const box of n.world.utxos.values()) {
      const account = decodeAccount(box);
      if (account.ok) {
        const { balance, terms } = account.value;
        expect(balance + terms.creditLimit).toBeGreaterThanOrEqual(0n);
        expect(balance).toBeLessThanOrEqual(terms.positiveCap);
        balances.set(this.names.get(account.value.accountId)!, balance);
      }
      const g = decodeGateway(box);
      if (g.ok) {
        const line = this.lineIds.indexOf(g.value.lineId);
        const t = LINES[line]!.terms;
        // A's gateways go down to -capB / shards (B's deficit limit), B's to -capA / shards.
        const cap = (g.value.side === 0 ? t.capB : t.capA) / t.shards;
        expect(g.value.position + cap, `gateway ${line}/${g.value.side}/${g.value.shard} within its cap`).toBeGreaterThanOrEqual(0n);
        expect(g.value.feesHeld).toBeGreaterThanOrEqual(0n);
        gateways.set(gwKey(line, g.value.side, g.value.shard), { balance: g.value.balance, fees: g.value.feesHeld });
      }
    }
    expect(balances).toEqual(model.balances);
    expect(gateways).toEqual(model.gateways);
    LINES.forEach((l, i) => {
      const t = l.terms;
      for (let shard = 0; shard < Number(t.shards); shard++) {
        const a = model.gateway(i, 0, shard), b = model.gateway(i, 1, shard);
        const d = (a.balance - a.fees) * t.rateNum + (b.balance - b.fees) * t.rateDen;
        expect(d, `D of line ${l.a}${l.b} shard ${shard}`).toBeGreaterThanOrEqual(0n);
      }
      expect(n.line(this.lineIds[i]!)).toMatchObject({ status: "open", pausedA: model.paused[i]![0], pausedB: model.paused[i]![1], terms: t });
    });
  }
}

describe("random sequences of local and cross payments among three communities keep the invariants", () => {
  it(`${RUNS} sequences of 4-8 payments (local, one hop, two hops; one or two per transaction) and pauses (seed ${SEED})`, { timeout: 900_000 }, () => {
    const tally: Tally = new Map();
    const sequences = new Sequences(tally);
    sequences.check();
    fc.assert(
      fc.property(sequenceArb, (actions) => {
        sequences.reset();
        for (const action of actions) {
          sequences.run(action);
          sequences.check();
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(Object.fromEntries([...tally].sort()), null, 1)}\n`);
    // The run must have exercised each kind of payment and each refusal, not only the happy paths.
    if (RUNS >= 200) {
      for (const key of [
        "local accepted", "1-hop accepted", "2-hop accepted", "1-hop + 1-hop accepted", "local + 2-hop accepted", "pause", "resume",
      ]) expect(tally.get(key) ?? 0, key).toBeGreaterThan(0);
      for (const error of ["LineExposureExceeded", "LinePaused", "CreditLimitExceeded", "PositiveCapExceeded", "InvalidIntent", "InvalidAmount"]) {
        expect([...tally.keys()].some((k) => k.endsWith(`refused: ${error}`)), error).toBe(true);
      }
    }
  });
});
