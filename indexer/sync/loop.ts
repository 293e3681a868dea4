/**
 * The running sync: a loop of `syncOnce` (one pass, `pass.ts`; the status follows every committed
 * batch; stop ends a pass after the batch being written) and the mempool pass, sleeping `pollMs`
 * when caught up. Node and database trouble backs off and retries (a crash-safe pass can always be
 * repeated); `SyncHalted` stops the loop and stays in the status. Only one process may write: the
 * loop first takes the writer lock (`writer-lock.ts`); a second syncer waits for it instead of
 * writing, and a loop that loses it stops writing, reports, and waits to take it again.
 */
import type { Kysely } from "kysely";
import { NodeRequestError, type NodeClient } from "../../ergo/node-client.ts";
import type { Database } from "../db/schema.ts";
import { streamLogger, type Logger } from "../log.ts";
import { SyncHalted, syncOnce } from "./pass.ts";
import { syncMempool, unconfirmedIds } from "./mempool.ts";
import { acquireWriterLock, WriterLockLost, type HeldLock } from "./writer-lock.ts";

/** Blocks per `syncOnce` call while catching up: the fork check and the mempool wait for the pass's end. */
const PASS_BLOCKS = 1_000;
/** Longest wait between retries. */
const MAX_BACKOFF_MS = 30_000;

/** What the loop follows and writes to, how often it polls, and whom it tells. */
export interface SyncLoopOptions {
  db: Kysely<Database>;
  node: NodeClient;
  /** Wait between passes once caught up, and between attempts at the writer lock (default 500). */
  pollMs?: number;
  /** Told of every failed pass (retried or halting). */
  onError?: (error: unknown) => void;
  logger?: Logger;
}

/**
 * waiting-for-lock: another writer holds the database; syncing: passes succeed; backing-off: the
 * last pass failed (node or database trouble) and the loop waits before retrying; halted: stopped
 * on an error that retrying cannot fix; stopped: `stop()` was called.
 */
export type SyncState = "waiting-for-lock" | "syncing" | "backing-off" | "halted" | "stopped";
export const SYNC_STATES: readonly SyncState[] = ["waiting-for-lock", "syncing", "backing-off", "halted", "stopped"];

export interface SyncStatus {
  state: SyncState;
  /** Height of the last block in the database. */
  cursorHeight: number;
  /** The node's full height at the last pass, null before one. */
  nodeHeight: number | null;
  lagBlocks: number | null;
  /** The error of the last failed pass; cleared by a pass that succeeds, kept when the sync halted. */
  lastError: string | null;
  /** Wall-clock time (ms) at which this loop last applied or undid a block; null before it did. */
  lastAppliedAt: number | null;
}

