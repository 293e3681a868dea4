/**
 * `npm run bench:simulate [-- --payments 5000] [-- --signers 1] [-- --devnet-thread worker|main] [-- --reference-runs 30]`
 *
 * Runs the `stress` preset (2,000 members) on a fresh in-process devnet with the in-process indexer
 * until `--payments` payments are accepted, end to end: the agent model and the builders, signing
 * (ergo-lib, in a signing thread), submission and full validation by the devnet, mining, indexing.
 * Prints JSON lines on stdout (progress on stderr):
 *
 *  - `endToEnd`: payments per second from the first payment built to the last one indexed.
 *  - `stages`: ms per payment of each stage, measured where it runs: the model and builders (main
 *    thread), signing (inside the signing thread), validation and mining (inside the devnet's
 *    thread), indexing (a second, fresh indexer syncing the same trading blocks alone). The stages
 *    overlap in time on different threads, so the slowest one bounds the rate; it is named.
 *  - `reference`: bare ergo-lib signing and `validate_tx` of one payment of the same shape on this
 *    thread, in the same run, and each stage's ratio to it.
 *  - `summary`: the goal (>= 100 payments/s end to end on 2 cores), met or not.
 */
import { availableParallelism, cpus } from "node:os";
import { parseArgs } from "node:util";
import type { DevnetThread } from "../chain/devnet-driver.ts";
import { progressOutput } from "../progress.ts";
import { simulate } from "../run.ts";
import { loadScenario } from "../scenario.ts";
import { round } from "../stats.ts";
import { indexAlone, median, referencePayment } from "./stages.ts";

const GOAL = { paymentsPerSecond: 100, cores: 2 };

