/**
 * Register codecs: typed values <-> serialized constants (hex), strict on the way in so that a box
 * someone else built with junk registers is rejected with a reason instead of half-decoded.
 */
import { hex, utf8 } from "@fleet-sdk/crypto";
import { decode, SBigInt, SByte, SColl, SInt, SLong } from "@fleet-sdk/serializer";

/** Why a register could not be read. */
export class RegisterError extends Error {
  constructor(readonly register: string, reason: string) {
    super(`${register}: ${reason}`);
    this.name = "RegisterError";
  }
}

function decodeExact(register: string, value: string | undefined, type: string) {
  if (value === undefined) throw new RegisterError(register, "missing");
  let constant;
  try {
    constant = decode(value);
  } catch {
    constant = undefined;
  }
  // Re-serializing must give the same bytes: this rejects truncated or padded encodings.
  if (!constant || constant.type.toString() !== type || safeHex(constant) !== value.toLowerCase()) {
    throw new RegisterError(register, `expected ${type}`);
  }
  return constant;
}

function safeHex(constant: { toHex(): string }): string | undefined {
  try {
    return constant.toHex();
  } catch {
    return undefined;
  }
}

/** Reads a `Long` register. */
export function readLong(register: string, value: string | undefined): bigint {
  return decodeExact(register, value, "SLong").data as bigint;
}

/** Reads an `Int` register. */
export function readInt(register: string, value: string | undefined): number {
  return decodeExact(register, value, "SInt").data as number;
}

/** Reads a `BigInt` register (256-bit signed). */
export function readBigInt(register: string, value: string | undefined): bigint {
  return decodeExact(register, value, "SBigInt").data as bigint;
}

/** Reads a `Coll[Long]` register of exactly `length` elements. */
export function readLongs(register: string, value: string | undefined, length: number): bigint[] {
  const data = decodeExact(register, value, "SColl[SLong]").data as bigint[];
  if (data.length !== length) throw new RegisterError(register, `expected ${length} values, got ${data.length}`);
  return data;
}

/** Reads a `Coll[Long]` register of any length. */
export function readLongsAny(register: string, value: string | undefined): bigint[] {
  return decodeExact(register, value, "SColl[SLong]").data as bigint[];
}

/** Reads a `Coll[Byte]` register as hex. */
export function readBytes(register: string, value: string | undefined): string {
  return hex.encode(decodeExact(register, value, "SColl[SByte]").data as Uint8Array);
}

/** Reads a `SigmaProp` register, kept as its serialized constant (hex). */
export function readSigmaProp(register: string, value: string | undefined): string {
  if (value === undefined) throw new RegisterError(register, "missing");
  // Fleet decodes only single-key SigmaProps; threshold committees are kept as raw constants.
  if (!/^08[0-9a-f]+$/i.test(value)) throw new RegisterError(register, "expected SSigmaProp");
  return value.toLowerCase();
}

/** Encodes a `Long`. */
export const longConstant = (value: bigint): string => SLong(value).toHex();
/** Encodes an `Int`. */
export const intConstant = (value: number): string => SInt(value).toHex();
/** Encodes a `BigInt`. */
export const bigIntConstant = (value: bigint): string => SBigInt(value).toHex();
/** Encodes a `Coll[Long]`. */
export const longsConstant = (values: readonly bigint[]): string => SColl(SLong, [...values]).toHex();
/** Encodes a `Coll[Byte]` from hex. */
export const bytesConstant = (value: string): string => SColl(SByte, hex.decode(value)).toHex();
/** Encodes UTF-8 text as `Coll[Byte]`. */
export const textConstant = (value: string): string => SColl(SByte, utf8.decode(value)).toHex();
