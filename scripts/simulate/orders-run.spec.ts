/**
 * `lets simulate` with payment orders, end to end on the devnet (testing/orders.yaml: 20 members,
 * 3 days of 8 blocks, seed 11; two shops take most purchases, 80% of them by signed order, settled
 * every second block): the settled orders reconciled with the chain and the indexer (balances, each
 * payer's nextSeq, every batch and its orders), read again here without the simulator's code, and
 * the report's batch, delay and refusal figures recomputed from the event log; a second run of the
 * same seed (without the indexer, stopped after 60 payments) makes the same decisions.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import type { SimEvent } from "./events.ts";
import { ORDERS_REPORT_FILE, writeReport } from "./report/write.ts";
import type { Summary } from "./report/summary.ts";
import { simulate, type LiveRun, type SimulationResult } from "./run.ts";
import { loadScenario } from "./scenario.ts";
import { quantile } from "./stats.ts";

const scenarioFile = fileURLToPath(new URL("./testing/orders.yaml", import.meta.url));

/** What the chain and the indexer said at the end, read without the simulator's code. */
interface Observed {
  nextSeq: Map<string, bigint>;
  balances: Map<string, bigint>;
  /** The indexer's batches (txId -> orders), or undefined when it does not list them. */
  batches: Map<string, number> | undefined;
}

async function observe(live: LiveRun): Promise<Observed> {
  const view = await new LetsOverHttp(live.node).community(live.communityId);
  const response = await fetch(`${live.indexerUrl}/communities/${live.communityId}/batches?limit=1000`);
  const listed = response.status === 404 ? undefined : ((await response.json()) as { items: { txId: string; orders: number }[] }).items;
  return {
    nextSeq: new Map(view.accounts.map((a) => [a.accountId, a.nextSeq!])),
    balances: new Map(view.accounts.map((a) => [a.accountId, a.balance])),
    batches: listed && new Map(listed.map((b) => [b.txId, b.orders])),
  };
}

