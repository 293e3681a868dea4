/**
 * The account box: its typed form, its registers, and `decodeAccount` for boxes read from a node.
 * The ErgoTree is shared by every account of every community; the token says which community.
 */
import type { Box, Amount } from "@fleet-sdk/common";
import { ACCOUNT_ERGO_TREE } from "../scripts.ts";
import { decoded, type Decoded } from "../decode-result.ts";
import { bytesConstant, longConstant, longsConstant, readBytes, readLong, readLongs, readSigmaProp } from "../registers.ts";

/** Terms copied from the community policy when the member joined; never change afterwards. */
export interface AccountTerms {
  creditLimit: bigint;
  /** Never 0 since contract version 2: "no cap" joins with the largest cap, `maxUnits(maxMembers)`. */
  positiveCap: bigint;
  collateralNanoErg: bigint;
  /** 0 means the account can never be closed as defaulted. */
  inactivityBlocks: bigint;
  joinedHeight: bigint;
}

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
}

/** Serializes the account registers R4..R8 in the public layout. */
export function accountRegisters(state: AccountState): Record<"R4" | "R5" | "R6" | "R7" | "R8", string> {
  const t = state.terms;
  return {
    R4: state.owner,
    R5: longConstant(state.balance),
    R6: longsConstant([t.creditLimit, t.positiveCap, t.collateralNanoErg, t.inactivityBlocks, t.joinedHeight]),
    R7: bytesConstant(state.accountId),
    R8: longConstant(state.lastActiveHeight),
  };
}

/** Decodes an account box, or says why the box is not a well-formed account. */
export function decodeAccount(box: Box<Amount>): Decoded<Account> {
  return decoded(() => {
    if (box.ergoTree !== ACCOUNT_ERGO_TREE) throw new Error("not the account script");
    const [token, ...others] = box.assets;
    if (!token || others.length > 0 || BigInt(token.amount) !== 1n) {
      throw new Error("an account holds exactly one unit of its community token and nothing else");
    }
    const r = box.additionalRegisters;
    if (r.R9 !== undefined) throw new Error("R9: must be empty");
    const [creditLimit, positiveCap, collateralNanoErg, inactivityBlocks, joinedHeight] = readLongs("R6", r.R6, 5) as [
      bigint, bigint, bigint, bigint, bigint,
    ];
    const accountId = readBytes("R7", r.R7);
    if (accountId.length !== 64) throw new Error("R7: accountId must be 32 bytes");
    return {
      boxId: box.boxId,
      communityId: token.tokenId,
      accountId,
      owner: readSigmaProp("R4", r.R4),
      balance: readLong("R5", r.R5),
      terms: { creditLimit, positiveCap, collateralNanoErg, inactivityBlocks, joinedHeight },
      lastActiveHeight: readLong("R8", r.R8),
      valueNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** Units this account can still pay before reaching its credit floor. */
export const creditLeft = (account: Account): bigint => account.balance + account.terms.creditLimit;

/**
 * Registers of the account box that succeeds `account`: owner, terms and accountId copied byte
 * for byte; only the balance and the last active height change.
 */
export function accountSuccessorRegisters(
  account: Account,
  balance: bigint,
  lastActiveHeight: bigint,
): Record<"R4" | "R5" | "R6" | "R7" | "R8", string> {
  const r = account.box.additionalRegisters;
  return {
    R4: r.R4 as string,
    R5: longConstant(balance),
    R6: r.R6 as string,
    R7: r.R7 as string,
    R8: longConstant(lastActiveHeight),
  };
}
