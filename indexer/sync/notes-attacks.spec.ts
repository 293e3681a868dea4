// Attacks on the indexer's trust in notes (issue 12): it takes a note only from an account input
// whose owner the account contract made sign, i.e. one that stays with a balance that did not rise.
// Each attack is a transaction both interpreters accept (unless the point is that they refuse it),
// replayed through applyBlock; each refusal has a twin that keeps the note.
import { describe, expect, it } from "vitest";
import { SInt, SShort } from "@fleet-sdk/serializer";
import { closeDefaulted } from "../../contracts/builders/close-defaulted.ts";
import { leave } from "../../contracts/builders/leave.ts";
import { pay } from "../../contracts/builders/pay.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { extendInput, paymentExtension, PROFILE_VAR, profileExtension } from "../../contracts/notes.ts";
import { longConstant } from "../../contracts/registers.ts";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { accountOut, edit, expectAccepted, expectRejected } from "../../contracts/testing/tx-edit.ts";
import { TEST_POLICY } from "../../contracts/testing/policy.ts";
import { testId } from "./block-testing.ts";
import type { AccountRecord } from "./lets-events.ts";
import { merge, TwoCommunities } from "./notes-testing.ts";
import { transactionNotes } from "./notes.ts";

const CREDITED = "notes on an account credited by this transaction: its owner did not sign them";
const TWO_COMMUNITIES = "a memo or payment request id in a transaction that pays in more than one community: only a payment in one community carries them";

