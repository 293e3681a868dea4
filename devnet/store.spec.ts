import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DirectoryStore } from "./store.ts";
import type { NodeTransaction } from "../ergo/types.ts";

const tx = (id: string) => ({ id, inputs: [], dataInputs: [], outputs: [] }) as unknown as NodeTransaction;

describe("DirectoryStore mempool", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const store = () => {
    const dir = mkdtempSync(join(tmpdir(), "lets-store-"));
    dirs.push(dir);
    return new DirectoryStore(dir);
  };

  it("writes a burst of mempool changes once, as the last one, on flush", () => {
    const s = store();
    s.saveMempool([tx("a")]);
    s.saveMempool([tx("a"), tx("b")]);
    expect(existsSync(join(s.dir, "mempool.json"))).toBe(false);
    s.flush();
    expect(new DirectoryStore(s.dir).load().mempool.map((t) => t.id)).toEqual(["a", "b"]);
  });

  it("writes by itself shortly after the last change", async () => {
    const s = store();
    s.saveMempool([tx("c")]);
    await expect.poll(() => existsSync(join(s.dir, "mempool.json")), { timeout: 5_000 }).toBe(true);
    expect(new DirectoryStore(s.dir).load().mempool.map((t) => t.id)).toEqual(["c"]);
  });

  it("does not write a pending mempool after a reset", () => {
    const s = store();
    s.saveMempool([tx("d")]);
    s.reset();
    s.flush();
    expect(s.load().mempool).toEqual([]);
  });
});
