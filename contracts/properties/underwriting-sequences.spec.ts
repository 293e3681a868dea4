/**
 * Property: underwritten credit (contract version 8, docs/underwriting.md) under random histories
 * in a plain community of four members (the underwriting fixture: 1 ERG of collateral for a limit
 * of 100, cap 1,000), with `uma` (not a member) and the members as underwriters: offers (random
 * raise and stake, below the price, below the floor, past the cap, sometimes with a premium),
 * acceptances, cancellations, withdrawals (while the raise is free, and while it is in use: refused
 * by the builder, and built by hand refused by the contract), payments that use the raised credit,
 * leaves (brought back to 0 first) and defaults (mostly of a backed account spent below its
 * un-raised floor) that settle stakes (blocks mined to the inactivity window, now and then judged
 * one block early), newcomers
 * joining, and at the end of each sequence the dormancy window: dormant stakes refreshed by anyone,
 * a dormant account closed with its stakes. Every transaction goes through the builders and both
 * interpreters (World.submit); an independent model (underwriting-model.ts) says first whether the
 * builder accepts each intent or which typed error it throws. After every step:
 *   nothing minted: live balances + communityBalance = 0 (chain and model);
 *   every stake is exactly one of: locked (one live box holds its token, with the model's
 *   registers and value), cancelled or withdrawn (no box holds it, no share names it), or settled
 *   at an exit (no box holds it; exactly one share to the committee and one to its underwriter
 *   name the box it left, holding the model's shares; none names any other box it lived in);
 *   each account's creditLimit = base + the raises of its live stakes, backed = their sum, its
 *   entries = their keys in order, its balance and last activity the model's;
 *   at each default the committee's ERG = exitShares' lost, summed over the stakes.
 * Valid acceptances, withdrawals and exits are also mutated (one field, underwriting-mutants.ts)
 * and must be refused by both interpreters. UNDERWRITING_RUNS sequences (default 6) of
 * UNDERWRITING_LENGTH actions (default 15), seed UNDERWRITING_SEED.
 */
import type { Box } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { closeDormant } from "../builders/close-dormant.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { acceptUnderwriting, cancelUnderwriting, offerUnderwriting, refreshUnderwriting, stakeFloorNanoErg, withdrawUnderwriting } from "../builders/underwrite.ts";
import { bytesConstant, longsConstant, readLongsAny } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, DORMANT_BLOCKS, MAX_BACKERS } from "../scripts.ts";
import { edit, expectScriptRefuses, feeOut, moveErg, output, setRegister, type Tx } from "../testing/tx-edit.ts";
import { UnderwritingFixture, UNDERWRITING_POLICY } from "../testing/underwriting-fixture.ts";
import { agreed, type Member, type Submitted } from "../testing/world.ts";
import { exitShares, underwritingRegisters, type Underwriting } from "../underwriting/underwriting.ts";
import { Random } from "../../util/prng.ts";
import type { Draw, Env } from "./mutation-kinds.ts";
import { UnderwritingModel, type Outcome } from "./underwriting-model.ts";
import { acceptMutants, exitMutants, handWithdrawal, withdrawMutants, type Mutant } from "./underwriting-mutants.ts";
import { UnderwritingChecks } from "./underwriting-checks.ts";

/** Sequences: UNDERWRITING_RUNS (the default 6 took 46 s on the shared 2-core machine at a load of 12, 80-130 s at 20). */
const RUNS = Number(process.env.UNDERWRITING_RUNS ?? 6);
/** Actions per sequence: UNDERWRITING_LENGTH. */
const LENGTH = Number(process.env.UNDERWRITING_LENGTH ?? 15);
const SEED = Number(process.env.UNDERWRITING_SEED ?? 0x0b5e);
/** Chance that an accepted acceptance, withdrawal or exit is first mutated (two twins judged). */
const MUTATE = 0.6;

const ERG = 1_000_000_000n;
const POLICY = UNDERWRITING_POLICY;
const MEMBERS = ["alice", "bob", "carol", "dave"];

export type Tally = Map<string, number>;
export const count = (tally: Tally, key: string): void => void tally.set(key, (tally.get(key) ?? 0) + 1);

