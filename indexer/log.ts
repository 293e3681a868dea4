/**
 * A small logger for long-running indexer parts: one line per message on stderr, with the time
 * and level, so the sync loop can report without `console` (the CLI owns the terminal's stdout).
 */

export type LogLevel = "info" | "warn" | "error";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Lines like `2026-11-21T06:42:27.000Z warn  sync: node unreachable`. */
export function streamLogger(write: (line: string) => void = (line) => process.stderr.write(line), prefix = ""): Logger {
  const log = (level: LogLevel) => (message: string) => write(`${new Date().toISOString()} ${level.padEnd(5)} ${prefix}${message}\n`);
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

/** Drops everything (tests that check behaviour, not output). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
