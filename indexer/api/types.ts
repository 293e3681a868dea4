/**
 * The API's answer shapes as TypeScript types, derived from the route JSON schemas: the schemas
 * are the one source (fastify validates and serializes with them, `/docs` publishes them), so a
 * field added to a schema is in these types too. The web (`web/lib/server/indexer-types.ts`, which
 * turns the amounts into bigint) and the CLI (`lets show --json`) import them as types only.
 *
 * json-schema-to-ts's `FromSchema` reads the schemas as they are (plain objects typed exactly by
 * `record` and `nullable` in schemas.ts), so the routes keep their schemas; TypeBox would have
 * meant rewriting every schema in its builder. It is types only: nothing of it reaches run time.
 */
import type { FromSchema, JSONSchema } from "json-schema-to-ts";
import type { accountDetail, accountSchema } from "./routes/accounts.ts";
import type { boxSchema } from "./routes/boxes.ts";
import type { communitySchema } from "./routes/communities.ts";
import type { compromiseSchema } from "./routes/compromises.ts";
import type { profileSchema } from "./routes/profiles.ts";
import type { counterpartySchema } from "./routes/counterparties.ts";
import type { distributionSchema } from "./routes/distribution.ts";
import type { balancePointSchema } from "./routes/history.ts";
import type { edgeSchema } from "./routes/network.ts";
import type { blockSchema, searchSchema } from "./routes/search.ts";
import type { legEconomicsSchema, paymentSchema } from "./routes/payments.ts";
import type { bucketSchema } from "./routes/stats.ts";
import type { statusSchema } from "./routes/status.ts";
import type { transactionSchema } from "./routes/transactions.ts";
import type { amount } from "./schemas.ts";
import type { AccountView } from "../db/queries/accounts.ts";
import type { BalancePointView } from "../db/queries/balance-history.ts";
import type { AccountBoxView, BoxView, CommunityBoxView } from "../db/queries/boxes.ts";
import type { CommunityView } from "../db/queries/communities.ts";
import type { CompromiseView } from "../db/queries/compromises.ts";
import type { ProfileView } from "../db/queries/profiles.ts";
import type { CounterpartyView } from "../db/queries/counterparties.ts";
import type { BucketView, DistributionView } from "../db/queries/distribution.ts";
import type { EdgeView } from "../db/queries/network.ts";
import type { BlockView, SearchView } from "../db/queries/search.ts";
import type { PaymentView } from "../db/queries/payments.ts";
import type { PendingChangeView } from "../db/queries/pending.ts";
import type { StatsBucketView } from "../db/queries/stats.ts";
import type { SyncView } from "../db/queries/status.ts";
import type { AccountChangeView, EventView, LegView, TransactionView, TxCrossPaymentView, TxGatewayView, TxLineEventView } from "../db/queries/transactions.ts";
import type { RevenueBucketView } from "../db/queries/economics.ts";
import type { LegEconomicsView, TxEconomicsView } from "../db/queries/leg-economics.ts";
import type { revenueBucketSchema } from "./routes/revenue.ts";
import type { orderSchema } from "./routes/orders.ts";
import type { batchDetailSchema, batchSchema } from "./routes/batches.ts";
import type { OrderView } from "../db/queries/orders.ts";
import type { BatchDetailView, BatchView } from "../db/queries/batches.ts";
import type { listingPaymentSchema, listingSchema, matchSchema } from "./routes/listings.ts";
import type { reputationSchema, reviewSchema } from "./routes/reviews.ts";
import type { shopSchema } from "./routes/shops.ts";
import type { accountEscrowOrderSchema, escrowOrderSchema, escrowSchema } from "./routes/escrows.ts";
import type { refusalCountSchema, refusalSchema } from "./routes/market.ts";
import type { categorySchema, shareSchema, traderSchema } from "./routes/dashboard.ts";
import type { ListingPaymentView, ListingView } from "../db/queries/listings.ts";
import type { ReputationView, ReviewView } from "../db/queries/reputation.ts";
import type { ShopView } from "../db/queries/shops.ts";
import type { AccountEscrowOrderView, EscrowOrderView, EscrowView } from "../db/queries/escrows.ts";
import type { RefusalCountView, RefusalView } from "../db/queries/market-refusals.ts";
import type { CategoryTradeView, MarketShareView, TraderView } from "../db/queries/dashboard.ts";
import type { bankSchema, loanDetailSchema, loanSchema } from "./routes/loans.ts";
import type { governanceSchema, proposalSchema, voteSchema } from "./routes/governance.ts";
import type { BankView, LoanDetailView, LoanView } from "../db/queries/loans.ts";
import type { ProposalView, VoteView } from "../db/queries/governance-view.ts";

