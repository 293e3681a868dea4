/**
 * Signs EIP-12 unsigned transactions inside this Node process, with raw keys or the development
 * accounts, in a `BlockContext`. For the devnet's faucet, the LETS client, the CLI and tests.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import type { BlockContext } from "./block-context.ts";
import { devAccount } from "./keys.ts";
import { signInContext } from "./sign.ts";

/** Signs with raw 32-byte secret keys (hex). */
export function signWithSecrets(tx: EIP12UnsignedTransaction, secrets: string[], block: BlockContext): SignedTransaction {
  return signInContext(ergoLib, block.context, tx, secrets);
}

/** Signs with the development accounts at `indexes` (EIP-3 indexes of the dev mnemonic). */
export function signWithDevAccounts(tx: EIP12UnsignedTransaction, indexes: number[], block: BlockContext): SignedTransaction {
  return signWithSecrets(tx, indexes.map((i) => devAccount(i).secretKey), block);
}
