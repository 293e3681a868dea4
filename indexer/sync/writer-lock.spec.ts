// The writer lock's guard on PostgreSQL: a write transaction that finds the lock's session gone
// rolls back. PostgreSQL only (PGlite is one session; there is no lock connection to lose).
import pg from "pg";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { BACKENDS } from "../db/testing.ts";
import { acquireWriterLock, WRITER_LOCK_KEY, WriterLockLost } from "./writer-lock.ts";

const postgres = BACKENDS.find((backend) => backend.name === "PostgreSQL");
const keepWaiting = async () => true;

describe.skipIf(!postgres)("the writer lock on PostgreSQL", () => {
  it("lets writes through while held, and rolls a write back once its session was terminated", async () => {
    const { db, url, drop } = await postgres!.open();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const lock = (await acquireWriterLock(db, keepWaiting, 20, () => undefined))!;
      const write = (height: number) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto("blocks").values({ height, block_id: `${height}`.padStart(64, "0"), parent_id: "0".repeat(64), timestamp: 0n }).execute();
          await lock.check(trx);
        });
      await write(1);

      const { rows } = await admin.query<{ pid: number }>(
        "select pid from pg_locks where locktype = 'advisory' and objsubid = 1 and granted and classid::bigint * 4294967296 + objid::bigint = $1" +
      " and database = (select oid from pg_database where datname = current_database())",
        [WRITER_LOCK_KEY],
      );
      expect(rows).toHaveLength(1);
      await admin.query("select pg_terminate_backend($1, 10000)", [rows[0]!.pid]);

      const refused = await write(2).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WriterLockLost);
      expect(refused).toMatchObject({ lockPid: rows[0]!.pid });
      expect((await db.selectFrom("blocks").select("height").execute()).map((b) => b.height)).toEqual([1]);
      await expect(lock.check(db)).rejects.toBeInstanceOf(WriterLockLost);
      await lock.release(); // the dead session has nothing to unlock: no error
      expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
      await drop();
    }
  });
});
