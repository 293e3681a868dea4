import { redirect } from "@sveltejs/kit";
import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { runSearch } from "$lib/server/search.ts";
import type { PageServerLoad } from "./$types";

/** `/search?q=`: one match goes straight to its page; several are listed; none says so. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const outcome = await fromIndexer("search", () => runSearch(indexerFor(locals), url.searchParams.get("q") ?? ""));
  if (outcome.hits.length === 1) redirect(303, outcome.hits[0]!.href);
  return outcome;
};
