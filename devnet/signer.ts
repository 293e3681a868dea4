/**
 * Signs EIP-12 unsigned transactions with development account keys, inside this process, using
 * ergo-lib and the chain's next-block context. For the faucet, tests and the CLI's dev accounts.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { ErgoBoxes, SecretKey, SecretKeys, UnsignedTransaction, Wallet } from "ergo-lib-wasm-nodejs";
import { hex } from "@fleet-sdk/crypto";
import { devAccount } from "./accounts.ts";
import { stringifyJson } from "../ergo/json.ts";
import type { BlockContext } from "./validate.ts";

/** Signs with raw 32-byte secret keys (hex). */
export function signWithSecrets(tx: EIP12UnsignedTransaction, secrets: string[], block: BlockContext): SignedTransaction {
  const keys = new SecretKeys();
  for (const secret of secrets) keys.add(SecretKey.dlog_from_bytes(hex.decode(secret)));
  const wallet = Wallet.from_secrets(keys);
  const unsigned = UnsignedTransaction.from_json(stringifyJson(tx));
  const inputs = ErgoBoxes.from_boxes_json(tx.inputs as unknown[]);
  const data = ErgoBoxes.from_boxes_json(tx.dataInputs as unknown[]);
  try {
    const signed = wallet.sign_transaction(block.context, unsigned, inputs, data);
    const json = signed.to_js_eip12() as SignedTransaction;
    signed.free();
    return json;
  } finally {
    for (const owned of [keys, wallet, unsigned, inputs, data]) owned.free();
  }
}

/** Signs with the development accounts at `indexes` (EIP-3 indexes of the dev mnemonic). */
export function signWithDevAccounts(tx: EIP12UnsignedTransaction, indexes: number[], block: BlockContext): SignedTransaction {
  return signWithSecrets(tx, indexes.map((i) => devAccount(i).secretKey), block);
}
