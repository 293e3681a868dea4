/**
 * `--node`: the simulation on a node it does not control. A devnet mining a block every 300 ms
 * stands in for a testnet node: the driver never mines, it waits for blocks, and the keys come from
 * a mnemonic (the development one, whose address 0 is funded at genesis).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateMnemonic } from "@fleet-sdk/wallet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_MNEMONIC, InvalidMnemonic, devAccount } from "../../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { simulate } from "../run.ts";
import { parseScenario } from "../scenario.ts";
import { NodeDriver, UnsupportedNode } from "./node-driver.ts";
import { FunderShortOfErg } from "./setup.ts";

const scenario = parseScenario(
  {
    name: "node",
    members: 4,
    days: 1,
    seed: 3,
    time: { blocksPerDay: 3 },
    policy: { creditLimit: 50 },
    roles: { household: { share: 1, buysPerDay: 3, sellWeight: 1, price: { median: 5 } } },
  },
  "node-driver.spec",
);

describe("a simulation on a node it does not mine", () => {
  let devnet: Devnet;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 300 });
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("funds members from the mnemonic's address 0, waits for the node's blocks and reconciles", async () => {
    const result = await simulate({ scenario, node: { url: devnet.url, mnemonic: DEV_MNEMONIC, pollMs: 100 }, indexer: "start" });
    expect(result.reconciliation).toMatchObject({ ok: true, checks: [{ ok: true }, { name: "ledger = chain", ok: true }, { name: "ledger = indexer", ok: true }] });
    expect(result.chain.kind).toBe("node");
    expect(result.addressOf(0)).toBe(devAccount(1).address);
    expect(result.events.filter((e) => e.kind === "payment" && e.status === "accepted").length).toBeGreaterThan(0);
    // Each simulated block waited for at least one block of the node.
    expect(result.chain.endHeight - result.chain.startHeight).toBeGreaterThanOrEqual(scenario.blocksPerDay);
  }, 180_000);

  it("refuses, before signing anything, a funder without the ERG the run needs", async () => {
    const height = devnet.chain.height;
    await expect(simulate({ scenario, node: { url: devnet.url, mnemonic: generateMnemonic(), pollMs: 100 } })).rejects.toThrow(FunderShortOfErg);
    expect(devnet.chain.mempool.size).toBe(0);
    expect(devnet.chain.blocks.slice(height).every((b) => b.transactions.length === 0)).toBe(true);
  });

  it("refuses an invalid mnemonic and a mainnet node", async () => {
    await expect(NodeDriver.connect(devnet.url, "test test test")).rejects.toThrow(InvalidMnemonic);
    const mainnet: Server = createServer((_, response) => response.end(JSON.stringify({ network: "mainnet", fullHeight: 1, bestFullHeaderId: null, unconfirmedCount: 0 })));
    await new Promise<void>((listening) => mainnet.listen(0, "127.0.0.1", listening));
    try {
      const url = `http://127.0.0.1:${(mainnet.address() as AddressInfo).port}`;
      await expect(NodeDriver.connect(url, DEV_MNEMONIC)).rejects.toThrow(UnsupportedNode);
    } finally {
      mainnet.close();
    }
  });
});
