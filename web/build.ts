/**
 * Builds the web app (`vite build` into build/, adapter-node) when the build is missing or older
 * than its sources. Several processes may ask at once (parallel test files), so one builds under a
 * lock and the others wait for it and then find the build fresh.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { WebError } from "./lib/errors.ts";

export const REPO_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const BUILD_DIR = join(REPO_ROOT, "build");
/** adapter-node's request handler; written last by the build, so its time is the build's. */
export const HANDLER_FILE = join(BUILD_DIR, "handler.js");

/** Sources the build depends on: the app, the contracts and the Ergo plumbing its pages import, and the configs. */
const SOURCE_DIRS = ["web", "contracts", "ergo"];
const SOURCE_FILES = ["svelte.config.js", "vite.config.ts", "package-lock.json"];
const SKIPPED = /(\.spec\.ts$|^bench$|^node_modules$|^\.)/;
const LOCK_DIR = join(REPO_ROOT, "node_modules", ".cache", "lets-web-build.lock");
/** A lock without a pid this old was left by a process killed while taking it. */
const STALE_LOCK_MS = 60_000;

/** The build failed; `output` is the end of vite's output. */
export class WebBuildError extends WebError {
  constructor(readonly output: string) {
    super(`vite build failed:\n${output}`);
  }
}

async function newestIn(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (SKIPPED.test(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestIn(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

/** The newest modification time among the build's sources (ms). */
export async function newestSource(root = REPO_ROOT): Promise<number> {
  const dirs = await Promise.all(SOURCE_DIRS.map((dir) => newestIn(join(root, dir))));
  const files = await Promise.all(SOURCE_FILES.map((file) => stat(join(root, file)).then((s) => s.mtimeMs, () => 0)));
  return Math.max(...dirs, ...files);
}

/** True when build/ is missing or older than a source. */
export async function buildIsStale(): Promise<boolean> {
  const built = await stat(HANDLER_FILE).then((s) => s.mtimeMs, () => 0);
  return built === 0 || built < (await newestSource());
}

function runViteBuild(): Promise<void> {
  const vite = join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js");
  // A build started from a test run must still be a production build.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? done() : fail(new WebBuildError(output))));
  });
}

/** True unless the process `pid` is known to be gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** The lock is a directory (created atomically) holding the owner's pid; a dead owner's lock is taken over. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(join(LOCK_DIR, ".."), { recursive: true });
  const pidFile = join(LOCK_DIR, "pid");
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      await writeFile(pidFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(await readFile(pidFile, "utf8").catch(() => "0"));
      const age = Date.now() - (await stat(LOCK_DIR).then((s) => s.mtimeMs, () => Date.now()));
      // No pid yet: the owner is between mkdir and writeFile, unless that was long ago.
      if ((owner > 0 && !alive(owner)) || (owner === 0 && age > STALE_LOCK_MS)) await rm(LOCK_DIR, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

let building: Promise<void> | undefined;

/** Builds the app unless build/ is fresh (or `force`). Safe to call from parallel processes. */
export function ensureWebBuild(force = false): Promise<void> {
  building ??= withBuildLock(async () => {
    if (force || (await buildIsStale())) await runViteBuild();
  }).finally(() => (building = undefined));
  return building;
}
