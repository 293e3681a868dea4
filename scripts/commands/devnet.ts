import { resolve } from "node:path";
import { devAccounts } from "../../ergo/keys.ts";
import { startDevnet } from "../../devnet/start.ts";
import { CliError, ExitCode, parseCommandArgs, untilStopped, type Command } from "./command.ts";

function integerOption(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) throw new CliError(`--${name} must be an integer from 0 to ${max}`, ExitCode.usage);
  return parsed;
}

function printAccounts(json: boolean): number {
  const accounts = devAccounts().map(({ address, mnemonic, path }) => ({ address, mnemonic, path }));
  if (json) console.log(JSON.stringify(accounts, null, 2));
  else for (const [i, a] of accounts.entries()) console.log(`${i}  ${a.address}  ${a.path}`);
  if (!json) console.log(`mnemonic: ${accounts[0]!.mnemonic}  (public: never use it for real funds)`);
  return ExitCode.ok;
}

/** `lets devnet`: a local Ergo node for development (`lets devnet accounts` lists its keys). */
export const devnetCommand: Command = {
  summary: "run a local Ergo node (devnet); 'lets devnet accounts' lists the funded dev accounts",
  usage: `lets devnet [--port 9052] [--host 127.0.0.1] [--data .lets/devnet] [--block-time 2000] [--instant] [--reset]
lets devnet accounts [--json]

  --port        port of the node REST API (default 9052)
  --host        address to bind (default 127.0.0.1)
  --data        data directory; the chain survives restarts (default .lets/devnet)
  --block-time  milliseconds between blocks, 0 to mine only on demand (default 2000)
  --instant     mine a block as soon as a transaction is accepted
  --reset       start a fresh chain in the data directory`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        data: { type: "string" },
        "block-time": { type: "string" },
        instant: { type: "boolean" },
        reset: { type: "boolean" },
        json: { type: "boolean" },
      },
    });
    if (positionals[0] === "accounts") return printAccounts(values.json ?? false);
    if (positionals.length > 0) throw new CliError(`unknown argument '${positionals[0]}'`, ExitCode.usage);
    const devnet = await startDevnet({
      port: integerOption("port", values.port, 9052, 65_535),
      host: values.host ?? "127.0.0.1",
      dataDir: resolve(values.data ?? ".lets/devnet"),
      blockTimeMs: integerOption("block-time", values["block-time"], 2_000, 3_600_000),
      instant: values.instant ?? false,
      reset: values.reset ?? false,
    });
    console.log(`devnet listening on ${devnet.url} (height ${devnet.chain.height}); Ctrl-C to stop`);
    await untilStopped();
    await devnet.close();
    return ExitCode.ok;
  },
};
