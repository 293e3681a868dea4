/**
 * The EIP-12 dApp connector as Nautilus implements it: `window.ergoConnector.nautilus` grants
 * access, `getContext()` gives the context API. Amounts cross this boundary as decimal strings;
 * failures are plain `{ code, info }` objects whose codes mean different things per method.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import type { ChainBox } from "$ergo/node-client.ts";

/** A box as `get_utxos` returns it: amounts as strings. */
export interface Eip12Box {
  boxId: string;
  transactionId: string;
  index: number;
  ergoTree: string;
  creationHeight: number;
  value: string;
  assets: { tokenId: string; amount: string }[];
  additionalRegisters: Partial<Record<"R4" | "R5" | "R6" | "R7" | "R8" | "R9", string>>;
  /** Nautilus: true once the box is in a block. */
  confirmed?: boolean;
}

/** A node box in EIP-12 form (amounts as strings), the shape `get_utxos` gives, so builders see one kind of box. */
export function toEip12Box(box: ChainBox): Eip12Box {
  return {
    boxId: box.boxId,
    transactionId: box.transactionId,
    index: box.index,
    ergoTree: box.ergoTree,
    creationHeight: box.creationHeight,
    value: String(box.value),
    assets: box.assets.map((a) => ({ tokenId: a.tokenId, amount: String(a.amount) })),
    additionalRegisters: box.additionalRegisters as Eip12Box["additionalRegisters"],
  };
}

/**
 * What EIP-28 style `auth` answers: the message as the wallet signed it (the asked message with
 * `;origin;seconds;random` appended) and the proof, a Schnorr signature (hex) over its UTF-8 bytes.
 */
export interface Eip12AuthResult {
  signedMessage: string;
  proof: string;
}

/** The context API methods this app calls (EIP-12 names). */
export interface Eip12Context {
  get_utxos(): Promise<Eip12Box[] | undefined>;
  get_change_address(): Promise<string>;
  get_current_height(): Promise<number>;
  sign_tx(transaction: EIP12UnsignedTransaction): Promise<SignedTransaction>;
  submit_tx(transaction: SignedTransaction): Promise<string>;
  /** Proves that `address` is the wallet's by signing `message` (Nautilus; a wallet may lack it). */
  auth?(address: string, message: string): Promise<Eip12AuthResult>;
}

/** One wallet's entry under `window.ergoConnector` (Nautilus's `NautilusAuthApi`). */
export interface Eip12Connector {
  connect(options?: { createErgoObject?: boolean }): Promise<boolean>;
  getContext(): Promise<Eip12Context>;
  isConnected(): Promise<boolean>;
  disconnect(): Promise<boolean>;
}

/**
 * Where a failure came from: the access calls, or one of the context methods; `sign_order` is the
 * development wallet's own (no EIP-12 wallet signs payment orders: docs/wallet.md).
 */
export type Eip12Method = "connect" | "getContext" | "get_utxos" | "get_change_address" | "get_current_height" | "sign_tx" | "submit_tx" | "sign_data" | "auth" | "sign_order";

/** The plain object an EIP-12 wallet rejects with. */
export interface Eip12Error {
  code: number;
  info: string;
}

/** APIError codes: any method may answer these. */
export const APIErrorCode = { InvalidRequest: -1, InternalError: -2, Refused: -3 } as const;
/** TxSignError codes (`sign_tx`). */
export const TxSignErrorCode = { ProofGeneration: 1, UserDeclined: 2 } as const;
/** TxSendError codes (`submit_tx`). */
export const TxSendErrorCode = { Refused: 1, Failure: 2 } as const;
/** DataSignError codes (`sign_data`; Nautilus's `auth` answers ProofGeneration the same way). */
export const DataSignErrorCode = { ProofGeneration: 1, AddressNotPK2: 2, UserDeclined: 3, InvalidFormat: 4 } as const;

/** The event a wallet extension dispatches on `window` once it has injected `ergoConnector`. */
export const INJECTED_EVENT = "ergo-wallet:injected";

/** Whether a thrown value is an EIP-12 error object. */
export function isEip12Error(value: unknown): value is Eip12Error {
  return typeof value === "object" && value !== null && typeof (value as Eip12Error).code === "number";
}
