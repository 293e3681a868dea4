/** Protocol constants compiled into both contracts, and the shape of `compiled.json`. */
export const CONTRACT_PARAMETERS = {
  /**
   * How far below the current height a new box's creation height (and a join's or debit's
   * recorded height) may be: long enough for a transaction to wait in a mempool, far too short
   * to matter for storage rent (1,051,200 blocks).
   */
  maxAgeBlocks: 720,
  /** ERG kept in an account above its collateral, and the builders' default box value. */
  minBoxValueNanoErg: 1_000_000n,
} as const;

/** One compiled contract as committed in `compiled.json`. */
export interface CompiledContract {
  ergoTree: string;
  templateHash: string;
  bytes: number;
}

/** The committed compilation output. */
export interface CompiledContracts {
  parameters: { maxAgeBlocks: number; minBoxValueNanoErg: string };
  account: CompiledContract;
  community: CompiledContract;
}
