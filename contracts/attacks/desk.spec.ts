/**
 * Attacks on the exchange desk's trades (contract version 6, issue 17; docs/desk.md): each is an
 * honest buy or sell made by the builders, edited, and refused by both interpreters, next to its
 * positive twin (the honest transaction, or the same edit within the rules) accepted by both, so
 * no refusal passes for a reason that is not the rule under test. Oracle prices, rounding, the
 * reserve's floor, the issue and member limits, minting, the desk's own registers and unit.
 */
import { describe, expect, it } from "vitest";
import { buyFromDesk, quoteBuy, quoteSell, sellToDesk } from "../builders/desk-trade.ts";
import { depositToDesk } from "../builders/desk-govern.ts";
import { pay } from "../builders/pay.ts";
import { buyCostNanoErg, deskRegisters, ledgerConstant, periodAt, sellPayoutNanoErg, type Desk } from "../desk/desk.ts";
import { bytesConstant, longConstant } from "../registers.ts";
import { DESK_ERGO_TREE, MAX_DESK_LEDGER } from "../scripts.ts";
import { DeskFixture, POOL_NFT } from "../testing/desk-fixture.ts";
import { accountOut, edit, moveErg, rebalance, setRegister, valueOf, type Tx } from "../testing/tx-edit.ts";
import { SInt, SLong } from "@fleet-sdk/serializer";
import { accepted, ctxOf, deskFloorOf, deskOut, ERG, refused, rewriteTrade, walletOut } from "./desk-helpers.ts";

/** A fixed-rate desk where alice has bought 200 units (so she can sell). */
function withUnits(units = 200n, opts: ConstructorParameters<typeof DeskFixture>[0] = {}) {
  const f = new DeskFixture(opts);
  const alice = f.member("alice");
  f.world.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("alice").box, units }, ctxOf(f, alice)), [alice]);
  // Room above the floor, which the ledger entry just raised (about 41 bytes of box).
  f.world.submit(depositToDesk({ desk: f.deskBox(), nanoErg: 3n * ERG }, ctxOf(f, f.member("carol"))), [f.member("carol")]);
  return { f, w: f.world, alice, bob: f.member("bob"), carol: f.member("carol") };
}

/** The honest buy of `units` by alice's wallet for `name`'s account. */
function buy(f: DeskFixture, units: bigint, name = "alice", oracle?: Parameters<typeof buyFromDesk>[0]["oracle"]): Tx {
  return buyFromDesk({ desk: f.deskBox(), account: f.account(name).box, units, ...(oracle ? { oracle } : {}) }, ctxOf(f, f.member("alice")));
}

