/**
 * The base of the errors the `lets` command and the simulator throw on purpose, so they are told
 * from bugs. `CliError` is the one the command prints as one line with its exit code; the
 * simulator's own errors become a `CliError` where the command runs it (`commands/simulate.ts`),
 * and a `LedgerError` (a bug in the simulator) stays a crash with its stack.
 */
export class ScriptsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
