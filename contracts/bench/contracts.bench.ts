/**
 * Contract benchmark: `npm run bench:contracts [-- --runs N] [-- --out FILE] [-- --only governance]`.
 *
 * Prints one JSON line per transaction shape (create, join, pay, pay-1-to-3, leave, default, govern,
 * close-dormant, refresh, the lines', economics', desk, escrow, underwriting, loan and governance shapes, and the plain P2PK reference
 * transfer measured in the same run), then summary lines: payments per block under the block size and block cost
 * limits and the issue's goal, and the comparisons of each version's issue (underwriting: what a backed payer's payment
 * pays more than an unbacked one's, and the payment against version 7's).
 * `--only governance` builds and prints only the governance rows, the reference and the governance summary (a
 * 1,000-member vote tallied in the World). Progress goes to stderr; stdout holds only the JSON lines. See docs/benchmarks.md.
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { MAINNET_PARAMETERS } from "../testing/ergo-lib.ts";
import { round, staticFigures, summarise, timeShapes, type StaticFigures, type TimingSummary } from "./measure.ts";
import { buildShapes, REFERENCE_SHAPE, type Shape } from "./shapes.ts";
import { ECONOMICS_SHAPES, PLAIN_STORY } from "./economics-shapes.ts";
import { batchRows, batchSummary } from "./batch-bench.ts";
import { DESK_SHAPES } from "./desk-shapes.ts";
import { ESCROW_SHAPES } from "./escrow-shapes.ts";
import { BACKED_PAYS, UNBACKED_PAY, UNDERWRITING_SHAPES } from "./underwriting-shapes.ts";
import { LOAN_SHAPES } from "./loan-shapes.ts";
import { buildGovernanceShapes, GOVERNANCE_SHAPES } from "./governance-shapes.ts";
import { governanceSummary, largestTally, measureThousandTally } from "./governance-bench.ts";
import { buildReferenceTransfer } from "../testing/reference-transfer.ts";

/** Order of the output lines. */
const ORDER = [
  "create", "join", "pay", "pay-mixed", "pay-1-to-3", "leave", "default", "govern", "close-dormant", "refresh",
  "line-propose", "line-accept", "cross-pay", "cross-pay-2-hops", ...ECONOMICS_SHAPES, ...DESK_SHAPES, ...ESCROW_SHAPES, ...UNDERWRITING_SHAPES, ...LOAN_SHAPES, ...GOVERNANCE_SHAPES, REFERENCE_SHAPE,
];

/** Issue 14's goal: no economics lever adds more than 15% to a payment's cost; levers off add nothing. */
const LEVER_COST_GOAL = 1.15;

/** Issue 13's goal: a cross payment costs at most twice a local payment, in bytes and in cost. */
const CROSS_PAY_GOAL = 2;
const WARMUPS = 3;
const DEFAULT_RUNS = 30;

/** The goal: at least 1,000 two-party payments per block by both limits. */
const GOAL = {
  statement:
    "at least 1,000 two-party payments per block by both limits: payment under ~1,270 bytes and ~8,000 cost units",
  paymentsPerBlock: 1_000,
  bytes: 1_270,
  cost: 8_000,
};

/**
 * Issue 10's goal for contract version 2: a payment costs no more than version 1's (17,260, a
 * deterministic figure: docs/benchmarks.md, 2026-11-21).
 */
const VERSION_1_PAY_COST = 17_260;

interface Row extends StaticFigures {
  shape: string;
  signValidateMs: TimingSummary;
}

function progress(message: string): void {
  process.stderr.write(`bench:contracts: ${message}\n`);
}

/** Timed runs of each batch shape: a batch of 100 takes seconds to sign and validate. */
const DEFAULT_BATCH_RUNS = 3;

