/**
 * The benchmark's reference row: a plain wallet transfer of one token between two P2PK addresses,
 * built deterministically (fixed keys, fixed input box) with Fleet's `TransactionBuilder`.
 */
import { createHash } from "node:crypto";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import {
  ErgoAddress,
  OutputBuilder,
  RECOMMENDED_MIN_FEE_VALUE,
  SAFE_MIN_BOX_VALUE,
  TransactionBuilder,
} from "@fleet-sdk/core";
import { mockUTxO } from "@fleet-sdk/mock-chain";
import { SecretKey } from "ergo-lib-wasm-nodejs";

/** The reference transfer with the key that signs it and the two addresses involved. */
export interface ReferenceTransfer {
  tx: EIP12UnsignedTransaction;
  secrets: bigint[];
  sender: ErgoAddress;
  recipient: ErgoAddress;
}

/** Token moved by the reference transfer (all of the sender's units go to the recipient). */
export const REFERENCE_TOKEN = { tokenId: digestHex("lets-reference-token"), amount: 1_000n };

/** nanoERG in the sender's only box. */
export const REFERENCE_INPUT_VALUE = 10_000_000_000n;

function digestHex(label: string): string {
  return createHash("sha256").update(label).digest("hex");
}

function keyFor(label: string): { secret: bigint; address: ErgoAddress } {
  const secretHex = digestHex(label);
  const tree = SecretKey.dlog_from_bytes(Buffer.from(secretHex, "hex"))
    .get_address()
    .to_ergo_tree()
    .to_base16_bytes();
  return { secret: BigInt(`0x${secretHex}`), address: ErgoAddress.fromErgoTree(tree) };
}

/**
 * Builds the reference transfer in block `height`: one P2PK input (10 ERG + 1000 units of a token,
 * created one block earlier) -> recipient box (min value + all tokens), fee box, change box.
 */
export function buildReferenceTransfer(height: number): ReferenceTransfer {
  const sender = keyFor("lets-reference-sender");
  const recipient = keyFor("lets-reference-recipient");
  const input = mockUTxO({
    ergoTree: sender.address.ergoTree,
    value: REFERENCE_INPUT_VALUE,
    assets: [REFERENCE_TOKEN],
    creationHeight: Math.max(0, height - 1),
    transactionId: digestHex("lets-reference-funding-tx"),
    index: 0,
  });
  const tx = new TransactionBuilder(height)
    .from(input)
    .to(new OutputBuilder(SAFE_MIN_BOX_VALUE, recipient.address).addTokens(REFERENCE_TOKEN))
    .payFee(RECOMMENDED_MIN_FEE_VALUE)
    .sendChangeTo(sender.address)
    .build()
    .toEIP12Object();
  return { tx, secrets: [sender.secret], sender: sender.address, recipient: recipient.address };
}