/** An amount on the wire: a whole number of units as decimal text ("-1250"), as the `amount` schema says. */
export type Amount = `${bigint}`;

/** The value a schema describes, each amount an `Amount` (nullable amounts `Amount | null`). */
export type Wire<S extends JSONSchema> = FromSchema<
  S,
  {
    deserialize: [
      { pattern: { type: readonly ["string", "null"]; pattern: (typeof amount)["pattern"] }; output: Amount | null },
      { pattern: { type: "string"; pattern: (typeof amount)["pattern"] }; output: Amount },
    ];
  }
>;

/** A page of a list: how many rows the whole list has, this page's limit and offset, its rows. */
export interface PageJson<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

/** `/communities/{communityId}`, and each item of `/communities`. */
export type CommunityJson = Wire<typeof communitySchema>;
/** R6, display metadata: name, symbol, description, decimals and any extra keys. */
export type MetadataJson = CommunityJson["metadata"];
/** R4, the policy. */
export type PolicyJson = CommunityJson["policy"];

/** An account, open or closed: each item of `/communities/{communityId}/accounts` and `/accounts/by-owner/{address}`. */
export type AccountJson = Wire<typeof accountSchema>;
export type AccountStatus = AccountJson["status"];
/** `/accounts/{accountId}`: the account with its changes waiting in the node's mempool. */
export type AccountDetailJson = Wire<typeof accountDetail>;
/** One change of `pending`: an unconfirmed transaction and what it would do to the balance. */
export type PendingChangeJson = AccountDetailJson["pending"][number];

/** One leg of a payment (a payment to two payees is two legs): each item of the payment lists. */
export type PaymentLegJson = Wire<typeof paymentSchema>;

/** One bucket of `/communities/{communityId}/stats`. */
export type StatsBucketJson = Wire<typeof bucketSchema>;

/** One edge of `/communities/{communityId}/network`. */
export type EdgeJson = Wire<typeof edgeSchema>;

/** One item of `/communities/{communityId}/compromises`. */
export type CompromiseJson = Wire<typeof compromiseSchema>;
export type CompromiseKind = CompromiseJson["kind"];
/** `/communities/{id}/profiles`, `/accounts/{id}/profiles`: a profile an account's owner set. */
export type ProfileJson = Wire<typeof profileSchema>;

/** The orders `/accounts/{accountId}/counterparties?sort=` takes. */
export type { CounterpartySort } from "../db/queries/counterparties.ts";

/** `/accounts/{accountId}/counterparties`: one item, an account this one paid or was paid by. */
export type CounterpartyJson = Wire<typeof counterpartySchema>;

/** `/accounts/{accountId}/history`: one item, the balance after a block that changed it. */
export type BalancePointJson = Wire<typeof balancePointSchema>;

/** `/communities/{communityId}/distribution`: open accounts by balance. */
export type DistributionJson = Wire<typeof distributionSchema>;
/** One bucket of a distribution. */
export type DistributionBucketJson = DistributionJson["items"][number];

/** `/boxes/{boxId}`, and each of a transaction's `boxes`: an account or community box, decoded (`kind` tells which). */
export type BoxJson = Wire<typeof boxSchema>;
export type AccountBoxJson = Extract<BoxJson, { kind: "account" }>;
export type CommunityBoxJson = Extract<BoxJson, { kind: "community" }>;

