import { describe, expect, it } from "vitest";
import { base64, blake2b256, hex, utf8 } from "@fleet-sdk/crypto";
import { InvalidOrder, ORDER_TEXT_PREFIX, decodeOrder, encodeOrder, orderFromJson, orderToJson, signOrder, verifyOrder, type OrderJson, type PaymentOrder } from "./orders.ts";
import { ownerFromPublicKey } from "./builders/common.ts";
import { secp256k1 } from "@noble/curves/secp256k1";

const id = (label: string) => hex.encode(blake2b256(utf8.decode(label)));
const secret = blake2b256(utf8.decode("orders-spec-payer"));
const owner = ownerFromPublicKey(hex.encode(secp256k1.getPublicKey(secret, true)));
const ORDER: PaymentOrder = { communityId: id("community"), payer: id("payer"), payee: id("payee"), amount: 1250n, seq: 3n, expiry: 820n };
const signed = signOrder(ORDER, secret);

/** The text form of `json` as `encodeOrder` writes it, for inputs `encodeOrder` itself would refuse to write. */
const textOf = (json: unknown) => `${ORDER_TEXT_PREFIX}${base64.encode(utf8.decode(JSON.stringify(json))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
const refusal = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOrder);
    return (error as Error).message;
  }
  throw new Error("not refused");
};

describe("an order's JSON and text forms", () => {
  it("round-trip exactly, and the signature still verifies", () => {
    const json = orderToJson(signed);
    expect(json).toEqual({ ...ORDER, amount: "1250", seq: "3", expiry: "820", signature: { commitment: signed.signature.commitment, response: signed.signature.response.toString() } });
    expect(orderFromJson(JSON.parse(JSON.stringify(json)))).toEqual(signed);
    const text = encodeOrder(signed);
    expect(text).toMatch(/^lets-order:[A-Za-z0-9_-]+$/);
    expect(text.length).toBeLessThan(700);
    const back = decodeOrder(text);
    expect(back).toEqual(signed);
    expect(verifyOrder(back, owner)).toBe(true);
  });

  it("refuses JSON with a field missing, an extra field, or a number not a canonical decimal string, naming the field", () => {
    const json = orderToJson(signed);
    const { seq: _seq, ...noSeq } = json;
    expect(refusal(() => orderFromJson(noSeq))).toMatch(/seq: is missing/);
    expect(refusal(() => orderFromJson({ ...json, memo: "x" }))).toMatch(/memo: is not a field/);
    expect(refusal(() => orderFromJson({ ...json, signature: { ...json.signature, nonce: "1" } }))).toMatch(/nonce: is not a field/);
    for (const amount of [1250, "01250", "-5", "1e3", "12.5", " 1250", "", "99999999999999999999"]) {
      expect(refusal(() => orderFromJson({ ...json, amount }))).toMatch(/amount/);
    }
    expect(refusal(() => orderFromJson({ ...json, amount: "0" }))).toMatch(/amount: must be a positive/);
    expect(refusal(() => orderFromJson({ ...json, amount: "9223372036854775808" }))).toMatch(/amount/);
    expect(refusal(() => orderFromJson([json]))).toMatch(/order: must be a JSON object/);
    expect(refusal(() => orderFromJson(null))).toMatch(/order: must be a JSON object/);
  });

  it("refuses ids not 32 bytes of lowercase hex, a payer paying itself, and a bad commitment or response", () => {
    const json: OrderJson = orderToJson(signed);
    expect(refusal(() => orderFromJson({ ...json, payee: json.payee.toUpperCase() }))).toMatch(/payee: must be 32 bytes/);
    expect(refusal(() => orderFromJson({ ...json, communityId: json.communityId.slice(2) }))).toMatch(/communityId/);
    expect(refusal(() => orderFromJson({ ...json, payee: json.payer }))).toMatch(/cannot pay itself/);
    const signature = json.signature;
    expect(refusal(() => orderFromJson({ ...json, signature: { ...signature, commitment: `04${signature.commitment.slice(2)}` } }))).toMatch(/commitment: must be a compressed point/);
    expect(refusal(() => orderFromJson({ ...json, signature: { ...signature, commitment: `02${"00".repeat(32)}` } }))).toMatch(/not a point of secp256k1/);
    expect(refusal(() => orderFromJson({ ...json, signature: { ...signature, response: (1n << 255n).toString() } }))).toMatch(/response: must be below 2\^255/);
    // One below the bound is well formed (it does not verify, but that needs the payer's key).
    const edge = orderFromJson({ ...json, signature: { ...signature, response: ((1n << 255n) - 1n).toString() } });
    expect(verifyOrder(edge, owner)).toBe(false);
  });

  it("refuses text without the prefix, not base64url (padded, other letters, unused bits set), too long, or not an order's JSON", () => {
    const text = encodeOrder(signed);
    const body = text.slice(ORDER_TEXT_PREFIX.length);
    expect(refusal(() => decodeOrder(body))).toMatch(/must start with 'lets-order:'/);
    expect(refusal(() => decodeOrder(`LETS-ORDER:${body}`))).toMatch(/must start with/);
    expect(refusal(() => decodeOrder(`${text} `))).toMatch(/not base64url/);
    expect(refusal(() => decodeOrder(`${text}==`))).toMatch(/not base64url/);
    expect(refusal(() => decodeOrder(`${text.slice(0, -1)}+`))).toMatch(/not base64url/);
    expect(refusal(() => decodeOrder(`${ORDER_TEXT_PREFIX}QUFBQ`))).toMatch(/not base64url/);
    expect(refusal(() => decodeOrder(`${ORDER_TEXT_PREFIX}${"A".repeat(2_000)}`))).toMatch(/longer than 2000/);
    // "QR" and "QQ" both decode to "A"; only the canonical one is read.
    expect(refusal(() => decodeOrder(`${ORDER_TEXT_PREFIX}QR`))).toMatch(/not base64url/);
    expect(refusal(() => decodeOrder(`${ORDER_TEXT_PREFIX}QQ`))).toMatch(/does not hold an order's JSON/);
    expect(refusal(() => decodeOrder(textOf({ ...orderToJson(signed), seq: 3 })))).toMatch(/seq: must be a whole number/);
    expect(decodeOrder(textOf(orderToJson(signed)))).toEqual(signed);
  });

  it("changes the message, so the signature fails, when any field of the text is changed", () => {
    const json = orderToJson(signed);
    for (const changed of [{ ...json, amount: "1251" }, { ...json, seq: "4" }, { ...json, expiry: "821" }, { ...json, payee: id("other") }]) {
      expect(verifyOrder(decodeOrder(textOf(changed)), owner)).toBe(false);
    }
  });
});
