import { resolve } from "node:path";
import { devAccounts } from "../../devnet/accounts.ts";
import { startDevnet } from "../../devnet/start.ts";
import { CliError, ExitCode, parseCommandArgs, untilStopped, type Command } from "./command.ts";

/** `lets up`: starts what exists of the product on embedded defaults and says what does not yet. */
export const upCommand: Command = {
  summary: "start the local devnet with funded dev accounts (indexer and web: not built yet)",
  usage: `lets up [--port 9052] [--data .lets/devnet]

  Starts the devnet (a local Ergo node) on 127.0.0.1, mining a block every 2 s, and prints its
  URL and the funded development accounts. Ctrl-C stops it; the chain stays in --data.`,
  async run(args) {
    const { values } = parseCommandArgs(args, { options: { port: { type: "string" }, data: { type: "string" } } });
    const port = Number(values.port ?? 9052);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError("--port must be an integer from 0 to 65535", ExitCode.usage);
    const devnet = await startDevnet({ port, dataDir: resolve(values.data ?? ".lets/devnet"), blockTimeMs: 2_000 });
    console.log(`devnet   ${devnet.url}   (Ergo node REST API, height ${devnet.chain.height})`);
    console.log("indexer  not built yet");
    console.log("web      not built yet");
    console.log("\ndevelopment accounts (mnemonic: test test ... junk, EIP-3 path m/44'/429'/0'/0/i):");
    for (const [i, account] of devAccounts().entries()) console.log(`  ${i}  ${account.address}`);
    console.log("\nCtrl-C to stop.");
    await untilStopped();
    await devnet.close();
    console.log("stopped");
    return ExitCode.ok;
  },
};
