/**
 * Attacks on ERG loans (docs/loans.md): each is a transaction the builders make (or would make
 * without their own checks), edited or signed by the wrong party, refused by both interpreters,
 * next to its positive twin accepted by both that differs in one field, one signer or one block.
 */
import { describe, it } from "vitest";
import { drawTranche, fundLoan, repayInstalment } from "../builders/loan-flow.ts";
import { releaseBond } from "../builders/loan-offer.ts";
import { bondRegisters, totalOwed } from "../loan/loan.ts";
import { BOND_ERGO_TREE, LOAN_CLAIM_WINDOW_BLOCKS } from "../scripts.ts";
import { ERG, LoanFixture } from "../testing/loan-fixture.ts";
import { edit, expectAccepted as accepted, expectRejected as unsigned, expectScriptRefuses as refused, type Tx } from "../testing/tx-edit.ts";
import { bondOut, changeOf, loanOut, rawClaim, rawEnd, setState, shift, stateNow } from "./loan-helpers.ts";

/** A funded loan whose first tranche (3 ERG) is drawn. */
function drawnOnce() {
  const f = new LoanFixture();
  f.fund();
  f.draw();
  return f;
}

/** Mines until the next block's HEIGHT is `height`. */
const nextBlockAt = (f: LoanFixture, height: bigint) => f.world.mine(Number(height) - 1 - f.world.height);

describe("draw", () => {
  it("refuses the business drawing a tranche before its unlock height alone (twins: with the bank's signature; alone at the unlock height)", () => {
    const f = new LoanFixture();
    f.fund();
    f.draw();
    const unlock = f.loan().tranches[1]!.unlockHeight;
    nextBlockAt(f, unlock - 1n);
    const tx = drawTranche({ loan: f.loanBox(), milestone: true }, f.ctx(f.business));
    unsigned(f.world, tx, [f.business]);
    accepted(f.world, tx, [f.business, f.bank]);
    f.world.mine(1);
    accepted(f.world, tx, [f.business]);
  });

  it("refuses the bank drawing a tranche without the business (twin: the business signs)", () => {
    const f = new LoanFixture();
    f.fund();
    const tx = drawTranche({ loan: f.loanBox() }, f.ctx(f.bank));
    unsigned(f.world, tx, [f.bank]);
    accepted(f.world, tx, [f.bank, f.business]);
  });

  it("refuses a draw of one nanoERG more than the tranche (twin: the tranche exactly)", () => {
    const f = new LoanFixture();
    f.fund();
    const tx = drawTranche({ loan: f.loanBox() }, f.ctx(f.business));
    accepted(f.world, tx, [f.business]);
    refused(f.world, edit(tx, (d) => shift(loanOut(d), changeOf(d, f.business), 1n)), [f.business]);
  });

  it("refuses a draw that skips the drawn count (twin: the count rises by one)", () => {
    const f = new LoanFixture();
    f.fund();
    const tx = drawTranche({ loan: f.loanBox() }, f.ctx(f.business));
    const [g, , r, c, funded] = stateNow(f);
    refused(f.world, edit(tx, (d) => setState(loanOut(d), [g, 0n, r, c, funded])), [f.business]);
    accepted(f.world, edit(tx, (d) => setState(loanOut(d), [g, 1n, r, c, funded])), [f.business]);
  });

  it("refuses the loan token leaving the loan script (twin: it stays)", () => {
    const f = new LoanFixture();
    f.fund();
    const tx = drawTranche({ loan: f.loanBox() }, f.ctx(f.business));
    refused(f.world, edit(tx, (d) => { loanOut(d).ergoTree = f.business.ergoTree; }), [f.business]);
    accepted(f.world, tx, [f.business]);
  });
});

describe("fund", () => {
  it("refuses funding with one nanoERG less than the principal (twin: the principal)", () => {
    const f = new LoanFixture();
    const tx = fundLoan({ loan: f.loanBox() }, f.ctx(f.investor));
    accepted(f.world, tx, [f.investor]);
    refused(f.world, edit(tx, (d) => shift(loanOut(d), changeOf(d, f.investor), 1n)), [f.investor]);
  });

  it("refuses a funding that writes a repaid total in (twin: zero)", () => {
    const f = new LoanFixture();
    const tx = fundLoan({ loan: f.loanBox() }, f.ctx(f.investor));
    const g = f.loan().graceBlocks;
    refused(f.world, edit(tx, (d) => setState(loanOut(d), [g, 0n, 1n, 0n, 1n])), [f.investor]);
    accepted(f.world, edit(tx, (d) => setState(loanOut(d), [g, 0n, 0n, 0n, 1n])), [f.investor]);
  });
});

