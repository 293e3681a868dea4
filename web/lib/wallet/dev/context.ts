/**
 * The development wallet: an EIP-12 context over one devnet development account, so the screens
 * and the browser tests drive it exactly as they drive Nautilus. Like Nautilus it asks before
 * signing (the member may decline, which rejects with `{ code: 2 }`), reads boxes and height from
 * a node, and rejects with EIP-12 error objects, never with exceptions of its own. Given `messages`,
 * it also signs messages as Nautilus's `auth` does (`;origin;seconds;random` appended, a Schnorr
 * proof over the UTF-8 bytes; a decline rejects with `Refused`). `createDevOrderSigner` signs
 * payment orders (docs/batches.md) with the account's key, which no EIP-12 wallet can.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { hex, utf8 } from "@fleet-sdk/crypto";
import { signOrder, type PaymentOrder } from "$contracts/orders.ts";
import { APIErrorCode, DataSignErrorCode, TxSendErrorCode, TxSignErrorCode, toEip12Box, type Eip12AuthResult, type Eip12Context, type Eip12Error } from "../eip12.ts";
import { NodeRequestError, type NodeClient } from "$ergo/node-client.ts";
import type { ErgoLib } from "$ergo/context.ts";
import { signMessage, type MessageLib } from "$ergo/message-signature.ts";
import { signForNextBlock } from "$ergo/sign.ts";
import type { OrderSigner } from "../wallet.ts";

/** A development account as the web server's devnet-only endpoint hands it out. */
export interface DevAccountKey {
  index: number;
  address: string;
  /** 32-byte secret key (hex) of the public development mnemonic. */
  secretKey: string;
}

export interface DevContextOptions {
  account: DevAccountKey;
  node: NodeClient;
  /** Loads ergo-lib on first signature (the browser build is large, so only when needed). */
  loadErgoLib: () => Promise<DevErgoLib>;
  /** Shows the transaction and answers whether the member approves it. */
  confirm: (transaction: EIP12UnsignedTransaction) => Promise<boolean>;
  /** Signing messages (`auth`): the site's origin the wallet appends, and the member's answer. */
  messages?: { origin: string; confirm: (message: string) => Promise<boolean> };
}

/** What the development wallet uses of ergo-lib: transactions and messages. */
export type DevErgoLib = ErgoLib & MessageLib;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const eip12Error = (code: number, info: string): Eip12Error => ({ code, info });

/** Runs a read against the node; a failure is the wallet's InternalError, as with Nautilus. */
async function read<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw eip12Error(APIErrorCode.InternalError, messageOf(error));
  }
}

/** Signs `message` as Nautilus's `auth` does, after the member approves it. */
async function auth(options: DevContextOptions, messages: NonNullable<DevContextOptions["messages"]>, address: string, message: string): Promise<Eip12AuthResult> {
  if (address !== options.account.address) throw eip12Error(APIErrorCode.InvalidRequest, "The address is not associated with the connected wallet.");
  if (!(await messages.confirm(message))) throw eip12Error(APIErrorCode.Refused, "User rejected.");
  const lib = await read(() => options.loadErgoLib());
  const random = hex.encode(crypto.getRandomValues(new Uint8Array(32)));
  const signedMessage = `${message};${messages.origin};${Math.floor(Date.now() / 1000)};${random}`;
  try {
    return { signedMessage, proof: signMessage(lib, options.account.secretKey, address, utf8.decode(signedMessage)) };
  } catch (error) {
    throw eip12Error(DataSignErrorCode.ProofGeneration, messageOf(error));
  }
}

/**
 * The development account's order signer: after the member approves the order, a Schnorr
 * signature of the order's message with the account's key (`contracts/orders.ts`), in the
 * browser. A decline rejects as a declined message signature does (`UserDeclined`).
 */
export function createDevOrderSigner(account: DevAccountKey, confirm: (order: PaymentOrder) => Promise<boolean>): OrderSigner {
  return async (order) => {
    if (!(await confirm(order))) throw eip12Error(DataSignErrorCode.UserDeclined, "User rejected.");
    try {
      return signOrder(order, hex.decode(account.secretKey));
    } catch (error) {
      throw eip12Error(DataSignErrorCode.ProofGeneration, messageOf(error));
    }
  };
}

/** Creates the EIP-12 context of one development account. */
export function createDevContext(options: DevContextOptions): Eip12Context {
  const { account, node, messages } = options;
  return {
    ...(messages ? { auth: (address: string, message: string) => auth(options, messages, address, message) } : {}),
    get_utxos: () => read(async () => (await node.unspentByAddress(account.address)).map(toEip12Box)),
    get_change_address: async () => account.address,
    get_current_height: () => read(() => node.height()),

    async sign_tx(transaction: EIP12UnsignedTransaction): Promise<SignedTransaction> {
      if (!(await options.confirm(transaction))) throw eip12Error(TxSignErrorCode.UserDeclined, "User rejected.");
      const [lib, headers] = await read(() => Promise.all([options.loadErgoLib(), node.lastHeaders(10)]));
      if (headers.length === 0) throw eip12Error(APIErrorCode.InternalError, "the node has no block yet to sign against");
      try {
        return signForNextBlock(lib, transaction, account.secretKey, headers);
      } catch (error) {
        throw eip12Error(TxSignErrorCode.ProofGeneration, messageOf(error));
      }
    },

    async submit_tx(transaction: SignedTransaction): Promise<string> {
      try {
        return await node.submit(transaction);
      } catch (error) {
        // A 4xx is the node judging the transaction; anything else is failing to reach it.
        const judged = error instanceof NodeRequestError && error.status >= 400 && error.status < 500;
        throw eip12Error(judged ? TxSendErrorCode.Refused : TxSendErrorCode.Failure, judged ? error.detail : messageOf(error));
      }
    },
  };
}
