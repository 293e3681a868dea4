/**
 * Contract version 5, attacks on the accounts of a batch (contracts/batch/batch.es): which boxes
 * may lean on the batch box (accounts beyond n, of another community, of the economics family, the
 * community box, a gateway, an account with no leg), and what a batch may write in each successor
 * (order, script, unit, value, owner, terms, accountId, lastActive, nextSeq, creation height; no
 * account closed or emptied through a batch). Each attack edits the builder's batch and is judged
 * by both interpreters next to the builder's batch. Holes are `it.fails` tests named HOLE.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Box } from "@fleet-sdk/common";
import type { SettlementPlan } from "../builders/settle.ts";
import { bytesConstant, longsConstant, readLongs } from "../registers.ts";
import { MAX_AGE_BLOCKS, BATCH_AGE_BLOCKS } from "../scripts.ts";
import { addLong, batchSetup, copyOut, longOf, setLongReg, withPassenger, withVars, type BatchSetup } from "../testing/batch-attack.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { Network } from "../testing/network-fixture.ts";
import { econPolicy } from "../testing/policy.ts";
import { dropOutput, edit, expectAccepted, expectRejected, expectScriptRefuses, lowerValue, moveErg, setRegister, type Tx } from "../testing/tx-edit.ts";

let s: BatchSetup;
/** alice pays dave 10, bob pays carol 5 (carol was at -20: a negative payee). */
let plan: SettlementPlan;
let base: Tx;
let baseBox: Box<string>;
/** The tip when the builder built `base`. */
let builtAt: number;
const ix = (name: string) => s.at(plan, name);
/** The next block's height, which the scripts see. */
const HEIGHT = () => s.w.height + 1;

beforeAll(() => {
  s = batchSetup();
  s.w.submit(s.build(s.plan([s.signed("carol", "mallory", 20n)])), s.signers);
  s.w.mine(2 * MAX_AGE_BLOCKS); // every box older than a recent height, so creation heights can be tested
  plan = s.plan([s.signed("alice", "dave", 10n), s.signed("bob", "carol", 5n)]);
  baseBox = s.verifier(s.w.height - 2 * MAX_AGE_BLOCKS);
  base = s.build(plan, baseBox);
  builtAt = s.w.height;
});

describe("the builder's batch", () => {
  it("is accepted: two payers, two payees, one of them negative (the twin of every attack here)", () => {
    expect(s.f.account("carol").balance).toBe(-20n);
    expect(plan.accounts).toHaveLength(4);
    expectAccepted(s.w, base, s.signers);
  });
});

