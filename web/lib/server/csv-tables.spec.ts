import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount } from "$contracts/amounts.ts";
import { csvRecords } from "../../../util/csv.ts";
import { devAccount } from "$ergo/keys.ts";
import { counterpartyColumns, csvText, edgeColumns, memberColumns, paymentColumns, statsColumns } from "./csv-tables.ts";
import type { Account, Counterparty, PaymentLeg, StatsBucket } from "./indexer-types.ts";

/** Reads the CSV back as the download is written: RFC 4180 with CRLF rows. */
const parse = (text: string) => csvRecords(text, { crlf: true });

const alice = devAccount(1);
const NO_NAMES = new Map<string, string>();
const committeeTree = "1002" + "cd".repeat(30);
const account = (over: Partial<Account> = {}): Account => ({
  accountId: "a1".repeat(32), communityId: "c1".repeat(32), owner: `08cd${alice.publicKey}`, status: "open", balance: -1250n, creditLimit: 50_000n,
  positiveCap: 0n, creditLeft: 48_750n, collateralNanoErg: 1_000_000_000n, inactivityBlocks: 720n, joinedHeight: 3, lastActiveHeight: 7,
  valueNanoErg: 1_001_000_000n, boxId: "b1".repeat(32), closedHeight: null, dormantFromHeight: 788_410, ...over,
}) as Account;