describe("desk oracle: only the fresh pool box, as a data input, prices a trade", () => {
  const priced = () => new DeskFixture({ terms: { oracleNft: POOL_NFT, rateNum: 110n, rateDen: 1n } });
  const PRICE = 250_000_000n; // 4 USD per ERG

  it("refuses a pool box one block older than maxOracleAge (twin: one block younger)", () => {
    const f = priced();
    const alice = f.member("alice");
    const fresh = f.oracle(PRICE, 29);
    const tx = buy(f, 110n, "alice", fresh);
    accepted(f.world, tx, [alice]);
    const stale = f.oracle(PRICE, 30);
    refused(f.world, edit(tx, (d) => { d.dataInputs = [stale]; }), [alice]);
  });

  it("refuses a box with another NFT, the right NFT in second position, R4 of another type, price 0 or negative", () => {
    const f = priced();
    const alice = f.member("alice");
    const tx = buy(f, 110n, "alice", f.oracle(PRICE));
    accepted(f.world, tx, [alice]);
    const look = (assets: { tokenId: string; amount: bigint }[], R4: string) =>
      f.world.addBox({ ergoTree: f.committee.ergoTree, value: ERG, assets, additionalRegisters: { R4, R5: SInt(1).toHex() } });
    const other = "22".repeat(32);
    const forged = [
      look([{ tokenId: other, amount: 1n }], SLong(PRICE).toHex()),
      look([{ tokenId: other, amount: 1n }, { tokenId: POOL_NFT, amount: 1n }], SLong(PRICE).toHex()),
      look([{ tokenId: POOL_NFT, amount: 1n }], SInt(Number(PRICE)).toHex()),
      look([{ tokenId: POOL_NFT, amount: 1n }], SLong(0n).toHex()),
      look([{ tokenId: POOL_NFT, amount: 1n }], SLong(-PRICE).toHex()),
    ];
    for (const box of forged) refused(f.world, edit(tx, (d) => { d.dataInputs = [box]; }), [alice]);
    // A look-alike before the genuine box is skipped: the desk reads the first box with its NFT first.
    accepted(f.world, edit(tx, (d) => { d.dataInputs = [forged[0]!, ...d.dataInputs]; }), [alice]);
  });

  it("refuses a cheaper price than the pool's (one nanoERG short of the cost at its price)", () => {
    const f = priced();
    const alice = f.member("alice");
    const tx = buy(f, 110n, "alice", f.oracle(PRICE));
    refused(f.world, edit(tx, (d) => moveErg(deskOut(d), walletOut(d, alice), 1n)), [alice]);
    // Twin: the same trade priced by a pool box one nanoERG per USD cheaper is paid enough.
    const cheaper = f.oracle(PRICE - 1n);
    accepted(f.world, edit(tx, (d) => { d.dataInputs = [cheaper]; moveErg(deskOut(d), walletOut(d, alice), 1n); }), [alice]);
  });

  it("refuses the pool box given as an input instead of a data input", () => {
    const f = priced();
    const alice = f.member("alice");
    const pool = f.oracle(PRICE);
    const tx = buy(f, 110n, "alice", pool);
    const asInput = edit(tx, (d) => {
      d.dataInputs = [];
      d.inputs.push({ ...pool, extension: {} });
      walletOut(d, alice).assets.push({ tokenId: POOL_NFT, amount: "1" });
      rebalance(d, alice.ergoTree);
    });
    refused(f.world, asInput, [alice, f.committee]);
    accepted(f.world, tx, [alice]);
  });

  it("with two boxes holding the NFT, reads the first: a stale one first is refused (twin: the fresh one first)", () => {
    const f = priced();
    const alice = f.member("alice");
    const fresh = f.oracle(PRICE);
    const tx = buy(f, 110n, "alice", fresh);
    const stale = f.oracle(PRICE, 31);
    refused(f.world, edit(tx, (d) => { d.dataInputs = [stale, fresh]; }), [alice]);
    accepted(f.world, edit(tx, (d) => { d.dataInputs = [fresh, stale]; }), [alice]);
  });

  it("a fixed-rate desk needs no data input and ignores one", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    const tx = buy(f, 100n);
    accepted(f.world, tx, [alice]);
    accepted(f.world, edit(tx, (d) => { d.dataInputs = [f.oracle(1n)]; }), [alice]);
  });
});

