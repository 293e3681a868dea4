// Escrows for post-factum payments through the API, on every backend, over the real chain of
// `sync/escrow-testing.ts` (orders released, refunded, claimed, settled at 0 after the grace
// window, one left open; an escrow closed): escrows and orders against the chain, by community
// (by status), by account (with its role) and by id, as JSON (each answer checked against the
// OpenAPI document) and CSV, books that balance with the open escrow, and the 400s and 404s.
import { beforeAll, describe, expect, it } from "vitest";
import { csvRows } from "../../util/csv.ts";
import { BACKENDS } from "../db/testing.ts";
import { escrowHistory, type EscrowHistory } from "../sync/escrow-testing.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let h: EscrowHistory;
beforeAll(() => {
  h = escrowHistory();
}, 600_000);

const id = (name: string) => h.f.account(name).accountId;
type Order = { orderId: string; outcome: string | null; role?: string };
/** The order a claim left in alice's escrow, if the claim left one (sync/escrow-testing.ts). */
const restIds = () => (h.restOrderId === undefined ? [] : [h.restOrderId]);
const newestFirstIds = () => [h.commitOpen.orderId, h.commitLapsed.orderId, ...restIds(), h.commitClaimed.orderId, h.commitRefunded.orderId, h.commitReleased.orderId];

