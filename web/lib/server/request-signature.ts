/**
 * Who made a payment request, checked on the server: the message the wallet signed must start
 * with exactly the canonical text of the link's fields (`contracts/payment-request.ts`), and its
 * proof must verify for the payee account's owner key (its P2PK address). Text in a link proves
 * nothing by itself; a link whose amount, payee, memo, id or expiry was changed after signing no
 * longer verifies.
 */
import { utf8 } from "@fleet-sdk/crypto";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { InvalidIntent } from "$contracts/errors.ts";
import { appendedTo, requestText, signedMessageOf, type PaymentRequest, type RequestSignature } from "$contracts/payment-request.ts";
import { ownerAddress } from "$ergo/addresses.ts";
import { verifyMessage, type MessageLib } from "$ergo/message-signature.ts";
import type { NetworkName } from "$ergo/network.ts";

const lib = ergoLib as unknown as MessageLib;

/** Whether the payee's owner signed the request; when not, why (a sentence's end for the member). */
export type SignatureCheck = { valid: true } | { valid: false; reason: string };

const invalid = (reason: string): SignatureCheck => ({ valid: false, reason });

/**
 * Checks a signed message and its proof against `request` and the payee account's owner (the
 * SigmaProp hex of its register, `08cd` + public key). A committee-owned account has no single
 * key, so it cannot sign a request.
 */
export function checkSignedRequest(request: PaymentRequest, signedMessage: string, proof: string, payeeOwner: string, network: NetworkName): SignatureCheck {
  const address = ownerAddress(payeeOwner, network);
  if (address === undefined) return invalid("the payee account has no single owner key to sign it");
  try {
    appendedTo(requestText(request), signedMessage);
  } catch (error) {
    if (error instanceof InvalidIntent) return invalid(error.message);
    throw error;
  }
  if (!verifyMessage(lib, address, utf8.decode(signedMessage), proof)) {
    return invalid("the signature does not verify for the payee account's owner: the link was changed after signing, or someone else signed it");
  }
  return { valid: true };
}

/** Checks a link's signature (what the wallet appended, and the proof); a link without one is unsigned. */
export function checkRequestSignature(request: PaymentRequest, signature: RequestSignature | undefined, payeeOwner: string, network: NetworkName): SignatureCheck {
  if (!signature) return invalid("the link carries no signature");
  let message: string;
  try {
    message = signedMessageOf(request, signature);
  } catch (error) {
    if (error instanceof InvalidIntent) return invalid(`its signature is malformed (${error.message})`);
    throw error;
  }
  return checkSignedRequest(request, message, signature.proof, payeeOwner, network);
}
