/**
 * The account box: its typed form, its registers, and `decodeAccount` for boxes read from a node.
 * The ErgoTree is shared by every account of every community; the token says which community.
 */
import type { Box, Amount } from "@fleet-sdk/common";
import { ACCOUNT_ECON_ERGO_TREE, ACCOUNT_ERGO_TREE, isAccountTree, MAX_BACKERS } from "../scripts.ts";
import { ACCOUNT_ECONOMICS_FIELDS, type AccountEconomicsTerms, type AccountEconomy } from "../economics.ts";
import { decoded, type Decoded } from "../decode-result.ts";
import { bytesConstant, longConstant, longsConstant, readBytes, readLong, readLongs, readLongsAny, readSigmaProp } from "../registers.ts";

/**
 * What underwriters add to a plain account (version 8, docs/underwriting.md): `backed` units of its
 * credit limit are raises, and `stakes` are the keys of the stakes behind them (the first 16 bytes
 * of each stake's token id, hex), in the order they were accepted.
 */
export interface AccountBacking {
  backed: bigint;
  stakes: string[];
}

/**
 * Terms copied from the community policy when the member joined; only underwriting changes them
 * afterwards (the credit limit and the backing, through an underwriting box).
 */
export interface AccountTerms {
  /** The whole limit: the community's at join plus every underwriter's raise. */
  creditLimit: bigint;
  /** Never 0 since contract version 2: "no cap" joins with the largest cap, `maxUnits(maxMembers)`. */
  positiveCap: bigint;
  collateralNanoErg: bigint;
  /** 0 means the account can never be closed as defaulted. */
  inactivityBlocks: bigint;
  joinedHeight: bigint;
  /** The economics levers fixed at join (economics family only, docs/economics.md). */
  economics?: AccountEconomicsTerms;
  /** Plain family, while underwritten. */
  backing?: AccountBacking;
}

/** A stake key (32 hex digits) as the two Longs the account's terms hold. */
export function stakeKeyLongs(key: string): [bigint, bigint] {
  return [BigInt.asIntN(64, BigInt(`0x${key.slice(0, 16)}`)), BigInt.asIntN(64, BigInt(`0x${key.slice(16, 32)}`))];
}

/** The two Longs of a stake key back to its hex. */
export function stakeKeyOf(hi: bigint, lo: bigint): string {
  const part = (v: bigint) => BigInt.asUintN(64, v).toString(16).padStart(16, "0");
  return part(hi) + part(lo);
}

/** The Longs of R6 after the five terms: [backed, hi1, lo1, ...], none when not backed. */
export function backingLongs(backing: AccountBacking | undefined): bigint[] {
  if (!backing || backing.stakes.length === 0) return [];
  return [backing.backed, ...backing.stakes.flatMap(stakeKeyLongs)];
}

/** The credit limit without underwriters' raises: what the community granted at join. */
export const baseCreditLimit = (terms: AccountTerms): bigint => terms.creditLimit - (terms.backing?.backed ?? 0n);

/** A member's account as the account box states it. */
export interface Account {
  boxId: string;
  communityId: string;
  accountId: string;
  /** Serialized SigmaProp constant of the owner (hex). */
  owner: string;
  balance: bigint;
  terms: AccountTerms;
  lastActiveHeight: bigint;
  /** R9 of an economics account: accrued charges, demurrage clock, turnover, allowance. */
  economy?: AccountEconomy;
  /** R9 of a plain account (version 5): the sequence number of the owner's next payment order (docs/batches.md). */
  nextSeq?: bigint;
  valueNanoErg: bigint;
  /** The box's creation height: the clock of storage rent and of dormancy. */
  creationHeight: number;
  box: Box<Amount>;
}

/** Fields of a new or successor account box. */
export interface AccountState {
  owner: string;
  balance: bigint;
  terms: AccountTerms;
  accountId: string;
  lastActiveHeight: bigint;
  economy?: AccountEconomy;
  /** Plain family: the order sequence (0 at join). */
  nextSeq?: bigint;
}

/** The registers of an account box: R9 is the order sequence (plain) or the economics state. */
export type AccountRegisters = Record<"R4" | "R5" | "R6" | "R7" | "R8", string> & { R9?: string };

/** R9 of an economics account. */
export const economyConstant = (e: AccountEconomy): string =>
  longsConstant([e.accrued, e.chargedHeight, e.received, e.allowance, e.carry]);

/** The tree of an account with these terms: economics terms mean the economics family. */
export const accountTreeFor = (terms: AccountTerms): string => (terms.economics ? ACCOUNT_ECON_ERGO_TREE : ACCOUNT_ERGO_TREE);

/** R6 of an account: the five terms, then the economics levers or the backing. */
export function accountTermsConstant(t: AccountTerms): string {
  const levers = t.economics ? ACCOUNT_ECONOMICS_FIELDS.map((f) => t.economics![f]) : [];
  return longsConstant([t.creditLimit, t.positiveCap, t.collateralNanoErg, t.inactivityBlocks, t.joinedHeight, ...levers, ...backingLongs(t.backing)]);
}

