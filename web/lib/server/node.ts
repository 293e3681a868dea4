/**
 * What the transaction page reads from the Ergo node: a transaction by id (from its block when the
 * height is known, else the mempool, else a node's extra index) and boxes by id where the node
 * still has them. Bigint-safe: box values and token amounts are bigint.
 */
import type { Box } from "@fleet-sdk/common";
import { isInteger, isSafeNumber, parse } from "lossless-json";

export interface NodeInput {
  boxId: string;
}

export interface NodeTransaction {
  id: string;
  inputs: NodeInput[];
  dataInputs: NodeInput[];
  outputs: Box<bigint>[];
  size?: number;
}

export type FoundTransaction =
  | { status: "confirmed"; tx: NodeTransaction; height: number; blockId: string; timestamp: number }
  | { status: "pending"; tx: NodeTransaction };

const TIMEOUT_MS = 10_000;

function parseNodeJson(text: string): unknown {
  return parse(text, undefined, (value: string) => (isInteger(value) && !isSafeNumber(value) ? BigInt(value) : Number(value)));
}

/** A box with its value and token amounts as bigint, whatever size they had in the JSON. */
function normalizeBox(raw: Box<bigint>): Box<bigint> {
  // The JSON held numbers where they fit; BigInt() takes either.
  return { ...raw, value: BigInt(raw.value), assets: raw.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })) };
}

function normalizeTx(raw: NodeTransaction): NodeTransaction {
  return { ...raw, dataInputs: raw.dataInputs ?? [], outputs: raw.outputs.map(normalizeBox) };
}

/** Reads from the node at `baseUrl`; a 404 (or a route the node lacks) is `undefined`, other failures throw. */
export function createNodeReader(baseUrl: string, fetchFn: typeof fetch = fetch) {
  const base = baseUrl.replace(/\/+$/, "");

  async function get<T>(path: string): Promise<T | undefined> {
    const response = await fetchFn(base + path, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (response.status === 404 || response.status === 400) return undefined;
    if (!response.ok) throw new Error(`node ${response.status} for ${path}`);
    return parseNodeJson(await response.text()) as T;
  }

  async function inBlockAt(txId: string, height: number): Promise<FoundTransaction | undefined> {
    for (const blockId of (await get<string[]>(`/blocks/at/${height}`)) ?? []) {
      const block = await get<{ transactions: NodeTransaction[] }>(`/blocks/${blockId}/transactions`);
      const tx = block?.transactions.find((t) => t.id === txId);
      if (!tx) continue;
      const header = await get<{ timestamp: number }>(`/blocks/${blockId}/header`);
      return { status: "confirmed", tx: normalizeTx(tx), height, blockId, timestamp: Number(header?.timestamp ?? 0) };
    }
    return undefined;
  }

  return {
    /** The transaction: in the block at `heightHint`, in the mempool, or through the node's extra index. */
    async transaction(txId: string, heightHint?: number): Promise<FoundTransaction | undefined> {
      if (heightHint !== undefined) {
        const found = await inBlockAt(txId, heightHint);
        if (found) return found;
      }
      const pending = await get<NodeTransaction>(`/transactions/unconfirmed/byTransactionId/${txId}`);
      if (pending) return { status: "pending", tx: normalizeTx(pending) };
      const indexed = await get<{ inclusionHeight: number }>(`/blockchain/transaction/byId/${txId}`);
      return indexed ? inBlockAt(txId, indexed.inclusionHeight) : undefined;
    },

    /** A box by id: unspent (with the mempool), or any box through the node's extra index. */
    async box(boxId: string): Promise<Box<bigint> | undefined> {
      const box = (await get<Box<bigint>>(`/utxo/withPool/byId/${boxId}`)) ?? (await get<Box<bigint>>(`/blockchain/box/byId/${boxId}`));
      return box ? normalizeBox(box) : undefined;
    },
  };
}

export type NodeReader = ReturnType<typeof createNodeReader>;
