import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockDataDir, PID_FILE } from "./dir-lock.ts";

/** A process that lives until killed, and how to end it. */
function otherProcess() {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return { pid: child.pid!, end: async () => (child.kill("SIGKILL"), await exited) };
}

describe("lockDataDir", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "lets-dir-lock-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes this process's pid and removes the file on release", async () => {
    const lock = await lockDataDir(dir);
    expect(await readFile(join(dir, PID_FILE), "utf8")).toBe(`${process.pid}\n`);
    await lock.release();
    await expect(readFile(join(dir, PID_FILE), "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("waits while a live process holds the directory, and takes it once that process is gone", async () => {
    const other = otherProcess();
    await writeFile(join(dir, PID_FILE), `${other.pid}\n`);
    let busy = 0;
    let locked = false;
    const lock = lockDataDir(dir, { pollMs: 20, onBusy: () => (busy += 1) }).then((held) => ((locked = true), held));
    await new Promise((done) => setTimeout(done, 200));
    expect(locked).toBe(false);
    expect(busy).toBeGreaterThan(1);
    await other.end();
    await (await lock).release();
    expect(locked).toBe(true);
  });

  it("takes over the file a killed process left behind", async () => {
    const other = otherProcess();
    await other.end();
    await writeFile(join(dir, PID_FILE), `${other.pid}\n`);
    const lock = await lockDataDir(dir, { onBusy: () => expect.fail("a dead holder is not busy") });
    expect(await readFile(join(dir, PID_FILE), "utf8")).toBe(`${process.pid}\n`);
    await lock.release();
  });
});
