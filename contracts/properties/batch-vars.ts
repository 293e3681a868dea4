/**
 * The batch box's context variables 0..14 (batch.es) as typed values, for the mutation property:
 * read from a transaction's input 0, edited, written back. Values that Fleet's serializer refuses
 * (a BigInt past 256 bits) are written byte by byte, as an attacker's own encoder would.
 */
import { hex } from "@fleet-sdk/crypto";
import { decode, SBigInt, SColl, SGroupElement, SInt, SLong } from "@fleet-sdk/serializer";
import type { Tx } from "../testing/tx-edit.ts";

/** The type of each variable, by id. */
export type VarType = "int" | "ints" | "longs" | "points" | "bigints";
export const VAR_TYPES: readonly VarType[] = [
  "int", "ints", "ints", "longs", "longs", "points", "bigints", "ints", "longs", "ints", "ints", "longs", "longs", "longs", "ints",
];
export const VAR_NAMES = [
  "n", "payers", "payees", "amounts", "expiries", "commitments", "responses", "offsets", "sentSums",
  "byPayee", "inverse", "receivedSums", "sent", "received", "counts",
] as const;

/** One element of a collection variable: an Int, a Long, a point (33 bytes) or a BigInt. */
export type Element = number | bigint | Uint8Array;

export const extensionOf = (tx: Tx): Record<string, string | undefined> => (tx.inputs[0]!.extension ?? {}) as Record<string, string | undefined>;

export function setExtension(tx: Tx, extension: Record<string, string | undefined>): void {
  const clean = Object.fromEntries(Object.entries(extension).filter((e): e is [string, string] => e[1] !== undefined));
  tx.inputs[0] = { ...tx.inputs[0]!, extension: clean } as Tx["inputs"][number];
}

/** Variable `id` of `tx` (a collection variable as its elements; `n` as a one-element list). */
export function readVar(tx: Tx, id: number): Element[] {
  const raw = extensionOf(tx)[String(id)];
  if (raw === undefined) throw new Error(`batch variable ${id} is missing`);
  const data = decode(raw)!.data as Element | Element[];
  return Array.isArray(data) ? [...data] : [data];
}

/** A BigInt of any size as sigma serializes it: its two's-complement bytes, shortest form. */
function bigIntBytes(value: bigint): string {
  let bytes = value.toString(16);
  if (value < 0n) {
    let width = 1;
    while (-(1n << BigInt(8 * width - 1)) > value) width++;
    bytes = ((1n << BigInt(8 * width)) + value).toString(16).padStart(2 * width, "0");
  } else {
    bytes = bytes.padStart(bytes.length + (bytes.length % 2), "0");
    if (parseInt(bytes.slice(0, 2), 16) >= 0x80) bytes = `00${bytes}`;
  }
  return (bytes.length / 2).toString(16).padStart(2, "0") + bytes;
}

/** Coll[BigInt] written byte by byte (sizes below 128 elements and 128 bytes each, as here). */
function bigIntsHex(values: bigint[]): string {
  const fits = values.every((v) => v >= -(1n << 255n) && v < 1n << 255n);
  if (fits) return SColl(SBigInt, values).toHex();
  return `12${values.length.toString(16).padStart(2, "0")}${values.map(bigIntBytes).join("")}`;
}

/** The constant (hex) of a value of `type`. */
export function encodeVar(type: VarType, elements: Element[]): string {
  switch (type) {
    case "int":
      return SInt(elements[0] as number).toHex();
    case "ints":
      return SColl(SInt, elements as number[]).toHex();
    case "longs":
      return SColl(SLong, elements as bigint[]).toHex();
    case "points":
      return SColl(SGroupElement, elements as Uint8Array[]).toHex();
    case "bigints":
      return bigIntsHex(elements as bigint[]);
  }
}

export function writeVar(tx: Tx, id: number, elements: Element[]): void {
  setExtension(tx, { ...extensionOf(tx), [String(id)]: encodeVar(VAR_TYPES[id]!, elements) });
}

/** Whether two elements are the same value. */
export const sameElement = (a: Element, b: Element): boolean =>
  a instanceof Uint8Array && b instanceof Uint8Array ? hex.encode(a) === hex.encode(b) : a === b;
