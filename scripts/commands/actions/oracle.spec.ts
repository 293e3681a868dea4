/**
 * `lets oracle publish | show` on a real devnet (blocks mined on demand), run in process: mint a
 * pool, read it back from the saved NFT, post a new price and see the new box, the age a desk would
 * judge, another key refused on the saved pool, and the price flags refused with their names.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { SLong } from "@fleet-sdk/serializer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { oracleCommand } from "./oracle.ts";
import { ORACLE_STATE_FILE } from "./oracle-state.ts";
import { runCommand } from "./testing.ts";

interface PoolJson {
  poolNft: string;
  boxId: string;
  nanoErgPerUsd: string;
  usdPerErg: string;
  epoch: number;
  creationHeight: number;
}
type Published = PoolJson & { txId: string; minted: boolean };
type Shown = PoolJson & { tipHeight: number; ageBlocks: number; fresh?: boolean; freshUntilHeight?: number };

describe("lets oracle on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let dataDir = "";
  let poolNft = "";
  const where = () => ["--node", devnet.url, "--data", dataDir];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const oracle = (...args: string[]) => runCommand(oracleCommand, [...args, ...where()]);
  async function json<T>(...args: string[]): Promise<T> {
    const run = await oracle(...args, "--json");
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as T;
  }

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    dataDir = await mkdtemp(join(tmpdir(), "lets-oracle-"));
  });

  afterAll(async () => {
    await devnet?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("publish mints a pool at 1.25 USD per ERG, prints its NFT and saves it for this node", async () => {
    const height = await node.height();
    const published = await json<Published>("publish", "--usd-per-erg", "1.25", "--dev-account", "6");
    expect(published).toMatchObject({ minted: true, nanoErgPerUsd: "800000000", usdPerErg: "1.25", epoch: 1, creationHeight: height });
    poolNft = published.poolNft;
    expect(poolNft).toMatch(/^[0-9a-f]{64}$/);
    const saved = JSON.parse(await readFile(join(dataDir, ORACLE_STATE_FILE), "utf8")) as { pools: Record<string, string> };
    expect(Object.values(saved.pools)).toEqual([poolNft]);
    const walletBoxes = await node.unspentByAddress(devAccount(6).address);
    expect(walletBoxes.map((b) => b.boxId)).not.toContain(published.boxId);
    await mine();
  });

  it("show reads the saved pool: price, epoch, the height it was posted at and its age at the next block", async () => {
    const run = await oracle("show");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`oracle pool ${poolNft}`);
    expect(run.stdout).toContain("price: 1.25 USD per ERG (800000000 nanoERG per USD)");
    const shown = await json<Shown>("show", "--max-age", "2");
    expect(shown).toMatchObject({ poolNft, nanoErgPerUsd: "800000000", epoch: 1 });
    expect(shown.ageBlocks).toBe(shown.tipHeight + 1 - shown.creationHeight);
    expect(shown.freshUntilHeight).toBe(shown.creationHeight + 2);
    expect(shown.fresh).toBe(shown.ageBlocks <= 2);
  });

  it("publish again spends the pool box and recreates it: same NFT, the new price, the next epoch, a fresh height", async () => {
    const before = await json<Shown>("show");
    await mine(3);
    const height = await node.height();
    const run = await oracle("publish", "--nano-erg-per-usd", "790000000", "--dev-account", "6");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`updated oracle pool ${poolNft}: 1.2658 USD per ERG (790000000 nanoERG per USD), epoch 2`);
    await mine();
    const after = await json<Shown>("show", "--nft", poolNft, "--max-age", "0");
    expect(after).toMatchObject({ poolNft, nanoErgPerUsd: "790000000", epoch: 2, creationHeight: height, fresh: false });
    expect(after.boxId).not.toBe(before.boxId);
    expect(await node.boxWithPool(before.boxId)).toBeUndefined();
    expect(await node.unspentByTokenId(poolNft)).toHaveLength(1);
  });

  it("shows a stale price as stale once older than the desk's bound, and fresh at exactly the bound", async () => {
    const { creationHeight, tipHeight } = await json<Shown>("show");
    const atBound = tipHeight + 1 - creationHeight;
    expect(await json<Shown>("show", "--max-age", String(atBound))).toMatchObject({ fresh: true, ageBlocks: atBound });
    expect(await json<Shown>("show", "--max-age", String(atBound - 1))).toMatchObject({ fresh: false });
  });

  it("refuses another key on the saved pool (its box is guarded by the publisher) and lets it mint its own with --new", async () => {
    const refused = await oracle("publish", "--usd-per-erg", "2", "--dev-account", "7");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not guarded by the publisher's key/);
    const own = await json<Published>("publish", "--usd-per-erg", "2", "--dev-account", "7", "--new");
    expect(own).toMatchObject({ minted: true, nanoErgPerUsd: "500000000", epoch: 1 });
    expect(own.poolNft).not.toBe(poolNft);
    await mine();
  });

  it("--unsigned prints the transaction a wallet signs, for an address alone, and saves nothing", async () => {
    const savedBefore = await readFile(join(dataDir, ORACLE_STATE_FILE), "utf8");
    const run = await oracle("publish", "--usd-per-erg", "3", "--new", "--unsigned", "--address", devAccount(8).address);
    expect(run.code, run.stderr).toBe(0);
    const unsigned = JSON.parse(run.stdout) as EIP12UnsignedTransaction;
    expect(unsigned.outputs[0]!.additionalRegisters.R4).toBe(SLong(333_333_333n).toHex());
    expect(unsigned.outputs[0]!.assets).toEqual([{ tokenId: unsigned.inputs[0]!.boxId, amount: "1" }]);
    expect(run.stderr).toContain(`once signed and sent, this mints oracle pool ${unsigned.inputs[0]!.boxId}`);
    expect(await readFile(join(dataDir, ORACLE_STATE_FILE), "utf8")).toBe(savedBefore);
  });

  it("mints a new pool when the saved one is not on this node (a new chain), and says so", async () => {
    const otherDir = await mkdtemp(join(tmpdir(), "lets-oracle-gone-"));
    try {
      const gone = "cd".repeat(32);
      await writeFile(join(otherDir, ORACLE_STATE_FILE), JSON.stringify({ pools: { [new URL(devnet.url).toString()]: gone } }));
      const run = await runCommand(oracleCommand, ["publish", "--usd-per-erg", "1", "--dev-account", "8", "--json", "--node", devnet.url, "--data", otherDir]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`the saved pool ${gone} is not on this node`);
      const minted = JSON.parse(run.stdout) as Published;
      expect(minted).toMatchObject({ minted: true, nanoErgPerUsd: "1000000000" });
      const saved = JSON.parse(await readFile(join(otherDir, ORACLE_STATE_FILE), "utf8")) as { pools: Record<string, string> };
      expect(Object.values(saved.pools)).toEqual([minted.poolNft]);
      await mine();
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it("refuses bad prices naming the flag, and an NFT no live box holds", async () => {
    const cases: [string[], RegExp][] = [
      [["--usd-per-erg", "1,25"], /--usd-per-erg: .*not '1,25'/],
      [["--usd-per-erg", "0"], /--usd-per-erg: .*above 0/],
      [["--usd-per-erg", "-1"], /--usd-per-erg: '-1' cannot be negative/],
      [["--nano-erg-per-usd", "0"], /--nano-erg-per-usd must be a whole number from 1/],
      [["--nano-erg-per-usd", "1.5"], /--nano-erg-per-usd must be a whole number from 1/],
      [["--usd-per-erg", "1", "--nano-erg-per-usd", "1"], /give the price once/],
      [[], /give the price once/],
      [["--usd-per-erg", "1", "--epoch", "2147483648"], /--epoch must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const run = await oracle("publish", "--dev-account", "6", ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const unknown = await oracle("show", "--nft", "ab".repeat(32));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no live box holds pool NFT abab/);
    expect((await oracle("frobnicate")).code).toBe(2);
  });
});
