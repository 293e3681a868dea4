/**
 * The few Ergo node REST routes the wallet screens read and the development wallet submits to,
 * under a base path (in the browser, the web server's narrow node proxy `/api/node`; in tests,
 * the devnet itself). Answers are parsed bigint-safely and boxes come back in EIP-12 form
 * (amounts as strings), the same shape `get_utxos` gives, so builders see one kind of box.
 */
import type { SignedTransaction } from "@fleet-sdk/common";
import { LetsError } from "../../../contracts/errors.ts";
import { parseJson, stringifyJson } from "../../../ergo/json.ts";
import type { Eip12Box } from "./eip12.ts";

/** The node answered with an error (its body's `detail`), or could not be reached (`status` 0). */
export class NodeRequestFailed extends LetsError {
  override readonly retryable: boolean;

  constructor(readonly status: number, readonly detail: string, readonly path: string) {
    super(status === 0 ? `the node could not be reached (${detail})` : `the node answered ${status}: ${detail}`);
    this.retryable = status === 0 || status >= 500;
  }
}

/** Boxes per page when listing by token id (a real node caps pages; the devnet does not care). */
const PAGE = 100;
const UNSPENT_QUERY = "includeUnconfirmed=true&excludeMempoolSpent=true&sortDirection=asc";

type RawBox = Record<string, unknown> & { assets?: { tokenId: string; amount: unknown }[] };

/** A node box (amounts as numbers or bigints) in EIP-12 form. */
export function toEip12Box(raw: RawBox): Eip12Box {
  return {
    boxId: String(raw.boxId),
    transactionId: String(raw.transactionId),
    index: Number(raw.index),
    ergoTree: String(raw.ergoTree),
    creationHeight: Number(raw.creationHeight),
    value: String(raw.value),
    assets: (raw.assets ?? []).map((a) => ({ tokenId: a.tokenId, amount: String(a.amount) })),
    additionalRegisters: (raw.additionalRegisters ?? {}) as Eip12Box["additionalRegisters"],
  };
}

/** Reads from (and submits to) a node's REST API under `baseUrl`. */
export class NodeReader {
  constructor(
    private readonly baseUrl: string,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.baseUrl.replace(/\/$/, "")}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : stringifyJson(body),
      });
    } catch (cause) {
      throw new NodeRequestFailed(0, cause instanceof Error ? cause.message : String(cause), path);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : parseJson(text);
    } catch {
      throw new NodeRequestFailed(response.status, `not JSON: ${text.slice(0, 200)}`, path);
    }
    if (!response.ok) {
      const detail = (parsed as { detail?: unknown } | undefined)?.detail;
      throw new NodeRequestFailed(response.status, typeof detail === "string" ? detail : text.slice(0, 200), path);
    }
    return parsed as T;
  }

  /** The height of the best full block. */
  async height(): Promise<number> {
    return (await this.request<{ fullHeight: number }>("GET", "/info")).fullHeight;
  }

  /** The last `count` headers, newest first (the node sends them oldest first). */
  async lastHeaders(count = 10): Promise<Record<string, unknown>[]> {
    return (await this.request<Record<string, unknown>[]>("GET", `/blocks/lastHeaders/${count}`)).reverse();
  }

  /** Unspent boxes of an address, mempool applied. */
  async unspentByAddress(address: string): Promise<Eip12Box[]> {
    const boxes = await this.request<RawBox[]>("POST", `/blockchain/box/unspent/byAddress?limit=${PAGE * 10}&${UNSPENT_QUERY}`, address);
    return boxes.map(toEip12Box);
  }

  /** Every unspent box holding `tokenId`, mempool applied, page by page. */
  async unspentByTokenId(tokenId: string): Promise<Eip12Box[]> {
    const all: Eip12Box[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.request<RawBox[]>("GET", `/blockchain/box/unspent/byTokenId/${tokenId}?offset=${offset}&limit=${PAGE}&${UNSPENT_QUERY}`);
      all.push(...page.map(toEip12Box));
      if (page.length < PAGE) return all;
    }
  }

  /** A box unspent with the mempool applied, or undefined once spent (or never seen). */
  async unspentBox(boxId: string): Promise<Eip12Box | undefined> {
    try {
      return toEip12Box(await this.request<RawBox>("GET", `/utxo/withPool/byId/${boxId}`));
    } catch (error) {
      if (error instanceof NodeRequestFailed && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Submits a signed transaction; answers its id. */
  submit(transaction: SignedTransaction): Promise<string> {
    return this.request<string>("POST", "/transactions", transaction);
  }
}
