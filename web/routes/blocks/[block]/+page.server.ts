import { error } from "@sveltejs/kit";
import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

/**
 * A block by height or id, from the indexer: it keeps every block it synced (height, id, parent,
 * time) and knows which of its transactions are LETS ones; the node would give every transaction
 * of the block and leave the page to decode them all to find those.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  const key = params.block;
  if (!/^(?:[0-9]{1,10}|[0-9a-fA-F]{64})$/.test(key) || (key.length <= 10 && Number(key) > 2_147_483_647)) {
    error(404, `No block ${key.slice(0, 80)}: a block is a height (a whole number) or an id (64 hexadecimal digits)`);
  }
  const indexer = indexerFor(locals);
  const block = await fromIndexer(`block ${key} in the indexer (it may not have reached it yet)`, () => indexer.block(key));
  const names = new Map<string, string>();
  await Promise.all([...new Set(block.transactions.map((t) => t.communityId))].map(async (id) => {
    const c = await indexer.community(id).catch(() => undefined);
    if (c) names.set(id, c.metadata.name);
  }));
  return { block, communityNames: Object.fromEntries(names) };
};