describe("notes on an input its owner did not sign are never taken", () => {
  it("refuses a profile on a payee of ANOTHER community credited in the same transaction; keeps the signing payer's", () => {
    const c = new TwoCommunities();
    const [alice, bob, dave, erin] = ["alice", "bob", "dave", "erin"].map((n) => c.account(n));
    const tx = merge(
      pay({ payer: alice!.box, payees: [{ account: bob!.box, amountUnits: 3n }] }, c.ctx()),
      pay({ payer: dave!.box, payees: [{ account: erin!.box, amountUnits: 2n }] }, c.ctx()),
    );
    extendInput(tx, erin!.boxId, profileExtension({ name: "Erin owes Alice" }));
    extendInput(tx, dave!.boxId, profileExtension({ name: "Dave" }));
    const changes = c.submit(tx, [c.member("alice"), c.member("dave")]);
    expect(changes.events.map((e) => e.kind)).toEqual(["payment", "payment"]);
    expect(changes.profiles).toMatchObject([{ accountId: dave!.accountId, communityId: c.bId, profile: { name: "Dave" } }]);
    expect(changes.refusedNotes).toEqual([{ txId: expect.any(String), boxId: erin!.boxId, accountId: erin!.accountId, reason: CREDITED }]);
  });

  it("needs the owner's key to re-spend an account at an unchanged balance, so a note there is the owner's", () => {
    const c = new TwoCommunities();
    const [alice, bob] = [c.account("alice"), c.account("bob")];
    // "Pay" nothing: both balances stay; alice writes a profile on bob's input.
    const tx = edit(pay({ payer: alice.box, payees: [{ account: bob.box, amountUnits: 1n }] }, c.ctx()), (d) => {
      for (const a of [alice, bob]) {
        const out = accountOut(d, a.accountId);
        out.additionalRegisters.R5 = longConstant(a.balance);
        out.additionalRegisters.R8 = longConstant(BigInt(c.world.height));
      }
    });
    extendInput(tx, bob.boxId, profileExtension({ name: "Bob is a thief" }));
    expectRejected(c.world, tx, [c.member("alice")]);
    // Twin: with bob's key too, both interpreters accept, and bob's input says what bob signed.
    expectAccepted(c.world, tx, [c.member("alice"), c.member("bob")]);
    const changes = c.submit(tx, [c.member("alice"), c.member("bob")]);
    expect(changes.events).toEqual([]);
    expect(changes.profiles).toMatchObject([{ accountId: bob.accountId, profile: { name: "Bob is a thief" } }]);
  });

  it("reads no note on a debtor's input a stranger spends to close it as defaulted; twin: the debtor's own profile stands", () => {
    const c = new TwoCommunities();
    const mallory = c.member("mallory");
    c.submit(topUp({ account: c.account("alice").box, profile: { name: "Alice" } }, c.ctx()), [c.member("alice")]);
    c.submit(pay({ payer: c.account("alice").box, payees: [{ account: c.account("bob").box, amountUnits: 10n }] }, c.ctx()), [c.member("alice")]);
    c.world.mine(Number(TEST_POLICY.inactivityBlocks) + 1);
    const alice = c.account("alice");
    const tx = closeDefaulted({ community: c.communityBox(c.a.communityId), accounts: [alice.box] }, c.ctx(mallory));
    extendInput(tx, alice.boxId, profileExtension({ name: "Alice the deadbeat" }));
    const changes = c.submit(tx, [mallory]);
    expect(changes.events.map((e) => e.kind)).toEqual(["default"]);
    expect(changes.profiles).toEqual([]);
  });

  it("reads no note on the input of a member who leaves (an exit spends the community box too)", () => {
    const c = new TwoCommunities();
    const carol = c.account("carol");
    const tx = leave({ community: c.communityBox(c.a.communityId), account: carol.box }, c.ctx(c.member("carol")));
    extendInput(tx, carol.boxId, { ...profileExtension({ name: "Carol" }), ...paymentExtension("bye") });
    const changes = c.submit(tx, [c.member("carol")]);
    expect(changes.events.map((e) => e.kind)).toEqual(["leave"]);
    expect(changes.profiles).toEqual([]);
    expect(changes.refusedNotes).toEqual([]);
  });

  it("reads no note on an account box a storage-rent spend keeps whole with an empty proof; twin: the owner's top-up", () => {
    const c = new TwoCommunities();
    const carol = c.account("carol");
    const profile = profileExtension({ name: "Carol sold out" })[PROFILE_VAR]!;
    // The spend the node accepts without any key: variable 127 names output 0, which keeps the box
    // whole (checkExpiredBox reads no other variable, so the profile beside it changes nothing).
    const kept = { ...carol.box, boxId: testId("carol kept by rent"), creationHeight: carol.creationHeight + STORAGE_PERIOD_BLOCKS };
    const rent = { id: testId("rent spend of carol"), inputs: [{ boxId: carol.boxId, spendingProof: { proofBytes: "", extension: { "127": SShort(0).toHex(), [PROFILE_VAR]: profile } } }], outputs: [kept] };
    const changes = c.replay.peek(rent, carol.creationHeight + STORAGE_PERIOD_BLOCKS);
    expect(changes.compromises).toMatchObject([{ kind: "rent-spend", boxId: carol.boxId, detail: expect.stringMatching(/kept its script, registers and tokens/) }]);
    expect(changes.profiles).toEqual([]);
    expect(changes.refusedNotes).toEqual([]);
    const owned = c.submit(topUp({ account: carol.box, profile: { name: "Carol" } }, c.ctx()), [c.member("carol")]);
    expect(owned.profiles).toMatchObject([{ accountId: carol.accountId, profile: { name: "Carol" } }]);
  });
});

describe("memos and request ids stay with the one payment that carried them", () => {
  it("refuses them in a transaction that pays in two communities (payment_notes holds one per transaction)", () => {
    const c = new TwoCommunities();
    const [alice, bob, dave, erin] = ["alice", "bob", "dave", "erin"].map((n) => c.account(n));
    const tx = merge(
      pay({ payer: alice!.box, payees: [{ account: bob!.box, amountUnits: 3n }], memo: "bread", requestId: "a".repeat(32) }, c.ctx()),
      pay({ payer: dave!.box, payees: [{ account: erin!.box, amountUnits: 2n }], memo: "eggs" }, c.ctx()),
    );
    const changes = c.submit(tx, [c.member("alice"), c.member("dave")]);
    expect(changes.events).toHaveLength(2);
    for (const event of changes.events) expect(event).not.toHaveProperty("memo");
    expect(changes.refusedNotes.map((r) => [r.accountId, r.reason]).sort()).toEqual([[alice!.accountId, TWO_COMMUNITIES], [dave!.accountId, TWO_COMMUNITIES]].sort());
  });

  it("twin: the same two payments in two transactions keep each payer's memo", () => {
    const c = new TwoCommunities();
    const [alice, bob, dave, erin] = ["alice", "bob", "dave", "erin"].map((n) => c.account(n));
    const first = c.submit(pay({ payer: alice!.box, payees: [{ account: bob!.box, amountUnits: 3n }], memo: "bread" }, c.ctx()), [c.member("alice")]);
    const second = c.submit(pay({ payer: dave!.box, payees: [{ account: erin!.box, amountUnits: 2n }], memo: "eggs" }, c.ctx()), [c.member("dave")]);
    expect(first.events).toMatchObject([{ kind: "payment", payer: alice!.accountId, memo: "bread" }]);
    expect(second.events).toMatchObject([{ kind: "payment", payer: dave!.accountId, memo: "eggs" }]);
  });
});

