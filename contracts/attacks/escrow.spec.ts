/**
 * Attacks on settling an escrow's order (contract version 7; docs/escrow.md): each is an honest
 * settlement made by the builders, edited, and refused by both interpreters, next to its positive
 * twin accepted by both (the honest transaction, or the same edit within the rules, or the same
 * transaction signed by the party the rule allows). Amounts released, who may settle when, the
 * books (no unit created, spent twice or sent to a third member) and the escrow's own registers.
 */
import { describe, expect, it } from "vitest";
import { pay } from "../builders/pay.ts";
import { GRACE_BLOCKS } from "../escrow/escrow.ts";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";
import { EscrowFixture } from "../testing/escrow-fixture.ts";
import { copyOut } from "../testing/batch-attack.ts";
import { accountOut, edit, moveErg, output, rebalance, setRegister, type Tx } from "../testing/tx-edit.ts";
import { accepted, commitTx, committed, escrowOut, refused, setBalance, settleTx } from "./escrow-helpers.ts";

/** A fixture where alice has committed 50 units to bob, 20 of them his minimum, due `deadlineIn` blocks ahead. */
function open(deadlineIn = 100) {
  const f = new EscrowFixture();
  committed(f, { max: 50n, minimum: 20n, deadlineIn });
  const deadline = f.escrowOf().order!.deadline;
  return { f, w: f.world, alice: f.member("alice"), bob: f.member("bob"), carol: f.member("carol"), deadline };
}

/** `tx` rewritten to release `r` to bob and the rest of the 50 units to alice. */
function releasing(f: EscrowFixture, tx: Tx, r: bigint, rest = 50n - r): Tx {
  return edit(tx, (d) => {
    setBalance(d, f.account("bob"), f.account("bob").balance + r);
    setBalance(d, f.account("alice"), f.account("alice").balance + rest);
  });
}

/** Mines until the next block's HEIGHT is `height`. */
const nextBlockAt = (f: EscrowFixture, height: bigint) => f.world.mine(Number(height) - 1 - f.world.height);

