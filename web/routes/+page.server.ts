import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { pageParams } from "$lib/server/paging.ts";
import type { PageServerLoad } from "./$types";

/** Every community, oldest first, one page at a time. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const paging = pageParams(url);
  const communities = await fromIndexer("communities", () => indexerFor(locals).communities(paging));
  return { communities };
};
