/**
 * Whether a payment request is paid, from the chain rather than from any browser's memory: the
 * payments the indexer recorded with the request's id (in a block), and the payee's unconfirmed
 * payments whose payer input carries the id (the indexer's mempool view of the payee, each read
 * from the node, whose validation means the payer's signature covers the id). Only payments to the
 * request's payee in its community count: anyone who sees a link could put its id on a payment
 * to someone else.
 */
import { readNotes, type Extension } from "$contracts/notes.ts";
import { NodeRequestError, type NodeClient } from "$ergo/node-client.ts";
import type { RequestRef, RequestStatusJson } from "../wallet/requests.ts";
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";

/** A payment of the request in a block. */
export interface RequestPayment {
  txId: string;
  height: number;
  /** Block time, ms since the epoch. */
  timestamp: number;
  payer: string;
  /** The payer's display name (its profile), if it set one. */
  payerName: string | null;
  amount: bigint;
}

/** A payment of the request still in the node's mempool. */
export interface PendingRequestPayment {
  txId: string;
  amount: bigint;
}

export interface RequestStatus {
  /** Oldest first. */
  paid: RequestPayment[];
  pending: PendingRequestPayment[];
}

/** How many recorded payments of one request are read (a request is paid once; more is a curiosity). */
const MAX_PAYMENTS = 20;

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

async function pendingPayments(indexer: IndexerClient, node: NodeClient, ref: RequestRef, known: Set<string>): Promise<PendingRequestPayment[]> {
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

/** The request's payments to its payee: recorded in blocks (with the payer's name) and waiting in the mempool. */
export async function requestStatus(indexer: IndexerClient, node: NodeClient, ref: RequestRef): Promise<RequestStatus> {
  const recorded = await indexer.requestPayments(ref.requestId, { limit: MAX_PAYMENTS, order: "asc" });
  const legs = recorded.items.filter((leg) => leg.communityId === ref.communityId && leg.payee === ref.payeeAccountId);
  const names = new Map<string, string | null>();
  await Promise.all(
    [...new Set(legs.map((leg) => leg.payer))].map(async (payer) => {
      const account = await indexer.account(payer).catch((error: unknown) => (error instanceof IndexerNotFound ? undefined : Promise.reject(error)));
      names.set(payer, account?.name ?? null);
    }),
  );
  const paid = legs.map((leg) => ({ txId: leg.txId, height: leg.height, timestamp: leg.timestamp, payer: leg.payer, payerName: names.get(leg.payer) ?? null, amount: leg.amount }));
  const pending = await pendingPayments(indexer, node, ref, new Set(paid.map((p) => p.txId)));
  return { paid, pending };
}

/** The status as JSON for the browser (what `/api/requests/{id}` answers): amounts as decimal strings. */
export function requestStatusJson(status: RequestStatus): RequestStatusJson {
  return {
    paid: status.paid.map((p) => ({ ...p, amount: p.amount.toString() })),
    pending: status.pending.map((p) => ({ ...p, amount: p.amount.toString() })),
  };
}
