import { CliError, ExitCode, parseCommandArgs, type Command } from "./command.ts";

/** The text of `lets help`: every command with its summary. */
export function formatCommandList(commands: ReadonlyMap<string, Command>): string {
  const width = Math.max(...[...commands.keys()].map((name) => name.length));
  const lines = [...commands].map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return [
    "lets: a trustless LETS (mutual-credit community currency) on Ergo",
    "",
    "Usage: lets <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run 'lets help <command>' for a command's options.",
  ].join("\n");
}

/** The text of `lets help <command>`. */
export function formatCommandHelp(command: Command): string {
  return `${command.summary}\n\nUsage: ${command.usage}`;
}

/** `lets help [command]`; takes the table lazily because the table contains this command too. */
export function createHelpCommand(getCommands: () => ReadonlyMap<string, Command>): Command {
  return {
    summary: "list the commands, or show one command's options",
    usage: "lets help [<command>]",
    async run(args) {
      const { positionals } = parseCommandArgs(args, { allowPositionals: true });
      const [name, ...extra] = positionals;
      if (extra.length > 0) {
        const message = `expected at most one command name, got ${positionals.length}`;
        throw new CliError(message, ExitCode.usage);
      }
      const commands = getCommands();
      if (name === undefined) {
        console.log(formatCommandList(commands));
        return ExitCode.ok;
      }
      const command = commands.get(name);
      if (command === undefined) {
        throw new CliError(`unknown command '${name}'`, ExitCode.usage);
      }
      console.log(formatCommandHelp(command));
      return ExitCode.ok;
    },
  };
}
