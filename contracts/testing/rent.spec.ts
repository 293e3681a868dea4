import type { Box } from "@fleet-sdk/common";
import { FEE_CONTRACT, RECOMMENDED_MIN_FEE_VALUE } from "@fleet-sdk/core";
import { SByte, SColl, SLong } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import { STORAGE_PERIOD_BLOCKS } from "../parameters.ts";
import { rentSuccessor, storageFeeNanoErg, takeByRent, type RentSpend } from "./rent.ts";
import { World, type Member } from "./world.ts";

const TOKEN_ID = "7a".repeat(32);
const TOKENS = [{ tokenId: TOKEN_ID, amount: 5n }];
type Out = RentSpend["outputs"][number];

/** A world where `owner` holds `box` (created at the tip) and `spender` has a wallet. */
function ownerAndSpender(value: bigint, registers: Record<string, string> = {}) {
  const world = new World();
  const owner = world.member("owner");
  const spender = world.member("spender");
  const box = world.addBox({ ergoTree: owner.ergoTree, value, assets: TOKENS, additionalRegisters: registers });
  return { world, owner, spender, box };
}

/** `spend` with the spender's wallet box as an ordinary (signed) input paying a miner fee. */
function withMinerFee(world: World, spend: RentSpend, spender: Member): RentSpend {
  const wallet = world.wallet(spender).utxos.find((b) => b.assets.length === 0) as Box<string>;
  const height = world.height + 1;
  const change = BigInt(wallet.value) - RECOMMENDED_MIN_FEE_VALUE;
  const fee = { value: RECOMMENDED_MIN_FEE_VALUE.toString(), ergoTree: FEE_CONTRACT, creationHeight: height, assets: [], additionalRegisters: {} };
  const back = { value: change.toString(), ergoTree: spender.ergoTree, creationHeight: height, assets: [], additionalRegisters: {} };
  return { ...spend, inputs: [wallet], outputs: [...spend.outputs, fee, back] };
}

describe("rent-spending a P2PK box worth less than its storage fee", () => {
  it("is refused one block before 1,051,200 blocks have passed since its creationHeight", () => {
    const { world, spender, box } = ownerAndSpender(1_000_000n);
    expect(BigInt(box.value)).toBeLessThan(storageFeeNanoErg(box));
    world.mine(STORAGE_PERIOD_BLOCKS - 2);
    expect(world.height + 1 - box.creationHeight).toBe(STORAGE_PERIOD_BLOCKS - 1);
    expect(world.judgeRent(withMinerFee(world, takeByRent(world, box, spender), spender), [spender]).ok).toBe(false);
  });

  it("is allowed at exactly 1,051,200 blocks, and the spender moves the token to its own address", () => {
    const { world, spender, box } = ownerAndSpender(1_000_000n);
    world.mine(STORAGE_PERIOD_BLOCKS - 1);
    const { outputs, signed } = world.rentSpend(withMinerFee(world, takeByRent(world, box, spender), spender), [spender]);
    expect(signed.inputs[0]?.spendingProof).toEqual({ proofBytes: "", extension: { "127": "0300" } });
    expect(signed.inputs[1]?.spendingProof?.proofBytes).toMatch(/^[0-9a-f]{112}$/);
    expect(outputs[0]).toMatchObject({ ergoTree: spender.ergoTree, assets: [{ tokenId: TOKEN_ID, amount: "5" }] });
    expect(world.utxos.has(box.boxId)).toBe(false);
  });
});