describe("boxes that lean on the batch box", () => {
  it("refuses an account beyond n (mallory's, at input n + 1) whose successor mints 50 units", () => {
    const n = plan.accounts.length;
    const extra = withPassenger(base, s.f.account("mallory").box as Box<string>, n + 1, n, s.w.height);
    expectScriptRefuses(s.w, edit(extra, (d) => addLong(d.outputs[n]!, "R5", 50n)), s.signers);
  });

  it("refuses an account beyond n re-spent unchanged (the account tree at a later input)", () => {
    const n = plan.accounts.length;
    expectScriptRefuses(s.w, withPassenger(base, s.f.account("mallory").box as Box<string>, n + 1, n, s.w.height), s.signers);
  });

  /**
   * alice's order to `payee` (an account outside this community, signed by alice naming it) in the
   * place of dave's account in the builder's batch of alice -> dave: dave's input and successor
   * swapped for the outsider's box and its copy credited with the 10 units.
   */
  function outsiderPayee(t: BatchSetup, payee: Box<string>, payeeId: string): { twin: Tx; attack: Tx } {
    const p = t.plan([t.signed("alice", "dave", 10n)]);
    const twin = t.build(p);
    const o = t.signed("alice", "dave", 10n, { payee: payeeId, expiry: p.legs[0]!.order.expiry });
    const d = t.at(p, "dave");
    const attack = edit(withVars(twin, (v) => {
      v.commitments[0] = o.signature.commitment;
      v.responses[0] = o.signature.response;
    }), (tx) => {
      tx.inputs[d + 1] = { ...payee, extension: {} } as Tx["inputs"][number];
      tx.outputs[d] = copyOut(payee, t.w.height);
      addLong(tx.outputs[d]!, "R5", 10n);
    });
    return { twin, attack };
  }

  it("refuses an account of another plain community as a payee in 1..n (twin: dave)", () => {
    const t = batchSetup({ members: ["alice", "dave"] });
    const olga = new Fixture({ world: t.w, name: "Other", members: ["olga"] }).account("olga");
    const { twin, attack } = outsiderPayee(t, olga.box as Box<string>, olga.accountId);
    expectAccepted(t.w, twin, t.signers);
    expectScriptRefuses(t.w, attack, t.signers);
  });

  it("refuses an economics account as a payee in 1..n (twin: dave)", () => {
    const t = batchSetup({ members: ["alice", "dave"] });
    const erin = new Fixture({ world: t.w, name: "Econ", members: ["erin"], policy: econPolicy() }).account("erin");
    const { twin, attack } = outsiderPayee(t, erin.box as Box<string>, erin.accountId);
    expectAccepted(t.w, twin, t.signers);
    expectScriptRefuses(t.w, attack, t.signers);
  });

  it("refuses an account with no leg in the batch (mallory's box re-spent for nothing: griefing)", () => {
    const mallory = s.f.account("mallory");
    const idle: SettlementPlan = { ...plan, accounts: [...plan.accounts, mallory], balances: [...plan.balances, mallory.balance] };
    expectScriptRefuses(s.w, s.build(idle, baseBox), s.signers);
  });

  it("refuses the community box at an input beyond n, recreated unchanged", () => {
    const n = plan.accounts.length;
    expectScriptRefuses(s.w, withPassenger(base, s.f.communityBox(), n + 1, n, s.w.height), s.signers);
  });

  it("refuses a gateway of a trade line at an input beyond n, recreated unchanged", () => {
    const net = new Network(["A", "B"], { members: ["alice", "bob"] });
    const lineId = net.openLine("A", "B");
    const t = batchSetup({ fixture: net.c("A") });
    const tx = t.build(t.plan([t.signed("alice@A", "bob@A", 5n)]));
    expectAccepted(t.w, tx, t.signers);
    const gateway = net.gateway(lineId, 0).box;
    expectRejected(t.w, withPassenger(tx, gateway as Box<string>, 3, 2, t.w.height), t.signers);
  });
});

describe("the successors", () => {
  it("refuses successors in another order than the accounts", () => {
    expectScriptRefuses(s.w, edit(base, (d) => ([d.outputs[0], d.outputs[1]] = [d.outputs[1]!, d.outputs[0]!])), s.signers);
  });

  it("refuses a successor under another script (alice's unit and balance moved to mallory's wallet tree)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => (d.outputs[ix("alice")]!.ergoTree = s.f.member("mallory").ergoTree)), s.signers);
  });

  it("refuses alice's unit taken out of her successor into an extra output (with half her ERG)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => {
      const out = d.outputs[ix("alice")]!;
      const taken = { value: "0", ergoTree: s.f.member("mallory").ergoTree, creationHeight: s.w.height, assets: out.assets, additionalRegisters: {} };
      out.assets = [];
      d.outputs.push(taken);
      moveErg(out, taken, BigInt(out.value) / 2n);
    }), s.signers);
  });

  it("refuses ERG taken from an account (alice's successor 1 nanoERG lower, to the fee)", () => {
    const a = ix("alice");
    expectScriptRefuses(s.w, edit(base, (d) => lowerValue(d, a, BigInt(d.outputs[a]!.value) - 1n)), s.signers);
  });

  it.each([
    ["R4 owner (mallory's key)", "R4"],
    ["R6 terms (credit limit 100 -> 10,000)", "R6"],
    ["R7 accountId (mallory's)", "R7"],
  ] as const)("refuses a successor with another %s", (_, name) => {
    const value = name === "R4" ? s.f.member("mallory").owner
      : name === "R6" ? longsConstant([10_000n, ...readLongs("R6", s.f.account("alice").box.additionalRegisters.R6 as string, 5).slice(1)])
        : bytesConstant(s.f.account("mallory").accountId);
    expectScriptRefuses(s.w, edit(base, (d) => setRegister(d.outputs[ix("alice")]!, name, value)), s.signers);
  });

  it("refuses a successor back-dated past a recent height (twin: exactly HEIGHT - maxAgeBlocks)", () => {
    const a = ix("alice");
    const recent = HEIGHT() - MAX_AGE_BLOCKS;
    expectAccepted(s.w, edit(base, (d) => (d.outputs[a]!.creationHeight = recent)), s.signers);
    expectScriptRefuses(s.w, edit(base, (d) => (d.outputs[a]!.creationHeight = recent - 1)), s.signers);
  });
});

