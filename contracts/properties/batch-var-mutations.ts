/**
 * Single mutations of the batch box's context variables (batch.es, variables 0..14): for each
 * collection, change one element, swap two different ones, drop one, duplicate one, resize it
 * (grow by a fresh element or cut short), remove the variable, or give it another type; for `n`,
 * change it, remove it or retype it. The outputs are left as they are.
 */
import { hex } from "@fleet-sdk/crypto";
import { SByte, SColl, SInt, SLong } from "@fleet-sdk/serializer";
import { secp256k1 } from "@noble/curves/secp256k1";
import { LONG_MAX, LONG_MIN } from "../long.ts";
import type { Tx } from "../testing/tx-edit.ts";
import type { BatchDraw } from "./batch-draw.ts";
import type { BatchBase } from "./batch-pool.ts";
import type { Env } from "./mutation-kinds.ts";
import { extensionOf, readVar, sameElement, setExtension, VAR_NAMES, VAR_TYPES, writeVar, type Element, type VarType } from "./batch-vars.ts";

const N = secp256k1.CURVE.n;
const INT_MAX = 2_147_483_647;

/** A mutation of a batch transaction (a copy): what the spec draws, tallies and requires to be tried. */
export interface BatchMutation {
  name: string;
  /** Whether it can change `base` (a swap needs two different elements). */
  applies(base: BatchBase): boolean;
  apply(tx: Tx, base: BatchBase, d: BatchDraw, env: Env): void;
}

const randomPoint = (d: BatchDraw): Uint8Array => secp256k1.ProjectivePoint.BASE.multiply(d.big(1n, N - 1n)).toRawBytes(true);

/** A fresh element of `type`, from the ranges a batch uses and their edges. */
function fresh(type: VarType, d: BatchDraw): Element {
  if (type === "int" || type === "ints") return d.pick([0, 1, 2, -1, d.int(-3, 20), INT_MAX]);
  if (type === "longs") return d.pick([0n, 1n, -1n, d.big(-5n, 1_000n), LONG_MAX, LONG_MIN]);
  if (type === "points") return randomPoint(d);
  return d.pick([0n, 1n, d.big(0n, (1n << 255n) - 1n), -d.big(1n, N)]);
}

/**
 * `old` changed: moved a little, set to an edge, or replaced. A point becomes another point, its
 * own negation, or the generator; a response moves by one or by the group order (the same g^z:
 * past 256 bits, written raw), or is negated.
 */
function changed(type: VarType, old: Element, d: BatchDraw, others: Element[]): Element {
  let next: Element;
  if (type === "int" || type === "ints") {
    const o = old as number;
    next = d.pick([o + d.int(1, 3), o - d.int(1, 3), 0, -1, INT_MAX, d.int(-3, 20)]);
  } else if (type === "longs") {
    const o = old as bigint;
    next = d.pick([o + d.big(1n, 5n), o - d.big(1n, 5n), 0n, -1n, LONG_MAX, LONG_MIN, -o]);
  } else if (type === "points") {
    const o = old as Uint8Array;
    const negated = Uint8Array.from(o, (b, i) => (i === 0 ? b ^ 1 : b));
    const generator = secp256k1.ProjectivePoint.BASE.toRawBytes(true);
    next = d.pick([negated, generator, randomPoint(d), ...others.filter((e) => !sameElement(e, o))]);
  } else {
    const o = old as bigint;
    next = d.pick([o + 1n, o - 1n, o + N, o - N, -o, d.big(0n, (1n << 255n) - 1n)]);
  }
  return sameElement(next, old) ? changed(type, old, d, others) : next;
}

/** Another type for the variable: Long for Int, Int for Long, bytes for points, Longs for BigInts. */
function retyped(type: VarType, elements: Element[]): string {
  const asLong = (e: Element) => BigInt.asIntN(64, BigInt(e as number | bigint));
  if (type === "int") return SLong(asLong(elements[0]!)).toHex();
  if (type === "ints") return SColl(SLong, elements.map(asLong)).toHex();
  if (type === "longs") return SColl(SInt, elements.map((e) => Number(BigInt.asIntN(32, e as bigint)))).toHex();
  if (type === "points") return SColl(SByte, elements[0] as Uint8Array ?? new Uint8Array(33)).toHex();
  return SColl(SLong, elements.map(asLong)).toHex();
}

type Op = "change" | "swap" | "drop" | "duplicate" | "resize" | "remove" | "retype";

const hasTwoDifferent = (xs: Element[]) => xs.some((x) => !sameElement(x, xs[0]!));

function applyOp(op: Op, id: number, tx: Tx, d: BatchDraw): void {
  const type = VAR_TYPES[id]!;
  const xs = readVar(tx, id);
  if (op === "remove") return void setExtension(tx, { ...extensionOf(tx), [String(id)]: undefined });
  if (op === "retype") return void setExtension(tx, { ...extensionOf(tx), [String(id)]: retyped(type, xs) });
  const i = d.int(0, xs.length - 1);
  if (op === "change") xs[i] = changed(type, xs[i]!, d, xs);
  else if (op === "swap") {
    const j = d.pick(xs.flatMap((x, k) => (sameElement(x, xs[i]!) ? [] : [k])));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  } else if (op === "drop") xs.splice(i, 1);
  else if (op === "duplicate") xs.splice(i, 0, xs[i]!);
  else if (d.chance(50)) xs.push(fresh(type, d));
  else xs.splice(d.int(0, xs.length - 1));
  writeVar(tx, id, xs);
}

function applies(op: Op, id: number, base: BatchBase): boolean {
  const xs = readVar(base.tx, id);
  if (op === "swap") return hasTwoDifferent(xs) && xs.length >= 2;
  if (op === "change" || op === "remove" || op === "retype") return true;
  return xs.length >= 1;
}

const COLLECTION_OPS: readonly Op[] = ["change", "swap", "drop", "duplicate", "resize", "remove", "retype"];

/** Every (variable, operation) pair: 3 for `n`, 7 for each of the 14 collections. */
export const VAR_MUTATIONS: readonly BatchMutation[] = VAR_NAMES.flatMap((name, id) =>
  (VAR_TYPES[id] === "int" ? (["change", "remove", "retype"] as Op[]) : COLLECTION_OPS).map((op) => ({
    name: `var ${id} (${name}): ${op}`,
    applies: (base: BatchBase) => applies(op, id, base),
    apply: (tx: Tx, _base: BatchBase, d: BatchDraw) => applyOp(op, id, tx, d),
  })),
);

/** The variables of `tx` as readable text, for failure messages. */
export const describeVars = (tx: Tx): string =>
  VAR_NAMES.map((name, id) => {
    const raw = extensionOf(tx)[String(id)];
    if (raw === undefined) return `${name}: (missing)`;
    try {
      return `${name}: ${readVar(tx, id).map((e) => (e instanceof Uint8Array ? hex.encode(e).slice(0, 10) : String(e))).join(",")}`;
    } catch {
      return `${name}: ${raw.slice(0, 40)}`;
    }
  }).join("; ");
