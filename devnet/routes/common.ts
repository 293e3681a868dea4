/** Shapes and parameter schemas the devnet routes share. */
import { ErgoAddress, Network } from "@fleet-sdk/core";
import { badRequest, type IndexedBox, type NodeBox } from "../types.ts";

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

/** The ErgoTree of an address, or a 400. */
export function treeOf(address: unknown): string {
  if (typeof address !== "string" || !ErgoAddress.validate(address.trim())) {
    throw badRequest(`not a valid Ergo address: ${String(address)}`);
  }
  return ErgoAddress.decode(address.trim()).ergoTree;
}

/** A box as `/blockchain` routes return it (`IndexedErgoBox`). */
export function indexedBox(box: NodeBox & Partial<IndexedBox>, spentTransactionId: string | null = null) {
  return {
    ...box,
    globalIndex: box.globalIndex ?? -1,
    inclusionHeight: box.inclusionHeight ?? 0,
    address: addressOf(box.ergoTree),
    spentTransactionId,
    spendingProof: null,
  };
}
