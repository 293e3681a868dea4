import { error } from "@sveltejs/kit";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { intParam } from "$lib/server/paging.ts";
import { NodeUnavailable, readTransaction } from "$lib/server/tx-page.ts";
import type { PageServerLoad } from "./$types";

/**
 * A transaction: located by the indexer (any confirmed LETS transaction), else in the block at
 * `?height=` (old explorer links), the mempool, or the node's extra index; its boxes decoded; its
 * payment legs and the balances before and after.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const txId = requireHexId(params.txId, "transaction");
  const heightHint = url.searchParams.has("height") ? intParam(url, "height", 0, 0, 2_147_483_647) : undefined;
  const read = () => readTransaction(indexerFor(locals), nodeFor(locals), locals.config.network, txId, heightHint);
  const shown = await fromIndexer("transaction", () =>
    read().catch((e) => (e instanceof NodeUnavailable ? error(503, "The Ergo node does not answer; try again in a moment") : Promise.reject(e))),
  );
  if (!shown) error(404, `No transaction ${txId} in the indexer or on this node${heightHint === undefined ? "" : ` at height ${heightHint}`}`);
  return shown;
};
