/**
 * Payment orders (cheques, contract version 5, docs/batches.md): a message a payer's key signs
 * offline, naming the community, both accounts, the amount, a sequence number and an expiry
 * height. Anyone may settle orders in a batch (`builders/settle.ts`); the batch contract checks
 * each signature on chain exactly as `verifyOrder` does here: a Schnorr signature (commitment a,
 * response z) with the strong Fiat-Shamir challenge e = the last 31 bytes of
 * blake2b256(a ‖ message ‖ key) as a positive number, valid when g^z = a · key^e.
 */
import { concatBytes } from "@fleet-sdk/common";
import { base64, blake2b256, hex, randomBytes, utf8 } from "@fleet-sdk/crypto";
import { secp256k1 } from "@noble/curves/secp256k1";
import compiled from "./compiled.json" with { type: "json" };
import { InvalidIntent } from "./errors.ts";

const Point = secp256k1.ProjectivePoint;
const N = secp256k1.CURVE.n;
/** ErgoScript's BigInt is a signed 256-bit integer: a response must stay below 2^255. */
const MAX_RESPONSE = 1n << 255n;
const MAX_LONG = (1n << 63n) - 1n;

/** The bytes in front of every order message, so that no other protocol's signature can pass as an order. */
export const ORDER_TAG: string = compiled.parameters.orderTag;

/** What a payer orders: pay `amount` units from its account to the payee's, once, until `expiry`. */
export interface PaymentOrder {
  communityId: string;
  /** accountId of the payer (R7 of its account box). */
  payer: string;
  /** accountId of the payee. */
  payee: string;
  amount: bigint;
  /** Must equal the payer account's nextSeq (plus the orders settled before it in the same batch). */
  seq: bigint;
  /** Last height at which the order may be settled. */
  expiry: bigint;
}

/** A Schnorr signature on an order: the commitment a (a compressed point, hex) and the response z. */
export interface OrderSignature {
  commitment: string;
  response: bigint;
}

export interface SignedOrder extends PaymentOrder {
  signature: OrderSignature;
}

/** An order that is not well formed (ids, amounts, heights). */
export class InvalidOrder extends InvalidIntent {
  constructor(readonly field: string, readonly reason: string) {
    super(`payment order ${field}: ${reason}`);
  }
}

/** The owner of an account cannot sign orders: only a single key can (not a threshold of keys). */
export class OwnerCannotSignOrders extends InvalidIntent {
  constructor(readonly owner: string) {
    super("only an account owned by a single key can sign payment orders; this owner is a threshold of keys");
  }
}

const isId = (value: string) => /^[0-9a-f]{64}$/.test(value);

/** Refuses an order whose fields are out of range; returns it unchanged. */
export function checkOrder<T extends PaymentOrder>(order: T): T {
  for (const field of ["communityId", "payer", "payee"] as const) {
    if (typeof order[field] !== "string" || !isId(order[field])) throw new InvalidOrder(field, "must be 32 bytes of lowercase hex");
  }
  if (order.payer === order.payee) throw new InvalidOrder("payee", "an account cannot pay itself");
  if (typeof order.amount !== "bigint" || order.amount <= 0n || order.amount > MAX_LONG) {
    throw new InvalidOrder("amount", "must be a positive whole number of units");
  }
  if (typeof order.seq !== "bigint" || order.seq < 0n || order.seq >= MAX_LONG) throw new InvalidOrder("seq", "must be a whole number from 0");
  if (typeof order.expiry !== "bigint" || order.expiry < 1n || order.expiry > 0x7fffffffn) {
    throw new InvalidOrder("expiry", "must be a block height");
  }
  return order;
}

const long8 = (value: bigint): Uint8Array => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value);
  return bytes;
};

/** The signed message: tag ‖ communityId ‖ payer ‖ payee ‖ amount ‖ seq ‖ expiry (Longs as 8 bytes, big-endian). */
export function orderMessage(order: PaymentOrder): Uint8Array {
  return uncheckedOrderMessage(checkOrder(order));
}

