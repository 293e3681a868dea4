/**
 * The mempool view: the node's unconfirmed transactions decoded like one more block on top of the
 * confirmed state (`applyBlock` on a pseudo-block), kept as one row per account or community each
 * LETS transaction touches, with the balance change and the unconfirmed box it leaves, and one row
 * per order a waiting batch settlement carries. The rows are replaced wholesale on every pass, in
 * one database transaction, so they never need undoing.
 */
import type { Kysely, Transaction } from "kysely";
import type { NodeClient } from "../../ergo/node-client.ts";
import { loadView } from "./lets-view.ts";
import type { Database } from "../db/schema.ts";
import { applyBlock, type ChainBlock, type ChainTransaction } from "./apply-block.ts";
import type { EconomicsEvent, LetsEvent } from "./lets-events.ts";

/** The node serves the mempool in pages of at most this many transactions. */
const PAGE = 100;
/** Rows per INSERT (9 parameters each, far below PostgreSQL's 65,535). */
const INSERT_CHUNK = 2_000;

/** A `pending_changes` row without its transaction id, sequence number and base height. */
interface PendingRow {
  kind: string;
  community_id: string;
  account_id: string | null;
  balance_delta: bigint;
  new_box_id: string | null;
}

/** Every unconfirmed transaction, each once (the pool may change between pages). */
export async function unconfirmedTransactions(node: NodeClient): Promise<ChainTransaction[]> {
  const byId = new Map<string, ChainTransaction>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await node.request<ChainTransaction[]>("GET", `/transactions/unconfirmed?offset=${offset}&limit=${PAGE}`);
    for (const tx of page) if (!byId.has(tx.id)) byId.set(tx.id, tx);
    if (page.length < PAGE) return [...byId.values()];
  }
}