describe("nextSeq (R9)", () => {
  it("refuses a payer's nextSeq raised past the orders settled (the settler revokes her next order)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => addLong(d.outputs[ix("alice")]!, "R9", 1n)), s.signers);
  });

  it("refuses a payer's nextSeq kept (her settled order could be settled again)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => addLong(d.outputs[ix("alice")]!, "R9", -1n)), s.signers);
  });

  it("refuses a payee's nextSeq raised (dave's orders revoked by a settler)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => addLong(d.outputs[ix("dave")]!, "R9", 1n)), s.signers);
  });
});

describe("lastActive (R8)", () => {
  it("refuses a payer's lastActive in the future (twin: the builder's, the tip)", () => {
    expect(longOf(base.outputs[ix("alice")]!, "R8")).toBe(BigInt(builtAt));
    expectScriptRefuses(s.w, edit(base, (d) => setLongReg(d.outputs[ix("alice")]!, "R8", BigInt(HEIGHT() + 1))), s.signers);
  });

  it("refuses a payer's lastActive older than HEIGHT - batchAgeBlocks or than its last activity (twin: exactly the later of the two)", () => {
    const was = s.f.account("alice").lastActiveHeight;
    const recent = BigInt(HEIGHT() - BATCH_AGE_BLOCKS);
    const floor = was > recent ? was : recent;
    expectAccepted(s.w, edit(base, (d) => setLongReg(d.outputs[ix("alice")]!, "R8", floor)), s.signers);
    expectScriptRefuses(s.w, edit(base, (d) => setLongReg(d.outputs[ix("alice")]!, "R8", floor - 1n)), s.signers);
  });

  it("refuses a non-negative payee's lastActive moved (dave's kept is the twin)", () => {
    const d0 = ix("dave");
    expect(longOf(base.outputs[d0]!, "R8")).toBe(s.f.account("dave").lastActiveHeight);
    for (const delta of [1n, -1n]) expectScriptRefuses(s.w, edit(base, (d) => addLong(d.outputs[d0]!, "R8", delta)), s.signers);
  });

  it("refuses a negative payee's lastActive moved back below its last activity (carol; twin: the tip)", () => {
    const c = ix("carol");
    const was = s.f.account("carol").lastActiveHeight;
    expect(was).toBeGreaterThan(BigInt(HEIGHT() - MAX_AGE_BLOCKS) - 1_000n);
    expectScriptRefuses(s.w, edit(base, (d) => setLongReg(d.outputs[c]!, "R8", was - 1n)), s.signers);
  });

  // Closed in version 5 (was missing): a payer's lastActive >= its previous lastActive (as for a negative payee). A payment
  // lets its owner write any lastActive from HEIGHT - maxAgeBlocks; a batch lets the settler, who is
  // not the owner, write it, and so move a payer's activity back by up to maxAgeBlocks (720), even
  // below what it was. Where inactivityBlocks <= 720 (here 50), a payer who goes negative in a
  // batch can be closed as defaulted in the next block, her collateral forfeited.
  it("closed HOLE: a settler back-dates a payer's lastActive below its last activity, and she is closed as defaulted at once", () => {
    const t = batchSetup({ members: ["alice", "dave"] });
    t.w.mine(2 * MAX_AGE_BLOCKS);
    t.w.submit(t.build(t.plan([t.signed("alice", "dave", 1n)])), t.signers); // alice active now
    const was = t.f.account("alice").lastActiveHeight;
    const p = t.plan([t.signed("alice", "dave", 10n)]);
    const honest = t.build(p);
    const recent = BigInt(t.w.height + 1 - MAX_AGE_BLOCKS);
    const backdated = edit(honest, (d) => setLongReg(d.outputs[t.at(p, "alice")]!, "R8", recent));
    expect(recent).toBeLessThan(was);
    expectAccepted(t.w, honest, t.signers);
    expectRejected(t.w, backdated, t.signers);
  });
});

describe("no account closed or emptied through a batch", () => {
  it("refuses alice's successor left out (her unit and ERG to the fee)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => dropOutput(d, ix("alice"))), s.signers);
  });

  it("refuses alice's ERG moved to mallory's wallet, her successor at the dust minimum", () => {
    const a = ix("alice");
    expectScriptRefuses(s.w, edit(base, (d) => {
      const out = d.outputs[a]!;
      const mallory = { ...out, ergoTree: s.f.member("mallory").ergoTree, assets: [], additionalRegisters: {} };
      d.outputs.push(mallory);
      mallory.value = "0";
      moveErg(out, mallory, BigInt(out.value) - 1_000_000n);
    }), s.signers);
  });
});
