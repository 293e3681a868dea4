/**
 * Property: random sequences of joins, payments (1 to 3 payees), leaves, defaults and mined blocks
 * keep every invariant. A plain model (ledger-model.ts) decides on its own which intents must be
 * refused; the builders must refuse exactly those with a typed error, and everything else must be
 * accepted by both interpreters. After every step the chain must match the model.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAccount } from "../account/account.ts";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { closeDormant } from "../builders/close-dormant.ts";
import { refreshCommunity } from "../builders/refresh.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { LetsError } from "../errors.ts";
import { genesisFloorNanoErg } from "../builders/create.ts";
import { Fixture, TEST_METADATA } from "../testing/community-fixture.ts";
import { agreed, type Member } from "../testing/world.ts";
import { LedgerModel, SEQUENCE_POLICY, sequenceArb, type Action } from "./ledger-model.ts";

const INITIAL = ["m0", "m1", "m2", "m3"];
/** Sequences per run: LETS_SEQUENCE_RUNS for a longer search (each takes about half a second). */
const RUNS = Number(process.env.LETS_SEQUENCE_RUNS ?? 200);
const SEED = 0x1e75;

/** How often each outcome occurred, to show that the run covered refusals as well as successes. */
type Tally = Map<string, number>;
const count = (tally: Tally, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

class Sequence {
  readonly f = new Fixture({ policy: SEQUENCE_POLICY, members: INITIAL });
  readonly model: LedgerModel;
  readonly outsider: Member;
  private joined = 0;

  constructor(private readonly tally: Tally) {
    const p = SEQUENCE_POLICY;
    // Create (one block), then one block per initial join, each join built at the tip.
    const start = this.f.world.height - INITIAL.length - 1;
    this.model = new LedgerModel(p, start + 1, genesisFloorNanoErg({ policy: p, metadata: TEST_METADATA, committee: this.f.committee.owner }));
    for (const name of INITIAL) this.model.join(name);
    this.outsider = this.f.world.member("outsider");
  }

  /**
   * Runs `build`: a typed refusal must be one the model expects; a built transaction must be
   * expected to pass and is submitted (both interpreters must accept). Returns whether it went on chain.
   */
  private attempt(label: string, expected: (abstract new (...args: never[]) => LetsError)[], build: () => void): boolean {
    try {
      build();
    } catch (error) {
      if (!(error instanceof LetsError)) throw error;
      const allowed = expected.some((type) => error instanceof type);
      if (!allowed) throw new Error(`${label}: builder refused with ${error.name} (${error.message}); model expected ${expected.map((e) => e.name).join(", ") || "success"}`);
      count(this.tally, `${label} refused: ${error.name}`);
      return false;
    }
    if (expected.length > 0) throw new Error(`${label}: went through although the model expected ${expected.map((e) => e.name).join(", ")}`);
    count(this.tally, `${label} accepted`);
    return true;
  }

  run(action: Action): void {
    const { f, model } = this;
    const w = f.world;
    const live = model.live();
    const at = (i: number) => live[i % live.length]!;
    switch (action.kind) {
      case "join": {
        const name = `j${this.joined++}`;
        if (this.attempt("join", model.joinRefusals(), () => f.join(w.member(name)))) model.join(name);
        break;
      }
      case "pay": {
        if (live.length < 2) return void count(this.tally, "pay skipped");
        const payer = at(action.payer);
        const others = live.filter((n) => n !== payer);
        const payees = action.amounts
          .slice(0, others.length)
          .map((amount, k) => ({ name: others[(action.offset + k) % others.length]!, amount }));
        const intent = { payer: f.account(payer).box, payees: payees.map((p) => ({ account: f.account(p.name).box, amountUnits: p.amount })) };
        const ok = this.attempt(`pay to ${payees.length}`, model.payRefusals(payer, payees), () => {
          w.submit(pay(intent, { height: w.height }), [f.member(payer)]);
        });
        if (ok) model.pay(payer, payees);
        break;
      }
      case "leave": {
        if (live.length === 0) return void count(this.tally, "leave skipped");
        const name = at(action.who);
        const member = f.member(name);
        const build = () => leave({ community: f.communityBox(), account: f.account(name).box }, { height: w.height, wallet: w.wallet(member) });
        if (this.attempt("leave", model.leaveRefusals(name), () => w.submit(build(), [member]))) model.leave(name);
        break;
      }
      case "default": {
        w.mine(action.wait);
        model.tip += action.wait;
        if (live.length === 0) return void count(this.tally, "default skipped");
        const debtors = live.filter((n) => model.get(n).balance < 0n);
        const name = action.debtor && debtors.length > 0 ? debtors[action.who % debtors.length]! : at(action.who);
        const build = (height: number) =>
          closeDefaulted({ community: f.communityBox(), accounts: [f.account(name).box] }, { height, wallet: w.wallet(this.outsider) });
        const refusals = model.defaultRefusals(name);
        const due = model.closableFrom(name);
        if (refusals.length > 0 && model.get(name).balance < 0n) {
          // The window, checked on the contract alone: a default built as if the window were open
          // (at the height before `due`), dated and judged at the next block, must be refused.
          const early = build(Number(due) - 1);
          for (const out of early.outputs) out.creationHeight = w.height + 1;
          expect(agreed(w.judge(early, [this.outsider]))).toBe(false);
          count(this.tally, "default: contract refuses before the window");
        }
        if (refusals.length === 0 && BigInt(w.height + 1) === due) count(this.tally, "default: at the first block the window allows");
        if (this.attempt("default", refusals, () => w.submit(build(w.height), [this.outsider]))) model.closeDefaulted(name);
        break;
      }
      case "mine":
        w.mine(action.blocks);
        model.tip += action.blocks;
        count(this.tally, "mine");
        break;
      case "dormant":
        w.mine(action.wait);
        model.tip += action.wait;
        this.dormant(action);
    }
  }

  /** Closes a dormant account or refreshes the community box, as the model allows or refuses. */
  private dormant(action: Extract<Action, { kind: "dormant" }>): void {
    const { f, model } = this;
    const w = f.world;
    const ctx = () => ({ height: w.height, wallet: w.wallet(this.outsider) });
    const live = model.live();
    if (action.refresh || live.length === 0) {
      const build = () => w.submit(refreshCommunity({ community: f.communityBox() }, ctx()), [this.outsider]);
      if (this.attempt("refresh", model.refreshRefusals(), build)) model.refresh();
      return;
    }
    const name = live[action.who % live.length]!;
    const sign = model.get(name).balance < 0n ? "negative" : model.get(name).balance > 0n ? "positive" : "zero";
    const build = () => w.submit(closeDormant({ community: f.communityBox(), accounts: [f.account(name).box] }, ctx()), [this.outsider]);
    if (this.attempt(`close dormant (${sign})`, model.closeDormantRefusals(name), build)) model.closeDormant(name);
  }

  /** The chain equals the model, sums to zero, and every live balance is within its limits. */
  check(): void {
    const { f, model } = this;
    expect(f.conservation()).toBe(0n);
    expect(f.world.height).toBe(model.tip);
    const community = f.community();
    expect({
      communityBalance: community.communityBalance,
      seats: community.seatsLeft,
      membersJoined: community.membersJoined,
      treasury: community.treasuryNanoErg,
      boxHeight: community.creationHeight,
    }).toEqual({
      communityBalance: model.communityBalance,
      seats: model.seats,
      membersJoined: model.membersJoined,
      treasury: model.treasury,
      boxHeight: model.communityBoxHeight,
    });
    const accounts = [...f.world.utxos.values()].flatMap((box) => {
      const decoded = decodeAccount(box);
      return decoded.ok && decoded.value.communityId === f.communityId ? [decoded.value] : [];
    });
    expect(accounts.length).toBe(model.accounts.size);
    for (const account of accounts) {
      const { creditLimit, positiveCap } = account.terms;
      expect(account.balance + creditLimit).toBeGreaterThanOrEqual(0n);
      if (positiveCap !== 0n) expect(account.balance).toBeLessThanOrEqual(positiveCap);
    }
    for (const [name, expected] of model.accounts) {
      const account = f.account(name);
      expect({ name, balance: account.balance, lastActive: account.lastActiveHeight, value: account.valueNanoErg, boxHeight: account.creationHeight }).toEqual({
        name,
        balance: expected.balance,
        lastActive: expected.lastActive,
        value: expected.valueNanoErg,
        boxHeight: expected.boxHeight,
      });
    }
  }
}

describe("random sequences of LETS actions keep the invariants", () => {
  // A long property run: its size is RUNS, and its time bound is generous on a shared machine.
  it(`${RUNS} sequences of 3-8 joins, payments, leaves, defaults, dormant closes, refreshes and blocks (seed ${SEED})`, { timeout: 900_000 }, () => {
    const tally: Tally = new Map();
    fc.assert(
      fc.property(sequenceArb, (actions) => {
        const sequence = new Sequence(tally);
        sequence.check();
        for (const action of actions) {
          sequence.run(action);
          sequence.check();
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The run must have exercised both sides of every rule, not only the happy paths.
    for (const key of [
      "join accepted", "join refused: CommunityFull", "pay to 1 accepted", "pay to 3 accepted",
      "pay to 1 refused: CreditLimitExceeded", "leave accepted", "leave refused: BalanceNotZero",
      "default accepted", "default refused: NotDefaulted", "default: contract refuses before the window",
      "default: at the first block the window allows", "refresh accepted", "refresh refused: NotDormant",
      "close dormant (zero) accepted", "close dormant (negative) accepted", "close dormant (positive) accepted",
      "close dormant (zero) refused: NotDormant",
    ]) {
      expect(tally.get(key) ?? 0, key).toBeGreaterThan(0);
    }
    expect([...tally.keys()].some((k) => k.includes("PositiveCapExceeded")), "PositiveCapExceeded").toBe(true);
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(Object.fromEntries([...tally].sort()), null, 1)}\n`);
  });
});
