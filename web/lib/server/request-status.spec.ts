import { describe, expect, it } from "vitest";
import { paymentExtension } from "$contracts/notes.ts";
import { NodeClient, NodeRequestError } from "$ergo/node-client.ts";
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";
import type { AccountDetail, PaymentLeg, PendingChange } from "./indexer-types.ts";
import { requestStatus, requestStatusJson } from "./request-status.ts";

const COMMUNITY = "c".repeat(64);
const PAYEE = "a".repeat(64);
const OTHER = "b".repeat(64);
const PAYER = "d".repeat(64);
const REQUEST = "00112233445566778899aabbccddeeff";
const tx = (n: number) => n.toString(16).padStart(64, "0");

const leg = (n: number, overrides: Partial<PaymentLeg> = {}): PaymentLeg => ({
  txId: tx(n), leg: 0, height: 10 + n, timestamp: 1_000 * n, communityId: COMMUNITY, payer: PAYER, payee: PAYEE, amount: 350n, memo: null, requestId: REQUEST, ...overrides,
});

/** An indexer that knows `legs` of the request, the payee's `pending` changes and the payer's name. */
function indexer(legs: PaymentLeg[], pending: PendingChange[] | "unknown payee"): IndexerClient {
  return {
    requestPayments: async (requestId: string) => ({ total: legs.length, limit: 20, offset: 0, items: legs.filter((l) => l.requestId === requestId) }),
    account: async (accountId: string) => {
      if (accountId === PAYER) return { name: "Ann" } as AccountDetail;
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
const ref = { communityId: COMMUNITY, payeeAccountId: PAYEE, requestId: REQUEST };

describe("whether a payment request is paid", () => {
  it("counts the recorded payments of the request to its payee, with the payer's name, and not those to anyone else", async () => {
    const legs = [leg(1), leg(2, { payee: OTHER }), leg(3, { communityId: "f".repeat(64) })];
    const status = await requestStatus(indexer(legs, []), node({}), ref);
    expect(status).toEqual({ paid: [{ txId: tx(1), height: 11, timestamp: 1_000, payer: PAYER, payerName: "Ann", amount: 350n }], pending: [] });
    expect(requestStatusJson(status).paid[0]!.amount).toBe("350");
  });

  it("finds a payment on its way: a credit to the payee whose unconfirmed transaction carries the request's id", async () => {
    const pending = [change(4, 350n), change(5, 100n), change(6, -20n), change(7, 350n)];
    const mempool = { [tx(4)]: paymentExtension("2 loaves", REQUEST), [tx(5)]: paymentExtension("other"), [tx(6)]: paymentExtension(undefined, REQUEST) };
    // tx 7 left the mempool meanwhile (the node answers 404): not counted, no error.
    expect(await requestStatus(indexer([], pending), node(mempool), ref)).toEqual({ paid: [], pending: [{ txId: tx(4), amount: 350n }] });
  });

  it("does not count a confirmed payment twice while the indexer still lists it as pending", async () => {
    const status = await requestStatus(indexer([leg(4)], [change(4, 350n)]), node({ [tx(4)]: paymentExtension(undefined, REQUEST) }), ref);
    expect(status.paid.map((p) => p.txId)).toEqual([tx(4)]);
    expect(status.pending).toEqual([]);
  });

  it("is unpaid when nothing carries the id, and when the payee is not indexed", async () => {
    expect(await requestStatus(indexer([], []), node({}), ref)).toEqual({ paid: [], pending: [] });
    expect(await requestStatus(indexer([], "unknown payee"), node({}), ref)).toEqual({ paid: [], pending: [] });
  });

  it("passes on a node that does not answer, so the caller can say it could not check", async () => {
    const down = new NodeClient("http://node.invalid");
    down.request = (async () => Promise.reject(new NodeRequestError(0, "unreachable", "connection refused", "/"))) as NodeClient["request"];
    await expect(requestStatus(indexer([], [change(4, 350n)]), down, ref)).rejects.toThrow(NodeRequestError);
  });
});
