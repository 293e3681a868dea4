import { SByte, SColl, SInt } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import { pay } from "../../contracts/builders/pay.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { extendInput, MEMO_VAR, paymentExtension, PROFILE_VAR, profileExtension } from "../../contracts/notes.ts";
import { Fixture } from "../../contracts/testing/community-fixture.ts";
import { Replay } from "./block-testing.ts";

const REQUEST = "0123456789abcdef0123456789abcdef";

/** A community of alice, bob and carol replayed into a LETS state. */
function community() {
  const f = new Fixture();
  const w = f.world;
  const replay = new Replay();
  w.submitted.forEach((tx, i) => replay.apply(tx, 1_001 + i));
  const submit = (tx: Parameters<typeof w.submit>[0], signer: string) => replay.apply(w.submit(tx, [f.member(signer)]).signed, w.height);
  return { f, w, submit };
}

describe("notes in a member's own input (memo, payment request, profile)", () => {
  it("a payment's memo and request id come from the payer's input", () => {
    const { f, w, submit } = community();
    const tx = pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 5n }], memo: " two loaves ", requestId: REQUEST.toUpperCase() }, { height: w.height });
    const changes = submit(tx, "alice");
    expect(changes.events).toMatchObject([{ kind: "payment", payer: f.account("alice").accountId, memo: "two loaves", requestId: REQUEST }]);
    expect(changes.refusedNotes).toEqual([]);
  });

  it("a top-up sets the owner's profile and records no payment", () => {
    const { f, w, submit } = community();
    const alice = f.account("alice");
    const changes = submit(topUp({ account: alice.box, addNanoErg: 10_000_000n, profile: { name: "Alice's Bakery", link: "https://bakery.example" } }, { height: w.height, wallet: w.wallet(f.member("alice")) }), "alice");
    expect(changes.events).toEqual([]);
    expect(changes.profiles).toMatchObject([{ accountId: alice.accountId, profile: { name: "Alice's Bakery", link: "https://bakery.example" } }]);
    expect(f.account("alice").valueNanoErg).toBe(alice.valueNanoErg + 10_000_000n);
  });

  it("a profile the payer writes on the payee's input is refused: the payee never signed it", () => {
    const { f, w, submit } = community();
    const bob = f.account("bob");
    const tx = pay({ payer: f.account("alice").box, payees: [{ account: bob.box, amountUnits: 1n }] }, { height: w.height });
    extendInput(tx, bob.boxId, { ...profileExtension({ name: "Bob (scam)" }), ...paymentExtension("bob says thanks") });
    const changes = submit(tx, "alice"); // the chain accepts it: no script reads the notes
    expect(changes.profiles).toEqual([]);
    expect(changes.events).toMatchObject([{ kind: "payment" }]);
    expect(changes.events[0]).not.toHaveProperty("memo");
    expect(changes.refusedNotes).toEqual([{ txId: expect.any(String), boxId: bob.boxId, accountId: bob.accountId, reason: "notes on an account credited by this transaction: its owner did not sign them" }]);
  });

  it("a memo on a transaction that pays nobody is refused; a profile in it is kept", () => {
    const { f, w, submit } = community();
    const alice = f.account("alice");
    const tx = topUp({ account: alice.box, profile: { name: "Alice" } }, { height: w.height });
    extendInput(tx, alice.boxId, paymentExtension("nothing paid"));
    const changes = submit(tx, "alice");
    expect(changes.profiles).toMatchObject([{ profile: { name: "Alice" } }]);
    expect(changes.refusedNotes).toMatchObject([{ accountId: alice.accountId, reason: "a memo or payment request id on a transaction in which this account pays nobody" }]);
  });

  it("malformed notes are refused with the reason, the payment still counts and the good notes are kept", () => {
    const { f, w, submit } = community();
    const alice = f.account("alice");
    const tx = pay({ payer: alice.box, payees: [{ account: f.account("bob").box, amountUnits: 2n }], requestId: REQUEST }, { height: w.height });
    extendInput(tx, alice.boxId, { [MEMO_VAR]: SColl(SByte, [0xff, 0xfe]).toHex(), [PROFILE_VAR]: SInt(7).toHex() });
    const changes = submit(tx, "alice");
    expect(changes.events).toMatchObject([{ kind: "payment", requestId: REQUEST }]);
    expect(changes.events[0]).not.toHaveProperty("memo");
    expect(changes.refusedNotes.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^malformed memo: /),
      expect.stringMatching(/^malformed profile: context variable 22: expected SColl\[SByte\]/),
    ]);
  });
});
