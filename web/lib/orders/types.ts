/**
 * Payment orders and batch settlements as the indexer's API answers them (docs/indexer-api.md:
 * `GET /orders`, `GET /orders/{id}`, `GET /communities/{id}/batches`, `GET /batches/{txId}`),
 * amounts as bigint. The shapes follow the route schemas in `indexer/api/routes/orders.ts` and the
 * batch queries; both sides of the wire say what each field means.
 */
import type { OrderStatus } from "./plan.ts";

export type { OrderStatus };

/** Every status, in the order the account page lists them. */
export const ORDER_STATUSES = ["pending", "submitted", "settled", "void", "expired"] as const satisfies readonly OrderStatus[];

/** One payment order and what became of it. */
export interface Order {
  /** blake2b256 of the signed message: the same id wherever the order goes. */
  orderId: string;
  communityId: string;
  payer: string;
  payee: string;
  amount: bigint;
  seq: bigint;
  expiry: bigint;
  signature: { commitment: string; response: string };
  status: OrderStatus;
  /** The batch that settled it (settled) or carries it in the mempool (submitted); null otherwise. */
  txId: string | null;
  /** The height it settled at; null unless settled. */
  height: number | null;
  /** Why it is void or expired, or why the settlement service last left a pending one out. */
  reason: string | null;
  /** When the indexer received it (ms); null for an order known only from a settlement on chain. */
  receivedAt: number | null;
}

/** One batch settlement: the transaction, its community, how many orders it settled and the units they moved. */
export interface Batch {
  txId: string;
  height: number;
  timestamp: number;
  communityId: string;
  batchBoxId: string;
  orders: number;
  total: bigint;
  /** The single key its change went to (`08cd` + key): whoever settled it; null when none. */
  settler: string | null;
}

/** One order a batch settled, in the batch's leg order. */
export interface BatchLeg {
  leg: number;
  orderId: string;
  payer: string;
  payee: string;
  amount: bigint;
  seq: bigint;
  expiry: bigint;
  signature: { commitment: string; response: string };
}

/** `GET /batches/{txId}`: the batch and its orders. */
export interface BatchDetail extends Batch {
  legs: BatchLeg[];
}

/** What the indexer said about one posted order: kept (waiting for a batch) or refused with its reason. */
export interface OrderIntake {
  orderId: string | null;
  accepted: boolean;
  added: boolean;
  reason: string | null;
}

/** The amount fields of orders and batches (decimal text on the wire). */
export const ORDER_AMOUNTS: ReadonlySet<string> = new Set(["amount", "seq", "expiry", "total"]);
