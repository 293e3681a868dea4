/**
 * A loan book beside the community's trading (docs/simulate.md, "A loan book"): those of
 * `ChainActions`, plus, at the end of every block, the loans' steps through the loan builders
 * (docs/loans.md): a bank offers loan k in block k, an investor funds it, the business draws its two
 * tranches as they unlock and repays each instalment before its due height (or after it, when
 * late; or stops after the first, a default), the investor claims from the bond what a missed
 * instalment's grace leaves unpaid, and the bank releases the bond once the loan is covered.
 * Every party has its own key, funded at the start; what each wallet should hold afterwards is
 * kept here from the terms alone (not from the built transactions) and reconciled with the chain.
 */
import { LetsError } from "../../../contracts/errors.ts";
import { claimBond, claimLimit, drawTranche, fundLoan, repayInstalment } from "../../../contracts/builders/loan-flow.ts";
import { offerLoan, releaseBond } from "../../../contracts/builders/loan-offer.ts";
import { bondFloorNanoErg, loanDepositNanoErg } from "../../../contracts/builders/loan-common.ts";
import { decodeBond, decodeLoan, instalmentSchedule, outstanding, releasableAt, totalOwed, type Bond, type Loan } from "../../../contracts/loan/loan.ts";
import { BOND_ERGO_TREE, LOAN_ERGO_TREE, ownerFromPublicKey } from "../../../contracts/index.ts";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { DerivedKey } from "../../../ergo/keys.ts";
import { predict, type Predicted } from "../../../ergo/predict.ts";
import { Random } from "../../../util/prng.ts";
import type { LoanBookSpec } from "../scenario-loans.ts";
import { ChainActions, type ActionContext } from "./actions.ts";
import { FunderShortOfErg } from "./setup.ts";

/** Where the key indexes of the loan parties start (members use 1, 2, ...). */
const PARTY_INDEX = 900_000;
/** ERG each party's wallet gets for its fees and boxes' floors, per loan it is in. */
const SPARE_NANOERG = 200_000_000n;

/** One loan of the book as the simulator follows it. */
export interface BookLoan {
  index: number;
  bank: DerivedKey;
  investor: DerivedKey;
  business: DerivedKey;
  fate: "on time" | "late" | "default";
  loanId?: string;
  principalNanoErg: bigint;
  owedNanoErg: bigint;
  drawn: number;
  repaidNanoErg: bigint;
  claimedNanoErg: bigint;
  /** Instalments repaid after their due height. */
  lateRepayments: number;
  funded: boolean;
  released: boolean;
  /** What the bond holds now (its floor included). */
  bondNanoErg: bigint;
}

type Built = { unsigned: EIP12UnsignedTransaction } | { reason: string };

export class LoanActions extends ChainActions {
  readonly book: BookLoan[] = [];
  /** What each party's wallet should hold, by address, from the terms of what it did. */
  readonly expected = new Map<string, bigint>();
  /** Loan steps the builders refused, by reason. */
  readonly loanRefusals = new Map<string, number>();

  constructor(
    ctx: ActionContext,
    readonly spec: LoanBookSpec,
  ) {
    super(ctx);
    const random = new Random(ctx.scenario.seed, "loan-book");
    const key = (offset: number, k: number) => ctx.driver.keys.key(PARTY_INDEX + offset + k);
    for (let k = 0; k < spec.count; k++) {
      const draw = random.next();
      const fate = draw < spec.missShare ? "default" : draw < spec.missShare + spec.lateShare ? "late" : "on time";
      const terms = this.schedule(0);
      this.book.push({
        index: k, bank: key(0, k % spec.banks), investor: key(1_000, k % spec.investors), business: key(2_000, k), fate,
        principalNanoErg: spec.principalNanoErg, owedNanoErg: totalOwed(terms), drawn: 0, repaidNanoErg: 0n, claimedNanoErg: 0n,
        lateRepayments: 0, funded: false, released: false, bondNanoErg: 0n,
      });
    }
  }

  /** The terms of a loan offered at `height`: two tranches, instalments of the principal with interest. */
  private schedule(height: number) {
    const { spec } = this;
    const half = spec.principalNanoErg / 2n;
    const second = BigInt(height + spec.trancheBlocks);
    return {
      tranches: [{ amountNanoErg: spec.principalNanoErg - half, unlockHeight: BigInt(height) }, { amountNanoErg: half, unlockHeight: second }],
      instalments: instalmentSchedule(spec.principalNanoErg, BigInt(spec.rateBps), spec.instalments, second + BigInt(spec.everyBlocks), BigInt(spec.everyBlocks)),
      graceBlocks: BigInt(spec.graceBlocks),
    };
  }

  private bondOf(owed: bigint): bigint {
    return (owed * BigInt(Math.round(this.spec.bondShare * 10_000))) / 10_000n;
  }

