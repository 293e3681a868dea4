import { indexerFor } from "$lib/server/indexer-for.ts";
import { loadMarket } from "$lib/server/market-page.ts";
import type { PageServerLoad } from "./$types";

/** `/market?q=&category=&kind=&near=&radiusKm=`: listings of every community, searched. */
export const load: PageServerLoad = async ({ url, locals }) => loadMarket(indexerFor(locals), url);