/** The message of any fields under any tag, unchecked: for attack tests that sign what no payer would. */
export function uncheckedOrderMessage(order: PaymentOrder, tag: string = ORDER_TAG): Uint8Array {
  return concatBytes(
    utf8.decode(tag),
    hex.decode(order.communityId),
    hex.decode(order.payer),
    hex.decode(order.payee),
    long8(order.amount),
    long8(order.seq),
    long8(order.expiry),
  );
}

/** A stable id of an order: the hash of its message (two orders with one id are the same order). */
export const orderId = (order: PaymentOrder): string => hex.encode(blake2b256(orderMessage(order)));

/** The compressed public key (hex) of an owner SigmaProp constant, or throws `OwnerCannotSignOrders`. */
export function ownerKey(owner: string): string {
  const match = /^08cd((?:02|03)[0-9a-f]{64})$/.exec(owner.toLowerCase());
  if (!match) throw new OwnerCannotSignOrders(owner);
  return match[1]!;
}

/** The challenge as the batch contract reads it: the last 31 bytes of the hash, a positive number. */
function challenge(commitment: Uint8Array, message: Uint8Array, key: Uint8Array): bigint {
  return BigInt(`0x${hex.encode(blake2b256(concatBytes(commitment, message, key)).slice(1))}`);
}

const mod = (value: bigint): bigint => ((value % N) + N) % N;

/** Signs `order` with the payer's secret key (32 bytes); only the key's holder can do this. */
export function signOrder(order: PaymentOrder, secretKey: Uint8Array): SignedOrder {
  const message = orderMessage(order);
  const sk = BigInt(`0x${hex.encode(secretKey)}`);
  if (sk <= 0n || sk >= N) throw new InvalidOrder("key", "not a secp256k1 secret key");
  const key = Point.BASE.multiply(sk).toRawBytes(true);
  for (;;) {
    const r = mod(BigInt(`0x${hex.encode(randomBytes(32))}`));
    if (r === 0n) continue;
    const a = Point.BASE.multiply(r).toRawBytes(true);
    const z = mod(r + sk * challenge(a, message, key));
    // The contract reads z as a signed 256-bit integer: draw again when it does not fit (about half the time).
    if (z < MAX_RESPONSE) return { ...order, signature: { commitment: hex.encode(a), response: z } };
  }
}

/** Whether `signed` carries a valid signature of the key in `owner` (an owner SigmaProp constant). */
export function verifyOrder(signed: SignedOrder, owner: string): boolean {
  try {
    const key = hex.decode(ownerKey(owner));
    const { commitment, response } = signed.signature;
    if (typeof response !== "bigint" || response < 0n || response >= MAX_RESPONSE) return false;
    const a = hex.decode(commitment);
    const e = challenge(a, orderMessage(signed), key);
    const z = mod(response);
    const left = z === 0n ? Point.ZERO : Point.BASE.multiply(z);
    const keyPart = mod(e) === 0n ? Point.ZERO : Point.fromHex(key).multiply(mod(e));
    // The contract reads 33 zero bytes as the point at infinity (sigma's encoding); noble cannot.
    const commitmentPoint = a.every((byte) => byte === 0) ? Point.ZERO : Point.fromHex(a);
    return left.equals(commitmentPoint.add(keyPart));
  } catch {
    return false;
  }
}

/** The prefix of an order's one-line text form (`encodeOrder`), e.g. for a QR code. */
export const ORDER_TEXT_PREFIX = "lets-order:";

/** An order as JSON: every number a decimal string (as at every JSON boundary), the commitment in hex. */
export interface OrderJson {
  communityId: string;
  payer: string;
  payee: string;
  amount: string;
  seq: string;
  expiry: string;
  signature: { commitment: string; response: string };
}

/** The longest text `decodeOrder` reads: a well-formed order is about 620 characters. */
const MAX_ORDER_TEXT = 2_000;
const ORDER_FIELDS = ["communityId", "payer", "payee", "amount", "seq", "expiry", "signature"] as const;
const SIGNATURE_FIELDS = ["commitment", "response"] as const;

