/**
 * A typed client of the indexer REST API (docs/indexer-api.md) for the web server. Amounts arrive
 * as decimal strings and leave as bigint; any integer a JSON number cannot hold exactly is an
 * error rather than a silently rounded value. A 404 is `IndexerNotFound`, so pages can answer 404.
 */
import { parseJson } from "$ergo/json.ts";
import type {
  Account, AccountDetail, AccountEscrowOrder, Bank, Block, Escrow, Loan, LoanDetail, LoanState, EscrowOrder, EscrowOrderStatus, AccountsQuery, AmountKey, BalancePoint, CategoryTrade, Community, Compromise, CounterpartiesQuery, Counterparty, Distribution, Edge, IndexedBox,
  Interval, MarketShareBucket, Order, Page, PageQuery, PaymentLeg, PaymentsQuery, Profile, ProfilesQuery, RangeQuery, Revenue, RevenueQuery, SearchResult, Status, StatsBucket, TopTraders, Trader, Transaction,
} from "./indexer-types.ts";
import type {
  AccountBoxJson, AccountChangeJson, AccountDetailJson, AccountEconomicsJson, AccountJson, BalancePointJson, CategoryTradeJson, CommunityBoxJson, CommunityJson, CounterpartyJson,
  CreditLimitJson, DistributionBucketJson, DistributionJson, EconomicsTotalsJson, EdgeJson, EventJson, LegEconomicsJson, LegJson, LeversJson, MarketShareJson, PaymentLegJson,
  PendingChangeJson, PolicyJson, RevenueBucketJson, StatsBucketJson, TraderJson, TxEconomicsJson, AccountEscrowOrderJson, EscrowJson, EscrowOrderJson,
  BankJson, LoanDetailJson, LoanJson,
} from "../../../indexer/api/types.ts";
import { WebError } from "../errors.ts";
import { underwritingAmounts, type AccountBacking, type CommunityUnderwriting, type Stake, type StakeState } from "../underwriting/types.ts";
import { deepBigints, type CommunityLine, type CrossPayment, type LineDetail, type LineHistory, type LineStatus, type RouteQuote, type TradeLine } from "../lines/types.ts";

/** The indexer answered with an error, or not at all (`status` 0), or with something unreadable. */
export class IndexerRequestError extends WebError {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly detail: string,
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(`indexer ${status || "unreachable"} ${reason}: ${detail} (${url})`, options);
  }
}

/** The id (or route) asked for does not exist. */
export class IndexerNotFound extends IndexerRequestError {}

/** The indexer did not answer: down, wrong URL, or too slow. Worth retrying. */
export class IndexerUnreachable extends IndexerRequestError {}

type Query = Record<string, string | number | undefined>;

/** The amount fields of the wire shape `W`, named by an object that must name each (a field a schema adds is a type error here until listed). */
const amountsOf = <W>(fields: Record<AmountKey<W>, true>): string[] => Object.keys(fields);

