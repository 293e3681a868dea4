/**
 * Contract version 5, attacks on what a batch says moved (contracts/batch/batch.es): the legs in
 * payer order and, through the permutation, in payee order; the running sums; the per-account
 * claims (sent, received, orders counted); legs dropped, split, doubled or invented; n; amounts that
 * are negative, zero or overflow. Each attack edits the builder's batch of four orders (its
 * context variables, and the successors where the attack needs them to agree) and is judged by both
 * interpreters next to the builder's batch. Holes are `it.fails` tests named HOLE.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Box } from "@fleet-sdk/common";
import type { SettlementPlan } from "../builders/settle.ts";
import { LONG_MIN } from "../long.ts";
import {
  addLong, batchSetup, longOf, rawOrderMessage, readVars, secretOf, signedOver, withOrder, withVars,
  type BatchSetup, type BatchVars,
} from "../testing/batch-attack.ts";
import { edit, expectAccepted, expectRejected, expectScriptRefuses, type Tx } from "../testing/tx-edit.ts";

let s: BatchSetup;
/** alice pays dave 10 and carol 5, bob pays dave 7, carol pays alice 3: the builder's batch. */
let plan: SettlementPlan;
let base: Tx;
let baseBox: Box<string>;
/** Account index (input - 1, output) of each member in the batch. */
const ix = (name: string) => s.at(plan, name);
/** Index of the leg from `from` to `to`. */
const leg = (from: string, to: string) => plan.legs.findIndex((l) => l.payer === ix(from) && l.payee === ix(to));

beforeAll(() => {
  s = batchSetup();
  plan = s.plan([
    s.signed("alice", "dave", 10n),
    s.signed("alice", "carol", 5n, { seq: 1n }),
    s.signed("bob", "dave", 7n),
    s.signed("carol", "alice", 3n),
  ]);
  baseBox = s.verifier();
  base = s.build(plan, baseBox);
});

/** `base` with its variables changed by `vars` and then its outputs by `outputs`. */
const attack = (vars: (v: BatchVars) => void, outputs: (d: Tx) => void = () => {}): Tx => edit(withVars(base, vars), outputs);
/** Moves `units` of balance from the successor of `from` to that of `to`. */
const shift = (d: Tx, from: string, to: string, units: bigint) => {
  addLong(d.outputs[ix(from)]!, "R5", -units);
  addLong(d.outputs[ix(to)]!, "R5", units);
};

describe("the builder's batch", () => {
  it("is accepted, and its variables are what batch.es reads (the twin of every attack here)", () => {
    const v = readVars(base);
    expect(v.n).toBe(4);
    expect(v.sent[ix("alice")]).toBe(15n);
    expect(v.received[ix("dave")]).toBe(17n);
    expect(v.counts).toEqual([0, 1, 2, 3].map((a) => plan.legs.filter((l) => l.payer === a).length));
    expectAccepted(s.w, base, s.signers);
    expectAccepted(s.w, withVars(base, () => {}), s.signers);
  });
});

describe("per-account claims", () => {
  it("refuses a unit of sent moved from one payer to another, balances to match (alice pays 1 less, bob 1 more)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.sent[ix("alice")]! -= 1n;
      v.sent[ix("bob")]! += 1n;
    }, (d) => shift(d, "bob", "alice", 1n)), s.signers);
  });

  it("refuses a unit of sent moved from a payer to an account that only receives (dave, whose sent no leg ends)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.sent[ix("alice")]! -= 1n;
      v.sent[ix("dave")]! += 1n;
    }, (d) => shift(d, "dave", "alice", 1n)), s.signers);
  });

  it("refuses a unit of received moved from one payee to another (the order names dave, carol is credited)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.received[ix("dave")]! -= 1n;
      v.received[ix("carol")]! += 1n;
    }, (d) => shift(d, "dave", "carol", 1n)), s.signers);
  });

  it("refuses a leg's whole amount credited to an account that only pays (bob, whose received no leg ends)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.received[ix("dave")]! -= 7n;
      v.received[ix("bob")]! += 7n;
    }, (d) => shift(d, "dave", "bob", 7n)), s.signers);
  });

  it("refuses a payee credited twice for one leg (received and total both raised)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.received[ix("dave")]! += 10n;
    }, (d) => addLong(d.outputs[ix("dave")]!, "R5", 10n)), s.signers);
  });

  it("refuses an order count moved from alice to bob, sequences to match (alice keeps order 1 for later, bob skips one)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.counts[ix("alice")]! -= 1;
      v.counts[ix("bob")]! += 1;
    }, (d) => {
      addLong(d.outputs[ix("alice")]!, "R9", -1n);
      addLong(d.outputs[ix("bob")]!, "R9", 1n);
    }), s.signers);
  });

  it("refuses an order counted for an account that only receives (dave's sequence raised: his orders revoked by a settler)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.counts[ix("dave")]! += 1;
    }, (d) => addLong(d.outputs[ix("dave")]!, "R9", 1n)), s.signers);
  });
});

