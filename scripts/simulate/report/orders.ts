/**
 * The payment-order part of the report (docs/simulate.md, "Payment orders"): `summary.json`'s
 * `orders` and `orders.md`. Everything is read from the event log: a settled order is an accepted
 * payment event carrying its order (signed in `order.signedBlock`, settled in `block`, by the batch
 * transaction `txId`), a dropped one a refused payment event with its order and reason.
 */
import type { SimEvent } from "../events.ts";
import type { SimulationResult } from "../run.ts";
import { formatErg } from "../scenario-fields.ts";
import { quantile, round } from "../stats.ts";

/** Mean and largest count per simulated block. */
function perBlock(blocks: readonly number[], blocksRun: number): { mean: number; max: number } {
  const counts = new Map<number, number>();
  for (const block of blocks) counts.set(block, (counts.get(block) ?? 0) + 1);
  return { mean: round(blocks.length / Math.max(1, blocksRun), 2), max: Math.max(0, ...counts.values()) };
}

/** Smallest, median and largest, or nulls for no values. */
function spread(values: readonly number[]): { min: number | null; median: number | null; max: number | null } {
  if (values.length === 0) return { min: null, median: null, max: null };
  return { min: Math.min(...values), median: round(quantile(values, 0.5), 2), max: Math.max(...values) };
}

/** The `orders` object of summary.json; null without orders. */
export function ordersSummary(result: SimulationResult) {
  const { scenario, events, blocksRun } = result;
  if (!scenario.orders || !result.orders) return null;
  const payments = events.filter((e) => e.kind === "payment");
  const settled = payments.filter((e) => e.status === "accepted" && e.order);
  const direct = payments.filter((e) => e.status === "accepted" && !e.order);
  const refused = payments.filter((e) => e.status === "refused" && e.order);
  const batches = new Map<string, SimEvent[]>();
  for (const e of settled) batches.set(e.txId!, [...(batches.get(e.txId!) ?? []), e]);
  const sizes = [...batches.values()].map((b) => b.length);
  const accounts = [...batches.values()].map((b) => new Set(b.flatMap((e) => [e.member, e.payee!])).size);
  const delays = settled.map((e) => e.block - e.order!.signedBlock);
  const byReason: Record<string, number> = {};
  for (const e of refused) {
    const reason = e.reason!.replace(/^order: /, "");
    byReason[reason] = (byReason[reason] ?? 0) + 1;
  }
  return {
    /** Direct payments accepted beside the orders. */
    directPayments: direct.length,
    signed: result.orders.signed,
    settled: settled.length,
    refused: refused.length,
    /** Signed but neither settled nor dropped when the run ended. */
    pendingAtEnd: result.orders.pendingAtEnd,
    refusedByReason: Object.fromEntries(Object.entries(byReason).sort(([a], [b]) => (a < b ? -1 : 1))),
    /** Revocations by payers whose orders were dropped (so their later orders could settle). */
    revocations: events.filter((e) => e.kind === "revoke" && e.status === "accepted").length,
    paymentsPerBlock: {
      direct: perBlock(direct.map((e) => e.block), blocksRun),
      byOrder: perBlock(settled.map((e) => e.block), blocksRun),
      all: perBlock([...direct, ...settled].map((e) => e.block), blocksRun),
    },
    batches: {
      count: batches.size,
      /** Simulated blocks in which at least one batch settled. */
      blocks: new Set(settled.map((e) => e.block)).size,
      orders: spread(sizes),
      accounts: spread(accounts),
      /** Miner fees the settler paid. */
      feesErg: formatErg(BigInt(batches.size) * scenario.txFeeNanoErg),
    },
    /** Simulated blocks from the block an order was signed in to the block whose batch settled it (0: the same block). */
    delayBlocks: delays.length === 0 ? { median: null, p90: null, max: null, mean: null } : {
      median: round(quantile(delays, 0.5), 2),
      p90: round(quantile(delays, 0.9), 2),
      max: Math.max(...delays),
      mean: round(delays.reduce((s, d) => s + d, 0) / delays.length, 2),
    },
  };
}

export type OrdersSummary = NonNullable<ReturnType<typeof ordersSummary>>;

const n = (value: number | null) => (value === null ? "–" : value.toLocaleString("en-US"));
const were = (count: number) => `${n(count)} ${count === 1 ? "was" : "were"}`;

/** `orders.md`: the same figures as tables. */
export function ordersMarkdown(o: OrdersSummary, title: { scenario: string; seed: number; blocksRun: number }): string {
  const p = o.paymentsPerBlock;
  const lines = [
    `# Payment orders: ${title.scenario}, seed ${title.seed}`,
    "",
    `${n(o.settled + o.directPayments)} payments in ${n(title.blocksRun)} blocks: ${n(o.settled)} by signed order, settled in ${n(o.batches.count)} batches, and ${n(o.directPayments)} direct. Of the orders signed, ${were(o.refused)} refused at settlement and ${were(o.pendingAtEnd)} still queued at the end.`,
    "",
    "| payments per block | mean | max |",
    "| --- | ---: | ---: |",
    `| direct | ${n(p.direct.mean)} | ${n(p.direct.max)} |`,
    `| by order | ${n(p.byOrder.mean)} | ${n(p.byOrder.max)} |`,
    `| all | ${n(p.all.mean)} | ${n(p.all.max)} |`,
    "",
    "| per batch | min | median | max |",
    "| --- | ---: | ---: | ---: |",
    `| orders | ${n(o.batches.orders.min)} | ${n(o.batches.orders.median)} | ${n(o.batches.orders.max)} |`,
    `| accounts | ${n(o.batches.accounts.min)} | ${n(o.batches.accounts.median)} | ${n(o.batches.accounts.max)} |`,
    "",
    "| blocks from signed to settled | median | p90 | max | mean |",
    "| --- | ---: | ---: | ---: | ---: |",
    `| | ${n(o.delayBlocks.median)} | ${n(o.delayBlocks.p90)} | ${n(o.delayBlocks.max)} | ${n(o.delayBlocks.mean)} |`,
    "",
    "| orders | count |",
    "| --- | ---: |",
    `| signed | ${n(o.signed)} |`,
    `| settled | ${n(o.settled)} |`,
    ...Object.entries(o.refusedByReason).map(([reason, count]) => `| refused: ${reason} | ${n(count)} |`),
    `| still queued at the end | ${n(o.pendingAtEnd)} |`,
    `| revocations | ${n(o.revocations)} |`,
    "",
    `The settler settled in ${n(o.batches.blocks)} blocks and paid ${o.batches.feesErg} ERG in fees.`,
    "",
  ];
  return lines.join("\n");
}
