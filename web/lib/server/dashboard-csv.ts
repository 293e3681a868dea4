/**
 * The dashboard's CSV downloads (docs/web.md, "The dashboard"), made like the explorer's
 * (`csv-tables.ts`): what the page shows (amounts in the community's units, days and shares as the
 * page writes them), then the raw values (amounts as integers of base units, times in ms) and the
 * community's decimals; a member's name last.
 */
import { formatDay } from "$lib/dates.ts";
import { sharePercent } from "../dashboard/figures.ts";
import type { ShopView } from "../market/types.ts";
import { amount, decimalsColumn, type CsvColumn, type CsvContext } from "./csv-tables.ts";
import type { CategoryTrade, MarketShareBucket, Trader } from "./indexer-types.ts";

/** Trade through the marketplace by listing category, every category. */
export function categoryColumns({ decimals }: CsvContext): CsvColumn<CategoryTrade>[] {
  return [
    { name: "category", value: (c) => c.category },
    { name: "activeListings", value: (c) => c.activeListings },
    { name: "payments", value: (c) => c.payments },
    ...amount<CategoryTrade>("volume", (c) => c.volume, decimals),
    decimalsColumn(decimals),
  ];
}

/** The marketplace's share of each bucket's payments and volume, in percent with one decimal (empty without payments). */
export function shareColumns({ decimals }: CsvContext): CsvColumn<MarketShareBucket>[] {
  return [
    { name: "start", value: (b) => formatDay(b.start) },
    { name: "end", value: (b) => formatDay(b.end) },
    { name: "payments", value: (b) => b.payments },
    { name: "marketPayments", value: (b) => b.marketPayments },
    { name: "paymentsSharePercent", value: (b) => sharePercent(b.marketPayments, b.payments) },
    ...amount<MarketShareBucket>("volume", (b) => b.volume, decimals),
    ...amount<MarketShareBucket>("marketVolume", (b) => b.marketVolume, decimals),
    { name: "volumeSharePercent", value: (b) => sharePercent(b.marketVolume, b.volume) },
    { name: "startMs", value: (b) => b.start },
    { name: "endMs", value: (b) => b.end },
    decimalsColumn(decimals),
  ];
}

/** The members who traded most in the window, most first. */
export function traderColumns({ decimals, names }: CsvContext): CsvColumn<Trader>[] {
  return [
    { name: "accountId", value: (t) => t.accountId },
    ...amount<Trader>("paid", (t) => t.paid, decimals),
    ...amount<Trader>("received", (t) => t.received, decimals),
    ...amount<Trader>("traded", (t) => t.traded, decimals),
    { name: "payments", value: (t) => t.payments },
    { name: "counterparties", value: (t) => t.counterparties },
    decimalsColumn(decimals),
    { name: "name", value: (t) => names.get(t.accountId) },
  ];
}

/** The accounts a top traders download names. */
export const traderAccounts = (traders: readonly Trader[]): string[] => traders.map((t) => t.accountId);

/** The community's shops, the indexer's columns (`accepts` space-separated). */
export function shopColumns(_context: CsvContext): CsvColumn<ShopView>[] {
  return [
    { name: "accountId", value: (s) => s.accountId },
    { name: "communityId", value: (s) => s.communityId },
    { name: "name", value: (s) => s.name },
    { name: "address", value: (s) => s.address },
    { name: "lat", value: (s) => s.lat },
    { name: "lon", value: (s) => s.lon },
    { name: "hours", value: (s) => s.hours },
    { name: "accepts", value: (s) => s.accepts.join(" ") },
    { name: "ownerName", value: (s) => s.ownerName },
    { name: "txId", value: (s) => s.txId },
    { name: "height", value: (s) => s.height },
  ];
}
