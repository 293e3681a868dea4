/**
 * The till's receipts of a day: every payment the shop's account received that UTC day, read from
 * the chain rather than from the till's memory (a till reopened, or a second till on the same
 * account, lists the same), and the payments to it waiting in the node's mempool (pending: the
 * indexer's mempool view names the transaction; the node's copy names the payer, from the account
 * box it leaves, and the memo and request id, from the payer's signed input). Newest first, pending
 * before confirmed. Written as CSV with the page's values and the raw ones (`csv-tables.ts`).
 */
import { formatAmount } from "$contracts/amounts.ts";
import { readNotes, type Extension } from "$contracts/notes.ts";
import { readBytes } from "$contracts/registers.ts";
import { isAccountTree } from "$contracts/scripts.ts";
import { NodeRequestError, type NodeClient } from "$ergo/node-client.ts";
import { formatTime } from "$lib/dates.ts";
import { allPages } from "./all-pages.ts";
import type { CsvColumn, CsvContext } from "./csv-tables.ts";
import type { IndexerClient } from "./indexer.ts";
import type { PaymentLeg, PendingChange } from "./indexer-types.ts";

/** A day in ms. */
export const DAY_MS = 86_400_000;

/** One payment the shop received: confirmed in a block, or pending in the mempool (no height or time yet). */
export interface Receipt {
  txId: string;
  status: "pending" | "confirmed";
  height: number | null;
  timestamp: number | null;
  amount: bigint;
  /** The paying account; null when the pending transaction left the mempool while it was read. */
  payer: string | null;
  memo: string | null;
  requestId: string | null;
}

/** An unconfirmed transaction as the node has it: inputs with their extensions, outputs with their registers. */
interface NodeTx {
  inputs: { spendingProof?: { extension?: Extension } }[];
  outputs: { ergoTree: string; additionalRegisters: Record<string, string | undefined> }[];
}

/** The start of the UTC day `day` ("YYYY-MM-DD"), in ms; undefined when it is no such day, or one before 1970 (no block is). */
export function dayStart(day: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) && ms >= 0 && new Date(ms).toISOString().startsWith(day) ? ms : undefined;
}

/** A confirmed leg paid to `accountId` as a receipt. */
export const confirmedReceipt = (leg: PaymentLeg): Receipt => ({
  txId: leg.txId,
  status: "confirmed",
  height: leg.height,
  timestamp: leg.timestamp,
  amount: leg.amount,
  payer: leg.payer,
  memo: leg.memo,
  requestId: leg.requestId,
});

/**
 * A pending credit to `accountId` as a receipt, from the node's copy of its transaction: the payer
 * is the other account whose box it leaves, the memo and request id are the notes of the input
 * that carries them (the payer's own).
 */
export function pendingReceipt(change: PendingChange, accountId: string, tx: NodeTx | undefined): Receipt {
  const payers = (tx?.outputs ?? []).filter((o) => isAccountTree(o.ergoTree)).map((o) => readBytes("R7", o.additionalRegisters.R7)).filter((id) => id !== accountId);
  const notes = (tx?.inputs ?? []).map((i) => readNotes(i.spendingProof?.extension)).find((n) => n.memo !== undefined || n.requestId !== undefined);
  return {
    txId: change.txId,
    status: "pending",
    height: null,
    timestamp: null,
    amount: change.balanceChange,
    payer: payers.length === 1 ? payers[0]! : null,
    memo: notes?.memo ?? null,
    requestId: notes?.requestId ?? null,
  };
}

async function unconfirmedTx(node: NodeClient, txId: string): Promise<NodeTx | undefined> {
  try {
    return await node.request<NodeTx>("GET", `/transactions/unconfirmed/byTransactionId/${txId}`);
  } catch (error) {
    if (error instanceof NodeRequestError && error.status === 404) return undefined;
    throw error;
  }
}

/** The receipts of account `accountId` on the UTC day starting at `fromMs`: pending ones first when that day is today, then the day's confirmed ones, newest first. */
export async function dayReceipts(indexer: IndexerClient, node: NodeClient, accountId: string, fromMs: number, nowMs = Date.now()): Promise<Receipt[]> {
  const range = { fromTime: fromMs, toTime: fromMs + DAY_MS - 1, order: "desc" as const };
  const [legs, detail] = await Promise.all([allPages<PaymentLeg>((limit, offset) => indexer.accountPayments(accountId, { ...range, limit, offset })), indexer.account(accountId)]);
  const confirmed = legs.filter((leg) => leg.payee === accountId && leg.payer !== accountId).map(confirmedReceipt);
  if (nowMs < fromMs || nowMs >= fromMs + DAY_MS) return confirmed;
  const known = new Set(confirmed.map((r) => r.txId));
  const credits = detail.pending.filter((c) => c.kind === "payment" && c.balanceChange > 0n && !known.has(c.txId));
  const pending = await Promise.all(credits.map(async (c) => pendingReceipt(c, accountId, await unconfirmedTx(node, c.txId))));
  return [...pending.reverse(), ...confirmed];
}

/** The receipts as CSV: the page's values (time, amount in the community's units, payer's name), then the raw ones. */
export function receiptColumns({ decimals, names }: CsvContext): CsvColumn<Receipt>[] {
  return [
    { name: "time", value: (r) => (r.timestamp === null ? null : formatTime(r.timestamp)) },
    { name: "status", value: (r) => r.status },
    { name: "amount", value: (r) => formatAmount(r.amount, decimals) },
    { name: "payerName", value: (r) => (r.payer === null ? null : names.get(r.payer)) },
    { name: "memo", value: (r) => r.memo },
    { name: "txId", value: (r) => r.txId },
    { name: "height", value: (r) => r.height },
    { name: "timestamp", value: (r) => r.timestamp },
    { name: "amountUnits", value: (r) => r.amount },
    { name: "decimals", value: () => decimals },
    { name: "payer", value: (r) => r.payer },
    { name: "requestId", value: (r) => r.requestId },
  ];
}
