/** What the contract benchmark measures: one transaction shape, and the key of who signs it. */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Secret } from "../testing/ergo-lib.ts";
import type { Member } from "../testing/world.ts";

/** One transaction to measure: the unsigned tx, who signs it, and the HEIGHT it is validated at. */
export interface Shape {
  name: string;
  tx: EIP12UnsignedTransaction;
  secrets: Secret[];
  /** Chain tip + 1: the block a node puts a mempool transaction into. */
  height: number;
}

/** A test member's private key, to sign a shape with. */
export function secretOf(member: Member): Uint8Array {
  const key = member.party.key.privateKey;
  if (!key) throw new Error(`member ${member.name} has no private key`);
  return key;
}
