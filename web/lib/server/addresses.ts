/**
 * Owners as people know them: an owner register holding one public key (`08cd` + 33 bytes) is a
 * P2PK address; anything else (a committee's threshold of keys) has no single address.
 */
import { ErgoAddress } from "@fleet-sdk/core";
import { addressNetwork, type NetworkName } from "$ergo/network.ts";

const P2PK_OWNER = /^08cd((?:02|03)[0-9a-f]{64})$/;

/** The address of a single-key owner on `network`, or undefined for other owners. */
export function ownerAddress(owner: string, network: NetworkName): string | undefined {
  const key = P2PK_OWNER.exec(owner.toLowerCase())?.[1];
  if (!key) return undefined;
  return ErgoAddress.fromPublicKey(key, addressNetwork(network)).encode();
}
