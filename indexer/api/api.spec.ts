// The API over a synced devnet history, on every backend: communities, accounts, by-owner, status
// and /docs, each value checked against the chain itself (LetsOverHttp decodes the live boxes), and
// every JSON answer against the OpenAPI document the app serves.
import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../contracts/account/account.ts";
import { dormantFrom } from "../../contracts/storage-rent.ts";
import { ownerOf } from "../../client/lets-over-http.ts";
import { BACKENDS, type TestDatabase } from "../db/testing.ts";
import { silentLogger } from "../log.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { startSync } from "../sync/loop.ts";
import { buildIndexerApi } from "./app.ts";
import { apiClient, type ApiClient } from "./test-client.ts";
import { apiOverHistory, historyForThisFile, FOUNDER, MEMBERS, OTHER_METADATA, POLICY } from "./testing.ts";
import { until } from "../../util/until.ts";

const history = historyForThisFile();

const str = (policy: object) => Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, String(v)]));

describe.each(BACKENDS)("the indexer API on $name", ({ open }) => {
  let database: TestDatabase;
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOverHistory(open, history, { nodeUrl: history.url });
    ({ database, api } = served);
    return served.close;
  });

  it("lists the communities, oldest first, paged", async () => {
    const all = await api.get("/communities");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, limit: 100, offset: 0 });
    expect(all.body.items.map((c: { communityId: string }) => c.communityId).sort()).toEqual([history.communityId, history.otherCommunityId].sort());
    const second = await api.get("/communities?limit=1&offset=1");
    expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(second.body.items).toEqual([all.body.items[1]]);
    expect((await api.get("/communities?offset=5")).body.items).toEqual([]);
  });

  it("shows a community as its live box says, with totals over its accounts", async () => {
    const { community, accounts } = await history.lets.community(history.communityId);
    const reply = await api.get(`/communities/${history.communityId.toUpperCase()}`);
    expect(reply.status).toBe(200);
    const balances = accounts.map((a) => a.balance);
    expect(reply.body).toEqual({
      communityId: history.communityId,
      genesisTxId: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdHeight: expect.any(Number),
      boxId: community.boxId,
      committee: ownerOf(FOUNDER),
      metadata: community.metadata,
      policy: { ...str({ ...POLICY }), economics: null },
      members: 3,
      membersJoined: "5",
      seatsLeft: community.seatsLeft.toString(),
      communityBalance: community.communityBalance.toString(),
      moneySupply: balances.filter((b) => b > 0n).reduce((s, b) => s + b, 0n).toString(),
      creditInUse: (-balances.filter((b) => b < 0n).reduce((s, b) => s + b, 0n)).toString(),
      treasuryNanoErg: community.treasuryNanoErg.toString(),
      metadataProblem: null,
      compromises: 0,
      imbalance: "0",
      dormantFromHeight: dormantFrom(community.creationHeight),
      boxSpentHeight: null,
      economics: null,
    });
    expect(reply.body).toMatchObject({ moneySupply: "42", creditInUse: "2", communityBalance: "-40" });
    const sum = balances.reduce((s, b) => s + b, 0n) + BigInt(reply.body.communityBalance);
    expect(sum).toBe(0n);
    const other = await api.get(`/communities/${history.otherCommunityId}`);
    expect(other.body).toMatchObject({ metadata: OTHER_METADATA, members: 2, committee: ownerOf(MEMBERS.bob), moneySupply: "3", creditInUse: "3" });
  });

  const expectAccount = (view: Record<string, unknown>, chain: Account) =>
    expect(view).toEqual({
      accountId: chain.accountId,
      communityId: chain.communityId,
      owner: chain.owner,
      status: "open",
      balance: chain.balance.toString(),
      creditLimit: chain.terms.creditLimit.toString(),
      positiveCap: chain.terms.positiveCap.toString(),
      creditLeft: (chain.balance + chain.terms.creditLimit).toString(),
      collateralNanoErg: chain.terms.collateralNanoErg.toString(),
      inactivityBlocks: chain.terms.inactivityBlocks.toString(),
      joinedHeight: Number(chain.terms.joinedHeight),
      lastActiveHeight: Number(chain.lastActiveHeight),
      nextSeq: String(chain.nextSeq),
      pendingIn: "0", pendingOut: "0", // no payment order posted here
      valueNanoErg: chain.valueNanoErg.toString(),
      boxId: chain.boxId,
      closedHeight: null,
      dormantFromHeight: dormantFrom(chain.creationHeight),
      name: null, about: null, link: null,
      economics: null,
    });

  it("shows every open account as its live box says, with credit left and nothing pending (pendingBalance = balance)", async () => {
    const { accounts } = await history.lets.community(history.communityId);
    expect(accounts).toHaveLength(3);
    for (const account of accounts) {
      const reply = await api.get(`/accounts/${account.accountId}`);
      expect(reply.status).toBe(200);
      const { pending, pendingBalance, ...view } = reply.body;
      expect(pending).toEqual([]);
      expect(pendingBalance).toBe(view.balance);
      expectAccount(view, account);
    }
  });

  it("shows closed accounts: left at 0, defaulted with the debt it left", async () => {
    const left = (await api.get(`/accounts/${history.accountIds.erin}`)).body;
    expect(left).toMatchObject({ status: "left", balance: "0", creditLeft: "0", nextSeq: "0", valueNanoErg: null, boxId: null, owner: ownerOf(MEMBERS.erin), pending: [] });
    expect(left.closedHeight).toBeGreaterThan(left.joinedHeight);
    const defaulted = (await api.get(`/accounts/${history.accountIds.dave}`)).body;
    expect(defaulted).toMatchObject({ status: "defaulted", balance: "-40", creditLeft: "0", creditLimit: "1000", boxId: null });
    expect(defaulted.closedHeight).toBeGreaterThanOrEqual(defaulted.lastActiveHeight + Number(POLICY.inactivityBlocks));
  });

  it("lists a community's accounts: all statuses, filtered, sorted either way, paged", async () => {
    const { accounts } = await history.lets.community(history.communityId);
    const all = (await api.get(`/communities/${history.communityId}/accounts`)).body;
    expect(all.total).toBe(5);
    const statusOf = Object.fromEntries(all.items.map((a: { accountId: string; status: string }) => [a.accountId, a.status]));
    const ids = history.accountIds;
    expect(statusOf).toEqual({ [ids.alice]: "open", [ids.bob]: "open", [ids.carol]: "open", [ids.dave]: "defaulted", [ids.erin]: "left" });
    const open = (await api.get(`/communities/${history.communityId}/accounts?status=open`)).body;
    expect(open.total).toBe(3);
    for (const view of open.items) expectAccount(view, accounts.find((a) => a.accountId === view.accountId)!);
    expect((await api.get(`/communities/${history.communityId}/accounts?status=defaulted`)).body.items.map((a: { accountId: string }) => a.accountId)).toEqual([ids.dave]);

    const balances = (query: string) =>
      api.get(`/communities/${history.communityId}/accounts?${query}`).then((r) => r.body.items.map((a: { balance: string }) => BigInt(a.balance)));
    expect(await balances("sort=balance")).toEqual([-40n, -2n, 0n, 16n, 26n]);
    expect(await balances("sort=balance&order=desc")).toEqual([26n, 16n, 0n, -2n, -40n]);
    expect(await balances("sort=balance&order=desc&limit=2&offset=1")).toEqual([16n, 0n]);
    for (const sort of ["joinedHeight", "lastActiveHeight"]) {
      for (const order of ["asc", "desc"]) {
        const items = (await api.get(`/communities/${history.communityId}/accounts?sort=${sort}&order=${order}`)).body.items;
        const keys = items.map((a: Record<string, number>) => a[sort]);
        const sorted = [...keys].sort((a, b) => (order === "asc" ? a - b : b - a));
        expect(keys).toEqual(sorted);
      }
    }
  });

  it("finds every account of an owner by P2PK address, closed ones included", async () => {
    const alice = (await api.get(`/accounts/by-owner/${MEMBERS.alice.address}`)).body;
    expect(alice.owner).toBe(ownerOf(MEMBERS.alice));
    expect(alice.items.map((a: { communityId: string }) => a.communityId).sort()).toEqual([history.communityId, history.otherCommunityId].sort());
    const erin = (await api.get(`/accounts/by-owner/${MEMBERS.erin.address}`)).body;
    expect(erin.items).toMatchObject([{ accountId: history.accountIds.erin, status: "left" }]);
    expect((await api.get(`/accounts/by-owner/${FOUNDER.address}`)).body.items).toEqual([]);
    const bad = await api.get("/accounts/by-owner/not-an-address");
    expect(bad).toMatchObject({ status: 400, body: { error: 400, reason: "bad.request" } });
  });

  it("reports the sync cursor against the node, and a null node height when the node is unreachable", async () => {
    const height = await history.node.height();
    const status = (await api.get("/status")).body;
    expect(status).toMatchObject({ height, nodeHeight: height, lag: 0, communities: 2, ignoredBoxes: 0 });
    expect(status.compromises).toEqual({ total: 0, communities: 0, byKind: { "escaped-unit": 0, "forged-account": 0, "rent-spend": 0 } });
    expect(status.blockId).toMatch(/^[0-9a-f]{64}$/);
    const offline = buildIndexerApi({ db: database.db, nodeUrl: "http://127.0.0.1:1" });
    const reply = (await offline.inject({ method: "GET", url: "/status" })).json();
    expect(reply).toMatchObject({ height, nodeHeight: null, lag: null, sync: null });
    await offline.close();
  });

  it("reports the sync loop's state: backing off with its last error while the node is unreachable", async () => {
    const loop = startSync({ db: database.db, node: new NodeClient("http://127.0.0.1:1"), pollMs: 20, logger: silentLogger });
    const app = buildIndexerApi({ db: database.db, nodeUrl: history.url, syncStatus: loop.status });
    try {
      await until("the loop to back off", () => loop.status().state === "backing-off");
      const checked = await apiClient(app);
      const { sync } = (await checked.get("/status")).body;
      expect(sync).toEqual({ state: "backing-off", lastError: expect.stringContaining("unreachable"), lastAppliedAt: null });
      await loop.stop();
      expect((await checked.get("/status")).body.sync).toMatchObject({ state: "stopped" });
    } finally {
      await loop.stop();
      await app.close();
    }
  });

  it("documents every route at /docs", async () => {
    expect(Object.keys(api.docs.paths).sort()).toEqual([
      "/accounts/by-owner/{address}", "/accounts/{accountId}", "/accounts/{accountId}/backing", "/accounts/{accountId}/counterparties", "/accounts/{accountId}/desk-trades", "/accounts/{accountId}/escrow-orders", "/accounts/{accountId}/history",
      "/accounts/{accountId}/listings", "/accounts/{accountId}/matches",
      "/accounts/{accountId}/payments", "/accounts/{accountId}/profiles", "/accounts/{accountId}/reputation", "/accounts/{accountId}/reviews",
      "/banks/{bankId}", "/batches/{txId}", "/blocks/{block}", "/boxes/{boxId}", "/communities",
      "/communities/{communityId}", "/communities/{communityId}/accounts", "/communities/{communityId}/batches", "/communities/{communityId}/compromises",
      "/communities/{communityId}/dashboard/categories", "/communities/{communityId}/dashboard/market-share", "/communities/{communityId}/dashboard/top-traders",
      "/communities/{communityId}/desk", "/communities/{communityId}/desk/events", "/communities/{communityId}/desk/history", "/communities/{communityId}/desk/trades",
      "/communities/{communityId}/distribution", "/communities/{communityId}/escrow-orders", "/communities/{communityId}/escrows", "/communities/{communityId}/governance",
      "/communities/{communityId}/lines", "/communities/{communityId}/network", "/communities/{communityId}/payments", "/communities/{communityId}/profiles", "/communities/{communityId}/proposals", "/communities/{communityId}/revenue",
      "/communities/{communityId}/shops", "/communities/{communityId}/stats", "/communities/{communityId}/underwriting", "/docs",
      "/escrow-orders/{orderId}", "/lines", "/lines/{lineId}", "/lines/{lineId}/history", "/lines/{lineId}/payments", "/listings", "/listings/{id}", "/listings/{id}/payments",
      "/loans", "/loans/{loanId}", "/market/refusals", "/market/refusals/notes", "/orders", "/orders/{orderId}", "/proposals/{proposalId}", "/proposals/{proposalId}/votes",
      "/requests/{requestId}/payments", "/routes", "/search", "/shops", "/status", "/transactions/{txId}", "/underwriting", "/underwriting/{stakeId}",
    ]);
  });
});