/** Serializes the account registers R4..R8 (and R9 with economics) in the public layout. */
export function accountRegisters(state: AccountState): AccountRegisters {
  const t = state.terms;
  const registers: AccountRegisters = {
    R4: state.owner,
    R5: longConstant(state.balance),
    R6: accountTermsConstant(t),
    R7: bytesConstant(state.accountId),
    R8: longConstant(state.lastActiveHeight),
  };
  if (t.economics) {
    if (!state.economy) throw new Error("an economics account needs its R9 state");
    registers.R9 = economyConstant(state.economy);
  } else {
    registers.R9 = longConstant(state.nextSeq ?? 0n);
  }
  return registers;
}

/** Decodes an account box, or says why the box is not a well-formed account. */
export function decodeAccount(box: Box<Amount>): Decoded<Account> {
  return decoded(() => {
    if (!isAccountTree(box.ergoTree)) throw new Error("not the account script");
    const econ = box.ergoTree === ACCOUNT_ECON_ERGO_TREE;
    const [token, ...others] = box.assets;
    if (!token || others.length > 0 || BigInt(token.amount) !== 1n) {
      throw new Error("an account holds exactly one unit of its community token and nothing else");
    }
    const r = box.additionalRegisters;
    const termValues = econ ? readLongs("R6", r.R6, 5 + ACCOUNT_ECONOMICS_FIELDS.length) : readLongsAny("R6", r.R6);
    const backing = econ ? undefined : readBacking(termValues);
    const [creditLimit, positiveCap, collateralNanoErg, inactivityBlocks, joinedHeight] = termValues as [
      bigint, bigint, bigint, bigint, bigint,
    ];
    const economics = econ
      ? (Object.fromEntries(ACCOUNT_ECONOMICS_FIELDS.map((f, i) => [f, termValues[5 + i]!])) as unknown as AccountEconomicsTerms)
      : undefined;
    const economy = econ ? readEconomy(r.R9) : undefined;
    const nextSeq = econ ? undefined : readLong("R9", r.R9);
    if (nextSeq !== undefined && nextSeq < 0n) throw new Error("R9: the order sequence must not be negative");
    const accountId = readBytes("R7", r.R7);
    if (accountId.length !== 64) throw new Error("R7: accountId must be 32 bytes");
    return {
      boxId: box.boxId,
      communityId: token.tokenId,
      accountId,
      owner: readSigmaProp("R4", r.R4),
      balance: readLong("R5", r.R5),
      terms: {
        creditLimit, positiveCap, collateralNanoErg, inactivityBlocks, joinedHeight,
        ...(economics ? { economics } : {}), ...(backing ? { backing } : {}),
      },
      lastActiveHeight: readLong("R8", r.R8),
      ...(economy ? { economy } : {}),
      ...(nextSeq !== undefined ? { nextSeq } : {}),
      valueNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** The backing of a plain account's terms: 5 values, or 6 + 2 per stake (at most MAX_BACKERS). */
function readBacking(values: bigint[]): AccountBacking | undefined {
  if (values.length === 5) return undefined;
  const stakes = (values.length - 6) / 2;
  if (values.length < 8 || !Number.isInteger(stakes) || stakes > MAX_BACKERS) {
    throw new Error(`R6: a plain account has 5 terms, or 6 and two per stake (at most ${MAX_BACKERS}); got ${values.length}`);
  }
  const backed = values[5]!;
  if (backed <= 0n || backed > values[0]!) throw new Error("R6: the backed units are positive and within the credit limit");
  const keys = Array.from({ length: stakes }, (_, i) => stakeKeyOf(values[6 + 2 * i]!, values[7 + 2 * i]!));
  return { backed, stakes: keys };
}

function readEconomy(r9: string | undefined): AccountEconomy {
  const [accrued, chargedHeight, received, allowance, carry] = readLongs("R9", r9, 5) as [bigint, bigint, bigint, bigint, bigint];
  return { accrued, chargedHeight, received, allowance, carry };
}

/** Units this account can still pay before reaching its credit floor (the base limit; see `earnedCreditLimit`). */
export const creditLeft = (account: Account): bigint => account.balance + account.terms.creditLimit;

/**
 * Registers of the account box that succeeds `account`: owner, terms and accountId copied byte
 * for byte; only the balance and the last active height change.
 */
export function accountSuccessorRegisters(
  account: Account,
  balance: bigint,
  lastActiveHeight: bigint,
  economy?: AccountEconomy,
  nextSeq?: bigint,
): AccountRegisters {
  const r = account.box.additionalRegisters;
  const registers: AccountRegisters = {
    R4: r.R4 as string,
    R5: longConstant(balance),
    R6: r.R6 as string,
    R7: r.R7 as string,
    R8: longConstant(lastActiveHeight),
  };
  if (account.economy) {
    if (!economy) throw new Error("an economics account's successor needs its R9 state");
    registers.R9 = economyConstant(economy);
  } else {
    // The order sequence is kept unless the owner raises it (revocation) or a batch settles orders.
    registers.R9 = nextSeq === undefined ? (r.R9 as string) : longConstant(nextSeq);
  }
  return registers;
}