describe("escrow settlement: the amounts", () => {
  it("refuses a release of more than committed, the payer's rest below 0 (twin: the whole commitment)", () => {
    const { f, alice } = open();
    const tx = settleTx(f, "payer", alice, 35n);
    accepted(f.world, tx, [alice]);
    refused(f.world, releasing(f, tx, 51n), [alice]);
    // one unit more in total than the escrow holds, each party's share non-negative
    refused(f.world, releasing(f, tx, 36n, 15n), [alice]);
    accepted(f.world, releasing(f, tx, 50n), [alice]);
  });

  it("refuses the payer releasing one unit below the minimum at HEIGHT deadline + grace (twin: one block later)", () => {
    const { f, alice, deadline } = open(5);
    nextBlockAt(f, deadline + GRACE_BLOCKS);
    refused(f.world, releasing(f, settleTx(f, "payer", alice, 20n), 19n), [alice]);
    accepted(f.world, settleTx(f, "payer", alice, 20n), [alice]);
    f.world.mine(1);
    accepted(f.world, releasing(f, settleTx(f, "payer", alice, 20n), 19n), [alice]);
  });

  it("refuses the payee releasing anything to itself: its key only refunds (twin: the payer signs the same release)", () => {
    const { f, alice, bob } = open();
    const refund = settleTx(f, "payee", bob);
    accepted(f.world, refund, [bob]);
    // a release built with bob's wallet (which pays the fee): bob alone is refused, with alice's key accepted
    const release = settleTx(f, "payer", bob, 20n);
    for (const r of [1n, 20n, 49n]) refused(f.world, releasing(f, release, r), [bob]);
    for (const r of [20n, 49n]) accepted(f.world, releasing(f, release, r), [alice, bob]);
    // a refund needs the key of the payee's account box: bob's key without his account is refused
    const absent = edit(settleTx(f, "payer", bob, 20n), (d) => {
      const bobId = f.account("bob").accountId;
      const i = d.inputs.findIndex((b) => b.boxId === f.account("bob").box.boxId);
      d.inputs.splice(i, 1);
      d.outputs.splice(d.outputs.indexOf(accountOut(d, bobId)), 1);
      setBalance(d, f.account("alice"), f.account("alice").balance + 50n);
      rebalance(d, bob.ergoTree);
    });
    refused(f.world, absent, [bob]);
  });

  it("refuses anyone's claim at HEIGHT = deadline (twin: the payer's release then; the claim one block later)", () => {
    const { f, alice, carol, deadline } = open(5);
    nextBlockAt(f, deadline);
    const early = settleTx(f, "payer", carol, 20n);
    refused(f.world, early, [carol]);
    accepted(f.world, early, [alice, carol]);
    f.world.mine(1);
    const claim = settleTx(f, "anyone", carol);
    accepted(f.world, claim, [carol]);
    f.world.height -= 1;
    refused(f.world, edit(claim, (d) => { for (const o of d.outputs) o.creationHeight = f.world.height; }), [carol]);
  });

  it("a claim moves exactly the minimum to the payee, the rest staying as an order without a minimum; anything else is refused", () => {
    const { f, alice, bob, carol, deadline } = open(5);
    nextBlockAt(f, deadline + 1n);
    const claim = settleTx(f, "anyone", carol);
    accepted(f.world, claim, [carol]);
    expect(escrowOut(claim).additionalRegisters.R4).toBe(longsConstant([30n, 0n, deadline]));
    const claiming = (r: bigint, terms: bigint[] = [50n - r, 0n, deadline]) => edit(claim, (d) => {
      setBalance(d, f.account("bob"), f.account("bob").balance + r);
      setRegister(escrowOut(d), "R5", longConstant(50n - r));
      setRegister(escrowOut(d), "R4", longsConstant(terms));
    });
    accepted(f.world, claiming(20n), [carol]);
    refused(f.world, claiming(19n), [carol]);
    refused(f.world, claiming(21n), [carol]);
    refused(f.world, claiming(20n, [30n, 20n, deadline]), [carol]);
    refused(f.world, claiming(20n, [30n, 0n, deadline + 1_000n]), [carol]);
    refused(f.world, edit(claim, (d) => setRegister(escrowOut(d), "R6", bytesConstant(f.account("alice").accountId + f.account("carol").accountId))), [carol]);
    refused(f.world, edit(claim, (d) => setRegister(escrowOut(d), "R9", bytesConstant("ab"))), [carol]);
    // the rest to the payer as well (the whole order settled by anyone) is refused; the payer may
    refused(f.world, settleTx(f, "payer", carol, 20n), [carol]);
    accepted(f.world, settleTx(f, "payer", carol, 20n), [alice, carol]);
    // the payee may claim as anyone too, for the minimum only
    accepted(f.world, settleTx(f, "anyone", bob), [bob]);
  });

  it("after a claim the remainder cannot be claimed again; anyone may return it to the payer, nothing to the payee", () => {
    const { f, carol, deadline } = open(5);
    nextBlockAt(f, deadline + 1n);
    f.world.submit(settleTx(f, "anyone", carol), [carol]);
    expect(f.escrowOf().order).toMatchObject({ max: 30n, minimum: 0n });
    const back = settleTx(f, "anyone", carol);
    accepted(f.world, back, [carol]);
    const toPayee = edit(back, (d) => {
      d.inputs.splice(1, 0, { ...f.world.box(f.account("bob").boxId), extension: {} });
      const bobBox = f.world.box(f.account("bob").boxId);
      d.outputs.splice(1, 0, { ...copyOut(bobBox, f.world.height), additionalRegisters: { ...bobBox.additionalRegisters, R5: longConstant(f.account("bob").balance + 1n) } });
      setBalance(d, f.account("alice"), f.account("alice").balance + 29n);
    });
    refused(f.world, toPayee, [carol]);
  });
});

