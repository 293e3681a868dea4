import { describe, expect, it } from "vitest";
import { decodeAccount, type Account } from "../account/account.ts";
import { FeeReserveSpent, InsufficientFunds, InvalidAmount, InvalidIntent, NotALetsBox } from "../errors.ts";
import { readNotes } from "../notes.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { accountOut, edit, expectAccepted, expectRejected, expectScriptRefuses, feeOut, moveErg } from "../testing/tx-edit.ts";
import type { Member } from "../testing/world.ts";
import { DEFAULT_FEE, totalValue } from "./common.ts";
import { join } from "./join.ts";
import { pay } from "./pay.ts";
import { topUp } from "./top-up.ts";

const PROFILE = { name: "Aroha", about: "bread and firewood", link: "https://example.org/aroha" };

/** A fixture with alice and bob, and carol joined with `reserveNanoErg` of fee reserve. */
function withCarol(reserveNanoErg: bigint) {
  const f = new Fixture({ members: ["alice", "bob"] });
  const w = f.world;
  const carol = w.member("carol");
  w.submit(join({ community: f.communityBox(), owner: carol.owner, feeReserveNanoErg: reserveNanoErg }, { height: w.height, wallet: w.wallet(carol) }), [carol]);
  const carolAccount = (): Account => {
    const found = [...w.utxos.values()].map((b) => decodeAccount(b)).find((d) => d.ok && d.value.owner === carol.owner);
    if (!found?.ok) throw new Error("carol has no account");
    return found.value;
  };
  return { f, w, carol, carolAccount };
}

const walletErg = (f: Fixture, member: Member): bigint => totalValue(f.world.wallet(member).utxos);

describe("a top-up on both interpreters", () => {
  it("adds ERG from the wallet: the balance stays, the value rises, the owner's activity is marked", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: w.height }), [f.member("alice")]);
    const before = f.account("alice");
    const walletBefore = walletErg(f, f.member("alice"));
    const height = w.height;
    const { signed } = w.submit(topUp({ account: before.box, addNanoErg: 50_000_000n }, { height, wallet: w.wallet(f.member("alice")) }), [f.member("alice")]);
    const after = f.account("alice");
    expect(after.balance).toBe(-5n);
    expect(after.valueNanoErg).toBe(before.valueNanoErg + 50_000_000n);
    expect(after.lastActiveHeight).toBe(BigInt(height));
    expect([after.accountId, after.owner, after.terms]).toEqual([before.accountId, before.owner, before.terms]);
    expect(walletErg(f, f.member("alice"))).toBe(walletBefore - 50_000_000n - DEFAULT_FEE);
    expect(signed.inputs.map((i) => i.spendingProof?.extension)).toEqual(signed.inputs.map(() => ({})));
    expect(f.conservation()).toBe(0n);
  });

  it("sets a profile in the same transaction, in the account's input only", () => {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const alice = f.account("alice");
    const tx = topUp({ account: alice.box, addNanoErg: "1000000", profile: PROFILE }, { height: w.height, wallet: w.wallet(f.member("alice")) });
    const { signed } = w.submit(tx, [f.member("alice")]);
    const notes = signed.inputs.map((i) => readNotes(i.spendingProof?.extension));
    expect(notes.map((n) => n.profile)).toEqual(signed.inputs.map((i) => (i.boxId === alice.boxId ? PROFILE : undefined)));
    expect(f.account("alice").valueNanoErg).toBe(alice.valueNanoErg + 1_000_000n);
  });

  it("changes only the profile without a wallet: the fee comes from the account's reserve", () => {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const alice = f.account("alice");
    const tx = topUp({ account: alice.box, profile: { name: "Alice" } }, { height: w.height });
    expect(tx.inputs.map((i) => i.boxId)).toEqual([alice.boxId]);
    const { signed } = w.submit(tx, [f.member("alice")]);
    expect(readNotes(signed.inputs[0]!.spendingProof?.extension)).toEqual({ profile: { name: "Alice" }, problems: [] });
    expect(f.account("alice").valueNanoErg).toBe(alice.valueNanoErg - DEFAULT_FEE);
    expect(f.account("alice").balance).toBe(0n);
  });

  it("pays a profile change from the reserve down to collateral + minimum box value, and no further", () => {
    const { w, carol, carolAccount } = withCarol(DEFAULT_FEE);
    const floor = carolAccount().terms.collateralNanoErg + MIN_BOX_VALUE;
    w.submit(topUp({ account: carolAccount().box, profile: { name: "Carol" } }, { height: w.height }), [carol]);
    expect(carolAccount().valueNanoErg).toBe(floor);
    const refused = () => topUp({ account: carolAccount().box, profile: { name: "Carol B." } }, { height: w.height });
    expect(refused).toThrow(FeeReserveSpent);
    expect(refused).toThrow(expect.objectContaining({ accountId: carolAccount().accountId, neededNanoErg: floor + DEFAULT_FEE, availableNanoErg: floor, feeNanoErg: DEFAULT_FEE }));
    // The positive twin: the same change with a wallet to pay the fee.
    w.submit(topUp({ account: carolAccount().box, profile: { name: "Carol B." } }, { height: w.height, wallet: w.wallet(carol) }), [carol]);
    expect(carolAccount().valueNanoErg).toBe(floor);
  });

  it("lets a member whose fee reserve is spent pay again from the reserve once topped up", () => {
    const { f, w, carol, carolAccount } = withCarol(0n);
    const payFromReserve = () => pay({ payer: carolAccount().box, payees: [{ account: f.account("bob").box, amountUnits: 1n }] }, { height: w.height });
    expect(payFromReserve).toThrow(FeeReserveSpent);
    expect(payFromReserve).toThrow(expect.objectContaining({ accountId: carolAccount().accountId, feeNanoErg: DEFAULT_FEE }));
    w.submit(topUp({ account: carolAccount().box, addNanoErg: 2n * DEFAULT_FEE }, { height: w.height, wallet: w.wallet(carol) }), [carol]);
    w.submit(payFromReserve(), [carol]);
    expect(carolAccount().balance).toBe(-1n);
    expect(carolAccount().valueNanoErg).toBe(carolAccount().terms.collateralNanoErg + MIN_BOX_VALUE + DEFAULT_FEE);
  });

  it("is refused by the contract itself when the account would go below collateral + minimum box value", () => {
    const { w, carol, carolAccount } = withCarol(DEFAULT_FEE);
    const account = carolAccount();
    const tx = topUp({ account: account.box, profile: { name: "Carol" } }, { height: w.height });
    expectAccepted(w, tx, [carol]);
    expectScriptRefuses(w, edit(tx, (d) => moveErg(accountOut(d, account.accountId), feeOut(d), 1n)), [carol]);
  });

  it("needs the owner's key: a stranger cannot rewrite an account's box (or its notes), even paying for it", () => {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const stranger = w.member("stranger");
    const tx = topUp({ account: f.account("alice").box, addNanoErg: 1_000_000n, profile: { name: "not Alice" } }, { height: w.height, wallet: w.wallet(stranger) });
    expectRejected(w, tx, [stranger]);
    expectAccepted(w, tx, [stranger, f.member("alice")]);
  });
});