describe("running sums", () => {
  it("refuses a payer's running sum off by one at its last leg", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.sentSums[leg("alice", "carol")]! += 1n;
    }), s.signers);
  });

  it("refuses a payee's running sum off by one", () => {
    expectScriptRefuses(s.w, attack((v) => {
      const k = v.inverse[leg("bob", "dave")]!;
      v.receivedSums[k]! += 1n;
    }), s.signers);
  });
});

describe("the payee order: a permutation proven by its inverse", () => {
  it("refuses a leg listed twice and another left out (byPayee not a permutation)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      const k = v.inverse[leg("alice", "dave")]!;
      v.byPayee[k + 1] = v.byPayee[k]!;
    }), s.signers);
  });

  it("refuses an inverse that is not the inverse (two entries swapped)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      const [a, b] = [leg("alice", "dave"), leg("bob", "dave")];
      [v.inverse[a], v.inverse[b]] = [v.inverse[b]!, v.inverse[a]!];
    }), s.signers);
  });

  it("refuses a payee's legs split by another payee's (dave, carol, dave)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      const order = [leg("alice", "dave"), leg("alice", "carol"), leg("bob", "dave"), leg("carol", "alice")];
      v.byPayee = order;
      order.forEach((j, k) => (v.inverse[j] = k));
      v.receivedSums = order.map((j) => v.amounts[j]!);
    }), s.signers);
  });

  it("refuses a leg dropped from the payee view (its payee not credited, the payer still debited)", () => {
    const j = leg("bob", "dave");
    expectScriptRefuses(s.w, attack((v) => {
      v.byPayee = v.byPayee.filter((x) => x !== j);
      v.receivedSums = [];
      v.byPayee.forEach((x, k) => {
        const starts = k === 0 || v.payees[v.byPayee[k - 1]!] !== v.payees[x];
        v.receivedSums.push(v.amounts[x]! + (starts ? 0n : v.receivedSums[k - 1]!));
      });
      v.received[ix("dave")]! -= 7n;
    }, (d) => addLong(d.outputs[ix("dave")]!, "R5", -7n)), s.signers);
  });

  it("refuses a leg dropped from the payer view (the payee credited, nobody debited)", () => {
    const j = leg("bob", "dave");
    expectScriptRefuses(s.w, attack((v) => {
      for (const key of ["payers", "payees", "expiries", "commitments", "responses", "offsets", "sentSums"] as const) v[key].splice(j, 1);
      v.sent[ix("bob")]! -= 7n;
      v.counts[ix("bob")]! -= 1;
    }, (d) => {
      addLong(d.outputs[ix("bob")]!, "R5", 7n);
      addLong(d.outputs[ix("bob")]!, "R9", -1n);
    }), s.signers);
  });
});

describe("the payer order", () => {
  it("refuses a payer's legs split by another payer's (alice, bob, alice; twin: alice, alice, bob)", () => {
    const a = plan.legs.filter((l) => l.payer === ix("alice"));
    const others = plan.legs.filter((l) => l.payer !== ix("alice"));
    const split = { ...plan, legs: [a[0]!, ...others, a[1]!] };
    expectScriptRefuses(s.w, s.build(split, baseBox), s.signers);
  });
});

