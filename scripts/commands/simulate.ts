import { CliError, ExitCode, type Command } from "./command.ts";

/** `lets simulate`: an agent-based community trading on a chain (being built; see issue 6). */
export const simulateCommand: Command = {
  summary: "simulate a community trading through the real contracts (in progress)",
  usage: "lets simulate [--scenario village|market|stress|FILE] [--members N] [--days N] [--seed N] [--out DIR] [--node URL]",
  async run() {
    throw new CliError("lets simulate is not finished yet", ExitCode.failure);
  },
};
