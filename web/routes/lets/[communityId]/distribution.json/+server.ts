import { json } from "@sveltejs/kit";
import { histogram } from "$lib/components/explorer/histogram.ts";
import { allPages } from "$lib/server/all-pages.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

/**
 * The balances of the open accounts as a histogram (amounts as decimal strings), for the chart.
 * The indexer has no aggregate for this, so it reads every open account.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const accounts = await fromIndexer(`community ${communityId}`, () =>
    allPages((limit, offset) => indexer.accounts(communityId, { status: "open", sort: "balance", limit, offset })),
  );
  const balances = accounts.map((a) => a.balance);
  const bins = histogram(balances, 24).map((b) => ({ from: b.from.toString(), to: b.to.toString(), count: b.count }));
  const count = (test: (b: bigint) => boolean) => balances.filter(test).length;
  return json({ communityId, members: balances.length, negative: count((b) => b < 0n), zero: count((b) => b === 0n), positive: count((b) => b > 0n), bins });
};
