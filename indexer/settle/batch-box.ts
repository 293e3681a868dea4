/**
 * The batch box a settlement spends first (contract version 5, docs/batches.md). Anyone may make one
 * and anyone may spend one (its ERG goes to whoever does), and each settlement makes the next, so
 * the settler takes its own newest one the node knows (its mempool included) that accounts will
 * still recognise at the next block, and makes one with its own wallet when there is none.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { TransactionBuilder } from "@fleet-sdk/core";
import { DEFAULT_FEE, finish, totalValue } from "../../contracts/builders/common.ts";
import { verifierOutput } from "../../contracts/builders/settle.ts";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { BATCH_ERGO_TREE, MIN_BOX_VALUE } from "../../contracts/scripts.ts";
import type { KeyHolder, LetsOverHttp, Tip } from "../../client/lets-over-http.ts";
import { toChainBox, type NodeClient } from "../../ergo/node-client.ts";

/** The node's unspent boxes of `ergoTree`, its mempool applied (outputs in, spent boxes out), newest first. */
export async function unspentByTree(node: NodeClient, ergoTree: string, limit = 100): Promise<Box<bigint>[]> {
  const query = `limit=${limit}&includeUnconfirmed=true&excludeMempoolSpent=true&sortDirection=desc`;
  const boxes = await node.request<Record<string, unknown>[]>("POST", `/blockchain/box/unspent/byErgoTree?${query}`, ergoTree);
  return boxes.map(toChainBox);
}

/** A batch box this close to a storage period old is left alone: its settlement must be mined before accounts stop recognising it. */
const MARGIN_BLOCKS = 720;

/**
 * The settler's newest unspent batch box that accounts will still recognise (made less than a
 * storage period ago, with a margin), or undefined. Its own: made by a transaction whose change
 * `wallet` still holds (its last settlement, or the box it made), so two settlers do not race for one box.
 */
export async function findBatchBox(node: NodeClient, wallet: readonly Box<bigint>[], height: number): Promise<Box<bigint> | undefined> {
  const ours = new Set(wallet.map((b) => b.transactionId));
  const young = height + 1 - STORAGE_PERIOD_BLOCKS + MARGIN_BLOCKS;
  const boxes = await unspentByTree(node, BATCH_ERGO_TREE);
  return boxes.filter((b) => ours.has(b.transactionId) && b.creationHeight > young).sort((a, b) => b.creationHeight - a.creationHeight)[0];
}

/** Makes a batch box from `settler`'s wallet (`utxos`); returns the box, unconfirmed. */
export async function makeBatchBox(lets: LetsOverHttp, settler: KeyHolder, utxos: Box<Amount>[], tip: Tip): Promise<Box<bigint>> {
  const builder = new TransactionBuilder(tip.height).from(utxos).to(verifierOutput()).payFee(DEFAULT_FEE).sendChangeTo(settler.address);
  const unsigned = finish(builder, totalValue(utxos), MIN_BOX_VALUE + DEFAULT_FEE);
  const submitted = await lets.signAndSubmit(unsigned, settler, tip);
  return toChainBox(submitted.signed.outputs.find((o) => o.ergoTree === BATCH_ERGO_TREE) as unknown as Record<string, unknown>);
}