describe("desk rounding: never in the trader's favour", () => {
  it("refuses one unit more than paid for (twin: the 101st unit paid for)", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    const desk = f.deskOf();
    const account = f.account("alice");
    const tx = buy(f, 100n);
    accepted(f.world, tx, [alice]);
    const ledger = (n: bigint) => ({ period: periodAt(desk.terms, BigInt(f.world.height) + 1n), buyers: [{ accountId: account.accountId, issued: n }] });
    const paid100 = desk.reserveNanoErg + buyCostNanoErg(desk.terms, 100n, 1n);
    const paid101 = desk.reserveNanoErg + buyCostNanoErg(desk.terms, 101n, 1n);
    refused(f.world, edit(tx, (d) => rewriteTrade(d, desk, account, 101n, paid100, alice, ledger(101n))), [alice]);
    refused(f.world, edit(tx, (d) => rewriteTrade(d, desk, account, 101n, paid101 - 1n, alice, ledger(101n))), [alice]);
    accepted(f.world, edit(tx, (d) => rewriteTrade(d, desk, account, 101n, paid101, alice, ledger(101n))), [alice]);
  });

  it("refuses a buy one nanoERG short, and a buy of nothing", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    const desk = f.deskOf();
    const tx = buy(f, 100n);
    refused(f.world, edit(tx, (d) => moveErg(deskOut(d), walletOut(d, alice), 1n)), [alice]);
    refused(f.world, edit(tx, (d) => rewriteTrade(d, desk, f.account("alice"), 0n, desk.reserveNanoErg + ERG, alice, desk.ledger)), [alice]);
    accepted(f.world, tx, [alice]);
  });

  it("refuses a sell paid one nanoERG more than allowed (twin: the honest payout)", () => {
    const { f, alice } = withUnits();
    const tx = sellToDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 100n }, ctxOf(f, alice));
    accepted(f.world, tx, [alice]);
    refused(f.world, edit(tx, (d) => moveErg(deskOut(d), walletOut(d, alice), 1n)), [alice]);
  });

  it("refuses a sell of more than the seller holds (going into credit for ERG); twin: all it holds", () => {
    const { f, alice } = withUnits();
    const desk = f.deskOf();
    const account = f.account("alice");
    const tx = sellToDesk({ desk: f.deskBox(), account: account.box, units: 100n }, ctxOf(f, alice));
    const sell = (units: bigint) => edit(tx, (d) =>
      rewriteTrade(d, desk, account, -units, desk.reserveNanoErg - sellPayoutNanoErg(desk.terms, units, 1n), alice));
    accepted(f.world, sell(200n), [alice]);
    refused(f.world, sell(201n), [alice]);
    // Paid nothing for the 201st unit: still refused (the seller stays at 0 or above).
    refused(f.world, edit(tx, (d) => rewriteTrade(d, desk, account, -201n, desk.reserveNanoErg - sellPayoutNanoErg(desk.terms, 200n, 1n), alice)), [alice]);
  });

  it("refuses a sell that pays the reserve down to its floor, DESK_FLOOR_FEES storage fees (twin: one nanoERG above it)", () => {
    // Bob holds 400 units alice paid him (she is in credit), more than the reserve can buy back.
    const f = new DeskFixture();
    const alice = f.member("alice");
    const bob = f.member("bob");
    f.world.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 400n }] }, { height: f.world.height }), [alice]);
    f.world.submit(depositToDesk({ desk: f.deskBox(), nanoErg: 2n * ERG }, ctxOf(f, bob)), [bob]);
    const desk = f.deskOf();
    const account = f.account("bob");
    const tx = sellToDesk({ desk: f.deskBox(), account: account.box, units: 10n }, ctxOf(f, bob));
    accepted(f.world, tx, [bob]);
    // The reserve at exactly its storage fee as output 0, with the desk paying the seller less than 400 units are worth.
    const at = (value: bigint) => edit(tx, (d) => rewriteTrade(d, desk, account, -400n, value, bob));
    // The least reserve the script allows: more than DESK_FLOOR_FEES storage fees of the box and 8 bytes.
    const fee = deskFloorOf(deskOut(at(desk.reserveNanoErg)), 0);
    expect(sellPayoutNanoErg(desk.terms, 400n, 1n)).toBeGreaterThan(desk.reserveNanoErg - fee);
    refused(f.world, at(fee), [bob]);
    accepted(f.world, at(fee + 1n), [bob]);
  });
});

