/**
 * Property: escrows for post-factum payments (contract version 7, docs/escrow.md) under random
 * sequences in a community of four members and four escrows (alice holds two): commits (in range,
 * past the credit floor, with deadlines at and past both ends), releases by the payer (inside and
 * outside the allowed range, and below the minimum once the grace window is over), refunds by the
 * payee, claims by anyone after the deadline, payments between members, escrows closed (by the
 * owner, or by a stranger once dormant) and opened again, blocks mined to a deadline, to the end of
 * the grace window and past dormancy, and refreshes. Every transaction goes through the builders
 * and both interpreters (World.submit). An independent model (escrow-model.ts: plain bigints, its
 * own register encoding) says first whether the builder accepts each intent or which typed error it
 * throws; after every step:
 *   the community is zero-sum: accounts + escrows + communityBalance = 0;
 *   each escrow's balance is its open order's max, or 0 when idle;
 *   no account is below its credit floor, counting what it committed (committed units left it);
 *   no payee gained more than the order's max; payee + payer gained exactly max, less what a claim
 *   of the minimum leaves in the escrow (the rest, as an order without a minimum);
 *   every escrow's registers equal the model's byte for byte, and its deposit never shrinks;
 *   free seats + accounts + escrows is constant.
 * Honest transactions are also mutated by one unit or one block and must be refused by both
 * interpreters. ESCROW_PROPERTY_RUNS sequences (default 4), seed ESCROW_PROPERTY_SEED.
 */
import type { Box } from "@fleet-sdk/common";
import { SColl, SLong } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import { pay } from "../builders/pay.ts";
import { closeEscrow, openEscrow, refreshEscrow } from "../builders/escrow-open.ts";
import { commitOrder, settleOrder } from "../builders/escrow-order.ts";
import { decodeEscrow } from "../escrow/escrow.ts";
import { readBytes } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, DORMANT_BLOCKS, ESCROW_ERGO_TREE, ESCROW_GRACE_BLOCKS } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { accountOut, edit, expectScriptRefuses, setRegister, type Tx } from "../testing/tx-edit.ts";
import { agreed, type Member } from "../testing/world.ts";
import { Random } from "../../util/prng.ts";
import { EscrowModel, escrowRegistersOf, type By, type ModelOrder, type Outcome, type Settlement } from "./escrow-model.ts";

/** Sequences: ESCROW_PROPERTY_RUNS (each 2-3 s on an idle 2-core machine, about 12 s on a loaded one). */
const RUNS = Number(process.env.ESCROW_PROPERTY_RUNS ?? 4);
/** Actions per sequence: ESCROW_PROPERTY_LENGTH. */
const LENGTH = Number(process.env.ESCROW_PROPERTY_LENGTH ?? 20);
const SEED = Number(process.env.ESCROW_PROPERTY_SEED ?? 0xe5c0);
/** Chance that an accepted transaction is first mutated and judged. */
const MUTATE = 0.5;

const NAMES = ["alice", "bob", "carol", "dave"] as const;
/** Escrow owners at the start: alice twice. */
const OWNERS = ["alice", "alice", "bob", "carol"] as const;
const POLICY = testPolicy({ creditLimit: 500n, positiveCap: 800n, maxMembers: 10n });
const GRACE = BigInt(ESCROW_GRACE_BLOCKS);
const DORMANT = BigInt(DORMANT_BLOCKS);

