/**
 * `summary.json`: the run's economics in one object. Everything outside `chain` and `run` depends
 * only on the scenario and the seed (two runs with the same seed give the same values); `chain`
 * holds ids and heights, `run` wall-clock times and speeds. Definitions are in docs/simulate.md.
 */
import { formatErg } from "../scenario-fields.ts";
import type { Scenario } from "../scenario.ts";
import type { SimulationResult } from "../run.ts";
import { gini, quantile, round } from "../stats.ts";
import type { DayPoint } from "./series.ts";
import { networkSummary } from "./network.ts";
import { economicsSummary } from "./economics.ts";
import { economicsJson } from "../scenario-economics.ts";
import { ordersJson } from "../scenario-orders.ts";
import { ordersSummary } from "./orders.ts";
import { deskSummary } from "./desk.ts";
import { deskJson } from "../scenario-desk.ts";
import { postFactumJson } from "../scenario-postfactum.ts";
import { postFactumSummary } from "./postfactum.ts";
import { loanBookJson } from "../scenario-loans.ts";
import { loanBookSummary } from "./loans.ts";
import { feeVoteSummary } from "./fee-vote.ts";
import { feeVoteJson } from "../scenario-fee-vote.ts";
import { underwritingJson } from "../scenario-underwriting.ts";
import { underwritingSummary } from "./underwriting.ts";

/** Accounts within this share of their credit limit from the floor (or of the cap from the cap) count as "near". */
export const NEAR_SHARE = 0.05;

const text = (value: bigint) => value.toString();
const sumOf = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const ratio = (a: number, b: number) => (b === 0 ? null : round(a / b));

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of [...keys].sort()) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** Mean and largest number of payments in one simulated block (mainnet fits about 460 two-party payments in a block by cost). */
function perBlock(blocks: readonly number[], blocksRun: number): { mean: number; max: number } {
  const counts = new Map<number, number>();
  for (const block of blocks) counts.set(block, (counts.get(block) ?? 0) + 1);
  return { mean: round(blocks.length / Math.max(1, blocksRun), 2), max: Math.max(0, ...counts.values()) };
}

/** The scenario as it ran, amounts as strings. */
export function scenarioJson(s: Scenario) {
  const { policy } = s;
  return {
    name: s.name,
    description: s.description,
    members: s.members,
    days: s.days,
    blocksPerDay: s.blocksPerDay,
    startDate: s.startDate,
    community: s.community,
    policy: {
      creditLimit: text(policy.creditLimit),
      positiveCap: text(policy.positiveCap),
      joinFeeNanoErg: text(policy.joinFeeNanoErg),
      collateralNanoErg: text(policy.collateralNanoErg),
      maxMembers: text(policy.maxMembers),
      inactivityBlocks: text(policy.inactivityBlocks),
      ...(policy.economics ? { economics: economicsJson(policy.economics) } : {}),
    },
    txFeeNanoErg: text(s.txFeeNanoErg),
    roles: s.roles,
    churn: s.churn,
    defaulters: s.defaulters,
    behaviour: s.behaviour,
    ...(s.orders ? { orders: ordersJson(s.orders) } : {}),
    ...(s.desk ? { desk: deskJson(s.desk) } : {}),
    ...(s.postFactum ? { postFactum: postFactumJson(s.postFactum) } : {}),
    ...(s.loans ? { loans: loanBookJson(s.loans) } : {}),
    ...(s.underwriting ? { underwriting: underwritingJson(s.underwriting) } : {}),
    ...(s.feeVote ? { feeVote: feeVoteJson(s.feeVote) } : {}),
    ...(s.network
      ? {
          network: {
            communities: s.network.communities,
            lines: s.network.lines.map((l) => ({ key: l.key, terms: Object.fromEntries(Object.entries(l.terms).map(([k, v]) => [k, text(v)])) })),
          },
        }
      : {}),
  };
}

