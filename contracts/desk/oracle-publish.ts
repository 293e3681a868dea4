/**
 * Publish: a stand-in for the ERG/USD oracle pool where there is none (the devnet, tests). One key
 * posts the price into a box of the mainnet pool's layout, which a desk reads as a data input:
 * tokens [pool NFT x1], R4 `Long` nanoERG per USD, R5 `Int` epoch, R6 `Coll[Byte]` 32 bytes.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, SAFE_MIN_BOX_VALUE, TransactionBuilder } from "@fleet-sdk/core";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { SByte, SColl, SInt, SLong } from "@fleet-sdk/serializer";
import { DEFAULT_FEE, finish, positiveUnits, requireWallet, totalValue, type BuildContext } from "../builders/common.ts";
import { InvalidIntent } from "../errors.ts";
import { decodeOraclePool } from "./oracle.ts";

/** What the publisher posts. */
export interface OraclePublishIntent {
  /** The price, nanoERG per 1 USD: R4. */
  nanoErgPerUsd: bigint;
  /** R5; by default the previous box's epoch plus one, or 1 for a new pool. */
  epoch?: number;
  /** The publisher's compressed public key (hex): the one key that may update the pool. */
  publisherPublicKey: string;
  /** The live pool box to update; without it a new pool (and its NFT) is minted. */
  pool?: Box<Amount>;
}

const INT_MAX = 2 ** 31 - 1;

/**
 * The script guarding a pool box: `proveDlog(publisher)`, with the key as a segregated constant
 * (`10 01 08cd<key> 7300`). It needs the same signature as the publisher's P2PK address, but its
 * bytes differ, so the box is not among that address's wallet boxes and no ordinary spend of the
 * wallet can sweep the NFT into change.
 */
export function oraclePoolTree(publisherPublicKey: string): string {
  if (!/^0[23][0-9a-f]{64}$/i.test(publisherPublicKey)) throw new InvalidIntent(`not a compressed public key: ${publisherPublicKey}`);
  return `100108cd${publisherPublicKey.toLowerCase()}7300`;
}

/** R6 of a published pool: blake2b256 of its guarding script, as a v1 pool keeps a script hash there. */
export const oraclePoolScriptHash = (publisherPublicKey: string): string =>
  hex.encode(blake2b256(hex.decode(oraclePoolTree(publisherPublicKey))));

/** The pool NFT of a publish transaction: the first token of its first output. */
export function publishedPoolNft(tx: EIP12UnsignedTransaction): string {
  const nft = tx.outputs[0]?.assets[0]?.tokenId;
  if (nft === undefined) throw new InvalidIntent("not an oracle publish transaction: its first output holds no token");
  return nft;
}

/**
 * Builds the publish transaction: the first time it mints the pool NFT (amount 1, id = the first
 * input's box id) into a new pool box; later it spends `intent.pool` and recreates it with the same
 * NFT and value, the new R4/R5, and creation height `ctx.height`, so the price is fresh from the
 * next block. The wallet pays the fee (and the new box's ERG).
 * @example
 * const tx = publishOraclePool({ nanoErgPerUsd: 800_000_000n, publisherPublicKey }, { height, wallet });
 * const update = publishOraclePool({ nanoErgPerUsd: 790_000_000n, publisherPublicKey, pool }, { height, wallet });
 */
export function publishOraclePool(intent: OraclePublishIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const price = positiveUnits("nanoErgPerUsd", intent.nanoErgPerUsd);
  const wallet = requireWallet(ctx);
  const tree = oraclePoolTree(intent.publisherPublicKey);
  const previous = intent.pool === undefined ? undefined : decodeOraclePool(intent.pool);
  if (intent.pool !== undefined && intent.pool.ergoTree !== tree) {
    throw new InvalidIntent(`pool box ${intent.pool.boxId} is not guarded by the publisher's key ${intent.publisherPublicKey}`);
  }
  const epoch = intent.epoch ?? (previous?.epoch ?? 0) + 1;
  if (!Number.isInteger(epoch) || epoch < 0 || epoch > INT_MAX) throw new InvalidIntent(`epoch must be a whole number from 0 to ${INT_MAX}, got ${epoch}`);
  const registers = {
    R4: SLong(price).toHex(),
    R5: SInt(epoch).toHex(),
    R6: SColl(SByte, hex.decode(oraclePoolScriptHash(intent.publisherPublicKey))).toHex(),
  };
  const value = intent.pool === undefined ? SAFE_MIN_BOX_VALUE : BigInt(intent.pool.value);
  const output = new OutputBuilder(value, tree);
  if (previous) output.addTokens({ tokenId: previous.poolNft, amount: 1n });
  else output.mintToken({ amount: 1n });
  output.setAdditionalRegisters(registers);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const builder = new TransactionBuilder(ctx.height);
  if (intent.pool) builder.from(intent.pool, { ensureInclusion: true }).and.from(wallet.utxos);
  else builder.from(wallet.utxos);
  builder.to(output).sendChangeTo(wallet.changeAddress).payFee(fee);
  const available = totalValue(wallet.utxos) + (intent.pool ? value : 0n);
  return finish(builder, available, value + fee);
}
