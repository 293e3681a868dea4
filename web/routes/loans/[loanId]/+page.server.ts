import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

/** `/loans/{loanId}`: a loan's schedule against what happened, and its bank's record (docs/loans.md). */
export const load: PageServerLoad = async ({ params, locals }) => {
  const loanId = requireHexId(params.loanId, "loan");
  const indexer = indexerFor(locals);
  const loan = await fromIndexer("loan", () => indexer.loan(loanId));
  const bank = await fromIndexer("bank", () => indexer.bank(loan.bank));
  return { loan, bank };
};
