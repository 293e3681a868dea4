import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const LAUNCHER = new URL("../lets.js", import.meta.url).pathname;

interface Started {
  child: ChildProcess;
  output: () => string;
  urls: Record<"web" | "demo" | "indexer" | "devnet", string>;
}

/** Starts `lets up` on free ports and resolves once it prints "Ctrl-C to stop." */
function startUp(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [LAUNCHER, "up", "--node-port", "0", "--indexer-port", "0", "--web-port", "0", "--data", dataDir], {
    env: { ...process.env, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((done, fail) => {
    child.once("exit", (code) => fail(new Error(`lets up exited with ${code} before it was ready:\n${text}`)));
    const poll = setInterval(() => {
      if (!text.includes("Ctrl-C to stop.")) return;
      clearInterval(poll);
      child.removeAllListeners("exit");
      const url = (label: string) => new RegExp(`^${label}\\s+(\\S+)`, "m").exec(text)?.[1] ?? "";
      done({ child, output: () => text, urls: { web: url("web"), demo: url("demo"), indexer: url("indexer"), devnet: url("devnet") } });
    }, 100);
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    child.once("exit", (code) => done(code));
    child.kill("SIGINT");
  });
}

describe("lets up", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("serves devnet, indexer and web with the demo communities, stops cleanly, and seeds only once", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "lets-up-"));
    dirs.push(dataDir);
    const first = await startUp(dataDir);
    try {
      const info = (await (await fetch(`${first.urls.devnet}/info`)).json()) as { fullHeight: number };
      expect(info.fullHeight).toBeGreaterThan(0);
      const status = (await (await fetch(`${first.urls.indexer}/status`)).json()) as { communities: number };
      expect(status.communities).toBe(3); // Riverside and Harbour, joined by a trade line, and Meadow (economics)
      const demo = await fetch(first.urls.demo);
      expect(demo.status).toBe(200);
      expect(await demo.text()).toContain("Riverside LETS");
      expect((await fetch(first.urls.web)).status).toBe(200);
      expect(first.output()).toContain("seeded just now");
    } finally {
      expect(await stop(first.child)).toBe(0);
    }
    expect(first.output()).toMatch(/stopped\s*$/);

    const second = await startUp(dataDir);
    try {
      expect(second.urls.demo.split("/lets/")[1]).toBe(first.urls.demo.split("/lets/")[1]);
      expect(second.output()).toContain("seeded earlier");
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  });
});
