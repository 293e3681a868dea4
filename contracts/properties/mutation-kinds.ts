/**
 * Shared pieces of the single-field mutations (register-mutations.ts, box-mutations.ts): the role
 * of a LETS output in its transaction, the random draws, what a mutation may know about the
 * world, and small helpers that always produce a value different from the one they replace.
 */
import { SBool, SByte, SColl, SInt } from "@fleet-sdk/serializer";
import { COMMUNITY_ERGO_TREE } from "../scripts.ts";
import { LONG_MAX } from "../long.ts";
import { clampLong, output, type Tx } from "../testing/tx-edit.ts";

/**
 * What a LETS output is in its transaction. `governed` is the community box of a govern tx;
 * `payout` is the output at OUTPUTS(i) that pays the owner of the account closed at INPUTS(i).
 */
export type Role = "payer" | "payee" | "newAccount" | "community" | "governed" | "payout";
export const ACCOUNT_ROLES: readonly Role[] = ["payer", "payee", "newAccount"];
export const ALL_ROLES: readonly Role[] = [...ACCOUNT_ROLES, "community", "governed"];

/** Random choices, drawn through fast-check so that failures shrink and replay. */
export interface Draw {
  int(min: number, max: number): number;
  big(min: bigint, max: bigint): bigint;
  bytes(length: number): Uint8Array;
}

/** What a mutation may need to know about the world the transaction lives in. */
export interface Env {
  /** HEIGHT the scripts see (the block the transaction goes into). */
  height: number;
  /** Owner SigmaProp constants of every member and the committee. */
  owners: string[];
  /** P2PK ErgoTrees of every member and the committee. */
  p2pkTrees: string[];
  communityId: string;
  /** Account terms a fresh account would get, minus joinedHeight. */
  policyTerms: { creditLimit: bigint; positiveCap: bigint; collateralNanoErg: bigint; inactivityBlocks: bigint };
}

export interface MutationKind {
  name: string;
  roles: readonly Role[];
  /** Mutates `tx` (a copy) at LETS output `index`, whose role is `role`. */
  apply(tx: Tx, index: number, role: Role, d: Draw, env: Env): void;
}

export const pick = <T>(d: Draw, xs: readonly T[]): T => xs[d.int(0, xs.length - 1)] as T;
export const nonZero = (d: Draw, magnitude: bigint): bigint => d.big(1n, magnitude) * (d.int(0, 1) === 0 ? 1n : -1n);
/** `old` moved by a non-zero amount, never equal to `old` even after clamping to Long. */
export function shifted(d: Draw, old: bigint, magnitude: bigint): bigint {
  const next = clampLong(old + nonZero(d, magnitude));
  return next === old ? (old === LONG_MAX ? old - 1n : old + 1n) : next;
}
/** Constants of types no LETS register holds where a SigmaProp, Long or Coll[Long] is expected. */
export const wrongTyped = (d: Draw): string =>
  pick(d, [SInt(d.int(-5, 5)).toHex(), SBool(d.int(0, 1) === 1).toHex(), SColl(SByte, d.bytes(33)).toHex()]);
export const otherOwner = (d: Draw, env: Env, current: string): string => pick(d, env.owners.filter((o) => o !== current));
export const isAccountRole = (role: Role): boolean => ACCOUNT_ROLES.includes(role);

export function editLongs(d: Draw, values: bigint[], magnitude: bigint): bigint[] {
  const next = [...values];
  const variant = d.int(0, 3);
  if (variant === 0) return next.slice(0, -1);
  if (variant === 1) return [...next, d.big(0n, magnitude)];
  const i = d.int(0, next.length - 1);
  next[i] = shifted(d, next[i]!, magnitude);
  return next;
}

/** The role of LETS output `index` in a transaction of base kind `base`. */
export function roleOf(tx: Tx, index: number, base: "pay" | "join" | "exit" | "govern" | "refresh"): Role {
  const out = output(tx, index);
  if (out.ergoTree === COMMUNITY_ERGO_TREE) return base === "govern" ? "governed" : "community";
  if (base === "join") return "newAccount";
  return out.additionalRegisters.R7 === tx.inputs[0]!.additionalRegisters.R7 ? "payer" : "payee";
}
