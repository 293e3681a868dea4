/**
 * What the indexer API answers (docs/indexer-api.md), with amounts as bigint. The web keeps its
 * own copy of these shapes: the API is the contract between the two, not the indexer's code.
 */

/** An id in the API: 64 lowercase hex digits. */
export type HexId = string;

export interface Policy {
  creditLimit: bigint;
  positiveCap: bigint;
  joinFeeNanoErg: bigint;
  collateralNanoErg: bigint;
  maxMembers: bigint;
  inactivityBlocks: bigint;
}

export interface Metadata {
  name: string;
  symbol: string;
  description: string;
  decimals: number;
  [extra: string]: unknown;
}

export interface Community {
  communityId: HexId;
  genesisTxId: HexId;
  createdHeight: number;
  boxId: HexId;
  committee: string;
  metadata: Metadata;
  policy: Policy;
  members: number;
  membersJoined: bigint;
  seatsLeft: bigint;
  communityBalance: bigint;
  moneySupply: bigint;
  creditInUse: bigint;
  treasuryNanoErg: bigint;
  /** Why R6 is not valid metadata (then `metadata` is a fallback whose description is the raw text), or null. */
  metadataProblem: string | null;
  /** Compromise flags raised against the community; 0 for a sound one. */
  compromises: number;
  /** sum(balances) + communityBalance: 0 unless a compromise broke the books. */
  imbalance: bigint;
  /** From this height anyone may refresh the community box. */
  dormantFromHeight: number;
  /** null while the community box is live; when a compromise left none, the height its last box was spent. */
  boxSpentHeight: number | null;
}

export type CompromiseKind = "escaped-unit" | "forged-account" | "rent-spend";

/** `/communities/{id}/compromises`: something the contracts should have made impossible, seen on chain. */
export interface Compromise {
  communityId: HexId;
  kind: CompromiseKind;
  txId: HexId;
  height: number;
  timestamp: number;
  boxId: HexId;
  detail: string;
}

export type AccountStatus = "open" | "left" | "defaulted" | "closed";

export interface Account {
  accountId: HexId;
  communityId: HexId;
  owner: string;
  status: AccountStatus;
  balance: bigint;
  creditLimit: bigint;
  positiveCap: bigint;
  creditLeft: bigint;
  collateralNanoErg: bigint;
  inactivityBlocks: bigint;
  joinedHeight: number;
  lastActiveHeight: number;
  valueNanoErg: bigint | null;
  boxId: HexId | null;
  closedHeight: number | null;
  /** While open, from this height anyone may close it as dormant. */
  dormantFromHeight: number | null;
}

/** `/accounts/{id}` adds the mempool view. */
export interface AccountDetail extends Account {
  pending: unknown[];
}

/** One leg of a payment. */
export interface Payment {
  txId: HexId;
  leg: number;
  height: number;
  timestamp: number;
  communityId: HexId;
  payer: HexId;
  payee: HexId;
  amount: bigint;
}

export type Interval = "day" | "week" | "month";

export interface StatsBucket {
  start: number;
  end: number;
  payments: number;
  volume: bigint;
  activeMembers: number;
  newMembers: number;
  moneySupply: bigint;
  creditInUse: bigint;
}

export interface Edge {
  source: HexId;
  target: HexId;
  amount: bigint;
  count: number;
}

export interface Status {
  height: number;
  blockId: HexId | null;
  timestamp: number | null;
  nodeHeight: number | null;
  lag: number | null;
  communities: number;
  ignoredBoxes: number;
  compromises: { total: number; communities: number; byKind: Record<CompromiseKind, number> };
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

export interface RangeQuery {
  fromHeight?: number;
  toHeight?: number;
  fromTime?: number;
  toTime?: number;
}

export type AccountSort = "joinedHeight" | "balance" | "lastActiveHeight";
export type Order = "asc" | "desc";

export interface AccountsQuery extends PageQuery {
  sort?: AccountSort;
  order?: Order;
  status?: AccountStatus;
}

export interface PaymentsQuery extends PageQuery, RangeQuery {
  order?: Order;
}

export type TransactionKind = "create" | "join" | "payment" | "leave" | "default" | "close" | "govern" | "refresh";

/** An account or community box as the indexer decoded it (`/boxes/{id}`, a transaction's `boxes`). */
export type IndexedBox =
  | {
      kind: "account"; boxId: HexId; txId: HexId; createdHeight: number; spentHeight: number | null; creationHeight: number; accountId: HexId; communityId: HexId;
      owner: string; balance: bigint; creditLimit: bigint; positiveCap: bigint; collateralNanoErg: bigint; inactivityBlocks: bigint;
      joinedHeight: number; lastActiveHeight: number; valueNanoErg: bigint;
    }
  | {
      kind: "community"; boxId: HexId; txId: HexId; createdHeight: number; spentHeight: number | null; creationHeight: number; communityId: HexId;
      committee: string; metadata: Metadata; policy: Policy; membersJoined: bigint; communityBalance: bigint; seatsLeft: bigint; treasuryNanoErg: bigint;
      metadataProblem: string | null;
    };

/** An account a transaction touched; a null balance is none (opened, closed) or not known (its box was spent in the same block). */
export interface TransactionAccount {
  accountId: HexId;
  owner: string;
  opened: boolean;
  closed: boolean;
  balanceBefore: bigint | null;
  balanceAfter: bigint | null;
  boxId: HexId | null;
}

/** `/transactions/{txId}`: a confirmed LETS transaction. */
export interface Transaction {
  txId: HexId;
  height: number;
  blockId: HexId;
  timestamp: number;
  communityId: HexId;
  kind: TransactionKind;
  events: { seq: number; kind: TransactionKind; communityId: HexId; accountId: HexId | null; amount: bigint | null }[];
  legs: { leg: number; payer: HexId; payee: HexId; amount: bigint }[];
  accounts: TransactionAccount[];
  boxes: IndexedBox[];
}

/** `/communities/{id}/distribution`. */
export interface Distribution {
  communityId: HexId;
  members: number;
  negative: number;
  zero: number;
  positive: number;
  min: bigint | null;
  max: bigint | null;
  bucketWidth: bigint | null;
  items: { from: bigint; to: bigint; count: number }[];
}

export const COUNTERPARTY_SORTS = ["payments", "paid", "received", "net", "lastHeight"] as const;
export type CounterpartySort = (typeof COUNTERPARTY_SORTS)[number];

/** `/accounts/{id}/counterparties`. */
export interface Counterparty {
  accountId: HexId;
  owner: string;
  paid: bigint;
  received: bigint;
  net: bigint;
  payments: number;
  lastHeight: number;
}

export interface CounterpartiesQuery extends PageQuery {
  sort?: CounterpartySort;
  order?: Order;
}

/** `/accounts/{id}/history`: the balance after a block that changed it. */
export interface BalancePoint {
  height: number;
  timestamp: number;
  txId: HexId;
  balance: bigint;
  kind: "join" | "payment" | "leave" | "default" | "close";
}