  /** Funds every party's wallet from the funder (one transaction), before block 0. */
  fundParties(height: number): void {
    const { boxes, driver } = this.ctx;
    const need = new Map<string, { key: DerivedKey; nanoErg: bigint }>();
    const add = (key: DerivedKey, nanoErg: bigint) => need.set(key.address, { key, nanoErg: (need.get(key.address)?.nanoErg ?? 0n) + nanoErg + SPARE_NANOERG });
    // The loan box's deposit and the bond's floor, as the offer will size them (a loan id and the bank's key of the usual sizes).
    const terms = { ...this.schedule(height), bank: ownerFromPublicKey(driver.funder.publicKey), business: ownerFromPublicKey(driver.funder.publicKey) };
    const floors = loanDepositNanoErg(terms, driver.funder.publicKey.slice(2), height) + bondFloorNanoErg(driver.funder.publicKey.slice(2), height);
    for (const l of this.book) {
      add(l.bank, floors + this.bondOf(l.owedNanoErg));
      add(l.investor, l.principalNanoErg);
      add(l.business, l.owedNanoErg - l.principalNanoErg);
    }
    const total = [...need.values()].reduce((s, n) => s + n.nanoErg, 0n);
    const available = boxes.wallet(driver.funder.ergoTree).reduce((s, b) => s + BigInt(b.value), 0n);
    if (available < total + SPARE_NANOERG) throw new FunderShortOfErg(driver.funder.address, total + SPARE_NANOERG, available);
    for (const { key } of need.values()) boxes.track(key.ergoTree);
    boxes.track(LOAN_ERGO_TREE);
    boxes.track(BOND_ERGO_TREE);
    const funding = this.funding([...need.values()].map((n) => ({ address: n.key.address, nanoErg: n.nanoErg })), height);
    this.send(funding.unsigned, funding.predicted, [driver.funder.secretKey], -1, height, undefined, () => {
      for (const n of need.values()) this.expected.set(n.key.address, n.nanoErg);
      return () => this.expected.clear();
    });
  }

  /** The loans' steps due in simulated block `block`. */
  endBlock(block: number): void {
    const height = this.buildHeight(block);
    const at = BigInt(height) + 1n;
    for (const l of this.book) {
      if (l.released) continue;
      if (!l.loanId) {
        if (block === l.index) this.offer(l, block, height);
        continue;
      }
      const loan = this.loanBox(l.loanId);
      if (!loan) continue;
      if (!loan.investor) this.step(block, height, "fund", () => fundLoan({ loan: loan.box }, this.wallet(l.investor, height)), [l.investor], () => this.move(l.investor, -l.principalNanoErg, () => (l.funded = true), () => (l.funded = false)));
      else if (loan.drawn < loan.tranches.length && at >= loan.tranches[loan.drawn]!.unlockHeight) this.draw(l, loan, block, height);
      else if (releasableAt(loan, at)) this.release(l, loan, block, height);
      else if (claimLimit(loan, this.bond(l.loanId)!.valueNanoErg, height) > 0n) this.claim(l, loan, block, height);
      else this.repay(l, loan, block, height, at);
    }
  }

  private offer(l: BookLoan, block: number, height: number): void {
    const terms = { ...this.schedule(height), business: ownerFromPublicKey(l.business.publicKey), bondNanoErg: this.bondOf(l.owedNanoErg) };
    const built = this.build(() => offerLoan(terms, this.wallet(l.bank, height)));
    if ("reason" in built) return this.refused("offer", built.reason);
    const predicted = predict(built.unsigned);
    const [loanBox, bondBox] = predicted.outputs as [(typeof predicted.outputs)[number], (typeof predicted.outputs)[number]];
    const held = BigInt(loanBox.value) + BigInt(bondBox.value);
    this.sendLoan("offer", built.unsigned, predicted, [l.bank], block, height, () => {
      l.loanId = built.unsigned.inputs[0]!.boxId;
      l.bondNanoErg = BigInt(bondBox.value);
      const undo = this.charge(l.bank, -held);
      return () => (undo(), (l.loanId = undefined), (l.bondNanoErg = 0n));
    });
  }

  private draw(l: BookLoan, loan: Loan, block: number, height: number): void {
    const amount = loan.tranches[loan.drawn]!.amountNanoErg;
    this.step(block, height, "draw", () => drawTranche({ loan: loan.box }, this.wallet(l.business, height)), [l.business], () => this.move(l.business, amount, () => l.drawn++, () => l.drawn--));
  }

  /** The business repays the next instalment: before its due height, or (late) just after it; a defaulter stops after the first. */
  private repay(l: BookLoan, loan: Loan, block: number, height: number, at: bigint): void {
    const covered = loan.repaidNanoErg + loan.claimedNanoErg;
    let cumulative = 0n;
    const next = loan.instalments.find((i) => (cumulative += i.amountNanoErg) > covered);
    if (!next || (l.fate === "default" && loan.repaidNanoErg > 0n)) return;
    const when = l.fate === "late" ? next.dueHeight + 1n : next.dueHeight - 2n;
    if (at < when) return;
    const amount = cumulative - covered > outstanding(loan) ? outstanding(loan) : cumulative - covered;
    const late = at > next.dueHeight ? 1 : 0;
    this.step(block, height, "repay", () => repayInstalment({ loan: loan.box, amountNanoErg: amount }, this.wallet(l.business, height)), [l.business], () => {
      const undoInvestor = this.adjust(l.investor.address, amount);
      return this.move(l.business, -amount, () => ((l.repaidNanoErg += amount), (l.lateRepayments += late)), () => ((l.repaidNanoErg -= amount), (l.lateRepayments -= late), undoInvestor()));
    });
  }