describe("repay", () => {
  const repayTx = (f: LoanFixture, amount = 1_000_000_000n): Tx => repayInstalment({ loan: f.loanBox(), amountNanoErg: amount }, f.ctx(f.stranger));
  const paidOut = (d: Tx, f: LoanFixture) => d.outputs.find((o) => o.ergoTree === f.investor.ergoTree)!;

  it("refuses an instalment paid to the wrong investor (twin: the loan's investor)", () => {
    const f = drawnOnce();
    const tx = repayTx(f);
    accepted(f.world, tx, [f.stranger]);
    refused(f.world, edit(tx, (d) => { paidOut(d, f).ergoTree = f.stranger.ergoTree; }), [f.stranger]);
  });

  it("refuses a payment not tagged with the loan's id (twin: tagged)", () => {
    const f = drawnOnce();
    const tx = repayTx(f);
    accepted(f.world, tx, [f.stranger]);
    refused(f.world, edit(tx, (d) => { paidOut(d, f).additionalRegisters = { R4: bondRegisters("00".repeat(32)).R4 }; }), [f.stranger]);
  });

  it("refuses a repayment whose loan box is not the first input, so no exit's owner payout can count as one (twin: the loan first)", () => {
    const f = drawnOnce();
    const tx = repayTx(f);
    accepted(f.world, tx, [f.stranger]);
    refused(f.world, edit(tx, (d) => { d.inputs.push(d.inputs.shift()!); }), [f.stranger]);
  });

  it("refuses recording one nanoERG more than paid (twin: one nanoERG more paid as well)", () => {
    const f = drawnOnce();
    const tx = repayTx(f);
    const [g, n, r, c, funded] = stateNow(f);
    refused(f.world, edit(tx, (d) => setState(loanOut(d), [g, n, r + 1_000_000_001n, c, funded])), [f.stranger]);
    accepted(
      f.world,
      edit(tx, (d) => {
        setState(loanOut(d), [g, n, r + 1_000_000_001n, c, funded]);
        shift(changeOf(d, f.stranger), paidOut(d, f), 1n);
      }),
      [f.stranger],
    );
  });

  it("refuses a repayment beyond the total owed (twin: the total)", () => {
    const f = drawnOnce();
    const owed = totalOwed(f.loan());
    const tx = repayTx(f, owed);
    accepted(f.world, tx, [f.stranger]);
    const [g, n, r, c, funded] = stateNow(f);
    refused(
      f.world,
      edit(tx, (d) => {
        setState(loanOut(d), [g, n, r + owed + 1n, c, funded]);
        shift(changeOf(d, f.stranger), paidOut(d, f), 1n);
      }),
      [f.stranger],
    );
  });
});

describe("claim", () => {
  it("refuses a claim at the last block of the grace window (twin: one block later)", () => {
    const f = drawnOnce();
    const first = f.loan().instalments[0]!;
    nextBlockAt(f, first.dueHeight + f.loan().graceBlocks);
    const tx = rawClaim(f, first.amountNanoErg);
    refused(f.world, tx, [f.investor]);
    f.world.mine(1);
    accepted(f.world, tx, [f.investor]);
  });

  it("refuses a claim of one nanoERG beyond the missed amount (twin: the missed amount)", () => {
    const f = drawnOnce();
    const loan = f.loan();
    const first = loan.instalments[0]!;
    nextBlockAt(f, first.dueHeight + loan.graceBlocks + 1n);
    f.repay(500_000_000n);
    const missed = first.amountNanoErg - 500_000_000n;
    refused(f.world, rawClaim(f, missed + 1n), [f.investor]);
    accepted(f.world, rawClaim(f, missed), [f.investor]);
  });

  it("refuses a bond paying one nanoERG more than the loan records (twin: exactly what it records)", () => {
    const f = drawnOnce();
    const first = f.loan().instalments[0]!;
    nextBlockAt(f, first.dueHeight + f.loan().graceBlocks + 1n);
    const tx = rawClaim(f, first.amountNanoErg);
    accepted(f.world, tx, [f.investor]);
    refused(f.world, edit(tx, (d) => shift(bondOut(d), changeOf(d, f.investor), 1n)), [f.investor]);
  });

  it("refuses a claim signed by anyone but the investor (twin: the investor)", () => {
    const f = drawnOnce();
    const first = f.loan().instalments[0]!;
    nextBlockAt(f, first.dueHeight + f.loan().graceBlocks + 1n);
    const tx = rawClaim(f, first.amountNanoErg, f.stranger);
    unsigned(f.world, tx, [f.stranger]);
    accepted(f.world, tx, [f.stranger, f.investor]);
  });

  it("refuses one claim paid by two bonds of the same loan (twin: one bond)", () => {
    const f = drawnOnce();
    const first = f.loan().instalments[0]!;
    const extra = f.world.addBox({ ergoTree: BOND_ERGO_TREE, value: 5n * ERG, additionalRegisters: bondRegisters(f.loanId) });
    nextBlockAt(f, first.dueHeight + f.loan().graceBlocks + 1n);
    const d = first.amountNanoErg;
    const tx = rawClaim(f, d);
    accepted(f.world, tx, [f.investor]);
    // the second bond joins, kept whole but for the same d, which goes to the investor as well
    const both = edit(tx, (t) => {
      t.inputs.splice(2, 0, { ...extra, extension: {} });
      t.outputs.push({ ...bondOut(t), value: (5n * ERG - d).toString() });
      const change = changeOf(t, f.investor);
      change.value = (BigInt(change.value) + d).toString();
    });
    refused(f.world, both, [f.investor]);
  });

  it("refuses taking from the bond beside a repayment, which claims nothing (twin: the repayment alone)", () => {
    const f = drawnOnce();
    const tx = repayInstalment({ loan: f.loanBox(), amountNanoErg: 1_000_000_000n }, f.ctx(f.business));
    accepted(f.world, tx, [f.business]);
    const bond = f.bond();
    const taking = edit(tx, (t) => {
      t.inputs.splice(1, 0, { ...bond.box, extension: {} } as Tx["inputs"][number]);
      const change = changeOf(t, f.business);
      change.value = (BigInt(change.value) + bond.valueNanoErg).toString();
    });
    refused(f.world, taking, [f.business]);
  });
});

