/**
 * Addresses of keys and owners, as people know them. An owner (or committee) register holding one
 * public key (`08cd` + 33 bytes) is that key's P2PK address; any other SigmaProp, a k-of-n
 * committee included (even 1 of 1: its tree is not the P2PK tree), has no single address.
 * Browser-safe.
 */
import { ErgoAddress } from "@fleet-sdk/core";
import { addressNetwork, type NetworkName } from "./network.ts";

const P2PK_OWNER = /^08cd(0[23][0-9a-f]{64})$/;

/** The P2PK address of a compressed public key (hex) on `network`. */
export const addressOfKey = (publicKey: string, network: NetworkName): string =>
  ErgoAddress.fromPublicKey(publicKey, addressNetwork(network)).encode(addressNetwork(network));

/** The address of a single-key owner (SigmaProp constant hex) on `network`, or undefined for any other owner. */
export function ownerAddress(owner: string, network: NetworkName): string | undefined {
  const key = P2PK_OWNER.exec(owner.toLowerCase())?.[1];
  return key === undefined ? undefined : addressOfKey(key, network);
}
