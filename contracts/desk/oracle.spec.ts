import { readFileSync } from "node:fs";
import type { Box } from "@fleet-sdk/common";
import { SInt, SLong } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import { InvalidIntent, OracleBoxInvalid, OraclePriceStale } from "../errors.ts";
import { decodeOraclePool, freshUntilHeight, nanoErgPerUsdFromQuote, oracleAgeBlocks, requireFreshOracle, usdPerErg } from "./oracle.ts";

/** The real ERG/USD pool box (v1), read as the node served it; variants are derived here, never edited there. */
const mainnet: Box<string> = JSON.parse(readFileSync(new URL("../../test/fixtures/ergo-node/mainnet-box-oracle-pool-v1-390a8fe7.json", import.meta.url), "utf8"));
const POOL_NFT = "011d3364de07e5a26f0c4eef0852cddb387039a921b7154ef3cab22c6eda887f";

const withR4 = (value: string | undefined): Box<string> => ({ ...mainnet, additionalRegisters: { ...mainnet.additionalRegisters, R4: value } });

function refusal(box: Box<string>, expected?: string): OracleBoxInvalid {
  try {
    decodeOraclePool(box, expected);
  } catch (error) {
    expect(error).toBeInstanceOf(OracleBoxInvalid);
    return error as OracleBoxInvalid;
  }
  throw new Error("decoded a box the desk would refuse");
}

describe("decodeOraclePool", () => {
  it("reads the mainnet ERG/USD pool box: NFT, 230,946,882 nanoERG per USD, R5 727,103, height 727,095", () => {
    expect(decodeOraclePool(mainnet)).toEqual({
      boxId: "390a8fe7875910ba2fa7d836235afa10b81e878ccac9c5d61b3a3a5ab879560b",
      poolNft: POOL_NFT,
      nanoErgPerUsd: 230_946_882n,
      epoch: 727_103,
      creationHeight: 727_095,
    });
  });

  it("accepts the box when the desk names its NFT, and refuses it when the desk names another", () => {
    expect(decodeOraclePool(mainnet, POOL_NFT.toUpperCase()).poolNft).toBe(POOL_NFT);
    expect(refusal(mainnet, "ab".repeat(32)).reason).toMatch(/first token is 011d3364.*not the pool NFT abab/);
  });

  it("refuses a box without a token", () => {
    const error = refusal({ ...mainnet, assets: [] });
    expect(error.boxId).toBe(mainnet.boxId);
    expect(error.reason).toMatch(/no token/);
  });

  it("refuses R4 as an Int (the contract's R4[Long].get fails), and R4 missing; its Long twin passes", () => {
    expect(refusal(withR4(SInt(230_946_882).toHex())).reason).toMatch(/R4: expected SLong/);
    expect(refusal(withR4(undefined)).reason).toMatch(/R4: missing/);
    expect(decodeOraclePool(withR4(SLong(230_946_882n).toHex())).nanoErgPerUsd).toBe(230_946_882n);
  });

  it("refuses a price of 0 or below; 1 nanoERG per USD passes", () => {
    expect(refusal(withR4(SLong(0n).toHex())).reason).toMatch(/must be positive, got 0/);
    expect(refusal(withR4(SLong(-230_946_882n).toHex())).reason).toMatch(/must be positive, got -230946882/);
    expect(decodeOraclePool(withR4(SLong(1n).toHex())).nanoErgPerUsd).toBe(1n);
  });

  it("leaves the epoch out when R5 is absent or not an Int: the desk does not read it", () => {
    const { R4, R6 } = mainnet.additionalRegisters;
    expect(decodeOraclePool({ ...mainnet, additionalRegisters: { R4, R6 } })).not.toHaveProperty("epoch");
    expect(decodeOraclePool({ ...mainnet, additionalRegisters: { R4, R5: R4, R6 } })).not.toHaveProperty("epoch");
  });
});

describe("requireFreshOracle", () => {
  const pool = decodeOraclePool(mainnet);
  const maxAge = 30;

  it("takes the box at exactly maxAgeBlocks old, and refuses it one block later", () => {
    const bound = pool.creationHeight + maxAge;
    expect(freshUntilHeight(pool, maxAge)).toBe(bound);
    expect(() => requireFreshOracle(pool, bound, maxAge)).not.toThrow();
    expect(oracleAgeBlocks(pool, bound + 1)).toBe(maxAge + 1);
    expect(() => requireFreshOracle(pool, bound + 1, maxAge)).toThrow(OraclePriceStale);
  });

  it("carries the pool, the heights and the allowed age in the refusal", () => {
    const inclusionHeight = pool.creationHeight + maxAge + 1;
    let error: unknown;
    try {
      requireFreshOracle(pool, inclusionHeight, maxAge);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ poolNft: POOL_NFT, boxHeight: 727_095, height: inclusionHeight, maxAgeBlocks: maxAge, retryable: true });
    expect((error as Error).message).toMatch(/31 blocks ago; the desk takes prices at most 30 blocks old/);
  });

  it("takes a box posted in the very block being judged (age 0), and with maxAgeBlocks 0 only that one", () => {
    expect(() => requireFreshOracle(pool, pool.creationHeight, 0)).not.toThrow();
    expect(() => requireFreshOracle(pool, pool.creationHeight + 1, 0)).toThrow(OraclePriceStale);
  });
});

describe("usdPerErg and nanoErgPerUsdFromQuote", () => {
  it("quotes the mainnet price as 4.33 USD per ERG", () => {
    expect(usdPerErg(decodeOraclePool(mainnet))).toBe("4.33");
    expect(usdPerErg({ nanoErgPerUsd: 800_000_000n })).toBe("1.25");
    expect(usdPerErg({ nanoErgPerUsd: 3_000_000_000n }, 3)).toBe("0.333");
    expect(usdPerErg({ nanoErgPerUsd: 1_000_000_000n })).toBe("1");
  });

  it("turns decimal quotes into whole nanoERG per USD exactly, rounding half up", () => {
    expect(nanoErgPerUsdFromQuote("1.25")).toBe(800_000_000n);
    expect(nanoErgPerUsdFromQuote("4.33")).toBe(230_946_882n);
    expect(nanoErgPerUsdFromQuote("3")).toBe(333_333_333n);
    expect(nanoErgPerUsdFromQuote("0.000000001")).toBe(1_000_000_000_000_000_000n);
    expect(nanoErgPerUsdFromQuote("0.1")).toBe(10_000_000_000n);
    expect(nanoErgPerUsdFromQuote("2000000000")).toBe(1n);
  });

  it("refuses what is not a positive decimal of at most nine places", () => {
    for (const bad of ["", "0", "0.000", "-1", "1e3", "1.", ".5", "1,25", " 1", "0.0000000001", "abc", "2000000001"]) {
      expect(() => nanoErgPerUsdFromQuote(bad), bad).toThrow(InvalidIntent);
    }
  });
});
