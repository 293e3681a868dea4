/**
 * What the indexer API answers (docs/indexer-api.md), with amounts as bigint. The shapes come from
 * the indexer's route schemas (`indexer/api/types.ts`, imported as types only: docs/layers.md,
 * exception 5), each amount turned into a bigint by `WithBigints`, as `indexer.ts` does at run time.
 */
import type {
  AccountDetailJson, AccountJson, AccountStatus, Amount, BalancePointJson, BoxJson, CategoryTradeJson, CommunityJson, CompromiseJson, CompromiseKind, CounterpartyJson, CounterpartySort as ApiCounterpartySort,
  BlockJson, DistributionJson, EconomicsTotalsJson, EdgeJson, LeversJson, MarketShareJson, PageJson, PaymentLegJson, ProfileJson, RevenueBucketJson, SearchJson, StatsBucketJson, StatusJson,
  TraderJson, TransactionJson, TransactionKind, AccountEscrowOrderJson, EscrowJson, EscrowOrderJson, EscrowOrderOutcome, EscrowOrderStatus,
  BankJson, LoanDetailJson, LoanJson, LoanStatus,
} from "../../../indexer/api/types.ts";

import type { CrossLeg } from "../lines/types.ts";

export type { AccountStatus, CompromiseKind, EscrowOrderOutcome, EscrowOrderStatus, LoanStatus, TransactionKind };

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

export type Community = WithBigints<CommunityJson>;
export type Metadata = Community["metadata"];
export type Policy = Community["policy"];

/** `/communities/{id}/compromises`: something the contracts should have made impossible, seen on chain. */
export type Compromise = WithBigints<CompromiseJson>;

export type Account = WithBigints<AccountJson>;
/** A profile an account's owner set (display name, about, link), with the transaction that set it. */
export type Profile = ProfileJson;
/** `/accounts/{id}`: the account, its changes waiting in the mempool and the balance once they are in a block. */
export type AccountDetail = WithBigints<AccountDetailJson>;
export type PendingChange = AccountDetail["pending"][number];

/** One leg of a payment: a payment to two payees is two legs with the same `txId`; a cross payment's legs say so in `cross`. */
export type PaymentLeg = WithBigints<PaymentLegJson> & { cross?: CrossLeg };

export type Interval = "day" | "week" | "month";

export type StatsBucket = WithBigints<StatsBucketJson>;

/** An economics community's levers (docs/economics.md). */
export type Levers = WithBigints<LeversJson>;
/** An economics community's totals: charged, collected, issued, and held in accounts now. */
export type EconomicsTotals = WithBigints<EconomicsTotalsJson>;
/** One period of `/communities/{id}/revenue`: what was charged, swept and issued in it, and what accounts held after it. */
export type RevenueBucket = WithBigints<RevenueBucketJson>;
/** `/communities/{id}/revenue`: periods of `bucket` blocks from `fromHeight` to `toHeight`. */
export interface Revenue {
  communityId: string;
  bucket: number;
  fromHeight: number;
  toHeight: number;
  items: RevenueBucket[];
}
/** `bucket`: blocks per period; the range is the community's life unless given. */
export interface RevenueQuery {
  bucket?: number;
  fromHeight?: number;
  toHeight?: number;
}

export type Edge = WithBigints<EdgeJson>;

/** `/status`: the sync cursor, the node's height and lag, the compromise counts and the sync loop. */
export type Status = StatusJson;

export type Page<T> = PageJson<T>;

export interface PageQuery {
  limit?: number;
  offset?: number;
}

/** `/communities/{id}/profiles`: a page of every current profile, or those of `accounts` only (1 to 100 ids). */
export interface ProfilesQuery extends PageQuery {
  accounts?: readonly string[];
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

/** An account or community box as the indexer decoded it (`/boxes/{id}`, a transaction's `boxes`). */
export type IndexedBox = WithBigints<BoxJson>;

/** `/transactions/{txId}`: a confirmed LETS transaction. */
export type Transaction = WithBigints<TransactionJson>;
/** An account a transaction touched; a null balance is none (opened, closed) or not known (its box was spent in the same block). */
export type TransactionAccount = Transaction["accounts"][number];

/** `/blocks/{height or id}`: a synced block and its LETS transactions (no amounts). */
export type Block = BlockJson;

/** `/search?q=`: what a text names; the accounts with bigint amounts. */
export type SearchResult = WithBigints<SearchJson>;

/** `/communities/{id}/distribution`. */
export type Distribution = WithBigints<DistributionJson>;

/** The API's counterparty orders, restated because the web imports only the indexer's types; the checks below keep the two lists equal. */
export const COUNTERPARTY_SORTS = ["payments", "paid", "received", "net", "lastHeight"] as const satisfies readonly ApiCounterpartySort[];
export type CounterpartySort = (typeof COUNTERPARTY_SORTS)[number];
/** A type error here names an order the API takes that the web's list lacks. */
export type CounterpartySortsComplete = Exclude<ApiCounterpartySort, CounterpartySort> extends never ? true : Exclude<ApiCounterpartySort, CounterpartySort>;
const _complete: CounterpartySortsComplete = true;
void _complete;

/** `/accounts/{id}/counterparties`. */
export type Counterparty = WithBigints<CounterpartyJson>;

export interface CounterpartiesQuery extends PageQuery {
  sort?: CounterpartySort;
  order?: Order;
}

/** `/accounts/{id}/history`: the balance after a block that changed it. */
export type BalancePoint = WithBigints<BalancePointJson>;

/** `/communities/{id}/dashboard/categories`: one listing category's trade through the marketplace. */
export type CategoryTrade = WithBigints<CategoryTradeJson>;

/** `/communities/{id}/dashboard/market-share`: one bucket of all payments and those that named a listing. */
export type MarketShareBucket = WithBigints<MarketShareJson>;

/** `/communities/{id}/dashboard/top-traders`: one member by what it paid and received. */
export type Trader = WithBigints<TraderJson>;

/** `/communities/{id}/dashboard/top-traders`: the window (`days` before the latest block, from `since` ms) and its members, most traded first. */
export interface TopTraders {
  days: number;
  since: number;
  items: Trader[];
}

/** `/communities/{id}/escrows`: an escrow for post-factum payments (docs/escrow.md), its deposit and balance as bigint. */
export type Escrow = WithBigints<EscrowJson>;
/** `/escrow-orders/{orderId}`, `/communities/{id}/escrow-orders`: an order, its units as bigint (released and returned null while open). */
export type EscrowOrder = WithBigints<EscrowOrderJson>;
/** `/accounts/{id}/escrow-orders`: an order with the account's `role` in it. */
export type AccountEscrowOrder = WithBigints<AccountEscrowOrderJson>;

/** `/loans`: an ERG loan (docs/loans.md) with its terms and status now; amounts and schedule heights (Long registers) as bigint. */
export type Loan = WithBigints<LoanJson>;
export type LoanState = Loan["state"];
/** `/loans/{loanId}`: a loan's tranches, instalments and events against its schedule. */
export type LoanDetail = WithBigints<LoanDetailJson>;
export type Instalment = LoanDetail["instalments"][number];
export type Tranche = LoanDetail["tranches"][number];
export type LoanEvent = LoanDetail["events"][number];
/** `/banks/{bankId}`: a bank's record across the loans it offered. */
export type Bank = WithBigints<BankJson>;
