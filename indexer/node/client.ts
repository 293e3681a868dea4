/**
 * A typed client of the Ergo node REST API (the devnet or any real node), bigint-safe: amounts
 * come back as bigint, whatever their size. Errors carry the node's error body.
 */
import type { Box } from "@fleet-sdk/common";
import { parseJson, stringifyJson } from "../../ergo/json.ts";

/** A refusal or failure from the node, with its error body when it sent one. */
export class NodeRequestError extends Error {
  constructor(readonly status: number, readonly reason: string, readonly detail: string, readonly path: string) {
    super(`${path}: ${status} ${reason}: ${detail}`);
    this.name = "NodeRequestError";
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

function toBox(raw: Record<string, unknown>): ChainBox {
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

/** The node client. */
export class NodeClient {
  constructor(readonly baseUrl: string, private readonly fetcher: typeof fetch = fetch) {}

  /** Any route; parses the answer bigint-safely and throws `NodeRequestError` on a non-2xx. */
  async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(new URL(path, this.baseUrl), {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : stringifyJson(body),
      });
    } catch (cause) {
      throw new NodeRequestError(0, "unreachable", (cause as Error).message, path);
    }
    const text = await response.text();
    const parsed = text === "" ? undefined : parseJson(text);
    if (!response.ok) {
      const error = (parsed ?? {}) as { reason?: string; detail?: string };
      throw new NodeRequestError(response.status, error.reason ?? "error", error.detail ?? text, path);
    }
    return parsed as T;
  }

  info(): Promise<NodeInfoSummary> {
    return this.request("GET", "/info");
  }

  async height(): Promise<number> {
    return (await this.info()).fullHeight;
  }

  /** Submits a signed transaction (node JSON or EIP-12 signed); returns its id. */
  submit(tx: unknown): Promise<string> {
    return this.request("POST", "/transactions", tx);
  }

  /** A box from the UTXO set with the mempool applied, or undefined. */
  async boxWithPool(boxId: string): Promise<ChainBox | undefined> {
    try {
      return toBox(await this.request("GET", `/utxo/withPool/byId/${boxId}`));
    } catch (error) {
      if (error instanceof NodeRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Unspent boxes holding `tokenId`, mempool included and mempool-spent excluded. */
  async unspentByTokenId(tokenId: string, limit = 1_000): Promise<ChainBox[]> {
    const query = `?limit=${limit}&includeUnconfirmed=true&excludeMempoolSpent=true&sortDirection=asc`;
    const boxes = await this.request<Record<string, unknown>[]>("GET", `/blockchain/box/unspent/byTokenId/${tokenId}${query}`);
    return boxes.map(toBox);
  }

  /** Unspent boxes of an address, mempool included and mempool-spent excluded. */
  async unspentByAddress(address: string, limit = 1_000): Promise<ChainBox[]> {
    const query = `?limit=${limit}&includeUnconfirmed=true&excludeMempoolSpent=true&sortDirection=asc`;
    const boxes = await this.request<Record<string, unknown>[]>("POST", `/blockchain/box/unspent/byAddress${query}`, address);
    return boxes.map(toBox);
  }

  /** The ten last headers, newest first (what a signing context needs). */
  async lastHeaders(count = 10): Promise<Record<string, unknown>[]> {
    return (await this.request<Record<string, unknown>[]>("GET", `/blocks/lastHeaders/${count}`)).reverse();
  }
}