describe("the explorer's CSV", () => {
  it("writes owners as the page does (the address) and keeps the ErgoTree hex beside it", () => {
    const [row] = parse(csvText(memberColumns({ decimals: 2, network: "devnet", names: NO_NAMES }), [account()]));
    expect(row).toMatchObject({ owner: alice.address, ownerTree: `08cd${alice.publicKey}`, status: "open", decimals: "2" });
    // A committee-owned account has no address: its tree hex, as the page shows it.
    const [committee] = parse(csvText(memberColumns({ decimals: 2, network: "devnet", names: NO_NAMES }), [account({ owner: committeeTree })]));
    expect(committee).toMatchObject({ owner: committeeTree, ownerTree: committeeTree });
  });

  it("writes amounts as exact decimal strings in the community's units, with the base-unit integer beside each", () => {
    const [row] = parse(csvText(memberColumns({ decimals: 2, network: "devnet", names: NO_NAMES }), [account()]));
    expect(row).toMatchObject({
      balance: "-12.50", balanceUnits: "-1250", creditLeft: "487.50", creditLeftUnits: "48750", creditLimit: "500.00", creditLimitUnits: "50000",
      positiveCap: "0.00", joinedHeight: "3", lastActiveHeight: "7", closedHeight: "",
    });
    const huge = account({ balance: 9_223_372_036_854_775_807n });
    expect(parse(csvText(memberColumns({ decimals: 18, network: "devnet", names: NO_NAMES }), [huge]))[0]).toMatchObject({
      balance: "9.223372036854775807", balanceUnits: "9223372036854775807",
    });
  });

  it("round-trips any amount exactly at any decimals (property)", () => {
    const long = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    fc.assert(
      fc.property(long, fc.integer({ min: 0, max: 18 }), (units, decimals) => {
        const leg = { txId: "t".repeat(64), leg: 0, height: 5, timestamp: 1_798_884_000_013, communityId: "c", payer: "p", payee: "q", amount: units } as PaymentLeg;
        const [row] = parse(csvText(paymentColumns({ decimals, network: "devnet", names: NO_NAMES }), [leg]));
        expect(row!.amount).toBe(formatAmount(units, decimals));
        expect(BigInt(row!.amountUnits!)).toBe(units);
        const [whole, fraction = ""] = row!.amount!.replace("-", "").split(".");
        expect(fraction.length).toBe(decimals);
        expect(BigInt(`${units < 0n ? "-" : ""}${whole}${fraction}`)).toBe(units);
      }),
    );
  });

  it("writes payment times as the page does, with the block time in ms for scripts", () => {
    const leg = { txId: "ab".repeat(32), leg: 1, height: 23, timestamp: 1_798_884_000_013, communityId: "c1".repeat(32), payer: "p1", payee: "p2", amount: 40n } as PaymentLeg;
    const text = csvText(paymentColumns({ decimals: 0, network: "devnet", names: NO_NAMES }), [leg]);
    expect(text.split("\r\n")[0]).toBe(
      "txId,leg,height,time,payer,payee,amount,amountUnits,timestamp,decimals,communityId,payerName,payeeName,memo,requestId,"
      + "cross,otherCommunityId,otherCommunity,otherDecimals,debit,debitUnits,received,receivedUnits,communityFee,communityFeeUnits,lineIds,hops",
    );
    expect(parse(text)[0]).toMatchObject({ time: "2027-01-02 10:00 UTC", timestamp: "1798884000013", amount: "40", amountUnits: "40", decimals: "0" });
  });

  it("covers counterparties, the charts' series and the network the same way", () => {
    const cp = { accountId: "a2".repeat(32), owner: `08cd${alice.publicKey}`, paid: 5n, received: 1250n, net: 1245n, payments: 2, lastHeight: 9 } as Counterparty;
    expect(parse(csvText(counterpartyColumns({ decimals: 2, network: "devnet", names: NO_NAMES }), [cp]))[0]).toMatchObject({
      owner: alice.address, paid: "0.05", paidUnits: "5", received: "12.50", net: "12.45", netUnits: "1245", payments: "2",
    });
    const bucket = { start: Date.UTC(2026, 11, 2), end: Date.UTC(2026, 11, 3), payments: 3, volume: 15_927n, activeMembers: 4, newMembers: 4, moneySupply: 12_345n, creditInUse: 12_345n } as StatsBucket;
    expect(parse(csvText(statsColumns({ decimals: 2, network: "devnet", names: NO_NAMES }), [bucket]))[0]).toMatchObject({
      start: "2026-12-02", end: "2026-12-03", volume: "159.27", volumeUnits: "15927", moneySupply: "123.45", startMs: String(bucket.start),
    });
    expect(parse(csvText(edgeColumns({ decimals: 1, network: "devnet", names: NO_NAMES }), [{ source: "s", target: "t", amount: 15n, count: 2 }]))[0]).toEqual({
      source: "s", target: "t", amount: "1.5", amountUnits: "15", count: "2", decimals: "1", sourceName: "", targetName: "",
    });
  });

  it("adds names, profiles and memos at the end, so the older columns keep their places", () => {
    const names = new Map([["p1", "Bob"], ["p2", 'Ann, "the baker"']]);
    const leg = { txId: "ab".repeat(32), leg: 0, height: 23, timestamp: 0, communityId: "c", payer: "p1", payee: "p2", amount: 40n, memo: "two loaves, one cake", requestId: "0f".repeat(16) } as PaymentLeg;
    const payments = parse(csvText(paymentColumns({ decimals: 0, network: "devnet", names }), [leg, { ...leg, payer: "p3", memo: null, requestId: null }]));
    expect(payments[0]).toMatchObject({ payer: "p1", payerName: "Bob", payeeName: 'Ann, "the baker"', memo: "two loaves, one cake", requestId: "0f".repeat(16) });
    expect(payments[1]).toMatchObject({ payer: "p3", payerName: "", memo: "", requestId: "" });

    const members = csvText(memberColumns({ decimals: 2, network: "devnet", names: NO_NAMES }), [account({ name: "Bob", about: "Bread\nand cakes", link: "https://bob.example" }), account()]);
    expect(members.split("\r\n")[0]).toMatch(/,decimals,communityId,name,about,link$/);
    expect(parse(members)).toMatchObject([{ name: "Bob", about: "Bread\nand cakes", link: "https://bob.example" }, { name: "", about: "", link: "" }]);

    const cp = { accountId: "p2", owner: `08cd${alice.publicKey}`, paid: 5n, received: 0n, net: -5n, payments: 1, lastHeight: 9 } as Counterparty;
    expect(csvText(counterpartyColumns({ decimals: 2, network: "devnet", names }), [cp]).split("\r\n")[0]).toMatch(/,decimals,name$/);
    expect(parse(csvText(counterpartyColumns({ decimals: 2, network: "devnet", names }), [cp]))[0]).toMatchObject({ accountId: "p2", name: 'Ann, "the baker"' });
    expect(parse(csvText(edgeColumns({ decimals: 0, network: "devnet", names }), [{ source: "p1", target: "p9", amount: 1n, count: 1 }]))[0]).toMatchObject({ sourceName: "Bob", targetName: "" });
  });

  it("writes a cross payment's columns at the end, each amount in its community's units, and leaves them empty on a local leg", () => {
    const A = "a0".repeat(32), B = "b0".repeat(32), line = "11".repeat(32);
    const hop = { lineId: line, shard: 1, fromCommunityId: A, toCommunityId: B, sent: 5000n, senderFee: 50n, converted: 75n, receiverFee: 1n, delivered: 74n };
    const cross = { payerCommunityId: A, payeeCommunityId: B, debit: 5050n, received: 74n, lineIds: [line], hops: [hop] };
    const base = { txId: "ab".repeat(32), leg: 0, height: 23, timestamp: 0, payer: "p1", payee: "p2", memo: null, requestId: null };
    const payerRow = { ...base, communityId: A, amount: 5050n, cross: { ...cross, side: "payer", otherCommunityId: B } } as PaymentLeg;
    const payeeRow = { ...base, communityId: B, amount: 74n, cross: { ...cross, side: "payee", otherCommunityId: A } } as PaymentLeg;
    const local = { ...base, communityId: A, amount: 7n } as PaymentLeg;
    const units = (communityId: string, name: string, decimals: number) => ({ communityId, name, symbol: name.slice(0, 3).toUpperCase(), decimals, committee: "" });

    // In A (2 decimals), B known (0 decimals): the debit and A's fee in A's units, what B's member received in B's.
    const inA = parse(csvText(paymentColumns({ decimals: 2, network: "devnet", names: NO_NAMES, communities: { [B]: units(B, "Otago Dollars", 0) } }), [payerRow, local]));
    expect(inA[0]).toMatchObject({
      amount: "50.50", cross: "payer", otherCommunityId: B, otherCommunity: "Otago Dollars", otherDecimals: "0", debit: "50.50", debitUnits: "5050",
      received: "74", receivedUnits: "74", communityFee: "0.50", communityFeeUnits: "50", lineIds: line,
    });
    // The hops as the indexer's CSV writes them: JSON, amounts as decimal text of base units.
    expect(JSON.parse(inA[0]!.hops!)).toEqual([{ ...hop, sent: "5000", senderFee: "50", converted: "75", receiverFee: "1", delivered: "74" }]);
    const crossNames = ["cross", "otherCommunityId", "otherCommunity", "otherDecimals", "debit", "debitUnits", "received", "receivedUnits", "communityFee", "communityFeeUnits", "lineIds", "hops"];
    expect(crossNames.map((name) => inA[1]![name])).toEqual(crossNames.map(() => ""));

    // In B (0 decimals), A not read: A's amount only in base units; B's fee is the last hop's receiver fee.
    const [inB] = parse(csvText(paymentColumns({ decimals: 0, network: "devnet", names: NO_NAMES }), [payeeRow]));
    expect(inB).toMatchObject({
      cross: "payee", otherCommunityId: A, otherCommunity: "", otherDecimals: "", debit: "", debitUnits: "5050", received: "74", receivedUnits: "74",
      communityFee: "1", communityFeeUnits: "1",
    });
  });

  it("quotes fields with commas, quotes and line ends (RFC 4180, CRLF)", () => {
    const text = csvText([{ name: "note", value: (r: string) => r }], ['a,b', 'say "hi"', "two\r\nlines", ""]);
    expect(text).toBe('note\r\n"a,b"\r\n"say ""hi"""\r\n"two\r\nlines"\r\n\r\n');
  });
});
