import { resolve } from "node:path";
import { NodeRequestError } from "../../ergo/node-client.ts";
import { ChainDirectoryNotEmpty } from "../simulate/chain/devnet-driver.ts";
import { InvalidMnemonic } from "../../ergo/keys.ts";
import { FunderShortOfErg } from "../simulate/chain/setup.ts";
import { UnsupportedNode } from "../simulate/chain/node-driver.ts";
import { progressOutput } from "../simulate/progress.ts";
import { simulate, type SimulationOptions } from "../simulate/run.ts";
import { loadScenario, PRESETS, ScenarioError, type ScenarioOverrides } from "../simulate/scenario.ts";
import { REPORT_FILES, writeReport } from "../simulate/report/write.ts";
import { CliError, ExitCode, parseCommandArgs, type Command } from "./command.ts";
import { readMnemonic, refuseMnemonicArgument } from "./keys.ts";

const options = {
  scenario: { type: "string" },
  members: { type: "string" },
  days: { type: "string" },
  seed: { type: "string" },
  "blocks-per-day": { type: "string" },
  "credit-limit": { type: "string" },
  "positive-cap": { type: "string" },
  "join-fee": { type: "string" },
  collateral: { type: "string" },
  "inactivity-blocks": { type: "string" },
  "max-members": { type: "string" },
  out: { type: "string" },
  node: { type: "string" },
  mnemonic: { type: "boolean" },
  indexer: { type: "string" },
  "no-indexer": { type: "boolean" },
  "keep-chain": { type: "string" },
  signers: { type: "string" },
  quiet: { type: "boolean" },
  json: { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseCommandArgs<{ options: typeof options }>>["values"];

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new CliError(`--${name} must be a whole number, got '${value}'`, ExitCode.usage);
  return Number(value);
}

function units(name: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,19}$/.test(value)) throw new CliError(`--${name} must be a whole number, got '${value}'`, ExitCode.usage);
  return BigInt(value);
}

function url(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return value;
  } catch {
    // reported below
  }
  throw new CliError(`--${name} must be an http(s) URL, got '${value}'`, ExitCode.usage);
}

/** The flags that override the scenario file. */
function overrides(v: Values): ScenarioOverrides {
  return {
    members: whole("members", v.members),
    days: whole("days", v.days),
    seed: whole("seed", v.seed),
    blocksPerDay: whole("blocks-per-day", v["blocks-per-day"]),
    creditLimit: units("credit-limit", v["credit-limit"]),
    positiveCap: units("positive-cap", v["positive-cap"]),
    joinFeeErg: v["join-fee"],
    collateralErg: v.collateral,
    inactivityBlocks: units("inactivity-blocks", v["inactivity-blocks"]),
    maxMembers: units("max-members", v["max-members"]),
  };
}

/** Errors a user can act on become one line; anything else is a crash with its stack. */
function explain(error: unknown): never {
  if (error instanceof ScenarioError) throw new CliError(error.message, ExitCode.usage, { cause: error });
  if (error instanceof InvalidMnemonic) throw new CliError(error.message, ExitCode.usage, { cause: error });
  if (error instanceof NodeRequestError) throw new CliError(`the node failed: ${error.message}`, ExitCode.failure, { cause: error });
  if (error instanceof FunderShortOfErg || error instanceof UnsupportedNode || error instanceof ChainDirectoryNotEmpty) throw new CliError(error.message, ExitCode.failure, { cause: error });
  throw error;
}