/** `/transactions/{txId}`: a confirmed LETS transaction. */
export type TransactionJson = Wire<typeof transactionSchema>;
export type TransactionKind = TransactionJson["kind"];
/** One thing a transaction did. */
export type EventJson = TransactionJson["events"][number];
/** One payee of a payment. */
export type LegJson = TransactionJson["legs"][number];
/** An account a transaction touched, with its balance before and after. */
export type AccountChangeJson = TransactionJson["accounts"][number];
/** A cross payment a transaction made (present only on one that made some): both legs and every hop. */
export type TxCrossPaymentJson = NonNullable<TransactionJson["crossPayments"]>[number];
/** What a transaction did to a trade line (present only on one that did). */
export type TxLineEventJson = NonNullable<TransactionJson["lineEvents"]>[number];
/** A gateway box a transaction made (present only on one that made some). */
export type TxGatewayJson = NonNullable<TransactionJson["gateways"]>[number];

/** What an economics transaction did to one account (present only on one that did something). */
export type TxEconomicsJson = NonNullable<TransactionJson["economics"]>[number];

/** An economics community's levers (R4 values 6..16); null for a plain community. */
export type LeversJson = NonNullable<PolicyJson["economics"]>;
/** An economics community's totals: charged, collected, issued, and held in accounts now. */
export type EconomicsTotalsJson = NonNullable<CommunityJson["economics"]>;
/** One period of `/communities/{communityId}/revenue`. */
export type RevenueBucketJson = Wire<typeof revenueBucketSchema>;
/** An economics account's levers, R9, worth, demurrage due and earned credit limit now. */
export type AccountEconomicsJson = NonNullable<AccountJson["economics"]>;
/** The earned credit limit at the latest indexed height, with its parts. */
export type CreditLimitJson = NonNullable<AccountEconomicsJson["creditLimit"]>;
/** The charges of a payment leg in an economics community (its `economics`, absent in a plain one). */
export type LegEconomicsJson = Wire<typeof legEconomicsSchema>;

/** `/orders/{orderId}`, and each item of `/orders`: a payment order and what became of it (docs/batches.md). */
export type OrderJson = Wire<typeof orderSchema>;
export type OrderStatus = OrderJson["status"];
/** Each item of `/communities/{communityId}/batches`: a batch settlement. */
export type BatchJson = Wire<typeof batchSchema>;
/** `/batches/{txId}`: a batch settlement with the orders it carried. */
export type BatchDetailJson = Wire<typeof batchDetailSchema>;

/** `/listings`, `/listings/{id}`, `/accounts/{accountId}/listings`: a marketplace listing (docs/marketplace.md). */
export type ListingJson = Wire<typeof listingSchema>;
export type ListingStatus = ListingJson["status"];
/** `/accounts/{accountId}/matches`: one of the member's listings and another member's that answers it. */
export type MatchJson = Wire<typeof matchSchema>;
/** `/listings/{id}/payments`: a payment leg that said it pays for the listing. */
export type ListingPaymentJson = Wire<typeof listingPaymentSchema>;
/** `/accounts/{accountId}/reviews`: a review of the account, with its weight. */
export type ReviewJson = Wire<typeof reviewSchema>;
/** `/accounts/{accountId}/reputation`. */
export type ReputationJson = Wire<typeof reputationSchema>;
/** `/shops`, `/communities/{communityId}/shops`: a shop on the map. */
export type ShopJson = Wire<typeof shopSchema>;
/** `/market/refusals`: refused marketplace notes of one kind and reason. */
export type RefusalCountJson = Wire<typeof refusalCountSchema>;
/** `/market/refusals/notes`: one refused marketplace note. */
export type RefusalJson = Wire<typeof refusalSchema>;
/** `/communities/{communityId}/dashboard/categories`: trade through the marketplace in one listing category. */
export type CategoryTradeJson = Wire<typeof categorySchema>;
/** `/communities/{communityId}/dashboard/market-share`: one bucket of the community's trade and the marketplace's part of it. */
export type MarketShareJson = Wire<typeof shareSchema>;
/** `/communities/{communityId}/dashboard/top-traders`: a member by what it paid and received in the window. */
export type TraderJson = Wire<typeof traderSchema>;

