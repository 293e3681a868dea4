/**
 * One simulation, end to end: start (or connect to) the chain and the indexer, found the community,
 * run the agent model day by day and block by block through the pipeline, wait until everything is
 * mined and indexed, then reconcile the simulator's ledger with the chain and the indexer.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { silentLogger, type Logger } from "../../indexer/log.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import { startIndexer, type RunningIndexer } from "../../indexer/start.ts";
import { waitForHeight } from "../../indexer/wait.ts";
import { ChainActions, type ActionContext } from "./chain/actions.ts";
import { DeskActions } from "./chain/desk-actions.ts";
import { EconomicsActions } from "./chain/economics-actions.ts";
import { OrderActions } from "./chain/order-actions.ts";
import { PostFactumActions } from "./chain/postfactum-actions.ts";
import { LoanActions, type BookLoan } from "./chain/loan-actions.ts";
import { UnderwritingActions } from "./chain/underwriting-actions.ts";
import { setUpSettler } from "./chain/settler.ts";
import { DevnetDriver, type DevnetThread } from "./chain/devnet-driver.ts";
import type { ChainDriver, NodeTimes } from "./chain/driver.ts";
import { LocalBoxes } from "../../client/local-boxes.ts";
import { NodeDriver } from "./chain/node-driver.ts";
import { Pipeline, type PipelineTimes } from "./chain/pipeline.ts";
import { setUpCommunity, setUpNetwork } from "./chain/setup.ts";
import { NetworkActions } from "./chain/network-actions.ts";
import { NetworkBoxes } from "./chain/network-boxes.ts";
import { SignerPool } from "../../ergo/signer-pool.ts";
import { EventLog, type SimEvent } from "./events.ts";
import { Ledger, LedgerSet } from "./ledger.ts";
import type { Member } from "./members.ts";
import { AgentModel } from "./model.ts";
import { reconcile, type Reconciliation } from "./reconcile.ts";
import { postFactumChainCheck, postFactumIndexerCheck } from "./reconcile-postfactum.ts";
import { loanBookChainCheck, loanWalletsCheck } from "./reconcile-loans.ts";
import { settlementsChainCheck, underwritingChainCheck } from "./reconcile-underwriting.ts";
import { ScenarioError, type NetworkSpec, type Scenario } from "./scenario.ts";
import { runFeeVote, type FeeVoteRun } from "./chain/fee-vote.ts";
import { feeVoteChainCheck, feeVoteIndexerCheck } from "./reconcile-fee-vote.ts";

/**
 * The in-process indexer polls the node this often when caught up. Every pass at the tip re-reads
 * the whole mempool for its pending view (a block's worth of payments while trading): at 250 ms,
 * PGlite took 38% of the main thread in a profiled run. The catch-up at the end waits one more pass.
 */
const INDEXER_POLL_MS = 1000;
/** How long the indexer may take to catch up with the last block. */
const INDEX_WAIT_MS = 600_000;

export interface SimulationOptions {
  scenario: Scenario;
  /** A node to run on instead of a fresh devnet, with the mnemonic whose address 0 funds the run; `pollMs`: how often to look for its blocks (2 s). */
  node?: { url: string; mnemonic: string; pollMs?: number };
  /** An indexer to reconcile with. Default: on the devnet, one started here (PGlite in a temporary directory); on a node, none. */
  indexer?: { url: string } | "start" | "none";
  devnetThread?: DevnetThread;
  /** Write the devnet's chain into this directory (a fresh chain) and keep it; default: in memory. */
  keepChainIn?: string;
  /** Signing threads (0: sign on the main thread). Default 1. */
  signingThreads?: number;
  /** Stop once this many payments were accepted (benchmarks). */
  stopAfterPayments?: number;
  /** Stop trading at the end of the current block (Ctrl-C); the run is then mined, indexed, reconciled and reported as far as it went. */
  signal?: AbortSignal;
  /** Where the in-process indexer reports (default: nowhere). */
  indexerLogger?: Logger;
  /** Called with the state of the run (throttle it yourself). */
  onProgress?: (progress: Progress) => void;
  /** Called after reconciling, while the chain and the indexer still run (tests read them independently). */
  beforeClose?: (live: LiveRun) => Promise<void>;
}

