/**
 * Blocks fetched ahead: while the sync writes one batch, the next blocks are already on their way
 * (`/blocks/at/{h}` then `/blocks/{id}`, a few heights at a time), so the node's serving and the
 * parsing overlap with the database's work. Blocks come out in height order.
 */
import type { NodeClient } from "../../ergo/node-client.ts";
import type { BatchBlock } from "./batch.ts";

/** Blocks requested or waiting to be read, at most. */
const AHEAD = 32;
/** Requests in flight at once. */
const CONCURRENT = 4;

type NodeBlock = { header: BatchBlock["header"]; blockTransactions: { transactions: BatchBlock["transactions"] } };

/** The best block at `height`, or undefined if the node has none there (any more). */
async function blockAt(node: NodeClient, height: number): Promise<BatchBlock | undefined> {
  const [id] = await node.request<string[]>("GET", `/blocks/at/${height}`);
  if (!id) return undefined;
  const block = await node.request<NodeBlock>("GET", `/blocks/${id}`);
  return { header: block.header, transactions: block.blockTransactions.transactions };
}

/**
 * The blocks at `from`..`to` in order; stops early at a height the node has no block for. Up to
 * `AHEAD` blocks are fetched (`CONCURRENT` at a time) whether or not the consumer is reading, so
 * fetching goes on while it writes; a consumer that stops early leaves them unread.
 */
export async function* prefetchBlocks(node: NodeClient, from: number, to: number): AsyncGenerator<BatchBlock> {
  const queue: Promise<BatchBlock | undefined>[] = [];
  let next = from;
  let running = 0;
  let stopped = false;
  const fill = () => {
    while (!stopped && next <= to && queue.length < AHEAD && running < CONCURRENT) {
      running += 1;
      const request = blockAt(node, next++).finally(() => {
        running -= 1;
        fill();
      });
      request.catch(() => undefined); // read (and rethrown) in order below, or dropped if the consumer stopped
      queue.push(request);
    }
  };
  try {
    fill();
    while (queue.length > 0) {
      const block = await queue.shift()!;
      fill();
      if (!block) return;
      yield block;
    }
  } finally {
    stopped = true;
  }
}