/** Each item of `/communities/{communityId}/escrows`: an escrow for post-factum payments (docs/escrow.md). */
export type EscrowJson = Wire<typeof escrowSchema>;
/** `/escrow-orders/{orderId}`, and each item of `/communities/{communityId}/escrow-orders`: an order and how it was settled. */
export type EscrowOrderJson = Wire<typeof escrowOrderSchema>;
export type EscrowOrderStatus = EscrowOrderJson["status"];
export type EscrowOrderOutcome = NonNullable<EscrowOrderJson["outcome"]>;
/** Each item of `/accounts/{accountId}/escrow-orders`: an order the account pays (`payer`) or is paid by (`payee`). */
export type AccountEscrowOrderJson = Wire<typeof accountEscrowOrderSchema>;

/** Each item of `/loans`: an ERG loan's terms and its status now (docs/loans.md). */
export type LoanJson = Wire<typeof loanSchema>;
export type LoanStatus = LoanJson["status"];
/** `/loans/{loanId}`: a loan's schedule against what happened. */
export type LoanDetailJson = Wire<typeof loanDetailSchema>;
/** `/banks/{bankId}`: a bank's record across the loans it offered. */
export type BankJson = Wire<typeof bankSchema>;

/** `/communities/{communityId}/governance`: who decides and by which rules (docs/governance.md). */
export type GovernanceJson = Wire<typeof governanceSchema>;
/** Each item of `/communities/{communityId}/proposals`, and `/proposals/{proposalId}`. */
export type ProposalJson = Wire<typeof proposalSchema>;
/** Each item of `/proposals/{proposalId}/votes`. */
export type VoteJson = Wire<typeof voteSchema>;

/** `/blocks/{block}`: a synced block and its LETS transactions. */
export type BlockJson = Wire<typeof blockSchema>;
/** `/search?q=`: what a text names. */
export type SearchJson = Wire<typeof searchSchema>;

/** `/status`: the sync cursor, the node's height, the compromise counts and the sync loop. */
export type StatusJson = Wire<typeof statusSchema>;

/** `W` with each amount plain text, as the queries return it (PostgreSQL's `::text`). */
type AsText<W> = W extends Amount ? string : W extends readonly (infer I)[] ? AsText<I>[] : W extends object ? { [K in keyof W]: AsText<W[K]> } : W;
/** The query's row `Q` is what the schema of `W` sends: the same fields, each of a type the schema allows. */
type Fits<Q, W> = [Q] extends [AsText<W>] ? ([keyof Q] extends [keyof W] ? ([keyof W] extends [keyof Q] ? true : false) : false) : false;
type Expect<T extends true> = T;

/**
 * The queries (indexer/db/queries/) declare their rows themselves, since the routes import them, and
 * this checks each against its schema: a field added to one and not the other is a type error here.
 */