/** The parts of a run that still answer, for `beforeClose`. */
export interface LiveRun {
  node: NodeClient;
  indexerUrl: string | undefined;
  communityId: string;
  /** Heights of the trading: block 0 was built at `startHeight`, the last block is `endHeight`. */
  startHeight: number;
  endHeight: number;
}

/** Where a run is. */
export interface Progress {
  phase: "setup" | "trading" | "indexing" | "reconciling";
  blocksDone: number;
  totalBlocks: number;
  paymentsAccepted: number;
  refusals: number;
  transactionsSubmitted: number;
}

export interface SimulationResult {
  scenario: Scenario;
  members: Member[];
  events: SimEvent[];
  ledger: Ledger;
  accountOf: Map<number, string>;
  addressOf: (member: number) => string;
  chain: { kind: "devnet" | "node"; nodeUrl: string; communityId: string; startHeight: number; endHeight: number; indexerUrl: string | null };
  /** Simulated blocks actually run (fewer than days × blocksPerDay when stopped early). */
  blocksRun: number;
  reconciliation: Reconciliation;
  /**
   * Times of the trading phase (the setup has only its total): `modelMs` in the agent model and
   * building transactions (main thread), the pipeline's and the node's own times; `transactions`
   * were submitted while trading.
   */
  /** A network's communities and lines, by index in `scenario.network` (absent for one community). */
  network?: NetworkResult;
  /** Payment orders (absent without `orders`): how many were signed, and those still queued at the end. */
  orders?: { signed: number; pendingAtEnd: number };
  /** The exchange desk (absent without `desk`): its id, the id of the community box its opening spent. */
  desk?: { deskId: string };
  /** Post-factum payments (absent without `postFactum`): whether the indexer's escrow orders were checked (false: the chain alone). */
  postFactum?: { indexerChecked: boolean };
  /** Underwriting (absent without `underwriting`): the underwriters' addresses, by index. */
  underwriting?: { underwriters: string[] };
  /** The loan book (absent without `loans`): each loan as the simulator followed it, and the loan steps the builders refused, by reason. */
  loans?: { loans: BookLoan[]; refusals: Map<string, number> };
  /** The fee vote after the trading days (absent without `feeVote`): the ballots and the outcome read from the chain. */
  feeVote?: FeeVoteRun;
  timings: {
    wallMs: number;
    setupMs: number;
    tradingMs: number;
    indexWaitMs: number;
    modelMs: number;
    pipeline: PipelineTimes;
    node: NodeTimes | undefined;
    transactions: number;
  };
}

/** What a network run adds: the ids on chain, each community's own ledger, and each community's reconciliation. */
export interface NetworkResult {
  communityIds: string[];
  lineIds: string[];
  /** Each community's ledger: its accounts, community balance and gateways (the result's `ledger` merges them). */
  ledgers: Ledger[];
  /** Each community's checks, in order (the result's `reconciliation` holds them all). */
  reconciliations: Reconciliation[];
}

/** One ledger holding every community's accounts and gateways, with the sum of their community balances (for the network-wide figures). */
export function mergedLedger(ledgers: readonly Ledger[]): Ledger {
  const merged = new Ledger();
  for (const ledger of ledgers) {
    for (const [member, account] of ledger.accounts) merged.accounts.set(member, account);
    for (const [id, gateway] of ledger.gateways) merged.gateways.set(id, gateway);
    merged.communityBalance += ledger.communityBalance;
  }
  return merged;
}

/** A scenario with one community of its network in place of `community` (name, symbol, description). */
export function communityScenario(scenario: Scenario, network: NetworkSpec, c: number): Scenario {
  const { name, symbol, description } = network.communities[c]!;
  return { ...scenario, community: { ...scenario.community, name, symbol, description } };
}

interface OpenedIndexer {
  url: string;
  running?: RunningIndexer;
}

/** Starts (or names) the indexer to reconcile with; registers its closing. */
async function openIndexer(options: SimulationOptions, driver: ChainDriver, closers: Closers): Promise<OpenedIndexer | undefined> {
  const choice = options.indexer ?? (driver.kind === "devnet" ? "start" : "none");
  if (choice === "none") return undefined;
  if (choice !== "start") return { url: choice.url };
  const dataDir = await mkdtemp(join(tmpdir(), "lets-simulate-indexer-"));
  closers.add(() => rm(dataDir, { recursive: true, force: true }));
  const running = await startIndexer({ nodeUrl: driver.nodeUrl, port: 0, dataDir, pollMs: INDEXER_POLL_MS, logger: options.indexerLogger ?? silentLogger });
  closers.add(() => running.close());
  return { url: running.url, running };
}

