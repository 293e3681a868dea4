/**
 * The batch part of `bench:contracts` (issue 15): batches of 10, 100 and the largest that fits the
 * node's limits on one transaction, of independent two-party payments and of customers paying one
 * shop, each beside a batch of plain P2PK token transfers of the same count measured in the same
 * run. Figures per payment, and payments per block by both block limits.
 */
import { MAINNET_PARAMETERS } from "../testing/ergo-lib.ts";
import { buildBatchShapes, MAX_TRANSACTION_BYTES, MAX_TRANSACTION_COST, type BatchShape } from "./batch-shapes.ts";
import { round, staticFigures, summarise, timeShapes, type StaticFigures, type TimingSummary } from "./measure.ts";

/** The goal: at least 1,000 independent two-party payments per block by both limits. */
const GOAL_PER_BLOCK = 1_000;
/** Script cost per payment flat within 10% from a batch of 10 to the largest. */
const FLAT_WITHIN = 0.1;

export interface BatchRow extends StaticFigures {
  shape: string;
  kind: BatchShape["kind"];
  payments: number;
  perPayment: { bytes: number; cost: number; scripts: number };
  /** Whole transactions of this size per block, times the payments each settles. */
  paymentsPerBlock: { bySize: number; byCost: number; binding: "size" | "cost" | "both" };
  /** Whether the node relays it (at most 98,304 bytes and 1,000,000 cost per transaction). */
  fitsTransactionLimits: boolean;
  signValidateMs: TimingSummary;
}

function rowOf(shape: BatchShape, figures: StaticFigures, timing: number[]): BatchRow {
  const { maxBlockSize, maxBlockCost } = MAINNET_PARAMETERS;
  const bySize = Math.floor(maxBlockSize / figures.bytes) * shape.payments;
  const byCost = Math.floor(maxBlockCost / figures.cost.total) * shape.payments;
  return {
    shape: shape.name,
    kind: shape.kind,
    payments: shape.payments,
    ...figures,
    perPayment: {
      bytes: round(figures.bytes / shape.payments, 1),
      cost: round(figures.cost.total / shape.payments, 1),
      scripts: round(figures.cost.scripts / shape.payments, 1),
    },
    paymentsPerBlock: { bySize, byCost, binding: bySize === byCost ? "both" : bySize < byCost ? "size" : "cost" },
    fitsTransactionLimits: figures.bytes <= MAX_TRANSACTION_BYTES && figures.cost.total <= MAX_TRANSACTION_COST,
    signValidateMs: summarise(timing),
  };
}

/** The largest N whose batch fits both transaction limits, from the figures at 10 and 100 (a line through them). */
function largestFitting(at10: StaticFigures, at100: StaticFigures): number {
  const fit = (a: number, b: number, limit: number) => {
    const slope = (b - a) / 90;
    return Math.floor(10 + (limit - a) / slope);
  };
  return Math.max(10, Math.min(fit(at10.bytes, at100.bytes, MAX_TRANSACTION_BYTES), fit(at10.cost.total, at100.cost.total, MAX_TRANSACTION_COST)));
}

/** Builds, checks and times every batch shape. */
export async function batchRows(runs: number, progress: (message: string) => void): Promise<BatchRow[]> {
  const first = buildBatchShapes([10, 100]);
  const figures = new Map(first.map((s) => [s.name, staticFigures(s)]));
  const most = (kind: "pairs" | "shop") => largestFitting(figures.get(`batch-${kind}-10`)!, figures.get(`batch-${kind}-100`)!);
  const sizes = { pairs: most("pairs"), shop: most("shop") };
  progress(`largest batches that fit one transaction: ${sizes.pairs} independent payments, ${sizes.shop} customers of one shop`);
  const extra = buildBatchShapes([sizes.pairs, sizes.shop]).filter(
    (s) => (s.kind === "pairs" && s.payments === sizes.pairs) || (s.kind === "shop" && s.payments === sizes.shop) || (s.kind === "reference" && (s.payments === sizes.pairs || s.payments === sizes.shop)),
  );
  const shapes = [...first, ...extra.map((s) => ({ ...s, name: s.kind === "reference" ? s.name : `${s.name.replace(/-\d+$/, "")}-max-${s.payments}` }))];
  for (const s of extra) figures.set(s.kind === "reference" ? s.name : `${s.name.replace(/-\d+$/, "")}-max-${s.payments}`, staticFigures(s));
  for (const s of shapes) progress(`${s.name}: accepted, ${figures.get(s.name)!.bytes} bytes`);
  const samples = await timeShapes(shapes, runs, 1);
  return shapes.map((s) => rowOf(s, figures.get(s.name)!, samples.get(s.name) ?? []));
}

/** The goals, judged on the rows. */
export function batchSummary(rows: BatchRow[]): Record<string, unknown> {
  const largest = (kind: BatchRow["kind"]) => rows.filter((r) => r.kind === kind && r.shape.includes("-max-"))[0]!;
  const of = (name: string) => rows.find((r) => r.shape === name)!;
  const flat = (kind: "pairs" | "shop") => {
    const small = of(`batch-${kind}-10`).perPayment.scripts;
    const big = largest(kind).perPayment.scripts;
    return { at10: small, atLargest: big, ratio: round(big / small, 3), met: Math.abs(big / small - 1) <= FLAT_WITHIN };
  };
  const perBlock = (row: BatchRow) => ({ batch: row.payments, ...row.paymentsPerBlock, met: row.paymentsPerBlock.bySize >= GOAL_PER_BLOCK && row.paymentsPerBlock.byCost >= GOAL_PER_BLOCK });
  const referenceOf = (row: BatchRow) => of(`reference-p2pk-batch-${row.payments}`);
  const pairs = largest("pairs");
  const shop = largest("shop");
  return {
    batches: {
      statement: `at least ${GOAL_PER_BLOCK} independent two-party payments per block by both size and cost; script cost per payment flat (within ${FLAT_WITHIN * 100}%) from a batch of 10 to the largest`,
      transactionLimits: { bytes: MAX_TRANSACTION_BYTES, cost: MAX_TRANSACTION_COST },
      independentPayments: { ...perBlock(pairs), perPayment: pairs.perPayment, reference: referenceOf(pairs).perPayment },
      shopPayments: { ...perBlock(shop), perPayment: shop.perPayment, reference: referenceOf(shop).perPayment },
      scriptCostFlat: { pairs: flat("pairs"), shop: flat("shop") },
    },
  };
}
