/**
 * `/pay?community=..&to=..&amount=..&memo=..`: the pay screen, pre-filled from a payment request
 * link. The community comes from the indexer (its name and units); the rest is the link's text,
 * checked in the browser as the member edits it.
 */
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

const MAX_MEMO = 140;

export const load: PageServerLoad = async ({ url, locals }) => {
  const text = (name: string, max = 200) => (url.searchParams.get(name) ?? "").trim().slice(0, max);
  const prefill = { to: text("to"), amount: text("amount", 40), memo: text("memo", MAX_MEMO), from: text("from", 64) };
  const communityParam = url.searchParams.get("community");
  if (!communityParam) return { community: null, prefill };
  const communityId = requireHexId(communityParam, "community");
  const c = await fromIndexer("community", () => indexerFor(locals).community(communityId));
  return {
    community: { communityId, name: c.metadata.name, symbol: c.metadata.symbol, decimals: c.metadata.decimals },
    prefill,
  };
};
