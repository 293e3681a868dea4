import { hex } from "@fleet-sdk/crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_FEE, totalValue } from "../builders/common.ts";
import { InvalidAmount, InvalidIntent } from "../errors.ts";
import { agreed, World, type Member } from "../testing/world.ts";
import { decodeOraclePool, requireFreshOracle } from "./oracle.ts";
import { oraclePoolScriptHash, oraclePoolTree, publishedPoolNft, publishOraclePool } from "./oracle-publish.ts";

const publicKeyOf = (member: Member): string => hex.encode(member.party.key.publicKey);

/** A world with a publisher who has just minted a pool at 1.25 USD per ERG. */
function minted() {
  const w = new World();
  const publisher = w.member("publisher");
  const mintHeight = w.height;
  const tx = publishOraclePool({ nanoErgPerUsd: 800_000_000n, publisherPublicKey: publicKeyOf(publisher) }, { height: mintHeight, wallet: w.wallet(publisher) });
  const { outputs } = w.submit(tx, [publisher]);
  return { w, publisher, tx, mintHeight, poolBox: outputs[0]! };
}

describe("publishOraclePool on both interpreters", () => {
  it("mints the pool NFT (id = first input, amount 1) into a box of the mainnet layout", () => {
    const { publisher, tx, mintHeight, poolBox } = minted();
    const nft = publishedPoolNft(tx);
    expect(nft).toBe(tx.inputs[0]!.boxId);
    expect(poolBox.assets).toEqual([{ tokenId: nft, amount: "1" }]);
    expect(decodeOraclePool(poolBox, nft)).toEqual({ boxId: poolBox.boxId, poolNft: nft, nanoErgPerUsd: 800_000_000n, epoch: 1, creationHeight: mintHeight });
    expect(poolBox.additionalRegisters.R6).toBe(`0e20${oraclePoolScriptHash(publicKeyOf(publisher))}`);
    expect(poolBox.ergoTree).toBe(oraclePoolTree(publicKeyOf(publisher)));
  });

  it("keeps the pool box out of the publisher's wallet, so no ordinary spend sweeps the NFT into change", () => {
    const { w, publisher, poolBox } = minted();
    expect(poolBox.ergoTree).not.toBe(publisher.ergoTree);
    expect(w.wallet(publisher).utxos.map((b) => b.boxId)).not.toContain(poolBox.boxId);
  });

  it("updates: spends the pool box and recreates it with the same NFT and value, the new price, the next epoch and a fresh height", () => {
    const { w, publisher, tx, poolBox } = minted();
    const height = w.height;
    const walletBefore = totalValue(w.wallet(publisher).utxos);
    const update = publishOraclePool({ nanoErgPerUsd: 790_000_000n, publisherPublicKey: publicKeyOf(publisher), pool: poolBox }, { height, wallet: w.wallet(publisher) });
    expect(update.inputs.map((i) => i.boxId)).toContain(poolBox.boxId);
    const next = w.submit(update, [publisher]).outputs[0]!;
    const pool = decodeOraclePool(next, publishedPoolNft(tx));
    expect(pool).toMatchObject({ nanoErgPerUsd: 790_000_000n, epoch: 2, creationHeight: height });
    expect(next.value).toBe(poolBox.value);
    expect(totalValue(w.wallet(publisher).utxos)).toBe(walletBefore - DEFAULT_FEE);
    expect(w.utxos.has(poolBox.boxId)).toBe(false);
    expect(() => requireFreshOracle(pool, height + 1, 0)).toThrow();
    expect(() => requireFreshOracle(pool, height + 1, 1)).not.toThrow();
  });

  it("takes an explicit epoch", () => {
    const { w, publisher, poolBox } = minted();
    const update = publishOraclePool({ nanoErgPerUsd: 1n, epoch: 727_103, publisherPublicKey: publicKeyOf(publisher), pool: poolBox }, { height: w.height, wallet: w.wallet(publisher) });
    expect(decodeOraclePool(w.submit(update, [publisher]).outputs[0]!).epoch).toBe(727_103);
  });

  it("lets only the publisher's key spend the pool box: a stranger's signature alone is refused, with the publisher's it passes", () => {
    const { w, publisher, poolBox } = minted();
    const stranger = w.member("stranger");
    const update = publishOraclePool({ nanoErgPerUsd: 1n, publisherPublicKey: publicKeyOf(publisher), pool: poolBox }, { height: w.height, wallet: w.wallet(stranger) });
    expect(agreed(w.judge(update, [stranger]))).toBe(false);
    expect(agreed(w.judge(update, [stranger, publisher]))).toBe(true);
  });

  it("refuses a pool box guarded by another key, a price that is not positive, and an epoch out of Int range", () => {
    const { w, publisher, poolBox } = minted();
    const stranger = w.member("stranger");
    const ctx = { height: w.height, wallet: w.wallet(publisher) };
    expect(() => publishOraclePool({ nanoErgPerUsd: 1n, publisherPublicKey: publicKeyOf(stranger), pool: poolBox }, ctx)).toThrow(/not guarded by the publisher's key/);
    expect(() => publishOraclePool({ nanoErgPerUsd: 0n, publisherPublicKey: publicKeyOf(publisher) }, ctx)).toThrow(InvalidAmount);
    expect(() => publishOraclePool({ nanoErgPerUsd: -5n, publisherPublicKey: publicKeyOf(publisher) }, ctx)).toThrow(InvalidAmount);
    expect(() => publishOraclePool({ nanoErgPerUsd: 1n, epoch: 2 ** 31, publisherPublicKey: publicKeyOf(publisher) }, ctx)).toThrow(InvalidIntent);
    expect(() => publishOraclePool({ nanoErgPerUsd: 1n, publisherPublicKey: "02ab" }, ctx)).toThrow(/not a compressed public key/);
  });
});
