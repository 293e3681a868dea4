import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet } from "../devnet/start.ts";
import { until } from "../util/until.ts";

const bin = fileURLToPath(new URL("./lets.js", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the `lets` bin the way npm's shim does: node on scripts/lets.js. */
function lets(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") {
        reject(error);
        return;
      }
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

describe("lets", () => {
  it("lists the commands on --help and exits 0", async () => {
    const run = await lets("--help");
    expect(run.code).toBe(0);
    for (const name of ["up", "devnet", "index", "pay", "top-up", "profile", "contracts", "help"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    }
  });

  it("lists the commands when given no command", async () => {
    const run = await lets();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Commands:");
  });

  it("shows one command's usage on <command> --help", async () => {
    const run = await lets("contracts", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: lets contracts");
  });

  it("rejects an unknown command with exit 2 and names it on stderr", async () => {
    const run = await lets("frobnicate");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });

  it("rejects an unknown option of a command with exit 2", async () => {
    const run = await lets("up", "--frobnicate");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--frobnicate");
  });
});

describe("lets index", () => {
  it("syncs the node, serves /status on its port, and exits 0 on Ctrl-C", async () => {
    const devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    const data = await mkdtemp(join(tmpdir(), "lets-index-"));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    try {
      devnet.chain.mine(3);
      const args = [bin, "index", "--node", devnet.url, "--port", "0", "--data", data, "--poll-ms", "50"];
      const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      const exit = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
      const url = await new Promise<string>((found, fail) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /^indexer\s+(http:\/\/\S+)[^]*Ctrl-C to stop/m.exec(output);
          if (match) found(match[1]!);
        });
        void exit.then((code) => fail(new Error(`lets index exited early with ${code}: ${output}`)));
      });
      expect(output).toContain(`PGlite in ${data}`);
      const status = await until(
        "the indexer to reach height 3",
        async () => (await (await fetch(`${url}/status`)).json()) as { height?: number; nodeHeight?: number },
        (answer) => answer.height === 3,
        { pollMs: 50 },
      );
      expect(status).toMatchObject({ height: 3, nodeHeight: 3 });
      child.kill("SIGINT");
      expect(await exit).toBe(0);
    } finally {
      await devnet.close();
      await rm(data, { recursive: true, force: true });
    }
  });

  it("rejects a bad port or node URL with exit 2", async () => {
    expect((await lets("index", "--port", "70000")).code).toBe(2);
    const run = await lets("index", "--node", "not a url");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--node");
  });
});

describe("lets contracts", () => {
  let dir: string;
  const hash = (byte: string) => byte.repeat(32);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "lets-contracts-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints each contract's template hash and ErgoTree size", async () => {
    const file = join(dir, "compiled.json");
    const compiled = {
      account: { ergoTree: "1000d801", templateHash: hash("ab") },
      community: { ergoTree: "100204a00b08cd", templateHash: hash("cd") },
      batch: { ergoTree: "1000d8010101", templateHash: hash("05") },
      accountEcon: { ergoTree: "1000d80101", templateHash: hash("ef") },
      communityEcon: { ergoTree: "100204a00b08cd01", templateHash: hash("01") },
      line: { ergoTree: "10", templateHash: hash("02") },
      gateway: { ergoTree: "1001", templateHash: hash("03") },
      gatewayB: { ergoTree: "100101", templateHash: hash("04") },
    };
    await writeFile(file, JSON.stringify(compiled));
    const run = await lets("contracts", "--file", file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^account +${hash("ab")} +4 bytes$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^community +${hash("cd")} +7 bytes$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^batch +${hash("05")} +6 bytes$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^accountEcon +${hash("ef")} +5 bytes$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^gatewayB +${hash("04")} +3 bytes$`, "m"));
  });

  it("exits 1 with a clear error when the file is missing", async () => {
    const file = join(dir, "absent.json");
    const run = await lets("contracts", "--file", file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file} not found`);
    expect(run.stderr).toContain("npm run compile:contracts");
  });
});
