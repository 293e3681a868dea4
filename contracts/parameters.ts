/** Protocol constants compiled into both contracts, and the shape of `compiled.json`. */
export const CONTRACT_PARAMETERS = {
  /** The contract version these sources compile to; boxes of other versions are not ours. */
  version: 9,
  /**
   * How far below the current height a new box's creation height (and a join's or debit's
   * recorded height) may be: long enough for a transaction to wait in a mempool, far too short
   * to matter for storage rent (1,051,200 blocks).
   */
  maxAgeBlocks: 720,
  /**
   * How old the activity a batch settlement records may be (docs/batches.md): the settler, not the
   * owner, writes it, so it must be about now, and a settlement waits this long in a mempool at
   * most (a settler rebuilds it otherwise). A settler can so bring a member's default at most this
   * many blocks closer (found by the second adversary round at 30).
   */
  batchAgeBlocks: 10,
  /** ERG kept in an account above its collateral, and the builders' default box value. */
  minBoxValueNanoErg: 1_000_000n,
  /**
   * A box nobody spent for this many blocks (about three years at two minutes a block) is dormant:
   * anyone may close a dormant account or refresh a dormant community box. Storage rent needs
   * 1,051,200 blocks, so closers have a year before rent could reach a dormant box.
   */
  dormantBlocks: 788_400,
  /** nanoERG of storage fee per byte of a box per storage period: the mainnet value. */
  storageFeeFactor: 1_250_000n,
  /** Upper bound of any ERG amount in a policy: more than all ERG that will ever exist. */
  maxNanoErg: 100_000_000_000_000_000n,
  /**
   * Largest community box governance may write: 64 bytes below the 4,096-byte limit, more than
   * the value, seats, R7 state, creation height and output index can ever grow by (about 35).
   */
  maxCommunityBytes: 4_032,
  /** Largest numerator or denominator of a trade line's rate (docs/inter-lets.md). */
  maxRate: 1_000_000_000n,
  /** Most gateway shards a trade line may have: cross payments per block per line. */
  maxShards: 16,
  /**
   * Line and gateway boxes hold more than this many storage fees: nobody has to touch a closed
   * line, so rent must need three periods (twelve years) with nobody refreshing before it could
   * take one whole, token and all (docs/inter-lets.md, "Storage rent").
   */
  lineFloorFees: 2n,
  /** Largest numerator or denominator of an exchange desk's rate (docs/desk.md): room for nanoERG. */
  maxDeskRate: 1_000_000_000_000_000_000n,
  /** Most members an exchange desk tracks per period for its per-member limit (docs/desk.md). */
  maxDeskLedger: 48,
  /**
   * Blocks after a post-factum order's deadline during which only the payee's minimum can be
   * claimed (docs/escrow.md): afterwards the payer may settle at anything, even 0, so units never
   * stay locked behind a payee that left. About 30 days at two minutes a block.
   */
  escrowGraceBlocks: 21_600,
  /**
   * Most underwriting stakes backing one account at once (docs/underwriting.md): each adds two
   * Longs to the account's terms, which every payment of that account carries twice.
   */
  maxBackers: 4,
  /**
   * Blocks after a loan's last instalment's grace window during which the investor may still claim
   * from the bond before the bank may release it however little was repaid (docs/loans.md).
   * About 30 days at two minutes a block.
   */
  loanClaimWindowBlocks: 21_600,
  /**
   * Blocks after a proposal's veto window (or its vote, without a veto) during which a passed
   * proposal may be executed and its votes tallied (docs/governance.md); afterwards it can only
   * close, long before storage rent could reach its vote boxes. About 30 days at two minutes a block.
   */
  governanceExecBlocks: 21_600,
  /**
   * The least ERG in a vote box and in the head of a vote list (docs/governance.md): the tally
   * spends no wallet box, so the votes it counts pay its fee. One vote covers the usual fee.
   */
  governanceVoteNanoErg: 2_000_000n,
} as const;

/**
 * Keys of a proposal's vote list (docs/governance.md): an account's key, the first 24 bytes of its
 * accountId read as a number in [0, 2^192), lies strictly between these two, the head and the end.
 */
export const GOVERNANCE_KEY_MIN = -1n;
export const GOVERNANCE_KEY_MAX = 2n ** 192n;
/**
 * Units of a proposal's token in the head of its vote list; a vote takes from its predecessor the
 * share of the units of its share of the key gap, so units follow gap widths, not voting order.
 */
export const GOVERNANCE_VOTE_UNITS = 2n ** 62n;

/** Blocks after a box's creation height from which storage rent may be collected from it. */
export const STORAGE_PERIOD_BLOCKS = 1_051_200;

/** One compiled contract as committed in `compiled.json`. */
export interface CompiledContract {
  ergoTree: string;
  templateHash: string;
  bytes: number;
}

/** The committed compilation output. */
export interface CompiledContracts {
  parameters: {
    version: number;
    maxAgeBlocks: number;
    minBoxValueNanoErg: string;
    dormantBlocks: number;
    storageFeeFactor: string;
    maxNanoErg: string;
    maxCommunityBytes: number;
    maxRate: string;
    maxShards: number;
    lineFloorFees: string;
    /** Largest numerator or denominator of a desk's rate, and most buyers a desk tracks per period. */
    maxDeskRate: string;
    maxDeskLedger: number;
    /** Blocks after an order's deadline in which the payee's minimum is safe (docs/escrow.md). */
    escrowGraceBlocks: number;
    /** Most underwriting stakes on one account (docs/underwriting.md). */
    maxBackers: number;
    /** Blocks the investor keeps to claim after a loan's last grace window (docs/loans.md). */
    loanClaimWindowBlocks: number;
    /** Blocks after a proposal's veto window in which it may be tallied and executed (docs/governance.md). */
    governanceExecBlocks: number;
    /** The least ERG in a vote box (nanoERG, decimal string). */
    governanceVoteNanoErg: string;
    /** Where the account tree sits inside the community tree (byte offset). */
    communityHole: number;
    /** blake2b256 of the community tree without the account tree (hex). */
    communityRest: string;
    /** The same two for the economics family. */
    econCommunityHole: number;
    econCommunityRest: string;
    /** The domain tag in front of every payment order's message (docs/batches.md). */
    orderTag: string;
    /** How old the activity a batch records may be, in blocks. */
    batchAgeBlocks: number;
  };
  account: CompiledContract;
  community: CompiledContract;
  /** The economics family (docs/economics.md): communities with demurrage, fees, earned limits, allowances. */
  accountEcon: CompiledContract;
  communityEcon: CompiledContract;
  /** Batch settlement of signed payment orders (docs/batches.md), plain family. */
  batch: CompiledContract;
  /** Trade lines between communities (docs/inter-lets.md). */
  line: CompiledContract;
  /** A community's end of a line shard: side A (checks the pair) and side B. */
  gateway: CompiledContract;
  gatewayB: CompiledContract;
  /** The exchange desk (version 6, docs/desk.md). */
  desk: CompiledContract;
  /** The escrow for post-factum payments (version 7, docs/escrow.md). */
  escrow: CompiledContract;
  /** The underwriting stake (version 8, docs/underwriting.md), plain family. */
  underwriting: CompiledContract;
  /** ERG loans between an investor, a business and a bank, and the bank's bond (docs/loans.md). */
  loan: CompiledContract;
  bond: CompiledContract;
  /** Member governance (version 9, docs/governance.md): the governance box, proposals, vote boxes. */
  governance: CompiledContract;
  proposal: CompiledContract;
  vote: CompiledContract;
}
