/**
 * The explorer's CSV downloads, made by the web from the indexer's rows: each column holds what
 * the page shows (owner addresses where the page shows an address, amounts as exact decimal
 * strings in the community's units, times as the page writes them), then the raw values
 * researchers join on (the owner's ErgoTree hex, amounts as integers of base units, block times
 * in ms) and the community's decimals. Columns added later go at the end, so a script that reads
 * columns by position keeps working: members' names, descriptions and links, the names of payers,
 * payees, counterparties and the network's accounts, payments' memos and request ids, a cross
 * payment's columns (trade lines). The indexer's own CSV (`?format=csv` on its API) keeps its
 * columns for scripts; see docs/web.md.
 *
 * RFC 4180: a header row, CRLF line ends, a field quoted when it holds a comma, a double quote, CR
 * or LF (quotes doubled); an absent value is an empty field.
 */
import { ownerAddress } from "$ergo/addresses.ts";
import type { NetworkName } from "$ergo/network.ts";
import { formatAmount } from "$contracts/amounts.ts";
import { formatDay, formatTime } from "$lib/dates.ts";
import type { CrossLeg } from "../lines/types.ts";
import type { Account, Counterparty, Edge, PaymentLeg, Profile, RevenueBucket, StatsBucket } from "./indexer-types.ts";
import type { CommunityUnits } from "./lines.ts";
import type { Names } from "./names.ts";

/** One CSV column: its header and its text in a row. */
export interface CsvColumn<T> {
  name: string;
  value(row: T): string | number | bigint | null | undefined;
}