/** `signed` as JSON, fields in a fixed order. */
export function orderToJson(signed: SignedOrder): OrderJson {
  const { communityId, payer, payee, amount, seq, expiry, signature } = checkOrder(signed);
  return {
    communityId, payer, payee, amount: amount.toString(), seq: seq.toString(), expiry: expiry.toString(),
    signature: { commitment: signature.commitment, response: signature.response.toString() },
  };
}

/** Refuses an object that lacks one of `fields` or has any other. */
function exactFields(value: unknown, fields: readonly string[], what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InvalidOrder(what, "must be a JSON object");
  const record = value as Record<string, unknown>;
  const missing = fields.find((f) => !(f in record));
  if (missing) throw new InvalidOrder(missing, "is missing");
  const extra = Object.keys(record).find((k) => !fields.includes(k));
  if (extra) throw new InvalidOrder(extra, "is not a field of a payment order");
  return record;
}

/** A whole number written as a decimal string without sign or leading zeros, of at most `digits` digits. */
function decimal(record: Record<string, unknown>, field: string, digits: number): bigint {
  const text = record[field];
  if (typeof text !== "string" || !/^(0|[1-9][0-9]*)$/.test(text) || text.length > digits) {
    throw new InvalidOrder(field, "must be a whole number written as a decimal string");
  }
  return BigInt(text);
}

/** The compressed point of a commitment, checked to be on the curve. */
function commitmentOf(value: unknown): string {
  if (typeof value !== "string" || !/^0[23][0-9a-f]{64}$/.test(value)) throw new InvalidOrder("commitment", "must be a compressed point: 33 bytes of lowercase hex");
  try {
    Point.fromHex(value).assertValidity();
  } catch {
    throw new InvalidOrder("commitment", "is not a point of secp256k1");
  }
  return value;
}

/**
 * Reads an order from its JSON (`orderToJson`), strictly: exactly its fields, numbers as canonical
 * decimal strings, every field in range. The signature is not verified (that needs the payer's key).
 */
export function orderFromJson(value: unknown): SignedOrder {
  const record = exactFields(value, ORDER_FIELDS, "order");
  const signature = exactFields(record.signature, SIGNATURE_FIELDS, "signature");
  const response = decimal(signature, "response", 78);
  if (response >= MAX_RESPONSE) throw new InvalidOrder("response", "must be below 2^255");
  const order = {
    communityId: record.communityId as string,
    payer: record.payer as string,
    payee: record.payee as string,
    amount: decimal(record, "amount", 19),
    seq: decimal(record, "seq", 19),
    expiry: decimal(record, "expiry", 19),
    signature: { commitment: commitmentOf(signature.commitment), response },
  };
  return checkOrder(order);
}

const toBase64Url = (bytes: Uint8Array): string => base64.encode(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** An order in one line of text: `lets-order:` and the base64url (RFC 4648, no padding) of its JSON. */
export function encodeOrder(signed: SignedOrder): string {
  return `${ORDER_TEXT_PREFIX}${toBase64Url(utf8.decode(JSON.stringify(orderToJson(signed))))}`;
}

/** Reads an order's text form (`encodeOrder`), strictly: the prefix, canonical base64url, then `orderFromJson`. */
export function decodeOrder(text: string): SignedOrder {
  if (typeof text !== "string" || !text.startsWith(ORDER_TEXT_PREFIX)) throw new InvalidOrder("text", `must start with '${ORDER_TEXT_PREFIX}'`);
  if (text.length > MAX_ORDER_TEXT) throw new InvalidOrder("text", `is longer than ${MAX_ORDER_TEXT} characters`);
  const body = text.slice(ORDER_TEXT_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body) || body.length % 4 === 1) throw new InvalidOrder("text", "is not base64url (A-Z a-z 0-9 - _, no padding)");
  const padded = body.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (body.length % 4)) % 4);
  let bytes: Uint8Array;
  try {
    // Strict: refuses unused bits that are not zero, so every order has exactly one text.
    bytes = base64.decode(padded);
  } catch {
    throw new InvalidOrder("text", "is not base64url");
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new InvalidOrder("text", "does not hold an order's JSON");
  }
  return orderFromJson(json);
}