const COMMUNITY_AMOUNTS = amountsOf<CommunityJson>({
  membersJoined: true, seatsLeft: true, communityBalance: true, moneySupply: true, creditInUse: true, treasuryNanoErg: true, imbalance: true,
});
const POLICY_AMOUNTS = amountsOf<PolicyJson>({
  creditLimit: true, positiveCap: true, joinFeeNanoErg: true, collateralNanoErg: true, maxMembers: true, inactivityBlocks: true,
});
const ACCOUNT_FIELDS = {
  balance: true, creditLimit: true, positiveCap: true, creditLeft: true, collateralNanoErg: true, inactivityBlocks: true, valueNanoErg: true, nextSeq: true,
  pendingIn: true, pendingOut: true,
} as const;
const ACCOUNT_AMOUNTS = amountsOf<AccountJson>(ACCOUNT_FIELDS);
const ACCOUNT_DETAIL_AMOUNTS = amountsOf<AccountDetailJson>({ ...ACCOUNT_FIELDS, pendingBalance: true });
const PENDING_AMOUNTS = amountsOf<PendingChangeJson>({ balanceChange: true });
const PAYMENT_AMOUNTS = amountsOf<PaymentLegJson>({ amount: true, ergNanoErg: true });
const STATS_AMOUNTS = amountsOf<StatsBucketJson>({ volume: true, moneySupply: true, creditInUse: true });
const EDGE_AMOUNTS = amountsOf<EdgeJson>({ amount: true });
const ACCOUNT_BOX_AMOUNTS = amountsOf<AccountBoxJson>({
  balance: true, creditLimit: true, positiveCap: true, collateralNanoErg: true, inactivityBlocks: true, valueNanoErg: true, nextSeq: true,
});
const COMMUNITY_BOX_AMOUNTS = amountsOf<CommunityBoxJson>({ membersJoined: true, communityBalance: true, seatsLeft: true, treasuryNanoErg: true });
const EVENT_AMOUNTS = amountsOf<EventJson>({ amount: true });
const LEG_AMOUNTS = amountsOf<LegJson>({ amount: true, ergNanoErg: true });
const ACCOUNT_CHANGE_AMOUNTS = amountsOf<AccountChangeJson>({ balanceBefore: true, balanceAfter: true });
const DISTRIBUTION_AMOUNTS = amountsOf<DistributionJson>({ min: true, max: true, bucketWidth: true });
const DISTRIBUTION_BUCKET_AMOUNTS = amountsOf<DistributionBucketJson>({ from: true, to: true });
const COUNTERPARTY_AMOUNTS = amountsOf<CounterpartyJson>({ paid: true, received: true, net: true });
const BALANCE_POINT_AMOUNTS = amountsOf<BalancePointJson>({ balance: true });
const CATEGORY_AMOUNTS = amountsOf<CategoryTradeJson>({ volume: true });
const SHARE_AMOUNTS = amountsOf<MarketShareJson>({ volume: true, marketVolume: true });
const TRADER_AMOUNTS = amountsOf<TraderJson>({ paid: true, received: true, traded: true });
const ESCROW_AMOUNTS = amountsOf<EscrowJson>({ depositNanoErg: true, balance: true });
const ESCROW_ORDER_FIELDS = { maxUnits: true, minimumUnits: true, releasedUnits: true, returnedUnits: true } as const;
const ESCROW_ORDER_AMOUNTS = amountsOf<EscrowOrderJson>(ESCROW_ORDER_FIELDS);
const ACCOUNT_ESCROW_ORDER_AMOUNTS = amountsOf<AccountEscrowOrderJson>(ESCROW_ORDER_FIELDS);
/** The amounts and schedule heights (decimal text on the wire) of loans, their tranches, instalments and events, and banks (docs/loans.md). */
const LOAN_AMOUNTS: ReadonlySet<string> = new Set([
  ...amountsOf<LoanJson>({
    principalNanoErg: true, totalOwedNanoErg: true, graceBlocks: true, firstDueHeight: true, lastDueHeight: true, repaidNanoErg: true, claimedNanoErg: true,
    dueNowNanoErg: true, claimableNanoErg: true, outstandingNanoErg: true, nextDueHeight: true, bondPostedNanoErg: true, bondNanoErg: true, bondPaidOutNanoErg: true,
    bondReturnedNanoErg: true, valueNanoErg: true,
  }),
  ...amountsOf<LoanDetailJson["tranches"][number]>({ amountNanoErg: true, unlockHeight: true }),
  ...amountsOf<LoanDetailJson["instalments"][number]>({ amountNanoErg: true, dueHeight: true, graceEndHeight: true, paidNanoErg: true, claimedNanoErg: true }),
  ...amountsOf<LoanDetailJson["events"][number]>({ amountNanoErg: true, bondNanoErg: true }),
  ...amountsOf<BankJson>({ principalLentNanoErg: true, bondPostedNanoErg: true, bondPaidOutNanoErg: true }),
]);
/** A loan answer with each of `LOAN_AMOUNTS` a bigint wherever it is nested; one holding neither decimal text nor null (a JSON number, rounded past 2^53) is refused. */
function loanAmounts<T>(raw: unknown): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (key === undefined || !LOAN_AMOUNTS.has(key) || value === null) return value;
    if (typeof value !== "string" || !/^-?[0-9]+$/.test(value)) throw new SyntaxError(`${key} is not a decimal amount: ${String(value)}`);
    return BigInt(value);
  };
  return walk(raw) as T;
}
/** The amounts inside the `economics` objects of communities, policies, accounts, boxes, legs and transactions, and of revenue periods (docs/economics.md). */
const ECONOMICS_AMOUNTS: ReadonlySet<string> = new Set([
  ...amountsOf<LeversJson>({
    demurragePpm: true, demurragePeriod: true, feeBps: true, feeMin: true, turnoverPpm: true, stepUnits: true, stepBlocks: true, maxCreditLimit: true,
    newcomerBlocks: true, allowance: true, sweepMin: true,
  }),
  ...amountsOf<EconomicsTotalsJson>({
    fees: true, demurrage: true, swept: true, collectedAtExit: true, outstanding: true, allowanceIssued: true, allowanceSpent: true, allowanceReturned: true,
    allowanceOutstanding: true,
  }),
  ...amountsOf<AccountEconomicsJson>({ accrued: true, received: true, allowance: true, carry: true, worth: true, demurrageDue: true }),
  ...amountsOf<CreditLimitJson>({ limit: true, base: true, fromTurnover: true, fromSteps: true, steps: true, max: true }),
  ...amountsOf<LegEconomicsJson>({ payerFee: true, payerDemurrage: true, payerAllowanceUsed: true, payeeFee: true, payeeDemurrage: true, payeeAllowanceUsed: true }),
  ...amountsOf<TxEconomicsJson>({ fee: true, demurrage: true, allowanceUsed: true, allowanceIssued: true, allowanceReturned: true, collected: true }),
  ...amountsOf<RevenueBucketJson>({
    fees: true, demurrage: true, swept: true, collectedAtExit: true, allowanceIssued: true, allowanceSpent: true, allowanceReturned: true, outstanding: true,
    allowanceOutstanding: true,
  }),
]);
const TIMEOUT_MS = 10_000;

