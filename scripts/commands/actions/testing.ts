/** Test support: run a command in this process and capture what it prints and how it exits. */
import { vi } from "vitest";
import { CliError, type Command } from "../command.ts";

/** What a command printed and its exit code (a `CliError` counts as its exit code and message). */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command.run(args)` with console.log/error captured. */
export async function runCommand(command: Command, args: string[]): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
  try {
    const code = await command.run(args);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } catch (thrown) {
    if (!(thrown instanceof CliError)) throw thrown;
    err.push(thrown.message);
    return { code: thrown.exitCode, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
