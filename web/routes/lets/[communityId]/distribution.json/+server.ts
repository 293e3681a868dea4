import { json } from "@sveltejs/kit";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

/** Most buckets the chart draws; their edges are round numbers in the community's units (1, 2, 5, 10, ... base units wide). */
const BUCKETS = 24;

/** The balances of the open accounts as a histogram (amounts as decimal strings), for the chart: the indexer's aggregate. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const communityId = requireHexId(params.communityId, "community");
  const indexer = indexerFor(locals);
  const d = await fromIndexer(`community ${communityId}`, () => indexer.distribution(communityId, BUCKETS, "round"));
  const bins = d.items.map((b) => ({ from: b.from.toString(), to: b.to.toString(), count: b.count }));
  return json({ communityId, members: d.members, negative: d.negative, zero: d.zero, positive: d.positive, bins });
};
