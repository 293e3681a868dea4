/**
 * `/api/routes?from={communityId}&to={communityId}`: the ids of the trade lines a cross payment
 * from one community to another could take: the lines of `from` and of each of its partners (a
 * route is one line, or two through a shared partner). Any state: the browser reads their live
 * boxes from the node, finds the route itself and names a paused or unopened line when that is
 * what stands in the way. From the indexer.
 */
import { json } from "@sveltejs/kit";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = async ({ url, locals }) => {
  const from = requireHexId(url.searchParams.get("from") ?? "", "community");
  requireHexId(url.searchParams.get("to") ?? "", "community");
  const indexer = indexerFor(locals);
  const own = await fromIndexer(`lines of ${from}`, () => indexer.communityLines(from, { limit: 1000 }));
  const partners = [...new Set(own.items.map((l) => l.partnerCommunityId))];
  const theirs = await Promise.all(partners.map((p) => fromIndexer(`lines of ${p}`, () => indexer.communityLines(p, { limit: 1000 }))));
  const lineIds = [...new Set([...own.items, ...theirs.flatMap((page) => page.items)].map((l) => l.lineId))];
  return json({ lineIds }, { headers: { "cache-control": "no-store" } });
};