/** The ids in the node's mempool, sorted: a cheap way to tell whether it changed since the last pass. */
export async function unconfirmedIds(node: NodeClient): Promise<string[]> {
  return (await node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds")).sort();
}

/** Orders transactions so that one spending another's output comes after it (the pool's own order is kept otherwise). */
export function dependencyOrder(txs: ChainTransaction[]): ChainTransaction[] {
  const producer = new Map<string, ChainTransaction>();
  for (const tx of txs) for (const output of tx.outputs) producer.set(output.boxId, tx);
  const placed = new Set<ChainTransaction>();
  const visiting = new Set<ChainTransaction>();
  const ordered: ChainTransaction[] = [];
  const unplacedParent = (tx: ChainTransaction) =>
    tx.inputs.map((input) => producer.get(input.boxId)).find((p) => p !== undefined && p !== tx && !placed.has(p) && !visiting.has(p));
  for (const root of txs) {
    const stack = [root]; // depth-first without recursion: a chain of pooled transactions can be long
    while (stack.length > 0) {
      const tx = stack[stack.length - 1]!;
      if (placed.has(tx)) {
        stack.pop();
        continue;
      }
      visiting.add(tx);
      const parent = unplacedParent(tx);
      if (parent) {
        stack.push(parent);
        continue;
      }
      stack.pop();
      visiting.delete(tx);
      placed.add(tx);
      ordered.push(tx);
    }
  }
  return ordered;
}

/**
 * What one decoded event changes, a row per account or community: a payment moves balances; a
 * join opens an account at its starting balance; a leave, default or dormant close closes one
 * (its balance goes to 0, so the change is minus the balance it had); a sweep charges the
 * demurrage due; `new_box_id` is the box the transaction leaves for that account or community,
 * null for a closed account. `charges` are the transaction's economics events: an economics
 * account's balance also falls by the fee and demurrage it pays and rises by the allowance it spends.
 */
export function pendingRows(event: LetsEvent, charges: readonly EconomicsEvent[] = []): PendingRow[] {
  const charged = (accountId: string) => {
    const c = charges.find((e) => e.accountId === accountId);
    return c ? c.allowanceUsed - c.fee - c.demurrage : 0n;
  };
  const row = (accountId: string | null, delta: bigint, boxId: string | null): PendingRow => ({
    kind: event.kind,
    community_id: "communityId" in event ? event.communityId : event.community.communityId,
    account_id: accountId,
    balance_delta: delta,
    new_box_id: boxId,
  });
  switch (event.kind) {
    case "create":
    case "govern":
    case "refresh":
      return [row(null, 0n, event.community.boxId)];
    case "join":
      return [row(null, 0n, event.community.boxId), row(event.account.accountId, event.account.balance, event.account.boxId)];
    case "leave":
      return [row(null, 0n, event.community.boxId), row(event.accountId, 0n, null)];
    case "default":
      return [row(null, 0n, event.community.boxId), row(event.accountId, event.debt, null)];
    case "close":
      return [row(null, 0n, event.community.boxId), row(event.accountId, -event.balance, null)];
    case "payment": {
      const boxOf = (accountId: string) => event.accounts.find((a) => a.accountId === accountId)?.boxId ?? null;
      const paid = event.payees.reduce((sum, leg) => sum + leg.amount, 0n);
      return [
        row(event.payer, charged(event.payer) - paid, boxOf(event.payer)),
        ...event.payees.map((leg) => row(leg.accountId, charged(leg.accountId) + leg.amount, boxOf(leg.accountId))),
      ];
    }
    case "sweep":
      return [row(null, 0n, event.community.boxId), ...event.accounts.map((a) => row(a.accountId, charged(a.accountId), a.boxId))];
    case "batch": {
      const moved = new Map<string, bigint>();
      for (const o of event.orders) {
        moved.set(o.payer, (moved.get(o.payer) ?? 0n) - o.amount);
        moved.set(o.payee, (moved.get(o.payee) ?? 0n) + o.amount);
      }
      return event.accounts.map((a) => row(a.accountId, moved.get(a.accountId) ?? 0n, a.boxId));
    }
  }
}

/** One pass: read the node's mempool and replace the pending rows with what it means now. */
export async function syncMempool(
  db: Kysely<Database>,
  node: NodeClient,
  guard?: (trx: Transaction<Database>) => Promise<void>,
): Promise<{ transactions: number; rows: number }> {
  const transactions = dependencyOrder(await unconfirmedTransactions(node));
  return db.transaction().execute(async (trx) => {
    const tip = await trx.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst();
    const baseHeight = tip?.height ?? 0;
    const block: ChainBlock = { header: { id: "mempool", height: baseHeight + 1, timestamp: Date.now() }, transactions };
    const changes = applyBlock(block, await loadView(trx, [block]));
    const seq = new Map<string, number>();
    const position = new Map(transactions.map((tx, i) => [tx.id, i]));
    const rows = changes.events.flatMap((event) =>
      pendingRows(event, changes.economics.filter((e) => e.site.txId === event.site.txId)).map((r) => {
        const n = seq.get(event.site.txId) ?? 0;
        seq.set(event.site.txId, n + 1);
        return { ...r, tx_id: event.site.txId, seq: n, base_height: baseHeight, position: position.get(event.site.txId) ?? 0 };
      }),
    );
    // The orders of settlements waiting in the pool: the API calls them submitted.
    const settling = changes.events.flatMap((event) =>
      event.kind === "batch"
        ? event.orders.map((o, leg) => ({ tx_id: event.site.txId, leg, order_id: o.orderId, community_id: event.communityId, base_height: baseHeight }))
        : [],
    );
    await trx.deleteFrom("pending_changes").execute();
    await trx.deleteFrom("unconfirmed_settlements").execute();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto("pending_changes").values(rows.slice(i, i + INSERT_CHUNK)).execute();
    for (let i = 0; i < settling.length; i += INSERT_CHUNK) await trx.insertInto("unconfirmed_settlements").values(settling.slice(i, i + INSERT_CHUNK)).execute();
    await guard?.(trx);
    return { transactions: new Set(changes.events.map((e) => e.site.txId)).size, rows: rows.length };
  });
}
