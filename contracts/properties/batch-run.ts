/**
 * One random sequence of the batch-settlement property (batch-sequences.spec.ts): a community of
 * 3-12 members joined under drawn credit limits and caps, then signed payment orders, owners'
 * revocations, blocks and batches. Each batch is planned by `planSettlement`, built by `settle`
 * and submitted through both interpreters; the model (batch-order-model.ts) says beforehand what
 * every order's fate must be, and after every step what the chain must hold.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { expect } from "vitest";
import { accountSuccessorRegisters } from "../account/account.ts";
import { DEFAULT_FEE } from "../builders/common.ts";
import { govern } from "../builders/govern.ts";
import { maxUnits } from "../builders/policy.ts";
import { planSettlement, settle, type SettlementPlan } from "../builders/settle.ts";
import { InvalidIntent } from "../errors.ts";
import { orderId, type SignedOrder } from "../orders.ts";
import { BATCH_ERGO_TREE, MIN_BOX_VALUE } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { agreed, type Member } from "../testing/world.ts";
import { BatchModel, type Outcome } from "./batch-order-model.ts";
import { drawOrder, type Pooled } from "./batch-orders.ts";
import type { BatchDraw, Tally } from "./batch-draw.ts";
import { LONG_MAX, LONG_MIN } from "../long.ts";

const MAX_MEMBERS = 12n;

/** An order as given to one batch: the pooled order, under its own object (a copy when given twice). */
interface Given {
  entry: Pooled;
  signed: SignedOrder;
}

/** What the planner did with `signed`: took it, refused it (why), or left it. */
function outcomeIn(plan: SettlementPlan, signed: SignedOrder): Outcome {
  if (plan.legs.some((leg) => leg.order === signed)) return { kind: "taken" };
  const refused = plan.refused.find((r) => r.order === signed);
  return refused ? { kind: "refused", reason: refused.error.kind } : { kind: "left" };
}

/** The owner raises (or tries to lower) its order sequence: an ordinary owner-signed spend of its own box. */
export function revocation(f: Fixture, name: string, nextSeq: bigint): EIP12UnsignedTransaction {
  const w = f.world;
  const account = f.account(name);
  const wallet = w.wallet(f.member(name));
  const successor = new OutputBuilder(account.valueNanoErg, account.box.ergoTree)
    .addTokens({ tokenId: account.communityId, amount: 1n })
    .setAdditionalRegisters(accountSuccessorRegisters(account, account.balance, BigInt(w.height), undefined, nextSeq));
  return new TransactionBuilder(w.height)
    .from([account.box], { ensureInclusion: true })
    .from(wallet.utxos)
    .to(successor)
    .payFee(DEFAULT_FEE)
    .sendChangeTo(wallet.changeAddress)
    .build()
    .toEIP12Object();
}

export class BatchRun {
  readonly f: Fixture;
  readonly model: BatchModel;
  readonly settler: Member;
  private readonly pool: Pooled[] = [];
  /** The sequence number each payer signs next (past its orders signed in sequence). */
  private readonly signedNext = new Map<string, bigint>();
  private readonly settledIds = new Set<string>();
  private readonly settledSeqs = new Set<string>();
  /** Payers the last batch held back at an order past their floor or a payee's cap. */
  private stuck: string[] = [];

  constructor(private readonly d: BatchDraw, private readonly tally: Tally) {
    const names = Array.from({ length: d.int(3, 12) }, (_, i) => `m${i}`);
    const groups = d.int(1, Math.min(3, names.length));
    const first = this.terms();
    this.f = new Fixture({ policy: testPolicy({ maxMembers: MAX_MEMBERS, ...first }), members: [] });
    const w = this.f.world;
    this.model = new BatchModel(this.f.communityId, w.height);
    let terms = first;
    names.forEach((name, i) => {
      if (i > 0 && i % Math.ceil(names.length / groups) === 0) {
        terms = this.terms();
        w.submit(govern({ community: this.f.communityBox(), policy: terms }, { height: w.height, wallet: w.wallet(this.f.committee) }), [this.f.committee]);
      }
      const joinedAt = BigInt(w.height);
      this.f.join(w.member(name));
      const positiveCap = terms.positiveCap === 0n ? maxUnits(MAX_MEMBERS) : terms.positiveCap;
      this.model.add({ name, accountId: this.f.account(name).accountId, balance: 0n, nextSeq: 0n, lastActive: joinedAt, creditLimit: terms.creditLimit, positiveCap });
    });
    this.model.tip = w.height;
    this.settler = w.member("settler");
    tally.add(`community of ${names.length} members, ${groups} terms`);
  }

