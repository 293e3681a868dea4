import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../devnet/start.ts";
import { PID_FILE } from "./db/dir-lock.ts";
import { BACKENDS } from "./db/testing.ts";
import { silentLogger } from "./log.ts";
import { IndexerStartError, startIndexer } from "./start.ts";
import { IndexerWaitError, waitForHeight, waitForNodeTip } from "./wait.ts";

describe("startIndexer", () => {
  let devnet: Devnet;
  let dir: string;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    devnet.chain.mine(4);
    dir = await mkdtemp(join(tmpdir(), "lets-start-"));
  });

  afterAll(async () => {
    await devnet?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("syncs into a PGlite directory, serves the API on its URL, and closes cleanly", async () => {
    const dataDir = join(dir, "pglite");
    const indexer = await startIndexer({ nodeUrl: devnet.url, port: 0, dataDir, pollMs: 20, logger: silentLogger });
    expect(indexer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(join(dataDir, PID_FILE))).toBe(true);
    expect(await waitForNodeTip(indexer.url, devnet.url)).toBe(4);
    const status = (await (await fetch(`${indexer.url}/status`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ height: 4, nodeHeight: 4, sync: { state: "syncing", lastError: null, lastAppliedAt: expect.any(Number) } });
    devnet.chain.mine(1);
    expect(await waitForHeight(indexer, 5)).toBe(5);
    await indexer.close();
    await indexer.close();
    expect(indexer.sync.status().state).toBe("stopped");
    expect(existsSync(join(dataDir, PID_FILE))).toBe(false);
    await expect(fetch(`${indexer.url}/status`)).rejects.toThrow();

    const again = await startIndexer({ nodeUrl: devnet.url, port: 0, dataDir, pollMs: 20, logger: silentLogger });
    expect(again.sync.status().cursorHeight).toBe(5);
    await again.close();
  });

  it("refuses a port in use with IndexerStartError and leaves the directory unlocked", async () => {
    const dataDir = join(dir, "busy-port");
    const first = await startIndexer({ nodeUrl: devnet.url, port: 0, logger: silentLogger });
    const port = Number(new URL(first.url).port);
    try {
      const refused = await startIndexer({ nodeUrl: devnet.url, port, dataDir, logger: silentLogger }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(IndexerStartError);
      expect(refused).toMatchObject({ stage: "listen", message: expect.stringContaining(`127.0.0.1:${port}`) });
      expect(existsSync(join(dataDir, PID_FILE))).toBe(false);
    } finally {
      await first.close();
    }
  });

  it("gives up waiting with IndexerWaitError carrying the heights", async () => {
    const indexer = await startIndexer({ nodeUrl: devnet.url, port: 0, pollMs: 20, logger: silentLogger });
    try {
      const tip = await waitForNodeTip(indexer, devnet.url);
      const error = await waitForHeight(indexer.url, tip + 100, 200).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IndexerWaitError);
      expect(error).toMatchObject({ targetHeight: tip + 100, lastHeight: tip });
    } finally {
      await indexer.close();
    }
  });

  const postgres = BACKENDS.find((backend) => backend.name === "PostgreSQL");
  it.skipIf(!postgres)("syncs into PostgreSQL by URL", async () => {
    const database = await postgres!.open();
    const indexer = await startIndexer({ nodeUrl: devnet.url, port: 0, databaseUrl: database.url!, pollMs: 20, logger: silentLogger });
    try {
      const tip = await waitForNodeTip(indexer, devnet.url);
      const rows = await indexer.db.selectFrom("blocks").select("height").orderBy("height").execute();
      expect(rows.map((row) => row.height)).toEqual(Array.from({ length: tip }, (_, i) => i + 1));
    } finally {
      await indexer.close();
      await database.drop();
    }
  });
});