/** Parses API JSON; refuses integers beyond 2^53 (the API sends those as strings). */
const parseApiJson = (text: string): unknown => parseJson(text, "refuse");

/** A copy of `raw` with the `keys` holding decimal strings turned into bigint (null stays null). */
export function withBigints<T>(raw: unknown, keys: readonly string[]): T {
  if (typeof raw !== "object" || raw === null) throw new SyntaxError("expected an object");
  const out: Record<string, unknown> = { ...raw };
  for (const key of keys) {
    const value = out[key];
    if (value === null) continue;
    if (typeof value !== "string" || !/^-?[0-9]+$/.test(value)) throw new SyntaxError(`${key} is not a decimal amount: ${String(value)}`);
    out[key] = BigInt(value);
  }
  return out as T;
}

/** An `economics` object (or null, or absent) with its amounts as bigint, nested ones included. */
const economicsOf = <T>(raw: T): T => (raw === null || raw === undefined ? raw : deepBigints<T>(raw, ECONOMICS_AMOUNTS));
const policyOf = (raw: unknown): Community["policy"] => {
  const p = withBigints<Community["policy"]>(raw, POLICY_AMOUNTS);
  return { ...p, economics: economicsOf(p.economics) };
};
const community = (raw: unknown): Community => {
  const c = withBigints<Community>(raw, COMMUNITY_AMOUNTS);
  return { ...c, policy: policyOf(c.policy), economics: economicsOf(c.economics) };
};
const account = (raw: unknown): Account => {
  const a = withBigints<Account>(raw, ACCOUNT_AMOUNTS);
  return { ...a, economics: economicsOf(a.economics) };
};
const accountDetail = (raw: unknown): AccountDetail => {
  const a = withBigints<AccountDetail>(raw, ACCOUNT_DETAIL_AMOUNTS);
  return { ...a, economics: economicsOf(a.economics), pending: a.pending.map((p) => withBigints(p, PENDING_AMOUNTS)) };
};
const payment = (raw: unknown): PaymentLeg => {
  const leg = withBigints<PaymentLeg & { cross?: unknown; economics?: unknown }>(raw, PAYMENT_AMOUNTS);
  // A cross payment's leg carries its route and both sides' amounts (docs/inter-lets.md); an economics leg its charges.
  const withCharges = leg.economics === undefined ? leg : { ...leg, economics: economicsOf(leg.economics) };
  return leg.cross === undefined ? withCharges : { ...withCharges, cross: deepBigints(leg.cross) };
};
const indexedBox = (raw: unknown): IndexedBox => {
  const box = raw as IndexedBox;
  if (box.kind === "account") {
    const a = withBigints<IndexedBox & { kind: "account" }>(box, ACCOUNT_BOX_AMOUNTS);
    return { ...a, economics: economicsOf(a.economics) };
  }
  const c = withBigints<IndexedBox & { kind: "community" }>(box, COMMUNITY_BOX_AMOUNTS);
  return { ...c, policy: policyOf(c.policy) };
};
const transaction = (raw: unknown): Transaction => {
  const t = raw as Transaction;
  return {
    ...t,
    events: t.events.map((e) => withBigints(e, EVENT_AMOUNTS)),
    legs: t.legs.map((l) => withBigints(l, LEG_AMOUNTS)),
    accounts: t.accounts.map((a) => withBigints(a, ACCOUNT_CHANGE_AMOUNTS)),
    boxes: t.boxes.map(indexedBox),
    ...(t.economics === undefined ? {} : { economics: economicsOf(t.economics) }),
  };
};
const distribution = (raw: unknown): Distribution => {
  const d = withBigints<Distribution>(raw, DISTRIBUTION_AMOUNTS);
  return { ...d, items: d.items.map((b) => withBigints(b, DISTRIBUTION_BUCKET_AMOUNTS)) };
};
const page = <T>(raw: unknown, item: (raw: unknown) => T): Page<T> => {
  const p = raw as Page<unknown>;
  return { total: p.total, limit: p.limit, offset: p.offset, items: p.items.map(item) };
};