  private claim(l: BookLoan, loan: Loan, block: number, height: number): void {
    const bond = this.bond(l.loanId!)!;
    const amount = claimLimit(loan, bond.valueNanoErg, height);
    this.step(block, height, "claim", () => claimBond({ loan: loan.box, bond: bond.box, amountNanoErg: amount }, this.wallet(l.investor, height)), [l.investor], () =>
      this.move(l.investor, amount, () => ((l.claimedNanoErg += amount), (l.bondNanoErg -= amount)), () => ((l.claimedNanoErg -= amount), (l.bondNanoErg += amount))));
  }

  private release(l: BookLoan, loan: Loan, block: number, height: number): void {
    const bond = this.bond(l.loanId!)!;
    const undrawn = loan.tranches.slice(loan.drawn).reduce((s, t) => s + t.amountNanoErg, 0n);
    this.step(block, height, "release", () => releaseBond({ loan: loan.box, bond: bond.box }, this.wallet(l.bank, height)), [l.bank], () => {
      const undoInvestor = this.adjust(l.investor.address, undrawn);
      return this.move(l.bank, loan.valueNanoErg - undrawn + bond.valueNanoErg, () => (l.released = true), () => ((l.released = false), undoInvestor()));
    });
  }

  /** Builds a step and sends it signed by `signers`; its effects apply at once, the fee charged to the first signer. */
  private step(block: number, height: number, name: string, make: () => EIP12UnsignedTransaction, signers: DerivedKey[], effects: () => () => void): void {
    const built = this.build(make);
    if ("reason" in built) return this.refused(name, built.reason);
    this.sendLoan(name, built.unsigned, predict(built.unsigned), signers, block, height, effects);
  }

  /** As `send`, but a refusal by the node is counted under the step's name (loan steps log no events). */
  private sendLoan(name: string, unsigned: EIP12UnsignedTransaction, predicted: Predicted, signers: DerivedKey[], block: number, height: number, effects: () => () => void): void {
    const undoBoxes = this.ctx.boxes.apply(unsigned.inputs.map((input) => input.boxId), predicted.outputs);
    const undoEffects = effects();
    this.ctx.pipeline.push({
      unsigned,
      predicted,
      secretKeys: signers.map((k) => k.secretKey),
      block,
      buildHeight: height,
      undo: () => (undoEffects(), undoBoxes()),
      refused: (reason) => this.refused(name, reason),
    });
  }

  /** `key`'s wallet gains `nanoErg` and pays a fee; `apply` changes the book (and `undo` reverts it). */
  private move(key: DerivedKey, nanoErg: bigint, apply: () => unknown, undo: () => unknown): () => void {
    const undoCharge = this.charge(key, nanoErg);
    apply();
    return () => (undo(), undoCharge());
  }

  /** What the signer `key`'s wallet should hold changes by `nanoErg`, less the fee it pays. */
  private charge(key: DerivedKey, nanoErg: bigint): () => void {
    return this.adjust(key.address, nanoErg - this.ctx.scenario.txFeeNanoErg);
  }

  private adjust(address: string, delta: bigint): () => void {
    this.expected.set(address, (this.expected.get(address) ?? 0n) + delta);
    return () => this.expected.set(address, (this.expected.get(address) ?? 0n) - delta);
  }

  private wallet(key: DerivedKey, height: number) {
    return { height, wallet: { utxos: this.ctx.boxes.wallet(key.ergoTree), changeAddress: key.address }, feeNanoErg: this.ctx.scenario.txFeeNanoErg };
  }

  private loanBox(loanId: string): Loan | undefined {
    const box = this.ctx.boxes.wallet(LOAN_ERGO_TREE).find((b) => b.assets[0]?.tokenId === loanId);
    const d = box ? decodeLoan(box) : undefined;
    return d?.ok ? d.value : undefined;
  }

  private bond(loanId: string): Bond | undefined {
    for (const box of this.ctx.boxes.wallet(BOND_ERGO_TREE)) {
      const d = decodeBond(box);
      if (d.ok && d.value.loanId === loanId) return d.value;
    }
    return undefined;
  }

  private build(make: () => EIP12UnsignedTransaction): Built {
    try {
      return { unsigned: make() };
    } catch (error) {
      if (!(error instanceof LetsError)) throw error;
      return { reason: error.constructor.name };
    }
  }

  private refused(step: string, reason: string): void {
    const key = `${step}: ${reason}`;
    this.loanRefusals.set(key, (this.loanRefusals.get(key) ?? 0) + 1);
  }
}
