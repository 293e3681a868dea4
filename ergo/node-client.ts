/**
 * The one typed client of the Ergo node REST API (the devnet or any real node), bigint-safe:
 * amounts come back as bigint, whatever their size. Errors carry the node's error body. Browser-
 * safe (fetch only): the wallet screens reach the node through the web server's proxy with it.
 */
import type { Box } from "@fleet-sdk/common";
import { parseJson, stringifyJson } from "./json.ts";
import { ErgoError } from "./errors.ts";

/** A refusal or failure from the node, with its error body when it sent one; `status` 0: unreachable. */
export class NodeRequestError extends ErgoError {
  constructor(readonly status: number, readonly reason: string, readonly detail: string, readonly path: string) {
    super(`${path}: ${status} ${reason}: ${detail}`);
  }

  /** Whether trying again later can help (node unreachable or overloaded). */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** What `/info` reports that clients use. */
export interface NodeInfoSummary {
  fullHeight: number;
  bestFullHeaderId: string | null;
  network?: string;
  unconfirmedCount: number;
}

/** A box with bigint amounts, as builders take it. */
export type ChainBox = Box<bigint>;

/** A transaction with its outputs as `ChainBox`es. */
export interface TransactionBoxes {
  id: string;
  inputs: { boxId: string }[];
  dataInputs: { boxId: string }[];
  outputs: ChainBox[];
  size?: number;
}

/** A transaction found by id: in a block (with where and when), or in the mempool. */
export type FoundTransaction =
  | { status: "confirmed"; tx: TransactionBoxes; height: number; blockId: string; timestamp: number }
  | { status: "pending"; tx: TransactionBoxes };

export interface NodeClientOptions {
  /** Gives up on a request after this long (default: never). */
  timeoutMs?: number;
}

/** Boxes per page when reading every box of a token (a real node caps pages). */
const TOKEN_PAGE = 100;
const UNSPENT_QUERY = "includeUnconfirmed=true&excludeMempoolSpent=true&sortDirection=asc";

/** A node box (amounts as JSON numbers or bigints) as a `ChainBox`. */
export function toChainBox(raw: Record<string, unknown>): ChainBox {
  const assets = (raw.assets as { tokenId: string; amount: number | bigint }[] | undefined) ?? [];
  return {
    boxId: raw.boxId as string,
    value: BigInt(raw.value as number | bigint),
    ergoTree: raw.ergoTree as string,
    creationHeight: raw.creationHeight as number,
    assets: assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })),
    additionalRegisters: (raw.additionalRegisters as Record<string, string>) ?? {},
    transactionId: raw.transactionId as string,
    index: raw.index as number,
  };
}

function toTransaction(raw: Record<string, unknown>): TransactionBoxes {
  const tx = raw as unknown as TransactionBoxes;
  return { ...tx, dataInputs: tx.dataInputs ?? [], outputs: (raw.outputs as Record<string, unknown>[]).map(toChainBox) };
}

/** The answer, or undefined when the node has no such thing (404, or 400 for a route it lacks). */
async function unlessMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof NodeRequestError && (error.status === 404 || error.status === 400)) return undefined;
    throw error;
  }
}