function field(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of `rows` under `columns`. */
export function csvText<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => field(c.name)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(c.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** What the columns need to write values as the page does. */
export interface CsvContext {
  decimals: number;
  network: NetworkName;
  /** The community's members' names, for the tables whose rows name other accounts by id. */
  names: Names;
  /** The other communities of the rows' cross payments (name, decimals), by id. */
  communities?: Readonly<Record<string, CommunityUnits>>;
}

/**
 * An amount twice: `name` as the page shows it (exact, in the community's units, no separators:
 * "-12.50"), and `nameUnits` as the integer of base units the chain holds ("-1250").
 */
export function amount<T>(name: string, pick: (row: T) => bigint, decimals: number): CsvColumn<T>[] {
  return [
    { name, value: (row) => formatAmount(pick(row), decimals) },
    { name: `${name}Units`, value: (row) => pick(row) },
  ];
}

/** An owner twice: `owner` as the page shows it (its address; a committee has none, so its tree hex), and `ownerTree` hex. */
function owner<T>(pick: (row: T) => string, network: NetworkName): CsvColumn<T>[] {
  return [
    { name: "owner", value: (row) => ownerAddress(pick(row), network) ?? pick(row) },
    { name: "ownerTree", value: (row) => pick(row) },
  ];
}

/** The community's decimals on every row: what turns the `…Units` columns into the community's units. */
export const decimalsColumn = <T>(decimals: number): CsvColumn<T> => ({ name: "decimals", value: () => decimals });

/** The members table. */
export function memberColumns({ decimals, network }: CsvContext): CsvColumn<Account>[] {
  return [
    { name: "accountId", value: (a) => a.accountId },
    ...owner<Account>((a) => a.owner, network),
    { name: "status", value: (a) => a.status },
    ...amount<Account>("balance", (a) => a.balance, decimals),
    ...amount<Account>("creditLeft", (a) => a.creditLeft, decimals),
    ...amount<Account>("creditLimit", (a) => a.creditLimit, decimals),
    ...amount<Account>("positiveCap", (a) => a.positiveCap, decimals),
    { name: "joinedHeight", value: (a) => a.joinedHeight },
    { name: "lastActiveHeight", value: (a) => a.lastActiveHeight },
    { name: "closedHeight", value: (a) => a.closedHeight },
    { name: "collateralNanoErg", value: (a) => a.collateralNanoErg },
    decimalsColumn(decimals),
    { name: "communityId", value: (a) => a.communityId },
    { name: "name", value: (a) => a.name },
    { name: "about", value: (a) => a.about },
    { name: "link", value: (a) => a.link },
  ];
}

/** The fee the row's community kept from a cross payment: on the payer's row the first hop's sender fee, on the payee's the last hop's receiver fee. */
const communityFee = (c: CrossLeg): bigint | undefined => (c.side === "payer" ? c.hops[0]?.senderFee : c.hops.at(-1)?.receiverFee);

/** JSON with bigints as decimal text, as the indexer writes amounts. */
const bigintJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/**
 * A cross payment's columns, empty on a local leg (the indexer's CSV columns, docs/indexer-api.md,
 * with the web's values beside the raw ones): which side this row is, the other community (id,
 * name, decimals), the payer's debit in its units, the payee's received amount in theirs, the fee
 * this row's community kept, the lines crossed (space-separated) and the hops (JSON, amounts in
 * base units). An amount in the other community's units is written as the page would only when the
 * download read that community; its `…Units` column always.
 */
function crossColumns({ decimals, communities = {} }: CsvContext): CsvColumn<PaymentLeg>[] {
  const decimalsOf = (p: PaymentLeg, communityId: string) => (communityId === p.communityId ? decimals : communities[communityId]?.decimals);
  const crossAmount = (name: string, pick: (c: CrossLeg) => bigint | undefined, communityOf: (c: CrossLeg) => string): CsvColumn<PaymentLeg>[] => [
    {
      name,
      value: (p) => {
        const units = p.cross && pick(p.cross);
        const places = p.cross && decimalsOf(p, communityOf(p.cross));
        return units === undefined || places === undefined ? null : formatAmount(units, places);
      },
    },
    { name: `${name}Units`, value: (p) => p.cross && pick(p.cross) },
  ];
  return [
    { name: "cross", value: (p) => p.cross?.side },
    { name: "otherCommunityId", value: (p) => p.cross?.otherCommunityId },
    { name: "otherCommunity", value: (p) => p.cross && communities[p.cross.otherCommunityId]?.name },
    { name: "otherDecimals", value: (p) => p.cross && communities[p.cross.otherCommunityId]?.decimals },
    ...crossAmount("debit", (c) => c.debit, (c) => c.payerCommunityId),
    ...crossAmount("received", (c) => c.received, (c) => c.payeeCommunityId),
    ...crossAmount("communityFee", communityFee, (c) => (c.side === "payer" ? c.payerCommunityId : c.payeeCommunityId)),
    { name: "lineIds", value: (p) => p.cross?.lineIds.join(" ") },
    { name: "hops", value: (p) => p.cross && bigintJson(p.cross.hops) },
  ];
}

/** The other communities a payments download's cross payments name. */
export const crossCommunities = (legs: readonly PaymentLeg[]): string[] => legs.flatMap((p) => (p.cross ? [p.cross.otherCommunityId] : []));

/** A payments table (one row per leg), a cross payment's columns at the end. */
export function paymentColumns(context: CsvContext): CsvColumn<PaymentLeg>[] {
  const { decimals, names } = context;
  return [
    { name: "txId", value: (p) => p.txId },
    { name: "leg", value: (p) => p.leg },
    { name: "height", value: (p) => p.height },
    { name: "time", value: (p) => formatTime(p.timestamp) },
    { name: "payer", value: (p) => p.payer },
    { name: "payee", value: (p) => p.payee },
    ...amount<PaymentLeg>("amount", (p) => p.amount, decimals),
    { name: "timestamp", value: (p) => p.timestamp },
    decimalsColumn(decimals),
    { name: "communityId", value: (p) => p.communityId },
    { name: "payerName", value: (p) => names.get(p.payer) },
    { name: "payeeName", value: (p) => names.get(p.payee) },
    { name: "memo", value: (p) => p.memo },
    { name: "requestId", value: (p) => p.requestId },
    ...crossColumns(context),
  ];
}

/** The accounts a payments download names: payers and payees. */
export const legAccounts = (legs: readonly PaymentLeg[]): string[] => legs.flatMap((p) => [p.payer, p.payee]);

/** An account's counterparties table. */
export function counterpartyColumns({ decimals, network, names }: CsvContext): CsvColumn<Counterparty>[] {
  return [
    { name: "accountId", value: (c) => c.accountId },
    ...owner<Counterparty>((c) => c.owner, network),
    ...amount<Counterparty>("paid", (c) => c.paid, decimals),
    ...amount<Counterparty>("received", (c) => c.received, decimals),
    ...amount<Counterparty>("net", (c) => c.net, decimals),
    { name: "payments", value: (c) => c.payments },
    { name: "lastHeight", value: (c) => c.lastHeight },
    decimalsColumn(decimals),
    { name: "name", value: (c) => names.get(c.accountId) },
  ];
}

/** The charts' series, one row per bucket. */
export function statsColumns({ decimals }: CsvContext): CsvColumn<StatsBucket>[] {
  return [
    { name: "start", value: (b) => formatDay(b.start) },
    { name: "end", value: (b) => formatDay(b.end) },
    { name: "payments", value: (b) => b.payments },
    ...amount<StatsBucket>("volume", (b) => b.volume, decimals),
    { name: "activeMembers", value: (b) => b.activeMembers },
    { name: "newMembers", value: (b) => b.newMembers },
    ...amount<StatsBucket>("moneySupply", (b) => b.moneySupply, decimals),
    ...amount<StatsBucket>("creditInUse", (b) => b.creditInUse, decimals),
    { name: "startMs", value: (b) => b.start },
    { name: "endMs", value: (b) => b.end },
    decimalsColumn(decimals),
  ];
}

/** An economics community's revenue, one row per period of blocks (docs/economics.md). */
export function revenueColumns({ decimals }: CsvContext): CsvColumn<RevenueBucket>[] {
  const amounts = ["fees", "demurrage", "swept", "collectedAtExit", "allowanceIssued", "allowanceSpent", "allowanceReturned", "outstanding", "allowanceOutstanding"] as const;
  return [
    { name: "fromHeight", value: (b) => b.fromHeight },
    { name: "toHeight", value: (b) => b.toHeight },
    ...amounts.flatMap((key) => amount<RevenueBucket>(key, (b) => b[key], decimals)),
    decimalsColumn(decimals),
  ];
}

/** The accounts a network download names. */
export const edgeAccounts = (edges: readonly Edge[]): string[] => edges.flatMap((e) => [e.source, e.target]);

/** The trade network's edges (source paid target). */
export function edgeColumns({ decimals, names }: CsvContext): CsvColumn<Edge>[] {
  return [
    { name: "source", value: (e) => e.source },
    { name: "target", value: (e) => e.target },
    ...amount<Edge>("amount", (e) => e.amount, decimals),
    { name: "count", value: (e) => e.count },
    decimalsColumn(decimals),
    { name: "sourceName", value: (e) => names.get(e.source) },
    { name: "targetName", value: (e) => names.get(e.target) },
  ];
}

/** The members' current profiles (names, descriptions, links), with the transaction that set each. */
export function profileColumns(_context: CsvContext): CsvColumn<Profile>[] {
  return [
    { name: "accountId", value: (p) => p.accountId },
    { name: "name", value: (p) => p.name },
    { name: "about", value: (p) => p.about },
    { name: "link", value: (p) => p.link },
    { name: "txId", value: (p) => p.txId },
    { name: "height", value: (p) => p.height },
    { name: "time", value: (p) => formatTime(p.timestamp) },
    { name: "timestamp", value: (p) => p.timestamp },
    { name: "communityId", value: (p) => p.communityId },
  ];
}
