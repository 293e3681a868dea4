/** Child processes of the benchmark (the node serving the chain, the live devnet, the payment driver) and its databases. */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Kysely } from "kysely";
import { openDatabase } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";

export interface Child {
  child: ChildProcess;
  /** The groups of the line that said it was ready. */
  ready: RegExpExecArray;
  /** Closes its stdin (the children exit on it), then kills it if it lingers. */
  close(): Promise<void>;
}

/** Runs `node [nodeArgs] --import tsx <script> [args]` and waits for a stdout line matching `ready`. */
export async function startChild(script: string, args: string[], ready: RegExp, nodeArgs: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const match = await new Promise<RegExpExecArray>((found, fail) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = ready.exec(output);
      if (m) found(m);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => fail(new Error(`${script} exited (${code}) before it was ready:\n${output.slice(-2_000)}`)));
  });
  return {
    child,
    ready: match,
    async close() {
      child.stdin!.end();
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A database the benchmark made and drops afterwards. */
export interface BenchDatabase {
  kind: "postgresql" | "pglite";
  db: Kysely<Database>;
  /** PostgreSQL: its URL. PGlite: its directory. */
  location: string;
  drop(): Promise<void>;
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database on the server of `adminUrl`, migrated. */
export async function freshPostgres(adminUrl: string): Promise<BenchDatabase> {
  const name = `lets_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  return {
    kind: "postgresql",
    db,
    location: url.toString(),
    drop: async () => {
      await db.destroy();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/** A fresh PGlite database in a temporary directory (as `lets index` keeps it), migrated. */
export async function freshPglite(): Promise<BenchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), "lets-bench-pglite-"));
  const db = await openDatabase({ dataDir: dir });
  return {
    kind: "pglite",
    db,
    location: dir,
    drop: async () => {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
