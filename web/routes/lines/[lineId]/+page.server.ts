import { fromIndexer, requireHexId, settledFromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { unitsOf } from "$lib/server/lines.ts";
import type { PageServerLoad } from "./$types";

/** A trade line: its terms, state and pending change, positions per shard, its history and its cross payments (the newest 50). */
export const load: PageServerLoad = async ({ params, locals }) => {
  const lineId = requireHexId(params.lineId, "line");
  const indexer = indexerFor(locals);
  const [lineResult, historyResult, paymentsResult] = await Promise.allSettled([
    indexer.line(lineId),
    indexer.lineHistory(lineId),
    indexer.linePayments(lineId, { limit: 50, order: "desc" }),
  ]);
  const line = await settledFromIndexer(`line ${lineId}`, lineResult);
  const history = await settledFromIndexer("the line's history", historyResult);
  const payments = await settledFromIndexer("the line's payments", paymentsResult);
  const ids = [line.communityA, line.communityB, ...payments.items.flatMap((p) => [p.payerCommunityId, p.payeeCommunityId, ...p.hops.flatMap((h) => [h.fromCommunityId, h.toCommunityId])])];
  const units = await fromIndexer("the line's communities", () => unitsOf(indexer, ids));
  return { line, history, payments, units };
};