  /** Credit limits from none to the largest; caps from 1 to "no cap" (the largest). */
  private terms(): { creditLimit: bigint; positiveCap: bigint } {
    const { d } = this;
    const roll = d.int(0, 9);
    const creditLimit = roll === 0 ? 0n : roll === 1 ? maxUnits(MAX_MEMBERS) : d.big(1n, 60n);
    return { creditLimit, positiveCap: d.chance(15) ? 0n : d.big(1n, 80n) };
  }

  step(): void {
    const roll = this.d.int(0, 9);
    if (roll < 4) this.sign();
    else if (roll < 7) this.batch();
    else if (roll < 9) this.revoke();
    else this.mine();
  }

  /** Members sign 1 to 8 orders (some stale, future, conflicting, expired, mis-signed, tampered). */
  sign(): void {
    for (let k = this.d.int(1, 8); k > 0; k--) {
      const entry = drawOrder(this.d, this.model, this.f, this.signedNext, this.pool);
      this.pool.push(entry);
      this.tally.add(`order drawn: ${entry.variant}`);
    }
  }

  /**
   * A random selection of the orders in one batch: the planner must judge each order as the model
   * does; the batch it plans must go through both interpreters (or, with nothing to settle, the
   * builder must refuse to build it), and the model then follows it.
   */
  batch(): void {
    const { d, f, model } = this;
    const w = f.world;
    const orders = this.choose();
    if (orders.length === 0) return void this.tally.add("batch: nothing to give");
    const maxLegs = d.chance(20) ? d.int(1, 3) : undefined;
    const expected = model.plan(orders.map((g) => g.entry.model), maxLegs);
    const boxes = d.shuffle([...model.accounts.values()].map((a) => f.account(a.name).box));
    const plan = planSettlement(boxes, orders.map((g) => g.signed), w.height, maxLegs === undefined ? {} : { maxLegs });
    expect(orders.map((g) => outcomeIn(plan, g.signed)), "the planner's verdict on each order").toEqual(expected.outcomes);
    for (const outcome of expected.outcomes) this.tally.add(outcome.kind === "refused" ? `refused: ${outcome.reason}` : outcome.kind);
    this.stuck = orders.flatMap((g, i) => {
      const o = expected.outcomes[i]!;
      return o.kind === "refused" && (o.reason === "credit" || o.reason === "cap") ? [g.signed.payer] : [];
    });
    this.force(orders, expected.outcomes);
    const ctx = { height: w.height, wallet: w.wallet(this.settler) };
    if (expected.taken.length === 0) {
      expect(() => settle({ verifier: this.verifier(), plan }, ctx)).toThrow(InvalidIntent);
      return void this.tally.add("batch: nothing to settle");
    }
    w.submit(settle({ verifier: this.verifier(), plan }, ctx), [this.settler]);
    this.settled(expected.taken.map((position) => orders[position]!));
    model.settle(orders.map((g) => g.entry.model), expected.taken);
  }

  /**
   * Most open orders, and now and then one tried before that can never settle (settled, stale,
   * expired, mis-signed, misaddressed); sometimes one of them twice; in random order.
   */
  private choose(): Given[] {
    const { d, model } = this;
    const dead = (p: Pooled) => p.tries > 0 && (p.settled || model.refusalAlone(p.model) !== undefined);
    const given: Given[] = this.pool.filter((p) => d.chance(dead(p) ? 12 : 75)).map((entry) => ({ entry, signed: entry.signed }));
    for (const { entry } of given) entry.tries += 1;
    if (given.length > 0 && d.chance(25)) {
      const twice = d.pick(given);
      given.push({ entry: twice.entry, signed: { ...twice.signed } });
      this.tally.add("batch: an order given twice");
    }
    return d.shuffle(given);
  }

  /** No order, and no sequence number of a payer, is ever settled twice. */
  private settled(taken: Given[]): void {
    for (const { entry, signed } of taken) {
      const id = orderId(signed);
      const seq = `${signed.payer}:${signed.seq}`;
      expect(this.settledIds.has(id), `order ${id} settled twice`).toBe(false);
      expect(this.settledSeqs.has(seq), `sequence number ${seq} consumed twice`).toBe(false);
      this.settledIds.add(id);
      this.settledSeqs.add(seq);
      entry.settled = true;
    }
    const payers = new Set(taken.map((g) => g.signed.payer)).size;
    this.tally.add(`batch settled: ${taken.length > 4 ? "5+" : taken.length} legs, ${payers > 2 ? "3+" : payers} payers`);
  }

