/**
 * Underwriting as the indexer serves it (docs/indexer-api.md, "Underwriting"; docs/underwriting.md),
 * with every amount a bigint: a stake (an offer and its accepted stake share one id), an account's
 * backing, and a community's backed and unbacked credit. Pure types, shared by the server's
 * reader and the components.
 */

/** Where a stake is: an open offer, backing the account, or ended (and how). */
export type StakeState = "offer" | "active" | "cancelled" | "withdrawn" | "returned" | "settled";

/** The account exit that settled a stake (states `returned` and `settled`). */
export type StakeExitKind = "leave" | "default" | "close";

/** An offer or a stake: `stakeId` is the offer's box id, and the token id minted at acceptance. */
export interface Stake {
  stakeId: string;
  communityId: string;
  accountId: string;
  /** Serialized SigmaProp (hex) of the underwriter. */
  underwriter: string;
  raise: bigint;
  premium: bigint;
  premiumAccountId: string | null;
  stakeNanoErg: bigint;
  state: StakeState;
  /** The live box, or the last one once ended. */
  boxId: string;
  offeredHeight: number;
  offeredTxId: string;
  offeredTimestamp: number;
  acceptedHeight: number | null;
  acceptedTxId: string | null;
  endedHeight: number | null;
  endedTxId: string | null;
  exitKind: StakeExitKind | null;
  lostNanoErg: bigint | null;
  returnedNanoErg: bigint | null;
}

/** `/accounts/{id}/backing`: the account's limit split into the community's base and the backed raises. */
export interface AccountBacking {
  accountId: string;
  communityId: string;
  live: boolean;
  balance: bigint;
  creditLimit: bigint;
  baseCreditLimit: bigint;
  backed: bigint;
  raiseInUse: bigint;
  stakesNanoErg: bigint;
  liveStakes: Stake[];
  offers: Stake[];
  pastStakes: Stake[];
}

/** A default of an account, with what its underwriters carried. */
export interface UnderwritingDefault {
  accountId: string;
  height: number;
  txId: string;
  timestamp: number;
  unitsWrittenOff: bigint;
  backed: bigint;
  carriedByUnderwriters: bigint;
  carriedByCommunity: bigint;
  lostNanoErg: bigint;
  stakes: number;
}

/** `/communities/{id}/underwriting`: backed against unbacked credit, stakes locked and paid at defaults. */
export interface CommunityUnderwriting {
  communityId: string;
  accounts: number;
  backedAccounts: number;
  baseCredit: bigint;
  backedCredit: bigint;
  raiseInUse: bigint;
  liveStakes: number;
  stakesLockedNanoErg: bigint;
  openOffers: number;
  offersNanoErg: bigint;
  committeeNanoErg: bigint;
  returnedAtExitsNanoErg: bigint;
  defaults: {
    backed: { count: number; unitsWrittenOff: bigint; carriedByUnderwriters: bigint; carriedByCommunity: bigint; lostNanoErg: bigint };
    unbacked: { count: number; unitsWrittenOff: bigint };
  };
  recentDefaults: UnderwritingDefault[];
}

/** The amount fields of every underwriting answer, turned from decimal text into bigint. */
export const UNDERWRITING_AMOUNTS: ReadonlySet<string> = new Set([
  "raise", "premium", "stakeNanoErg", "lostNanoErg", "returnedNanoErg",
  "balance", "creditLimit", "baseCreditLimit", "backed", "raiseInUse", "stakesNanoErg",
  "baseCredit", "backedCredit", "stakesLockedNanoErg", "offersNanoErg", "committeeNanoErg", "returnedAtExitsNanoErg",
  "unitsWrittenOff", "carriedByUnderwriters", "carriedByCommunity",
]);

/**
 * A copy of an underwriting answer with every amount field a bigint, at any depth. An amount field
 * that holds neither decimal text nor null (a JSON number, rounded past 2^53) is refused; a field
 * of that name holding an object (`defaults.backed`) is walked into.
 */
export function underwritingAmounts<T>(raw: unknown): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (key === undefined || !UNDERWRITING_AMOUNTS.has(key) || value === null) return value;
    if (typeof value !== "string" || !/^-?[0-9]+$/.test(value)) throw new SyntaxError(`${key} is not a decimal amount: ${String(value)}`);
    return BigInt(value);
  };
  return walk(raw) as T;
}
