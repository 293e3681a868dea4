/**
 * The script context of the block a transaction is for, the one rule for building it: the
 * node's last ten headers (newest first; a chain younger than ten blocks is padded with copies of
 * its oldest header) and a pre-header for the next block. Browser-safe: the ergo-lib module is a
 * parameter, so the browser passes ergo-lib-wasm-browser (loaded lazily) and Node passes
 * ergo-lib-wasm-nodejs; both expose the same classes.
 */
import { stringifyJson } from "./json.ts";

/** ergo-lib reads a context of exactly this many headers. */
export const CONTEXT_HEADERS = 10;

type Lib = typeof import("ergo-lib-wasm-browser");

/** The part of ergo-lib that builds contexts and signs (either package: they have the same classes). */
export type ErgoLib = Pick<
  Lib,
  "BlockHeader" | "BlockHeaders" | "ErgoBoxes" | "ErgoStateContext" | "Parameters" | "PreHeader" | "SecretKey" | "SecretKeys" | "UnsignedTransaction" | "Wallet"
>;

/** An ergo-lib state context (free it when done). */
export type StateContext = InstanceType<ErgoLib["ErgoStateContext"]>;

/** The block a transaction is for: its height, its time and its parent's id. */
export interface NextBlock {
  height: number;
  timestamp: number;
  parentId: string;
}

/** JSON-safe copy of a header parsed bigint-safely (ergo-lib reads plain JSON values). */
const plain = (header: object): Record<string, unknown> => JSON.parse(stringifyJson(header)) as Record<string, unknown>;

/**
 * The state context of `next` from `lastHeaders` (newest first, at least one): ten headers, padded
 * with the oldest, and a pre-header that is the newest header moved to `next`.
 */
export function stateContext(lib: ErgoLib, lastHeaders: readonly object[], next: NextBlock): StateContext {
  const newest = lastHeaders[0];
  if (!newest) throw new Error("a state context needs at least one block header");
  const headers = lastHeaders.slice(0, CONTEXT_HEADERS).map(plain);
  while (headers.length < CONTEXT_HEADERS) headers.push(headers.at(-1)!);
  const pre = { ...newest, id: "0".repeat(64), parentId: next.parentId, height: next.height, timestamp: next.timestamp };
  // from_block_header and the ErgoStateContext constructor take ownership of their arguments.
  const preHeader = lib.PreHeader.from_block_header(lib.BlockHeader.from_json(stringifyJson(pre)));
  return new lib.ErgoStateContext(preHeader, lib.BlockHeaders.from_json(headers), lib.Parameters.default_parameters());
}