describe("desk limits: issue limit, per-member limit, the ledger", () => {
  it("refuses a buy past the issue limit (twin: up to it)", () => {
    const f = new DeskFixture({ terms: { issueLimit: 250n } });
    const alice = f.member("alice");
    const desk = f.deskOf();
    const account = f.account("alice");
    const tx = buy(f, 100n);
    const period = periodAt(desk.terms, BigInt(f.world.height) + 1n);
    const buyOf = (n: bigint) => edit(tx, (d) => rewriteTrade(d, desk, account, n, desk.reserveNanoErg + buyCostNanoErg(desk.terms, n, 1n), alice,
      { period, buyers: [{ accountId: account.accountId, issued: n }] }));
    accepted(f.world, buyOf(250n), [alice]);
    refused(f.world, buyOf(251n), [alice]);
  });

  it("refuses a second buy past the member limit in a period, however the ledger is edited", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    f.world.submit(buy(f, 300n), [alice]);
    const desk = f.deskOf();
    const account = f.account("alice");
    const bob = f.account("bob");
    const period = periodAt(desk.terms, BigInt(f.world.height) + 1n);
    const reserve = (n: bigint) => desk.reserveNanoErg + buyCostNanoErg(desk.terms, n, 1n);
    const tx = buy(f, 10n, "bob");
    // Twin: bob, a new buyer, is appended.
    accepted(f.world, tx, [alice]);
    const entry = { accountId: account.accountId, issued: 300n };
    // bob's buy turned into alice's: her account in bob's place, credited one unit.
    const aliceAgain = (ledger: Desk["ledger"]) => edit(tx, (d) => {
      const box = f.world.box(account.box.boxId);
      d.inputs[1] = { ...box, extension: {} };
      const out = accountOut(d, bob.accountId);
      out.additionalRegisters = { ...box.additionalRegisters };
      out.value = box.value;
      rewriteTrade(d, desk, account, 1n, reserve(1n), alice, ledger);
    });
    for (const ledger of [
      { period, buyers: [{ ...entry, issued: 301n }] }, // honest count: past the limit
      { period, buyers: [{ ...entry, issued: 1n }] }, // her entry reset
      { period: period + 1n, buyers: [{ ...entry, issued: 1n }] }, // a wrong period
      { period, buyers: [{ ...entry, issued: 300n }] }, // unchanged
      { period, buyers: [entry, { accountId: account.accountId, issued: 1n }] }, // her id twice
      { period, buyers: [] },
    ]) refused(f.world, aliceAgain(ledger), [alice]);
    // The same rewrite for a unit she may still buy next period is accepted (the edit itself is sound).
    f.world.mine(100);
    const next = periodAt(desk.terms, BigInt(f.world.height) + 1n);
    accepted(f.world, aliceAgain({ period: next, buyers: [{ ...entry, issued: 1n }] }), [alice]);
  });

  it("refuses a buy that lowers another buyer's count (twin: the count kept)", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    f.world.submit(buy(f, 300n), [alice]);
    const desk = f.deskOf();
    const bob = f.account("bob");
    const tx = buy(f, 10n, "bob");
    accepted(f.world, tx, [alice]);
    const period = desk.ledger.period;
    refused(f.world, edit(tx, (d) => setRegister(deskOut(d), "R9", ledgerConstant({
      period, buyers: [{ accountId: f.account("alice").accountId, issued: 0n }, { accountId: bob.accountId, issued: 10n }],
    }))), [alice]);
  });

  it("refuses two accounts in one trade (twin: each alone)", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    const desk = f.deskOf();
    const a = f.account("alice");
    const b = f.account("bob");
    const tx = buy(f, 100n);
    const both = edit(tx, (d) => {
      const box = f.world.box(b.box.boxId);
      d.inputs.push({ ...box, extension: {} });
      d.outputs.push({ ...accountOut(d, a.accountId), value: box.value, additionalRegisters: { ...box.additionalRegisters, R5: longConstant(10n) } });
      const period = periodAt(desk.terms, BigInt(f.world.height) + 1n);
      rewriteTrade(d, desk, a, 100n, desk.reserveNanoErg + buyCostNanoErg(desk.terms, 110n, 1n), alice,
        { period, buyers: [{ accountId: a.accountId, issued: 100n }] });
      setRegister(deskOut(d), "R5", longConstant(-110n));
      rebalance(d, alice.ergoTree);
    });
    refused(f.world, both, [alice]);
    accepted(f.world, tx, [alice]);
    accepted(f.world, buy(f, 10n, "bob"), [alice]);
  });

  it("refuses a new buyer when the ledger is full at 48 (twin: 47, and a buyer already in it)", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    const live = f.deskOf();
    const account = f.account("alice");
    const period = periodAt(live.terms, BigInt(f.world.height) + 1n);
    const filler = (n: number) => Array.from({ length: n }, (_, i) => ({ accountId: (i + 1).toString(16).padStart(64, "0"), issued: 1n }));
    // A desk reached by 47 or 48 one-unit buys this period (its box as those trades would leave it).
    const deskWith = (buyers: Desk["ledger"]["buyers"]) => f.world.addBox({
      ergoTree: DESK_ERGO_TREE, value: live.reserveNanoErg + 5n * ERG, assets: [{ tokenId: f.communityId, amount: 1n }],
      additionalRegisters: deskRegisters({ ...live, balance: -BigInt(buyers.length), ledger: { period, buyers } }),
    });
    const tryBuy = (desk: ReturnType<typeof deskWith>) => buyFromDesk({ desk, account: account.box, units: 1n }, ctxOf(f, alice));
    accepted(f.world, tryBuy(deskWith(filler(MAX_DESK_LEDGER - 1))), [alice]);
    const full = deskWith(filler(MAX_DESK_LEDGER));
    const withAlice = deskWith([...filler(MAX_DESK_LEDGER - 1), { accountId: account.accountId, issued: 1n }]);
    accepted(f.world, tryBuy(withAlice), [alice]);
    // The builder refuses the 49th buyer; the same edit of the 47-buyer trade, on the full desk.
    const base = tryBuy(deskWith(filler(MAX_DESK_LEDGER - 1)));
    refused(f.world, edit(base, (d) => {
      d.inputs[0] = { ...full, extension: {} };
      setRegister(deskOut(d), "R5", longConstant(-BigInt(MAX_DESK_LEDGER) - 1n));
      setRegister(deskOut(d), "R9", ledgerConstant({ period, buyers: [...filler(MAX_DESK_LEDGER), { accountId: account.accountId, issued: 1n }] }));
    }), [alice]);
  });
});