/** The error a build throws (its class name and message), or undefined when it builds. */
function thrown(build: () => unknown): string | undefined {
  try {
    build();
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** Random choices for the mutation search's kinds, from the run's stream. */
function drawFrom(rng: Random): Draw {
  return {
    int: (min, max) => min + rng.int(max - min + 1),
    big: (min, max) => {
      const wide = [0, 1, 2, 3].reduce((acc) => (acc << 32n) | BigInt(rng.uint32()), 0n);
      return min + (wide % (max - min + 1n));
    },
    bytes: (length) => Uint8Array.from({ length }, () => rng.int(256)),
  };
}

/** One community, its underwriters and the model, stepped through random actions. */
class UnderwritingRun {
  readonly f = new UnderwritingFixture({ members: MEMBERS });
  readonly model: UnderwritingModel;
  readonly checks: UnderwritingChecks;
  readonly outsider: Member;
  readonly d: Draw;
  /** The least stake box any offer here is sure to clear. */
  readonly floorMax: bigint;
  /** Live member names by accountId. */
  readonly names = new Map<string, string>();
  private joined = 0;

  constructor(readonly rng: Random, readonly tally: Tally) {
    // The floor depends on the registers' sizes: the least (small raise, no premium) is the model's;
    // honest draws stay above the largest (large raise, a premium and its account).
    const deal = { underwriter: this.f.uma.owner, accountId: "00".repeat(32), communityId: this.f.communityId };
    const least = stakeFloorNanoErg({ ...deal, raise: 1n, premium: 0n, premiumAccountId: "" }, this.w.height);
    this.floorMax = stakeFloorNanoErg({ ...deal, raise: POLICY.positiveCap, premium: POLICY.positiveCap, premiumAccountId: "11".repeat(32) }, this.w.height);
    this.model = new UnderwritingModel(POLICY, MAX_BACKERS, least);
    this.checks = new UnderwritingChecks(this.f, this.model, this.names, (name) => this.member(name));
    this.outsider = this.w.member("outsider");
    this.d = drawFrom(rng);
    for (const name of MEMBERS) {
      // Members underwrite each other too: enough ERG for a few stakes each.
      this.w.fund(this.f.member(name), 1_000n * ERG);
      this.enrol(name);
    }
  }

  get w() {
    return this.f.world;
  }

  enrol(name: string): void {
    const a = this.f.account(name);
    this.names.set(a.accountId, name);
    this.model.addAccount(a.accountId, name, a.lastActiveHeight);
  }

  ctx(m: Member) {
    return { height: this.w.height, wallet: this.w.wallet(m) };
  }

  pick<T>(items: readonly T[]): T {
    return items[this.rng.int(items.length)]!;
  }

  live(): string[] {
    return [...this.names.values()];
  }

  env(): Env {
    const keys = [...this.f.members, this.f.committee, this.f.uma, this.outsider];
    return {
      height: this.w.height + 1, owners: keys.map((m) => m.owner), p2pkTrees: keys.map((m) => m.ergoTree), communityId: this.f.communityId,
      policyTerms: { creditLimit: POLICY.creditLimit, positiveCap: POLICY.positiveCap, collateralNanoErg: POLICY.collateralNanoErg, inactivityBlocks: POLICY.inactivityBlocks },
    };
  }

  /**
   * Judges a build against the model: a refusal must be that typed error; an acceptance is
   * submitted, after (at chance MUTATE) two of its `mutants` are refused by both interpreters.
   */
  attempt(label: string, predicted: Outcome<unknown>, build: () => Tx, signer: Member, mutants: (tx: Tx) => Mutant[]): Submitted | undefined {
    if (!predicted.ok) {
      const error = thrown(build);
      expect(error?.split(":")[0], `${label}: the model expects ${predicted.error}, the builder ${error ?? "built it"}`).toBe(predicted.error);
      count(this.tally, `${label} refused: ${predicted.error}`);
      return undefined;
    }
    const tx = build();
    if (this.rng.chance(MUTATE)) {
      const all = mutants(tx);
      for (let k = 0; k < 2 && all.length > 0; k++) this.refuses(label, all.splice(this.rng.int(all.length), 1)[0]!, signer);
    }
    const done = this.w.submit(tx, [signer]);
    count(this.tally, `${label} accepted`);
    return done;
  }

  /** Both interpreters refuse a twin: a script reduces to false, or to a key the signer lacks, or (the search's kinds) any rule. */
  refuses(label: string, mutant: Mutant, signer: Member): void {
    try {
      if (mutant.refusal === "script") expectScriptRefuses(this.w, mutant.tx, [signer]);
      else {
        const verdict = this.w.judge(mutant.tx, [signer]);
        expect(agreed(verdict), "expected both interpreters to reject").toBe(false);
        if (mutant.refusal === "keyed") expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "sign" });
      }
    } catch (error) {
      throw new Error(`${label}, twin "${mutant.name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    count(this.tally, `${label} mutant refused: ${mutant.name.replace(/\d+/g, "n")}`);
  }

  box(boxId: string): Box<string> {
    return this.w.box(boxId);
  }

  /** The underwriting box made by `done`, decoded. */
  made(done: Submitted): Underwriting {
    const box = done.outputs.find((b) => this.f.stakes().some((s) => s.boxId === b.boxId));
    if (!box) throw new Error("no underwriting box made");
    return this.f.decode(box);
  }

  offer(): void {
    const target = this.pick(this.live());
    const a = this.model.account(this.f.account(target).accountId);
    const members = this.live().filter((n) => n !== target);
    const byMember = members.length > 0 && this.rng.chance(0.4);
    const by = byMember ? this.f.member(this.pick(members)) : this.f.uma;
    const raise = [1n + BigInt(this.rng.int(120)), 300n + BigInt(this.rng.int(300)), POLICY.positiveCap - this.model.limit(a) + 1n][this.rng.weighted([6, 2, 1])]!;
    const least = this.model.least(a, raise > 0n ? raise : 1n);
    const above = this.floorMax > least ? this.floorMax : least;
    const value = [above + BigInt(this.rng.int(3_000)) * 1_000_000n, least - 1n, this.model.floorNanoErg - 1n][this.rng.weighted([8, 1, 1])]!;
    const premium = byMember && this.rng.chance(0.5) ? 1n + BigInt(this.rng.int(20)) : 0n;
    const premiumTo = premium > 0n ? this.f.account(by.name).accountId : "";
    if (raise <= 0n || value <= 0n) return;
    const build = () =>
      offerUnderwriting(
        { account: this.f.account(target).box, underwriter: by.owner, raiseUnits: raise, stakeNanoErg: value, ...(premium > 0n ? { premiumUnits: premium, premiumAccountId: premiumTo } : {}) },
        this.ctx(by),
      );
    const tip = this.w.height;
    const done = this.attempt("offer", this.model.offer(a.accountId, raise, value), build, by, () => []);
    if (!done) return;
    const o = this.made(done);
    expect(o.state).toBe("offer");
    this.model.applyOffer({ tokenId: o.boxId, boxId: o.boxId, underwriter: by.name, accountId: a.accountId, raise, premium, premiumTo, value, createdAt: tip });
  }

  /** A model stake in `state`, of a live account, or undefined. */
  someStake(state: "offer" | "locked"): string | undefined {
    const ids = [...this.model.stakes.values()].filter((s) => s.state === state && this.names.has(s.accountId)).map((s) => s.tokenId);
    return ids.length > 0 ? this.pick(ids) : undefined;
  }

  accept(): void {
    const id = this.someStake("offer") ?? (this.offer(), this.someStake("offer"));
    if (!id) return;
    const s = this.model.stake(id);
    const name = this.names.get(s.accountId)!;
    const owner = this.f.member(name);
    const payee = s.premium > 0n ? this.names.get(s.premiumTo) : undefined;
    if (s.premium > 0n && !payee) return;
    const build = () =>
      acceptUnderwriting({ offer: this.box(s.boxId), account: this.f.account(name).box, ...(payee ? { premiumAccount: this.f.account(payee).box } : {}) }, this.ctx(owner));
    const tip = this.w.height;
    const done = this.attempt("accept", this.model.accept(id), build, owner, (tx) => acceptMutants(tx, s.premium, this.d, this.env()));
    if (!done) return;
    const stake = this.made(done);
    expect(stake.stakeId, "the stake's token id is the offer's box id").toBe(id);
    this.model.applyAccept(id, stake.boxId, tip);
    if (s.premium > 0n) count(this.tally, "accept with a premium");
  }

  cancel(): void {
    const id = this.someStake("offer");
    if (!id) return;
    const s = this.model.stake(id);
    const by = this.member(s.underwriter);
    const stranger = this.pick([this.outsider, ...this.live().map((n) => this.f.member(n)).filter((m) => m.name !== s.underwriter)]);
    const build = () => cancelUnderwriting({ offer: this.box(s.boxId) }, this.ctx(by));
    // The twin: the same cancellation signed by someone else (the offer reduces to the underwriter's key).
    const twin = (): Mutant[] => [{ name: "signed by a stranger", tx: cancelUnderwriting({ offer: this.box(s.boxId) }, this.ctx(stranger)), refusal: "keyed" }];
    if (this.rng.chance(MUTATE)) this.refuses("cancel", twin()[0]!, stranger);
    if (this.attempt("cancel", { ok: true, value: null }, build, by, () => [])) this.model.cancel(id);
  }

  member(name: string): Member {
    return name === this.f.uma.name ? this.f.uma : this.f.member(name);
  }

  /** Withdraws a locked stake: while its raise is in use, refused by the builder and, built by hand, by the contract. */
  withdraw(): void {
    const id = this.someStake("locked");
    if (!id) return;
    const s = this.model.stake(id);
    const name = this.names.get(s.accountId)!;
    const by = this.member(s.underwriter);
    const stake = () => this.f.decode(this.box(s.boxId));
    const build = () => withdrawUnderwriting({ stake: this.box(s.boxId), account: this.f.account(name).box }, this.ctx(by));
    const predicted = this.model.withdraw(id);
    if (!predicted.ok) {
      expectScriptRefuses(this.w, handWithdrawal(stake(), this.f.account(name), this.ctx(by)), [by]);
      count(this.tally, "withdraw in use, built by hand, refused by the contract");
    }
    const signedByMember = (tx: Tx): Mutant => ({ name: "signed by the member", tx, refusal: "keyed" });
    const tip = this.w.height;
    const done = this.attempt("withdraw", predicted, build, by, (tx) => withdrawMutants(tx, id, this.d, this.env()));
    if (!done) return;
    this.model.applyWithdraw(id, tip);
    // The member alone cannot take the stake away either (checked after, on a later stake, at chance).
    if (this.rng.chance(0.3)) {
      const other = this.someStake("locked");
      const o = other ? this.model.stake(other) : undefined;
      if (o && this.model.withdraw(other!).ok) {
        const owner = this.f.member(this.names.get(o.accountId)!);
        const tx = withdrawUnderwriting({ stake: this.box(o.boxId), account: this.f.account(owner.name).box }, this.ctx(owner));
        this.refuses("withdraw", signedByMember(tx), owner);
      }
    }
  }

  /** A payment, mostly from a backed account, often into its raised credit. */
  payment(): void {
    const names = this.live();
    if (names.length < 2) return;
    const backed = names.filter((n) => this.model.account(this.f.account(n).accountId).stakes.length > 0);
    const from = backed.length > 0 && this.rng.chance(0.7) ? this.pick(backed) : this.pick(names);
    const to = this.pick(names.filter((n) => n !== from));
    const [a, b] = [this.model.account(this.f.account(from).accountId), this.model.account(this.f.account(to).accountId)];
    const room = a.balance + this.model.limit(a);
    const units = [1n + BigInt(this.rng.int(40)), room - BigInt(this.rng.int(20)), a.balance + a.base + 1n + BigInt(this.rng.int(50)), room + 1n][this.rng.weighted([3, 3, 3, 1])]!;
    const n = units > 0n ? units : 1n;
    const payer = this.f.member(from);
    const tip = this.w.height;
    const build = () => pay({ payer: this.f.account(from).box, payees: [{ account: this.f.account(to).box, amountUnits: n }] }, { height: this.w.height });
    // A backed payer's terms changed in a payment (its limit one unit higher): no stake decides it.
    const mutants = (tx: Tx): Mutant[] => {
      const i = tx.outputs.findIndex((o) => o.ergoTree === ACCOUNT_ERGO_TREE && o.additionalRegisters.R7 === bytesConstant(a.accountId));
      const t = readLongsAny("R6", output(tx, i).additionalRegisters.R6);
      return [{ name: "payer's limit one unit higher", tx: edit(tx, (x) => setRegister(output(x, i), "R6", longsConstant([t[0]! + 1n, ...t.slice(1)]))), refusal: "script" }];
    };
    if (!this.attempt("pay", this.model.pay(a.accountId, b.accountId, n), build, payer, mutants)) return;
    this.model.applyPay(a.accountId, b.accountId, n, tip);
    if (a.balance + a.base < 0n) count(this.tally, "pay into raised credit");
  }

  /** The live boxes of an account's stakes, in its terms' order. */
  stakeBoxes(accountId: string): Box<string>[] {
    return this.model.account(accountId).stakes.map((id) => this.box(this.model.stake(id).boxId));
  }

  /** Settles an exit in the model and checks the committee's ERG against exitShares. */
  exited(label: string, accountId: string, done: Submitted, accountBefore: ReturnType<UnderwritingFixture["account"]>): void {
    const stakes = this.model.account(accountId).stakes.map((id) => this.model.stake(id));
    const lost = this.model.applyExit(accountId);
    this.names.delete(accountId);
    const committee = done.outputs.filter((o) => o.ergoTree === this.f.committee.ergoTree && stakes.some((s) => o.additionalRegisters.R4 === bytesConstant(s.boxIds[s.boxIds.length - 1]!)));
    const paid = committee.reduce((sum, o) => sum + BigInt(o.value), 0n);
    const library = stakes.reduce((sum, s) => sum + exitShares(accountBefore, s.value).lost, 0n);
    expect(paid, `${label}: the committee's ERG is the shares of the raise in use`).toBe(lost);
    expect(paid, `${label}: the committee's ERG is exitShares' lost`).toBe(library);
    if (stakes.length > 0) count(this.tally, `${label} with stakes`);
    if (paid > 0n) count(this.tally, `${label}: a stake paid the committee`);
  }

  /** A payment that brings `name` back to balance 0 (from or to another member), when the model allows it. */
  toZero(name: string): void {
    const a = this.model.account(this.f.account(name).accountId);
    const other = this.pick(this.live().filter((n) => n !== name));
    const b = this.model.account(this.f.account(other).accountId);
    const [from, to, units] = a.balance < 0n ? [b, a, -a.balance] : [a, b, a.balance];
    if (units === 0n || !this.model.pay(from.accountId, to.accountId, units).ok) return;
    const tip = this.w.height;
    this.w.submit(pay({ payer: this.f.account(from.name).box, payees: [{ account: this.f.account(to.name).box, amountUnits: units }] }, { height: tip }), [this.f.member(from.name)]);
    this.model.applyPay(from.accountId, to.accountId, units, tip);
  }

  /** A leave, mostly of a backed account brought back to 0 first. */
  leave(): void {
    const names = this.live();
    const backed = names.filter((n) => this.model.account(this.f.account(n).accountId).stakes.length > 0);
    const name = backed.length > 0 && this.rng.chance(0.8) ? this.pick(backed) : this.pick(names);
    if (this.rng.chance(0.85)) this.toZero(name);
    const a = this.f.account(name);
    const owner = this.f.member(name);
    if (this.model.account(a.accountId).stakes.length > 0 && this.rng.chance(0.2)) {
      // Without its stakes the builder refuses: they must settle with the account.
      expect(thrown(() => leave({ community: this.f.communityBox(), account: a.box }, this.ctx(owner)))?.split(":")[0]).toBe(a.balance === 0n ? "InvalidIntent" : "BalanceNotZero");
      count(this.tally, "leave without its stakes refused");
    }
    const build = () => leave({ community: this.f.communityBox(), account: this.f.account(name).box, stakes: this.stakeBoxes(a.accountId) }, this.ctx(owner));
    const done = this.attempt("leave", this.model.leave(a.accountId), build, owner, (tx) => exitMutants(tx, this.settling(a.accountId), this.outsider.ergoTree, this.d, this.env()));
    if (done) this.exited("leave", a.accountId, done, a);
  }

  settling(accountId: string): { boxId: string; tokenId: string }[] {
    return this.model.account(accountId).stakes.map((id) => ({ boxId: this.model.stake(id).boxId, tokenId: id }));
  }

  /** `from` pays another member `units` through the builder, when the model allows it. */
  transfer(from: string, units: bigint): void {
    const to = this.pick(this.live().filter((n) => n !== from));
    const [a, b] = [this.f.account(from).accountId, this.f.account(to).accountId];
    if (units <= 0n || !this.model.pay(a, b, units).ok) return;
    const tip = this.w.height;
    this.w.submit(pay({ payer: this.f.account(from).box, payees: [{ account: this.f.account(to).box, amountUnits: units }] }, { height: tip }), [this.f.member(from)]);
    this.model.applyPay(a, b, units, tip);
  }

  /** A default: a negative account (mostly a backed one spending into its raise first), blocks mined past its inactivity window. */
  default(): void {
    const names = this.live();
    const backedNames = names.filter((n) => this.model.account(this.f.account(n).accountId).stakes.length > 0);
    if (backedNames.length > 0 && this.rng.chance(0.7)) {
      const m = this.model.account(this.f.account(this.pick(backedNames)).accountId);
      // Below the un-raised floor, so that the stakes pay the committee a share.
      this.transfer(m.name, m.balance + m.base + 1n + BigInt(this.rng.int(Number(this.model.backed(m)))));
    }
    const negatives = () => names.filter((n) => this.f.account(n).balance < 0n);
    if (negatives().length === 0) this.payment();
    const negative = negatives();
    if (negative.length === 0) return;
    const backed = negative.filter((n) => this.model.account(this.f.account(n).accountId).stakes.length > 0);
    const name = backed.length > 0 && this.rng.chance(0.8) ? this.pick(backed) : this.pick(negative);
    const accountId = this.f.account(name).accountId;
    // The first tip from which the default is valid (HEIGHT = tip + 1 = lastActive + inactivity).
    const due = Number(this.model.account(accountId).lastActive + POLICY.inactivityBlocks) - 1;
    const a = this.f.account(name);
    const closer = this.pick([this.outsider, this.f.uma, ...names.filter((n) => n !== name).map((n) => this.f.member(n))]);
    const build = () => closeDefaulted({ community: this.f.communityBox(), accounts: [this.f.account(name).box], stakes: this.stakeBoxes(accountId) }, this.ctx(closer));
    const close = () => this.attempt("default", this.model.closeDefaulted(accountId, this.w.height), build, closer, (tx) => exitMutants(tx, this.settling(accountId), this.outsider.ergoTree, this.d, this.env()));
    // Now and then one block early first (refused by the builder), then at the first valid block.
    if (this.rng.chance(0.25) && due - 1 > this.w.height) {
      this.w.mine(due - 1 - this.w.height);
      expect(close(), "a default one block early").toBeUndefined();
    }
    if (due > this.w.height) this.w.mine(due - this.w.height);
    const done = close();
    if (done) this.exited("default", accountId, done, a);
  }

  /** A newcomer takes a free seat (there are ten). */
  join(): void {
    if (this.f.community().seatsLeft < 2n) return;
    const m = this.w.member(`newcomer-${this.joined++}`);
    this.f.join(m);
    this.enrol(m.name);
    count(this.tally, "join");
  }

  /** Mines past dormancy: anyone refreshes every locked stake, then one backed account (or any) is closed as dormant with its stakes. */
  dormancy(): void {
    this.w.mine(DORMANT_BLOCKS);
    for (const s of [...this.model.stakes.values()].filter((x) => x.state === "locked")) {
      const tip = this.w.height;
      const done = this.attempt("refresh", { ok: true, value: null }, () => refreshUnderwriting({ stake: this.box(s.boxId) }, this.ctx(this.outsider)), this.outsider, (tx) => [
        { name: "refreshed one nanoERG short", tx: edit(tx, (x) => moveErg(output(x, 0), feeOut(x), 1n)), refusal: "script" },
        { name: "refreshed with the raise doubled", tx: edit(tx, (x) => setRegister(output(x, 0), "R6", underwritingRegisters({ ...this.f.decode(this.box(s.boxId)), raise: s.raise * 2n }).R6)), refusal: "script" },
      ]);
      this.model.refresh(s.tokenId, this.made(done!).boxId, tip);
    }
    const names = this.live();
    const backed = names.filter((n) => this.model.account(this.f.account(n).accountId).stakes.length > 0);
    if (names.length === 0) return;
    const name = backed.length > 0 ? this.pick(backed) : this.pick(names);
    const a = this.f.account(name);
    const build = () => closeDormant({ community: this.f.communityBox(), accounts: [a.box], stakes: this.stakeBoxes(a.accountId) }, this.ctx(this.outsider));
    const done = this.attempt("dormant close", { ok: true, value: null }, build, this.outsider, (tx) => exitMutants(tx, this.settling(a.accountId), this.outsider.ergoTree, this.d, this.env()));
    this.exited("dormant close", a.accountId, done!, a);
  }

  step(): void {
    const kinds = ["offer", "accept", "cancel", "withdraw", "pay", "leave", "default", "join", "mine"] as const;
    const kind = kinds[this.rng.weighted([4, 5, 1, 3, 5, 1.2, 2, 0.6, 1])]!;
    count(this.tally, `action ${kind}`);
    if (this.live().length < 2) return this.join();
    switch (kind) {
      case "offer":
        return this.offer();
      case "accept":
        return this.accept();
      case "cancel":
        return this.cancel();
      case "withdraw":
        return this.withdraw();
      case "pay":
        return this.payment();
      case "leave":
        return this.leave();
      case "default":
        return this.default();
      case "join":
        return this.join();
      case "mine":
        return this.w.mine(1 + this.rng.int(30));
    }
  }

  check(): void {
    this.checks.run();
  }
}

describe("random underwriting histories keep every stake accounted for and the books at zero", () => {
  it(`${RUNS} sequences of ${LENGTH} actions over four members, uma and newcomers (seed ${SEED})`, { timeout: 900_000 }, () => {
    const tally: Tally = new Map();
    for (let i = 0; i < RUNS; i++) {
      const run = new UnderwritingRun(new Random(SEED, `underwriting-run-${i}`), tally);
      run.check();
      for (let s = 0; s <= LENGTH; s++) {
        try {
          if (s < LENGTH) run.step();
          else run.dormancy();
          run.check();
        } catch (error) {
          throw new Error(`run ${i} (seed ${SEED}), step ${s}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
    }
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(Object.fromEntries([...tally].sort()), null, 1)}\n`);
    // A short search (fewer runs) may not reach every kind; the default one does.
    if (RUNS < 6) return;
    for (const key of ["offer accepted", "accept accepted", "withdraw accepted", "withdraw refused: UnderwritingRefused", "pay accepted", "refresh accepted", "dormant close accepted"]) {
      expect(tally.get(key) ?? 0, key).toBeGreaterThan(0);
    }
    for (const key of ["leave with stakes", "default with stakes", "default: a stake paid the committee"]) expect(tally.get(key) ?? 0, key).toBeGreaterThan(0);
    const exits = ["leave with stakes", "default with stakes", "dormant close with stakes"].reduce((s, k) => s + (tally.get(k) ?? 0), 0);
    expect(exits, "exits that settled stakes").toBeGreaterThanOrEqual(RUNS);
    const mutants = [...tally.entries()].filter(([k]) => k.includes(" mutant refused: ")).reduce((s, [, n]) => s + n, 0);
    expect(mutants, "mutated transactions judged").toBeGreaterThanOrEqual(RUNS * 4);
  });
});