/** Things to close at the end, newest first; every one is closed even if another fails. */
class Closers {
  private readonly list: (() => Promise<unknown>)[] = [];

  add(close: () => Promise<unknown>): void {
    this.list.unshift(close);
  }

  async closeAll(): Promise<void> {
    const failures: unknown[] = [];
    for (const close of this.list) await close().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  }
}

/** One run's parts, wired. */
interface Parts {
  driver: ChainDriver;
  ctx: ActionContext;
  actions: ChainActions | NetworkActions;
  model: AgentModel;
  /** The whole run's ledger (a network's merged after the run). */
  ledger: () => Ledger;
  /** Founds the community (or the network); returns the (first) community id. */
  setUp(members: Member[], progress: () => void): Promise<string>;
  /** The ledger against the chain and the indexer. */
  reconcile(node: NodeClient, indexerUrl: string | undefined): Promise<{ reconciliation: Reconciliation; network?: NetworkResult; postFactum?: { indexerChecked: boolean } }>;
  report(phase: Progress["phase"], blocksDone?: number): void;
}

async function openParts(options: SimulationOptions, closers: Closers): Promise<Parts> {
  const { scenario } = options;
  const driver: ChainDriver = options.node
    ? await NodeDriver.connect(options.node.url, options.node.mnemonic, options.node.pollMs)
    : await DevnetDriver.start(options.devnetThread, options.keepChainIn);
  closers.add(() => driver.close());
  const signer = await SignerPool.start(options.signingThreads ?? 1);
  closers.add(() => signer.close());
  const log = new EventLog();
  const pipeline = new Pipeline(driver, signer);
  const totalBlocks = scenario.days * scenario.blocksPerDay;
  let blocks = 0;
  const report = (phase: Progress["phase"], blocksDone = blocks) => {
    blocks = blocksDone;
    options.onProgress?.({ phase, blocksDone, totalBlocks, paymentsAccepted: log.paymentsAccepted, refusals: log.refusals, transactionsSubmitted: pipeline.submitted });
  };
  if (scenario.network) return { ...networkParts(scenario, scenario.network, driver, pipeline, log), driver, report };
  const ledger = new Ledger(scenario.policy.economics);
  const ctx: ActionContext = { scenario, ledger, boxes: new LocalBoxes(), pipeline, driver, log };
  // Levers (sweeps, allowances) or top-ups need the economics actions, orders their own (never both); a plain community without them runs exactly as before them.
  const levers = scenario.policy.economics !== undefined || scenario.behaviour.topUpBelowPayments > 0;
  // A desk is for plain communities without orders or top-ups (the scenario refuses the mix).
  const actions = scenario.orders ? new OrderActions(ctx, scenario.orders) : levers ? new EconomicsActions(ctx) : scenario.desk ? new DeskActions(ctx, scenario.desk)
        : scenario.postFactum ? new PostFactumActions(ctx, scenario.postFactum) : scenario.underwriting ? new UnderwritingActions(ctx, scenario.underwriting) : scenario.loans ? new LoanActions(ctx, scenario.loans) : new ChainActions(ctx);
  let communityId = "";
  return {
    driver,
    ctx,
    actions,
    model: new AgentModel(scenario, ledger, actions),
    ledger: () => ledger,
    setUp: async (members, progress) => {
      communityId = await setUpCommunity(ctx, actions, members, progress);
      if (actions instanceof OrderActions) {
        actions.communityId = communityId;
        setUpSettler(ctx, actions, driver.tipHeight);
        await pipeline.flush(driver.tipHeight + 1);
      }
      if (actions instanceof LoanActions) {
        actions.fundParties(driver.tipHeight);
        await pipeline.flush(driver.tipHeight + 1);
      }
      if (actions instanceof DeskActions) {
        actions.openDesk();
        await pipeline.flush(driver.tipHeight + 1);
      }
      return communityId;
    },
    reconcile: async (node, indexerUrl) => {
      const reconciliation = await reconcile({ node, indexerUrl, communityId, ledger, accountOf: actions.accountOf, events: log.events });
      if (actions instanceof UnderwritingActions) {
        // The stakes and limits against the chain, and what each settlement paid.
        const trees = Array.from({ length: actions.spec.underwriters }, (_, u) => actions.underwriterKey(u).ergoTree);
        const input = { node, communityId, events: log.events, ledger, accountOf: actions.accountOf, committeeTree: driver.funder.ergoTree, underwriterTrees: trees, startHeight: actions.startHeight, endHeight: driver.tipHeight };
        const all = [...reconciliation.checks, await underwritingChainCheck(input), await settlementsChainCheck(input)];
        return { reconciliation: { ok: all.every((c) => c.ok), checks: all } };
      }
      if (actions instanceof LoanActions) {
        const all = [...reconciliation.checks, await loanBookChainCheck(node, actions.book), await loanWalletsCheck(node, actions.expected)];
        return { reconciliation: { ok: all.every((c) => c.ok), checks: all } };
      }
      if (!(actions instanceof PostFactumActions)) return { reconciliation };
      // The orders themselves: open ones against the escrow boxes, all against the indexer where it serves them.
      const checks = [await postFactumChainCheck(node, communityId, log.events)];
      const indexed = indexerUrl === undefined ? undefined : await postFactumIndexerCheck(indexerUrl, communityId, log.events);
      if (indexed) checks.push(indexed);
      const all = [...reconciliation.checks, ...checks];
      return { reconciliation: { ok: all.every((c) => c.ok), checks: all }, postFactum: { indexerChecked: indexed !== undefined } };
    },
    report,
  };
}