describe("desk minting and the desk's own box in a trade", () => {
  it("refuses crediting the account more than the desk's balance falls (twin: the honest buy)", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    const a = f.account("alice");
    const tx = buy(f, 100n);
    accepted(f.world, tx, [alice]);
    refused(f.world, edit(tx, (d) => setRegister(accountOut(d, a.accountId), "R5", longConstant(101n))), [alice]);
    refused(f.world, edit(tx, (d) => setRegister(deskOut(d), "R5", longConstant(-99n))), [alice]);
  });

  it("refuses a trade that changes the desk's committee or id, drops its unit or moves it under another script", () => {
    const f = new DeskFixture();
    const alice = f.member("alice");
    const tx = buy(f, 100n);
    accepted(f.world, tx, [alice]);
    const edits: ((d: Tx) => void)[] = [
      (d) => setRegister(deskOut(d), "R6", alice.owner),
      (d) => setRegister(deskOut(d), "R7", bytesConstant("ab".repeat(32))),
      (d) => { const out = deskOut(d); walletOut(d, alice).assets.push(out.assets[0]!); out.assets = []; },
      (d) => { deskOut(d).ergoTree = alice.ergoTree; },
      (d) => { const out = deskOut(d); d.outputs.push({ ...out, value: "1000000", assets: [] }); moveErg(walletOut(d, alice), out, -1_000_000n); },
    ];
    for (const change of edits) refused(f.world, edit(tx, change), [alice]);
  });

  it("refuses a second desk of the community as the counterparty of a sell (twin: an account's sell)", () => {
    const { f, w, alice } = withUnits();
    const desk = f.deskOf();
    const tx = sellToDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 100n }, ctxOf(f, alice));
    accepted(w, tx, [alice]);
    // A second desk holding units (as if members had sold 500 to it) sells 100 of them to the first.
    const other = w.addBox({
      ergoTree: DESK_ERGO_TREE, value: desk.reserveNanoErg, assets: [{ tokenId: f.communityId, amount: 1n }],
      additionalRegisters: deskRegisters({ ...desk, balance: 500n, deskId: "cd".repeat(32) }),
    });
    const attack = edit(tx, (d) => {
      d.inputs[1] = { ...other, extension: {} };
      const a = accountOut(d, f.account("alice").accountId);
      a.ergoTree = DESK_ERGO_TREE;
      a.value = other.value;
      a.additionalRegisters = { ...other.additionalRegisters, R5: longConstant(400n) };
      rebalance(d, alice.ergoTree);
    });
    refused(w, attack, [alice]);
    expect(quoteSell({ desk: f.deskBox(), account: f.account("alice").box, units: 100n }, w.height).nanoErg).toBeGreaterThan(0n);
  });

  it("keeps the books zero-sum after honest trades (sanity for the edits above)", () => {
    const { f, alice } = withUnits();
    f.world.submit(sellToDesk({ desk: f.deskBox(), account: f.account("alice").box, units: 50n }, ctxOf(f, alice)), [alice]);
    expect(f.conservation()).toBe(0n);
    expect(quoteBuy({ desk: f.deskBox(), account: f.account("bob").box, units: 1n }, f.world.height).units).toBe(1n);
    expect(valueOf(deskOut(buy(f, 1n, "bob")))).toBeGreaterThan(f.deskOf().reserveNanoErg);
  });
});