describe("escrow settlement: the books", () => {
  it("refuses crediting alice the commitment again from the escrow once released, its balance below 0 (twin: a new commit)", () => {
    const { f, alice } = open();
    f.world.submit(settleTx(f, "payer", alice, 35n), [alice]);
    const again = commitTx(f, { max: 50n });
    accepted(f.world, again, [alice]);
    const reclaim = edit(again, (d) => {
      setBalance(d, f.account("alice"), f.account("alice").balance + 50n);
      const e = escrowOut(d);
      setRegister(e, "R4", longsConstant([]));
      setRegister(e, "R5", longConstant(-50n));
      setRegister(e, "R6", bytesConstant(""));
      setRegister(e, "R9", bytesConstant(""));
    });
    refused(f.world, reclaim, [alice]);
    // the same with an order written beside it, so the escrow sees a commit of -50
    refused(f.world, edit(reclaim, (d) => setRegister(escrowOut(d), "R4", longsConstant([-50n, 0n, BigInt(f.world.height + 10)]))), [alice]);
  });

  it("counts the committed units as spent: alice can pay only what her credit has left (twin: exactly that)", () => {
    const { f, alice } = open();
    expect(f.account("alice").balance).toBe(-50n);
    const tx = pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 950n }] }, { height: f.world.height });
    accepted(f.world, tx, [alice]);
    const more = edit(tx, (d) => {
      setBalance(d, f.account("alice"), -1_001n);
      setBalance(d, f.account("bob"), 951n);
    });
    refused(f.world, more, [alice]);
  });

  it("refuses a settlement that credits a third account, or moves units into another escrow (twin: the honest settlement)", () => {
    const { f, alice } = open();
    f.openEscrow("bob");
    const tx = settleTx(f, "payer", alice, 35n);
    accepted(f.world, tx, [alice]);
    const carol = f.world.box(f.account("carol").boxId);
    const withCarol = edit(tx, (d) => {
      d.inputs.splice(3, 0, { ...carol, extension: {} });
      const out = structuredClone(d.outputs[0]!);
      d.outputs.splice(3, 0, { ...out, value: carol.value, ergoTree: carol.ergoTree, assets: structuredClone(carol.assets), additionalRegisters: { ...carol.additionalRegisters, R5: longConstant(1n) } });
      setBalance(d, f.account("alice"), f.account("alice").balance + 14n);
      rebalance(d, alice.ergoTree);
    });
    refused(f.world, withCarol, [alice]);
    const bobsEscrow = f.escrowBox("bob");
    const intoEscrow = edit(tx, (d) => {
      d.inputs.splice(3, 0, { ...bobsEscrow, extension: {} });
      const out = structuredClone(d.outputs[0]!);
      d.outputs.splice(3, 0, { ...out, value: bobsEscrow.value, ergoTree: bobsEscrow.ergoTree, assets: structuredClone(bobsEscrow.assets), additionalRegisters: { ...bobsEscrow.additionalRegisters, R5: longConstant(1n) } });
      setBalance(d, f.account("alice"), f.account("alice").balance + 14n);
      rebalance(d, alice.ergoTree);
    });
    refused(f.world, intoEscrow, [alice, f.member("bob")]);
  });

  it("refuses a second escrow successor holding the payee's unit (twin: the honest settlement)", () => {
    const { f, alice } = open();
    const tx = settleTx(f, "payer", alice, 35n);
    const twoEscrows = edit(tx, (d) => {
      const bobOut = accountOut(d, f.account("bob").accountId);
      const copy = { ...structuredClone(escrowOut(d)), assets: bobOut.assets, value: "0" };
      bobOut.assets = [];
      d.outputs.splice(1, 0, copy);
      moveErg(d.outputs.find((o) => o.ergoTree === alice.ergoTree)!, copy, BigInt(escrowOut(d).value));
    });
    refused(f.world, twoEscrows, [alice, f.member("bob")]);
    accepted(f.world, tx, [alice]);
  });
});

describe("escrow settlement: the escrow's own registers, unit and deposit", () => {
  it("refuses a successor with another id, owner, script, a reference, an order left, no unit, less ERG, or back-dated", () => {
    const { f, alice, deadline } = open(1_000);
    // old enough inputs that a successor 721 blocks back is not below them (the node's own rule)
    f.world.mine(800);
    const tx = settleTx(f, "payer", alice, 35n);
    accepted(f.world, tx, [alice]);
    const wallet = (d: Tx) => d.outputs.find((o) => o.ergoTree === alice.ergoTree)!;
    const edits: ((d: Tx) => void)[] = [
      (d) => setRegister(escrowOut(d), "R7", bytesConstant(f.account("alice").accountId)),
      (d) => setRegister(escrowOut(d), "R8", f.member("bob").owner),
      (d) => setRegister(escrowOut(d), "R9", bytesConstant("ab")),
      (d) => setRegister(escrowOut(d), "R4", longsConstant([50n, 20n, deadline])),
      (d) => setRegister(escrowOut(d), "R6", bytesConstant(f.account("alice").accountId + f.account("bob").accountId)),
      (d) => { escrowOut(d).ergoTree = alice.ergoTree; },
      (d) => moveErg(escrowOut(d), wallet(d), 1n),
      (d) => { escrowOut(d).creationHeight = f.world.height + 1 - 721; },
    ];
    for (const change of edits) refused(f.world, edit(tx, change), [alice]);
    // without its unit (burnt) the escrow has no successor at all
    refused(f.world, edit(tx, (d) => { output(d, 0).assets = []; }), [alice]);
    // twins: created 720 blocks back, and a deposit one nanoERG larger
    accepted(f.world, edit(tx, (d) => { escrowOut(d).creationHeight = f.world.height + 1 - 720; }), [alice]);
    accepted(f.world, edit(tx, (d) => moveErg(wallet(d), escrowOut(d), 1n)), [alice]);
  });
});
