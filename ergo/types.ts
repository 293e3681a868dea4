/** Ergo node REST API shapes, bigint-safe (amounts as bigint, serialized as JSON numbers). */

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
