/**
 * Post-factum payments at the end of a run (docs/simulate.md, "Post-factum payments"): the orders
 * the simulator left open against the escrow boxes on chain (each open order's id is its open box's
 * id, its balance the order's max), and, where the indexer serves them, against its
 * `/communities/{id}/escrow-orders`: every order committed, with its status and settlement.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decodeEscrow } from "../../contracts/escrow/escrow.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import type { SimEvent } from "./events.ts";

/** One comparison and what it found (the shape of reconcile.ts's checks, which import this file). */
export interface Check {
  name: string;
  ok: boolean;
  differences: string[];
}

const PAGE = 500;
const MAX_LISTED = 20;

/** An order as the simulator's events state it. */
interface OrderState {
  escrowId: string;
  max: bigint;
  status: "open" | "settled";
  released?: bigint;
  returned?: bigint;
}

/** Every order the run committed, by order id, from its accepted events. */
export function ordersOfEvents(events: readonly SimEvent[]): Map<string, OrderState> {
  const orders = new Map<string, OrderState>();
  for (const e of events) {
    const pf = e.postFactum;
    if (e.kind !== "postfactum" || e.status !== "accepted" || !pf?.orderId) continue;
    const before = orders.get(pf.orderId);
    if (pf.step === "commit") orders.set(pf.orderId, { escrowId: pf.escrowId, max: pf.max!, status: "open" });
    else {
      orders.set(pf.orderId, { ...before!, status: "settled", released: pf.released!, returned: pf.returned! });
      if (pf.remainderOrderId) orders.set(pf.remainderOrderId, { escrowId: pf.escrowId, max: pf.kept!, status: "open" });
    }
  }
  return orders;
}

/** The open orders on chain: what the open escrow boxes of the community hold, by escrow id. */
async function openOnChain(node: NodeClient, communityId: string): Promise<Map<string, bigint>> {
  const open = new Map<string, bigint>();
  for (let offset = 0; ; offset += PAGE) {
    const boxes = await node.request<Box<Amount>[]>("GET", `/blockchain/box/unspent/byTokenId/${communityId}?offset=${offset}&limit=${PAGE}&sortDirection=asc`);
    for (const box of boxes) {
      const escrow = decodeEscrow(box);
      if (escrow.ok && escrow.value.communityId === communityId && escrow.value.order) open.set(escrow.value.escrowId, escrow.value.order.max);
    }
    if (boxes.length < PAGE) break;
  }
  return open;
}

/** The simulator's open orders against the chain's open escrow boxes. */
export async function postFactumChainCheck(node: NodeClient, communityId: string, events: readonly SimEvent[]): Promise<Check> {
  const ours = [...ordersOfEvents(events)].filter(([, o]) => o.status === "open");
  const chain = await openOnChain(node, communityId);
  const differences: string[] = [];
  for (const [id, o] of ours) {
    if (chain.get(o.escrowId) !== o.max) differences.push(`order ${id}: open in escrow ${o.escrowId} holding ${o.max} in the simulator, ${chain.has(o.escrowId) ? `holding ${chain.get(o.escrowId)}` : "no open order there"} on chain`);
  }
  for (const escrowId of chain.keys()) if (!ours.some(([, o]) => o.escrowId === escrowId)) differences.push(`escrow ${escrowId}: an open order on chain, none in the simulator`);
  return { name: "post-factum orders = chain", ok: differences.length === 0, differences: differences.slice(0, MAX_LISTED) };
}

interface IndexedOrder {
  orderId: string;
  maxUnits: string;
  status: "open" | "settled";
  releasedUnits: string | null;
  returnedUnits: string | null;
}

/**
 * Every order against the indexer's escrow orders; undefined when the indexer has no such route
 * (an indexer from before escrows): then the chain check stands alone.
 */
export async function postFactumIndexerCheck(indexerUrl: string, communityId: string, events: readonly SimEvent[]): Promise<Check | undefined> {
  const base = `${indexerUrl.replace(/\/$/, "")}/communities/${communityId}/escrow-orders`;
  const indexed = new Map<string, IndexedOrder>();
  for (let offset = 0; ; offset += 1_000) {
    const response = await fetch(`${base}?limit=1000&offset=${offset}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${base}: HTTP ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { total: number; items: IndexedOrder[] };
    for (const o of page.items) indexed.set(o.orderId, o);
    if (offset + page.items.length >= page.total) break;
  }
  const differences: string[] = [];
  const str = (v: bigint | undefined) => (v === undefined ? null : v.toString());
  for (const [id, o] of ordersOfEvents(events)) {
    const theirs = indexed.get(id);
    const same = theirs && theirs.maxUnits === o.max.toString() && theirs.status === o.status && theirs.releasedUnits === str(o.released) && theirs.returnedUnits === str(o.returned);
    if (!same) differences.push(`order ${id}: ${o.status} (max ${o.max}, released ${o.released ?? "-"}) in the simulator, ${theirs ? `${theirs.status} (max ${theirs.maxUnits}, released ${theirs.releasedUnits ?? "-"})` : "absent"} in the indexer`);
    indexed.delete(id);
  }
  for (const id of indexed.keys()) differences.push(`order ${id}: in the indexer, not in the simulator`);
  return { name: "post-factum orders = indexer", ok: differences.length === 0, differences: differences.slice(0, MAX_LISTED) };
}

/** Payment legs the indexer lists for the accepted post-factum steps: a commit's (payer to escrow), and a settlement's to each side it pays. */
export function postFactumLegs(events: readonly SimEvent[]): number {
  let legs = 0;
  for (const e of events) {
    const pf = e.postFactum;
    if (e.kind !== "postfactum" || e.status !== "accepted" || !pf) continue;
    if (pf.step === "commit") legs++;
    else if (pf.step !== "open") legs += (pf.released! > 0n ? 1 : 0) + (pf.returned! > 0n ? 1 : 0);
  }
  return legs;
}
