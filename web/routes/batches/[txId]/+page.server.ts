import { ownerAddress } from "$ergo/addresses.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { namesFor, namesOf } from "$lib/server/names.ts";
import { getBatch } from "$lib/server/orders.ts";
import { batchAccounts } from "$lib/orders/batch-view.ts";
import type { PageServerLoad } from "./$types";

/**
 * A batch settlement (docs/batches.md): the orders it settled (payer, payee, amount, number,
 * expiry), each account's part, the totals, and who settled it; from the indexer, which knows
 * every confirmed batch by its transaction id.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
  const txId = requireHexId(params.txId, "batch");
  const indexer = indexerFor(locals);
  const batch = await fromIndexer(`batch ${txId}`, () => getBatch(indexer, txId));
  const accounts = batchAccounts(batch.legs);
  const ids = accounts.map((a) => a.accountId);
  const [community, names] = await Promise.all([
    fromIndexer(`community ${batch.communityId}`, () => indexer.community(batch.communityId)),
    fromIndexer("profiles", () => namesFor(indexer, batch.communityId, ids)),
  ]);
  const { name, symbol, decimals } = community.metadata;
  return {
    batch,
    accounts,
    community: { communityId: community.communityId, name, symbol, decimals },
    settlerAddress: batch.settler === null ? null : (ownerAddress(batch.settler, locals.config.network) ?? null),
    names: namesOf(names, ids),
  };
};
