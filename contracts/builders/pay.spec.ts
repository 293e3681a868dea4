import { describe, expect, it } from "vitest";
import { InvalidIntent } from "../errors.ts";
import { readNotes } from "../notes.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { pay } from "./pay.ts";

const REQUEST = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

describe("a payment with a memo and a payment request id, on both interpreters", () => {
  it("executes, with the notes on the payer's input only, under the payer's signature", () => {
    const f = new Fixture({ members: ["alice", "bob", "carol"] });
    const w = f.world;
    const [alice, bob, carol] = [f.account("alice"), f.account("bob"), f.account("carol")];
    const tx = pay(
      { payer: alice.box, payees: [{ account: bob.box, amountUnits: 7n }, { account: carol.box, amountUnits: 3n }], memo: "firewood, 2 loads", requestId: REQUEST },
      { height: w.height },
    );
    const { signed } = w.submit(tx, [f.member("alice")]);
    // A signed input carries its extension beside its proof, as the node writes it.
    const notesOf = (boxId: string) => readNotes(signed.inputs.find((i) => i.boxId === boxId)!.spendingProof?.extension);
    expect(notesOf(alice.boxId)).toEqual({ memo: "firewood, 2 loads", requestId: REQUEST, problems: [] });
    expect(signed.inputs.filter((i) => i.boxId !== alice.boxId).map((i) => i.spendingProof?.extension)).toEqual([{}, {}]);
    expect([f.account("alice").balance, f.account("bob").balance, f.account("carol").balance]).toEqual([-10n, 7n, 3n]);
    expect(f.conservation()).toBe(0n);
  });

  it("keeps the notes on the payer's account input when the wallet pays the fee", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const alice = f.account("alice");
    const tx = pay(
      { payer: alice.box, payees: [{ account: f.account("bob").box, amountUnits: 1n }], memo: "tea" },
      { height: w.height, wallet: w.wallet(f.member("alice")) },
    );
    const { signed } = w.submit(tx, [f.member("alice")]);
    expect(signed.inputs.length).toBeGreaterThan(2);
    expect(signed.inputs.map((i) => readNotes(i.spendingProof?.extension).memo)).toEqual(signed.inputs.map((i) => (i.boxId === alice.boxId ? "tea" : undefined)));
    expect(f.account("alice").valueNanoErg).toBe(alice.valueNanoErg);
  });

  it("writes no extension without notes, and refuses bad notes before building", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const payWith = (notes: { memo?: string; requestId?: string }) =>
      pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 1n }], ...notes }, { height: f.world.height });
    expect(payWith({}).inputs.map((i) => i.extension)).toEqual([{}, {}]);
    expect(payWith({ memo: "  " }).inputs.map((i) => i.extension)).toEqual([{}, {}]);
    expect(() => payWith({ memo: "m".repeat(141) })).toThrow(new InvalidIntent("memo is 141 characters long; at most 140"));
    expect(() => payWith({ memo: "a\u202Eb" })).toThrow(new InvalidIntent("memo contains a control character"));
    expect(() => payWith({ requestId: "42" })).toThrow(new InvalidIntent('a payment request id is 32 hex digits, got "42"'));
  });
});
