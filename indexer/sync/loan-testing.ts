/**
 * Test helper: ERG loans' history (docs/loans.md) on a real chain of the builders, both
 * interpreters judging every transaction (contracts/testing/loan-fixture.ts), each transaction
 * kept as a block at the height it went in. One bank offers five loans to one business:
 * - A: funded, tranche 0 drawn, tranche 1 drawn early (a milestone), instalment 0 repaid on time,
 *   instalment 1 missed and claimed from the bond after its grace, instalment 2 repaid on time,
 *   the bond released (the undrawn tranche 2 back to the investor): defaulted, then released;
 * - B: funded, drawn, repaid in full before the first instalment is due, released;
 * - C: cancelled while unfunded;
 * - E: funded and drawn, its first instalment missed past its grace at the end (claimable);
 * - D: offered last and left open.
 */
import type { SignedTransaction } from "@fleet-sdk/common";
import { outstanding } from "../../contracts/loan/loan.ts";
import { defaultOffer, LoanFixture } from "../../contracts/testing/loan-fixture.ts";
import type { Submitted } from "../../contracts/testing/world.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx } from "./block-testing.ts";

/** A step: its transaction id and the height of the block it went in. */
export interface Step {
  txId: string;
  height: number;
}

/** A loan fixture whose transactions are blocks at their heights. */
export class LoanChain {
  readonly f = new LoanFixture();
  readonly blocks: BatchBlock[] = [];

  constructor() {
    const n = this.f.world.submitted.length;
    this.f.world.submitted.forEach((tx, i) => this.record(tx, this.f.world.height - (n - 1 - i)));
  }

  private record(tx: SignedTransaction, height: number): Step {
    this.blocks.push(blockOf(height, chainTx(tx)));
    return { txId: tx.id, height };
  }

  /** Runs `step` on loan `loanId` and keeps its transaction as a block. */
  on(loanId: string, step: (f: LoanFixture) => Submitted): Step {
    this.f.loanId = loanId;
    const { signed } = step(this.f);
    return this.record(signed, this.f.world.height);
  }

  /** The bank offers the default terms at the current height; returns the new loan's id and the step. */
  offer(): Step & { loanId: string } {
    const { signed } = this.f.offer(defaultOffer(this.f.world.height, this.f.business.owner));
    return { ...this.record(signed, this.f.world.height), loanId: this.f.loanId };
  }

  /** Mines until the next block's HEIGHT is `height`. */
  nextBlockAt(height: bigint): void {
    this.f.world.mine(Number(height) - 1 - this.f.world.height);
  }
}

/** The whole history, with the steps the specs check. */
export function loanHistory() {
  const c = new LoanChain();
  const { f } = c;
  const a = { loanId: f.loanId, offered: { txId: c.blocks[0]!.transactions[0]!.id, height: c.blocks[0]!.header.height }, terms: f.loan() };
  const aFund = c.on(a.loanId, (x) => x.fund());
  const aDraw0 = c.on(a.loanId, (x) => x.draw());
  const aDraw1 = c.on(a.loanId, (x) => x.draw(true));

  const b = c.offer();
  const bFund = c.on(b.loanId, (x) => x.fund());
  const bDraw0 = c.on(b.loanId, (x) => x.draw());
  const bRepay = c.on(b.loanId, (x) => x.repay(outstanding(x.loan())));
  const bRelease = c.on(b.loanId, (x) => x.release());

  const cc = c.offer();
  const cCancel = c.on(cc.loanId, (x) => x.cancel());

  const aRepay0 = c.on(a.loanId, (x) => x.repay(a.terms.instalments[0]!.amountNanoErg));

  const e = c.offer();
  const eTerms = (f.loanId = e.loanId, f.loan());
  const eFund = c.on(e.loanId, (x) => x.fund());
  const eDraw0 = c.on(e.loanId, (x) => x.draw());

  // Past instalment 1's grace: A's instalment 1 and E's instalment 0 are claimable.
  c.nextBlockAt(a.terms.instalments[1]!.dueHeight + a.terms.graceBlocks + 1n);
  const aClaim = c.on(a.loanId, (x) => x.claim());
  f.loanId = a.loanId;
  const aClaimed = f.loan().claimedNanoErg;
  const bondPaid = aClaimed;
  const aRepay2 = c.on(a.loanId, (x) => x.repay(outstanding(x.loan())));
  const aRelease = c.on(a.loanId, (x) => x.release());

  const d = c.offer();
  const dTerms = (f.loanId = d.loanId, f.loan());
  return { c, f, a, aFund, aDraw0, aDraw1, aRepay0, aClaim, aClaimed, bondPaid, aRepay2, aRelease, b, bFund, bDraw0, bRepay, bRelease, cc, cCancel, e, eTerms, eFund, eDraw0, d, dTerms };
}

export type LoanHistory = ReturnType<typeof loanHistory>;
