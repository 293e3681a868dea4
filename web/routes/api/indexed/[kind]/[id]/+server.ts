/**
 * `/api/indexed/community/{communityId}` and `/api/indexed/account/{accountId}`: whether the
 * indexer has it yet. Screens poll this after submitting a creation or a join, and move on to the
 * new community's (or account's) page once it exists there. 503 only when the indexer does not
 * answer (the screen keeps polling); any other failure is the server's own (500).
 */
import { error, json } from "@sveltejs/kit";
import { isHexId } from "$lib/server/http-errors.ts";
import { IndexerNotFound, IndexerUnreachable } from "$lib/server/indexer.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = async ({ params, locals }) => {
  if (!isHexId(params.id)) error(404, "Not an id");
  const indexer = indexerFor(locals);
  const lookups = { community: () => indexer.community(params.id), account: () => indexer.account(params.id) };
  const lookup = lookups[params.kind as keyof typeof lookups];
  if (!lookup) error(404, `Nothing is indexed as ${params.kind.slice(0, 20)}`);
  try {
    await lookup();
    return json({ indexed: true }, { headers: { "cache-control": "no-store" } });
  } catch (cause) {
    if (cause instanceof IndexerNotFound) return json({ indexed: false }, { headers: { "cache-control": "no-store" } });
    // Only an indexer that does not answer is a 503 to wait out; anything else is a bug (500).
    if (cause instanceof IndexerUnreachable) error(503, "The indexer does not answer; try again in a moment");
    throw cause;
  }
};