/** The summary object (JSON-ready: no bigint). */
export type Summary = ReturnType<typeof summarize>;

export function summarize(result: SimulationResult, days: DayPoint[]) {
  const { scenario, events, ledger, members } = result;
  const payments = events.filter((e) => e.kind === "payment");
  const accepted = payments.filter((e) => e.status === "accepted");
  const amounts = accepted.map((e) => Number(e.amountUnits));
  const volume = accepted.reduce((s, e) => s + e.amountUnits!, 0n);
  const refused = events.filter((e) => e.status === "refused");
  const open = [...ledger.accounts.values()].filter((a) => a.status === "open");
  const limit = scenario.policy.creditLimit;
  const cap = scenario.policy.positiveCap;
  const near = (distance: bigint, of: bigint) => Number(distance) <= NEAR_SHARE * Number(of);
  const mean = (pick: (d: DayPoint) => number) => sumOf(days.map(pick)) / Math.max(1, days.length);
  const meanSupply = mean((d) => Number(d.moneySupplyUnits));
  const utilisation = days.map((d) => (d.creditCapacityUnits === 0n ? 0 : Number(d.creditInUseUnits) / Number(d.creditCapacityUnits)));
  const last = days.at(-1);
  const turnover = new Map<number, number>();
  for (const e of accepted) for (const m of [e.member, e.payee!]) turnover.set(m, (turnover.get(m) ?? 0) + Number(e.amountUnits));
  const defaults = events.filter((e) => e.kind === "default" && e.status === "accepted");
  const vanished = members.filter((m) => m.vanished);
  const count = (kind: string) => events.filter((e) => e.kind === kind && e.status === "accepted" && e.block >= 0).length;
  return {
    scenario: scenarioJson(scenario),
    seed: scenario.seed,
    parameters: {
      creditLimit: text(limit),
      positiveCap: text(cap),
      joinFeeErg: formatErg(scenario.policy.joinFeeNanoErg),
      collateralErg: formatErg(scenario.policy.collateralNanoErg),
      inactivityBlocks: text(scenario.policy.inactivityBlocks),
      maxMembers: text(scenario.policy.maxMembers),
      blocksPerDay: scenario.blocksPerDay,
      txFeeErg: formatErg(scenario.txFeeNanoErg),
    },
    daysRun: days.length,
    blocksRun: result.blocksRun,
    /** Stopped before the last simulated day (Ctrl-C, or a payment count): the figures cover `daysRun` days. */
    stoppedEarly: result.blocksRun < scenario.days * scenario.blocksPerDay,
    payments: {
      attempted: payments.length,
      accepted: accepted.length,
      refused: payments.length - accepted.length,
      volumeUnits: text(volume),
      meanUnits: accepted.length === 0 ? null : round(Number(volume) / accepted.length, 2),
      medianUnits: accepted.length === 0 ? null : quantile(amounts, 0.5),
      perDay: round(accepted.length / Math.max(1, days.length), 2),
      perBlock: perBlock(accepted.map((e) => e.block), result.blocksRun),
    },
    refusals: { total: refused.length, byReason: countBy(refused.map((e) => `${e.kind}: ${e.reason}`)) },
    velocity: { overRun: ratio(Number(volume), meanSupply), perDay: ratio(Number(volume) / Math.max(1, days.length), meanSupply) },
    creditUtilisation: { end: round(utilisation.at(-1) ?? 0), mean: round(sumOf(utilisation) / Math.max(1, utilisation.length)), max: round(Math.max(0, ...utilisation)) },
    members: {
      atStart: scenario.members,
      joined: count("join"),
      left: count("leave"),
      defaulted: defaults.length,
      open: open.length,
      vanishedDefaulters: vanished.length,
    },
    shareAtFloor: { exactly: ratio(open.filter((a) => a.balance === -a.creditLimit).length, open.length), near: ratio(open.filter((a) => near(a.balance + a.creditLimit, a.creditLimit)).length, open.length) },
    shareAtCap: cap === 0n ? null : { exactly: ratio(open.filter((a) => a.balance === cap).length, open.length), near: ratio(open.filter((a) => near(cap - a.balance, cap)).length, open.length) },
    gini: {
      balances: round(gini(open.map((a) => Number(a.balance + a.creditLimit)))),
      positiveBalances: round(gini(open.map((a) => (a.balance > 0n ? Number(a.balance) : 0)))),
      turnover: round(gini(members.filter((m) => ledger.accounts.has(m.id)).map((m) => turnover.get(m.id) ?? 0))),
    },
    moneySupplyUnits: text(last?.moneySupplyUnits ?? 0n),
    creditInUseUnits: text(last?.creditInUseUnits ?? 0n),
    /** Means of the day-end values over the days run. */
    meanOverDays: {
      moneySupplyUnits: round(meanSupply, 2),
      creditInUseUnits: round(mean((d) => Number(d.creditInUseUnits)), 2),
      giniPositiveBalances: round(mean((d) => d.giniPositiveBalances)),
    },
    communityBalance: text(ledger.communityBalance),
    defaults: {
      count: defaults.length,
      /** Closed accounts of members the model made defaulters, and of others (negative and inactive for the window all the same). */
      ofDefaulters: defaults.filter((e) => members[e.member]!.defaulter).length,
      ofOthers: defaults.filter((e) => !members[e.member]!.defaulter).length,
      debtUnits: text(defaults.reduce((s, e) => s + e.amountUnits!, 0n)),
    },
    joins: count("join"),
    leaves: count("leave"),
    /** Fee reserves topped up (`behaviour.topUpBelowPayments`). */
    topUps: count("top-up"),
    /** An economics community's levers at work (docs/simulate.md, "Economics"); null for a plain one. */
    economics: economicsSummary(scenario, events, ledger),
    /** Payment orders and their batches (docs/simulate.md, "Payment orders"); null without orders. */
    orders: ordersSummary(result),
    /** Only for a network (docs/simulate.md, "Networks"). */
    ...(result.network ? { network: networkSummary(result, days.length)! } : {}),
    /** Only with a desk (docs/simulate.md, "The exchange desk"). */
    ...(result.desk ? { desk: deskSummary(result)! } : {}),
    /** Only with post-factum payments (docs/simulate.md, "Post-factum payments"). */
    ...(result.postFactum ? { postFactum: postFactumSummary(result)! } : {}),
    /** Only with a loan book (docs/simulate.md, "A loan book"). */
    ...(result.loans ? { loans: loanBookSummary(result)! } : {}),
    /** Only with underwriting (docs/simulate.md, "Underwritten newcomers"). */
    ...(result.underwriting ? { underwriting: underwritingSummary(result)! } : {}),
    /** Only with a fee vote (docs/simulate.md, "Members vote on a fee change"). */
    ...(result.feeVote ? { feeVote: feeVoteSummary(result)! } : {}),
    reconciliation: result.reconciliation,
    chain: result.chain,
    run: runJson(result),
  };
}

function runJson(result: SimulationResult) {
  const { timings } = result;
  const perPayment = (ms: number[]) => round(sumOf(ms) / Math.max(1, timings.transactions), 3);
  return {
    wallSeconds: round(timings.wallMs / 1000, 2),
    setupSeconds: round(timings.setupMs / 1000, 2),
    tradingSeconds: round(timings.tradingMs / 1000, 2),
    indexCatchUpSeconds: round(timings.indexWaitMs / 1000, 2),
    transactions: timings.transactions,
    transactionsPerSecond: round((timings.transactions * 1000) / Math.max(1, timings.tradingMs), 1),
    msPerTransaction: { sign: perPayment(timings.pipeline.signMs), submitAndValidate: perPayment(timings.pipeline.submitMs), mine: perPayment(timings.pipeline.mineMs) },
  };
}
