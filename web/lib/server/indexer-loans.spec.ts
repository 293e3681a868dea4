// The web's indexer client for ERG loans (docs/indexer-api.md, "Loans"): the URLs it asks, money and
// schedule heights decoded to bigint in nested tranches, instalments and events too (null kept),
// and a 404 as IndexerNotFound.
import { describe, expect, it } from "vitest";
import { createIndexerClient, IndexerNotFound } from "./indexer.ts";

const ID = "ab".repeat(32);
const KEY = `08cd02${"11".repeat(32)}`;
const loan = {
  loanId: ID, bank: KEY, business: KEY, investor: null, state: "offered", status: "open", principalNanoErg: "6000000000", totalOwedNanoErg: "6000342465",
  trancheCount: 1, instalmentCount: 1, graceBlocks: "20", firstDueHeight: "1100", lastDueHeight: "1100", drawn: 0, repaidNanoErg: "0", claimedNanoErg: "0",
  dueNowNanoErg: "0", claimableNanoErg: "0", outstandingNanoErg: "6000342465", nextDueHeight: "1100", bondPostedNanoErg: "4945000001", bondNanoErg: "4945000001",
  bondPaidOutNanoErg: "0", bondReturnedNanoErg: null, boxId: ID, valueNanoErg: "1000001", offeredHeight: 1001, offeredTxId: ID, offeredTimestamp: 1, fundedHeight: null,
  endedHeight: null, endedTxId: null, height: 1002,
};
const detail = {
  ...loan,
  tranches: [{ index: 0, amountNanoErg: "6000000000", unlockHeight: "1000000000", drawnHeight: null, drawnTxId: null, milestone: null }],
  instalments: [{ index: 0, amountNanoErg: "6000342465", dueHeight: "1100", graceEndHeight: "1120", paidNanoErg: "0", claimedNanoErg: "0", paidHeight: null, paidTxId: null, status: "open" }],
  events: [{ txId: ID, height: 1001, timestamp: 1, kind: "offer", tranche: null, amountNanoErg: null, bondNanoErg: "4945000001", milestone: null }],
};
const bank = {
  bank: KEY, height: 1002, loansMade: 1, open: 1, funded: 0, active: 0, repaidOnTime: 0, repaidLate: 0, late: 0, defaulted: 0, cancelled: 0, principalLentNanoErg: "0",
  bondPostedNanoErg: "4945000001", bondPaidOutNanoErg: "0", firstOfferedHeight: 1001, lastOfferedHeight: 1001,
};

/** A client over a fake indexer that answers `body` (or a 404) and records the URLs asked. */
function client(body: unknown, status = 200) {
  const asked: string[] = [];
  const fetchFn = (async (url: string) => {
    asked.push(url);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { indexer: createIndexerClient("http://indexer/", fetchFn), asked };
}

describe("the indexer client's loan calls", () => {
  it("asks the loan routes and turns money and schedule heights into bigint", async () => {
    const l = client({ total: 1, limit: 100, offset: 0, items: [loan] });
    expect((await l.indexer.loans({ state: "open", bank: KEY })).items[0]).toMatchObject({ principalNanoErg: 6_000_000_000n, graceBlocks: 20n, nextDueHeight: 1100n, bondReturnedNanoErg: null, drawn: 0 });
    const d = client(detail);
    const one = await d.indexer.loan(ID);
    expect(one.tranches[0]).toMatchObject({ amountNanoErg: 6_000_000_000n, unlockHeight: 1_000_000_000n, drawnHeight: null });
    expect(one.instalments[0]).toMatchObject({ dueHeight: 1100n, graceEndHeight: 1120n, paidNanoErg: 0n, status: "open" });
    expect(one.events[0]).toMatchObject({ kind: "offer", amountNanoErg: null, bondNanoErg: 4_945_000_001n, height: 1001 });
    const b = client(bank);
    expect(await b.indexer.bank(KEY)).toMatchObject({ loansMade: 1, bondPostedNanoErg: 4_945_000_001n, principalLentNanoErg: 0n });
    expect([...l.asked, ...d.asked, ...b.asked]).toEqual([`http://indexer/loans?state=open&bank=${KEY}`, `http://indexer/loans/${ID}`, `http://indexer/banks/${KEY}`]);
  });

  it("refuses a loan whose amount is not decimal text, and answers an unknown loan as IndexerNotFound", async () => {
    await expect(client({ ...detail, principalNanoErg: 6 }).indexer.loan(ID)).rejects.toThrow(/principalNanoErg/);
    const { indexer } = client({ error: 404, reason: "not-found", detail: `no loan ${ID}` }, 404);
    await expect(indexer.loan(ID)).rejects.toBeInstanceOf(IndexerNotFound);
  });
});