/** A network's parts: one ledger and one set of actions per community, one box store, one model. */
function networkParts(scenario: Scenario, network: NetworkSpec, driver: ChainDriver, pipeline: Pipeline, log: EventLog): Omit<Parts, "driver" | "report"> {
  const store = new NetworkBoxes();
  const ledgers = network.communities.map(() => new Ledger());
  const books = new LedgerSet(ledgers, (member: number): number => model.members[member]!.community);
  const contexts = ledgers.map((ledger, c): ActionContext => ({ scenario: communityScenario(scenario, network, c), ledger, boxes: store.view(), pipeline, driver, log }));
  const actions = new NetworkActions(network, contexts, books, store);
  const model: AgentModel = new AgentModel(scenario, books, actions);
  return {
    ctx: contexts[0]!,
    actions,
    model,
    ledger: () => mergedLedger(ledgers),
    setUp: async (members, progress) => (await setUpNetwork(actions, store, members, progress)).communityIds[0]!,
    reconcile: async (node, indexerUrl) => {
      const reconciliations: Reconciliation[] = [];
      for (const [c, ledger] of ledgers.entries()) {
        // The indexer lists a community's payments as its local ones and the cross payments it paid or received (one leg each).
        const inCommunity = (member: number | undefined) => member !== undefined && model.members[member]?.community === c;
        const events = log.events.filter((e) => inCommunity(e.member) || (e.kind === "payment" && inCommunity(e.payee)));
        reconciliations.push(await reconcile({ node, indexerUrl, communityId: actions.communityIds[c]!, ledger, accountOf: actions.accountOf, events, label: network.communities[c]!.key }));
      }
      const reconciliation = { ok: reconciliations.every((r) => r.ok), checks: reconciliations.flatMap((r) => r.checks) };
      return { reconciliation, network: { communityIds: actions.communityIds, lineIds: actions.lineIds, ledgers, reconciliations } };
    },
  };
}

