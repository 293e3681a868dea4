/**
 * Block headers with the node's structure: ids, parent links, heights, timestamps, votes and
 * section ids, so wallets and ergo-lib can build a signing context from `/blocks/lastHeaders/10`.
 * The devnet does no proof of work: ids are hashes of the header fields, the transactions root is
 * a hash of the transaction ids (not a Merkle root), and the PoW solution is a fixed placeholder.
 */
import { blake2b256, hex, utf8 } from "@fleet-sdk/crypto";
import type { NodeHeader } from "./types.ts";

/** Parent id of the first block, as on the real chain. */
export const GENESIS_PARENT_ID = "0".repeat(64);
const BLOCK_VERSION = 3;
const POW_PLACEHOLDER = {
  pk: "0274e729bb6615cbda94d9d176a2f1525068f12b330e38bbbf387232797dfd891f",
  w: "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
  n: "0000000000000000",
  d: 0,
};

const hash = (...parts: string[]) => hex.encode(blake2b256(utf8.decode(parts.join(":"))));

/** The header of a new block on `parent` holding `transactionIds`; `salt` tells forks apart. */
export function makeHeader(args: {
  parentId: string;
  height: number;
  timestamp: number;
  transactionIds: string[];
  stateDigest: string;
  salt?: string;
}): NodeHeader {
  const transactionsRoot = hash("txs", ...args.transactionIds);
  const body = {
    parentId: args.parentId,
    version: BLOCK_VERSION,
    height: args.height,
    timestamp: args.timestamp,
    nBits: 117_440_512,
    difficulty: "1",
    votes: "000000",
    adProofsRoot: hash("adproofs", transactionsRoot),
    stateRoot: `${args.stateDigest}00`,
    transactionsRoot,
    extensionHash: hash("extension", args.parentId),
    powSolutions: { ...POW_PLACEHOLDER },
    size: 221,
  };
  const id = hash("header", JSON.stringify(body), args.salt ?? "");
  return {
    id,
    ...body,
    extensionId: hash("extension-id", id),
    transactionsId: hash("transactions-id", id),
    adProofsId: hash("adproofs-id", id),
  };
}
