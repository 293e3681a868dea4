/** Shapes and parameter schemas the devnet routes share. */
import { ErgoAddress, Network } from "@fleet-sdk/core";
import { badRequest, type IndexedBox } from "../types.ts";
import type { NodeBox } from "../../ergo/types.ts";

/** Path parameter schema of a 32-byte hex id. */
export const idParam = (name: string) => ({
  type: "object",
  required: [name],
  properties: { [name]: { type: "string", pattern: "^[0-9a-fA-F]{64}$" } },
});

/** A non-negative integer query or path field. */
export const integer = (minimum = 0, maximum = Number.MAX_SAFE_INTEGER) => ({ type: "integer", minimum, maximum });

/** The address (testnet prefix) that pays to `ergoTree`. */
export function addressOf(ergoTree: string): string {
  try {
    return ErgoAddress.fromErgoTree(ergoTree, Network.Testnet).encode(Network.Testnet);
  } catch {
    return "";
  }
}

/** Whether `text` is a valid Ergo address (Fleet's validate throws on non-base58 characters). */
export function isAddress(text: string): boolean {
  try {
    return ErgoAddress.validate(text);
  } catch {
    return false;
  }
}

/** The ErgoTree of an address, or a 400. */
export function treeOf(address: unknown): string {
  if (typeof address !== "string" || !isAddress(address.trim())) {
    // Not String(address): a JSON object with a "toString" key cannot be converted and would throw.
    throw badRequest(`not a valid Ergo address: ${typeof address === "string" ? address : `a JSON ${Array.isArray(address) ? "array" : typeof address}`}`);
  }
  return ErgoAddress.decode(address.trim()).ergoTree;
}

/** A box as `/blockchain` routes return it (`IndexedErgoBox`). */
export function indexedBox(box: NodeBox & Partial<IndexedBox>, spentTransactionId: string | null = null) {
  return {
    ...box,
    // Mempool boxes have no global index yet; the node writes 0 for them (IndexedErgoBox(0, None, None, box, 0)).
    globalIndex: box.globalIndex ?? 0,
    inclusionHeight: box.inclusionHeight ?? 0,
    address: addressOf(box.ergoTree),
    spentTransactionId,
    spendingProof: null,
  };
}
