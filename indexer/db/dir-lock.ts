/**
 * One process at a time in a PGlite data directory. PGlite is PostgreSQL without the postmaster
 * that would refuse a second server: two processes opening the same directory would both run
 * recovery and write the same files. So an indexer first creates `lets-index.pid` in it (exclusive
 * create), waits while a live process holds it, and takes over the file of a process that died
 * (SIGKILL leaves it behind).
 */
import { open, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";

export const PID_FILE = "lets-index.pid";

export interface DirLock {
  release(): Promise<void>;
}

/** Whether a process with this id runs (EPERM: it does, but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const holderOf = async (file: string) => Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);

/** Creates the pid file exclusively; false if it exists. */
async function create(file: string): Promise<boolean> {
  try {
    const handle = await open(file, "wx");
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Takes the pid file; false while a live process other than this one holds it. */
async function tryLock(file: string): Promise<boolean> {
  if (await create(file)) return true;
  const holder = await holderOf(file);
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) return false;
  // A dead holder's file. Two processes taking it over at once could each delete the other's new
  // file: after a moment, only the one whose pid the file names holds the lock.
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  if (!(await create(file))) return false;
  await new Promise((done) => setTimeout(done, 100));
  return (await holderOf(file)) === process.pid;
}

/**
 * Locks `dir` for this process, polling every `pollMs` while another live process holds it
 * (`onBusy` is told each time, with the holder's pid file).
 */
export async function lockDataDir(dir: string, options: { pollMs?: number; onBusy?: (pidFile: string) => void } = {}): Promise<DirLock> {
  const file = join(dir, PID_FILE);
  while (!(await tryLock(file))) {
    options.onBusy?.(file);
    await new Promise((done) => setTimeout(done, options.pollMs ?? 500));
  }
  return {
    release: async () => {
      if ((await holderOf(file)) === process.pid) await unlink(file).catch(() => undefined);
    },
  };
}