type Tally = Map<string, number>;
const count = (tally: Tally, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

/** The error a build throws (its class name and message), or undefined when it builds. */
function thrown(build: () => unknown): string | undefined {
  try {
    build();
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

const longHex = (n: bigint) => SLong(n).toHex();
const termsHex = (o: { max: bigint; minimum: bigint; deadline: bigint }) => SColl(SLong, [o.max, o.minimum, o.deadline]).toHex();
const escrowOut = (tx: Tx) => tx.outputs.find((o) => o.ergoTree === ESCROW_ERGO_TREE)!;

/**
 * A mutated transaction; `judgeAt`: the tip to judge it at; `keyed`: another path may remain open
 * that needs a key the signer lacks (the payer's, or the payee's for a refund), so the script may
 * reduce to that key rather than to false; either way nobody but that party could sign it.
 */
interface Mutant {
  name: string;
  tx: Tx;
  judgeAt?: number;
  keyed?: boolean;
}

/** One community, its escrows and the model, stepped through random actions. */
class EscrowRun {
  readonly f = new Fixture({ policy: POLICY, members: [...NAMES] });
  readonly model: EscrowModel;
  readonly outsider: Member;
  /** The deposit each escrow last held: it never shrinks. */
  readonly deposits = new Map<string, bigint>();

  constructor(readonly rng: Random, readonly tally: Tally) {
    this.model = new EscrowModel(POLICY, { graceBlocks: GRACE, dormantBlocks: DORMANT }, this.f.community().seatsLeft, NAMES.map((n) => this.f.account(n).accountId));
    this.outsider = this.w.member("outsider");
    for (const name of OWNERS) this.open(name);
  }

  get w() {
    return this.f.world;
  }

  id(name: string): string {
    return this.f.account(name).accountId;
  }

  nameOf(accountId: string): string {
    const name = NAMES.find((n) => this.id(n) === accountId);
    if (!name) throw new Error(`no member with account ${accountId}`);
    return name;
  }

  ctx(m: Member) {
    return { height: this.w.height, wallet: this.w.wallet(m) };
  }

  pick<T>(items: readonly T[]): T {
    return items[this.rng.int(items.length)]!;
  }

  /** A bigint uniform in [lo, hi]. */
  between(lo: bigint, hi: bigint): bigint {
    return lo + BigInt(this.rng.int(Number(hi - lo) + 1));
  }

  escrowBox(escrowId: string): Box<string> {
    for (const box of this.w.utxos.values()) {
      const d = decodeEscrow(box);
      if (d.ok && d.value.escrowId === escrowId) return box;
    }
    throw new Error(`no live escrow ${escrowId}`);
  }

  /** Judges a build against the model: a refusal must be that typed error; an acceptance is submitted, after `mutants` are refused. */
  attempt<T>(label: string, predicted: Outcome<T>, build: () => Tx, signer: Member, mutants: (value: T, tx: Tx) => Mutant[], accepted: (value: T) => void, always = false): void {
    if (!predicted.ok) {
      const error = thrown(build);
      expect(error?.split(":")[0], `${label}: the model expects ${predicted.error}, the builder ${error ?? "built it"}`).toBe(predicted.error);
      count(this.tally, `${label} refused: ${predicted.error}`);
      return;
    }
    const tx = build();
    // `always`: the first mutant is judged every time (a window's first block), a random other at the usual chance.
    const all = always || this.rng.chance(MUTATE) ? mutants(predicted.value, tx) : [];
    if (always && all.length > 0) this.refuses(label, all.shift()!, signer);
    if (all.length > 0 && (!always || this.rng.chance(MUTATE))) this.refuses(label, this.pick(all), signer);
    this.w.submit(tx, [signer]);
    count(this.tally, `${label} accepted`);
    accepted(predicted.value);
  }

  /** A mutated transaction is refused by a script in both interpreters (at `judgeAt` as the tip when given). */
  refuses(label: string, mutant: Mutant, signer: Member): void {
    const tip = this.w.height;
    if (mutant.judgeAt !== undefined) this.w.height = mutant.judgeAt;
    try {
      if (!mutant.keyed) expectScriptRefuses(this.w, mutant.tx, [signer]);
      else {
        // The script reduces to false or to a key the signer does not hold: the prover cannot sign.
        const verdict = this.w.judge(mutant.tx, [signer]);
        expect(agreed(verdict), `${mutant.name}: expected both interpreters to reject`).toBe(false);
        expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "sign" });
      }
    } finally {
      this.w.height = tip;
    }
    count(this.tally, `${label} mutant refused: ${mutant.name}`);
  }

  open(name: string): void {
    const m = this.f.member(name);
    const tip = this.w.height;
    const escrowId = this.f.communityBox().boxId;
    this.attempt("open", this.model.open(), () => openEscrow({ community: this.f.communityBox(), account: this.f.account(name).box }, this.ctx(m)), m, () => [], () => {
      this.model.applyOpen(escrowId, this.id(name), m.owner, tip);
    });
  }

  /** An escrow id: an idle one when `idle` and there is one, an open one when `!idle` and there is one, else any. */
  someEscrow(idle: boolean): string | undefined {
    const all = [...this.model.escrows.values()];
    const wanted = all.filter((e) => (e.order === null) === idle);
    const from = wanted.length > 0 && this.rng.chance(0.95) ? wanted : all;
    return from.length > 0 ? this.pick(from).escrowId : undefined;
  }

  commit(): void {
    const escrowId = this.someEscrow(true);
    if (!escrowId) return;
    const tip = this.w.height;
    const e = this.model.escrow(escrowId);
    // Almost always the owner's own account; now and then another's (refused).
    const payerName = this.rng.chance(0.95) ? this.nameOf(e.ownerId) : this.pick(NAMES);
    const payerId = this.id(payerName);
    const payeeName = this.rng.chance(0.95) ? this.pick(NAMES.filter((n) => n !== payerName)) : payerName;
    const room = this.model.balanceOf(payerId) + POLICY.creditLimit;
    const max = [1n + BigInt(this.rng.int(80)), 1n + BigInt(this.rng.int(80)), room, room + 1n][this.rng.weighted([4, 3, 1, 1])]!;
    const units = max > 0n ? max : 1n;
    const minimum = [0n, this.between(0n, units), units, units + 1n][this.rng.weighted([2, 5, 1, 0.5])]!;
    const t = BigInt(tip);
    const deadline = [t + 2n + BigInt(this.rng.int(40)), t + 2n, t + 1n, t + DORMANT, t + DORMANT + 1n][this.rng.weighted([8, 1, 0.5, 0.5, 0.5])]!;
    const bytes = this.rng.chance(0.05) ? 65 : this.rng.int(65);
    const reference = Array.from({ length: bytes }, () => this.rng.int(256).toString(16).padStart(2, "0")).join("");
    const intent = { payeeId: this.id(payeeName), max: units, minimum, deadline, reference };
    const payer = this.f.member(payerName);
    const build = () =>
      commitOrder(
        { escrow: this.escrowBox(escrowId), payer: this.f.account(payerName).box, payeeId: intent.payeeId, maxUnits: units, minimumUnits: minimum, deadline, reference },
        this.ctx(payer),
      );
    const before = this.model.balanceOf(payerId);
    const mutants = (o: ModelOrder, tx: Tx) => [
      // The escrow holds max while the account gives one unit less: a unit from nowhere.
      { name: "account debited one less", tx: edit(tx, (d) => setRegister(accountOut(d, payerId), "R5", longHex(before - o.max + 1n))) },
      // The escrow holds one unit more than the account gave.
      { name: "escrow one unit more", tx: edit(tx, (d) => { setRegister(escrowOut(d), "R4", termsHex({ ...o, max: o.max + 1n })); setRegister(escrowOut(d), "R5", longHex(o.max + 1n)); }) },
      { name: "deadline at HEIGHT", tx: edit(tx, (d) => setRegister(escrowOut(d), "R4", termsHex({ ...o, deadline: t + 1n }))) },
      { name: "deadline one block past dormancy", tx: edit(tx, (d) => setRegister(escrowOut(d), "R4", termsHex({ ...o, deadline: t + 1n + DORMANT + 1n }))) },
      { name: "minimum one above max", tx: edit(tx, (d) => setRegister(escrowOut(d), "R4", termsHex({ ...o, minimum: o.max + 1n }))) },
    ];
    this.attempt("commit", this.model.commit(escrowId, payerId, intent, tip), build, payer, mutants, (o) => {
      this.model.applyCommit(escrowId, o, tip);
      expect(this.f.account(payerName).balance, "the payer gave exactly max").toBe(before - o.max);
      if (o.max === room) count(this.tally, "commit down to the credit floor");
    });
  }

  /** Settles an open order by `by`; `released` for the payer. `judgeEarlier`: the settlement's first valid block, also judged one block before (refused). */
  settle(by: By, released: (o: ModelOrder, lo: bigint) => bigint, opts: { escrowId?: string; judgeEarlier?: boolean } = {}): void {
    const escrowId = opts.escrowId ?? this.someEscrow(false);
    const judgeEarlier = opts.judgeEarlier ?? false;
    if (!escrowId) return;
    const tip = this.w.height;
    const o = this.model.escrow(escrowId).order;
    const range = o ? this.model.range(o, by, BigInt(tip) + 1n) : null;
    const r = by === "payer" && o ? released(o, range?.[0] ?? 0n) : undefined;
    const payerName = o ? this.nameOf(o.payerId) : NAMES[0];
    const payeeName = o ? this.nameOf(o.payeeId) : NAMES[1];
    // Anyone may claim, the payer too; but a claim one block early signed by the payer is its release.
    const claimers = [...NAMES.filter((n) => !judgeEarlier || n !== payerName).map((n) => this.f.member(n)), this.outsider];
    const signer = by === "payer" ? this.f.member(payerName) : by === "payee" ? this.f.member(payeeName) : this.pick(claimers);
    const build = () =>
      settleOrder(
        { escrow: this.escrowBox(escrowId), payer: this.f.account(payerName).box, payee: this.f.account(payeeName).box, by, ...(r === undefined ? {} : { releasedUnits: r }) },
        this.ctx(signer),
      );
    const [payerBefore, payeeBefore] = [this.f.account(payerName).balance, this.f.account(payeeName).balance];
    const label = `settle by ${by}`;
    const mutants = (s: Settlement, tx: Tx) => {
      const order = o!;
      const has = (id: string) => tx.outputs.some((out) => out.ergoTree === ACCOUNT_ERGO_TREE && readBytes("R7", out.additionalRegisters.R7) === id);
      const shift = (payee: bigint, payer: bigint) => edit(tx, (d) => {
        if (payee !== 0n) setRegister(accountOut(d, order.payeeId), "R5", longHex(payeeBefore + s.released + payee));
        if (payer !== 0n) setRegister(accountOut(d, order.payerId), "R5", longHex(payerBefore + s.returned + payer));
      });
      const list: Mutant[] = [];
      if (has(order.payeeId)) list.push({ name: "payee one unit more", tx: shift(1n, 0n) });
      if (has(order.payerId)) list.push({ name: "payer one unit more", tx: shift(0n, 1n) });
      const both = has(order.payeeId) && has(order.payerId);
      if (by === "payer" && both && s.released > 0n && s.released === range![0]) list.push({ name: "one unit below the range", tx: shift(-1n, 1n), keyed: true });
      const claimable = BigInt(tip) + 1n > order.deadline && order.minimum === 1n;
      if (by === "payee" && both && !claimable) list.push({ name: "refund releasing one unit", tx: shift(1n, -1n), keyed: true });
      if (by === "anyone" && both && s.returned > 0n && signer.name !== payerName) list.push({ name: "claim of one unit over the minimum", tx: shift(1n, -1n), keyed: true });
      if (s.kept > 0n) {
        // After a claim the escrow keeps exactly the rest, as an order without a minimum.
        list.push({ name: "claim keeping one unit less", tx: edit(tx, (d) => { setRegister(escrowOut(d), "R4", termsHex({ ...order, max: s.kept - 1n, minimum: 0n })); setRegister(escrowOut(d), "R5", longHex(s.kept - 1n)); }) });
        list.push({ name: "claim's rest keeping a minimum", tx: edit(tx, (d) => setRegister(escrowOut(d), "R4", termsHex({ ...order, max: s.kept, minimum: 1n }))) });
      }
      // One block before its window the settlement is refused; for a claim its signer lacks the keys of the paths still open.
      if (judgeEarlier) return [{ name: `${by === "anyone" ? "claim" : "release below the minimum"} one block early`, tx, judgeAt: tip - 1, keyed: true }, ...list];
      return list;
    };
    if (judgeEarlier) count(this.tally, `${label} at its first block`);
    this.attempt(label, this.model.settle(escrowId, by, r, tip), build, signer, mutants, (s) => {
      const order = o!;
      const payeeGain = this.f.account(payeeName).balance - payeeBefore;
      const payerGain = this.f.account(payerName).balance - payerBefore;
      expect(payeeGain, "the payee gains what the model released, never more than max").toBe(s.released);
      expect(payeeGain <= order.max && payeeGain >= 0n && payerGain >= 0n).toBe(true);
      expect(payerGain).toBe(s.returned);
      expect(payeeGain + payerGain + s.kept, "payee and payer together gain max, less what a claim leaves in the escrow").toBe(order.max);
      if (by === "payer" && s.released < order.minimum) count(this.tally, "release below the minimum after the grace window");
      this.model.applySettle(escrowId, s, tip);
    }, judgeEarlier);
  }

  /** Mines to where an open order's window starts (`tip` = deadline, or deadline + grace), then settles in its first block, first judged one block earlier. */
  atWindow(which: "deadline" | "grace"): void {
    const open = [...this.model.escrows.values()].filter((e) => e.order !== null);
    if (open.length === 0) return;
    const e = this.pick(open);
    const o = e.order!;
    const target = which === "deadline" ? o.deadline : o.deadline + GRACE;
    if (target <= BigInt(this.w.height)) return;
    this.w.mine(Number(target - BigInt(this.w.height)));
    if (which === "deadline") this.settle("anyone", () => 0n, { escrowId: e.escrowId, judgeEarlier: true });
    // With a minimum of 0 the payer may release 0 at any time: nothing to judge a block early.
    else this.settle("payer", (order) => (order.minimum > 0n ? this.between(0n, order.minimum - 1n) : 0n), { escrowId: e.escrowId, judgeEarlier: o.minimum > 0n });
  }

  payment(): void {
    const from = this.pick(NAMES);
    const to = this.pick(NAMES.filter((n) => n !== from));
    const [a, b] = [this.id(from), this.id(to)];
    const units = [1n + BigInt(this.rng.int(60)), 100n + BigInt(this.rng.int(300)), this.model.balanceOf(a) + POLICY.creditLimit + 1n, POLICY.positiveCap - this.model.balanceOf(b) + 1n][this.rng.weighted([4, 2, 1, 1])]!;
    const n = units > 0n ? units : 1n;
    const intent = { payer: this.f.account(from).box, payees: [{ account: this.f.account(to).box, amountUnits: n }] };
    const payer = this.f.member(from);
    this.attempt("pay", this.model.pay(a, b, n), () => pay(intent, this.ctx(payer)), payer, () => [], () => this.model.applyPay(a, b, n));
  }

  close(asStranger = this.rng.chance(0.3)): void {
    const escrowId = this.someEscrow(true);
    if (!escrowId) return;
    const e = this.model.escrow(escrowId);
    const tip = this.w.height;
    const owner = this.f.member(this.nameOf(e.ownerId));
    const stranger = this.pick([...NAMES.filter((n) => n !== this.nameOf(e.ownerId)).map((n) => this.f.member(n)), this.outsider]);
    const signer = asStranger ? stranger : owner;
    // The owner's close signed by a stranger instead: refused whatever the escrow's age.
    const build = () => closeEscrow({ community: this.f.communityBox(), escrow: this.escrowBox(escrowId), asStranger }, this.ctx(signer));
    const predicted = this.model.close(escrowId, asStranger, tip);
    if (predicted.ok && !asStranger && this.rng.chance(MUTATE)) {
      const tx = closeEscrow({ community: this.f.communityBox(), escrow: this.escrowBox(escrowId) }, this.ctx(stranger));
      this.refuses("close", { name: "owner's close signed by a stranger", tx, keyed: true }, stranger);
    }
    this.attempt(asStranger ? "close by a stranger" : "close by the owner", predicted, build, signer, () => [], () => {
      this.model.applyClose(escrowId);
      this.deposits.delete(escrowId);
    });
  }

  refresh(): void {
    const escrowId = this.someEscrow(this.rng.chance(0.5));
    if (!escrowId) return;
    const tip = this.w.height;
    const signer = this.pick([...NAMES.map((n) => this.f.member(n)), this.outsider]);
    this.attempt("refresh", this.model.refresh(escrowId, tip), () => refreshEscrow({ escrow: this.escrowBox(escrowId) }, this.ctx(signer)), signer, () => [], () => {
      this.model.applyRefresh(escrowId, tip);
    });
  }

  mine(): void {
    const k = this.rng.weighted([3, 3, 0.6]);
    const blocks = [1, 2 + this.rng.int(40), Number(DORMANT)][k]!;
    if (k === 2) this.dormancy(0.5);
    else this.w.mine(blocks);
  }

  /** Mines past dormancy: every box is dormant, so anyone refreshes an escrow, and a stranger may close an idle one. */
  dormancy(closeChance: number): void {
    this.w.mine(Number(DORMANT));
    count(this.tally, "mined past dormancy");
    this.refresh();
    if (this.rng.chance(closeChance)) this.close(true);
  }

  step(): void {
    const lapsed = (o: ModelOrder) => BigInt(this.w.height) + 1n > o.deadline + GRACE;
    const kinds = ["commit", "release", "release-out", "refund", "claim", "claim-window", "late-release", "pay", "close", "open", "refresh", "mine"] as const;
    const kind = kinds[this.rng.weighted([7, 5, 2, 2, 2, 1.5, 1.5, 3, 2, 1.2, 1, 2.5])]!;
    count(this.tally, `action ${kind}`);
    const settles: readonly string[] = ["release", "release-out", "refund", "claim", "claim-window", "late-release"];
    // A settlement needs an open order: mostly commit one first when there is none.
    if (settles.includes(kind) && this.model.held() === 0n && this.rng.chance(0.8)) this.commit();
    switch (kind) {
      case "commit":
        return this.commit();
      case "release":
        // Inside the allowed range.
        return this.settle("payer", (o, lo) => this.between(lo, o.max));
      case "release-out":
        // Outside it: one more than max, or one below the minimum while the payee may still claim it.
        return this.settle("payer", (o) => (o.minimum > 0n && !lapsed(o) && this.rng.chance(0.5) ? o.minimum - 1n : o.max + 1n + BigInt(this.rng.int(3))));
      case "refund":
        return this.settle("payee", () => 0n);
      case "claim":
        return this.settle("anyone", () => 0n);
      case "claim-window":
        return this.atWindow("deadline");
      case "late-release":
        return this.atWindow("grace");
      case "pay":
        return this.payment();
      case "close":
        return this.close();
      case "open":
        return this.open(this.pick(NAMES));
      case "refresh":
        return this.refresh();
      case "mine":
        return this.mine();
    }
  }

  /** The chain equals the model, and the books hold. */
  check(): void {
    const m = this.model;
    const community = this.f.community();
    let held = 0n;
    let accounts = 0n;
    let escrows = 0;
    for (const box of this.w.utxos.values()) {
      const d = decodeEscrow(box);
      if (!d.ok || d.value.communityId !== this.f.communityId) continue;
      escrows += 1;
      const e = m.escrow(d.value.escrowId);
      expect(d.value.balance, "an escrow holds its order's max, or 0").toBe(d.value.order?.max ?? 0n);
      expect(d.value.balance).toBe(e.order?.max ?? 0n);
      const expected = escrowRegistersOf(e);
      const r = box.additionalRegisters as Record<string, string>;
      for (const name of ["R4", "R5", "R6", "R7", "R8", "R9"] as const) expect(r[name]?.toLowerCase(), `escrow ${name}`).toBe(expected[name].toLowerCase());
      expect(box.creationHeight).toBe(e.createdAt);
      const deposit = BigInt(box.value);
      expect(deposit, "an escrow's deposit never shrinks").toBeGreaterThanOrEqual(this.deposits.get(e.escrowId) ?? 0n);
      this.deposits.set(e.escrowId, deposit);
      held += d.value.balance;
    }
    expect(escrows, "every escrow the model knows is live, and no other").toBe(m.escrows.size);
    for (const name of NAMES) {
      const a = this.f.account(name);
      expect(a.balance, `${name}'s balance`).toBe(m.balanceOf(a.accountId));
      // Committed units have left the account: what is left stays within the credit floor.
      expect(a.balance, `${name} within its credit floor`).toBeGreaterThanOrEqual(-POLICY.creditLimit);
      expect(a.balance).toBeLessThanOrEqual(POLICY.positiveCap);
      accounts += a.balance;
    }
    expect(accounts + held + community.communityBalance, "accounts + escrows + communityBalance = 0").toBe(0n);
    expect(held).toBe(m.held());
    expect(m.committed, "committed = released + returned + held").toBe(m.released + m.returned + m.held());
    expect(community.seatsLeft).toBe(m.seatsLeft);
    expect(community.seatsLeft + BigInt(NAMES.length) + BigInt(escrows), "free seats + accounts + escrows").toBe(POLICY.maxMembers);
  }
}

describe("random sequences of escrow orders keep the chain equal to the model and the books at zero", () => {
  it(`${RUNS} sequences of ${LENGTH} actions over four members and their escrows (seed ${SEED})`, { timeout: 900_000 }, () => {
    const tally: Tally = new Map();
    for (let i = 0; i < RUNS; i++) {
      const run = new EscrowRun(new Random(SEED, `escrow-run-${i}`), tally);
      run.check();
      for (let s = 0; s < LENGTH; s++) {
        try {
          run.step();
          run.check();
        } catch (error) {
          throw new Error(`run ${i} (seed ${SEED}), step ${s}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      // Each sequence ends past dormancy, so that refreshes and strangers' closes are reached.
      run.dormancy(1);
      run.check();
    }
    if (process.env.LETS_PROPERTY_STATS) process.stdout.write(`${JSON.stringify(Object.fromEntries([...tally].sort()), null, 1)}\n`);
    // A short search (fewer runs) may not reach every kind; the default one does.
    if (RUNS < 4) return;
    for (const key of ["commit accepted", "settle by payer accepted", "settle by payee accepted", "settle by anyone accepted", "pay accepted", "close by the owner accepted", "refresh accepted"]) {
      expect(tally.get(key) ?? 0, key).toBeGreaterThan(0);
    }
    const mutants = [...tally.entries()].filter(([k]) => k.includes(" mutant refused: ")).reduce((s, [, n]) => s + n, 0);
    expect(mutants, "mutated transactions judged").toBeGreaterThanOrEqual(RUNS);
  });
});
