/**
 * Signing with a raw secret key through ergo-lib, the way a wallet does: a state context for the
 * next block built from the node's last ten headers, then `Wallet.sign_transaction`. The ergo-lib
 * module is a parameter, so the browser passes ergo-lib-wasm-browser (loaded lazily) and the tests
 * pass ergo-lib-wasm-nodejs; both expose the same classes.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { stringifyJson } from "../../../../ergo/json.ts";

type Lib = typeof import("ergo-lib-wasm-browser");

/** The part of ergo-lib this signer uses. */
export type ErgoLib = Pick<
  Lib,
  "BlockHeader" | "BlockHeaders" | "ErgoBoxes" | "ErgoStateContext" | "Parameters" | "PreHeader" | "SecretKey" | "SecretKeys" | "UnsignedTransaction" | "Wallet"
>;

/** ergo-lib reads a context of exactly this many headers. */
const CONTEXT_HEADERS = 10;

/** JSON-safe copy of a header parsed bigint-safely (ergo-lib reads plain JSON values). */
const plain = (header: Record<string, unknown>): Record<string, unknown> => JSON.parse(stringifyJson(header)) as Record<string, unknown>;

/**
 * Signs `transaction` with `secretKey` (32 bytes, hex) for the block after `lastHeaders[0]`.
 * `lastHeaders` are newest first; a chain younger than ten blocks is padded with its oldest header,
 * as the devnet's own validator pads it.
 */
export function signWithSecretKey(
  lib: ErgoLib,
  transaction: EIP12UnsignedTransaction,
  secretKey: string,
  lastHeaders: readonly Record<string, unknown>[],
  now = Date.now(),
): SignedTransaction {
  const newest = lastHeaders[0];
  if (!newest) throw new Error("the node returned no block headers to sign against");
  const headers = lastHeaders.slice(0, CONTEXT_HEADERS).map(plain);
  while (headers.length < CONTEXT_HEADERS) headers.push(headers.at(-1)!);
  const timestamp = Math.max(now, Number(newest.timestamp) + 1);
  const pre = { ...headers[0], id: "0".repeat(64), parentId: newest.id, height: Number(newest.height) + 1, timestamp };

  const owned: { free(): void }[] = [];
  const own = <T extends { free(): void }>(value: T): T => (owned.push(value), value);
  try {
    // from_block_header and the ErgoStateContext constructor take ownership of their arguments.
    const preHeader = lib.PreHeader.from_block_header(lib.BlockHeader.from_json(JSON.stringify(pre)));
    const context = own(new lib.ErgoStateContext(preHeader, lib.BlockHeaders.from_json(headers), lib.Parameters.default_parameters()));
    const keys = own(new lib.SecretKeys());
    keys.add(own(lib.SecretKey.dlog_from_bytes(hex.decode(secretKey))));
    const wallet = own(lib.Wallet.from_secrets(keys));
    const unsigned = own(lib.UnsignedTransaction.from_json(stringifyJson(transaction)));
    const inputs = own(lib.ErgoBoxes.from_boxes_json(transaction.inputs as unknown[]));
    const dataInputs = own(lib.ErgoBoxes.from_boxes_json(transaction.dataInputs as unknown[]));
    const signed = own(wallet.sign_transaction(context, unsigned, inputs, dataInputs));
    return signed.to_js_eip12() as SignedTransaction;
  } finally {
    for (const value of owned) value.free();
  }
}