describe.each(BACKENDS)("escrows through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, async (db) => {
      const pipeline = new BatchPipeline(db);
      await pipeline.add(h.c.blocks);
      await pipeline.finish();
    });
    api = served.api;
    return served.close;
  }, 600_000);

  it("lists the community's escrows newest first: the open one with its order and units, the closed one; the books balance with them", async () => {
    const carol = h.f.escrowOf("carol");
    const body = (await api.get(`/communities/${h.f.communityId.toUpperCase()}/escrows`)).body;
    expect(body).toMatchObject({ total: 2, limit: 100, offset: 0 });
    expect(body.items[0]).toEqual({
      escrowId: carol.escrowId, communityId: h.f.communityId, owner: h.f.member("carol").owner.toLowerCase(), accountId: id("carol"), boxId: carol.boxId,
      depositNanoErg: carol.depositNanoErg.toString(), balance: "25", openOrderId: h.commitOpen.orderId, openedHeight: h.carolOpened.height, openedTxId: h.carolOpened.txId,
      openedTimestamp: expect.any(Number), closedHeight: null, closedTxId: null,
    });
    expect(body.items[1]).toMatchObject({ escrowId: h.opened.escrow.escrowId, accountId: id("alice"), balance: "0", openOrderId: null, closedHeight: h.closed.height, closedTxId: h.closed.txId });
    const [head, ...rows] = csvRows((await api.get(`/communities/${h.f.communityId}/escrows?format=csv`)).text, { crlf: true });
    expect(head).toEqual(["escrowId", "communityId", "owner", "accountId", "boxId", "depositNanoErg", "balance", "openOrderId", "openedHeight", "openedTxId", "openedTimestamp", "closedHeight", "closedTxId"]);
    expect(rows.map((r) => r[0])).toEqual([carol.escrowId, h.opened.escrow.escrowId]);
    expect((await api.get(`/communities/${h.f.communityId}`)).body.imbalance).toBe("0");
  });

  it("lists the community's orders newest first, by status, paged, as JSON and CSV", async () => {
    const url = `/communities/${h.f.communityId}/escrow-orders`;
    const all = (await api.get(url)).body;
    // A claim that leaves the rest in the escrow makes it an order of its own.
    const rest = restIds();
    const newestFirst = newestFirstIds();
    expect(all.items.map((o: Order) => o.orderId)).toEqual(newestFirst);
    expect(all.items.map((o: Order) => o.outcome)).toEqual([null, "released", ...rest.map(() => "released"), "claimed", "refunded", "released"]);
    expect(all.items.at(-1)).toEqual({
      orderId: h.commitReleased.orderId, escrowId: h.opened.escrow.escrowId, communityId: h.f.communityId, payerId: id("alice"), payeeId: id("bob"),
      maxUnits: "50", minimumUnits: "20", deadline: h.commitReleased.height - 1 + 100, reference: "ab".repeat(32), committedHeight: h.commitReleased.height,
      committedTxId: h.commitReleased.txId, committedTimestamp: expect.any(Number), status: "settled", settledHeight: h.released.height, settledTxId: h.released.txId,
      settledTimestamp: expect.any(Number), releasedUnits: "35", returnedUnits: "15", outcome: "released",
    });
    expect(all.items[0]).toMatchObject({ status: "open", settledHeight: null, settledTxId: null, settledTimestamp: null, releasedUnits: null, returnedUnits: null, outcome: null });
    expect((await api.get(`${url}?status=open`)).body).toMatchObject({ total: 1, items: [{ orderId: h.commitOpen.orderId }] });
    expect((await api.get(`${url}?status=settled&limit=2&offset=1`)).body).toMatchObject({
      total: 4 + rest.length, limit: 2, offset: 1, items: newestFirst.slice(2, 4).map((orderId) => ({ orderId })),
    });
    const [head, ...rows] = csvRows((await api.get(`${url}?format=csv&status=settled`)).text, { crlf: true });
    expect(head!.slice(0, 9)).toEqual(["orderId", "escrowId", "communityId", "payerId", "payeeId", "maxUnits", "minimumUnits", "deadline", "reference"]);
    expect(head!.at(-1)).toBe("outcome");
    expect(rows.map((r) => [r[0], r.at(-1)])).toEqual(all.items.slice(1).map((o: Order) => [o.orderId, o.outcome]));
  });

  it("gives an account its orders as payer and as payee, with its role, as JSON and CSV", async () => {
    const carol = (await api.get(`/accounts/${id("carol")}/escrow-orders`)).body;
    expect(carol.items.map((o: Order) => [o.orderId, o.role])).toEqual([[h.commitOpen.orderId, "payer"], [h.commitLapsed.orderId, "payee"]]);
    const bob = (await api.get(`/accounts/${id("bob")}/escrow-orders?status=settled`)).body;
    expect(bob.items.map((o: Order) => [o.role, o.outcome])).toEqual([...restIds().map(() => ["payee", "released"]), ["payee", "claimed"], ["payee", "refunded"], ["payee", "released"]]);
    const [head, ...rows] = csvRows((await api.get(`/accounts/${id("alice")}/escrow-orders?format=csv`)).text, { crlf: true });
    expect(head!.slice(0, 2)).toEqual(["role", "orderId"]);
    expect(rows.map((r) => r[0])).toEqual(newestFirstIds().slice(1).map(() => "payer"));
  });

  it("answers one order by id, and shows commits and settlements as payment legs with the escrow", async () => {
    const order = (await api.get(`/escrow-orders/${h.commitClaimed.orderId.toUpperCase()}`)).body;
    const returnedUnits = h.restOrderId === undefined ? "25" : "0";
    expect(order).toMatchObject({ orderId: h.commitClaimed.orderId, status: "settled", releasedUnits: "15", returnedUnits, outcome: "claimed", settledTxId: h.claimed.txId });
    const escrowId = h.opened.escrow.escrowId;
    const legs = (await api.get(`/accounts/${id("bob")}/payments?limit=1000`)).body.items;
    expect(legs.find((l: { txId: string }) => l.txId === h.claimed.txId)).toMatchObject({ payer: escrowId, payee: id("bob"), amount: "15" });
    const tx = (await api.get(`/transactions/${h.commitReleased.txId}`)).body;
    expect(tx.legs).toMatchObject([{ payer: id("alice"), payee: escrowId, amount: "50" }]);
  });

  it("answers 404 for an unknown community, account or order, 400 for bad ids and parameters", async () => {
    const none = "ab".repeat(32);
    expect((await api.get(`/communities/${none}/escrows`)).status).toBe(404);
    expect((await api.get(`/communities/${none}/escrow-orders`)).status).toBe(404);
    expect((await api.get(`/accounts/${none}/escrow-orders`)).status).toBe(404);
    expect((await api.get(`/escrow-orders/${none}`)).status).toBe(404);
    for (const path of [`/escrow-orders/not-hex`, `/communities/xyz/escrows`, `/accounts/${none.slice(2)}/escrow-orders`]) expect((await api.get(path)).status, path).toBe(400);
    const url = `/communities/${h.f.communityId}/escrow-orders`;
    for (const bad of ["status=closed", "limit=0", "limit=1001", "offset=-1", "offset=x", "Status=open", "format=xml", "role=payer"]) {
      expect((await api.get(`${url}?${bad}`)).status, bad).toBe(400);
    }
    expect((await api.get(`/escrow-orders/${h.commitOpen.orderId}?format=csv`)).status).toBe(400);
  });

  it("documents its routes at /docs", async () => {
    const paths = Object.keys(api.docs.paths);
    for (const path of ["/communities/{communityId}/escrows", "/communities/{communityId}/escrow-orders", "/accounts/{accountId}/escrow-orders", "/escrow-orders/{orderId}"]) {
      expect(paths).toContain(path);
    }
  });
});