/** Builds `path?query`, leaving out undefined values. */
export function apiPath(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The indexer API as typed calls. */
export function createIndexerClient(baseUrl: string, fetchFn: typeof fetch = fetch) {
  const base = baseUrl.replace(/\/+$/, "");

  /** The raw reply of a GET, after mapping errors; for passing CSV through unchanged. */
  async function raw(path: string, query: Query = {}): Promise<Response> {
    const url = base + apiPath(path, query);
    let response: Response;
    try {
      response = await fetchFn(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (cause) {
      throw new IndexerUnreachable(0, "unreachable", cause instanceof Error ? cause.message : String(cause), url, { cause });
    }
    if (response.ok) return response;
    const text = await response.text();
    let body: { reason?: unknown; detail?: unknown } = {};
    try {
      body = (parseApiJson(text) ?? {}) as typeof body;
    } catch {
      body = { detail: text.slice(0, 200) };
    }
    const reason = typeof body.reason === "string" ? body.reason : "error";
    const detail = typeof body.detail === "string" ? body.detail : response.statusText;
    throw new (response.status === 404 ? IndexerNotFound : IndexerRequestError)(response.status, reason, detail, url);
  }

  async function json(path: string, query: Query = {}): Promise<unknown> {
    const response = await raw(path, query);
    const text = await response.text();
    try {
      return parseApiJson(text);
    } catch (cause) {
      throw new IndexerRequestError(response.status, "unreadable", (cause as Error).message, response.url, { cause });
    }
  }

  /** GETs `path` and decodes the JSON with `decode`; a reply of the wrong shape is an `IndexerRequestError`. */
  async function get<T>(path: string, query: Query, decode: (raw: unknown) => T): Promise<T> {
    const value = await json(path, query);
    try {
      return decode(value);
    } catch (cause) {
      throw new IndexerRequestError(200, "unreadable", (cause as Error).message, base + path, { cause });
    }
  }

  const id = (value: string) => encodeURIComponent(value);
  const items = <T>(decode: (raw: unknown) => T) => (r: unknown) => (r as { items: unknown[] }).items.map(decode);

  const lineQuery = (q: PageQuery & { status?: LineStatus }) => ({ limit: q.limit, offset: q.offset, status: q.status });

  return {
    baseUrl: base,
    lines: (q: PageQuery & { status?: LineStatus } = {}) => get("/lines", lineQuery(q), (r) => page(r, (l) => deepBigints<TradeLine>(l))),
    communityLines: (communityId: string, q: PageQuery & { status?: LineStatus } = {}) =>
      get(`/communities/${id(communityId)}/lines`, lineQuery(q), (r) => page(r, (l) => deepBigints<CommunityLine>(l))),
    line: (lineId: string) => get(`/lines/${id(lineId)}`, {}, (r) => deepBigints<LineDetail>(r)),
    lineHistory: (lineId: string) => get(`/lines/${id(lineId)}/history`, {}, (r) => deepBigints<LineHistory>(r)),
    linePayments: (lineId: string, q: PageQuery & { order?: Order } = {}) =>
      get(`/lines/${id(lineId)}/payments`, { ...q }, (r) => page(r, (p) => deepBigints<CrossPayment>(p))),
    route: (from: string, to: string, amount?: bigint) =>
      get("/routes", { from, to, amount: amount === undefined ? undefined : amount.toString() }, (r) => deepBigints<RouteQuote>(r)),
    raw,
    communities: (q: PageQuery = {}) => get("/communities", { ...q }, (r) => page(r, community)),
    community: (communityId: string) => get(`/communities/${id(communityId)}`, {}, community),
    accounts: (communityId: string, q: AccountsQuery = {}) => get(`/communities/${id(communityId)}/accounts`, { ...q }, (r) => page(r, account)),
    payments: (communityId: string, q: PaymentsQuery = {}) => get(`/communities/${id(communityId)}/payments`, { ...q }, (r) => page(r, payment)),
    profiles: (communityId: string, q: ProfilesQuery = {}) =>
      get(`/communities/${id(communityId)}/profiles`, { limit: q.limit, offset: q.offset, accounts: q.accounts?.join(",") }, (r) => page(r, (p) => p as Profile)),
    accountProfiles: (accountId: string, q: PageQuery = {}) => get(`/accounts/${id(accountId)}/profiles`, { ...q }, (r) => page(r, (p) => p as Profile)),
    requestPayments: (requestId: string, q: PaymentsQuery = {}) => get(`/requests/${id(requestId)}/payments`, { ...q }, (r) => page(r, payment)),
    compromises: (communityId: string, q: PageQuery = {}) => get(`/communities/${id(communityId)}/compromises`, { ...q }, (r) => page(r, (c) => c as Compromise)),
    revenue: (communityId: string, q: RevenueQuery = {}) =>
      get(`/communities/${id(communityId)}/revenue`, { ...q }, (r) => deepBigints<Revenue>(r, ECONOMICS_AMOUNTS)),
    stats: (communityId: string, interval: Interval = "day") =>
      get(`/communities/${id(communityId)}/stats`, { interval }, items((b) => withBigints<StatsBucket>(b, STATS_AMOUNTS))),
    dashboardCategories: (communityId: string) =>
      get(`/communities/${id(communityId)}/dashboard/categories`, {}, items((c) => withBigints<CategoryTrade>(c, CATEGORY_AMOUNTS))),
    marketShare: (communityId: string, interval: Interval = "week") =>
      get(`/communities/${id(communityId)}/dashboard/market-share`, { interval }, items((b) => withBigints<MarketShareBucket>(b, SHARE_AMOUNTS))),
    topTraders: (communityId: string, q: { days?: number; limit?: number } = {}) =>
      get(`/communities/${id(communityId)}/dashboard/top-traders`, { ...q }, (r): TopTraders => {
        const { days, since } = r as TopTraders;
        return { days, since, items: items((t) => withBigints<Trader>(t, TRADER_AMOUNTS))(r) };
      }),
    network: (communityId: string, q: RangeQuery = {}) =>
      get(`/communities/${id(communityId)}/network`, { ...q }, items((e) => withBigints<Edge>(e, EDGE_AMOUNTS))),
    account: (accountId: string) => get(`/accounts/${id(accountId)}`, {}, accountDetail),
    accountPayments: (accountId: string, q: PaymentsQuery = {}) => get(`/accounts/${id(accountId)}/payments`, { ...q }, (r) => page(r, payment)),
    accountsByOwner: (address: string) =>
      get(`/accounts/by-owner/${id(address)}`, {}, (r) => ({ owner: (r as { owner: string }).owner, items: items(account)(r) })),
    status: () => get("/status", {}, (r) => r as Status),
    transaction: (txId: string) => get(`/transactions/${id(txId)}`, {}, transaction),
    box: (boxId: string) => get(`/boxes/${id(boxId)}`, {}, indexedBox),
    block: (heightOrId: string) => get(`/blocks/${id(heightOrId)}`, {}, (r) => r as Block),
    search: (q: string) => get("/search", { q }, (r) => ({ ...(r as SearchResult), accounts: (r as { accounts: unknown[] }).accounts.map(account) })),
    distribution: (communityId: string, buckets?: number, edges?: "equal" | "round") =>
      get(`/communities/${id(communityId)}/distribution`, { buckets, edges }, distribution),
    counterparties: (accountId: string, q: CounterpartiesQuery = {}) =>
      get(`/accounts/${id(accountId)}/counterparties`, { ...q }, (r) => page(r, (c) => withBigints<Counterparty>(c, COUNTERPARTY_AMOUNTS))),
    escrowsOfCommunity: (communityId: string, q: PageQuery = {}) =>
      get(`/communities/${id(communityId)}/escrows`, { ...q }, (r) => page(r, (e) => withBigints<Escrow>(e, ESCROW_AMOUNTS))),
    escrowOrdersOfCommunity: (communityId: string, status?: EscrowOrderStatus, q: PageQuery = {}) =>
      get(`/communities/${id(communityId)}/escrow-orders`, { ...q, status }, (r) => page(r, (o) => withBigints<EscrowOrder>(o, ESCROW_ORDER_AMOUNTS))),
    escrowOrdersOfAccount: (accountId: string, q: PageQuery = {}) =>
      get(`/accounts/${id(accountId)}/escrow-orders`, { ...q }, (r) => page(r, (o) => withBigints<AccountEscrowOrder>(o, ACCOUNT_ESCROW_ORDER_AMOUNTS))),
    escrowOrder: (orderId: string) => get(`/escrow-orders/${id(orderId)}`, {}, (r) => withBigints<EscrowOrder>(r, ESCROW_ORDER_AMOUNTS)),
    underwriting: (q: PageQuery & { communityId?: string; accountId?: string; underwriter?: string; state?: StakeState } = {}) =>
      get("/underwriting", { ...q }, (r) => page(r, (s) => underwritingAmounts<Stake>(s))),
    accountBacking: (accountId: string) => get(`/accounts/${id(accountId)}/backing`, {}, (r) => underwritingAmounts<AccountBacking>(r)),
    communityUnderwriting: (communityId: string) =>
      get(`/communities/${id(communityId)}/underwriting`, {}, (r) => underwritingAmounts<CommunityUnderwriting>(r)),
    /** The loan market (docs/loans.md): `state` open is an unfunded offer; a party is a key, a public key or a P2PK address. */
    loans: (q: PageQuery & { state?: "open" | LoanState; bank?: string; business?: string; investor?: string } = {}) =>
      get("/loans", { ...q }, (r) => page(r, (l) => loanAmounts<Loan>(l))),
    loan: (loanId: string) => get(`/loans/${id(loanId)}`, {}, (r) => loanAmounts<LoanDetail>(r)),
    bank: (bankId: string) => get(`/banks/${id(bankId)}`, {}, (r) => loanAmounts<Bank>(r)),
    balanceHistory: (accountId: string, q: PageQuery & { order?: Order } = {}) =>
      get(`/accounts/${id(accountId)}/history`, { ...q }, (r) => page(r, (p) => withBigints<BalancePoint>(p, BALANCE_POINT_AMOUNTS))),
  };
}

export type IndexerClient = ReturnType<typeof createIndexerClient>;
