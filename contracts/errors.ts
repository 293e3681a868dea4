/**
 * Typed errors of the contracts layer. Every failure carries the data a caller needs to explain it;
 * `retryable` says whether the same request can succeed later unchanged.
 */
export class LetsError extends Error {
  /** Whether retrying the same request later can succeed (e.g. a box was spent meanwhile). */
  readonly retryable: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The intent itself is wrong (bad amount, unknown member, policy out of range): do not retry. */
export class InvalidIntent extends LetsError {}

/** An amount that must be a positive whole number of units was not. */
export class InvalidAmount extends InvalidIntent {
  constructor(readonly field: string, readonly value: unknown) {
    super(`${field} must be a positive whole number of units, got ${String(value)}`);
  }
}

/** A value of the community policy or metadata is out of range. */
export class InvalidPolicy extends InvalidIntent {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}

/** The payer would go below its credit floor. */
export class CreditLimitExceeded extends InvalidIntent {
  constructor(readonly accountId: string, readonly limit: bigint, readonly attempted: bigint) {
    super(`account ${accountId} would reach balance ${attempted}, below its credit limit of -${limit}`);
  }
}

/** A payee would go above its positive cap. */
export class PositiveCapExceeded extends InvalidIntent {
  constructor(readonly accountId: string, readonly cap: bigint, readonly attempted: bigint) {
    super(`account ${accountId} would reach balance ${attempted}, above its positive cap of ${cap}`);
  }
}

/** Every seat of the community is taken. */
export class CommunityFull extends InvalidIntent {
  constructor(readonly communityId: string, readonly maxMembers: bigint, detail?: string) {
    super(`community ${communityId} is full (${maxMembers} members)${detail ? `: ${detail}` : ""}`);
  }
}

/** A box given as an account or a community is not one (wrong script, token or registers). */
export class NotALetsBox extends InvalidIntent {
  constructor(readonly boxId: string, readonly expected: "account" | "community" | "line" | "gateway" | "desk" | "escrow" | "underwriting" | "governance" | "proposal" | "vote", readonly reason: string) {
    super(`box ${boxId} is not a valid ${expected} box: ${reason}`);
  }
}


/** An account or box belongs to a different community than the one the intent is about. */
export class WrongCommunity extends InvalidIntent {
  constructor(readonly boxId: string, readonly expected: string, readonly actual: string) {
    super(`box ${boxId} belongs to community ${actual}, not ${expected}`);
  }
}

/** Leaving needs a balance of exactly 0. */
export class BalanceNotZero extends InvalidIntent {
  constructor(readonly accountId: string, readonly balance: bigint) {
    super(`account ${accountId} has balance ${balance}; only an account at 0 can leave`);
  }
}

/** The account cannot be closed as defaulted (not negative, or not inactive long enough). */
export class NotDefaulted extends InvalidIntent {
  constructor(readonly accountId: string, readonly reason: string) {
    super(`account ${accountId} cannot be closed as defaulted: ${reason}`);
  }
}

/** A sweep of an account whose accrued charges (with the demurrage due) are below the sweep minimum. */
export class NothingToSweep extends InvalidIntent {
  constructor(readonly accountId: string, readonly collectable: bigint, readonly minimum: bigint) {
    super(`account ${accountId} holds ${collectable} units of charges; a sweep needs at least ${minimum}`);
  }
}

/** The account cannot be closed as dormant: its box was spent too recently. */
export class NotDormant extends InvalidIntent {
  constructor(readonly boxId: string, readonly dormantFromHeight: number) {
    super(`box ${boxId} is not dormant: anyone may close or refresh it from height ${dormantFromHeight}`);
  }
}

/**
 * A community box would hold less ERG than its storage-rent floor (the storage fee of the box),
 * which the contract refuses: storage rent could otherwise take the box apart.
 */
export class TreasuryBelowFloor extends InvalidIntent {
  constructor(readonly floorNanoErg: bigint, readonly treasuryNanoErg: bigint) {
    super(
      `the community treasury must hold at least ${floorNanoErg} nanoERG (more than the storage fee of its box); it would hold ${treasuryNanoErg}` +
        " (the committee can deposit ERG into it by governance)",
    );
  }
}

/** The wallet's boxes do not cover the ERG the transaction needs. */
export class InsufficientFunds extends LetsError {
  override readonly retryable: boolean = true;
  constructor(readonly neededNanoErg: bigint, readonly availableNanoErg: bigint) {
    super(`not enough ERG: need ${neededNanoErg} nanoERG, wallet has ${availableNanoErg}`);
  }
}

/**
 * A payment or profile change without a wallet: the account's own ERG above its collateral and
 * the minimum box value (its fee reserve) cannot pay the fee. The member can top the reserve up
 * from a wallet, or let the wallet pay the fee.
 */
export class FeeReserveSpent extends InsufficientFunds {
  override readonly retryable = false;
  constructor(readonly accountId: string, neededNanoErg: bigint, availableNanoErg: bigint, readonly feeNanoErg: bigint) {
    super(neededNanoErg, availableNanoErg);
    this.message = `account ${accountId}'s fee reserve cannot pay the ${feeNanoErg} nanoERG fee: it holds ${availableNanoErg} nanoERG, and needs ${neededNanoErg} to keep its collateral and minimum`;
  }
}

/** A cross payment would take a line past an exposure cap (one shard's share of it). */
export class LineExposureExceeded extends InvalidIntent {
  constructor(readonly lineId: string, readonly shard: number, readonly capPerShard: bigint, readonly attempted: bigint) {
    super(`line ${lineId} shard ${shard}: the partner's deficit would reach ${-attempted} units, above this shard's cap of ${capPerShard}`);
  }
}

/** The receiving community has paused the line: payments into it wait until it resumes. */
export class LinePaused extends InvalidIntent {
  constructor(readonly lineId: string, readonly pausedBy: string) {
    super(`line ${lineId} is paused by community ${pausedBy}: no payments into it until its committee resumes the line`);
  }
}

/** The line is not open (still proposed, or closed). */
export class LineNotOpen extends InvalidIntent {
  constructor(readonly lineId: string, readonly status: string) {
    super(`line ${lineId} is ${status}, not open`);
  }
}

/** No open line, or chain of two, joins the payer's community to the payee's. */
export class NoRoute extends InvalidIntent {
  constructor(readonly from: string, readonly to: string, readonly reason = "no open line or pair of lines joins them") {
    super(`no route from community ${from} to community ${to}: ${reason}`);
  }
}

/** Why a payment order cannot be settled now (docs/batches.md). */
export type OrderRefusal = "signature" | "expired" | "settled" | "sequence" | "account" | "community" | "credit" | "cap";

/** A payment order that cannot be settled: `kind` says why; `retryable` when a later batch may take it (an earlier order missing). */
export class OrderRefused extends InvalidIntent {
  override readonly retryable: boolean;
  constructor(readonly orderId: string, readonly kind: OrderRefusal, reason: string) {
    super(`payment order ${orderId.slice(0, 12)}… cannot be settled: ${reason}`);
    this.retryable = kind === "sequence";
  }
}

/** The exchange desk's reserve cannot pay this sale, or would fall below its floor (docs/desk.md). */
export class ReserveTooLow extends InvalidIntent {
  constructor(readonly deskId: string, readonly reserveNanoErg: bigint, readonly wantedNanoErg: bigint, readonly floorNanoErg: bigint) {
    super(`desk ${deskId.slice(0, 12)}… holds ${reserveNanoErg} nanoERG: paying ${wantedNanoErg} would leave less than its floor of ${floorNanoErg}`);
  }
}

/** Which exchange-desk limit a trade would pass. */
export type DeskLimit = "issue" | "member" | "ledger" | "cap";

/** A buy would pass a limit of the desk: units issued in all, by one member in a period, or members per period. */
export class DeskLimitReached extends InvalidIntent {
  constructor(readonly deskId: string, readonly limit: DeskLimit, readonly allowed: bigint, readonly attempted: bigint, reason: string) {
    super(`desk ${deskId.slice(0, 12)}…: ${reason} (allowed ${allowed}, attempted ${attempted})`);
  }
}

/** The oracle pool box is older than the desk allows: its price may no longer be the market's. */
export class OraclePriceStale extends InvalidIntent {
  override readonly retryable = true;
  constructor(readonly poolNft: string, readonly boxHeight: number, readonly height: number, readonly maxAgeBlocks: number) {
    super(`oracle pool ${poolNft.slice(0, 12)}… last posted at height ${boxHeight}, ${height - boxHeight} blocks ago; the desk takes prices at most ${maxAgeBlocks} blocks old`);
  }
}

/** A box given as an oracle pool box does not have the pool's layout (NFT first, R4 a positive Long). */
export class OracleBoxInvalid extends InvalidIntent {
  constructor(readonly boxId: string, readonly reason: string) {
    super(`box ${boxId} is not a usable oracle pool box: ${reason}`);
  }
}

/** A post-factum release or claim asks for more than the order's commitment holds. */
export class OrderExceedsCommitment extends InvalidIntent {
  constructor(readonly orderId: string, readonly committed: bigint, readonly attempted: bigint) {
    super(`order ${orderId.slice(0, 12)}… commits ${committed} units; ${attempted} cannot be released`);
  }
}

/** An underwriting stake cannot be offered, accepted or withdrawn as asked (docs/underwriting.md). */
export class UnderwritingRefused extends InvalidIntent {
  constructor(readonly accountId: string, readonly reason: string) {
    super(`underwriting of account ${accountId}: ${reason}`);
  }
}

/** A box given as a loan or a bond is not one (wrong script, token or registers; docs/loans.md). */
export class NotALoanBox extends InvalidIntent {
  constructor(readonly boxId: string, readonly expected: "loan" | "bond", readonly reason: string) {
    super(`box ${boxId} is not a valid ${expected} box: ${reason}`);
  }
}

/** A loan's terms are out of range (empty or too long schedules, non-positive amounts, heights out of order). */
export class InvalidLoanTerms extends InvalidIntent {
  constructor(readonly field: string, readonly reason: string) {
    super(`loan terms, ${field}: ${reason}`);
  }
}

/** The loan is not in the phase the action needs (funded or not, tranches left). */
export class LoanPhaseRefused extends InvalidIntent {
  constructor(readonly loanId: string, readonly action: string, readonly reason: string) {
    super(`loan ${loanId.slice(0, 12)}… cannot ${action}: ${reason}`);
  }
}

/** The next tranche's unlock height has not come, and no milestone signature from the bank was asked for. */
export class TrancheLocked extends InvalidIntent {
  constructor(readonly loanId: string, readonly index: number, readonly unlockHeight: bigint, readonly height: bigint) {
    super(`loan ${loanId.slice(0, 12)}…: tranche ${index} unlocks at height ${unlockHeight} (now ${height}); earlier it needs the bank's signature`);
  }
}

/** A repayment above what is still owed (every instalment less what was repaid or claimed). */
export class RepaymentExceedsOutstanding extends InvalidIntent {
  constructor(readonly loanId: string, readonly outstandingNanoErg: bigint, readonly attemptedNanoErg: bigint) {
    super(`loan ${loanId.slice(0, 12)}… owes ${outstandingNanoErg} nanoERG; ${attemptedNanoErg} cannot be repaid`);
  }
}

/** A bond claim above what late instalments miss, or above what the bond holds over its floor. */
export class ClaimExceedsMissed extends InvalidIntent {
  constructor(readonly loanId: string, readonly claimableNanoErg: bigint, readonly attemptedNanoErg: bigint) {
    super(`loan ${loanId.slice(0, 12)}…: ${claimableNanoErg} nanoERG can be claimed from the bond now; ${attemptedNanoErg} cannot`);
  }
}

/** The bank asks for its bond back before every instalment is repaid or claimed and before the investor's claim window is over. */
export class LoanNotRepaid extends InvalidIntent {
  constructor(readonly loanId: string, readonly owedNanoErg: bigint, readonly coveredNanoErg: bigint, readonly releasableFromHeight: bigint) {
    super(`loan ${loanId.slice(0, 12)}… owes ${owedNanoErg} nanoERG in all; only ${coveredNanoErg} is repaid or claimed (the bond is released at height ${releasableFromHeight} at the latest)`);
  }
}

/** A bond given with a loan names another loan. */
export class BondMismatch extends InvalidIntent {
  constructor(readonly bondId: string, readonly loanId: string, readonly bondLoanId: string) {
    super(`bond ${bondId} backs loan ${bondLoanId.slice(0, 12)}…, not ${loanId.slice(0, 12)}…`);
  }
}

/** A governance action is refused (docs/governance.md): the proposal's phase, the member, the vote list. */
export class GovernanceRefused extends InvalidIntent {
  constructor(readonly subject: string, readonly action: string, readonly reason: string) {
    super(`${subject}: cannot ${action}: ${reason}`);
  }
}