describe("a leg dropped from the outputs", () => {
  it("refuses the payee not credited (dave's successor without the 7 units)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => addLong(d.outputs[ix("dave")]!, "R5", -7n)), s.signers);
  });

  it("refuses the payer not debited (bob's successor keeps the 7 units)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => addLong(d.outputs[ix("bob")]!, "R5", 7n)), s.signers);
  });

  it("refuses the whole leg left out of the successors (bob not debited, dave not credited, the legs unchanged)", () => {
    expectScriptRefuses(s.w, edit(base, (d) => shift(d, "dave", "bob", 7n)), s.signers);
  });
});

describe("the number of accounts", () => {
  it("refuses n one more than the accounts, the claims padded (the settler's wallet box counted as an account)", () => {
    expectRejected(s.w, attack((v) => {
      v.n += 1;
      v.sent.push(0n);
      v.received.push(0n);
      v.counts.push(0);
    }), s.signers);
  });

  it("refuses n one less, the last account's claims dropped (it would lean on the batch unchecked)", () => {
    expectScriptRefuses(s.w, attack((v) => {
      v.n -= 1;
      v.sent.pop();
      v.received.pop();
      v.counts.pop();
    }), s.signers);
  });
});

describe("amounts", () => {
  /** alice's one order to dave of `amount`, signed by her over any Long (negative and zero too). */
  const order = (amount: bigint) => {
    const o = s.order("alice", "dave", amount, { expiry: BigInt(s.w.height + 50) });
    return signedOver(o, rawOrderMessage(o), secretOf(s.f.member("alice")));
  };

  it.each([
    ["negative (a signed pull: dave pays alice 5)", -5n],
    ["zero (an account touched for nothing)", 0n],
  ])("refuses an amount %s, signed by the payer (twin: 5)", (_, amount) => {
    const twin = s.plan([order(5n)], ["alice", "dave"]);
    const box = s.verifier();
    expectAccepted(s.w, s.build(twin, box), s.signers);
    expectScriptRefuses(s.w, s.build(withOrder(twin, 0, order(amount)), box), s.signers);
  });

  it("refuses a leg whose payee is its payer (a self-order alice signed; twin: her order to dave)", () => {
    const first = s.signed("alice", "dave", 10n);
    const twin = s.plan([first, s.signed("alice", "dave", 5n, { seq: 1n })], ["alice", "dave"]);
    const self = s.order("alice", "alice", 5n, { seq: 1n, expiry: first.expiry });
    const selfPlan: SettlementPlan = { ...twin, legs: twin.legs.map((l, j) => (j === 1 ? { ...l, payee: l.payer } : l)) };
    const box = s.verifier();
    expectAccepted(s.w, s.build(twin, box), s.signers);
    expectScriptRefuses(s.w, s.build(withOrder(selfPlan, 1, signedOver(self, rawOrderMessage(self), secretOf(s.f.member("alice")))), box), s.signers);
  });

  it("refuses a payer's running sum that overflows a Long (two legs of 2^62), by both interpreters alike", () => {
    const twin = s.plan([s.signed("alice", "dave", 1n), s.signed("alice", "dave", 1n, { seq: 1n })], ["alice", "dave"]);
    const huge = 1n << 62n;
    const o = (seq: bigint) => {
      const x = s.order("alice", "dave", huge, { seq, expiry: twin.legs[0]!.order.expiry });
      return signedOver(x, rawOrderMessage(x), secretOf(s.f.member("alice")));
    };
    const box = s.verifier();
    const tx = withVars(s.build(twin, box), (v) => {
      v.amounts = [huge, huge];
      const two = [o(0n), o(1n)];
      v.commitments = two.map((x) => x.signature.commitment);
      v.responses = two.map((x) => x.signature.response);
      v.sentSums = [huge, LONG_MIN]; // what a wrapping sum would give
      v.receivedSums = [huge, LONG_MIN];
      v.sent[0] = LONG_MIN;
      v.received[1] = LONG_MIN;
    });
    expectRejected(s.w, tx, s.signers);
  });

  it("refuses order counts whose Int sum would wrap (three accounts that only receive claim 2^31 - 1, 2^31 - 1 and 2)", () => {
    const t = s;
    const p = t.plan([t.signed("alice", "bob", 1n), t.signed("alice", "carol", 1n, { seq: 1n }), t.signed("alice", "dave", 1n, { seq: 2n })], ["alice", "bob", "carol", "dave"]);
    const tx = t.build(p);
    expectAccepted(t.w, tx, t.signers);
    const wrap = [2_147_483_647, 2_147_483_647, 2];
    const payees = ["bob", "carol", "dave"].map((n) => t.at(p, n));
    expectRejected(t.w, edit(withVars(tx, (v) => payees.forEach((a, i) => (v.counts[a] = wrap[i]!))), (d) => {
      payees.forEach((a, i) => addLong(d.outputs[a]!, "R9", BigInt(wrap[i]!)));
    }), t.signers);
  });
});