export interface RunningSync {
  /** Ends the loop after the current batch, releases the writer lock; the loop's own outcome is in `status()`. */
  stop(): Promise<void>;
  status(): SyncStatus;
  /** Resolves when the loop ends: stopped, or halted (then with the error). */
  readonly done: Promise<SyncHalted | undefined>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Starts the loop; it runs until `stop()` or a `SyncHalted`. */
export function startSync({ db, node, pollMs = 500, onError, logger = streamLogger(undefined, "sync: ") }: SyncLoopOptions): RunningSync {
  const current: SyncStatus = {
    state: "waiting-for-lock", cursorHeight: 0, nodeHeight: null, lagBlocks: null, lastError: null, lastAppliedAt: null,
  };
  let stopping = false;
  let wake: () => void = () => {};
  const stopped = new Promise<void>((done) => (wake = done));
  /** Sleeps `ms`, or less if stopped; says whether to go on. */
  const wait = async (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([stopped, new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
    clearTimeout(timer);
    return !stopping;
  };
  const observe = (cursorHeight: number, nodeHeight: number) =>
    Object.assign(current, { cursorHeight, nodeHeight, lagBlocks: Math.max(0, nodeHeight - cursorHeight) });

  /** Passes until stopped; returns the loss if the writer lock went away (nothing was written without it). */
  async function follow(lock: HeldLock): Promise<WriterLockLost | undefined> {
    let failures = 0;
    let caughtUp = false;
    /** The cursor and mempool ids the pending rows were last made from; empty forces a mempool pass. */
    let mempoolSeen = "";
    while (!stopping) {
      try {
        await lock.check(db);
        const pass = await syncOnce(db, node, {
          maxBlocks: PASS_BLOCKS,
          guard: lock.check,
          onProgress: (height) => {
            current.cursorHeight = height;
            current.lastAppliedAt = Date.now();
            if (current.nodeHeight !== null) current.lagBlocks = Math.max(0, current.nodeHeight - height);
          },
          shouldStop: () => stopping,
        });
        observe(pass.height, pass.nodeHeight);
        current.lastError = null;
        current.state = "syncing";
        if (pass.undone > 0 || pass.applied > 0) current.lastAppliedAt = Date.now();
        if (pass.undone > 0) logger.warn(`fork: undid ${pass.undone} blocks`);
        if (pass.undone > 0 || pass.applied > 0) mempoolSeen = "";
        const atTip = pass.height >= pass.nodeHeight;
        const mempool = atTip ? `${pass.height} ${(await unconfirmedIds(node)).join(" ")}` : "";
        if (atTip && mempool !== mempoolSeen) {
          await syncMempool(db, node, lock.check);
          mempoolSeen = mempool;
        }
        if (atTip && !caughtUp) logger.info(`caught up with the node at height ${pass.height}`);
        caughtUp = atTip;
        failures = 0;
        if (atTip || (pass.applied === 0 && pass.undone === 0)) await wait(pollMs);
      } catch (error) {
        if (error instanceof SyncHalted) throw error;
        if (error instanceof WriterLockLost) return error;
        onError?.(error);
        current.lastError = messageOf(error);
        current.state = "backing-off";
        failures += 1;
        const backoff = Math.min(MAX_BACKOFF_MS, pollMs * 2 ** Math.min(failures - 1, 16));
        const retryable = error instanceof NodeRequestError && error.retryable;
        (retryable ? logger.warn : logger.error)(`${messageOf(error)}; retrying in ${backoff} ms`);
        await wait(backoff);
      }
    }
    return undefined;
  }

  async function run(): Promise<SyncHalted | undefined> {
    let lock: HeldLock | undefined;
    try {
      const tip = await db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst();
      current.cursorHeight = tip?.height ?? 0;
      while (!stopping) {
        lock = await acquireWriterLock(db, wait, pollMs, () => {
          if (current.lastError === null) logger.warn("another indexer holds the writer lock; waiting for it");
          current.lastError ??= "another indexer holds the writer lock";
        });
        if (!lock) return undefined;
        current.state = "syncing";
        current.lastError = null;
        const lost = await follow(lock);
        const held = lock;
        lock = undefined;
        await held.release().catch((error: unknown) => logger.error(`releasing the writer lock: ${messageOf(error)}`));
        if (!lost) return undefined;
        onError?.(lost);
        logger.error(`${lost.message}; stopped writing, waiting to take it again`);
        current.state = "waiting-for-lock";
        current.lastError = `${lost.message}; waiting to take it again`;
      }
      return undefined;
    } catch (error) {
      const halted = error instanceof SyncHalted ? error : Object.assign(new SyncHalted(`sync failed outside a pass: ${messageOf(error)}`), { cause: error });
      current.state = "halted";
      current.lastError = halted.message;
      onError?.(halted);
      logger.error(`halted: ${halted.message}`);
      return halted;
    } finally {
      await lock?.release().catch((error: unknown) => logger.error(`releasing the writer lock: ${messageOf(error)}`));
      if (current.state !== "halted") current.state = "stopped";
    }
  }

  const done = run();
  return {
    done,
    status: () => ({ ...current }),
    async stop() {
      stopping = true;
      wake();
      await done;
    },
  };
}
