/**
 * Contract version 5, storage rent against the batch box, and the classic payment path of a plain
 * account. An account leans on a batch box only if the box is younger than a storage period: a box
 * at least that old may be spent by the rent rule without its script (rent.ts: ergo-lib judges rent
 * spends as the node does), and anyone may create a batch box with an old creation height (the
 * node lets a creator write any height up to the current one). Without a batch box, an account is
 * a version 3 account with R9 as its order sequence: only its owner debits it or raises R9, and
 * nobody lowers R9.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Box } from "@fleet-sdk/common";
import { pay } from "../builders/pay.ts";
import type { SettlementPlan } from "../builders/settle.ts";
import { STORAGE_PERIOD_BLOCKS } from "../storage-rent.ts";
import { addLong, batchSetup, revokeTx, type BatchSetup } from "../testing/batch-attack.ts";
import { storageFeeNanoErg, takeByRent, type RentSpend } from "../testing/rent.ts";
import { edit, expectAccepted, expectRejected, expectScriptRefuses, type Tx } from "../testing/tx-edit.ts";
import { agreed } from "../testing/world.ts";

describe("a batch box and storage rent", () => {
  let t: BatchSetup;
  /** mallory's order to pay alice 1 (her own, to be in the batch), and the plan of alice -> mallory 10 with it. */
  let plan: SettlementPlan;
  const HEIGHT = () => t.w.height + 1;

  beforeAll(() => {
    t = batchSetup({ members: ["alice", "dave", "mallory"] });
    t.w.mine(STORAGE_PERIOD_BLOCKS + 1_000);
    // The accounts' own boxes are now old enough for rent too: an honest batch on a fresh box
    // renews them, so that only the batch box's age is in question below.
    t.w.submit(t.build(t.plan([t.signed("alice", "dave", 1n), t.signed("dave", "mallory", 1n), t.signed("mallory", "alice", 1n)])), t.signers);
    plan = t.plan([t.signed("alice", "mallory", 10n)], ["alice", "mallory"]);
  });

  it("accepts a batch box created exactly storagePeriod - 1 blocks ago and refuses one a block older (back-dated by its creator)", () => {
    const young = t.verifier(HEIGHT() - STORAGE_PERIOD_BLOCKS + 1);
    const old = t.verifier(HEIGHT() - STORAGE_PERIOD_BLOCKS);
    expectAccepted(t.w, t.build(plan, young), t.signers);
    // The batch script runs and accepts, but the accounts do not recognise so old a box: the payer's
    // debit (input 1) wants her signature.
    const verdict = t.w.judge(t.build(plan, old), t.signers);
    expect(agreed(verdict)).toBe(false);
    expect(verdict.ergoLib).toMatchObject({ ok: false, reason: expect.stringMatching(/input index 1/) });
  });

  it("lets rent take a back-dated batch box alone (twin), but accounts leaning on it are not spent: mallory takes 90 from alice", () => {
    const old = t.verifier(HEIGHT() - STORAGE_PERIOD_BLOCKS);
    expect(storageFeeNanoErg(old)).toBeGreaterThan(BigInt(old.value)); // rent may take it whole
    const alone = takeByRent(t.w, old, t.settler);
    expect(t.w.judgeRent(alone, [])).toMatchObject({ ok: true });

    // The honest settlement's shape, without its script: the box spent by rent, no order, alice
    // debited 100 and mallory credited 100 (the order said 10).
    const honest = t.build(plan, old);
    const theft = edit(honest, (d) => {
      addLong(d.outputs[t.at(plan, "alice")]!, "R5", -90n);
      addLong(d.outputs[t.at(plan, "mallory")]!, "R5", 90n);
    });
    const spend: RentSpend = {
      rent: [{ box: old, outputIndex: theft.outputs.length - 1 }],
      inputs: theft.inputs.slice(1).map(({ extension: _, ...box }) => box as Box<string>),
      outputs: theft.outputs,
    };
    // alice's account does not recognise the box (too old), so her debit wants her signature.
    expect(t.w.judgeRent(spend, [t.settler])).toMatchObject({ ok: false, reason: expect.stringMatching(/input index 1/) });
  });
});

describe("the classic payment path (no batch box)", () => {
  let t: BatchSetup;
  /** alice's payment of 5 to dave, built by `pay`; alice's nextSeq is 1 (one order settled). */
  let payment: Tx;
  let aliceOut: number;
  let daveOut: number;

  beforeAll(() => {
    t = batchSetup({ members: ["alice", "dave"] });
    t.w.submit(t.build(t.plan([t.signed("alice", "dave", 1n)])), t.signers);
    expect(t.f.account("alice").nextSeq).toBe(1n);
    payment = pay({ payer: t.f.account("alice").box, payees: [{ account: t.f.account("dave").box, amountUnits: 5n }] }, { height: t.w.height });
    const id = (name: string) => payment.outputs.findIndex((o) => o.additionalRegisters.R7 === t.f.account(name).box.additionalRegisters.R7);
    aliceOut = id("alice");
    daveOut = id("dave");
  });

  const alice = () => [t.f.member("alice")];

  it("accepts the owner's payment, keeping every nextSeq (twin), and refuses it unsigned or signed by the payee", () => {
    expectAccepted(t.w, payment, alice());
    expectRejected(t.w, payment, [t.settler]);
    expectRejected(t.w, payment, [t.f.member("dave")]);
  });

  it("refuses the payer's nextSeq lowered, even by the owner (a settled order would be settled again)", () => {
    expectScriptRefuses(t.w, edit(payment, (d) => addLong(d.outputs[aliceOut]!, "R9", -1n)), alice());
  });

  it("accepts the payer's nextSeq raised by the owner with a payment (her unsettled orders revoked)", () => {
    expectAccepted(t.w, edit(payment, (d) => addLong(d.outputs[aliceOut]!, "R9", 3n)), alice());
  });

  it("refuses the payee's nextSeq raised by the payer (a credit keeps it), even lowered", () => {
    for (const delta of [1n, -1n]) expectScriptRefuses(t.w, edit(payment, (d) => addLong(d.outputs[daveOut]!, "R9", delta)), alice());
  });

  it("accepts the owner's revocation spend (nextSeq 1 -> 5, nothing paid), refuses it unsigned, and refuses it lowering nextSeq", () => {
    const a = t.f.account("alice");
    expectAccepted(t.w, revokeTx(t.w, a, t.f.member("alice"), 5n), alice());
    expectRejected(t.w, revokeTx(t.w, a, t.f.member("alice"), 5n), [t.settler]);
    expectScriptRefuses(t.w, revokeTx(t.w, a, t.f.member("alice"), 0n), alice());
  });
});