describe("rent-spending a box whose value covers its storage fee", () => {
  const registers = { R4: SLong(42n).toHex() };

  /** The box, the world at its first rentable block, and a spend of `successor` plus the collected fee. */
  function coveredBox() {
    const { world, spender, box } = ownerAndSpender(10_000_000_000n, registers);
    world.mine(STORAGE_PERIOD_BLOCKS - 1);
    const height = world.height + 1;
    const spend = (successor: Out, collectedAssets: typeof box.assets = []): RentSpend => {
      const collected = (BigInt(box.value) - BigInt(successor.value)).toString();
      const collector = { value: collected, ergoTree: spender.ergoTree, creationHeight: height, assets: collectedAssets, additionalRegisters: {} };
      return { rent: [{ box, outputIndex: 0 }], outputs: [successor, collector] };
    };
    return { world, box, height, successor: rentSuccessor(box, height), spend };
  }

  it("is allowed when output 0 recreates it at HEIGHT with its script, tokens and registers and value - fee", () => {
    const { world, box, height, successor, spend } = coveredBox();
    const { outputs } = world.rentSpend(spend(successor), []);
    expect(outputs[0]).toMatchObject({ ergoTree: box.ergoTree, creationHeight: height, assets: box.assets, additionalRegisters: registers });
    expect(BigInt(outputs[0]!.value)).toBe(BigInt(box.value) - storageFeeNanoErg(box));
  });

  it.each([
    ["R4 changed", (o: Out) => ({ ...o, additionalRegisters: { R4: SLong(43n).toHex() } })],
    ["the script changed", (o: Out) => ({ ...o, ergoTree: FEE_CONTRACT })],
    ["created one block before HEIGHT", (o: Out) => ({ ...o, creationHeight: o.creationHeight - 1 })],
    ["one nanoERG less than value - fee kept", (o: Out) => ({ ...o, value: (BigInt(o.value) - 1n).toString() })],
  ])("is refused when the recreated box has %s", (_, change) => {
    const { world, successor, spend } = coveredBox();
    expect(world.judgeRent(spend(change(successor)), []).ok).toBe(false);
  });

  it("is refused when the token leaves the recreated box for the collector's", () => {
    const { world, box, successor, spend } = coveredBox();
    expect(world.judgeRent(spend({ ...successor, assets: [] }, box.assets), []).ok).toBe(false);
  });
});

// These pin ergo-lib 0.28 to the node's checkExpiredBox. sigma-rust's storage_rent.rs once charged
// for the bytes of the output that variable 127 names; an upgrade that goes back to that, or to
// `<` instead of `<=`, must fail here before it changes what the attack tests prove.
describe("ergo-lib charges for the spent box's bytes and compares with <=", () => {
  const padding = { R4: SColl(SByte, new Uint8Array(200)).toHex() };

  /** A world at the first rentable block of a padded box worth its own storage fee plus `extra`. */
  function boxAtFee(extra: bigint) {
    const probe = ownerAndSpender(300_000_000n, padding);
    const fee = storageFeeNanoErg(probe.box);
    const setup = ownerAndSpender(fee + extra, padding);
    expect(storageFeeNanoErg(setup.box)).toBe(fee); // same encoded size: the fee is a fixed point
    setup.world.mine(STORAGE_PERIOD_BLOCKS - 1);
    return { ...setup, fee };
  }

  it("lets anyone take a box worth exactly its fee whole, though the taker's output is smaller (its own fee lower)", () => {
    const { world, spender, box, fee } = boxAtFee(0n);
    const { outputs } = world.rentSpend(takeByRent(world, box, spender), []);
    expect(outputs[0]).toMatchObject({ ergoTree: spender.ergoTree, value: fee.toString(), assets: [{ tokenId: TOKEN_ID, amount: "5" }] });
    expect(storageFeeNanoErg(outputs[0]!)).toBeLessThan(fee);
  });

  it("refuses to let anyone take it whole when it holds one nanoERG more than its fee", () => {
    const { world, spender, box } = boxAtFee(1n);
    expect(world.judgeRent(takeByRent(world, box, spender), [])).toMatchObject({ ok: false, stage: "validate" });
  });

  it("keeps value - the spent box's fee when the recreated box is a byte longer (its creationHeight), not value - its own fee", () => {
    const { world, box, spender } = ownerAndSpender(10_000_000_000n, { R4: SLong(42n).toHex() });
    world.mine(STORAGE_PERIOD_BLOCKS - 1);
    const successor = rentSuccessor(box, world.height + 1);
    const collect = (kept: bigint): RentSpend => ({
      rent: [{ box, outputIndex: 0 }],
      outputs: [
        { ...successor, value: kept.toString() },
        { value: (BigInt(box.value) - kept).toString(), ergoTree: spender.ergoTree, creationHeight: world.height + 1, assets: [], additionalRegisters: {} },
      ],
    });
    expect(world.judgeRent(collect(BigInt(successor.value) - 1n), [])).toMatchObject({ ok: false, stage: "validate" });
    const { outputs } = world.rentSpend(collect(BigInt(successor.value)), []);
    const successorFee = storageFeeNanoErg(outputs[0]!);
    expect(successorFee).toBe(storageFeeNanoErg(box) + 1_250_000n);
  });
});
