// The web's indexer client for escrows (docs/indexer-api.md, "Escrows"): the URLs it asks, units
// decoded to bigint (null kept while an order is open), and a 404 as IndexerNotFound.
import { describe, expect, it } from "vitest";
import { createIndexerClient, IndexerNotFound } from "./indexer.ts";

const ID = "ab".repeat(32);
const order = {
  orderId: ID, escrowId: ID, communityId: ID, payerId: ID, payeeId: ID, maxUnits: "50", minimumUnits: "20", deadline: 1106, reference: "", committedHeight: 1007,
  committedTxId: ID, committedTimestamp: 1, status: "open", settledHeight: null, settledTxId: null, settledTimestamp: null, releasedUnits: null, returnedUnits: null, outcome: null,
};
const escrow = {
  escrowId: ID, communityId: ID, owner: "0008cd", accountId: ID, boxId: ID, depositNanoErg: "1536250001", balance: "50", openOrderId: ID, openedHeight: 1005,
  openedTxId: ID, openedTimestamp: 1, closedHeight: null, closedTxId: null,
};
const page = (item: object) => ({ total: 1, limit: 100, offset: 0, items: [item] });

/** A client over a fake indexer that answers `body` (or a 404) and records the URLs asked. */
function client(body: unknown, status = 200) {
  const asked: string[] = [];
  const fetchFn = (async (url: string) => {
    asked.push(url);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { indexer: createIndexerClient("http://indexer/", fetchFn), asked };
}

describe("the indexer client's escrow calls", () => {
  it("asks the escrow routes and turns units into bigint", async () => {
    const e = client(page(escrow));
    expect((await e.indexer.escrowsOfCommunity(ID)).items[0]).toMatchObject({ depositNanoErg: 1_536_250_001n, balance: 50n, closedHeight: null });
    const o = client(page(order));
    const listed = await o.indexer.escrowOrdersOfCommunity(ID, "open");
    expect(listed.items[0]).toMatchObject({ maxUnits: 50n, minimumUnits: 20n, releasedUnits: null, deadline: 1106 });
    await o.indexer.escrowOrdersOfCommunity(ID);
    const a = client(page({ ...order, role: "payee", status: "settled", releasedUnits: "35", returnedUnits: "15", outcome: "released" }));
    expect((await a.indexer.escrowOrdersOfAccount(ID)).items[0]).toMatchObject({ role: "payee", releasedUnits: 35n, returnedUnits: 15n });
    const one = client(order);
    expect(await one.indexer.escrowOrder(ID)).toMatchObject({ orderId: ID, maxUnits: 50n });
    expect([...e.asked, ...o.asked, ...a.asked, ...one.asked]).toEqual([
      `http://indexer/communities/${ID}/escrows`, `http://indexer/communities/${ID}/escrow-orders?status=open`, `http://indexer/communities/${ID}/escrow-orders`,
      `http://indexer/accounts/${ID}/escrow-orders`, `http://indexer/escrow-orders/${ID}`,
    ]);
  });

  it("answers an unknown order as IndexerNotFound", async () => {
    const { indexer } = client({ error: 404, reason: "not-found", detail: `no escrow order ${ID}` }, 404);
    await expect(indexer.escrowOrder(ID)).rejects.toBeInstanceOf(IndexerNotFound);
  });
});
