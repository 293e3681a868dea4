// The web's indexer client against a real indexer API (buildIndexerApi over a PGlite database
// synced from an in-process devnet history): every call typed, amounts exact bigints equal to the
// chain, errors mapped by status. Also the account history the explorer derives from the legs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAYMENTS, POLICY, serveHistory, type History } from "../../indexer/api/testing.ts";
import { allPages } from "../../web/lib/server/all-pages.ts";
import { IndexerRequestError, IndexerNotFound, IndexerUnreachable, createIndexerClient, withBigints, type IndexerClient } from "../../web/lib/server/indexer.ts";

let history: History;
let indexer: IndexerClient;
let close: () => Promise<void>;

beforeAll(async () => {
  const served = await serveHistory();
  ({ history, close } = served);
  indexer = createIndexerClient(`${served.indexerUrl}/`);
});
afterAll(() => close?.());

describe("the indexer client", () => {
  it("reads communities with exact bigint amounts equal to the chain", async () => {
    const page = await indexer.communities();
    expect(page).toMatchObject({ total: 2, limit: 100, offset: 0 });
    const community = await indexer.community(history.communityId);
    expect(page.items.find((c) => c.communityId === history.communityId)).toEqual(community);
    const { community: live, accounts } = await history.lets.community(history.communityId);
    expect(community.policy).toEqual({ ...POLICY, economics: null }); // a plain community: no economics levers
    expect(community).toMatchObject({ moneySupply: 42n, creditInUse: 2n, communityBalance: live.communityBalance, treasuryNanoErg: live.treasuryNanoErg, members: accounts.length });
    expect(accounts.reduce((s, a) => s + a.balance, 0n) + community.communityBalance).toBe(0n);
  });

  it("reads accounts sorted, filtered and paged, each as the chain has it", async () => {
    const { accounts } = await history.lets.community(history.communityId);
    const open = await indexer.accounts(history.communityId, { status: "open", sort: "balance", order: "desc" });
    expect(open.items.map((a) => [a.accountId, a.balance])).toEqual(
      accounts.map((a) => [a.accountId, a.balance]).sort((x, y) => (x[1]! > y[1]! ? -1 : x[1]! < y[1]! ? 1 : x[0]! < y[0]! ? -1 : 1)),
    );
    const paged = await indexer.accounts(history.communityId, { limit: 2, offset: 1 });
    expect(paged).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(paged.items).toHaveLength(2);
    const dave = await indexer.account(history.accountIds.dave);
    expect(dave).toMatchObject({ status: "defaulted", balance: -40n, creditLeft: 0n, valueNanoErg: null, pending: [] });
  });

  it("reads payments, stats and the trade network with amounts that add up to the history", async () => {
    const legs = await indexer.payments(history.communityId, { order: "asc" });
    const expected = PAYMENTS.flatMap((p) => p.payees.map(([name, amount]) => [history.accountIds[p.payer], history.accountIds[name], amount]));
    expect(legs.items.map((l) => [l.payer, l.payee, l.amount])).toEqual(expected);
    const stats = await indexer.stats(history.communityId, "week");
    expect(stats.reduce((s, b) => s + b.volume, 0n)).toBe(PAYMENTS.flatMap((p) => p.payees).reduce((s, [, a]) => s + a, 0n));
    expect(stats.at(-1)).toMatchObject({ moneySupply: history.snapshots.at(-1)!.moneySupply, creditInUse: history.snapshots.at(-1)!.creditInUse });
    const edges = await indexer.network(history.communityId);
    expect(edges.reduce((s, e) => s + e.amount, 0n)).toBe(legs.items.reduce((s, l) => s + (l.amount < 0n ? -l.amount : l.amount), 0n));
  });

  it("reads each account's balance history and counterparties, both ending at the indexer's balance", async () => {
    for (const accountId of Object.values(history.accountIds)) {
      const [account, points, counterparties] = await Promise.all([
        indexer.account(accountId),
        allPages((limit, offset) => indexer.balanceHistory(accountId, { limit, offset })),
        indexer.counterparties(accountId, { sort: "net", order: "asc" }),
      ]);
      expect(points.at(-1)?.balance).toBe(account.balance);
      expect(counterparties.items.reduce((s, c) => s + c.net, 0n)).toBe(account.balance);
      expect(counterparties.items.map((c) => c.net)).toEqual([...counterparties.items.map((c) => c.net)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it("reads the balance distribution and a transaction with its balances as bigints", async () => {
    const open = (await indexer.accounts(history.communityId, { status: "open" })).items;
    const d = await indexer.distribution(history.communityId, 5);
    expect(d.members).toBe(open.length);
    expect(d.items.reduce((s, b) => s + b.count, 0)).toBe(open.length);
    expect(d.min).toBe(open.reduce((m, a) => (a.balance < m ? a.balance : m), open[0]!.balance));
    const [leg] = (await indexer.payments(history.communityId, { limit: 1 })).items;
    const tx = await indexer.transaction(leg!.txId);
    expect(tx).toMatchObject({ txId: leg!.txId, kind: "payment", height: leg!.height });
    for (const a of tx.accounts) expect(typeof a.balanceAfter).toBe("bigint");
    const box = await indexer.box(tx.accounts[0]!.boxId!);
    expect(box).toMatchObject({ kind: "account", balance: tx.accounts[0]!.balanceAfter });
    expect(await indexer.transaction("0".repeat(64)).catch((e: unknown) => e)).toBeInstanceOf(IndexerNotFound);
  });

  it("passes CSV through as the indexer writes it", async () => {
    const response = await indexer.raw(`/communities/${history.communityId}/payments`, { format: "csv", limit: 2 });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // The indexer's payment columns, a cross payment's and an economics leg's added at the end (docs/indexer-api.md: columns are added, never moved).
    expect((await response.text()).split("\r\n")[0]).toBe("txId,leg,height,timestamp,communityId,payer,payee,amount,ergNanoErg,memo,requestId,cross,otherCommunityId,debit,received,communityFee,lineIds,hops,payerFee,payerDemurrage,payerAllowanceUsed,payeeFee,payeeDemurrage,payeeAllowanceUsed");
  });

  it("maps an unknown id to IndexerNotFound and a bad parameter to a 400 with the indexer's reason", async () => {
    const unknown = await indexer.community("0".repeat(64)).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(IndexerNotFound);
    expect(unknown).toMatchObject({ status: 404, reason: "not-found" });
    const bad = await indexer.accounts(history.communityId, { limit: 5_000 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(IndexerRequestError);
    expect(bad).not.toBeInstanceOf(IndexerNotFound);
    expect(bad).toMatchObject({ status: 400, reason: "bad.request", detail: expect.stringContaining("limit") });
  });

  it("reports an indexer that does not answer as IndexerUnreachable", async () => {
    const error = await createIndexerClient("http://127.0.0.1:1").status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexerUnreachable);
    expect(error).toMatchObject({ status: 0 });
  });
});

describe("parsing", () => {
  it("turns decimal strings into bigints exactly and refuses anything else", () => {
    expect(withBigints({ a: "-9223372036854775808", b: null, c: "x" }, ["a", "b"])).toEqual({ a: -(2n ** 63n), b: null, c: "x" });
    expect(() => withBigints({ a: "1.5" }, ["a"])).toThrow(SyntaxError);
    expect(() => withBigints({ a: 12 }, ["a"])).toThrow(SyntaxError);
  });
});
