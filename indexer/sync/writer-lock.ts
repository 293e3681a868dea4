/**
 * One writer per database. On PostgreSQL the sync loop holds a session-level advisory lock on a
 * connection of its own, kept out of the pool until release (a pooled connection could be closed
 * when idle, silently dropping the lock). That connection can still die (the server restarts, an
 * operator runs `pg_terminate_backend`), and the lock goes with it: so every write transaction
 * first checks, in `pg_locks`, that the lock's session still holds it, and a loop that finds it
 * gone stops writing (`WriterLockLost`). The window left is a check and a commit; two writers
 * racing through it would collide on the `blocks` primary key, not both write.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../db/schema.ts";
import { IndexerError } from "../errors.ts";

/** The advisory lock key every LETS indexer writer takes: any constant would do, as long as all agree. */
export const WRITER_LOCK_KEY = 4_245_302_117;

/** The writer lock is gone: nothing may be written until it is taken again. */
export class WriterLockLost extends IndexerError {
  constructor(readonly lockPid: number) {
    super(`lost the writer lock: its PostgreSQL session (backend ${lockPid}) no longer holds it`);
  }
}

type Executor = Kysely<Database> | Transaction<Database>;

/** A writer lock held until `release()`. */
export interface HeldLock {
  /** Throws `WriterLockLost` unless the lock is still held; run inside each write transaction. */
  check(db: Executor): Promise<void>;
  release(): Promise<void>;
}

const tryLock = async (db: Kysely<Database>) =>
  (await sql<{ locked: boolean }>`select pg_try_advisory_lock(${WRITER_LOCK_KEY}::bigint) as locked`.execute(db)).rows[0]?.locked === true;
const unlock = (db: Kysely<Database>) => sql`select pg_advisory_unlock(${WRITER_LOCK_KEY}::bigint)`.execute(db);
const backendPid = async (db: Kysely<Database>) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;

/** Whether session `pid` holds the writer lock (a bigint key shows in pg_locks as classid:objid). */
async function heldBy(db: Executor, pid: number): Promise<boolean> {
  const { rows } = await sql<{ held: boolean }>`
    select exists (
      select 1 from pg_locks
      where locktype = 'advisory' and objsubid = 1 and pid = ${pid} and granted
        and classid::bigint * 4294967296 + objid::bigint = ${WRITER_LOCK_KEY}
    ) as held`.execute(db);
  return rows[0]?.held === true;
}

/** Embedded PGlite is one session shared by every query: it cannot lend a dedicated connection, and needs none. */
async function isSingleSession(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(db);
  return /wasm32|emscripten/i.test(rows[0]?.version ?? "");
}

/**
 * Takes the writer lock, retrying every `pollMs` (through `wait`, which says whether to go on)
 * while another session holds it; undefined if the caller stopped first.
 */
export async function acquireWriterLock(db: Kysely<Database>, wait: (ms: number) => Promise<boolean>, pollMs: number, onBusy: () => void): Promise<HeldLock | undefined> {
  if (await isSingleSession(db)) {
    await tryLock(db);
    return { check: async () => undefined, release: async () => void (await unlock(db)) };
  }
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  let settle!: (pid: number | undefined) => void;
  let fail!: (error: unknown) => void;
  const acquired = new Promise<number | undefined>((resolve, reject) => ((settle = resolve), (fail = reject)));
  const session = db
    .connection()
    .execute(async (connection) => {
      while (!(await tryLock(connection))) {
        onBusy();
        if (!(await wait(pollMs))) return settle(undefined);
      }
      settle(await backendPid(connection));
      await released;
      await unlock(connection);
    })
    .then(
      () => undefined,
      (error: unknown) => (fail(error), error),
    );
  const pid = await acquired;
  if (pid === undefined) return undefined;
  let lost = false;
  return {
    async check(executor) {
      if (lost || !(await heldBy(executor, pid))) {
        lost = true;
        throw new WriterLockLost(pid);
      }
    },
    async release() {
      release();
      const error = await session;
      // A lost lock's connection is dead: unlocking it fails, and there is nothing left to release.
      if (error !== undefined && !lost) throw error;
    },
  };
}