describe("cancel and release", () => {
  it("refuses the bank releasing its bond before the loan is repaid (twin: once the last nanoERG is repaid)", () => {
    const f = drawnOnce();
    const owed = totalOwed(f.loan());
    f.repay(owed - 1_000_000n);
    f.world.mine(1);
    const early = rawEnd(f);
    refused(f.world, early, [f.bank]);
    f.repay(1_000_000n);
    accepted(f.world, releaseBond({ loan: f.loanBox(), bond: f.bondBox() }, f.ctx(f.bank)), [f.bank]);
  });

  it("refuses a release at the last block of the investor's claim window (twin: one block later)", () => {
    const f = drawnOnce();
    const loan = f.loan();
    const last = loan.instalments[loan.instalments.length - 1]!;
    nextBlockAt(f, last.dueHeight + loan.graceBlocks + BigInt(LOAN_CLAIM_WINDOW_BLOCKS));
    const tx = releaseBond({ loan: f.loanBox(), bond: f.bondBox() }, { ...f.ctx(f.bank), height: f.world.height + 1 });
    const atWindow = edit(tx, (d) => { for (const o of d.outputs) o.creationHeight = f.world.height; });
    refused(f.world, atWindow, [f.bank]);
    f.world.mine(1);
    accepted(f.world, atWindow, [f.bank]);
  });

  it("refuses a release that keeps the investor's undrawn principal (twin: paid to the investor)", () => {
    const f = drawnOnce();
    f.repay(totalOwed(f.loan()));
    refused(f.world, rawEnd(f), [f.bank]);
    accepted(f.world, releaseBond({ loan: f.loanBox(), bond: f.bondBox() }, f.ctx(f.bank)), [f.bank]);
  });

  it("refuses a release signed by anyone but the bank (twin: the bank)", () => {
    const f = drawnOnce();
    f.repay(totalOwed(f.loan()));
    const tx = releaseBond({ loan: f.loanBox(), bond: f.bondBox() }, f.ctx(f.investor));
    unsigned(f.world, tx, [f.investor]);
    accepted(f.world, tx, [f.investor, f.bank]);
  });

  it("refuses the bank cancelling a funded loan (twin: unfunded)", () => {
    const f = new LoanFixture();
    accepted(f.world, rawEnd(f), [f.bank]);
    f.fund();
    refused(f.world, rawEnd(f), [f.bank]);
  });

  it("refuses the bond leaving beside a loan that goes on (twin: the loan ends)", () => {
    const f = new LoanFixture();
    const tx = fundLoan({ loan: f.loanBox() }, f.ctx(f.bank));
    const bond = f.bond();
    const taking = edit(tx, (t) => {
      t.inputs.splice(1, 0, { ...bond.box, extension: {} } as Tx["inputs"][number]);
      const change = changeOf(t, f.bank);
      change.value = (BigInt(change.value) + bond.valueNanoErg).toString();
    });
    refused(f.world, taking, [f.bank]);
    accepted(f.world, rawEnd(f), [f.bank]);
  });
});
