/**
 * Issue 10, storage rent against accounts. A join-built account holds far less ERG than its storage
 * fee, so 1,051,200 blocks after its box was last spent anyone may take it whole, unit included.
 * Dormant close is the answer: from 788,400 blocks anyone may close it properly (ERG to the owner,
 * balance to the books, seat freed), a year before rent can touch it. Rent paths are judged by
 * ergo-lib, which models rent as the node does (contracts/testing/rent.ts); script paths by both.
 * What an escaped unit can and cannot do: storage-rent-escaped-unit.spec.ts.
 */
import { describe, expect, it } from "vitest";
import { closeDormant } from "../builders/close-dormant.ts";
import { buildExit, forfeitNanoErg, payoutNanoErg } from "../builders/exit.ts";
import { pay } from "../builders/pay.ts";
import { NotDormant } from "../errors.ts";
import { dormantFrom, rentFrom } from "../storage-rent.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { storageFeeNanoErg, takeByRent } from "../testing/rent.ts";
import { expectRejected } from "../testing/tx-edit.ts";

/** No default path, so a negative account can be closed only as dormant. */
const NO_DEFAULT = testPolicy({ inactivityBlocks: 0n });

/** alice -20, bob +20, carol 0, all created by the builders; `closer` is anyone with a wallet. */
function setup() {
  const f = new Fixture({ policy: NO_DEFAULT });
  const w = f.world;
  const tx = pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: w.height });
  w.submit(tx, [f.member("alice")]);
  return { f, w, closer: w.member("closer") };
}

describe("a join-built account left alone", () => {
  it("holds about 0.11 ERG, far below its storage fee of about 0.8 ERG: rent could take it whole", () => {
    const { f, w } = setup();
    const carol = f.account("carol");
    const fee = storageFeeNanoErg(w.box(carol.boxId));
    expect(carol.valueNanoErg).toBe(NO_DEFAULT.collateralNanoErg + 12_000_000n);
    expect(fee).toBeGreaterThan(7n * carol.valueNanoErg);
    expect(rentFrom(carol.creationHeight) - dormantFrom(carol.creationHeight)).toBe(262_800);
  });
});

describe("dormant close: anyone closes an account whose box nobody spent for 788,400 blocks", () => {
  it.each([
    ["bob", 20],
    ["carol", 0],
    ["alice", -20],
  ])("closes %s (balance %i) at exactly dormantFrom, not one block earlier: ERG to the owner, seat freed, balance booked", (name, units) => {
    const { f, w, closer } = setup();
    const balance = BigInt(units);
    const account = f.account(name);
    expect(account.balance).toBe(balance);
    const ctx = () => ({ height: w.height, wallet: w.wallet(closer) });
    const from = dormantFrom(account.creationHeight);
    w.mine(from - 2 - w.height); // the next block is dormantFrom - 1
    expect(() => closeDormant({ community: f.communityBox(), accounts: [account.box] }, ctx())).toThrow(NotDormant);
    expectRejected(w, buildExit(f.community(), [account], "close", ctx()), [closer]);

    w.mine(1); // the next block is dormantFrom
    const before = f.community();
    const { outputs } = w.submit(closeDormant({ community: f.communityBox(), accounts: [account.box] }, ctx()), [closer]);
    const after = f.community();
    expect(outputs[1]).toMatchObject({ ergoTree: f.member(name).ergoTree, value: payoutNanoErg(account).toString() });
    expect(after.seatsLeft).toBe(before.seatsLeft + 1n);
    expect(after.communityBalance).toBe(before.communityBalance + balance);
    expect(forfeitNanoErg(account)).toBe(balance < 0n ? NO_DEFAULT.collateralNanoErg : 0n);
    expect(after.treasuryNanoErg).toBe(before.treasuryNanoErg + forfeitNanoErg(account));
    expect(() => f.account(name)).toThrow(/no live account/);
    expect(f.conservation()).toBe(0n);
  });
});

// Why dormant close exists: if nobody runs it in the 262,800 blocks between dormantFrom and
// rentFrom, storage rent takes the account whole and its balance leaves the books.
describe("storage rent on an account nobody closed", () => {
  it("takes the whole box, unit included, at exactly 1,051,200 blocks (refused one block earlier)", () => {
    const { f, w } = setup();
    const mallory = w.member("mallory");
    const bob = f.account("bob");
    w.mine(rentFrom(bob.creationHeight) - 2 - w.height); // the next block is rentFrom - 1
    expect(w.judgeRent(takeByRent(w, w.box(bob.boxId), mallory), [])).toMatchObject({ ok: false });

    w.mine(1); // the next block is rentFrom
    const [taken] = w.rentSpend(takeByRent(w, w.box(bob.boxId), mallory), []).outputs;
    expect(taken).toMatchObject({ ergoTree: mallory.ergoTree, value: bob.valueNanoErg.toString(), assets: [{ tokenId: f.communityId, amount: "1" }] });
    expect(() => f.account("bob")).toThrow(/no live account/);
    expect(f.conservation()).toBe(-20n); // bob's 20 units are gone from the books
  });
});
