// Payments, stats and the payment network over a synced devnet history on every backend, checked
// against the list of payments that built the chain (PAYMENTS) and the totals read from the chain
// after each day; then every list as CSV, parsed back and compared with its JSON rows.
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../db/testing.ts";
import type { Column } from "./csv.ts";
import { ACCOUNT_COLUMNS } from "./routes/accounts.ts";
import { COMMUNITY_COLUMNS } from "./routes/communities.ts";
import { EDGE_COLUMNS } from "./routes/network.ts";
import { PAYMENT_COLUMNS } from "./routes/payments.ts";
import { STATS_COLUMNS } from "./routes/stats.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOverHistory, historyForThisFile, bucketStart, DAY_MS, MEMBERS, PAYMENTS } from "./testing.ts";
import { csvRows } from "../../util/csv.ts";

const history = historyForThisFile();

interface Leg {
  height: number;
  payer: string;
  payee: string;
  amount: string;
}

describe.each(BACKENDS)("payments, stats and network on $name", ({ open }) => {
  let api: ApiClient;
  let A = "";
  let legs: Leg[] = [];

  beforeAll(async () => {
    const served = await apiOverHistory(open, history);
    api = served.api;
    A = history.communityId;
    const id = history.accountIds;
    legs = PAYMENTS.flatMap((p, i) => p.payees.map(([name, amount]) => ({ height: history.paymentHeights[i]!, payer: id[p.payer], payee: id[name], amount: amount.toString() })));
    return served.close;
  });

  const legsOf = (items: Leg[]) => items.map(({ height, payer, payee, amount }) => ({ height, payer, payee, amount }));
  const byHeight = (a: Leg, b: Leg) => a.height - b.height || Number(a.amount) - Number(b.amount);

  it("lists a community's payments leg by leg, newest first, paged", async () => {
    const page = (await api.get(`/communities/${A}/payments`)).body;
    expect(page).toMatchObject({ total: legs.length, limit: 100, offset: 0 });
    expect(legsOf(page.items).sort(byHeight)).toEqual([...legs].sort(byHeight));
    const heights = page.items.map((p: Leg) => p.height);
    expect(heights).toEqual([...heights].sort((a, b) => b - a));
    const split = page.items.filter((p: { txId: string }) => p.txId === page.items.find((q: Leg) => q.height === history.paymentHeights[2]).txId);
    expect(split.map((p: { leg: number; amount: string }) => [p.leg, p.amount])).toEqual([[1, "7"], [0, "5"]]);
    const ascending = (await api.get(`/communities/${A}/payments?order=asc`)).body.items;
    expect(ascending).toEqual([...page.items].reverse());
    expect((await api.get(`/communities/${A}/payments?order=asc&limit=2&offset=1`)).body.items).toEqual(ascending.slice(1, 3));
    for (const p of page.items) expect(p.communityId).toBe(A);
  });

  it("filters payments by height and by block time", async () => {
    const h = history.paymentHeights;
    const inHeights = (await api.get(`/communities/${A}/payments?fromHeight=${h[2]}&toHeight=${h[3]}`)).body;
    expect(legsOf(inHeights.items).sort(byHeight)).toEqual(legs.filter((l) => l.height >= h[2]! && l.height <= h[3]!).sort(byHeight));
    expect(inHeights.total).toBe(3);
    const day8 = history.start + 8 * DAY_MS;
    const inTime = (await api.get(`/communities/${A}/payments?fromTime=${day8 - 10 * 3_600_000}&toTime=${day8 + 13 * 3_600_000}`)).body;
    expect(legsOf(inTime.items).sort(byHeight)).toEqual(legsOf(inHeights.items).sort(byHeight));
    for (const p of inTime.items) expect(p.timestamp - day8).toBeLessThan(60_000);
    expect((await api.get(`/communities/${A}/payments?fromHeight=${h[4]! + 1}`)).body).toMatchObject({ total: 0, items: [] });
    const reversed = await api.get(`/communities/${A}/payments?fromTime=5&toTime=4`);
    expect(reversed.body).toEqual({ error: 400, reason: "bad.request", detail: "fromTime must not exceed toTime" });
  });

  it("lists what an account paid and received", async () => {
    const carol = history.accountIds.carol;
    const page = (await api.get(`/accounts/${carol}/payments?order=asc`)).body;
    expect(legsOf(page.items)).toEqual(legs.filter((l) => l.payer === carol || l.payee === carol).sort(byHeight));
    expect(page.total).toBe(3);
    expect((await api.get(`/accounts/${history.accountIds.erin}/payments`)).body).toMatchObject({ total: 0, items: [] });
    expect((await api.get(`/accounts/${"0".repeat(64)}/payments`)).status).toBe(404);
  });

  it.each(["day", "week", "month"] as const)("gives per-%s stats from creation to the tip, money supply exact at each bucket's end", async (interval) => {
    const { body } = await api.get(`/communities/${A}/stats?interval=${interval}`);
    expect(body).toMatchObject({ communityId: A, interval });
    const first = bucketStart(history.start, interval);
    const last = bucketStart(history.start + 40 * DAY_MS, interval);
    const starts = body.items.map((b: { start: number }) => b.start);
    expect(starts[0]).toBe(first);
    expect(starts.at(-1)).toBe(last);
    for (const [i, bucket] of body.items.entries()) {
      expect(bucketStart(bucket.start, interval)).toBe(bucket.start);
      if (i > 0) expect(bucket.start).toBe(body.items[i - 1].end);
      const inBucket = PAYMENTS.filter((p) => bucketStart(history.start + p.day * DAY_MS, interval) === bucket.start);
      const active = new Set(inBucket.flatMap((p) => [p.payer, ...p.payees.map(([n]) => n)]));
      const snapshot = history.snapshots.filter((s) => bucketStart(s.time, interval) <= bucket.start).at(-1)!;
      expect(bucket).toEqual({
        start: bucket.start,
        end: bucket.end,
        payments: inBucket.length,
        volume: inBucket.flatMap((p) => p.payees.map(([, a]) => a)).reduce((s, a) => s + a, 0n).toString(),
        activeMembers: active.size,
        newMembers: bucket.start === first ? Object.keys(MEMBERS).length : 0,
        moneySupply: snapshot.moneySupply.toString(),
        creditInUse: snapshot.creditInUse.toString(),
      });
    }
    if (interval === "day") expect(body.items).toHaveLength(41);
    expect(body.items.at(-1)).toMatchObject({ moneySupply: "42", creditInUse: "2" });
  });

  it("gives the payment network as an edge list, over a range", async () => {
    const id = history.accountIds;
    const edges = (await api.get(`/communities/${A}/network`)).body;
    const edge = (source: string, target: string, amount: string) => ({ source, target, amount, count: 1 });
    const expected = [
      edge(id.alice, id.bob, "30"), edge(id.bob, id.carol, "10"), edge(id.carol, id.alice, "5"),
      edge(id.carol, id.bob, "7"), edge(id.dave, id.alice, "40"), edge(id.bob, id.alice, "1"),
    ];
    const order = (a: { source: string; target: string }, b: typeof a) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target);
    expect(edges).toEqual({ communityId: A, items: expected.sort(order) });
    const late = (await api.get(`/communities/${A}/network?fromHeight=${history.paymentHeights[3]}`)).body.items;
    expect(late).toEqual([edge(id.bob, id.alice, "1"), edge(id.dave, id.alice, "40")].sort(order));
  });

  const lists: [string, () => string, Column<never>[], string][] = [
    ["communities", () => "/communities", COMMUNITY_COLUMNS as Column<never>[],
      "communityId,name,symbol,description,decimals,creditLimit,positiveCap,joinFeeNanoErg,collateralNanoErg,maxMembers,inactivityBlocks,committee,members,membersJoined,seatsLeft,communityBalance,moneySupply,creditInUse,treasuryNanoErg,createdHeight,genesisTxId,boxId,metadataProblem,compromises,imbalance,dormantFromHeight,boxSpentHeight,demurragePpm,demurragePeriod,feeBps,feeMin,turnoverPpm,stepUnits,stepBlocks,maxCreditLimit,newcomerBlocks,allowance,sweepMin,fees,demurrage,swept,collectedAtExit,outstanding,allowanceIssued,allowanceSpent,allowanceReturned,allowanceOutstanding"],
    ["accounts", () => `/communities/${A}/accounts?sort=balance`, ACCOUNT_COLUMNS as Column<never>[],
      "accountId,communityId,owner,status,balance,creditLimit,positiveCap,creditLeft,collateralNanoErg,inactivityBlocks,joinedHeight,lastActiveHeight,valueNanoErg,boxId,closedHeight,dormantFromHeight,name,about,link,accrued,chargedHeight,received,allowance,carry,worth,demurrageDue,newcomerUntilHeight,earnedCreditLimit,earnedCreditLimitFromTurnover,earnedCreditLimitFromSteps,earnedCreditLimitSteps,earnedCreditLimitCapped,earnedCreditLimitHeight,demurragePpm,demurragePeriod,feeBps,feeMin,turnoverPpm,stepUnits,stepBlocks,maxCreditLimit,newcomerBlocks,nextSeq,pendingIn,pendingOut"],
    ["accounts by owner", () => `/accounts/by-owner/${MEMBERS.alice.address}`, ACCOUNT_COLUMNS as Column<never>[], ""],
    ["community payments", () => `/communities/${A}/payments?limit=4`, PAYMENT_COLUMNS as Column<never>[], "txId,leg,height,timestamp,communityId,payer,payee,amount,ergNanoErg,memo,requestId,cross,otherCommunityId,debit,received,communityFee,lineIds,hops,payerFee,payerDemurrage,payerAllowanceUsed,payeeFee,payeeDemurrage,payeeAllowanceUsed"],
    ["account payments", () => `/accounts/${history.accountIds.bob}/payments`, PAYMENT_COLUMNS as Column<never>[], ""],
    ["stats", () => `/communities/${A}/stats?interval=week`, STATS_COLUMNS as Column<never>[], "start,end,payments,volume,activeMembers,newMembers,moneySupply,creditInUse"],
    ["network", () => `/communities/${A}/network`, EDGE_COLUMNS as Column<never>[], "source,target,amount,count"],
  ];

  it.each(lists)("answers %s as CSV with the documented columns, row for row the JSON", async (_what, url, columns, header) => {
    const json = (await api.get(url())).body;
    const csv = await api.get(`${url()}${url().includes("?") ? "&" : "?"}format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    const [head, ...rows] = csvRows(csv.text, { crlf: true });
    if (header) expect(head!.join(",")).toBe(header);
    expect(head).toEqual(columns.map((c) => c.name));
    expect(rows.length).toBeGreaterThan(0);
    const cell = (value: unknown) => (value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));
    expect(rows).toEqual(json.items.map((item: never) => columns.map((c) => cell(c.get(item)))));
    const template = Object.entries(api.docs.paths).find(([path]) => new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(url().split("?")[0]!));
    const documented = JSON.stringify(template?.[1].get?.responses["200"]);
    expect(documented).toContain(`CSV with the columns ${head!.join(",")}`);
  });

  it("quotes CSV fields with commas, quotes and line breaks", async () => {
    const csv = await api.get(`/communities?format=csv`);
    expect(csv.text).toContain('"Second, ""quoted""\nline"');
    expect(csvRows(csv.text, { crlf: true }).map((row) => row[1])).toContain('Second, "quoted"\nline');
  });
});