export type QueriesFitSchemas = [
  Expect<Fits<CommunityView, CommunityJson>>,
  Expect<Fits<AccountView, AccountJson>>,
  // The database holds a pending change's kind as text; the schema lists the kinds.
  Expect<Fits<Omit<PendingChangeView, "kind">, Omit<PendingChangeJson, "kind">>>,
  // A list's cross payment legs add `cross`, an economics community's legs `economics` (routes/payments.ts paymentListItemSchema); a plain local leg is exactly this.
  Expect<Fits<Omit<PaymentView, "cross" | "economics">, PaymentLegJson>>,
  Expect<Fits<LegEconomicsView, LegEconomicsJson>>,
  Expect<Fits<StatsBucketView, StatsBucketJson>>,
  Expect<Fits<EdgeView, EdgeJson>>,
  Expect<Fits<CompromiseView, CompromiseJson>>,
  Expect<Fits<ProfileView, ProfileJson>>,
  Expect<Fits<CounterpartyView, CounterpartyJson>>,
  Expect<Fits<BalancePointView, BalancePointJson>>,
  Expect<Fits<DistributionView, DistributionJson>>,
  Expect<Fits<BucketView, DistributionBucketJson>>,
  Expect<Fits<AccountBoxView, AccountBoxJson>>,
  Expect<Fits<CommunityBoxView, CommunityBoxJson>>,
  Expect<Fits<BoxView, BoxJson>>,
  // A line event's kind, side, status and pending change, and a gateway's side, are text and numbers in the database; the schema lists their values.
  Expect<Fits<Omit<TransactionView, "lineEvents" | "gateways" | "economics">, Omit<TransactionJson, "lineEvents" | "gateways" | "economics">>>,
  // An economics event's kind is text in the database; the schema lists the kinds.
  Expect<Fits<Omit<TxEconomicsView, "kind">, Omit<TxEconomicsJson, "kind">>>,
  Expect<Fits<RevenueBucketView, RevenueBucketJson>>,
  Expect<Fits<OrderView, OrderJson>>,
  Expect<Fits<BatchView, BatchJson>>,
  Expect<Fits<BatchDetailView, BatchDetailJson>>,
  Expect<Fits<TxCrossPaymentView, TxCrossPaymentJson>>,
  Expect<Fits<Omit<TxLineEventView, "kind" | "side" | "status" | "pending">, Omit<TxLineEventJson, "kind" | "side" | "status" | "pending">>>,
  Expect<Fits<Omit<TxGatewayView, "side">, Omit<TxGatewayJson, "side">>>,
  Expect<Fits<EventView, EventJson>>,
  Expect<Fits<LegView, LegJson>>,
  Expect<Fits<AccountChangeView, AccountChangeJson>>,
  // The query's kinds are the events' text; the schema lists the kinds.
  Expect<Fits<Omit<BlockView, "transactions">, Omit<BlockJson, "transactions">>>,
  Expect<Fits<Omit<SearchView, "transactions">, Omit<SearchJson, "q" | "transactions">>>,
  // /status is the query's cursor and counts, and what the route adds: the node's height, the lag and the sync loop.
  Expect<Fits<SyncView, Omit<StatusJson, "nodeHeight" | "lag" | "sync">>>,
  // A listing's kind, category and price type are text in the database; the schema lists their values.
  Expect<Fits<Omit<ListingView, "kind" | "category" | "price">, Omit<ListingJson, "kind" | "category" | "price">>>,
  Expect<Fits<ListingPaymentView, ListingPaymentJson>>,
  Expect<Fits<ReviewView, ReviewJson>>,
  Expect<Fits<ReputationView, ReputationJson>>,
  Expect<Fits<ShopView, ShopJson>>,
  Expect<Fits<Omit<RefusalCountView, "note">, Omit<RefusalCountJson, "note">>>,
  Expect<Fits<Omit<RefusalView, "note">, Omit<RefusalJson, "note">>>,
  // A category is text in the database; the schema lists the categories.
  Expect<Fits<Omit<CategoryTradeView, "category">, Omit<CategoryTradeJson, "category">>>,
  Expect<Fits<MarketShareView, MarketShareJson>>,
  Expect<Fits<TraderView, TraderJson>>,
  Expect<Fits<EscrowView, EscrowJson>>,
  Expect<Fits<EscrowOrderView, EscrowOrderJson>>,
  Expect<Fits<AccountEscrowOrderView, AccountEscrowOrderJson>>,
  Expect<Fits<LoanView, LoanJson>>,
  Expect<Fits<LoanDetailView, LoanDetailJson>>,
  Expect<Fits<BankView, BankJson>>,
  // The change and its sides are JSON objects whose fields depend on the kind; the schema lists them all.
  Expect<Fits<Omit<ProposalView, "change" | "before" | "after" | "kind" | "phase" | "outcome">, Omit<ProposalJson, "change" | "before" | "after" | "kind" | "phase" | "outcome">>>,
  Expect<Fits<VoteView, VoteJson>>,
];
