/**
 * What the transaction page reads. The indexer knows every confirmed LETS transaction by id, with
 * its height, so the block is found without `?height=` on any node; the node then gives every box
 * (fees and other boxes included). Spent inputs come from the node where it still serves them,
 * else from the indexer's box history. Without the indexer knowing the id (a pending or non-LETS
 * transaction), the node's mempool or extra index, or the link's height hint, finds it.
 */
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";
import type { Community, PaymentLeg, Transaction } from "./indexer-types.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import type { NetworkName } from "$ergo/network.ts";
import { accountChanges, closedAccounts, describeBox, fromIndexedBox, legsOf, transactionKind, type DescribedBox } from "./tx-view.ts";
import { WebError } from "../errors.ts";

/** The call's answer, or undefined for a 404. */
const unlessNotFound = <T>(call: Promise<T>): Promise<T | undefined> => call.catch((e) => (e instanceof IndexerNotFound ? undefined : Promise.reject(e)));

/** Node failures, told apart from indexer ones so the page can name which does not answer. */
export class NodeUnavailable extends WebError {
  constructor(options?: ErrorOptions) {
    super("the Ergo node does not answer", options);
  }
}

export async function readTransaction(indexer: IndexerClient, node: NodeClient, network: NetworkName, txId: string, heightHint?: number) {
  const indexed: Transaction | undefined = await unlessNotFound(indexer.transaction(txId));
  const found = await node.transaction(txId, indexed?.height ?? heightHint).catch((cause) => Promise.reject(new NodeUnavailable({ cause })));
  if (!found) return undefined;
  const outputs = found.tx.outputs.map((box) => describeBox(box, network));
  const inputs = await Promise.all(
    found.tx.inputs.map(async ({ boxId }) => {
      const box = await node.box(boxId).catch(() => undefined);
      if (box) return { boxId, view: describeBox(box, network) };
      const kept = await unlessNotFound(indexer.box(boxId)).catch(() => undefined);
      return { boxId, view: kept && fromIndexedBox(kept, network) };
    }),
  );
  const communityId = indexed?.communityId ?? [...outputs, ...inputs.map((i) => i.view)].find((v): v is Extract<DescribedBox, { communityId: string }> => v !== undefined && "communityId" in v)?.communityId;
  const community: Community | undefined = communityId ? await unlessNotFound(indexer.community(communityId)) : undefined;
  const legs: PaymentLeg[] = indexed ? legsOf(indexed) : [];
  // After from the node's output boxes (exact even when the indexer did not keep a box spent in the same block).
  const changes = [...accountChanges(outputs, legs, found.tx.inputs.map((i) => i.boxId)), ...(indexed ? closedAccounts(indexed) : [])];
  return {
    txId,
    found: found.status === "confirmed" ? { status: found.status, height: found.height, blockId: found.blockId, timestamp: found.timestamp } : { status: found.status },
    kind: indexed?.kind ?? transactionKind(txId, outputs, legs, changes, community?.genesisTxId),
    community: community && { communityId: community.communityId, name: community.metadata.name, symbol: community.metadata.symbol, decimals: community.metadata.decimals },
    inputs,
    dataInputs: found.tx.dataInputs.map((d) => d.boxId),
    outputs,
    legs,
    changes,
  };
}
