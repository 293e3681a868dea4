/** Node REST API shapes only the devnet keeps, and its refusals with the node's error body parts. */
import type { NodeBox, NodeHeader, NodeTransaction } from "../ergo/types.ts";
import { DevnetError } from "./errors.ts";

/** A block of the devnet: its header and its transactions in order. */
export interface Block {
  header: NodeHeader;
  transactions: NodeTransaction[];
}

/** Where a box is: unspent on chain, created in the mempool, or nowhere. */
export interface IndexedBox extends NodeBox {
  inclusionHeight: number;
  globalIndex: number;
}

/** A refusal with the node's error body parts. */
export class NodeError extends DevnetError {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 500,
    readonly reason: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** 400 bad.request with a detail. */
export const badRequest = (detail: string): NodeError => new NodeError(400, "bad.request", detail);
/** 404 not-found with a detail. */
export const notFound = (detail: string): NodeError => new NodeError(404, "not-found", detail);