/** `lets simulate`: a scripted community trading through the real contracts, reconciled and reported. */
export const simulateCommand: Command = {
  summary: "simulate a community trading through the real contracts; reconciled report in --out",
  usage: `lets simulate [--scenario ${PRESETS.join("|")}|FILE] [--members N] [--days N] [--seed N] [--out DIR] [--node URL [--mnemonic]]

  --scenario NAME|FILE   a preset (${PRESETS.join(", ")}; default village) or a .json/.yaml scenario file
  --members N            starting members           --days N            simulated days
  --seed N               random seed (same seed, same economy)
  --blocks-per-day N     blocks per simulated day (default 24: one an hour)
  --credit-limit N       units a member may go below 0      --positive-cap N   0: no cap
  --join-fee ERG         joining fee, e.g. 0.01             --collateral ERG   collateral, e.g. 0.1
  --inactivity-blocks N  blocks a negative account must stay inactive before anyone can close it (0: never)
  --max-members N        membership tokens minted
  --out DIR              report directory (default .lets/simulations/<scenario>-seed-<seed>)
  --node URL             a testnet node instead of a fresh in-process devnet; needs a funded mnemonic:
  --mnemonic             read it from LETS_MNEMONIC, a hidden prompt or stdin (never the command line);
                         its address m/44'/429'/0'/0/0 funds the run, members use /1, /2, ...
  --indexer URL          reconcile with this indexer (default: one started here on the devnet, none on --node)
  --no-indexer           do not start or read an indexer
  --keep-chain DIR       keep the devnet's chain in DIR (new or empty) for 'lets devnet --data DIR' afterwards
  --signers N            signing threads (default 1; 0 signs on the main thread)
  --quiet                no progress output          --json   print summary.json on stdout

  Writes summary.json, transactions.csv (Sarafu columns), accounts.csv and report.html. Exits 1 if
  the simulator's ledger, the chain and the indexer disagree on any balance. See docs/simulate.md.`,
  async run(args) {
    refuseMnemonicArgument(args);
    const { values: v, positionals } = parseCommandArgs(args, { options, allowPositionals: true });
    if (positionals.length > 0) throw new CliError(`unknown argument '${positionals[0]}'`, ExitCode.usage);
    if (v.indexer !== undefined && v["no-indexer"]) throw new CliError("use --indexer URL or --no-indexer, not both", ExitCode.usage);
    const nodeUrl = url("node", v.node);
    const indexerUrl = url("indexer", v.indexer);
    const signers = whole("signers", v.signers);
    if (signers !== undefined && signers > 8) throw new CliError("--signers must be from 0 to 8", ExitCode.usage);
    if (v["keep-chain"] !== undefined && nodeUrl !== undefined) throw new CliError("--keep-chain is for the devnet; a --node keeps its own chain", ExitCode.usage);
    if (v.mnemonic && nodeUrl === undefined) throw new CliError("--mnemonic goes with --node (the devnet uses its development keys)", ExitCode.usage);
    const scenario = await loadScenario(v.scenario ?? "village", overrides(v)).catch(explain);
    const needMnemonic = nodeUrl !== undefined;
    const mnemonic = needMnemonic ? await readMnemonic({ env: process.env, stdin: process.stdin, prompt: process.stderr }) : undefined;
    const out = resolve(v.out ?? `.lets/simulations/${scenario.name}-seed-${scenario.seed}`);
    const progress = progressOutput(scenario.blocksPerDay, { tty: process.stderr.isTTY === true, quiet: v.quiet === true });
    const run: SimulationOptions = {
      scenario,
      node: nodeUrl && mnemonic ? { url: nodeUrl, mnemonic } : undefined,
      indexer: v["no-indexer"] ? "none" : indexerUrl ? { url: indexerUrl } : undefined,
      signingThreads: signers,
      keepChainIn: v["keep-chain"] === undefined ? undefined : resolve(v["keep-chain"]),
      onProgress: (p) => progress.update(p),
    };
    // The first Ctrl-C ends the run after the current block and still reconciles and reports it; a second one quits at once.
    const interrupt = new AbortController();
    const onInterrupt = () => {
      process.stderr.write("\nlets simulate: stopping after the current block (Ctrl-C again to quit now)\n");
      interrupt.abort();
      process.removeListener("SIGINT", onInterrupt);
    };
    process.on("SIGINT", onInterrupt);
    run.signal = interrupt.signal;
    const result = await simulate(run)
      .catch(explain)
      .finally(() => {
        process.removeListener("SIGINT", onInterrupt);
        progress.stop();
      });
    const summary = await writeReport(result, out);
    if (v.json) console.log(JSON.stringify(summary, null, 2));
    else {
      const refusals = `${summary.refusals.total} ${summary.refusals.total === 1 ? "refusal" : "refusals"}`;
      console.log(`${summary.payments.accepted} payments (${summary.payments.volumeUnits} ${scenario.community.symbol}), ${refusals}, ${summary.members.open} open accounts; ${summary.run.transactionsPerSecond} transactions/s`);
      console.log(`report: ${REPORT_FILES.map((f) => `${out}/${f}`).join("  ")}`);
    }
    if (!result.reconciliation.ok) {
      console.error("lets simulate: RECONCILIATION FAILED: the simulator's ledger, the chain and the indexer disagree:");
      for (const check of result.reconciliation.checks.filter((c) => !c.ok)) for (const d of check.differences) console.error(`  ${check.name}: ${d}`);
      return ExitCode.failure;
    }
    if (!v.json) console.log("reconciled: ledger = chain" + (result.chain.indexerUrl ? " = indexer" : "") + ", every balance equal, sum + communityBalance = 0");
    return ExitCode.ok;
  },
};
