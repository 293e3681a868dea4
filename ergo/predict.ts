/** The id and output boxes a transaction will have once signed, known before its signature exists. */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { serializeBox, serializeTransaction } from "@fleet-sdk/serializer";

/** A transaction's future id and outputs (with box ids). */
export interface Predicted {
  id: string;
  outputs: Box<string>[];
}

/**
 * The id hashes the bytes to sign, which hold no proofs, so it is fixed by the unsigned
 * transaction; each output's id hashes the box with that transaction id and its index. This is what
 * lets the next payment spend an output before the first one is signed (chaining in the mempool).
 */
export function predict(unsigned: EIP12UnsignedTransaction): Predicted {
  const id = hex.encode(blake2b256(serializeTransaction(unsigned).toBytes()));
  const outputs = unsigned.outputs.map((candidate, index) => {
    const box = { ...candidate, transactionId: id, index };
    return { ...box, boxId: hex.encode(blake2b256(serializeBox(box).toBytes())) };
  });
  return { id, outputs };
}
