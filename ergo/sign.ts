/**
 * Signing with raw secret keys through ergo-lib, the way a wallet does: `Wallet.sign_transaction`
 * in a state context of the block the transaction is for. Browser-safe: the ergo-lib module is a
 * parameter (see `context.ts`); the development wallet signs in the browser with it, and Node code
 * signs through `signer.ts`.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { stateContext, type ErgoLib, type StateContext } from "./context.ts";
import { stringifyJson } from "./json.ts";
import { withOwned } from "./wasm.ts";

/** Signs `transaction` with `secretKeys` (32 bytes each, hex) in `context`; the caller keeps the context. */
export function signInContext(lib: ErgoLib, context: StateContext, transaction: EIP12UnsignedTransaction, secretKeys: readonly string[]): SignedTransaction {
  return withOwned((own) => {
    const keys = own(new lib.SecretKeys());
    for (const secret of secretKeys) keys.add(own(lib.SecretKey.dlog_from_bytes(hex.decode(secret))));
    const wallet = own(lib.Wallet.from_secrets(keys));
    const unsigned = own(lib.UnsignedTransaction.from_json(stringifyJson(transaction)));
    const inputs = own(lib.ErgoBoxes.from_boxes_json(transaction.inputs as unknown[]));
    const dataInputs = own(lib.ErgoBoxes.from_boxes_json(transaction.dataInputs as unknown[]));
    const signed = own(wallet.sign_transaction(context, unsigned, inputs, dataInputs));
    return signed.to_js_eip12() as SignedTransaction;
  });
}

/**
 * Signs `transaction` with `secretKey` (32 bytes, hex) for the block after `lastHeaders[0]`
 * (newest first, as `NodeClient.lastHeaders` gives them), timed `now` or just after that block.
 */
export function signForNextBlock(
  lib: ErgoLib,
  transaction: EIP12UnsignedTransaction,
  secretKey: string,
  lastHeaders: readonly Record<string, unknown>[],
  now = Date.now(),
): SignedTransaction {
  const newest = lastHeaders[0];
  if (!newest) throw new Error("the node returned no block headers to sign against");
  const next = { height: Number(newest.height) + 1, timestamp: Math.max(now, Number(newest.timestamp) + 1), parentId: String(newest.id) };
  return withOwned((own) => signInContext(lib, own(stateContext(lib, lastHeaders, next)), transaction, [secretKey]));
}