function options() {
  const { values } = parseArgs({
    options: { payments: { type: "string" }, signers: { type: "string" }, "devnet-thread": { type: "string" }, "reference-runs": { type: "string" } },
    strict: true,
  });
  const int = (name: string, value: string | undefined, fallback: number, min: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${value}`);
    return n;
  };
  const thread = values["devnet-thread"] ?? "worker";
  if (thread !== "worker" && thread !== "main") throw new Error(`--devnet-thread is worker or main, got ${thread}`);
  return {
    payments: int("payments", values.payments, 5_000, 1),
    signers: int("signers", values.signers, 1, 0),
    devnetThread: thread as DevnetThread,
    referenceRuns: int("reference-runs", values["reference-runs"], 30, 1),
  };
}

const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

async function main(): Promise<void> {
  const opts = options();
  const cores = availableParallelism();
  const machine = { cores, cpu: cpus()[0]?.model ?? "unknown", node: process.version };
  const scenario = await loadScenario("stress");
  emit({ bench: "simulate", machine, scenario: scenario.name, members: scenario.members, paymentsTarget: opts.payments, signers: opts.signers, devnetThread: opts.devnetThread });
  const progress = progressOutput(scenario.blocksPerDay, { tty: false, quiet: false, intervalMs: 5_000 });
  let index: Awaited<ReturnType<typeof indexAlone>> | undefined;
  let cpuStart: NodeJS.CpuUsage | undefined;
  let cpu: NodeJS.CpuUsage | undefined;
  let reference: Awaited<ReturnType<typeof referencePayment>> | undefined;
  const result = await simulate({
    scenario,
    stopAfterPayments: opts.payments,
    signingThreads: opts.signers,
    devnetThread: opts.devnetThread,
    onProgress: (p) => {
      // CPU time of every thread of this process, from the first payment to the end of indexing.
      if (p.phase === "trading") cpuStart ??= process.cpuUsage();
      if (p.phase === "reconciling") cpu ??= process.cpuUsage(cpuStart);
      progress.update(p);
    },
    beforeClose: async (live) => {
      process.stderr.write("bench:simulate: the indexer alone over the trading blocks\n");
      index = await indexAlone(live);
      process.stderr.write("bench:simulate: the reference payment\n");
      reference = await referencePayment(live, opts.referenceRuns, scenario.txFeeNanoErg);
    },
  });
  if (!result.reconciliation.ok) throw new Error(`reconciliation failed: ${JSON.stringify(result.reconciliation.checks)}`);
  const { timings } = result;
  const payments = result.events.filter((e) => e.kind === "payment" && e.status === "accepted").length;
  const endToEndMs = timings.tradingMs + timings.indexWaitMs;
  const paymentsPerSecond = round((payments * 1000) / endToEndMs, 1);
  emit({
    endToEnd: {
      payments,
      transactions: timings.transactions,
      refusals: result.events.filter((e) => e.status === "refused" && e.block >= 0).length,
      blocks: result.chain.endHeight - result.chain.startHeight,
      seconds: round(endToEndMs / 1000, 2),
      tradingSeconds: round(timings.tradingMs / 1000, 2),
      indexCatchUpSeconds: round(timings.indexWaitMs / 1000, 2),
      setupSeconds: round(timings.setupMs / 1000, 2),
      paymentsPerSecond,
      reconciled: result.reconciliation.ok,
    },
    cpu: {
      what: "CPU time of all this process's threads from the first payment until indexed, per payment; cores / that is the rate the process could reach with the cores to itself",
      msPerPayment: round((cpu!.user + cpu!.system) / 1000 / payments, 3),
      paymentsPerSecondOnIdleCores: round((cores * 1000) / ((cpu!.user + cpu!.system) / 1000 / payments), 1),
    },
  });
  const perPayment = (ms: number) => round(ms / payments, 3);
  const node = timings.node!;
  const stages = {
    modelAndBuild: { msPerPayment: perPayment(timings.modelMs), thread: "main: agent model, builders, id prediction" },
    // With several signing threads their times add up: per payment, the stage costs the sum over the threads.
    sign: { msPerPayment: perPayment(sum(timings.pipeline.signMs) / Math.max(1, opts.signers)), medianMs: round(median(timings.pipeline.signMs), 3), thread: `${opts.signers || "main"} signing thread(s)` },
    validate: { msPerPayment: perPayment(sum(node.validateMs)), medianMs: round(median(node.validateMs), 3), thread: `devnet (${opts.devnetThread}): POST /transactions inside the chain` },
    mine: { msPerPayment: perPayment(sum(node.mineMs)), calls: node.mineMs.length, thread: `devnet (${opts.devnetThread}): mining inside the chain` },
    index: { msPerPayment: perPayment(index!.ms), blocksPerSecond: round((index!.blocks * 1000) / index!.ms, 1), thread: "a fresh indexer syncing the trading blocks alone (PGlite)" },
  };
  const slowest = Object.entries(stages).sort((a, b) => b[1].msPerPayment - a[1].msPerPayment)[0]!;
  emit({ stages, slowest: { stage: slowest[0], msPerPayment: slowest[1].msPerPayment, boundPaymentsPerSecond: round(1000 / slowest[1].msPerPayment, 1) }, clientRoundTrip: { submitMsPerPayment: perPayment(sum(timings.pipeline.submitMs)), mineMsPerPayment: perPayment(sum(timings.pipeline.mineMs)) } });
  emit({
    reference: { what: "bare ergo-lib on this thread, nothing else running: signWithSecrets, and validate_tx with the input boxes parsed beforehand, one payment of the same shape", runs: reference!.runs, signMedianMs: round(reference!.signMs, 3), validateMedianMs: round(reference!.validateMs, 3) },
    ratios: { signInPipeline: round(stages.sign.medianMs / reference!.signMs, 2), devnetValidate: round(stages.validate.medianMs / reference!.validateMs, 2) },
  });
  emit({
    summary: {
      machine,
      paymentsPerSecond,
      slowestStage: slowest[0],
      goal: { target: `>= ${GOAL.paymentsPerSecond} payments/s end to end on ${GOAL.cores} cores`, actual: paymentsPerSecond, cores, met: paymentsPerSecond >= GOAL.paymentsPerSecond && cores <= GOAL.cores },
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:simulate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
