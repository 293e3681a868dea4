/** Node REST API shapes the devnet keeps and serves (amounts as bigint, serialized as numbers). */

export interface NodeAsset {
  tokenId: string;
  amount: bigint;
}

/** A box as `GET /utxo/byId/{boxId}` returns it. */
export interface NodeBox {
  boxId: string;
  value: bigint;
  ergoTree: string;
  assets: NodeAsset[];
  creationHeight: number;
  additionalRegisters: Record<string, string>;
  transactionId: string;
  index: number;
}

export interface NodeInput {
  boxId: string;
  spendingProof: { proofBytes: string; extension: Record<string, string> };
}

/** A transaction as blocks and the mempool serve it. */
export interface NodeTransaction {
  id: string;
  inputs: NodeInput[];
  dataInputs: { boxId: string }[];
  outputs: NodeBox[];
  size: number;
}

/** A block header as `GET /blocks/{headerId}/header` returns it. */
export interface NodeHeader {
  id: string;
  parentId: string;
  version: number;
  height: number;
  timestamp: number;
  nBits: number;
  difficulty: string;
  votes: string;
  adProofsRoot: string;
  stateRoot: string;
  transactionsRoot: string;
  extensionHash: string;
  powSolutions: { pk: string; w: string; n: string; d: number };
  size: number;
  extensionId: string;
  transactionsId: string;
  adProofsId: string;
}

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
export class NodeError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 500,
    readonly reason: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = "NodeError";
  }
}

/** 400 bad.request with a detail. */
export const badRequest = (detail: string): NodeError => new NodeError(400, "bad.request", detail);
/** 404 not-found with a detail. */
export const notFound = (detail: string): NodeError => new NodeError(404, "not-found", detail);
