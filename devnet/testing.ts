/**
 * Test helpers for the devnet over HTTP: requests that cannot hang, the node's error body checked
 * against the node's OpenAPI spec, snapshots of mempool and boxes, and signed development-account
 * transactions (transfers, EIP-4 token mints, spends of a box the chain never had), and JSON-text
 * helpers for the mainnet fixtures.
 */
import { expect } from "vitest";
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { blake2b256, hex, utf8 } from "@fleet-sdk/crypto";
import { serializeBox } from "@fleet-sdk/serializer";
import { operationFor, validateNodeResponse, validateNodeText, type Method } from "./openapi/node-api.ts";
import { devAccount } from "../ergo/keys.ts";
import type { Chain } from "./chain.ts";
import { parseJson, stringifyJson } from "../ergo/json.ts";
import { signWithDevAccounts } from "../ergo/signer.ts";
import type { NodeBox } from "../ergo/types.ts";

/** An HTTP answer: status, raw text, the text parsed bigint-safely (undefined if not JSON). */
export interface Reply {
  status: number;
  text: string;
  body: unknown;
  contentType: string;
}

/** One request. A string body is sent as is, anything else as (bigint-safe) JSON. Fails after 10 s instead of hanging. */
export async function call(base: string, method: "GET" | "POST", path: string, body?: unknown): Promise<Reply> {
  const init: RequestInit = { method, signal: AbortSignal.timeout(10_000) };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : stringifyJson(body);
    init.headers = { "content-type": "application/json" };
  }
  const response = await fetch(new URL(path, base), init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : parseJson(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, body: parsed, contentType: response.headers.get("content-type") ?? "" };
}

/**
 * Asserts the node's error body `{error, reason, detail}` with `error === status`, validated as the
 * spec's ApiError: through the operation's own error response, or `/info`'s default response for
 * paths the spec does not have (unknown routes, `/devnet/...`).
 */
export function expectNodeError(method: Method, path: string, reply: Reply, status: number): void {
  expect(reply.status, `${method} ${path}: ${reply.text}`).toBe(status);
  expect(reply.contentType).toMatch(/^application\/json/);
  expect(reply.body).toEqual({ error: status, reason: expect.any(String), detail: expect.any(String) });
  const problems = operationFor(method, path)
    ? validateNodeText(method, path, status, reply.text)
    : validateNodeResponse("get", "/info", status, JSON.parse(reply.text));
  expect(problems).toEqual([]);
}

/** What refused requests must not change: the mempool's ids and these boxes, confirmed and with the pool applied. */
export async function snapshot(base: string, boxIds: readonly string[]): Promise<string[]> {
  const paths = ["/transactions/unconfirmed/transactionIds", ...boxIds.flatMap((id) => [`/utxo/byId/${id}`, `/utxo/withPool/byId/${id}`])];
  return Promise.all(
    paths.map(async (path) => {
      const reply = await call(base, "GET", path);
      return `${path} ${reply.status} ${reply.text}`;
    }),
  );
}

type FleetBox = Omit<NodeBox, "value" | "assets"> & { value: string; assets: { tokenId: string; amount: string }[] };

const forFleet = (box: NodeBox): FleetBox => ({
  ...box,
  value: box.value.toString(),
  assets: box.assets.map((a) => ({ tokenId: a.tokenId, amount: a.amount.toString() })),
});

/** Unspent boxes of a development account: confirmed, plus pooled outputs unless `confirmedOnly`; never pool-spent ones. */
export function boxesOf(chain: Chain, account: number, confirmedOnly = false): FleetBox[] {
  const tree = devAccount(account).ergoTree;
  const pooled = confirmedOnly ? [] : chain.mempool.list().flatMap((e) => e.tx.outputs);
  const boxes = [...chain.ledger.utxo.values(), ...pooled].filter((b) => b.ergoTree === tree);
  return (confirmedOnly ? boxes : boxes.filter((b) => !chain.mempool.spentBy(b.boxId))).map(forFleet);
}

const sign = (chain: Chain, unsigned: EIP12UnsignedTransaction, account: number): SignedTransaction =>
  signWithDevAccounts(unsigned, [account], chain.nextBlockContext());

export interface TransferOptions {
  /** Spend only confirmed boxes, even those a pooled transaction already spends (a double spend). */
  confirmedOnly?: boolean;
  /** Pay the miner fee (default); without it the transaction has no fee output. */
  fee?: boolean;
  /** Spend these boxes instead of the account's. */
  inputs?: FleetBox[];
}

/** A signed transfer of `nanoErg` from development account `from` to `to`, change back to `from`. */
export function transfer(chain: Chain, from: number, to: string, nanoErg: bigint, options: TransferOptions = {}): SignedTransaction {
  const sender = devAccount(from);
  const builder = new TransactionBuilder(chain.height)
    .from(options.inputs ?? boxesOf(chain, from, options.confirmedOnly))
    .to(new OutputBuilder(nanoErg, to))
    .sendChangeTo(sender.address);
  if (options.fee ?? true) builder.payMinFee();
  return sign(chain, builder.build().toEIP12Object(), from);
}

/** A signed mint of an EIP-4 token (R4 name, R5 description, R6 decimals) into `from`'s own box. */
export function mint(
  chain: Chain,
  from: number,
  token: { amount: bigint; name: string; description: string; decimals: number },
): SignedTransaction {
  const owner = devAccount(from).address;
  const unsigned = new TransactionBuilder(chain.height)
    .from(boxesOf(chain, from))
    .to(new OutputBuilder(1_000_000n, owner).mintToken(token))
    .sendChangeTo(owner)
    .payMinFee()
    .build()
    .toEIP12Object();
  return sign(chain, unsigned, from);
}

/** A well-formed box of development account `owner` that no transaction ever created (its id is right). */
export function phantomBox(owner: number, value: bigint): FleetBox {
  const box = {
    value,
    ergoTree: devAccount(owner).ergoTree,
    creationHeight: 1,
    assets: [],
    additionalRegisters: {},
    transactionId: hex.encode(blake2b256(utf8.decode("a transaction that never happened"))),
    index: 0,
  };
  return forFleet({ boxId: hex.encode(blake2b256(serializeBox(box).toBytes())), ...box });
}

/** A random 32-byte hex id (no box, block, transaction or token has it). */
export const randomId = (): string => hex.encode(crypto.getRandomValues(new Uint8Array(32)));

/** The numeric tokens of JSON text, in order, skipping strings. */
export const numbers = (text: string) => [...text.matchAll(/"(?:[^"\\]|\\.)*"|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g)].flatMap((m) => (m[1] ? [m[1]] : []));

/** The transactions of a block fixture exactly as the node wrote them, key order included. */
export function rawTransactions(text: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = text.indexOf("[", text.indexOf('"transactions"')); i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (depth++ === 1) start = i;
    } else if (c === "}" || c === "]") {
      if (--depth === 1) found.push(text.slice(start, i + 1));
      if (depth === 0) break;
    }
  }
  return found;
}

/** JSON text without whitespace outside strings. */
export const minified = (text: string) => text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m.startsWith('"') ? m : ""));
