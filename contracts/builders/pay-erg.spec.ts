import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { describe, expect, it } from "vitest";
import { decodeAccount, type Account } from "../account/account.ts";
import { committeeFromKeys } from "../committee.ts";
import { InsufficientFunds, InvalidAmount, InvalidIntent } from "../errors.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { agreed, type Member } from "../testing/world.ts";
import { DEFAULT_FEE, totalValue } from "./common.ts";
import { ownerTree } from "./exit.ts";
import { join } from "./join.ts";
import { pay, type PayeeAmount } from "./pay.ts";

const ERG = 1_000_000_000n;

const walletErg = (f: Fixture, member: Member): bigint => totalValue(f.world.wallet(member).utxos);

/** A second account of the community, owned by `owner` (a member's key or a k-of-n). */
function openAccount(f: Fixture, owner: string, funder: Member): Account {
  const w = f.world;
  const accountId = f.communityBox().boxId;
  w.submit(join({ community: f.communityBox(), owner }, { height: w.height, wallet: w.wallet(funder) }), [funder]);
  const found = [...w.utxos.values()].map((b) => decodeAccount(b)).find((d) => d.ok && d.value.accountId === accountId);
  if (!found?.ok) throw new Error("no account opened");
  return found.value;
}

describe("a mixed payment (units and ERG) on both interpreters", () => {
  it("moves 50 units and pays the payee's owner 1.5 ERG from the payer's wallet, in one transaction", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const [alice, bob] = [f.account("alice"), f.account("bob")];
    const [aliceWallet, bobWallet] = [walletErg(f, f.member("alice")), walletErg(f, f.member("bob"))];
    const tx = pay({ payer: alice.box, payees: [{ account: bob.box, amountUnits: 50n, ergNanoErg: 1_500_000_000n }] }, { height: w.height, wallet: w.wallet(f.member("alice")) });
    const ergOut = tx.outputs.filter((o) => o.ergoTree === ownerTree(bob.owner));
    expect(ergOut.map((o) => [BigInt(o.value), o.assets.length])).toEqual([[1_500_000_000n, 0]]);
    w.submit(tx, [f.member("alice")]);
    expect([f.account("alice").balance, f.account("bob").balance]).toEqual([-50n, 50n]);
    expect(walletErg(f, f.member("bob"))).toBe(bobWallet + 1_500_000_000n);
    expect(walletErg(f, f.member("alice"))).toBe(aliceWallet - 1_500_000_000n - DEFAULT_FEE);
    expect([f.account("alice").valueNanoErg, f.account("bob").valueNanoErg]).toEqual([alice.valueNanoErg, bob.valueNanoErg]);
    expect(f.conservation()).toBe(0n);
  });

  it("pays ERG to one payee of two, the minimum box value exactly, and none for 0", () => {
    const f = new Fixture({ members: ["alice", "bob", "carol"] });
    const w = f.world;
    const [alice, bob, carol] = [f.account("alice"), f.account("bob"), f.account("carol")];
    const carolWallet = walletErg(f, f.member("carol"));
    const payees: PayeeAmount[] = [{ account: bob.box, amountUnits: 3n, ergNanoErg: "0" }, { account: carol.box, amountUnits: 4n, ergNanoErg: Number(MIN_BOX_VALUE) }];
    const tx = pay({ payer: alice.box, payees, memo: "materials and labour" }, { height: w.height, wallet: w.wallet(f.member("alice")) });
    expect(tx.outputs.some((o) => o.ergoTree === ownerTree(bob.owner))).toBe(false);
    w.submit(tx, [f.member("alice")]);
    expect(walletErg(f, f.member("carol"))).toBe(carolWallet + MIN_BOX_VALUE);
    expect([f.account("bob").balance, f.account("carol").balance]).toEqual([3n, 4n]);
  });

  it("pays a payee owned by 2 of 2 keys at the owner's tree, which those keys can spend", () => {
    const f = new Fixture({ members: ["alice"] });
    const w = f.world;
    const [dan, erin] = [w.member("dan"), w.member("erin")];
    const owner = committeeFromKeys([dan.owner.slice(4), erin.owner.slice(4)], 2);
    const shared = openAccount(f, owner, dan);
    const { outputs } = w.submit(pay({ payer: f.account("alice").box, payees: [{ account: shared.box, amountUnits: 9n, ergNanoErg: 2n * ERG }] }, { height: w.height, wallet: w.wallet(f.member("alice")) }), [f.member("alice")]);
    const paid = outputs.find((o) => o.ergoTree === ownerTree(owner))!;
    expect([paid.value, paid.assets]).toEqual([(2n * ERG).toString(), []]);
    const spend = new TransactionBuilder(w.height).from([paid]).to(new OutputBuilder(ERG, dan.ergoTree)).payFee(DEFAULT_FEE).sendChangeTo(erin.address).build().toEIP12Object();
    expect(agreed(w.judge(spend, [dan]))).toBe(false);
    w.submit(spend, [dan, erin]);
    expect(walletErg(f, dan)).toBeGreaterThan(ERG);
  });

  it("refuses ERG without a wallet, below the minimum box value, or not a whole number of nanoERG; each twin builds", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const wallet = w.wallet(f.member("alice"));
    const build = (ergNanoErg: unknown, withWallet = true) =>
      pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 1n, ergNanoErg: ergNanoErg as bigint }] }, { height: w.height, ...(withWallet ? { wallet } : {}) });
    expect(() => build(ERG, false)).toThrow(new InvalidIntent("paying ERG to a payee needs a wallet to take it from (ctx.wallet)"));
    expect(build(0n, false).outputs).toHaveLength(3);
    expect(() => build(MIN_BOX_VALUE - 1n)).toThrow(new InvalidIntent("payees[0].ergNanoErg is 999999 nanoERG; a box holds at least 1000000 (0.001 ERG), or give 0 for none"));
    expect(build(MIN_BOX_VALUE).outputs.filter((o) => BigInt(o.value) === MIN_BOX_VALUE && o.assets.length === 0)).toHaveLength(1);
    for (const bad of [-1n, 1.5, "1.5", "1e9", "-5", "", null, 2n ** 63n]) {
      expect(() => build(bad), String(bad)).toThrow(new InvalidIntent(`payees[0].ergNanoErg must be a whole number of nanoERG, got ${String(bad)}`));
    }
    expect(build("1500000000").outputs.some((o) => o.value === "1500000000")).toBe(true);
  });

  it("refuses ERG with no units (a payment of ERG alone is no LETS payment); with 1 unit it builds", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const build = (amountUnits: bigint) =>
      pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits, ergNanoErg: ERG }] }, { height: w.height, wallet: w.wallet(f.member("alice")) });
    expect(() => build(0n)).toThrow(InvalidAmount);
    expect(() => build(0n)).toThrow("payees[0].amountUnits must be a positive whole number of units, got 0");
    w.submit(build(1n), [f.member("alice")]);
    expect(f.account("bob").balance).toBe(1n);
  });

  it("refuses ERG to a payee its payer's owner also owns (it could not be told from change); units alone to it build", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const alice = f.member("alice");
    const second = openAccount(f, alice.owner, alice);
    const build = (ergNanoErg: bigint) => pay({ payer: f.account("alice").box, payees: [{ account: second.box, amountUnits: 2n, ergNanoErg }] }, { height: w.height, wallet: w.wallet(alice) });
    expect(() => build(ERG)).toThrow(new InvalidIntent("payees[0].ergNanoErg: payee 1's owner also owns the payer or another payee of this payment, so its ERG could not be told apart"));
    w.submit(build(0n), [alice]);
    expect(f.account("alice").balance).toBe(-2n);
  });

  it("refuses ERG the wallet does not hold as InsufficientFunds", () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const wallet = w.wallet(f.member("alice"));
    const tooMuch = totalValue(wallet.utxos) + 1n;
    expect(() => pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 1n, ergNanoErg: tooMuch }] }, { height: w.height, wallet })).toThrow(InsufficientFunds);
  });
});
