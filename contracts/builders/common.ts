/** Pieces every builder shares: the build context, intent checks, owners, and finishing a tx. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { ErgoAddress, RECOMMENDED_MIN_FEE_VALUE, TransactionBuilder, InsufficientInputs } from "@fleet-sdk/core";
import { SGroupElement, SSigmaProp } from "@fleet-sdk/serializer";
import { hex } from "@fleet-sdk/crypto";
import { decodeAccount, type Account } from "../account/account.ts";
import { decodeCommunity, type Community } from "../community/community.ts";
import { InsufficientFunds, InvalidAmount, InvalidIntent, NotALetsBox } from "../errors.ts";
import { LONG_MAX } from "../long.ts";

/** The wallet that funds fees and deposits and receives change (what EIP-12 `get_utxos` gives). */
export interface Wallet {
  utxos: Box<Amount>[];
  changeAddress: string;
}

/** Where and when a transaction is built. `height` is the chain's current height. */
export interface BuildContext {
  height: number;
  wallet?: Wallet;
  feeNanoErg?: bigint;
}

/** The miner fee builders use unless told otherwise. */
export const DEFAULT_FEE = RECOMMENDED_MIN_FEE_VALUE;

/** Accepts bigint, a decimal string or a safe integer; refuses anything else or anything <= 0. */
export function positiveUnits(field: string, value: unknown): bigint {
  let units: bigint | undefined;
  if (typeof value === "bigint") units = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) units = BigInt(value);
  else if (typeof value === "string" && /^[0-9]+$/.test(value)) units = BigInt(value);
  if (units === undefined || units <= 0n || units > LONG_MAX) throw new InvalidAmount(field, value);
  return units;
}

/** The owner SigmaProp (register hex) of a P2PK address; only key-owned addresses can own. */
export function ownerFromAddress(address: string): string {
  let parsed: ErgoAddress;
  try {
    parsed = ErgoAddress.decode(address);
  } catch (cause) {
    throw new InvalidIntent(`not a valid Ergo address: ${address}`, { cause });
  }
  const [key, ...more] = parsed.getPublicKeys();
  if (!key || more.length > 0) throw new InvalidIntent(`address ${address} is not a single-key (P2PK) address`);
  return SSigmaProp(SGroupElement(key)).toHex();
}

/** The owner SigmaProp (register hex) of a 33-byte compressed public key (hex). */
export function ownerFromPublicKey(publicKey: string): string {
  if (!/^0[23][0-9a-f]{64}$/i.test(publicKey)) throw new InvalidIntent(`not a compressed public key: ${publicKey}`);
  return SSigmaProp(SGroupElement(hex.decode(publicKey))).toHex();
}

/** Decodes an account box or throws `NotALetsBox`. */
export function requireAccount(box: Box<Amount>): Account {
  const result = decodeAccount(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "account", result.reason);
  return result.value;
}

/** Decodes a community box or throws `NotALetsBox`. */
export function requireCommunity(box: Box<Amount>): Community {
  const result = decodeCommunity(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "community", result.reason);
  return result.value;
}

/** Requires a wallet in the context (for builders whose fee or deposit comes from it). */
export function requireWallet(ctx: BuildContext): Wallet {
  if (!ctx.wallet) throw new InvalidIntent("this transaction needs a wallet to pay the fee");
  return ctx.wallet;
}

/** Sum of the ERG in some boxes. */
export const totalValue = (boxes: readonly Box<Amount>[]): bigint =>
  boxes.reduce((sum, box) => sum + BigInt(box.value), 0n);

/** Builds with Fleet and turns its shortfall error into `InsufficientFunds`. */
export function finish(builder: TransactionBuilder, available: bigint, needed: bigint): EIP12UnsignedTransaction {
  try {
    return builder.build().toEIP12Object();
  } catch (error) {
    if (error instanceof InsufficientInputs) throw new InsufficientFunds(needed, available, );
    throw error;
  }
}