describe("legs beyond the legs", () => {
  // Closed in version 5 (was missing): amounts.size == payers.size (and the other leg collections' sizes). The total is the
  // fold of the whole amounts collection, while legs are payers.indices: an amount past the last
  // leg inflates the total, and the claims no leg ends (sent of an account that only receives,
  // received of one that only pays) absorb it. Here mallory signs a 1-unit order to carol and takes
  // 99 units out of carol's account: carol sends 99 she never ordered, mallory receives them.
  it("closed HOLE: an amount past the last leg debits a payee-only account without any order (mallory takes 99 from carol)", () => {
    const p = s.plan([s.signed("mallory", "carol", 1n)], ["mallory", "carol"]);
    const box = s.verifier();
    const tx = s.build(p, box);
    expectAccepted(s.w, tx, s.signers);
    const [m, c] = [s.at(p, "mallory"), s.at(p, "carol")];
    const theft = edit(withVars(tx, (v) => {
      v.amounts.push(99n);
      v.sent[c] = 99n;
      v.received[m] = 99n;
    }), (d) => {
      addLong(d.outputs[m]!, "R5", 99n);
      addLong(d.outputs[c]!, "R5", -99n);
    });
    expect(longOf(theft.outputs[c]!, "R5")).toBe(s.f.account("carol").balance - 98n);
    expectRejected(s.w, theft, s.signers);
  });

  // The same root: the payee view may read a leg that is not a leg (payees and amounts longer than
  // payers), so a real leg's payee is never checked and its units go elsewhere.
  it("closed HOLE: the payee view reads a phantom leg, so a real leg's units go to another account (alice's 10 for dave reach mallory)", () => {
    const p = s.plan([s.signed("alice", "dave", 10n)], ["alice", "dave"]);
    const withMallory: SettlementPlan = { ...p, accounts: [...p.accounts, s.f.account("mallory")], balances: [...p.balances, s.f.account("mallory").balance] };
    const box = s.verifier();
    const base3 = s.build(withMallory, box);
    const [d, m] = [s.at(p, "dave"), 2];
    const theft = edit(withVars(base3, (v) => {
      v.payees.push(m + 1);
      v.amounts.push(10n);
      v.byPayee = [1];
      v.inverse = [0, 0];
      v.sent = v.sent.map((x, a) => (a === d ? 10n : x));
      v.received = v.received.map((_, a) => (a === m ? 10n : a === d ? 10n : 0n));
    }), (tx) => {
      addLong(tx.outputs[d]!, "R5", -10n);
      addLong(tx.outputs[m]!, "R5", 10n);
    });
    // dave ends where he started (+10 received, -10 "sent"), mallory gains 10, alice paid 10.
    expect(longOf(theft.outputs[d]!, "R5")).toBe(s.f.account("dave").balance);
    expectRejected(s.w, theft, s.signers);
  });
});
