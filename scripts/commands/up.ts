import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { devAccounts } from "../../ergo/keys.ts";
import { CliError, ExitCode, parseCommandArgs, untilStopped, type Command } from "./command.ts";
import { startStack, type Stack } from "../up/stack.ts";

function portOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new CliError(`--${name} must be an integer from 0 to 65535`, ExitCode.usage);
  return port;
}

function printStack(stack: Stack): void {
  console.log(`web      ${stack.web.url}   (wallet, create a LETS, explorer)`);
  if (stack.demo) console.log(`demo     ${stack.web.url}/lets/${stack.demo.communityId}   (${stack.demo.seeded ? "seeded just now" : "seeded earlier"})`);
  if (stack.demo?.partner) console.log(`partner  ${stack.web.url}/lets/${stack.demo.partner.communityId}   (trade line ${stack.demo.partner.lineId.slice(0, 12)}…)`);
  if (stack.demo?.economics) console.log(`levers   ${stack.web.url}/lets/${stack.demo.economics.communityId}   (demurrage, usage fee, earned limit, allowance)`);
  console.log(`indexer  ${stack.indexer.url}   (REST API; /status, /docs)`);
  console.log(`devnet   ${stack.devnet.url}   (Ergo node REST API, height ${stack.devnet.chain.height}, a block every 2 s)`);
  console.log(`database ${stack.database}`);
  console.log("\ndevelopment accounts (mnemonic: test test ... junk, EIP-3 path m/44'/429'/0'/0/i):");
  for (const [i, account] of devAccounts().entries()) console.log(`  ${i}  ${account.address}`);
  console.log("\nCtrl-C to stop.");
}

/** `lets up`: devnet, indexer and web on embedded defaults, with a demo community. */
export const upCommand: Command = {
  summary: "start devnet, indexer and web app with a demo community (what npm start runs)",
  usage: `lets up [--node-port 9052] [--indexer-port 8080] [--web-port 5173] [--data .lets] [--no-seed]

  Starts on 127.0.0.1: the devnet (a local Ergo node mining a block every 2 s), the indexer
  (PostgreSQL at $DATABASE_URL, else embedded PGlite in --data) and the web app, which is built
  first when build/ is missing or stale. Seeds the demo community "Riverside LETS", its partner "Harbour LETS" (joined by a trade line)
  and "Meadow LETS" (economics levers: docs/economics.md) once: a second
  start finds it and leaves it alone. Prints the URLs and the funded development accounts.
  Ctrl-C stops everything; the chain and the index stay in --data.

  --node-port, --indexer-port, --web-port   0 picks a free port
  --no-seed                                 do not create the demo communities`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      allowPositionals: true,
      options: {
        "node-port": { type: "string" },
        "indexer-port": { type: "string" },
        "web-port": { type: "string" },
        data: { type: "string" },
        "no-seed": { type: "boolean" },
      },
    });
    if (positionals.length > 0) throw new CliError(`unknown argument '${positionals[0]}'`, ExitCode.usage);
    const ports = {
      node: portOption("node-port", values["node-port"], 9052),
      indexer: portOption("indexer-port", values["indexer-port"], 8080),
      web: portOption("web-port", values["web-port"], 5173),
    };
    const dataDir = resolve(values.data ?? ".lets");
    await mkdir(dataDir, { recursive: true });
    console.log("starting devnet, indexer and web (the first start builds the web app; that takes a minute)");
    const stack = await startStack({
      ports,
      devnetDir: join(dataDir, "devnet"),
      indexerDir: join(dataDir, "indexer"),
      demoMarker: values["no-seed"] ? undefined : join(dataDir, "demo.json"),
      databaseUrl: process.env.DATABASE_URL || undefined,
    });
    printStack(stack);
    await untilStopped();
    console.log("stopping");
    await stack.close();
    console.log("stopped");
    return ExitCode.ok;
  },
};
