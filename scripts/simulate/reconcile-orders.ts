/**
 * Ground truth for payment orders (docs/simulate.md, "Payment orders"): the settlements against the
 * indexer. Balances and every account's nextSeq are compared with the account boxes in
 * `reconcile.ts`; here, the payments the indexer lists, and its batches where it has them.
 *
 * An indexer may list a batch's payments one leg per order or as one payment of the net changes,
 * so its payment legs are grouped by transaction: outside the batches there must be exactly the
 * direct payments, and each batch's legs must move every account by what the batch settled. An
 * indexer that lists batch settlements (`/communities/{id}/batches`) must list every batch with its
 * orders (id, payer, payee, amount, sequence number) exactly as the simulator settled them.
 */
import type { SimEvent } from "./events.ts";

/** A batch settlement as the simulator made it. */
export interface SettledBatch {
  txId: string;
  orders: { orderId: string; payer: string; payee: string; amount: bigint; seq: bigint }[];
}

/** The accepted settlements in the log, in order, with account ids. */
export function settledBatches(events: readonly SimEvent[], accountOf: ReadonlyMap<number, string>): SettledBatch[] {
  const batches = new Map<string, SettledBatch>();
  for (const e of events) {
    if (e.kind !== "payment" || e.status !== "accepted" || !e.order) continue;
    const batch = batches.get(e.txId!) ?? batches.set(e.txId!, { txId: e.txId!, orders: [] }).get(e.txId!)!;
    batch.orders.push({ orderId: e.order.orderId, payer: accountOf.get(e.member)!, payee: accountOf.get(e.payee!)!, amount: e.amountUnits!, seq: e.order.seq });
  }
  return [...batches.values()];
}

async function getJson<T>(url: string): Promise<{ status: number; body: T | undefined }> {
  const response = await fetch(url);
  if (response.status === 404) return { status: 404, body: undefined };
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return { status: response.status, body: (await response.json()) as T };
}

/** Every item of a paged list (`total`, `items`), or undefined when the route does not exist. */
async function pages<T>(url: string): Promise<T[] | undefined> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 1_000) {
    const { body } = await getJson<{ total: number; items: T[] }>(`${url}${url.includes("?") ? "&" : "?"}order=asc&limit=1000&offset=${offset}`);
    if (!body) return undefined;
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

/** accountId -> change, without zeros. */
function netOf(legs: readonly { payer: string; payee: string; amount: bigint }[]): Map<string, bigint> {
  const net = new Map<string, bigint>();
  for (const l of legs) {
    net.set(l.payer, (net.get(l.payer) ?? 0n) - l.amount);
    net.set(l.payee, (net.get(l.payee) ?? 0n) + l.amount);
  }
  for (const [id, change] of net) if (change === 0n) net.delete(id);
  return net;
}

const show = (net: Map<string, bigint>) => [...net].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, c]) => `${id.slice(0, 8)} ${c > 0n ? "+" : ""}${c}`).join(", ") || "nothing";

/** Differences between the indexer's payment legs and the simulator's direct payments and batches. */
export async function paymentDifferences(base: string, events: readonly SimEvent[], batches: readonly SettledBatch[]): Promise<string[]> {
  const legs = (await pages<{ txId: string; payer: string; payee: string; amount: string }>(`${base}/payments`)) ?? [];
  const byTx = new Map<string, { payer: string; payee: string; amount: bigint }[]>();
  for (const l of legs) byTx.set(l.txId, [...(byTx.get(l.txId) ?? []), { payer: l.payer, payee: l.payee, amount: BigInt(l.amount) }]);
  const differences: string[] = [];
  const direct = events.filter((e) => e.kind === "payment" && e.status === "accepted" && !e.order).length;
  const inBatches = new Set(batches.map((b) => b.txId));
  const outside = legs.filter((l) => !inBatches.has(l.txId)).length;
  if (outside !== direct) differences.push(`payments: ${direct} direct payments accepted by the simulator, ${outside} payment legs outside batches in the indexer`);
  for (const batch of batches) {
    const ours = netOf(batch.orders);
    const theirs = netOf(byTx.get(batch.txId) ?? []);
    if (show(ours) !== show(theirs)) differences.push(`batch ${batch.txId}: settled ${show(ours)}, the indexer's payments move ${show(theirs)}`);
  }
  return differences;
}

interface IndexedBatch {
  txId: string;
  orders: number;
  total: string;
}

interface IndexedBatchDetail {
  legs: { orderId: string; payer: string; payee: string; amount: string; seq: string }[];
}

const orderKey = (o: { orderId: string; payer: string; payee: string; amount: bigint | string; seq: bigint | string }) => `${o.orderId} ${o.payer} ${o.payee} ${o.amount} ${o.seq}`;

/**
 * The simulator's batches against the indexer's (`/communities/{id}/batches`, `/batches/{txId}`);
 * undefined when the indexer does not list batch settlements.
 */
export async function batchDifferences(indexerUrl: string, communityId: string, batches: readonly SettledBatch[]): Promise<string[] | undefined> {
  const root = indexerUrl.replace(/\/$/, "");
  const listed = await pages<IndexedBatch>(`${root}/communities/${communityId}/batches`);
  if (!listed) return undefined;
  const differences: string[] = [];
  const theirs = new Map(listed.map((b) => [b.txId, b]));
  if (listed.length !== batches.length) differences.push(`batches: ${batches.length} settled by the simulator, ${listed.length} in the indexer`);
  for (const batch of batches) {
    const indexed = theirs.get(batch.txId);
    const total = batch.orders.reduce((s, o) => s + o.amount, 0n);
    if (!indexed) {
      differences.push(`batch ${batch.txId}: not in the indexer`);
      continue;
    }
    if (indexed.orders !== batch.orders.length || BigInt(indexed.total) !== total) differences.push(`batch ${batch.txId}: ${batch.orders.length} orders of ${total} units, the indexer ${indexed.orders} of ${indexed.total}`);
    const { body } = await getJson<IndexedBatchDetail>(`${root}/batches/${batch.txId}`);
    const ours = batch.orders.map(orderKey).sort();
    const listedLegs = (body?.legs ?? []).map(orderKey).sort();
    if (ours.join("|") !== listedLegs.join("|")) differences.push(`batch ${batch.txId}: its orders differ from the indexer's (${ours.length} and ${listedLegs.length})`);
  }
  return differences;
}
