/**
 * Trade lines as the indexer serves them (docs/indexer-api.md, `indexer/api/routes/lines.ts`),
 * amounts as bigint. Plain types, shared by the server's client (`$lib/server/indexer.ts`) and
 * the pages' components. The terms, sides, states and a hop's quote are the contracts' own types
 * (the wire's decimal text turned into bigint by `deepBigints`), not declared again here.
 */
import type { HopQuote as ContractHopQuote, LineStatus, LineTerms, Side } from "$contracts/line/line.ts";

/** A line's terms: 1 A-unit = rateNum/rateDen B-units (smallest units); capA in B-units, capB in A-units; fees in basis points. */
export type { LineStatus, LineTerms, Side };

/** A change one committee proposed and the other may accept. */
export interface LinePending {
  proposerSide: Side;
  kind: "terms" | "close";
  terms: LineTerms | null;
}

export interface TradeLine {
  lineId: string;
  communityA: string;
  communityB: string;
  status: LineStatus;
  pausedA: boolean;
  pausedB: boolean;
  terms: LineTerms;
  pending: LinePending | null;
  boxId: string;
  createdHeight: number;
  createdTxId: string;
  updatedHeight: number;
  updatedTxId: string;
  /** A's trade position (A-units; positive: A paid in, so A owes B). */
  positionA: bigint;
  positionB: bigint;
  feesHeldA: bigint;
  feesHeldB: bigint;
}

/** A line as one community sees it. */
export interface CommunityLine extends TradeLine {
  side: Side;
  partnerCommunityId: string;
  /** This community's trade position, in its units. */
  position: bigint;
  feesHeld: bigint;
}

export interface GatewayView {
  gatewayId: string;
  communityId: string;
  side: Side;
  shard: number;
  balance: bigint;
  feesHeld: bigint;
  position: bigint;
  boxId: string;
  updatedHeight: number;
}

export interface LineDetail extends TradeLine {
  gateways: GatewayView[];
}

export type LineEventKind =
  | "proposed" | "accepted" | "cancelled" | "paused" | "resumed" | "change-proposed" | "change-withdrawn" | "change-accepted" | "closed" | "refreshed" | "shard-refreshed";

export interface LineEvent {
  txId: string;
  height: number;
  timestamp: number;
  kind: LineEventKind;
  side: Side | null;
  status: LineStatus;
  pausedA: boolean;
  pausedB: boolean;
  terms: LineTerms;
  pending: LinePending | null;
}

export interface PositionPoint {
  txId: string;
  height: number;
  side: Side;
  shard: number;
  balance: bigint;
  feesHeld: bigint;
  position: bigint;
}

export interface LineHistory {
  lineId: string;
  events: LineEvent[];
  positions: PositionPoint[];
}

/** One line crossed by a cross payment. */
export interface Hop {
  lineId: string;
  shard: number;
  fromCommunityId: string;
  toCommunityId: string;
  sent: bigint;
  senderFee: bigint;
  converted: bigint;
  receiverFee: bigint;
  delivered: bigint;
}

export interface CrossPayment {
  txId: string;
  leg: number;
  height: number;
  timestamp: number;
  payerCommunityId: string;
  payer: string;
  debit: bigint;
  payeeCommunityId: string;
  payee: string;
  received: bigint;
  lineIds: string[];
  hops: Hop[];
}

/** What marks a community's payment leg as one side of a cross payment. */
export interface CrossLeg {
  side: "payer" | "payee";
  otherCommunityId: string;
  payerCommunityId: string;
  payeeCommunityId: string;
  debit: bigint;
  received: bigint;
  lineIds: string[];
  hops: Hop[];
}

/** A hop's quote as `/routes` gives it: the contracts' `quoteHop`, without the side (the step says it). */
export type HopQuote = Omit<ContractHopQuote, "from">;

export interface RouteStep {
  lineId: string;
  fromCommunityId: string;
  toCommunityId: string;
  fromSide: Side;
  terms: LineTerms;
  shard: number | null;
  quote: HopQuote | null;
}

/** `GET /routes?from=&to=&amount=`. */
export interface RouteQuote {
  from: string;
  to: string;
  amount: bigint | null;
  steps: RouteStep[];
  debit: bigint | null;
  received: bigint | null;
}

/** Every key of the lines' wire shapes that holds an amount (decimal text on the wire). */
export const LINE_AMOUNT_KEYS: ReadonlySet<string> = new Set([
  "rateNum", "rateDen", "capA", "capB", "feeA", "feeB", "shards", "positionA", "positionB", "feesHeldA", "feesHeldB", "position", "feesHeld", "balance",
  "debit", "received", "sent", "senderFee", "converted", "receiverFee", "delivered", "amount",
]);

/** A copy of `raw` with every field named in `keys` (at any depth) turned from decimal text into bigint. */
export function deepBigints<T>(raw: unknown, keys: ReadonlySet<string> = LINE_AMOUNT_KEYS): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (key !== undefined && keys.has(key) && typeof value === "string") {
      if (!/^-?[0-9]+$/.test(value)) throw new SyntaxError(`${key} is not a decimal amount: ${value}`);
      return BigInt(value);
    }
    return value;
  };
  return walk(raw) as T;
}
