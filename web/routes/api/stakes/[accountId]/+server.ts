/**
 * `/api/stakes/{accountId}`: the ids of the stakes backing an account (docs/underwriting.md), for
 * the leave screen, whose exit must settle each of them; their boxes are then read from the node
 * by token id. An account without backing, or an indexer without underwriting, has none.
 */
import { error, json } from "@sveltejs/kit";
import { fromIndexer, isHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { backingOf } from "$lib/server/underwriting.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = async ({ params, locals }) => {
  if (!isHexId(params.accountId)) error(404, "Not an account id");
  const backing = await fromIndexer("backing", () => backingOf(indexerFor(locals), params.accountId.toLowerCase()));
  return json({ stakeIds: backing?.liveStakes.map((s) => s.stakeId) ?? [] }, { headers: { "cache-control": "no-store" } });
};
