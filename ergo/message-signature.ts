/**
 * Signing and checking arbitrary messages with a P2PK key, as wallets do for EIP-28 style
 * authentication: a Schnorr proof over the message bytes (ergo-lib's `sign_message_using_p2pk`,
 * checked by `verify_signature`). Browser-safe: the ergo-lib module is a parameter, so the
 * development wallet signs with ergo-lib-wasm-browser and the web server checks with
 * ergo-lib-wasm-nodejs; both have the same functions.
 */
import { hex } from "@fleet-sdk/crypto";
import { withOwned } from "./wasm.ts";

type Lib = typeof import("ergo-lib-wasm-browser");

/** The part of ergo-lib that signs and checks messages (either package). */
export type MessageLib = Pick<Lib, "Address" | "SecretKey" | "SecretKeys" | "Wallet" | "verify_signature">;

/** The proof (hex) that the key `secretKey` (32 bytes, hex) of P2PK `address` signed `message`. */
export function signMessage(lib: MessageLib, secretKey: string, address: string, message: Uint8Array): string {
  return withOwned((own) => {
    const keys = own(new lib.SecretKeys());
    keys.add(own(lib.SecretKey.dlog_from_bytes(hex.decode(secretKey))));
    const wallet = own(lib.Wallet.from_secrets(keys));
    return hex.encode(wallet.sign_message_using_p2pk(own(lib.Address.from_base58(address)), message));
  });
}

/**
 * Whether `proof` (hex) proves that the key of P2PK `address` signed `message`. A proof that does
 * not parse, or an address that is no address, is no proof: false, never an exception.
 */
export function verifyMessage(lib: MessageLib, address: string, message: Uint8Array, proof: string): boolean {
  if (!/^([0-9a-fA-F]{2})+$/.test(proof)) return false;
  try {
    return withOwned((own) => lib.verify_signature(own(lib.Address.from_base58(address)), message, hex.decode(proof.toLowerCase())));
  } catch {
    return false;
  }
}