describe("lets simulate with payment orders on the devnet (20 members, 3 days, two shops, 80% by order)", () => {
  let dir: string;
  let result: SimulationResult;
  let summary: Summary;
  let observed: Observed;
  let markdown: string;
  let again: SimulationResult;
  const settled = (): SimEvent[] => result.events.filter((e) => e.kind === "payment" && e.status === "accepted" && e.order !== undefined);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "simulate-orders-"));
    result = await simulate({ scenario: await loadScenario(scenarioFile), devnetThread: "main", signingThreads: 0, beforeClose: async (live) => void (observed = await observe(live)) });
    summary = await writeReport(result, dir);
    markdown = await readFile(join(dir, ORDERS_REPORT_FILE), "utf8");
    again = await simulate({ scenario: await loadScenario(scenarioFile), devnetThread: "main", signingThreads: 0, indexer: "none", stopAfterPayments: 60 });
  }, 300_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reconciles every settled order with the chain and the indexer: balances, nextSeq, batches", () => {
    const names = result.reconciliation.checks.map((c) => c.name);
    expect(result.reconciliation.checks.filter((c) => !c.ok)).toEqual([]);
    expect(names.slice(0, 3)).toEqual(["ledger sums to 0", "ledger = chain", "ledger = indexer"]);
    // An indexer that lists batch settlements is compared with them too.
    if (observed.batches) expect(names).toContain("batches = indexer");
    expect(settled().length).toBeGreaterThan(50);
  });

  it("leaves each open account's nextSeq on chain where the event log's orders and revocations put it", () => {
    const next = new Map<number, bigint>();
    for (const e of result.events) {
      if (e.status !== "accepted") continue;
      if (e.kind === "payment" && e.order) {
        expect(e.order.seq, `member ${e.member}'s orders settle in sequence`).toBe(next.get(e.member) ?? 0n);
        next.set(e.member, e.order.seq + 1n);
      }
      if (e.kind === "revoke") next.set(e.member, e.nextSeq!);
    }
    const open = [...result.ledger.accounts.values()].filter((a) => a.status === "open");
    expect(observed.nextSeq.size).toBe(open.length);
    for (const a of open) {
      const id = result.accountOf.get(a.member)!;
      expect(observed.nextSeq.get(id), `member ${a.member}`).toBe(next.get(a.member) ?? 0n);
      expect(observed.balances.get(id), `member ${a.member}`).toBe(a.balance);
    }
    if (observed.batches) {
      const batches = new Map<string, number>();
      for (const e of settled()) batches.set(e.txId!, (batches.get(e.txId!) ?? 0) + 1);
      expect(observed.batches).toEqual(batches);
    }
  });

  it("reports batch sizes, delays and payments per block exactly as the event log has them", () => {
    const o = summary.orders!;
    const batches = new Map<string, SimEvent[]>();
    for (const e of settled()) batches.set(e.txId!, [...(batches.get(e.txId!) ?? []), e]);
    const sizes = [...batches.values()].map((b) => b.length);
    expect(o.settled).toBe(settled().length);
    expect(o.batches.count).toBe(batches.size);
    expect(o.batches.orders).toEqual({ min: Math.min(...sizes), median: quantile(sizes, 0.5), max: Math.max(...sizes) });
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(o.settled);
    const delays = settled().map((e) => e.block - e.order!.signedBlock);
    const every = result.scenario.orders!.settler.everyBlocks;
    for (const e of settled()) {
      // Settled in a settling block, after it was signed and before it expired.
      expect((e.block + 1) % every).toBe(0);
      expect(e.block).toBeGreaterThanOrEqual(e.order!.signedBlock);
      expect(BigInt(result.chain.startHeight + e.block) + 1n).toBeLessThanOrEqual(e.order!.expiryHeight);
    }
    expect(o.delayBlocks).toMatchObject({ median: quantile(delays, 0.5), p90: Number(quantile(delays, 0.9).toFixed(2)), max: Math.max(...delays) });
    const direct = result.events.filter((e) => e.kind === "payment" && e.status === "accepted" && !e.order).length;
    expect(o.directPayments).toBe(direct);
    expect(o.paymentsPerBlock.byOrder.mean).toBeCloseTo(o.settled / result.blocksRun, 2);
    expect(o.paymentsPerBlock.all.mean).toBeCloseTo((o.settled + direct) / result.blocksRun, 2);
    expect(summary.payments.accepted).toBe(o.settled + direct);
    expect(markdown).toContain(`| orders | ${o.batches.orders.min} | ${o.batches.orders.median} | ${o.batches.orders.max} |`);
    expect(markdown).toContain(`| settled | ${o.settled} |`);
  });

  it("replays the same seed the same way: the same orders signed, settled together, dropped and revoked", () => {
    const decisions = (events: readonly SimEvent[]) =>
      events.map((e) => [e.kind, e.block, e.member, e.payee, e.amountUnits, e.status, e.reason, e.order?.seq, e.order?.signedBlock, e.nextSeq, e.txId === undefined ? "" : "tx"]);
    const batchSizes = (events: readonly SimEvent[]) => {
      const sizes = new Map<string, number>();
      for (const e of events) if (e.order && e.status === "accepted") sizes.set(e.txId!, (sizes.get(e.txId!) ?? 0) + 1);
      return [...sizes.values()];
    };
    const last = again.events.length - 1;
    expect(again.events.filter((e) => e.kind === "payment" && e.status === "accepted").length).toBeGreaterThanOrEqual(60);
    // Up to the block it stopped in (the first run went on settling that block's orders).
    const through = again.events.filter((e) => e.block < again.events[last]!.block);
    expect(decisions(through)).toEqual(decisions(result.events.slice(0, through.length)));
    expect(batchSizes(through)).toEqual(batchSizes(result.events.slice(0, through.length)));
    expect(batchSizes(through).length).toBeGreaterThan(2);
  });

  it("drops orders refused at the floor and the cap, counts them by reason, and their payers revoke the numbers", () => {
    const o = summary.orders!;
    expect(o.refusedByReason["credit limit"]).toBeGreaterThan(0);
    expect(o.refusedByReason["positive cap"]).toBeGreaterThan(0);
    expect(Object.values(o.refusedByReason).reduce((s, n) => s + n, 0)).toBe(o.refused);
    // On the devnet nothing is refused by the node: every signed order was settled, dropped, or is still queued.
    expect(o.signed).toBe(o.settled + o.refused + o.pendingAtEnd);
    expect(o.revocations).toBeGreaterThan(0);
    const refused = result.events.filter((e) => e.kind === "payment" && e.status === "refused" && e.order);
    for (const r of refused) {
      if (result.ledger.accounts.get(r.member)?.status !== "open") continue;
      const revoked = result.events.some((e) => e.kind === "revoke" && e.status === "accepted" && e.member === r.member && e.nextSeq! > r.order!.seq);
      expect(revoked, `member ${r.member} revoked order ${r.order!.seq}`).toBe(true);
    }
    expect(summary.refusals.byReason["payment: order: credit limit"]).toBe(o.refusedByReason["credit limit"]);
  });
});