describe("transactionNotes finds an input's successor in the input's own community", () => {
  // Defence in depth: accountIds are box ids of community boxes, so no two communities share one
  // on a sound chain; but the successor that decides "did the balance rise" must be the one the
  // account contract looks at (same token), never a box of another community.
  const site = { txId: testId("tx"), height: 10, timestamp: 0, blockId: testId("block") };
  const record = (communityId: string, boxId: string, balance: bigint): AccountRecord => ({
    boxId, communityId, accountId: testId("shared account id"), owner: "08cd", balance,
    terms: { creditLimit: 100n, positiveCap: 500n, collateralNanoErg: 0n, inactivityBlocks: 0n, joinedHeight: 1n },
    lastActiveHeight: 1n, valueNanoErg: 1_000_000n, creationHeight: 1,
  });
  const input = (boxId: string) => ({ boxId, spendingProof: { proofBytes: "", extension: profileExtension({ name: "Victim" }) } });

  it("refuses the note when the input's own successor was credited, whatever another community's box says", () => {
    const before = record(testId("A"), testId("in"), 0n);
    const notes = transactionNotes(site, 0, [input(before.boxId)], [before], [record(testId("B"), testId("other"), -5n), record(testId("A"), testId("out"), 5n)]);
    expect(notes.profiles).toEqual([]);
    expect(notes.refused).toMatchObject([{ boxId: before.boxId, reason: CREDITED }]);
  });

  it("twin: keeps it when the input's own successor did not rise", () => {
    const before = record(testId("A"), testId("in"), 0n);
    const notes = transactionNotes(site, 0, [input(before.boxId)], [before], [record(testId("B"), testId("other"), 5n), record(testId("A"), testId("out"), 0n)]);
    expect(notes.profiles).toMatchObject([{ accountId: before.accountId, profile: { name: "Victim" } }]);
  });
});

describe("a credit the node judged by its script is no storage-rent spend", () => {
  // KNOWN HOLE, not fixed (indexer/sync/rent.ts, outside the notes): the node tries storage rent
  // only when variable 127 is a Short naming an existing output; otherwise (an Int, an index past
  // the outputs) it runs the box's script, and a credit needs no key, so the proof stays empty.
  // The indexer calls any empty proof with a variable 127 on a box past the storage period a rent
  // spend: a payer paying a member whose box is four years old can have the community flagged and
  // the payee's account dropped from the live state. Fix: `isRentSpend` only when
  // `rentOutputIndex(input)` names an output of the transaction. When this fails, make it an `it`.
  it.fails("records a payment to an old payee whose input carries an Int in variable 127, and flags nothing", () => {
    const c = new TwoCommunities();
    c.world.mine(STORAGE_PERIOD_BLOCKS);
    const bob = c.account("bob");
    const tx = pay({ payer: c.account("alice").box, payees: [{ account: bob.box, amountUnits: 1n }] }, c.ctx());
    extendInput(tx, bob.boxId, { 127: SInt(0).toHex() });
    const changes = c.submit(tx, [c.member("alice")]); // both interpreters: bob's script, a credit
    expect(changes.compromises).toEqual([]);
    expect(changes.events).toMatchObject([{ kind: "payment", payees: [{ accountId: bob.accountId, amount: 1n }] }]);
  });

  it("twin: the same payment without the variable is a payment", () => {
    const c = new TwoCommunities();
    c.world.mine(STORAGE_PERIOD_BLOCKS);
    const bob = c.account("bob");
    const changes = c.submit(pay({ payer: c.account("alice").box, payees: [{ account: bob.box, amountUnits: 1n }] }, c.ctx()), [c.member("alice")]);
    expect(changes.compromises).toEqual([]);
    expect(changes.events).toMatchObject([{ kind: "payment", payees: [{ accountId: bob.accountId, amount: 1n }] }]);
  });
});
