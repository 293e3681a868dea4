import { parseArgs } from "node:util";
import { CliError, ExitCode } from "./commands/command.ts";
import { formatCommandHelp } from "./commands/help.ts";
import { commands } from "./commands/registry.ts";

interface Invocation {
  name: string;
  args: string[];
  help: boolean;
}

/** Splits `lets [--help] <command> [args...]` into the command and the arguments it parses itself. */
function splitInvocation(argv: readonly string[]): Invocation {
  const { tokens } = parseArgs({
    args: [...argv],
    options: { help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const commandToken = tokens.find((token) => token.kind === "positional");
  const end = commandToken?.index ?? argv.length;
  for (const token of tokens) {
    if (token.kind === "option" && token.index < end && token.name !== "help") {
      throw new CliError(`unknown option '${token.rawName}'`, ExitCode.usage);
    }
  }
  const args = argv.slice(end + 1);
  if (commandToken === undefined) {
    return { name: "help", args: [], help: false };
  }
  const help = tokens.some((token) => token.kind === "option" && token.index < end) || wantsHelp(args);
  return { name: commandToken.value, args, help };
}

function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

async function run({ name, args, help }: Invocation): Promise<number> {
  const command = commands.get(name);
  if (command === undefined) {
    const message = `unknown command '${name}'. Run 'lets help' for the list of commands.`;
    throw new CliError(message, ExitCode.usage);
  }
  if (help) {
    console.log(formatCommandHelp(command));
    return ExitCode.ok;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof CliError) {
      throw new CliError(`${name}: ${error.message}`, error.exitCode, { cause: error });
    }
    throw error;
  }
}

/** Runs the CLI; a CliError becomes one line on stderr and its exit code, anything else a crash. */
async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(splitInvocation(argv));
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`lets: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