/** The node client. */
export class NodeClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly options: NodeClientOptions = {},
  ) {}

  /** Any route; parses the answer bigint-safely and throws `NodeRequestError` on a non-2xx. */
  async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetcher(`${this.baseUrl.replace(/\/$/, "")}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : stringifyJson(body),
        signal: this.options.timeoutMs === undefined ? undefined : AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      throw new NodeRequestError(0, "unreachable", cause instanceof Error ? cause.message : String(cause), path);
    }
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : parseJson(text);
    } catch {
      throw new NodeRequestError(response.status, "not-json", `not JSON: ${text.slice(0, 200)}`, path);
    }
    if (!response.ok) {
      const error = (parsed ?? {}) as { reason?: unknown; detail?: unknown };
      const detail = typeof error.detail === "string" ? error.detail : text;
      throw new NodeRequestError(response.status, typeof error.reason === "string" ? error.reason : "error", detail, path);
    }
    return parsed as T;
  }

  info(): Promise<NodeInfoSummary> {
    return this.request("GET", "/info");
  }

  /** The height of the best full block. */
  async height(): Promise<number> {
    return (await this.info()).fullHeight;
  }

  /** Submits a signed transaction (node JSON or EIP-12 signed); returns its id. */
  submit(tx: unknown): Promise<string> {
    return this.request("POST", "/transactions", tx);
  }

  /** A box from the UTXO set with the mempool applied, or undefined once spent (or never seen). */
  async boxWithPool(boxId: string): Promise<ChainBox | undefined> {
    try {
      return toChainBox(await this.request("GET", `/utxo/withPool/byId/${boxId}`));
    } catch (error) {
      if (error instanceof NodeRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** One page (the first `limit`) of the unspent boxes holding `tokenId`, mempool included and mempool-spent excluded. */
  async unspentByTokenId(tokenId: string, limit = 1_000): Promise<ChainBox[]> {
    const boxes = await this.request<Record<string, unknown>[]>("GET", `/blockchain/box/unspent/byTokenId/${tokenId}?limit=${limit}&${UNSPENT_QUERY}`);
    return boxes.map(toChainBox);
  }

  /** Every unspent box holding `tokenId`, mempool applied, page by page. */
  async allUnspentByTokenId(tokenId: string): Promise<ChainBox[]> {
    const all: ChainBox[] = [];
    for (let offset = 0; ; offset += TOKEN_PAGE) {
      const page = await this.request<Record<string, unknown>[]>("GET", `/blockchain/box/unspent/byTokenId/${tokenId}?offset=${offset}&limit=${TOKEN_PAGE}&${UNSPENT_QUERY}`);
      all.push(...page.map(toChainBox));
      if (page.length < TOKEN_PAGE) return all;
    }
  }

  /**
   * Every unspent box running `ergoTree`, mempool applied, page by page. A node answers a list (the
   * devnet, and the node's own implementation); its OpenAPI file says `{ items, total }`: both are read.
   */
  async allUnspentByErgoTree(ergoTree: string): Promise<ChainBox[]> {
    const all: ChainBox[] = [];
    for (let offset = 0; ; offset += TOKEN_PAGE) {
      const answer = await this.request<Record<string, unknown>[] | { items?: Record<string, unknown>[] }>(
        "POST", `/blockchain/box/unspent/byErgoTree?offset=${offset}&limit=${TOKEN_PAGE}&${UNSPENT_QUERY}`, ergoTree);
      const page = Array.isArray(answer) ? answer : (answer?.items ?? []);
      all.push(...page.map(toChainBox));
      if (page.length < TOKEN_PAGE) return all;
    }
  }

  /** Unspent boxes of an address, mempool included and mempool-spent excluded. */
  async unspentByAddress(address: string, limit = 1_000): Promise<ChainBox[]> {
    const boxes = await this.request<Record<string, unknown>[]>("POST", `/blockchain/box/unspent/byAddress?limit=${limit}&${UNSPENT_QUERY}`, address);
    return boxes.map(toChainBox);
  }

  /** The last `count` headers, newest first (the node sends them oldest first); what a signing context needs. */
  async lastHeaders(count = 10): Promise<Record<string, unknown>[]> {
    return (await this.request<Record<string, unknown>[]>("GET", `/blocks/lastHeaders/${count}`)).reverse();
  }

  /** The transaction: in the block at `heightHint`, in the mempool, or through the node's extra index. */
  async transaction(txId: string, heightHint?: number): Promise<FoundTransaction | undefined> {
    if (heightHint !== undefined) {
      const found = await this.inBlockAt(txId, heightHint);
      if (found) return found;
    }
    const pending = await unlessMissing(this.request<Record<string, unknown>>("GET", `/transactions/unconfirmed/byTransactionId/${txId}`));
    if (pending) return { status: "pending", tx: toTransaction(pending) };
    const indexed = await unlessMissing(this.request<{ inclusionHeight: number }>("GET", `/blockchain/transaction/byId/${txId}`));
    return indexed ? this.inBlockAt(txId, indexed.inclusionHeight) : undefined;
  }

  /** A box by id: unspent (with the mempool), or any box through the node's extra index. */
  async box(boxId: string): Promise<ChainBox | undefined> {
    const box =
      (await unlessMissing(this.request<Record<string, unknown>>("GET", `/utxo/withPool/byId/${boxId}`))) ??
      (await unlessMissing(this.request<Record<string, unknown>>("GET", `/blockchain/box/byId/${boxId}`)));
    return box ? toChainBox(box) : undefined;
  }

  private async inBlockAt(txId: string, height: number): Promise<FoundTransaction | undefined> {
    for (const blockId of (await unlessMissing(this.request<string[]>("GET", `/blocks/at/${height}`))) ?? []) {
      const block = await unlessMissing(this.request<{ transactions: Record<string, unknown>[] }>("GET", `/blocks/${blockId}/transactions`));
      const tx = block?.transactions.find((t) => t.id === txId);
      if (!tx) continue;
      const header = await unlessMissing(this.request<{ timestamp: number }>("GET", `/blocks/${blockId}/header`));
      return { status: "confirmed", tx: toTransaction(tx), height, blockId, timestamp: Number(header?.timestamp ?? 0) };
    }
    return undefined;
  }
}
