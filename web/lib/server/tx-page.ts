/**
 * What the transaction page reads. The indexer knows every confirmed LETS transaction by id, with
 * its height, so the block is found without `?height=` on any node; the node then gives every box
 * (fees and other boxes included). Spent inputs come from the node where it still serves them,
 * else from the indexer's box history. Without the indexer knowing the id (a pending or non-LETS
 * transaction), the node's mempool or extra index, or the link's height hint, finds it. The
 * accounts' names come in one call for all of them, and a profile this transaction set from its
 * account's profile history.
 */
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";
import type { Community, PaymentLeg, Profile, Transaction } from "./indexer-types.ts";
import { namesFor, namesOf, type Names } from "./names.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import type { NetworkName } from "$ergo/network.ts";
import { accountChanges, closedAccounts, describeBox, fromIndexedBox, legsOf, transactionKind, type AccountChange, type DescribedBox } from "./tx-view.ts";
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
  const legs: PaymentLeg[] = indexed ? legsOf(indexed) : [];
  // After from the node's output boxes (exact even when the indexer did not keep a box spent in the same block).
  const spent = inputs.map((i) => i.view);
  const changes = [...accountChanges(outputs, legs, found.tx.inputs.map((i) => i.boxId), spent), ...(indexed ? closedAccounts(indexed) : [])];
  const accountIds = [...[...inputs.map((i) => i.view), ...outputs].flatMap((v) => (v?.kind === "account" ? [v.accountId] : [])), ...changes.map((c) => c.accountId)];
  const [community, names]: [Community | undefined, Names] = communityId
    ? await Promise.all([unlessNotFound(indexer.community(communityId)), unlessNotFound(namesFor(indexer, communityId, accountIds)).then((n) => n ?? new Map())])
    : [undefined, new Map()];
  return {
    txId,
    found: found.status === "confirmed" ? { status: found.status, height: found.height, blockId: found.blockId, timestamp: found.timestamp } : { status: found.status },
    kind: indexed?.kind ?? transactionKind(txId, outputs, legs, changes, community?.genesisTxId, spent),
    community: community && { communityId: community.communityId, name: community.metadata.name, symbol: community.metadata.symbol, decimals: community.metadata.decimals },
    inputs,
    dataInputs: found.tx.dataInputs.map((d) => d.boxId),
    outputs,
    legs,
    changes,
    // An economics community's charges, allowance and collections, per account (docs/economics.md).
    economics: indexed?.economics ?? [],
    memo: indexed?.memo ?? null,
    requestId: indexed?.requestId ?? null,
    names: namesOf(names, accountIds),
    profiles: await profilesSetBy(indexer, txId, changes, names),
  };
}

/**
 * The profiles this transaction set. Only an account whose balance did not rise is signed for by
 * its owner (docs/contracts.md, Notes), and only an account with a name ever set one, so the
 * history of those few is read (usually none, or the one account of a top-up).
 */
async function profilesSetBy(indexer: IndexerClient, txId: string, changes: readonly AccountChange[], names: Names): Promise<Profile[]> {
  const owners = changes.filter((c) => c.before !== undefined && (c.after === undefined || c.after <= c.before) && names.has(c.accountId));
  const histories = await Promise.all(owners.map((c) => unlessNotFound(indexer.accountProfiles(c.accountId, { limit: 1_000 }))));
  return histories.flatMap((h) => h?.items.filter((p) => p.txId === txId) ?? []);
}
