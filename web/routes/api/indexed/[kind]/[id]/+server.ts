/**
 * `/api/indexed/community/{communityId}`, `/api/indexed/account/{accountId}` and
 * `/api/indexed/transaction/{txId}` and `/api/indexed/box/{boxId}` (with the block's `height`): whether the indexer has it yet. Screens poll this after submitting a creation, a join, a
 * top-up or a profile (those two make no LETS transaction, only a new account box), and move on to the
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
  // A transaction's (or a box's) answer also names the block it is in, for the confirmation after signing.
  const lookups: Record<string, () => Promise<{ height?: number }>> = {
    community: async () => (await indexer.community(params.id), {}),
    account: async () => (await indexer.account(params.id), {}),
    transaction: async () => ({ height: (await indexer.transaction(params.id)).height }),
    box: async () => ({ height: (await indexer.box(params.id)).createdHeight }),
  };
  const lookup = Object.hasOwn(lookups, params.kind) ? lookups[params.kind] : undefined;
  if (!lookup) error(404, `Nothing is indexed as ${params.kind.slice(0, 20)}`);
  try {
    const extra = await lookup();
    return json({ indexed: true, ...extra }, { headers: { "cache-control": "no-store" } });
  } catch (cause) {
    if (cause instanceof IndexerNotFound) return json({ indexed: false }, { headers: { "cache-control": "no-store" } });
    // Only an indexer that does not answer is a 503 to wait out; anything else is a bug (500).
    if (cause instanceof IndexerUnreachable) error(503, "The indexer does not answer; try again in a moment");
    throw cause;
  }
};
