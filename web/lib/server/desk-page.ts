/**
 * What the desk page (`/lets/{communityId}/desk`, docs/web.md) reads: the community (a 404 first
 * when unknown), its desk (a 404 page when it has none), the trades, events and history, the names
 * of the trading accounts, and the indexer's height for when an announced change applies.
 */
import { error } from "@sveltejs/kit";
import { communityDesk, deskEvents, deskHistory, deskTrades } from "./desk.ts";
import { fromIndexer, settledFromIndexer } from "./http-errors.ts";
import type { IndexerClient } from "./indexer.ts";
import { namesFor, namesOf } from "./names.ts";

/** Everything the desk page shows. */
export async function loadDeskPage(indexer: IndexerClient, communityId: string) {
  const [community, desk, status] = await Promise.all([
    fromIndexer(`community ${communityId}`, () => indexer.community(communityId)),
    fromIndexer("exchange desk", () => communityDesk(indexer, communityId)),
    fromIndexer("status", () => indexer.status()),
  ]);
  const { name, symbol, decimals } = community.metadata;
  if (desk === null) error(404, `${name} has no exchange desk`);
  const results = await Promise.allSettled([deskTrades(indexer, communityId), deskEvents(indexer, communityId), deskHistory(indexer, communityId)]);
  const trades = await settledFromIndexer("desk trades", results[0]);
  const events = await settledFromIndexer("desk events", results[1]);
  const history = await settledFromIndexer("desk history", results[2]);
  const traders = [...new Set(trades.map((t) => t.accountId))];
  const names = await fromIndexer("profiles", () => namesFor(indexer, communityId, traders));
  return {
    community: { communityId, name, symbol, decimals },
    desk,
    trades,
    events,
    history,
    names: namesOf(names, traders),
    tip: BigInt(status.nodeHeight ?? status.height),
  };
}

/** The desk page's data. */
export type DeskPage = Awaited<ReturnType<typeof loadDeskPage>>;