function options(): { runs: number; batchRuns: number; out: string | undefined; only: "governance" | undefined } {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, "batch-runs": { type: "string" }, out: { type: "string" }, only: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  const count = (flag: string, value: string | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer, got ${value}`);
    return n;
  };
  if (values.only !== undefined && values.only !== "governance") throw new Error(`--only takes "governance", got ${values.only}`);
  return {
    runs: count("runs", values.runs, DEFAULT_RUNS), batchRuns: count("batch-runs", values["batch-runs"], DEFAULT_BATCH_RUNS), out: values.out,
    only: values.only === "governance" ? "governance" : undefined,
  };
}

function ratio(shape: number, reference: number): number {
  return round(shape / reference, 2);
}

function line(row: Row, reference: Row): Record<string, unknown> {
  return {
    shape: row.shape,
    bytes: row.bytes,
    cost: row.cost,
    signValidateMs: row.signValidateMs,
    inputs: row.inputs,
    outputs: row.outputs,
    ratioToReference: {
      bytes: ratio(row.bytes, reference.bytes),
      cost: ratio(row.cost.total, reference.cost.total),
      signValidateMs: ratio(row.signValidateMs.median, reference.signValidateMs.median),
    },
  };
}

function summary(payment: Row, reference: Row): Record<string, unknown> {
  const { maxBlockSize, maxBlockCost, inputCost, outputCost } = MAINNET_PARAMETERS;
  const bySize = Math.floor(maxBlockSize / payment.bytes);
  const byCost = Math.floor(maxBlockCost / payment.cost.total);
  const binding = bySize === byCost ? "both" : bySize < byCost ? "size" : "cost";
  const sizeMet = bySize >= GOAL.paymentsPerBlock;
  const costMet = byCost >= GOAL.paymentsPerBlock;
  return {
    summary: {
      limits: { maxBlockSize, maxBlockCost },
      pay: { bytes: payment.bytes, cost: payment.cost.total, inputs: payment.inputs, outputs: payment.outputs },
      paymentsPerBlock: { bySize, byCost, binding, perBlock: Math.min(bySize, byCost) },
      goal: {
        statement: GOAL.statement,
        size: { target: `<= ~${GOAL.bytes} bytes`, actual: payment.bytes, paymentsPerBlock: bySize, met: sizeMet },
        cost: { target: `<= ~${GOAL.cost} cost units`, actual: payment.cost.total, paymentsPerBlock: byCost, met: costMet },
        met: sizeMet && costMet,
      },
      versionGoal: {
        statement: "contract version 2: a payment costs no more than version 1's",
        target: `<= ${VERSION_1_PAY_COST} cost units`,
        actual: payment.cost.total,
        met: payment.cost.total <= VERSION_1_PAY_COST,
      },
      costFloor: {
        note: "the node's base cost alone (10000 + 2407/input + 197/output) exceeds 8,000 for any transaction",
        payBase: payment.cost.base,
        oneInputOneOutputBase: 10_000 + inputCost + outputCost,
        twoInputsThreeOutputsBase: 10_000 + 2 * inputCost + 3 * outputCost,
        referenceCost: reference.cost.total,
        referencePaymentsPerBlockByCost: Math.floor(maxBlockCost / reference.cost.total),
      },
    },
  };
}

/** Economics payments against the same story's plain payment (issue 14's goal). */
function economicsSummary(rows: Row[]): Record<string, unknown> {
  const plain = rows.find((r) => r.shape === PLAIN_STORY) as Row;
  const levers = rows
    .filter((r) => r.shape.startsWith("pay-econ-"))
    .map((r) => {
      const cost = ratio(r.cost.total, plain.cost.total);
      return { shape: r.shape, bytes: r.bytes, cost: r.cost.total, ratioToPlain: { bytes: ratio(r.bytes, plain.bytes), cost }, met: cost <= LEVER_COST_GOAL };
    });
  return {
    economics: {
      statement: `a payment with any lever on costs at most ${LEVER_COST_GOAL}x the same payment in a plain community; a community with no lever uses the plain trees (version 3's, byte for byte) and pays nothing extra`,
      plain: { shape: plain.shape, bytes: plain.bytes, cost: plain.cost.total },
      levers,
      met: levers.every((l) => l.met),
    },
  };
}

/** Cross payments against a local two-party payment (issue 13's goal). */
function lineSummary(pay: Row, cross: Row, twoHops: Row): Record<string, unknown> {
  const against = (r: Row) => ({ bytes: ratio(r.bytes, pay.bytes), cost: ratio(r.cost.total, pay.cost.total) });
  const [one, two] = [against(cross), against(twoHops)];
  const { maxBlockSize, maxBlockCost } = MAINNET_PARAMETERS;
  return {
    lines: {
      statement: `a cross payment costs at most ${CROSS_PAY_GOAL}x a local payment in bytes and cost`,
      crossPay: { bytes: cross.bytes, cost: cross.cost.total, ratioToPay: one, met: one.bytes <= CROSS_PAY_GOAL && one.cost <= CROSS_PAY_GOAL },
      twoHops: { bytes: twoHops.bytes, cost: twoHops.cost.total, ratioToPay: two },
      crossPaymentsPerBlock: Math.min(Math.floor(maxBlockSize / cross.bytes), Math.floor(maxBlockCost / cross.cost.total)),
    },
  };
}

/** A mixed payment (units and 1.5 ERG to the payee's owner, from the payer's wallet) against the plain two-party payment. */
function mixedSummary(pay: Row, mixed: Row): Record<string, unknown> {
  return {
    mixedPayment: {
      statement: "a payment that also carries ERG to the payee: one more output and the payer's wallet inputs and change; the contracts run as for the plain payment",
      bytes: mixed.bytes, cost: mixed.cost.total,
      ratioToPay: { bytes: ratio(mixed.bytes, pay.bytes), cost: ratio(mixed.cost.total, pay.cost.total) },
    },
  };
}

/** Version 7's two-party payment (docs/benchmarks.md): the account tree was 582 bytes then, 717 since version 8. */
const VERSION_7_PAY = { bytes: 1_634, cost: 17_086 };

