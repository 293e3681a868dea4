import { parseArgs, type ParseArgsConfig } from "node:util";
import { ScriptsError } from "../errors.ts";

/** Exit codes of the `lets` command, so scripts calling it can tell a failure from a misuse. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** A `lets` subcommand: how `lets help` shows it, and the handler that returns the exit code. */
export interface Command {
  /** One line for the command list. */
  summary: string;
  /** Synopsis and options, shown by `lets help <command>` and `lets <command> --help`. */
  usage: string;
  run(args: readonly string[]): Promise<number>;
}

/** A failure the CLI reports as one line on stderr with its exit code, without a stack trace. */
export class CliError extends ScriptsError {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = ExitCode.failure, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** `util.parseArgs` in strict mode, with its argument errors turned into a usage error (exit 2). */
export function parseCommandArgs<T extends Omit<ParseArgsConfig, "args" | "strict">>(
  args: readonly string[],
  config: T,
) {
  try {
    return parseArgs({ ...config, args: [...args], strict: true });
  } catch (error) {
    if (isParseArgsError(error)) {
      throw new CliError(error.message, ExitCode.usage, { cause: error });
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    "code" in error &&
    typeof error.code === "string" &&
    error.code.startsWith("ERR_PARSE_ARGS_")
  );
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM), for long-running commands. */
export function untilStopped(): Promise<void> {
  return new Promise((done) => {
    process.once("SIGINT", () => done());
    process.once("SIGTERM", () => done());
  });
}
