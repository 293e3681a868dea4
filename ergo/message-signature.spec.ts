import { describe, expect, it } from "vitest";
import { utf8 } from "@fleet-sdk/crypto";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { devAccount } from "./keys.ts";
import { signMessage, verifyMessage, type MessageLib } from "./message-signature.ts";

const lib = ergoLib as unknown as MessageLib;
const alice = devAccount(1);
const bob = devAccount(2);
const message = utf8.decode("LETS payment request v1\nid: 00112233445566778899aabbccddeeff;https://shop.example;1764684300;ab12");

describe("message signatures", () => {
  it("verify for the key that signed, over exactly the bytes it signed", () => {
    const proof = signMessage(lib, alice.secretKey, alice.address, message);
    expect(proof).toMatch(/^[0-9a-f]+$/);
    expect(verifyMessage(lib, alice.address, message, proof)).toBe(true);
    expect(verifyMessage(lib, alice.address, message, proof.toUpperCase())).toBe(true);
    const changed = message.slice();
    changed[0] = changed[0]! ^ 1;
    expect(verifyMessage(lib, alice.address, changed, proof)).toBe(false);
  });

  it("refuse a signature by another key", () => {
    const proof = signMessage(lib, bob.secretKey, bob.address, message);
    expect(verifyMessage(lib, bob.address, message, proof)).toBe(true);
    expect(verifyMessage(lib, alice.address, message, proof)).toBe(false);
  });

  it("answer false, never throw, for a proof or address that does not parse", () => {
    expect(verifyMessage(lib, alice.address, message, "0102")).toBe(false);
    expect(verifyMessage(lib, alice.address, message, "not hex")).toBe(false);
    expect(verifyMessage(lib, alice.address, message, "")).toBe(false);
    expect(verifyMessage(lib, "nowhere", message, signMessage(lib, alice.secretKey, alice.address, message))).toBe(false);
  });

  it("cannot sign for an address whose key it does not hold", () => {
    expect(() => signMessage(lib, alice.secretKey, bob.address, message)).toThrow(/not have enough witnesses/);
  });
});
