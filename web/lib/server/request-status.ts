/**
 * Whether a payment request is paid, from the chain rather than from any browser's memory. Anyone
 * who sees a link can put its id on any payment (one unit to the payee, the whole amount to someone
 * else, a payment in another community), so a request is paid only when the payments that carried
 * its id **to its payee, in its community** add up to at least the amount asked (docs/contracts.md,
 * "What notes do not prove"): every page of the indexer's list is read. A payment still in the
 * mempool (a credit to the payee whose unconfirmed transaction carries the id, read from the node,
 * whose validation means the payer's signature covers it) makes the request "on its way", not paid.
 */
import { readNotes, type Extension } from "$contracts/notes.ts";
import { NodeRequestError, type NodeClient } from "$ergo/node-client.ts";
import type { RequestRef, RequestStatusJson } from "../wallet/requests.ts";
import { allPages } from "./all-pages.ts";
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";
import type { PaymentLeg } from "./indexer-types.ts";

/** A request as the chain is asked about it: which, and how much it asks. */
export interface RequestAsked extends RequestRef {
  amountUnits: bigint;
}

/** A signed input as the node answers it: its extension beside its proof. */
interface SignedInput {
  spendingProof?: { extension?: Extension };
}

/** The unconfirmed transaction `txId` as the node has it (its inputs' extensions included), or undefined once it left the mempool. */
async function unconfirmed(node: NodeClient, txId: string): Promise<{ inputs: SignedInput[] } | undefined> {
  try {
    return await node.request("GET", `/transactions/unconfirmed/byTransactionId/${txId}`);
  } catch (error) {
    if (error instanceof NodeRequestError && error.status === 404) return undefined;
    throw error;
  }
}

/** The payee's credits in the mempool that carry the request's id, in the order the node would apply them. */
async function pendingPayments(indexer: IndexerClient, node: NodeClient, ref: RequestRef, known: Set<string>): Promise<{ txId: string; amount: bigint }[]> {
  let pending;
  try {
    pending = (await indexer.account(ref.payeeAccountId)).pending;
  } catch (error) {
    if (error instanceof IndexerNotFound) return [];
    throw error;
  }
  const credits = pending.filter((change) => change.kind === "payment" && change.balanceChange > 0n && !known.has(change.txId));
  const found = await Promise.all(
    credits.map(async (change) => {
      const tx = await unconfirmed(node, change.txId);
      const pays = tx?.inputs.some((input) => readNotes(input.spendingProof?.extension).requestId === ref.requestId) ?? false;
      return pays ? [{ txId: change.txId, amount: change.balanceChange }] : [];
    }),
  );
  return found.flat();
}

/** The first item at which the running total (from `start`) reaches `amount`, with that total; else the total. */
function completing<T extends { amount: bigint }>(items: T[], start: bigint, amount: bigint): { item?: T; total: bigint } {
  let total = start;
  for (const item of items) {
    total += item.amount;
    if (total >= amount) return { item, total };
  }
  return { total };
}

async function payerName(indexer: IndexerClient, accountId: string): Promise<string | null> {
  const account = await indexer.account(accountId).catch((error: unknown) => (error instanceof IndexerNotFound ? undefined : Promise.reject(error)));
  return account?.name ?? null;
}

/**
 * How far the request is paid: "paid" with the payment in a block whose amount made the total to
 * the payee reach the amount asked; else "on-its-way" with the mempool payment that would; else
 * "unpaid". `receivedUnits` is what the payee received with the id in blocks.
 */
export async function requestStatus(indexer: IndexerClient, node: NodeClient, asked: RequestAsked): Promise<RequestStatusJson> {
  const all = await allPages<PaymentLeg>((limit, offset) => indexer.requestPayments(asked.requestId, { limit, offset, order: "asc" }));
  const legs = all.filter((leg) => leg.communityId === asked.communityId && leg.payee === asked.payeeAccountId);
  const confirmed = completing(legs, 0n, asked.amountUnits);
  const receivedUnits = legs.reduce((sum, leg) => sum + leg.amount, 0n).toString();
  if (confirmed.item) {
    const { txId, height, timestamp, payer, amount } = confirmed.item;
    return { state: "paid", paid: { txId, height, timestamp, payer, payerName: await payerName(indexer, payer), amount: amount.toString() }, pending: null, receivedUnits };
  }
  const pending = completing(await pendingPayments(indexer, node, asked, new Set(legs.map((leg) => leg.txId))), confirmed.total, asked.amountUnits);
  if (pending.item) return { state: "on-its-way", paid: null, pending: { txId: pending.item.txId, amount: pending.item.amount.toString() }, receivedUnits };
  return { state: "unpaid", paid: null, pending: null, receivedUnits };
}