describe("topUp refuses what it cannot build, before building", () => {
  const f = new Fixture({ members: ["alice"] });
  const w = f.world;
  const alice = f.account("alice");
  const wallet = w.wallet(f.member("alice"));

  it("refuses a top-up with nothing to do", () => {
    const nothing = new InvalidIntent("a top-up adds ERG, sets a profile, posts a marketplace note, or several");
    expect(() => topUp({ account: alice.box }, { height: w.height })).toThrow(nothing);
    expect(() => topUp({ account: alice.box, addNanoErg: 0n }, { height: w.height, wallet })).toThrow(nothing);
  });

  it("refuses adding ERG without a wallet to take it from", () => {
    expect(() => topUp({ account: alice.box, addNanoErg: 1n }, { height: w.height })).toThrow(new InvalidIntent("adding ERG to an account needs a wallet to take it from"));
  });

  it("refuses an amount of ERG that is not a whole number of nanoERG from 0 up", () => {
    for (const bad of [-1n, 1.5, "0.5", "abc", 2n ** 63n, Number.NaN]) {
      expect(() => topUp({ account: alice.box, addNanoErg: bad as bigint }, { height: w.height, wallet }), String(bad)).toThrow(InvalidAmount);
    }
  });

  it("refuses more ERG than the wallet holds", () => {
    const added = totalValue(wallet.utxos);
    const refused = () => topUp({ account: alice.box, addNanoErg: added }, { height: w.height, wallet });
    expect(refused).toThrow(InsufficientFunds);
    // The wallet is short, not the account's reserve.
    expect(refused).not.toThrow(FeeReserveSpent);
    expect(() => topUp({ account: alice.box, addNanoErg: added - DEFAULT_FEE - MIN_BOX_VALUE }, { height: w.height, wallet })).not.toThrow();
  });

  it("refuses a bad profile with its reason, and a box that is not an account", () => {
    expect(() => topUp({ account: alice.box, profile: { name: "" } }, { height: w.height })).toThrow(new InvalidIntent("name must not be empty"));
    expect(() => topUp({ account: alice.box, profile: { name: "A", link: "ftp://x" } }, { height: w.height })).toThrow(/link must be a web address/);
    expect(() => topUp({ account: wallet.utxos[0]!, addNanoErg: 1n }, { height: w.height, wallet })).toThrow(NotALetsBox);
  });
});
