/**
 * Runs economics actions through the real builders and both interpreters beside the model
 * (economics-model.ts): the model decides on its own which intents the builders must refuse, and
 * after every step the chain must equal the model and sum to zero.
 */
import { expect } from "vitest";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { sweep } from "../builders/sweep.ts";
import { topUp } from "../builders/top-up.ts";
import { DEFAULT_FEE } from "../builders/common.ts";
import type { Policy } from "../community/community.ts";
import {
  BalanceNotZero, CommunityFull, CreditLimitExceeded, FeeReserveSpent, InvalidAmount, InvalidIntent, LetsError, NotDefaulted,
  NothingToSweep, PositiveCapExceeded,
} from "../errors.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import type { Member } from "../testing/world.ts";
import type { AllowanceChoice, EconAction } from "./economics-arbitraries.ts";
import { EconomicsModel } from "./economics-model.ts";

type ErrorClass = abstract new (...args: never[]) => LetsError;

/** How often each outcome occurred, to show that a run covered refusals as well as successes. */
export type Tally = Map<string, number>;
export const count = (tally: Tally, key: string): void => void tally.set(key, (tally.get(key) ?? 0) + 1);

const INITIAL = ["m0", "m1", "m2", "m3"];

/** A payment's decision by the model: the refusals it must meet, or the allowance it spends. */
interface PayPlan {
  refusals: ErrorClass[];
  used: bigint;
  allowanceUnits: bigint | undefined;
}

/** An economics community on a test chain and its model, run in step. */
export class EconomicsRun {
  readonly f: Fixture;
  readonly model: EconomicsModel;
  readonly outsider: Member;
  private joined = 0;

  constructor(policy: Policy, private readonly tally: Tally, members: string[] = INITIAL) {
    this.f = new Fixture({ policy, members });
    const start = this.f.world.height - members.length - 1;
    this.model = new EconomicsModel(policy, start + 1);
    for (const name of members) this.model.join(name, this.f.account(name).accountId);
    this.outsider = this.f.world.member("outsider");
  }

  /**
   * Runs `build`: a typed refusal must be exactly one the model expects; a built transaction must
   * be expected to pass and is submitted (both interpreters must accept). Returns whether it went on chain.
   */
  private attempt(label: string, expected: ErrorClass[], build: () => void): boolean {
    try {
      build();
    } catch (error) {
      if (!(error instanceof LetsError)) throw error;
      const names = expected.map((e) => e.name);
      if (!names.includes(error.name)) throw new Error(`${label}: builder refused with ${error.name} (${error.message}); model expected ${names.join(", ") || "success"}`);
      count(this.tally, `${label} refused: ${error.name}`);
      return false;
    }
    if (expected.length > 0) throw new Error(`${label}: went through although the model expected ${expected.map((e) => e.name).join(", ")}`);
    count(this.tally, `${label} accepted`);
    return true;
  }

  private mine(blocks: number): void {
    this.f.world.mine(blocks);
    this.model.tip += blocks;
  }

  run(action: EconAction): void {
    const { f, model } = this;
    const w = f.world;
    const live = model.live();
    const at = (i: number) => live[i % live.length]!;
    switch (action.kind) {
      case "join": {
        const name = `j${this.joined++}`;
        const refusals = model.seats === 0n ? [CommunityFull] : [];
        if (this.attempt("join", refusals, () => f.join(w.member(name)))) model.join(name, f.account(name).accountId);
        return;
      }
      case "pay":
        return this.pay(action);
      case "topUp": {
        if (live.length === 0) return void count(this.tally, "top-up skipped");
        const name = at(action.who);
        const member = f.member(name);
        const build = () => w.submit(topUp({ account: f.account(name).box, addNanoErg: action.addNanoErg }, { height: w.height, wallet: w.wallet(member) }), [member]);
        if (this.attempt("top-up", [], build)) model.topUp(name, action.addNanoErg);
        return;
      }
      case "sweep": {
        if (live.length === 0) return void count(this.tally, "sweep skipped");
        const ready = live.filter((n) => model.collectable(n) >= model.sweepMinimum);
        const pool = action.charged && ready.length > 0 ? ready : live;
        const names = [...new Set(action.who.map((i) => pool[i % pool.length]!))];
        const refusals = names.some((n) => model.collectable(n) < model.sweepMinimum) ? [NothingToSweep] : [];
        const build = () =>
          w.submit(sweep({ community: f.communityBox(), accounts: names.map((n) => f.account(n).box) }, { height: w.height, wallet: w.wallet(this.outsider) }), [this.outsider]);
        if (this.attempt(`sweep ${names.length}`, refusals, build)) {
          model.sweep(names);
          // The community box then holds (communityId, 1), as an account does.
          if (model.seats === 0n) count(this.tally, "sweep in a full community accepted");
        }
        return;
      }
      case "leave": {
        if (live.length === 0) return void count(this.tally, "leave skipped");
        const name = at(action.who);
        const member = f.member(name);
        const refusals = model.get(name).balance !== 0n ? [BalanceNotZero] : [];
        const build = () => w.submit(leave({ community: f.communityBox(), account: f.account(name).box }, { height: w.height, wallet: w.wallet(member) }), [member]);
        if (this.attempt("leave", refusals, build)) model.close(name);
        return;
      }
      case "default": {
        this.mine(action.wait);
        if (live.length === 0) return void count(this.tally, "default skipped");
        const debtors = live.filter((n) => model.get(n).balance < 0n);
        const name = action.debtor && debtors.length > 0 ? debtors[action.who % debtors.length]! : at(action.who);
        const refusals = model.defaulted(name) ? [] : [NotDefaulted];
        const build = () =>
          w.submit(closeDefaulted({ community: f.communityBox(), accounts: [f.account(name).box] }, { height: w.height, wallet: w.wallet(this.outsider) }), [this.outsider]);
        if (this.attempt("default", refusals, build)) model.close(name);
        return;
      }
      case "mine":
        this.mine(action.blocks);
        count(this.tally, "mine");
    }
  }

