import { error } from "@sveltejs/kit";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { IndexerNotFound } from "$lib/server/indexer.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { intParam } from "$lib/server/paging.ts";
import { accountChanges, describeBox, transactionKind, type BoxView } from "$lib/server/tx-view.ts";
import type { Payment } from "$lib/server/indexer-types.ts";
import type { PageServerLoad } from "./$types";

/**
 * A transaction: found in its block (`?height=` from the explorer's links), the mempool, or the
 * node's extra index; its boxes decoded; its payment legs and the balances before and after.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const txId = requireHexId(params.txId, "transaction");
  const heightHint = url.searchParams.has("height") ? intParam(url, "height", 0, 0, 2_147_483_647) : undefined;
  const node = nodeFor(locals);
  const found = await node.transaction(txId, heightHint).catch(() => error(503, "The Ergo node does not answer; try again in a moment"));
  if (!found) error(404, `No transaction ${txId} on this node${heightHint === undefined ? " (an explorer link carries its height; a node with the extra index finds any)" : ` at height ${heightHint}`}`);
  const { network } = locals.config;
  const outputs = found.tx.outputs.map((box) => describeBox(box, network));
  // Spent inputs are readable only where the node still has them (pending transactions, nodes with the extra index).
  const inputs = await Promise.all(
    found.tx.inputs.map(async ({ boxId }) => {
      const box = await node.box(boxId).catch(() => undefined);
      return { boxId, view: box ? describeBox(box, network) : undefined };
    }),
  );
  const height = found.status === "confirmed" ? found.height : undefined;
  const communityId = [...outputs, ...inputs.map((i) => i.view)].find((v): v is Extract<BoxView, { communityId: string }> => v !== undefined && "communityId" in v)?.communityId;
  const indexer = indexerFor(locals);
  const community = communityId
    ? await fromIndexer("community", () => indexer.community(communityId).catch((e) => (e instanceof IndexerNotFound ? undefined : Promise.reject(e))))
    : undefined;
  let legs: Payment[] = [];
  if (community && height !== undefined) {
    const atHeight = await fromIndexer("payments", () => indexer.payments(community.communityId, { fromHeight: height, toHeight: height, order: "asc", limit: 1000 }));
    legs = atHeight.items.filter((l) => l.txId === txId);
  }
  const changes = accountChanges(outputs, legs, found.tx.inputs.map((i) => i.boxId));
  return {
    txId,
    found: found.status === "confirmed" ? { status: found.status, height: found.height, blockId: found.blockId, timestamp: found.timestamp } : { status: found.status },
    kind: transactionKind(txId, outputs, legs, changes, community?.genesisTxId),
    community: community && { communityId: community.communityId, name: community.metadata.name, symbol: community.metadata.symbol, decimals: community.metadata.decimals },
    inputs,
    dataInputs: found.tx.dataInputs.map((d) => d.boxId),
    outputs,
    legs,
    changes,
  };
};
