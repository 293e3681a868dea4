/**
 * The exchange desk through its builders (docs/desk.md), every transaction judged by both
 * interpreters: open, buy, sell, deposit, a change announced and taking effect after its notice,
 * withdrawal above cover, an oracle-priced desk; the books stay zero-sum with the desk in them.
 * Then the typed errors for intents the contracts would refuse.
 */
import { describe, expect, it } from "vitest";
import { buyFromDesk, quoteBuy, quoteSell, sellToDesk } from "./desk-trade.ts";
import { depositToDesk, governDesk } from "./desk-govern.ts";
import { DeskFixture, POOL_NFT } from "../testing/desk-fixture.ts";
import { DeskLimitReached, InvalidIntent, OraclePriceStale, ReserveTooLow } from "../errors.ts";

const ERG = 1_000_000_000n;

describe("exchange desk", () => {
  it("opens with a seat, balance 0 and the community's committee; buys and sells keep the books zero-sum", () => {
    const f = new DeskFixture();
    const desk = f.deskOf();
    expect(desk.balance).toBe(0n);
    expect(desk.committee).toBe(f.committee.owner);
    expect(f.community().seatsLeft).toBe(10n - 3n - 1n);
    const w = f.world;
    // Alice buys 100 units: 100 / 110 ERG / 0.99, rounded up.
    const q = quoteBuy({ desk: f.deskBox(), account: f.account("alice").box, units: 100n }, w.height);
    expect(q.nanoErg).toBe((100n * ERG * 10_000n + 110n * 9_900n - 1n) / (110n * 9_900n));
    expect(q.floorTopUpNanoErg).toBe(0n); // what she pays in covers the larger box's floor
    w.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 100n }, { height: w.height, wallet: w.wallet(f.member("alice")) }), [f.member("alice")]);
    expect(f.account("alice").balance).toBe(100n);
    expect(f.deskOf().balance).toBe(-100n);
    expect(f.deskOf().reserveNanoErg).toBe(desk.reserveNanoErg + q.nanoErg);
    expect(f.conservation()).toBe(0n);
    // Bob pays for Carol's buy: anyone may credit an account.
    w.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("carol").box, payNanoErg: ERG }, { height: w.height, wallet: w.wallet(f.member("bob")) }), [f.member("bob")]);
    expect(f.account("carol").balance).toBe(108n); // floor(1 ERG × 110 × 0.99)
    // Alice sells 40 back: 40 / 110 ERG × 0.99, rounded down; she signs.
    const s = quoteSell({ desk: f.deskBox(), account: f.account("alice").box, units: 40n }, w.height);
    expect(s.nanoErg).toBe((40n * ERG * 9_900n) / (110n * 10_000n));
    w.submit(sellToDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 40n }, { height: w.height, wallet: w.wallet(f.member("alice")) }), [f.member("alice")]);
    expect(f.account("alice").balance).toBe(60n);
    expect(f.deskOf().balance).toBe(-168n);
    expect(f.conservation()).toBe(0n);
    expect(f.deskOf().ledger.buyers.map((b) => [b.accountId, b.issued])).toEqual([
      [f.account("alice").accountId, 100n], [f.account("carol").accountId, 108n],
    ]);
  });

  it("a buy too small to pay for its ledger entry's storage tops the reserve up to the larger box's floor", () => {
    const f = new DeskFixture(); // opened at its floor
    const w = f.world;
    const bob = f.member("bob");
    const small = quoteBuy({ desk: f.deskBox(), account: f.account("bob").box, units: 1n }, w.height);
    expect(small.floorTopUpNanoErg).toBeGreaterThan(0n);
    expect(small.nanoErg - small.floorTopUpNanoErg!).toBe((ERG * 10_000n + 110n * 9_900n - 1n) / (110n * 9_900n));
    const before = f.deskOf().reserveNanoErg;
    w.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("bob").box, units: 1n }, { height: w.height, wallet: w.wallet(bob) }), [bob]);
    expect(f.deskOf().reserveNanoErg).toBe(before + small.nanoErg);
    // So does the committee's first announcement (R8 grows), from its own wallet.
    w.submit(governDesk({ desk: f.deskBox(), announce: { terms: { buyFeeBps: 50n } } }, { height: w.height, wallet: w.wallet(f.committee) }), [f.committee]);
    expect(f.deskOf().pending?.terms.buyFeeBps).toBe(50n);
    expect(f.conservation()).toBe(0n);
  });

  it("refuses a buy past the member limit, a sell into credit, a sale the reserve cannot pay", () => {
    const f = new DeskFixture();
    const w = f.world;
    const alice = f.member("alice");
    expect(() => quoteBuy({ desk: f.deskBox(), account: f.account("alice").box, units: 301n }, w.height)).toThrow(DeskLimitReached);
    w.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 300n }, { height: w.height, wallet: w.wallet(alice) }), [alice]);
    expect(() => quoteBuy({ desk: f.deskBox(), account: f.account("alice").box, units: 1n }, w.height)).toThrow(DeskLimitReached);
    // The next period resets the member's count.
    w.mine(100);
    w.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 10n }, { height: w.height, wallet: w.wallet(alice) }), [alice]);
    expect(f.deskOf().ledger.buyers).toHaveLength(1);
    expect(() => quoteSell({ desk: f.deskBox(), account: f.account("bob").box, units: 1n }, w.height)).toThrow(InvalidIntent);
    // Bob earns 310 from Alice and cannot sell past what the reserve holds above its floor.
    expect(() => quoteSell({ desk: f.deskBox(), account: f.account("alice").box, units: 311n }, w.height)).toThrow(InvalidIntent);
  });

  it("announces a rate change that applies only after its notice, and the committee withdraws only above cover", () => {
    const f = new DeskFixture();
    const w = f.world;
    const alice = f.member("alice");
    w.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 100n }, { height: w.height, wallet: w.wallet(alice) }), [alice]);
    w.submit(governDesk({ desk: f.deskBox(), announce: { terms: { rateNum: 22n } } }, { height: w.height, wallet: w.wallet(f.committee) }), [f.committee]);
    const pending = f.deskOf().pending!;
    expect(pending.effectiveHeight).toBe(BigInt(w.height) + 10n);
    // Governance meanwhile keeps the announced change as it is (its notice was checked when announced).
    w.mine(5);
    w.submit(governDesk({ desk: f.deskBox(), depositNanoErg: ERG / 10n }, { height: w.height, wallet: w.wallet(f.committee) }), [f.committee]);
    expect(f.deskOf().pending).toEqual(pending);
    expect(f.deskOf().terms.rateNum).toBe(110n);
    // Before: the old rate (110 units for about 1 ERG). After: the new one (22 units per ERG), written into the box by the first trade.
    expect(quoteBuy({ desk: f.deskBox(), account: f.account("alice").box, units: 110n }, w.height).nanoErg).toBeLessThan(2n * ERG);
    w.mine(3); // the next block is the effective height
    expect(quoteBuy({ desk: f.deskBox(), account: f.account("alice").box, units: 110n }, w.height).nanoErg).toBeGreaterThan(5n * ERG);
    w.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 10n }, { height: w.height, wallet: w.wallet(alice) }), [alice]);
    expect(f.deskOf().terms.rateNum).toBe(22n);
    expect(f.deskOf().pending).toBeNull();
    w.submit(depositToDesk({ desk: f.deskBox(), nanoErg: 5n * ERG }, { height: w.height, wallet: w.wallet(f.member("bob")) }), [f.member("bob")]);
    // Cover: 110 units at 22 per ERG less 1%, above the box's storage floor here.
    const reserve = f.deskOf().reserveNanoErg;
    const cover = (110n * ERG * 9_900n + 22n * 10_000n - 1n) / (22n * 10_000n);
    expect(() => governDesk({ desk: f.deskBox(), withdrawNanoErg: reserve - cover + 1n }, { height: w.height, wallet: w.wallet(f.committee) })).toThrow(ReserveTooLow);
    w.submit(governDesk({ desk: f.deskBox(), withdrawNanoErg: reserve - cover }, { height: w.height, wallet: w.wallet(f.committee) }), [f.committee]);
    expect(f.deskOf().reserveNanoErg).toBe(cover);
    expect(f.conservation()).toBe(0n);
  });

  it("prices in US dollars from a fresh oracle pool box and refuses a stale one", () => {
    const f = new DeskFixture({ terms: { oracleNft: POOL_NFT, rateNum: 110n, rateDen: 1n } });
    const w = f.world;
    const alice = f.member("alice");
    const oracle = f.oracle(250_000_000n); // 4 USD per ERG
    const q = quoteBuy({ desk: f.deskBox(), account: f.account("alice").box, units: 110n, oracle }, w.height);
    expect(q.nanoErg).toBe((110n * 250_000_000n * 10_000n + 110n * 9_900n - 1n) / (110n * 9_900n));
    w.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 110n, oracle }, { height: w.height, wallet: w.wallet(alice) }), [alice]);
    expect(f.account("alice").balance).toBe(110n);
    const stale = f.oracle(250_000_000n, 30);
    expect(() => quoteBuy({ desk: f.deskBox(), account: f.account("alice").box, units: 1n, oracle: stale }, w.height)).toThrow(OraclePriceStale);
    expect(() => quoteBuy({ desk: f.deskBox(), account: f.account("alice").box, units: 1n }, w.height)).toThrow(InvalidIntent);
  });
});
