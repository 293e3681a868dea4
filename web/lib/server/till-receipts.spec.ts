import { describe, expect, it } from "vitest";
import { paymentExtension } from "$contracts/notes.ts";
import { bytesConstant } from "$contracts/registers.ts";
import { ACCOUNT_ERGO_TREE } from "$contracts/scripts.ts";
import { csvText } from "./csv-tables.ts";
import type { PaymentLeg } from "./indexer-types.ts";
import { confirmedReceipt, dayStart, pendingReceipt, receiptColumns, type Receipt } from "./till-receipts.ts";

const SHOP = "aa".repeat(32);
const PAYER = "bb".repeat(32);
const TX = "cc".repeat(32);
const REQUEST = "0f".repeat(16);
const accountOutput = (accountId: string) => ({ ergoTree: ACCOUNT_ERGO_TREE, additionalRegisters: { R7: bytesConstant(accountId) } });
/** Any box that is no account (a fee box, a wallet's change). */
const feeOutput = { ergoTree: "0008cd" + "02".repeat(33), additionalRegisters: {} };
const change = { txId: TX, kind: "payment" as const, balanceChange: 425n, boxId: "dd".repeat(32) };

describe("dayStart", () => {
  it("is the first ms of a UTC day, and undefined for anything that is not one or is before 1970", () => {
    expect(dayStart("2026-12-03")).toBe(Date.UTC(2026, 11, 3));
    for (const bad of ["2026-13-01", "2026-02-30", "2026-12-3", "today", "2026-12-03T00:00:00Z", "1969-12-31", "0000-01-01"]) expect(dayStart(bad)).toBeUndefined();
  });
});

describe("pendingReceipt", () => {
  it("names the payer from the other account box the transaction leaves, and the memo and request id from the signed input", () => {
    const tx = { inputs: [{ spendingProof: { extension: paymentExtension("3 apples", REQUEST) } }, { spendingProof: { extension: {} } }], outputs: [accountOutput(PAYER), accountOutput(SHOP), feeOutput] };
    expect(pendingReceipt(change, SHOP, tx)).toEqual({ txId: TX, status: "pending", height: null, timestamp: null, amount: 425n, payer: PAYER, memo: "3 apples", requestId: REQUEST });
  });

  it("names no payer when the transaction left the mempool while it was read, or when more than one other account is in it", () => {
    expect(pendingReceipt(change, SHOP, undefined)).toMatchObject({ payer: null, memo: null, requestId: null, amount: 425n });
    const two = { inputs: [], outputs: [accountOutput(PAYER), accountOutput("ee".repeat(32)), accountOutput(SHOP)] };
    expect(pendingReceipt(change, SHOP, two).payer).toBeNull();
  });
});

describe("receiptColumns", () => {
  it("writes the page's values first (time, status, amount in units, payer's name, memo), then the raw ones", () => {
    const leg = { txId: TX, leg: 0, height: 7, timestamp: Date.UTC(2026, 11, 3, 14, 5), communityId: "11".repeat(32), payer: PAYER, payee: SHOP, amount: 425n, memo: 'a "quoted", memo', requestId: REQUEST } as PaymentLeg;
    const rows: Receipt[] = [pendingReceipt(change, SHOP, undefined), confirmedReceipt(leg)];
    const text = csvText(receiptColumns({ decimals: 2, network: "devnet", names: new Map([[PAYER, "Ann"]]) }), rows);
    expect(text.split("\r\n")).toEqual([
      "time,status,amount,payerName,memo,txId,height,timestamp,amountUnits,decimals,payer,requestId",
      `,pending,4.25,,,${TX},,,425,2,,`,
      `2026-12-03 14:05 UTC,confirmed,4.25,Ann,"a ""quoted"", memo",${TX},7,${Date.UTC(2026, 11, 3, 14, 5)},425,2,${PAYER},${REQUEST}`,
      "",
    ]);
  });
});
