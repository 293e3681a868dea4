/**
 * What the indexer API answers (docs/indexer-api.md), with amounts as bigint. The shapes come from
 * the indexer's route schemas (`indexer/api/types.ts`, imported as types only: docs/layers.md,
 * exception 5), each amount turned into a bigint by `WithBigints`, as `indexer.ts` does at run time.
 */
import type {
  AccountDetailJson, AccountJson, AccountStatus, Amount, CommunityJson, CompromiseJson, CompromiseKind, EdgeJson, PageJson, PaymentLegJson, StatsBucketJson,
} from "../../../indexer/api/types.ts";

export type { AccountStatus, CompromiseKind };

/** `T` with every amount (decimal text on the wire) a bigint, in nested objects and arrays too. */
export type WithBigints<T> = T extends Amount
  ? bigint
  : T extends readonly (infer I)[]
    ? WithBigints<I>[]
    : T extends object
      ? { [K in keyof T]: WithBigints<T[K]> }
      : T;

/** The fields of `W` that hold an amount (or null). */
export type AmountKey<W> = { [K in keyof W]-?: Extract<W[K], Amount> extends never ? never : K }[keyof W] & string;

/** An id in the API: 64 lowercase hex digits. */
export type HexId = string;

export type Community = WithBigints<CommunityJson>;
export type Metadata = Community["metadata"];
export type Policy = Community["policy"];

/** `/communities/{id}/compromises`: something the contracts should have made impossible, seen on chain. */
export type Compromise = WithBigints<CompromiseJson>;

export type Account = WithBigints<AccountJson>;
/** `/accounts/{id}`: the account, its changes waiting in the mempool and the balance once they are in a block. */
export type AccountDetail = WithBigints<AccountDetailJson>;
export type PendingChange = AccountDetail["pending"][number];

/** One leg of a payment: a payment to two payees is two legs with the same `txId`. */
export type PaymentLeg = WithBigints<PaymentLegJson>;

export type Interval = "day" | "week" | "month";

export type StatsBucket = WithBigints<StatsBucketJson>;

export type Edge = WithBigints<EdgeJson>;

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

export type Page<T> = PageJson<T>;

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
