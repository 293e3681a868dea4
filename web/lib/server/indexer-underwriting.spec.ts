// The web's indexer client for underwriting (docs/indexer-api.md, "Underwriting"): the URLs it
// asks, amounts decoded to bigint (nested ones and nulls included), and what the readers make of
// an indexer without underwriting (404: none, not an error page).
import { describe, expect, it } from "vitest";
import { createIndexerClient, IndexerRequestError } from "./indexer.ts";
import { backingOf, communityUnderwritingOf, underwriterStakes, walletBacking } from "./underwriting.ts";

const ID = "ab".repeat(32);
const OTHER = "cd".repeat(32);
const stake = {
  stakeId: ID, communityId: OTHER, accountId: ID, underwriter: `08cd02${"11".repeat(32)}`, raise: "5000", premium: "0", premiumAccountId: null,
  stakeNanoErg: "5000000000", state: "settled", boxId: ID, offeredHeight: 10, offeredTxId: ID, offeredTimestamp: 1, acceptedHeight: 11, acceptedTxId: ID,
  endedHeight: 20, endedTxId: ID, exitKind: "default", lostNanoErg: "2000000000", returnedNanoErg: "3000000000",
};
const backing = {
  accountId: ID, communityId: OTHER, live: true, balance: "-12000", creditLimit: "15000", baseCreditLimit: "10000", backed: "5000", raiseInUse: "2000",
  stakesNanoErg: "5000000000", liveStakes: [{ ...stake, state: "active", lostNanoErg: null, returnedNanoErg: null }], offers: [], pastStakes: [],
};
const community = {
  communityId: OTHER, accounts: 3, backedAccounts: 1, baseCredit: "30000", backedCredit: "5000", raiseInUse: "2000", liveStakes: 1, stakesLockedNanoErg: "5000000000",
  openOffers: 0, offersNanoErg: "0", committeeNanoErg: "2000000000", returnedAtExitsNanoErg: "3000000000",
  defaults: { backed: { count: 1, unitsWrittenOff: "14000", carriedByUnderwriters: "4000", carriedByCommunity: "10000", lostNanoErg: "2000000000" }, unbacked: { count: 0, unitsWrittenOff: "0" } },
  recentDefaults: [{ accountId: ID, height: 20, txId: ID, timestamp: 1, unitsWrittenOff: "14000", backed: "5000", carriedByUnderwriters: "4000", carriedByCommunity: "10000", lostNanoErg: "2000000000", stakes: 1 }],
};

/** A client over a fake indexer that answers each path from `routes` (anything else a 404) and records the URLs asked. */
function client(routes: Record<string, unknown>, status = 200) {
  const asked: string[] = [];
  const fetchFn = (async (url: string) => {
    asked.push(url);
    const path = new URL(url).pathname;
    const body = routes[path];
    if (body === undefined) return new Response(JSON.stringify({ error: 404, reason: "not-found", detail: path }), { status: 404 });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { indexer: createIndexerClient("http://indexer/", fetchFn), asked };
}

describe("the indexer client's underwriting calls", () => {
  it("asks the underwriting routes and turns amounts into bigint, nulls kept", async () => {
    const { indexer, asked } = client({
      "/underwriting": { items: [stake], total: 1, limit: 200, offset: 0 },
      [`/accounts/${ID}/backing`]: backing,
      [`/communities/${OTHER}/underwriting`]: community,
    });
    const stakes = await underwriterStakes(indexer, OTHER, stake.underwriter);
    expect(stakes[0]).toMatchObject({ raise: 5_000n, premium: 0n, premiumAccountId: null, stakeNanoErg: 5_000_000_000n, lostNanoErg: 2_000_000_000n, exitKind: "default" });
    const b = await backingOf(indexer, ID);
    expect(b).toMatchObject({ balance: -12_000n, baseCreditLimit: 10_000n, backed: 5_000n, raiseInUse: 2_000n, live: true });
    expect(b!.liveStakes[0]).toMatchObject({ raise: 5_000n, lostNanoErg: null, state: "active" });
    const c = await communityUnderwritingOf(indexer, OTHER);
    expect(c).toMatchObject({ baseCredit: 30_000n, backedCredit: 5_000n, accounts: 3, defaults: { backed: { count: 1, carriedByUnderwriters: 4_000n }, unbacked: { unitsWrittenOff: 0n } } });
    expect(c!.recentDefaults[0]).toMatchObject({ backed: 5_000n, lostNanoErg: 2_000_000_000n, stakes: 1 });
    expect(asked).toEqual([
      `http://indexer/underwriting?communityId=${OTHER}&underwriter=${stake.underwriter}&limit=200`,
      `http://indexer/accounts/${ID}/backing`,
      `http://indexer/communities/${OTHER}/underwriting`,
    ]);
  });

  it("reads an indexer without underwriting as none: null, an empty list, no wallet backing", async () => {
    const { indexer } = client({});
    expect(await backingOf(indexer, ID)).toBeNull();
    expect(await communityUnderwritingOf(indexer, OTHER)).toBeNull();
    expect(await underwriterStakes(indexer, OTHER, stake.underwriter)).toEqual([]);
    expect(await walletBacking(indexer, [ID])).toEqual({});
  });

  it("lists in the wallet only accounts with backing, offers or past stakes", async () => {
    const bare = { ...backing, accountId: OTHER, backed: "0", raiseInUse: "0", stakesNanoErg: "0", liveStakes: [] };
    const { indexer } = client({ [`/accounts/${ID}/backing`]: backing, [`/accounts/${OTHER}/backing`]: bare });
    expect(Object.keys(await walletBacking(indexer, [ID, OTHER]))).toEqual([ID]);
  });

  it("refuses an amount that is not decimal text", async () => {
    const { indexer } = client({ [`/accounts/${ID}/backing`]: { ...backing, backed: 5000 } });
    await expect(backingOf(indexer, ID)).rejects.toBeInstanceOf(IndexerRequestError);
  });
});
