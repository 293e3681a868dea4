import { describe, expect, it } from "vitest";
import { paymentExtension } from "$contracts/notes.ts";
import { NodeClient, NodeRequestError } from "$ergo/node-client.ts";
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";
import type { AccountDetail, PaymentLeg, PendingChange } from "./indexer-types.ts";
import { requestStatus } from "./request-status.ts";

const COMMUNITY = "c".repeat(64);
const PAYEE = "a".repeat(64);
const OTHER = "b".repeat(64);
const PAYER = "d".repeat(64);
const GRIEFER = "e".repeat(64);
const REQUEST = "00112233445566778899aabbccddeeff";
const tx = (n: number) => n.toString(16).padStart(64, "0");

const leg = (n: number, overrides: Partial<PaymentLeg> = {}): PaymentLeg => ({
  txId: tx(n), leg: 0, height: 10 + n, timestamp: 1_000 * n, communityId: COMMUNITY, payer: PAYER, payee: PAYEE, amount: 350n, ergNanoErg: 0n, memo: null, requestId: REQUEST, ...overrides,
});

/** An indexer that lists `legs` under the request (in pages, as the API does), the payee's `pending` changes and the payers' names. */
function indexer(legs: PaymentLeg[], pending: PendingChange[] | "unknown payee", pages: number[] = []): IndexerClient {
  return {
    requestPayments: async (requestId: string, q: { limit: number; offset: number }) => {
      pages.push(q.offset);
      const items = legs.filter((l) => l.requestId === requestId);
      return { total: items.length, limit: q.limit, offset: q.offset, items: items.slice(q.offset, q.offset + q.limit) };
    },
    account: async (accountId: string) => {
      if (accountId === PAYER) return { name: "Ann" } as AccountDetail;
      if (accountId === GRIEFER) return { name: null } as AccountDetail;
      if (accountId === PAYEE && pending !== "unknown payee") return { name: "Bob", pending } as AccountDetail;
      throw new IndexerNotFound(404, "not-found", "no such account", accountId);
    },
  } as unknown as IndexerClient;
}

/** A node whose mempool holds transactions with the given payer-input extensions. */
function node(mempool: Record<string, Record<string, string>>): NodeClient {
  const client = new NodeClient("http://node.invalid");
  client.request = (async (_method: string, path: string) => {
    const id = path.split("/").at(-1)!;
    const extension = mempool[id];
    if (!extension) throw new NodeRequestError(404, "not-found", "not in the mempool", path);
    return { id, inputs: [{ boxId: "x", spendingProof: { proofBytes: "", extension } }, { boxId: "y", spendingProof: { proofBytes: "", extension: {} } }] };
  }) as NodeClient["request"];
  return client;
}

const change = (n: number, balanceChange: bigint, kind: PendingChange["kind"] = "payment"): PendingChange => ({ txId: tx(n), kind, balanceChange, boxId: "e".repeat(64) });
const asked = { communityId: COMMUNITY, payeeAccountId: PAYEE, requestId: REQUEST, amountUnits: 350n };
const unpaid = (receivedUnits = "0") => ({ state: "unpaid", paid: null, pending: null, receivedUnits });

describe("whether a payment request is paid", () => {
  it("is paid by a payment of the amount to its payee in its community, named by its payer's name", async () => {
    expect(await requestStatus(indexer([leg(1)], []), node({}), asked)).toEqual({
      state: "paid", paid: { txId: tx(1), height: 11, timestamp: 1_000, payer: PAYER, payerName: "Ann", amount: "350" }, pending: null, receivedUnits: "350",
    });
  });

  it("is not paid by payments that carried its id to someone else, in another community, or for less", async () => {
    const legs = [leg(1, { payee: OTHER }), leg(2, { communityId: "f".repeat(64) }), leg(3, { payer: GRIEFER, amount: 1n })];
    expect(await requestStatus(indexer(legs, []), node({}), asked)).toEqual(unpaid("1"));
  });

  it("is paid once the payments to its payee add up to the amount, by the one that reached it", async () => {
    const legs = [leg(1, { payer: GRIEFER, amount: 1n }), leg(2, { amount: 349n }), leg(3, { amount: 350n })];
    const status = await requestStatus(indexer(legs, []), node({}), asked);
    expect(status).toMatchObject({ state: "paid", paid: { txId: tx(2), payerName: "Ann", amount: "349" }, receivedUnits: "700" });
  });

  it("reads every page of the list: a payment behind a thousand others still counts", async () => {
    const noise = Array.from({ length: 1_500 }, (_, i) => leg(100 + i, { payee: OTHER, payer: GRIEFER, amount: 1n }));
    const pages: number[] = [];
    const status = await requestStatus(indexer([...noise, leg(1)], [], pages), node({}), asked);
    expect(status.state).toBe("paid");
    expect(pages).toEqual([0, 1_000]);
  });

  it("is on its way, not paid, while the payment that reaches the amount is in the mempool", async () => {
    const pending = [change(4, 100n), change(5, 350n), change(6, -20n), change(7, 350n), change(8, 250n)];
    const mempool = { [tx(4)]: paymentExtension("other"), [tx(5)]: paymentExtension("2 loaves", REQUEST), [tx(6)]: paymentExtension(undefined, REQUEST) };
    // tx 7 left the mempool meanwhile (the node answers 404): not counted, no error.
    expect(await requestStatus(indexer([], pending), node(mempool), asked)).toEqual({ state: "on-its-way", paid: null, pending: { txId: tx(5), amount: "350" }, receivedUnits: "0" });
    // Confirmed and pending payments add up: 100 in a block and 250 in the mempool.
    const both = await requestStatus(indexer([leg(1, { amount: 100n })], [change(8, 250n)]), node({ [tx(8)]: paymentExtension(undefined, REQUEST) }), asked);
    expect(both).toEqual({ state: "on-its-way", paid: null, pending: { txId: tx(8), amount: "250" }, receivedUnits: "100" });
    // A pending payment for less is not on its way.
    expect((await requestStatus(indexer([], [change(9, 1n)]), node({ [tx(9)]: paymentExtension(undefined, REQUEST) }), asked)).state).toBe("unpaid");
  });

  it("does not count a confirmed payment twice while the indexer still lists it as pending", async () => {
    const status = await requestStatus(indexer([leg(4, { amount: 200n })], [change(4, 200n)]), node({ [tx(4)]: paymentExtension(undefined, REQUEST) }), asked);
    expect(status).toEqual(unpaid("200"));
  });

  it("is unpaid when nothing carries the id, and when the payee is not indexed", async () => {
    expect(await requestStatus(indexer([], []), node({}), asked)).toEqual(unpaid());
    expect(await requestStatus(indexer([], "unknown payee"), node({}), asked)).toEqual(unpaid());
  });

  it("passes on a node that does not answer, so the caller can say it could not check", async () => {
    const down = new NodeClient("http://node.invalid");
    down.request = (async () => Promise.reject(new NodeRequestError(0, "unreachable", "connection refused", "/"))) as NodeClient["request"];
    await expect(requestStatus(indexer([], [change(4, 350n)]), down, asked)).rejects.toThrow(NodeRequestError);
  });
});
