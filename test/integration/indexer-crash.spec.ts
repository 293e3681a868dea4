/**
 * Crash safety of `lets index`: a devnet chain of a few thousand blocks with LETS activity spread
 * through it; the indexer runs as a child process and is SIGKILLed at seeded random moments of its
 * sync, restarted each time; once it reaches the tip its database equals an uninterrupted sync of
 * the same chain, row for row. On PGlite (a data directory) and, with DATABASE_URL, on PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import { openDatabase } from "../../indexer/db/connect.ts";
import { BACKENDS, dump, type TestDatabase } from "../../indexer/db/testing.ts";
import { syncOnce } from "../../indexer/sync/pass.ts";
import { startLetsDevnet, type LetsDevnet } from "../../indexer/sync/testing.ts";
import { Random } from "../../util/prng.ts";

const bin = fileURLToPath(new URL("../../scripts/lets.js", import.meta.url));
const SEED = 0x1e75;
/** LETS rounds; each is one block of payments (joins, a leave) followed by EMPTY_BLOCKS empty ones. */
const ROUNDS = 24;
const EMPTY_BLOCKS = 100;
const KILLS = 4;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A running `lets index` child: its API URL once it printed it, its output, its exit. */
interface Indexer {
  child: ChildProcess;
  api: Promise<string>;
  exit: Promise<number | null>;
  output: () => string;
}

function startIndexer(nodeUrl: string, database: { dataDir: string } | { url: string }): Indexer {
  const target = "url" in database ? ["--database-url", database.url] : ["--data", database.dataDir];
  const env = { ...process.env };
  delete env.DATABASE_URL; // the PGlite run must not fall back to the server of the PostgreSQL run
  const child = spawn(process.execPath, [bin, "index", "--node", nodeUrl, "--port", "0", "--poll-ms", "100", ...target], { env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const exit = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const api = new Promise<string>((found, fail) => {
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /^indexer\s+(http:\/\/\S+)/m.exec(text);
      if (match) found(match[1]!);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exit.then((code) => fail(new Error(`lets index exited (${code}) before serving:\n${text}`)));
  });
  api.catch(() => undefined); // killed before serving: only an error for whoever awaits `api`
  return { child, api, exit, output: () => text };
}

/** The indexer's cursor height from its `/status`, or undefined if it does not answer. */
async function cursorOf(api: string): Promise<number | undefined> {
  try {
    const response = await fetch(`${api}/status`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { cursorHeight?: number; height?: number };
    return body.cursorHeight ?? body.height;
  } catch {
    return undefined;
  }
}

/** Polls until the indexer's cursor is at least `height`; returns the cursor seen. */
async function reach(indexer: Indexer, height: number, deadline: number): Promise<number> {
  const api = await indexer.api;
  for (;;) {
    const cursor = await cursorOf(api);
    if (cursor !== undefined && cursor >= height) return cursor;
    if (indexer.child.exitCode !== null) throw new Error(`the indexer exited (${indexer.child.exitCode}) at height ${cursor}:\n${indexer.output()}`);
    if (Date.now() > deadline) throw new Error(`the indexer did not reach height ${height} (at ${cursor}):\n${indexer.output()}`);
    await sleep(10);
  }
}

/** Payments in every round, a member joining in round 6 and leaving in round 12, 100 empty blocks after each. */
async function generateChain(): Promise<LetsDevnet> {
  const chain = await startLetsDevnet(4);
  const generator = new Random(SEED, "payments");
  const random = () => generator.next();
  const members = chain.members;
  const newcomer = devAccount(5);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 3; i++) {
      const payer = members[(round + i) % members.length]!;
      const payee = members[(round + i + 1 + Math.floor(random() * (members.length - 1))) % members.length]!;
      if (payer !== payee) await chain.pay(payer, payee, 1n + BigInt(Math.floor(random() * 50)));
    }
    if (round === 6) await chain.lets.join(chain.communityId, newcomer, 1_000_000_000n);
    if (round === 12) await chain.lets.leave(chain.communityId, newcomer);
    await chain.mine(1);
    await chain.mine(EMPTY_BLOCKS);
  }
  return chain;
}

let chain: LetsDevnet;
let tip = 0;

beforeAll(async () => {
  const started = Date.now();
  chain = await generateChain();
  tip = await chain.node.height();
  process.stderr.write(`indexer-crash: generated ${tip} blocks in ${Date.now() - started} ms\n`);
}, 120_000);

afterAll(async () => {
  await chain?.close();
});

describe.each(BACKENDS)("lets index killed during a sync into $name", ({ name, open }) => {
  const cleanup: (() => Promise<void>)[] = [];

  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it(`recovers from ${KILLS} SIGKILLs and ends equal to an uninterrupted sync`, async () => {
    const deadline = Date.now() + 150_000;
    const generator = new Random(SEED + name.length, "kills");
    const random = () => generator.next();
    const reference = await open();
    cleanup.push(() => reference.drop());
    let target: { dataDir: string } | { url: string };
    let written: TestDatabase | undefined;
    if (name === "PGlite") {
      const dataDir = await mkdtemp(join(tmpdir(), "lets-index-crash-"));
      cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
      target = { dataDir };
    } else {
      written = await open();
      cleanup.push(() => written!.drop());
      target = { url: written.url! };
    }

    const killedAt: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const indexer = startIndexer(chain.devnet.url, target);
      cleanup.push(async () => void indexer.child.kill("SIGKILL"));
      const height = Math.floor((tip * (kill + random())) / (KILLS + 1));
      killedAt.push(await reach(indexer, height, deadline));
      await sleep(random() * 30);
      indexer.child.kill("SIGKILL");
      expect(await indexer.exit).toBeNull();
    }

    const last = startIndexer(chain.devnet.url, target);
    cleanup.push(async () => void last.child.kill("SIGKILL"));
    await reach(last, tip, deadline);
    last.child.kill("SIGINT");
    expect(await last.exit, last.output()).toBe(0);
    process.stderr.write(`indexer-crash (${name}): killed at cursor heights ${killedAt.join(", ")} of ${tip}\n`);
    expect(killedAt.every((height) => height < tip)).toBe(true);

    await syncOnce(reference.db, chain.node);
    const db = written?.db ?? (await openDatabase({ dataDir: (target as { dataDir: string }).dataDir }));
    try {
      const [after, expected] = [await dump(db), await dump(reference.db)];
      expect(expected.payments!.length).toBeGreaterThan(ROUNDS);
      expect(after).toEqual(expected);
    } finally {
      if (!written) await db.destroy();
    }
  }, 180_000);
});