  /** What the rules say of a payment of `amounts` by `payer` at the tip, in block tip + 1. */
  private planPay(payer: string, payees: { name: string; amount: bigint }[], choice: AllowanceChoice): PayPlan {
    const m = this.model;
    const tip = BigInt(m.tip);
    const from = m.get(payer);
    const sent = payees.reduce((s, p) => s + p.amount, 0n);
    const refusals: ErrorClass[] = [];
    if (payees.some((p) => p.amount <= 0n)) refusals.push(InvalidAmount);
    // The window is judged at the block the payment goes into, tip + 1.
    const most = m.allowanceMost(from, sent, tip + 1n);
    let used = most;
    let allowanceUnits: bigint | undefined;
    if (choice.kind === "none") [used, allowanceUnits] = [0n, 0n];
    if (choice.kind === "units") {
      [used, allowanceUnits] = [choice.units, choice.units];
      if (choice.units > most) refusals.push(InvalidIntent);
    }
    const after = from.balance - m.demurrageTo(from, tip).due - m.fee(sent) - sent + used;
    // The builder holds the payer to its limit at the tip, one block before HEIGHT (a limit only grows).
    if (after + m.limitAt(from, tip) < 0n) refusals.push(CreditLimitExceeded);
    for (const p of payees) {
      const to = m.get(p.name);
      if (to.balance - m.demurrageTo(to, tip).due + p.amount > m.policy.positiveCap) refusals.push(PositiveCapExceeded);
    }
    if (from.valueNanoErg - DEFAULT_FEE < m.policy.collateralNanoErg + MIN_BOX_VALUE) refusals.push(FeeReserveSpent);
    return { refusals, used, allowanceUnits };
  }

  private pay(action: Extract<EconAction, { kind: "pay" }>): void {
    const { f, model } = this;
    const w = f.world;
    const live = model.live();
    if (live.length < 2) return void count(this.tally, "pay skipped");
    const payer = live[action.payer % live.length]!;
    const others = live.filter((n) => n !== payer);
    const payees = action.amounts.slice(0, others.length).map((amount, k) => ({ name: others[(action.offset + k) % others.length]!, amount }));
    const plan = this.planPay(payer, payees, action.allowance);
    const intent = {
      payer: f.account(payer).box,
      payees: payees.map((p) => ({ account: f.account(p.name).box, amountUnits: p.amount })),
      ...(plan.allowanceUnits === undefined ? {} : { allowanceUnits: plan.allowanceUnits }),
    };
    const label = `pay to ${payees.length}`;
    if (!this.attempt(label, plan.refusals, () => w.submit(pay(intent, { height: w.height }), [f.member(payer)]))) return;
    if (plan.used > 0n) count(this.tally, "pay: allowance spent");
    const from = model.get(payer);
    const tip = BigInt(model.tip);
    if (from.allowance > 0n && model.inWindow(from, tip) && !model.inWindow(from, tip + 1n)) count(this.tally, "pay: built at the newcomer window's last height");
    if (model.fee(payees.reduce((s, p) => s + p.amount, 0n)) > 0n) count(this.tally, "pay: usage fee");
    if (model.limitAt(from, tip) > model.policy.creditLimit) count(this.tally, "pay: earned limit above the base");
    model.pay(payer, payees, plan.used);
  }

  /** The chain equals the model, both sum to zero, and every live balance is within its limits. */
  check(): void {
    const { f, model } = this;
    expect(model.invariant()).toBe(0n);
    expect(f.conservation()).toBe(0n);
    expect(f.world.height).toBe(model.tip);
    const community = f.community();
    expect({ communityBalance: community.communityBalance, seats: community.seatsLeft, membersJoined: community.membersJoined }).toEqual({
      communityBalance: model.communityBalance,
      seats: model.seats,
      membersJoined: model.membersJoined,
    });
    const communityTree = f.communityBox().ergoTree;
    const onChain = [...f.world.utxos.values()].filter((b) => b.assets[0]?.tokenId === f.communityId && b.ergoTree !== communityTree);
    expect(onChain.length).toBe(model.accounts.size);
    for (const [name, m] of model.accounts) {
      const a = f.account(name);
      const e = a.economy!;
      const chain = { name, balance: a.balance, accrued: e.accrued, chargedHeight: e.chargedHeight, received: e.received, allowance: e.allowance, carry: e.carry };
      const expected = { name, balance: m.balance, accrued: m.accrued, chargedHeight: m.chargedHeight, received: m.received, allowance: m.allowance, carry: model.carryOf(m) };
      expect(chain).toEqual(expected);
      expect({ name, lastActive: a.lastActiveHeight, value: a.valueNanoErg }).toEqual({ name, lastActive: m.lastActive, value: m.valueNanoErg });
      expect(m.allowance).toBeGreaterThanOrEqual(0n);
      expect(m.balance).toBeLessThanOrEqual(a.terms.positiveCap);
      if (e.carry > 0n) count(this.tally, "carry held");
    }
  }
}
