import { resolve } from "node:path";
import { progressOutput } from "../simulate/progress.ts";
import { simulate, type SimulationOptions } from "../simulate/run.ts";
import { loadScenario, PRESETS } from "../simulate/scenario.ts";
import { formatErg } from "../simulate/scenario-fields.ts";
import { REPORT_FILES, writeReport } from "../simulate/report/write.ts";
import { feeVoteLine } from "../simulate/report/fee-vote.ts";
import { CliError, ExitCode, parseCommandArgs, type Command } from "./command.ts";
import { readMnemonic, refuseMnemonicArgument } from "./keys.ts";
import { compareUsage, simulateCompare } from "./simulate-compare.ts";
import { explain, overrides, scenarioOptions, url, whole } from "./simulate-flags.ts";

const options = {
  ...scenarioOptions,
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
  --desk-share S         the committee opens an exchange desk; each day a share S of members (0.2)
                         buys units for ERG when short and sells when long (the scenario's 'desk')
  --postfactum-share S   a share S of purchases (0.2) is paid post-factum through escrows: the price
                         plus a margin committed, then released, refunded, or the minimum claimed
                         after the deadline (the scenario's 'postFactum')
  --loans N              a loan book beside the community: banks offer N ERG loans with bonds,
                         investors fund them, businesses draw and repay, some late, some default
                         and the investors claim from the bonds (the scenario's 'loans')
  --underwrite-share S   a share S of newcomers (0.5) is underwritten by a few underwriters: a raise
                         of the credit limit for a stake at the price of credit; the report says who
                         carried each default (the scenario's 'underwriting')
  --fee-vote ERG         after the trading days the members vote on the join fee ERG: the committee
                         switches to member governance, a member proposes, members vote, it is
                         tallied and executed or closed, a newcomer joins (the scenario's 'feeVote')
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
  the simulator's ledger, the chain and the indexer disagree on any balance. See docs/simulate.md.

${compareUsage}`,
  async run(args) {
    if (args[0] === "compare") return simulateCompare(args.slice(1));
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
      if (summary.desk) {
        const d = summary.desk;
        console.log(`desk: ${d.buys} buys, ${d.sells} sells; ${d.issuedUnits} units issued, ${d.boughtBackUnits} bought back, ${d.outstandingUnits} outstanding (desk balance ${d.balanceUnits}); reserve ${formatErg(BigInt(d.reserveNanoErg))} ERG, coverage ${d.coverage ?? "n/a"}`);
      }
      if (summary.postFactum) {
        const p = summary.postFactum;
        console.log(`post-factum: ${p.committed} orders committed (${p.unitsCommitted} units), ${p.released} released, ${p.refunded} refunded, ${p.claimed} claimed; ${p.unitsReleased} units released, ${p.unitsReturned} returned; ${p.openAtEnd} open at the end`);
      }
      if (summary.underwriting) {
        const u = summary.underwriting;
        const line = (g: typeof u.underwrittenMembers) => `${g.defaults} of ${g.members} defaulted, ${g.unitsWrittenOff} units written off, ${formatErg(BigInt(g.nanoErgPaidByUnderwriters))} ERG paid by underwriters`;
        console.log(`underwriting: ${u.accepted} stakes accepted (${u.raisedUnits} units raised for ${formatErg(BigInt(u.stakedNanoErg))} ERG), ${u.settled} settled; underwritten newcomers: ${line(u.underwrittenMembers)}; others: ${line(u.otherMembers)}`);
      }
      if (summary.loans) {
        const l = summary.loans;
        console.log(`loans: ${l.funded} of ${l.offered} offered funded (${formatErg(BigInt(l.lentNanoErg))} ERG lent); ${l.repaidOnTime} repaid on time, ${l.late} late, ${l.defaulted} defaulted; bonds paid out ${formatErg(BigInt(l.bondPaidOutNanoErg))} ERG; investor return ${l.investorReturn ?? "n/a"}; ${l.owingAtEnd} owing at the end`);
      }
      if (summary.feeVote) console.log(feeVoteLine(summary.feeVote));
      console.log(`report: ${REPORT_FILES.map((f) => `${out}/${f}`).join("  ")}`);
    }
    if (!result.reconciliation.ok) {
      console.error("lets simulate: RECONCILIATION FAILED: the simulator's ledger, the chain and the indexer disagree:");
      for (const check of result.reconciliation.checks.filter((c) => !c.ok)) for (const d of check.differences) console.error(`  ${check.name}: ${d}`);
      return ExitCode.failure;
    }
    const books = scenario.policy.economics ? "every balance and account state equal, balances + accrued + allowances + communityBalance = 0" : "every balance equal, sum + communityBalance = 0";
    if (!v.json) console.log("reconciled: ledger = chain" + (result.chain.indexerUrl ? " = indexer" : "") + `, ${books}`);
    return ExitCode.ok;
  },
};
