/**
 * The ERG/USD oracle pool box as an exchange desk priced in US dollars reads it (a data input):
 * `tokens(0)._1` the pool NFT, `R4[Long]` nanoERG per 1 USD, and `creationInfo._1` the height the
 * price was posted at. The desk contract checks exactly these three; everything else in the box
 * (R5, R6, its script) is the pool's own business. Pure: no node, no wallet (docs/desk.md).
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decode } from "@fleet-sdk/serializer";
import { InvalidIntent, OracleBoxInvalid, OraclePriceStale } from "../errors.ts";
import { readLong, RegisterError } from "../registers.ts";

/** NanoERG in one ERG: the scale between a price in nanoERG per USD and one in USD per ERG. */
const NANO_PER_ERG = 1_000_000_000n;

/** An oracle pool box, decoded the way the desk contract reads it. */
export interface OraclePool {
  boxId: string;
  /** Id of the box's first token: what the desk names the pool by. */
  poolNft: string;
  /** R4: the price, nanoERG per 1 USD (230,946,882 on the mainnet fixture: about 4.33 USD per ERG). */
  nanoErgPerUsd: bigint;
  /**
   * R5 when it is an `Int`. A v1 mainnet pool keeps there the height its epoch ends at; the devnet
   * publisher (`oracle-publish.ts`) an update counter. The desk never reads it.
   */
  epoch?: number;
  /** The box's creation height (`creationInfo._1`): the clock of the desk's freshness check. */
  creationHeight: number;
}

/**
 * Decodes an oracle pool box, or throws `OracleBoxInvalid` naming what the desk would trip on: no
 * token, R4 missing or not a `Long`, a price that is not positive, or (when `expectedPoolNft` is
 * given) another first token than the pool NFT the desk names.
 */
export function decodeOraclePool(box: Box<Amount>, expectedPoolNft?: string): OraclePool {
  const invalid = (reason: string) => new OracleBoxInvalid(box.boxId, reason);
  const poolNft = box.assets[0]?.tokenId;
  if (poolNft === undefined) throw invalid("it holds no token, so no pool NFT");
  if (expectedPoolNft !== undefined && poolNft.toLowerCase() !== expectedPoolNft.toLowerCase()) {
    throw invalid(`its first token is ${poolNft}, not the pool NFT ${expectedPoolNft}`);
  }
  let nanoErgPerUsd: bigint;
  try {
    nanoErgPerUsd = readLong("R4", box.additionalRegisters.R4);
  } catch (error) {
    if (error instanceof RegisterError) throw invalid(`${error.message} (the price, nanoERG per USD)`);
    throw error;
  }
  if (nanoErgPerUsd <= 0n) throw invalid(`R4: the price must be positive, got ${nanoErgPerUsd} nanoERG per USD`);
  const epoch = readInt(box.additionalRegisters.R5);
  return { boxId: box.boxId, poolNft: poolNft.toLowerCase(), nanoErgPerUsd, ...(epoch === undefined ? {} : { epoch }), creationHeight: box.creationHeight };
}

/** An `Int` register's value, or undefined when absent or of another type (R5 is informative only). */
function readInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    const constant = decode(value);
    return constant?.type.toString() === "SInt" ? (constant.data as number) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How many blocks old the price is for a transaction included at `inclusionHeight`: the HEIGHT the
 * desk contract sees, the height of the block that includes the transaction. A builder at chain
 * tip `h` passes `h + 1` (the node validates a mempool transaction against that next block too).
 */
export const oracleAgeBlocks = (pool: OraclePool, inclusionHeight: number): number => inclusionHeight - pool.creationHeight;

/** The last inclusion height at which the desk still takes this price: its creation height plus the allowed age. */
export const freshUntilHeight = (pool: OraclePool, maxAgeBlocks: number): number => pool.creationHeight + maxAgeBlocks;

/**
 * Throws `OraclePriceStale` exactly when the desk contract would refuse the box:
 * `creationInfo._1 < HEIGHT - maxAgeBlocks`, with HEIGHT = `inclusionHeight` (see
 * `oracleAgeBlocks`: pass the chain tip plus one). A box posted `maxAgeBlocks` blocks before is
 * still fresh; one block older is not.
 */
export function requireFreshOracle(pool: OraclePool, inclusionHeight: number, maxAgeBlocks: number): void {
  if (pool.creationHeight < inclusionHeight - maxAgeBlocks) {
    throw new OraclePriceStale(pool.poolNft, pool.creationHeight, inclusionHeight, maxAgeBlocks);
  }
}

/**
 * The price as people quote it, USD per ERG (1e9 / nanoErgPerUsd), rounded half up to `decimals`
 * places, trailing zeros dropped: "4.33" for the mainnet fixture at 2 decimals, "1.25" for 800,000,000.
 */
export function usdPerErg(pool: Pick<OraclePool, "nanoErgPerUsd">, decimals = 4): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = (NANO_PER_ERG * scale * 2n + pool.nanoErgPerUsd) / (2n * pool.nanoErgPerUsd);
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return fraction === "" ? whole.toString() : `${whole}.${fraction}`;
}

/** How many decimal places a USD-per-ERG quote may have: beyond nine the nanoERG rounding hides them. */
const MAX_QUOTE_DECIMALS = 9;

/**
 * The R4 price for a quote in USD per ERG written as a decimal ("1.25" -> 800,000,000), computed
 * exactly from the digits (no floating point) and rounded half up to whole nanoERG. Throws
 * `InvalidIntent` for anything but a positive decimal of at most nine places, or a quote so high
 * (above 2e9 USD per ERG) that one USD is under half a nanoERG.
 */
export function nanoErgPerUsdFromQuote(quote: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(quote);
  if (!match || (match[2]?.length ?? 0) > MAX_QUOTE_DECIMALS) {
    throw new InvalidIntent(`a USD-per-ERG quote must be a positive decimal with at most ${MAX_QUOTE_DECIMALS} places, like 1.25, not '${quote}'`);
  }
  const fraction = match[2] ?? "";
  const numerator = BigInt(match[1]! + fraction);
  if (numerator === 0n) throw new InvalidIntent(`a USD-per-ERG quote must be above 0, not '${quote}'`);
  const denominator = 10n ** BigInt(fraction.length);
  const price = (NANO_PER_ERG * denominator * 2n + numerator) / (2n * numerator);
  if (price <= 0n) throw new InvalidIntent(`${quote} USD per ERG makes one USD worth less than half a nanoERG`);
  return price;
}
