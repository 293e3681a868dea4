import { error } from "@sveltejs/kit";
import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { pageParams } from "$lib/server/paging.ts";
import type { PageServerLoad } from "./$types";

/** `/banks/{bankId}?limit=&offset=`: a bank (its key or P2PK address) and its record across the loans it offered (docs/loans.md). */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  if (!/^[0-9A-Za-z]{1,200}$/.test(params.bankId)) error(404, `No bank ${params.bankId.slice(0, 80)}`);
  const paging = pageParams(url);
  const indexer = indexerFor(locals);
  const bank = await fromIndexer("bank", () => indexer.bank(params.bankId));
  const loans = await fromIndexer("loans", () => indexer.loans({ bank: bank.bank, ...paging }));
  return { bank, loans, paging };
};
