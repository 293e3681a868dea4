import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { NodeClient } from "../../ergo/node-client.ts";
import { silentLogger } from "../log.ts";
import { BACKENDS, type TestDatabase } from "../db/testing.ts";
import { startSync, type RunningSync, type SyncStatus } from "./loop.ts";
import { WRITER_LOCK_KEY } from "./writer-lock.ts";
import { startLetsDevnet, type LetsDevnet } from "./testing.ts";
import { until } from "../../util/until.ts";

/** The backend pid holding the writer lock, if any session does. */
async function lockHolder(client: pg.Client): Promise<number | undefined> {
  const { rows } = await client.query<{ pid: number }>(
    "select pid from pg_locks where locktype = 'advisory' and objsubid = 1 and granted and classid::bigint * 4294967296 + objid::bigint = $1" +
      " and database = (select oid from pg_database where datname = current_database())",
    [WRITER_LOCK_KEY],
  );
  return rows[0]?.pid;
}

describe.each(BACKENDS)("the sync loop on $name", ({ name, open }) => {
  let chain: LetsDevnet;
  const databases: TestDatabase[] = [];
  const loops: RunningSync[] = [];
  const fresh = async () => {
    const database = await open();
    databases.push(database);
    return database.db;
  };
  const run = (options: Omit<Parameters<typeof startSync>[0], "logger" | "pollMs">) => {
    const loop = startSync({ pollMs: 20, logger: silentLogger, ...options });
    loops.push(loop);
    return loop;
  };
  const atTip = async (loop: RunningSync) => {
    const height = await chain.node.height();
    await until(`the cursor to reach ${height}`, () => loop.status().cursorHeight === height && loop.status().lagBlocks === 0);
  };

  beforeAll(async () => {
    chain = await startLetsDevnet(3);
  });

  afterAll(async () => {
    for (const loop of loops) await loop.stop();
    for (const database of databases) await database.drop();
    await chain?.close();
  });

  it("follows the tip, shows unconfirmed payments as pending changes, and clears them once mined", async () => {
    const db = await fresh();
    const loop = run({ db, node: chain.node });
    await atTip(loop);
    const [alice, bob] = chain.members as [LetsDevnet["members"][0], LetsDevnet["members"][0]];
    const txId = await chain.pay(alice, bob, 25n);
    const pending = async () => db.selectFrom("pending_changes").selectAll().where("tx_id", "=", txId).orderBy("seq").execute();
    await until("the payment to show as pending", async () => (await pending()).length > 0);
    const rows = await pending();
    expect(rows.map((r) => [r.kind, BigInt(r.balance_delta)])).toEqual([["payment", -25n], ["payment", 25n]]);
    expect(rows.every((r) => r.community_id === chain.communityId && r.new_box_id !== null)).toBe(true);
    const unconfirmed = await chain.node.request<{ outputs: { boxId: string }[] }[]>("GET", "/transactions/unconfirmed");
    expect(new Set(rows.map((r) => r.new_box_id))).toEqual(new Set(unconfirmed[0]!.outputs.slice(0, 2).map((o) => o.boxId)));
    await chain.mine();
    await atTip(loop);
    await until("the pending rows to clear", async () => (await db.selectFrom("pending_changes").selectAll().execute()).length === 0);
    expect((await db.selectFrom("payments").select("amount").where("tx_id", "=", txId).execute()).map((p) => BigInt(p.amount))).toEqual([25n]);
    await loop.stop();
    expect(loop.status()).toMatchObject({ state: "stopped", lastError: null });
  });

  it("decodes a chain of unconfirmed payments, each on the account box the previous one left", async () => {
    const db = await fresh();
    const loop = run({ db, node: chain.node });
    await atTip(loop);
    const [alice, bob, carol] = chain.members as [LetsDevnet["members"][0], LetsDevnet["members"][0], LetsDevnet["members"][0]];
    const first = await chain.pay(alice, bob, 5n);
    const second = await chain.pay(alice, carol, 7n);
    const rows = async () => db.selectFrom("pending_changes").selectAll().orderBy("tx_id").orderBy("seq").execute();
    await until("both payments to show as pending", async () => (await rows()).length === 4);
    const deltas = (txId: string) => rows().then((all) => all.filter((r) => r.tx_id === txId).map((r) => BigInt(r.balance_delta)));
    expect(await deltas(first)).toEqual([-5n, 5n]);
    expect(await deltas(second)).toEqual([-7n, 7n]);
    await chain.mine();
    await until("the pending rows to clear", async () => (await rows()).length === 0);
  });

  it("backs off while the node is unreachable, then resumes", async () => {
    const db = await fresh();
    let down = true;
    const flaky: typeof fetch = (input, init) => (down ? Promise.reject(new Error("connect ECONNREFUSED")) : fetch(input, init));
    const errors: unknown[] = [];
    const loop = run({ db, node: new NodeClient(chain.devnet.url, flaky), onError: (e) => errors.push(e) });
    await until("two failed passes", () => errors.length >= 2);
    expect(loop.status()).toMatchObject({ state: "backing-off", lastError: expect.stringContaining("unreachable"), lastAppliedAt: null });
    down = false;
    await atTip(loop);
    expect(loop.status()).toMatchObject({ state: "syncing", lastError: null, lastAppliedAt: expect.any(Number) });
  });

  it("halts loudly on a fork deeper than 200 blocks and keeps the error in its status", async () => {
    await chain.mine(210);
    const db = await fresh();
    let forked = false;
    const forking: typeof fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      if (forked && path.startsWith("/blocks/at/")) return new Response(JSON.stringify(["ff".repeat(32)]), { headers: { "content-type": "application/json" } });
      return fetch(input, init);
    };
    const loop = run({ db, node: new NodeClient(chain.devnet.url, forking) });
    await atTip(loop);
    forked = true;
    const height = loop.status().cursorHeight;
    const halted = await loop.done;
    expect(halted?.message).toMatch(/fork deeper than 200 blocks/);
    const tip = await db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst();
    expect(tip?.height).toBe(height); // nothing was undone before halting
    expect(loop.status()).toMatchObject({ state: "halted", lastError: expect.stringMatching(/fork deeper/) });
  });

  it.runIf(name === "PostgreSQL")("lets one writer sync at a time: a second loop waits for the advisory lock", async () => {
    const db = await fresh();
    const first = run({ db, node: chain.node });
    await atTip(first);
    const second = run({ db, node: chain.node });
    await until("the second loop to find the lock taken", () => second.status().lastError !== null);
    expect(second.status()).toMatchObject<Partial<SyncStatus>>({ state: "waiting-for-lock" });
    await first.stop();
    await chain.mine();
    await atTip(second);
    expect(second.status().state).toBe("syncing");
  });

  it.runIf(name === "PostgreSQL")("stops writing when its lock session is killed, and writes again only once it holds the lock again", async () => {
    const database = await open();
    databases.push(database);
    const loop = run({ db: database.db, node: chain.node });
    await atTip(loop);
    const height = loop.status().cursorHeight;
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const pid = await lockHolder(admin);
      expect(pid).toBeDefined();
      // One query string: the loop's lock session is killed and this session queues for the lock
      // before the dying one lets it go, so the loop cannot take it back in between.
      await admin.query(`select pg_terminate_backend(${pid}); select pg_advisory_lock(${WRITER_LOCK_KEY})`);
      await chain.mine(2);
      await until("the loop to report the lost lock", () => loop.status().state === "waiting-for-lock" && /lost the writer lock/.test(loop.status().lastError ?? ""));
      const tip = await database.db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst();
      expect(tip?.height).toBe(height);
      await admin.query(`select pg_advisory_unlock(${WRITER_LOCK_KEY})`);
      await atTip(loop);
      expect(loop.status()).toMatchObject({ state: "syncing", lastError: null });
      expect(await lockHolder(admin)).not.toBe(pid);
    } finally {
      await admin.end();
    }
  });

  it("takes and releases the lock on this backend without blocking other queries", async () => {
    const db = await fresh();
    const loop = run({ db, node: chain.node });
    await atTip(loop);
    // While the loop holds the lock, other queries on the same database answer at once.
    const tip = await chain.node.height();
    const top = await db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst();
    expect(top?.height).toBe(tip);
    expect(Number((await db.selectFrom("communities").select((e) => e.fn.countAll().as("n")).executeTakeFirstOrThrow()).n)).toBe(1);
    await loop.stop();
    // Released: a second loop takes the lock and indexes the next block.
    const again = run({ db, node: chain.node });
    await chain.mine();
    await atTip(again);
    expect(again.status().cursorHeight).toBe(tip + 1);
    await again.stop();
  });
});