/** What being underwritten costs a member's payment (version 8's goal: nothing), and the payment against version 7's. */
function underwritingSummary(pay: Row, rows: Row[]): Record<string, unknown> {
  const unbacked = rows.find((r) => r.shape === UNBACKED_PAY) as Row;
  const backed = BACKED_PAYS.map((name) => {
    const r = rows.find((x) => x.shape === name) as Row;
    return {
      shape: r.shape, bytes: r.bytes, cost: r.cost.total,
      overUnbacked: { bytes: r.bytes - unbacked.bytes, cost: r.cost.total - unbacked.cost.total },
      ratioToUnbacked: { bytes: ratio(r.bytes, unbacked.bytes), cost: ratio(r.cost.total, unbacked.cost.total) },
    };
  });
  return {
    underwriting: {
      statement: "the cost a member's payment pays for being underwritten (goal: none): the same payment from a payer backed by 1 and by 4 stakes against an unbacked one",
      unbacked: { shape: unbacked.shape, bytes: unbacked.bytes, cost: unbacked.cost.total },
      backed,
      costMet: backed.every((b) => b.overUnbacked.cost === 0),
      payAgainstVersion7: {
        version7: VERSION_7_PAY,
        now: { bytes: pay.bytes, cost: pay.cost.total },
        change: { bytes: pay.bytes - VERSION_7_PAY.bytes, cost: pay.cost.total - VERSION_7_PAY.cost },
      },
    },
  };
}

function byName(shapes: Shape[], name: string): Shape {
  const shape = shapes.find((s) => s.name === name);
  if (!shape) throw new Error(`no shape named ${name}`);
  return shape;
}

/** The governance rows and the reference transfer alone (`--only governance`). */
function governanceOnly(): Shape[] {
  const shapes = buildGovernanceShapes(progress);
  const height = Math.max(...shapes.map((s) => s.height));
  const reference = buildReferenceTransfer(height - 1);
  return [...shapes, { name: REFERENCE_SHAPE, tx: reference.tx, secrets: reference.secrets, height }];
}

/** The governance summary line: the largest tally from the rows, then a 1,000-member vote tallied in steps of it. */
function governanceLine(row: (name: string) => Row): Record<string, unknown> {
  const [at10, at100] = [row("gov-tally-10"), row("gov-tally-100")];
  const largest = largestTally(at10, at100);
  progress(`governance: the largest tally per transaction is ${largest.votes} votes; measuring a 1,000-member vote`);
  return governanceSummary(at10, at100, measureThousandTally(largest.votes, progress));
}

async function main(): Promise<void> {
  const { runs, batchRuns, out, only } = options();
  progress(only ? "building the governance shapes and the reference transfer" : "building the community story and the reference transfer");
  const built = only ? governanceOnly() : buildShapes();
  const shapes = (only ? [...GOVERNANCE_SHAPES, REFERENCE_SHAPE] : ORDER).map((name) => byName(built, name));
  const figures = new Map<string, StaticFigures>();
  for (const shape of shapes) {
    figures.set(shape.name, staticFigures(shape));
    progress(`${shape.name}: accepted at HEIGHT ${shape.height}`);
  }
  progress(`timing signAndValidate: ${WARMUPS} warm-ups + ${runs} runs per shape, shapes taking turns`);
  const samples = await timeShapes(shapes, runs, WARMUPS);
  const rows: Row[] = shapes.map((shape) => ({
    shape: shape.name,
    ...(figures.get(shape.name) as StaticFigures),
    signValidateMs: summarise(samples.get(shape.name) ?? []),
  }));
  const row = (name: string): Row => rows.find((r) => r.shape === name) as Row;
  const reference = row(REFERENCE_SHAPE);
  if (only) {
    // the rows first: the 1,000-member tally behind the summary takes minutes
    emit(rows.map((r) => line(r, reference)), out);
    return emit([governanceLine(row)], out, true);
  }
  progress(`batch settlement: batches of 10, 100 and the largest that fits, ${batchRuns} timed runs each`);
  const batches = await batchRows(batchRuns, progress);
  const lines = [
    ...rows.map((r) => line(r, reference)),
    ...batches,
    summary(row("pay"), reference),
    lineSummary(row("pay"), row("cross-pay"), row("cross-pay-2-hops")),
    mixedSummary(row("pay"), row("pay-mixed")),
    economicsSummary(rows),
    underwritingSummary(row("pay"), rows),
    batchSummary(batches),
    governanceLine(row),
  ];
  emit(lines, out);
}

/** Prints `objects` as JSON lines, and writes (or appends) them to `out`. */
function emit(objects: readonly unknown[], out: string | undefined, append = false): void {
  const lines = objects.map((l) => JSON.stringify(l));
  const text = lines.join("\n") + "\n";
  process.stdout.write(text);
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    (append ? appendFileSync : writeFileSync)(out, text);
    progress(`wrote ${lines.length} lines to ${out}`);
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench:contracts: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
