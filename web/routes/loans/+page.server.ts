import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { Bank } from "$lib/server/indexer-types.ts";
import { enumParam, pageParams } from "$lib/server/paging.ts";
import type { PageServerLoad } from "./$types";

/** The state filter's choices for the list of every loan: `all` asks the indexer without one. */
const STATES = ["all", "funded", "repaid", "defaulted", "cancelled", "released"] as const;
/** The most open offers the market shows (the newest first). */
const OFFERS = 100;

/**
 * `/loans?state=&limit=&offset=`: the loan market (docs/loans.md). Open offers across banks with
 * their terms and each bank's record, so an investor can choose; then every other loan, filtered
 * by state, with its status now.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
  const state = enumParam(url, "state", STATES, "all");
  const paging = pageParams(url);
  const indexer = indexerFor(locals);
  const [offers, loans] = await Promise.all([
    fromIndexer("loans", () => indexer.loans({ state: "open", limit: OFFERS })),
    fromIndexer("loans", () => indexer.loans({ ...paging, ...(state === "all" ? {} : { state }) })),
  ]);
  const banks = [...new Set(offers.items.map((l) => l.bank))];
  const records: Record<string, Bank> = {};
  for (const [i, bank] of (await Promise.all(banks.map((b) => fromIndexer("bank", () => indexer.bank(b))))).entries()) records[banks[i]!] = bank;
  return { offers, loans, records, state, paging };
};