  /**
   * The contract on its own: one order the planner refused (its account exists), forced alone into
   * a batch whose outputs move the balances by it. Both interpreters must accept exactly when the
   * model says it is settleable alone (a "sequence" order held back only by its payer's refused
   * twin is; no expired, stale, mis-signed or over-limit one is).
   */
  private force(orders: Given[], outcomes: Outcome[]): void {
    const { d, f, model } = this;
    const forceable = outcomes.flatMap((o, position) => (o.kind === "refused" && o.reason !== "account" ? [position] : []));
    if (forceable.length === 0 || !d.chance(60)) return;
    // Now and then one the model says may settle alone, the positive twin of the others.
    const settleable = forceable.filter((p) => model.settleableAlone(orders[p]!.entry.model));
    const position = d.pick(settleable.length > 0 && d.chance(40) ? settleable : forceable);
    const { signed, entry } = orders[position]!;
    const payer = f.account(model.get(entry.model.payer).name);
    const payee = f.account(model.get(entry.model.payee).name);
    const balances = [payer.balance - signed.amount, payee.balance + signed.amount];
    if (balances.some((b) => b < LONG_MIN || b > LONG_MAX)) return void this.tally.add("forced: balance outside Long, skipped");
    const plan: SettlementPlan = {
      communityId: f.communityId, accounts: [payer, payee], balances, refused: [],
      legs: [{ order: signed, orderId: orderId(signed), payer: 0, payee: 1 }],
    };
    const tx = settle({ verifier: this.verifier(), plan }, { height: f.world.height, wallet: f.world.wallet(this.settler) });
    const accepted = agreed(f.world.judge(tx, [this.settler]));
    const reason = (outcomes[position] as { reason: string }).reason;
    expect(accepted, `forced ${reason} order (${entry.variant})`).toBe(model.settleableAlone(entry.model));
    this.tally.add(`forced ${reason}: ${accepted ? "accepted" : "refused"}`);
  }

  /**
   * An owner raises its nextSeq, mostly one the last batch held back (past the order that held it
   * back); now and then it first tries to lower it (both interpreters must refuse).
   */
  revoke(): void {
    const { d, f, model } = this;
    const held = this.stuck.length > 0 && d.chance(70);
    const account = held ? model.get(d.pick(this.stuck)) : d.pick([...model.accounts.values()]);
    const member = f.member(account.name);
    if (account.nextSeq > 0n && d.chance(50)) {
      const lower = revocation(f, account.name, account.nextSeq - d.big(1n, account.nextSeq));
      expect(agreed(f.world.judge(lower, [member])), "an owner lowering its nextSeq").toBe(false);
      this.tally.add("revocation lowering nextSeq refused");
    }
    // Past its next 1 to 3 orders, or past every order it signed.
    const signed = this.signedNext.get(account.accountId) ?? 0n;
    const to = held ? account.nextSeq + 1n : signed > account.nextSeq && d.chance(50) ? signed : account.nextSeq + d.big(1n, 3n);
    f.world.submit(revocation(f, account.name, to), [member]);
    model.revoke(account.accountId, to);
    this.tally.add(held ? "revocation of a held-back order" : "revocation");
    this.stuck = this.stuck.filter((payer) => payer !== account.accountId);
  }

  mine(): void {
    const blocks = this.d.int(1, 8);
    this.f.world.mine(blocks);
    this.model.tip += blocks;
    this.tally.add("mine");
  }

  /** A live batch box (the last batch made one), or a new one. */
  private verifier() {
    const live = [...this.f.world.utxos.values()].find((b) => b.ergoTree === BATCH_ERGO_TREE);
    return live ?? this.f.world.addBox({ ergoTree: BATCH_ERGO_TREE, value: MIN_BOX_VALUE });
  }

  /** The chain equals the model, every account is within its floor and cap, and the books sum to 0. */
  check(): void {
    const { f, model } = this;
    expect(f.conservation()).toBe(0n);
    expect(f.world.height).toBe(model.tip);
    for (const expected of model.accounts.values()) {
      const account = f.account(expected.name);
      const { creditLimit, positiveCap } = account.terms;
      expect({ name: expected.name, balance: account.balance, nextSeq: account.nextSeq, lastActive: account.lastActiveHeight, creditLimit, positiveCap }).toEqual({
        name: expected.name, balance: expected.balance, nextSeq: expected.nextSeq, lastActive: expected.lastActive,
        creditLimit: expected.creditLimit, positiveCap: expected.positiveCap,
      });
      expect(account.balance + creditLimit).toBeGreaterThanOrEqual(0n);
      expect(account.balance).toBeLessThanOrEqual(positiveCap);
    }
  }
}
