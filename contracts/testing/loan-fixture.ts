/** A bank, a business, an investor and a stranger, and a loan the bank offers them, in a test world (docs/loans.md). */
import type { Box } from "@fleet-sdk/common";
import { cancelLoan, offerLoan, releaseBond, type OfferLoanIntent } from "../builders/loan-offer.ts";
import { claimBond, drawTranche, fundLoan, repayInstalment } from "../builders/loan-flow.ts";
import { decodeBond, decodeLoan, instalmentSchedule, type Bond, type Loan } from "../loan/loan.ts";
import { World, type Member, type Submitted } from "./world.ts";

export const ERG = 1_000_000_000n;

/** A tranche height no block reaches: drawable only with the bank's signature (a milestone). */
export const MILESTONE = 1_000_000_000n;

/**
 * Default terms at `height`: tranches of 3 ERG (unlocked now), 2 ERG (in 50 blocks) and 1 ERG (a
 * milestone); three instalments of 6 ERG and 5% a year, due every 100 blocks from height + 100;
 * a grace of 20 blocks; a bond of 4 ERG.
 */
export function defaultOffer(height: number, business: string): OfferLoanIntent {
  const h = BigInt(height);
  return {
    tranches: [
      { amountNanoErg: 3n * ERG, unlockHeight: h },
      { amountNanoErg: 2n * ERG, unlockHeight: h + 50n },
      { amountNanoErg: 1n * ERG, unlockHeight: MILESTONE },
    ],
    instalments: instalmentSchedule(6n * ERG, 500n, 3, h + 100n, 100n),
    graceBlocks: 20n,
    business,
    bondNanoErg: 4n * ERG,
  };
}

/** The world, the parties, and the loan offered at construction (`offer: false`: none yet). */
export class LoanFixture {
  readonly world = new World();
  readonly bank: Member;
  readonly business: Member;
  readonly investor: Member;
  readonly stranger: Member;
  loanId = "";

  constructor(opts: { offer?: (height: number, business: string) => OfferLoanIntent | false } = {}) {
    this.bank = this.world.member("bank");
    this.business = this.world.member("business");
    this.investor = this.world.member("investor");
    this.stranger = this.world.member("stranger");
    const intent = (opts.offer ?? defaultOffer)(this.world.height, this.business.owner);
    if (intent) this.offer(intent);
  }

  /** The build context of `m`: the chain's height and `m`'s wallet. */
  ctx(m: Member) {
    return { height: this.world.height, wallet: this.world.wallet(m) };
  }

  /** The bank offers `intent`; the loan's id is kept for the look-ups below. */
  offer(intent: OfferLoanIntent): Submitted {
    const submitted = this.world.submit(offerLoan(intent, this.ctx(this.bank)), [this.bank]);
    const token = submitted.outputs[0]?.assets[0];
    if (!token) throw new Error("the offer minted no loan token");
    this.loanId = token.tokenId;
    return submitted;
  }

  /** The live loan box of this fixture's loan. */
  loanBox(): Box<string> {
    const box = [...this.world.utxos.values()].find((b) => {
      const d = decodeLoan(b);
      return d.ok && d.value.loanId === this.loanId;
    });
    if (!box) throw new Error("no live loan box");
    return box;
  }

  loan(): Loan {
    const d = decodeLoan(this.loanBox());
    if (!d.ok) throw new Error(d.reason);
    return d.value;
  }

  /** The live bond box of this fixture's loan. */
  bondBox(): Box<string> {
    const box = [...this.world.utxos.values()].find((b) => {
      const d = decodeBond(b);
      return d.ok && d.value.loanId === this.loanId;
    });
    if (!box) throw new Error("no live bond box");
    return box;
  }

  bond(): Bond {
    const d = decodeBond(this.bondBox());
    if (!d.ok) throw new Error(d.reason);
    return d.value;
  }

  /** Whether a live box of this loan (loan or bond) is unspent. */
  hasLoan(): boolean {
    return [...this.world.utxos.values()].some((b) => b.assets.some((a) => a.tokenId === this.loanId));
  }

  fund(): Submitted {
    return this.world.submit(fundLoan({ loan: this.loanBox() }, this.ctx(this.investor)), [this.investor]);
  }

  draw(milestone = false): Submitted {
    const signers = milestone ? [this.business, this.bank] : [this.business];
    return this.world.submit(drawTranche({ loan: this.loanBox(), milestone }, this.ctx(this.business)), signers);
  }

  repay(amountNanoErg: bigint, by: Member = this.business): Submitted {
    return this.world.submit(repayInstalment({ loan: this.loanBox(), amountNanoErg }, this.ctx(by)), [by]);
  }

  claim(amountNanoErg?: bigint): Submitted {
    return this.world.submit(claimBond({ loan: this.loanBox(), bond: this.bondBox(), amountNanoErg }, this.ctx(this.investor)), [this.investor]);
  }

  release(): Submitted {
    return this.world.submit(releaseBond({ loan: this.loanBox(), bond: this.bondBox() }, this.ctx(this.bank)), [this.bank]);
  }

  cancel(): Submitted {
    return this.world.submit(cancelLoan({ loan: this.loanBox(), bond: this.bondBox() }, this.ctx(this.bank)), [this.bank]);
  }

  /** All ERG in the world's unspent boxes (fees leave it: they go to no box here). */
  totalNanoErg(): bigint {
    let total = 0n;
    for (const box of this.world.utxos.values()) total += BigInt(box.value);
    return total;
  }

  /** ERG held by `m`'s key. */
  balanceOf(m: Member): bigint {
    let total = 0n;
    for (const box of this.world.utxos.values()) if (box.ergoTree === m.ergoTree) total += BigInt(box.value);
    return total;
  }
}