/** Runs a simulation; throws on a failure of the chain or the indexer, returns (with `reconciliation.ok` false) on a mismatch. */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const started = performance.now();
  const closers = new Closers();
  // The vote mines past the accounts' minimum age (720 blocks): a node would take a day.
  if (options.scenario.feeVote && options.node) throw new ScenarioError("--node", "feeVote", "a fee vote is simulated on the devnet only");
  try {
    const parts = await openParts(options, closers);
    const { driver, ctx, actions, model, report } = parts;
    report("setup");
    const communityId = await parts.setUp(model.drawInitialMembers(), () => report("setup"));
    actions.startHeight = driver.tipHeight;
    // Started after the setup: its mempool view would otherwise re-read thousands of pending joins on every pass.
    const indexer = await openIndexer(options, driver, closers);
    await driver.resetNodeTimes();
    ctx.pipeline.resetCounts();
    const setupMs = performance.now() - started;

    const stop = { afterPayments: options.stopAfterPayments, signal: options.signal };
    const { blocksRun, modelMs } = await trade(model, ctx.pipeline, ctx.log, stop, (block) => report("trading", block + 1));
    await ctx.pipeline.flush(actions.startHeight + blocksRun);
    const tradingMs = performance.now() - started - setupMs;
    const endHeight = driver.tipHeight;
    const nodeTimes = await driver.nodeTimes();

    report("indexing");
    const indexStarted = performance.now();
    if (indexer) await waitForHeight(indexer.running ?? indexer.url, endHeight, INDEX_WAIT_MS);
    const indexWaitMs = performance.now() - indexStarted;

    report("reconciling");
    const { log, pipeline } = ctx;
    const ledger = parts.ledger();
    const reconciled = await parts.reconcile(driver.node, indexer?.url);
    const { network, postFactum } = reconciled;
    let { reconciliation } = reconciled;
    // After the trading's reconciliation: the switch and the newcomer change the community box.
    const feeVote = options.scenario.feeVote
      ? await runFeeVote({ driver, scenario: options.scenario, spec: options.scenario.feeVote, communityId, members: model.members, accountOf: actions.accountOf })
      : undefined;
    if (feeVote) {
      const checks = [...reconciliation.checks, await feeVoteChainCheck(driver.node, communityId, feeVote, options.scenario.feeVote!)];
      if (indexer) {
        // The vote ran after the trading's indexing: the indexer catches up with it first.
        await waitForHeight(indexer.running ?? indexer.url, driver.tipHeight, INDEX_WAIT_MS);
        const indexed = await feeVoteIndexerCheck(indexer.url, communityId, feeVote, actions.accountOf);
        if (indexed) checks.push(indexed);
      }
      reconciliation = { ok: checks.every((c) => c.ok), checks };
    }
    await options.beforeClose?.({ node: driver.node, indexerUrl: indexer?.url, communityId, startHeight: actions.startHeight, endHeight });
    return {
      scenario: options.scenario,
      members: model.members,
      events: log.events,
      ledger,
      accountOf: actions.accountOf,
      addressOf: (member) => actions.key(member).address,
      chain: { kind: driver.kind, nodeUrl: driver.nodeUrl, communityId, startHeight: actions.startHeight, endHeight, indexerUrl: indexer?.url ?? null },
      blocksRun,
      reconciliation,
      ...(network ? { network } : {}),
      ...(actions instanceof OrderActions ? { orders: { signed: actions.signed, pendingAtEnd: actions.queue.length } } : {}),
      ...(actions instanceof DeskActions ? { desk: { deskId: actions.deskId } } : {}),
      ...(postFactum ? { postFactum } : {}),
      ...(actions instanceof LoanActions ? { loans: { loans: actions.book, refusals: actions.loanRefusals } } : {}),
      ...(feeVote ? { feeVote } : {}),
      ...(actions instanceof UnderwritingActions ? { underwriting: { underwriters: Array.from({ length: actions.spec.underwriters }, (_, u) => actions.underwriterKey(u).address) } } : {}),
      timings: { wallMs: performance.now() - started, setupMs, tradingMs, indexWaitMs, modelMs, pipeline: pipeline.times, node: nodeTimes, transactions: pipeline.submitted },
    };
  } finally {
    await closers.closeAll();
  }
}

/** The trading days: plan each day, act it block by block; returns the simulated blocks run and the time spent in the model. */
async function trade(
  model: AgentModel,
  pipeline: Pipeline,
  log: EventLog,
  stop: { afterPayments?: number; signal?: AbortSignal },
  blockDone: (block: number) => void,
): Promise<{ blocksRun: number; modelMs: number }> {
  const { days, blocksPerDay } = model.scenario;
  let modelMs = 0;
  for (let day = 0; day < days; day++) {
    let started = performance.now();
    const plan = model.planDay(day);
    for (let b = 0; b < blocksPerDay; b++) {
      const block = day * blocksPerDay + b;
      for (const item of plan[b]!) {
        model.act(item, block);
        if (stop.afterPayments !== undefined && log.paymentsAccepted >= stop.afterPayments) return { blocksRun: block + 1, modelMs: modelMs + performance.now() - started };
      }
      model.endBlock(block);
      modelMs += performance.now() - started;
      await pipeline.room();
      blockDone(block);
      if (stop.signal?.aborted) return { blocksRun: block + 1, modelMs };
      started = performance.now();
    }
  }
  return { blocksRun: days * blocksPerDay, modelMs };
}
