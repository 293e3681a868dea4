/**
 * Issue 10, default fairness. A credit that raises a negative balance counts as activity and must
 * be marked: the payee's lastActiveHeight moves to a height in [max(old, HEIGHT - 720), HEIGHT]
 * (no signature needed, as for any credit), so a debtor working its debt down by selling is not
 * in default, and a payer cannot leave a stale mark that lets the debtor be closed the next block.
 * A mark within the last 720 blocks may therefore be kept; an older one must move. Any other payee
 * keeps its lastActiveHeight. The twins set the payee's R8 explicitly; the last test checks the
 * pay builder.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { buildExit } from "../builders/exit.ts";
import { pay } from "../builders/pay.ts";
import { NotDefaulted } from "../errors.ts";
import { longConstant, readLong } from "../registers.ts";
import { MAX_AGE_BLOCKS } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { TEST_POLICY } from "../testing/policy.ts";
import { accountOut, edit, expectAccepted, expectRejected, expectScriptRefuses } from "../testing/tx-edit.ts";

/** alice and dan each 30 in debt to carol (alice one block earlier); bob at 0. */
function setup() {
  const f = new Fixture({ members: ["alice", "bob", "carol", "dan"] });
  const w = f.world;
  for (const name of ["alice", "dan"]) {
    const tx = pay({ payer: f.account(name).box, payees: [{ account: f.account("carol").box, amountUnits: 30n }] }, { height: w.height });
    w.submit(tx, [f.member(name)]);
  }
  const outsider = w.member("outsider");
  const ctx = () => ({ height: w.height, wallet: w.wallet(outsider) });
  return { f, w, outsider, ctx };
}

/** `payer` pays `payee` 10 with the payee's lastActiveHeight set to `lastActive(HEIGHT)`. */
function credit(s: ReturnType<typeof setup>, payer: string, payee: string, lastActive: (height: number) => bigint): EIP12UnsignedTransaction {
  const account = s.f.account(payee);
  const tx = pay({ payer: s.f.account(payer).box, payees: [{ account: account.box, amountUnits: 10n }] }, { height: s.w.height });
  return edit(tx, (d) => (accountOut(d, account.accountId).additionalRegisters.R8 = longConstant(lastActive(s.w.height + 1))));
}

describe("a credit to a negative balance", () => {
  it("counts as activity: the debtor is not in default at its old due height (twin: dan, who received nothing, is)", () => {
    const s = setup();
    const [alice, dan] = [s.f.account("alice"), s.f.account("dan")];
    const inactivity = TEST_POLICY.inactivityBlocks;
    s.w.submit(credit(s, "bob", "alice", (height) => BigInt(height)), [s.f.member("bob")]);
    expect(s.f.account("alice")).toMatchObject({ balance: -20n, lastActiveHeight: BigInt(s.w.height) });

    s.w.mine(Number(dan.lastActiveHeight + inactivity) - 1 - s.w.height); // the next block is dan's due height
    expect(alice.lastActiveHeight + inactivity).toBeLessThan(BigInt(s.w.height + 1)); // alice's old due height has passed
    expect(() => closeDefaulted({ community: s.f.communityBox(), accounts: [s.f.account("alice").box] }, s.ctx())).toThrow(NotDefaulted);
    expectRejected(s.w, buildExit(s.f.community(), [s.f.account("alice")], "close", s.ctx()), [s.outsider]);
    expectAccepted(s.w, closeDefaulted({ community: s.f.communityBox(), accounts: [s.f.account("dan").box] }, s.ctx()), [s.outsider]);
  });

  it("may record activity up to HEIGHT, not beyond (twin: HEIGHT)", () => {
    const s = setup();
    const bob = [s.f.member("bob")];
    expectAccepted(s.w, credit(s, "bob", "alice", (height) => BigInt(height)), bob);
    expectRejected(s.w, credit(s, "bob", "alice", (height) => BigInt(height + 1)), bob);
  });
});

describe("a credit to a negative balance must mark activity", () => {
  it(`refuses keeping a mark older than HEIGHT - ${MAX_AGE_BLOCKS}, or a mark a block below it (twin: HEIGHT - ${MAX_AGE_BLOCKS})`, () => {
    const s = setup();
    const bob = [s.f.member("bob")];
    s.w.mine(2 * MAX_AGE_BLOCKS);
    const old = s.f.account("alice").lastActiveHeight;
    expect(old).toBeLessThan(BigInt(s.w.height + 1 - MAX_AGE_BLOCKS));
    expectScriptRefuses(s.w, credit(s, "bob", "alice", () => old), bob);
    expectScriptRefuses(s.w, credit(s, "bob", "alice", (height) => BigInt(height - MAX_AGE_BLOCKS - 1)), bob);
    expectAccepted(s.w, credit(s, "bob", "alice", (height) => BigInt(height - MAX_AGE_BLOCKS)), bob);
  });

  it(`refuses a mark below the old one, though within ${MAX_AGE_BLOCKS} blocks (twin: the old mark kept, as recent as that)`, () => {
    const s = setup();
    const bob = [s.f.member("bob")];
    s.w.mine(10);
    const old = s.f.account("alice").lastActiveHeight;
    expect(old).toBeGreaterThanOrEqual(BigInt(s.w.height + 1 - MAX_AGE_BLOCKS));
    expectScriptRefuses(s.w, credit(s, "bob", "alice", () => old - 1n), bob);
    expectAccepted(s.w, credit(s, "bob", "alice", () => old), bob);
  });
});

describe("a credit to a balance that was not negative", () => {
  it("keeps the payee's lastActiveHeight (twin: kept by the builder)", () => {
    const s = setup();
    const alice = [s.f.member("alice")];
    const carol = s.f.account("carol");
    expectAccepted(s.w, credit(s, "alice", "carol", () => carol.lastActiveHeight), alice);
    expectRejected(s.w, credit(s, "alice", "carol", (height) => BigInt(height)), alice);
    const bob = s.f.account("bob");
    expect(bob.balance).toBe(0n);
    expectRejected(s.w, credit(s, "alice", "bob", (height) => BigInt(height)), alice);
  });
});

describe("the pay builder", () => {
  it("records a credit to a negative balance as activity and keeps any other payee's", () => {
    const s = setup();
    const [alice, carol] = [s.f.account("alice"), s.f.account("carol")];
    const tx = pay({ payer: s.f.account("bob").box, payees: [{ account: alice.box, amountUnits: 10n }, { account: carol.box, amountUnits: 10n }] }, { height: s.w.height });
    const recorded = (accountId: string) => readLong("R8", accountOut(tx, accountId).additionalRegisters.R8);
    expect(recorded(alice.accountId)).toBe(BigInt(s.w.height));
    expect(recorded(carol.accountId)).toBe(carol.lastActiveHeight);
  });
});
