/**
 * CPU time spent, next to wall time: on a shared machine the wall clock says as much about the
 * neighbours as about the indexer. Reads `/proc/<pid>/stat` (Linux; null elsewhere) for the node
 * process and for the PostgreSQL backends serving a database, and `process.cpuUsage()` for this one.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

let ticksPerSecond: number | undefined;

/** CPU ms (user + system) a process has used, or null if it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** This process's CPU ms so far. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
}

/**
 * The CPU the PostgreSQL backends of `db`'s database use from `start()` to `stop()`: backends are
 * collected while it runs (a pool opens connections as it needs them). Null for PGlite (it runs
 * in this process) or when `/proc` cannot be read.
 */
export class BackendCpu {
  private readonly seen = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private readable = true;

  constructor(private readonly db: Kysely<Database>) {}

  private async collect(): Promise<void> {
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(this.db);
    for (const { pid } of rows) {
      if (this.seen.has(pid)) continue;
      const used = processCpuMs(pid);
      if (used === null) this.readable = false;
      this.seen.set(pid, used ?? 0);
    }
  }

  async start(): Promise<void> {
    await this.collect();
    this.timer = setInterval(() => void this.collect().catch(() => undefined), 100);
  }

  /** CPU seconds since `start()`; null if not measurable. */
  async stop(): Promise<number | null> {
    clearInterval(this.timer);
    await this.collect().catch(() => undefined);
    if (!this.readable) return null;
    let total = 0;
    for (const [pid, before] of this.seen) total += (processCpuMs(pid) ?? before) - before;
    return total / 1_000;
  }
}
