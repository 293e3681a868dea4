/**
 * Who made a payment request: the development wallet signs a request as Nautilus's `auth` does
 * (the text with `;origin;seconds;random` appended, a Schnorr proof over its UTF-8 bytes, signed
 * here with the Node.js ergo-lib), and the server's check accepts exactly the payee owner's
 * signature of exactly the link's fields.
 */
import { describe, expect, it } from "vitest";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { readRequestQuery, requestQuery, requestText, type PaymentRequest } from "$contracts/payment-request.ts";
import { devAccount } from "$ergo/keys.ts";
import { NodeClient } from "$ergo/node-client.ts";
import { createDevContext, type DevErgoLib } from "../wallet/dev/context.ts";
import { WalletError } from "../wallet/errors.ts";
import { signRequest } from "../wallet/requests.ts";
import { ConnectedWallet } from "../wallet/wallet.ts";
import { checkRequestSignature, checkSignedRequest } from "./request-signature.ts";

const ORIGIN = "http://till.example";
const alice = devAccount(1);
const bob = devAccount(2);
const aliceOwner = ownerFromAddress(alice.address);

/** The development wallet of dev account `index`; `approve` is the member's answer to each message. */
function devWallet(index: number, approve = true) {
  const { address, secretKey } = devAccount(index);
  const asked: string[] = [];
  const context = createDevContext({
    account: { index, address, secretKey },
    node: new NodeClient("http://127.0.0.1:9"),
    loadErgoLib: async () => ergoLib as unknown as DevErgoLib,
    confirm: async () => false,
    messages: { origin: ORIGIN, confirm: async (message) => (asked.push(message), approve) },
  });
  return { wallet: new ConnectedWallet("dev", `Development wallet: account ${index}`, context), asked };
}

const request = (overrides: Partial<PaymentRequest> = {}): PaymentRequest => ({
  communityId: "c".repeat(64),
  payeeAccountId: "a".repeat(64),
  amountUnits: 350n,
  decimals: 2,
  memo: "2 loaves",
  requestId: "00112233445566778899aabbccddeeff",
  expiresAtMs: Date.UTC(2026, 11, 2, 14, 5),
  ...overrides,
});

/** A request link signed by `index`'s wallet, read back as the pay page reads it. */
async function signedLink(index: number, r = request()): Promise<URLSearchParams> {
  const { wallet } = devWallet(index);
  const signature = await signRequest((address, text) => wallet.auth(address, text), devAccount(index).address, r);
  return requestQuery(r, signature);
}

describe("a payment request signed by the development wallet", () => {
  it("is signed the way Nautilus signs: the text, then ;origin;seconds;random", async () => {
    const { wallet, asked } = devWallet(1);
    const text = requestText(request());
    const answer = await wallet.auth(alice.address, text);
    expect(asked).toEqual([text]);
    expect(answer.signedMessage.startsWith(`${text};${ORIGIN};`)).toBe(true);
    expect(answer.signedMessage.slice(text.length)).toMatch(/^;http:\/\/till\.example;\d{10};[0-9a-f]{64}$/);
    expect(answer.proof).toMatch(/^[0-9a-f]+$/);
    expect(checkSignedRequest(request(), answer.signedMessage, answer.proof, aliceOwner, "devnet")).toEqual({ valid: true });
  });

  it("verifies from its link, for the payee account's owner", async () => {
    const { request: read, signature } = readRequestQuery(await signedLink(1), 2);
    expect(read).toEqual(request());
    expect(checkRequestSignature(read, signature, aliceOwner, "devnet")).toEqual({ valid: true });
  });

  it("does not verify once a field of the link is changed (amount, payee, memo, id, expiry)", async () => {
    const changes: [string, string][] = [["amount", "35"], ["to", "b".repeat(64)], ["memo", "3 loaves"], ["id", "f".repeat(32)], ["expires", "2027-01-01T00:00:00Z"]];
    for (const [name, value] of changes) {
      const link = await signedLink(1);
      link.set(name, value);
      const { request: read, signature } = readRequestQuery(link, 2);
      const check = checkRequestSignature(read, signature, aliceOwner, "devnet");
      expect(check, name).toEqual({ valid: false, reason: expect.stringMatching(/^the signature does not verify for the payee account's owner/) });
    }
    // Without its expiry (a tampered link may drop one) it does not verify either.
    const link = await signedLink(1);
    link.delete("expires");
    const { request: read, signature } = readRequestQuery(link, 2);
    expect(checkRequestSignature(read, signature, aliceOwner, "devnet").valid).toBe(false);
  });

  it("refuses a signature by another key, even of exactly this request", async () => {
    const { request: read, signature } = readRequestQuery(await signedLink(2), 2);
    expect(checkRequestSignature(read, signature, ownerFromAddress(bob.address), "devnet")).toEqual({ valid: true });
    expect(checkRequestSignature(read, signature, aliceOwner, "devnet")).toEqual({
      valid: false,
      reason: "the signature does not verify for the payee account's owner: the link was changed after signing, or someone else signed it",
    });
  });

  it("refuses a signed message that starts with another request's text, though the owner signed it", async () => {
    const { wallet } = devWallet(1);
    const other = await wallet.auth(alice.address, requestText(request({ amountUnits: 35n })));
    expect(checkSignedRequest(request({ amountUnits: 35n }), other.signedMessage, other.proof, aliceOwner, "devnet").valid).toBe(true);
    expect(checkSignedRequest(request(), other.signedMessage, other.proof, aliceOwner, "devnet")).toEqual({
      valid: false,
      reason: "the signed text is not this request's text",
    });
  });

  it("says a link without a signature is unsigned, and a committee-owned payee cannot sign", () => {
    expect(checkRequestSignature(request(), undefined, aliceOwner, "devnet")).toEqual({ valid: false, reason: "the link carries no signature" });
    const committee = committeeFromKeys([alice.publicKey, bob.publicKey], 1);
    expect(checkRequestSignature(request(), { appended: "", proof: "00" }, committee, "devnet")).toEqual({
      valid: false,
      reason: "the payee account has no single owner key to sign it",
    });
  });

  it("is refused by the wallet for an address it does not hold, and reported as declined when the member says no", async () => {
    const wrong = await devWallet(1).wallet.auth(bob.address, "x").catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WalletError);
    expect((wrong as WalletError).message).toMatch(/not associated with the connected wallet/);
    const declined = await devWallet(1, false).wallet.auth(alice.address, "x").catch((e: unknown) => e);
    expect((declined as WalletError).kind).toBe("declined");
  });
});
