/**
 * Devnet benchmark: `npm run bench:devnet [-- --payments 300] [-- --members 40] [-- --every 10]
 * [-- --signers 1] [-- --runs 5]`.
 *
 * Prints JSON lines on stdout (progress on stderr). Every run starts a fresh devnet in this process
 * (in this thread or in a worker thread), reached over HTTP with real fetch to 127.0.0.1; funds
 * `--members` development keys, creates a community and joins them all; then sends `--payments`
 * payments, each built with `pay`, signed with ergo-lib (`signWithSecrets`), POSTed to
 * `/transactions`, validated and mined. Payers go round-robin, each paying the next member one
 * unit. The client keeps the newest box of every account from the outputs of its own transactions
 * (box ids included), so payments chain in the mempool without reading boxes back. A run checks
 * at the end that every payment is in a block, the mempool is empty and the balances sum to 0.
 *
 *  - `endToEnd` rows. Mining: `instant` (the devnet mines each accepted payment) or `every-K`
 *    (the client calls `POST /devnet/mine` after every K payments). Client:
 *    `sequential`: devnet and client share one thread, each payment waits for the previous one,
 *      and the client reads the tip (`/info`, `/blocks/lastHeaders/10`) whenever it moved;
 *    `pipelined`: the devnet in a worker thread; the client signs payment k+1 while the devnet
 *      validates payment k (two threads);
 *    `signing-worker`: signing in `--signers` worker threads (default 1: with the devnet's thread
 *      that makes two busy threads for two cores; more only compete for the CPU); the devnet and
 *      the rest of the client share the main thread, which builds, predicts each transaction's id
 *      and box ids with Fleet (to chain the next payment before its signature exists) and submits
 *      in order.
 *    Pipelined and signing-worker clients read the tip every K payments (a signing context a few blocks
 *    old is as good: the contracts accept heights up to 720 blocks back). Reported: payments per
 *    second, and where the time goes: each client phase (median ms, ms per payment) and the
 *    devnet's own validation and mining time, measured inside its chain. Phases of pipelined and
 *    signing-worker clients overlap, so their ms per payment add up to more than the wall time.
 *  - `devnetAlone` row: the same payments signed beforehand, then POSTed back to back and mined
 *    every K: what the devnet accepts per second when signing costs nothing.
 *  - `validation` row: the devnet's `validateTransaction` (what `POST /transactions` runs) on
 *    pre-signed payments, next to the reference row, bare ergo-lib `validate_tx` on the same signed
 *    payments with the same input boxes and context (parsed beforehand), interleaved in the same
 *    run; median µs per transaction and the ratio (the devnet's overhead).
 *  - `summary` row: the issue's goals (overhead under 2x; at least 100 payments/s end to end on
 *    2 cores), met or not, with the figures they were judged on.
 */
import { availableParallelism, cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { ErgoBox, ErgoBoxes, Transaction, validate_tx } from "ergo-lib-wasm-nodejs";
import { DEFAULT_FEE, pay, type CommunityMetadata, type Policy } from "../../contracts/index.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp, ownerOf, type KeyHolder, type Tip } from "../../client/lets-over-http.ts";
import { devAccount } from "../../ergo/keys.ts";
import { parseJson, stringifyJson } from "../../ergo/json.ts";
import { signWithSecrets } from "../../ergo/signer.ts";
import { startDevnet, type Devnet } from "../start.ts";
import type { NodeHeader } from "../../ergo/types.ts";
import { validateTransaction } from "../validate.ts";
import { predict } from "../../ergo/predict.ts";
import { SignerPool } from "../../ergo/signer-pool.ts";
import { LocalBoxes } from "../../client/local-boxes.ts";

const GOAL = { maxOverhead: 2, minPaymentsPerSecond: 100, cores: 2 };
/** Development-key indexes of the members (not the ten genesis-funded accounts: the faucet funds them). */
const FIRST_MEMBER_KEY = 100;
const MEMBER_FUNDS = 10n * 1_000_000_000n;
const POLICY: Policy = {
  creditLimit: 1_000_000n,
  positiveCap: 0n,
  joinFeeNanoErg: 1_000_000n,
  collateralNanoErg: 10_000_000n,
  maxMembers: 1_000n,
  inactivityBlocks: 0n,
};
const METADATA: CommunityMetadata = { name: "Bench Dollars", symbol: "BND", description: "bench:devnet", decimals: 0 };

interface Options {
  payments: number;
  members: number;
  every: number;
  signers: number;
  runs: number;
}

interface Member extends KeyHolder {
  accountId: string;
}

type ClientKind = "sequential" | "pipelined" | "signing-worker";

interface Mode {
  instant: boolean;
  client: ClientKind;
}

type ServerPhase = "validate" | "mine";
type ServerTimes = Record<ServerPhase, number[]>;

function progress(message: string): void {
  process.stderr.write(`bench:devnet: ${message}\n`);
}

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      payments: { type: "string" },
      members: { type: "string" },
      every: { type: "string" },
      signers: { type: "string" },
      runs: { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const int = (name: string, value: string | undefined, fallback: number, min: number): number => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${value}`);
    return n;
  };
  return {
    payments: int("payments", values.payments, 300, 1),
    members: int("members", values.members, 40, 2),
    every: int("every", values.every, 10, 1),
    signers: int("signers", values.signers, 1, 1),
    runs: int("runs", values.runs, 5, 1),
  };
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0);

/** Times `work` and appends the milliseconds to `into`. */
async function timed<T>(into: number[], work: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    into.push(performance.now() - start);
  }
}

/** Yields to the event loop so a request just issued is written to its socket. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Wraps the chain's `submit` and `mine` to time the devnet's own work inside the server. */
function instrument(devnet: Devnet): ServerTimes {
  const server: ServerTimes = { validate: [], mine: [] };
  const chain = devnet.chain;
  const submit = chain.submit.bind(chain);
  const mine = chain.mine.bind(chain);
  chain.submit = (input) => {
    const start = performance.now();
    try {
      return submit(input);
    } finally {
      server.validate.push(performance.now() - start);
    }
  };
  chain.mine = (count) => {
    const start = performance.now();
    try {
      return mine(count);
    } finally {
      server.mine.push(performance.now() - start);
    }
  };
  return server;
}

// ---------------------------------------------------------------------------------------------
// Worker threads: this file is also the script of the devnet worker (signing workers are ergo/signer-pool.ts's).

/** Starts this file in a worker thread with `role`, through tsx's loader registered in the worker. */
function startWorker(data: Record<string, unknown>): Worker {
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

/** A worker answering one request at a time, in order. */
class Conversation {
  private readonly replies: ((value: unknown) => void)[] = [];
  private readonly failed: Promise<never>;

  constructor(readonly worker: Worker) {
    this.failed = new Promise<never>((_, reject) => worker.once("error", reject));
    this.failed.catch(() => undefined);
    worker.on("message", (message: unknown) => this.replies.shift()?.(message));
  }

  /** Sends `request` (or nothing: waits for the next message) and returns the reply. */
  ask<T>(request?: unknown): Promise<T> {
    const reply = new Promise<T>((resolve) => this.replies.push(resolve as (value: unknown) => void));
    if (request !== undefined) this.worker.postMessage(request);
    return Promise.race([reply, this.failed]);
  }
}

/** A running devnet as the benchmark drives it: its URL and the server-side timings. */
interface BenchDevnet {
  url: string;
  /** Clears the server-side timings (after setting up). */
  reset(): Promise<void>;
  stats(): Promise<ServerTimes>;
  close(): Promise<void>;
}

/** The devnet on this thread, sharing it with the client. */
async function devnetHere(instant: boolean): Promise<BenchDevnet> {
  const devnet = await startDevnet({ port: 0, blockTimeMs: 0, instant });
  const server = instrument(devnet);
  return {
    url: devnet.url,
    async reset() {
      server.validate.length = 0;
      server.mine.length = 0;
    },
    async stats() {
      return server;
    },
    close: () => devnet.close(),
  };
}

/** The devnet in a worker thread of this process: its own core, reached over HTTP all the same. */
async function devnetInWorker(instant: boolean): Promise<BenchDevnet> {
  const talk = new Conversation(startWorker({ role: "devnet", instant }));
  const { url } = await talk.ask<{ url: string }>();
  return {
    url,
    reset: () => talk.ask("reset"),
    stats: () => talk.ask("stats"),
    async close() {
      await talk.ask("close");
      await talk.worker.terminate();
    },
  };
}

async function runDevnetWorker(instant: boolean): Promise<void> {
  const port = parentPort!;
  const devnet = await startDevnet({ port: 0, blockTimeMs: 0, instant });
  const server = instrument(devnet);
  port.on("message", (request: "reset" | "stats" | "close") => {
    if (request === "reset") {
      server.validate.length = 0;
      server.mine.length = 0;
      port.postMessage("ok");
    } else if (request === "stats") {
      port.postMessage(server);
    } else {
      void devnet.close().then(() => port.postMessage("closed"));
    }
  });
  port.postMessage({ url: devnet.url });
}

// ---------------------------------------------------------------------------------------------
// The community and the payments.

/** Funds `count` fresh members from the faucet, creates a community and joins them all. */
async function setUp(
  url: string,
  count: number,
  reserveNanoErg: bigint,
): Promise<{ node: NodeClient; lets: LetsOverHttp; communityId: string; members: Member[] }> {
  const node = new NodeClient(url);
  const lets = new LetsOverHttp(node);
  const mine = () => node.request("POST", "/devnet/mine", { blocks: 1 });
  const keys = Array.from({ length: count }, (_, i) => devAccount(FIRST_MEMBER_KEY + i));
  for (const key of keys) await node.request("POST", "/devnet/fund", { address: key.address, nanoErg: MEMBER_FUNDS });
  await mine();
  const { communityId } = await lets.createCommunity(devAccount(0), POLICY, METADATA);
  await mine();
  for (const key of keys) await lets.join(communityId, key, reserveNanoErg);
  await mine();
  const { accounts } = await lets.community(communityId);
  const members = keys.map((key) => {
    const account = accounts.find((a) => a.owner === ownerOf(key));
    if (!account) throw new Error(`member ${key.address} has no account`);
    return { ...key, accountId: account.accountId };
  });
  return { node, lets, communityId, members };
}

/** The live account boxes, to build payments from without reading the node. */
function liveBoxes(accounts: { box: Box<Amount> }[]): LocalBoxes {
  const boxes = new LocalBoxes();
  boxes.add(accounts.map((a) => a.box));
  return boxes;
}

/** Payment `k`: member k pays member k+1 one unit, on the newest boxes, built at `height`. */
function payment(k: number, members: Member[], latest: LocalBoxes, height: number): { payer: Member; unsigned: EIP12UnsignedTransaction } {
  const payer = members[k % members.length]!;
  const payee = members[(k + 1) % members.length]!;
  const unsigned = pay({ payer: latest.account(payer.accountId), payees: [{ account: latest.account(payee.accountId), amountUnits: 1n }] }, { height });
  return { payer, unsigned };
}

/** Reads the tip for signing workers: height and the last ten headers, newest first. */
async function readTip(node: NodeClient): Promise<{ height: number; headers: NodeHeader[]; timestamp: number }> {
  const [info, headers] = await Promise.all([node.info(), node.lastHeaders(10)]);
  const newest = headers as unknown as NodeHeader[];
  return { height: info.fullHeight, headers: newest, timestamp: Math.max(Date.now(), (newest[0]?.timestamp ?? 0) + 1) };
}

/** Checks that every payment is on chain and nothing is pending; returns the blocks mined. */
async function checkOutcome(
  label: string,
  node: NodeClient,
  lets: LetsOverHttp,
  communityId: string,
  startHeight: number,
  expectedBlocks: number,
): Promise<number> {
  const [endHeight, pending, view] = await Promise.all([
    node.height(),
    node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds"),
    lets.community(communityId),
  ]);
  const blocks = endHeight - startHeight;
  if (pending.length !== 0 || blocks !== expectedBlocks) {
    throw new Error(`${label}: ${pending.length} pending, ${blocks} blocks mined, expected ${expectedBlocks}`);
  }
  const total = view.accounts.reduce((s, a) => s + a.balance, 0n) + view.community.communityBalance;
  if (total !== 0n) throw new Error(`${label}: balances sum to ${total}`);
  return blocks;
}

type ClientTimes = Record<"context" | "build" | "predictIds" | "sign" | "submit" | "mine", number[]>;

/** The payments of one run, with the client of `mode`; returns the wall time in ms. */
async function sendPayments(
  mode: Mode,
  opts: Options,
  env: { node: NodeClient; lets: LetsOverHttp; members: Member[]; latest: LocalBoxes; signers?: SignerPool },
  client: ClientTimes,
): Promise<number> {
  const { node, lets, members, latest } = env;
  const mine = () => timed(client.mine, () => node.request("POST", "/devnet/mine", { blocks: 1 }));
  const mineAfter = (k: number) => !mode.instant && ((k + 1) % opts.every === 0 || k + 1 === opts.payments);
  const started = performance.now();

  if (mode.client === "signing-worker") {
    const signers = env.signers!;
    let tip = await timed(client.context, () => readTip(node));
    let submitted: Promise<void> = Promise.resolve();
    const queue: Promise<void>[] = [];
    for (let k = 0; k < opts.payments; k++) {
      if (k > 0 && k % opts.every === 0) tip = await timed(client.context, () => readTip(node));
      const at = tip;
      const { payer, unsigned } = await timed(client.build, () => payment(k, members, latest, at.height));
      const predicted = await timed(client.predictIds, () => predict(unsigned));
      latest.apply([], predicted.outputs);
      const signing = signers.sign(unsigned, [payer.secretKey], { height: at.height + 1, headers: at.headers, timestamp: at.timestamp });
      signing.catch(() => undefined);
      const after = submitted;
      submitted = (async () => {
        const { signed, ms } = await signing;
        client.sign.push(ms);
        await after;
        const id = await timed(client.submit, () => node.submit(signed));
        if (id !== predicted.id) throw new Error(`payment ${k}: the devnet accepted ${id}, predicted ${predicted.id}`);
        if (mineAfter(k)) await mine();
      })();
      submitted.catch(() => undefined);
      queue.push(submitted);
      // At most two payments per signer signed ahead of the devnet.
      if (queue.length > 2 * opts.signers) await queue.shift();
    }
    await submitted;
    return performance.now() - started;
  }

  const pipelined = mode.client === "pipelined";
  let tip: Tip | undefined;
  let previous: Promise<void> = Promise.resolve();
  for (let k = 0; k < opts.payments; k++) {
    if (!tip) {
      await previous;
      tip = await timed(client.context, () => lets.tip());
    }
    const at = tip;
    const { payer, unsigned } = await timed(client.build, () => payment(k, members, latest, at.height));
    const signed = await timed(client.sign, () => signWithSecrets(unsigned, [payer.secretKey], at.context));
    latest.apply([], signed.outputs);
    // Submissions stay in order: payment k is sent once payment k-1 is accepted.
    let accepted: Promise<void> = Promise.resolve();
    await timed(client.submit, async () => {
      await previous;
      accepted = node.submit(signed).then((id) => {
        if (id !== signed.id) throw new Error(`payment ${k}: the devnet accepted ${id}, not ${signed.id}`);
      });
      accepted.catch(() => undefined); // awaited later; keeps Node from calling it unhandled meanwhile
      if (pipelined) await yieldToIo();
      else await accepted;
    });
    previous = accepted;
    if (mineAfter(k)) {
      await previous;
      await mine();
    }
    const refresh = pipelined ? (k + 1) % opts.every === 0 : mode.instant || mineAfter(k);
    if (refresh) {
      at.context.free();
      tip = undefined;
    }
  }
  await previous;
  const elapsed = performance.now() - started;
  tip?.context.free();
  return elapsed;
}

function label(mode: Mode, opts: Options): string {
  return `${mode.instant ? "instant" : `every-${opts.every}`}-${mode.client}`;
}

const CLIENTS: Record<ClientKind, string> = {
  sequential: "1 thread: the devnet and the client share it; each payment waits for the previous one",
  pipelined: "2 threads: the devnet in a worker; the client signs payment k+1 while the devnet validates payment k",
  "signing-worker": "signing in worker(s); the devnet and the client's building, id prediction (Fleet) and in-order submission share the main thread",
};

/** One end-to-end run. */
async function endToEnd(mode: Mode, opts: Options): Promise<Record<string, unknown>> {
  const name = label(mode, opts);
  const devnet = mode.client === "pipelined" ? await devnetInWorker(mode.instant) : await devnetHere(mode.instant);
  const signers = mode.client === "signing-worker" ? await SignerPool.start(opts.signers) : undefined;
  try {
    const perPayer = Math.ceil(opts.payments / opts.members);
    const { node, lets, communityId, members } = await setUp(devnet.url, opts.members, BigInt(perPayer + 5) * DEFAULT_FEE);
    const latest = liveBoxes((await lets.community(communityId)).accounts);
    const startHeight = await node.height();
    progress(`${name}: ${opts.members} members joined at height ${startHeight}; ${opts.payments} payments`);
    await devnet.reset();

    const client: ClientTimes = { context: [], build: [], predictIds: [], sign: [], submit: [], mine: [] };
    const elapsedMs = await sendPayments(mode, opts, { node, lets, members, latest, signers }, client);
    const server = await devnet.stats();
    const expectedBlocks = mode.instant ? opts.payments : Math.ceil(opts.payments / opts.every);
    const blocks = await checkOutcome(name, node, lets, communityId, startHeight, expectedBlocks);

    const phase = (values: number[]) => ({ medianMs: round(median(values)), msPerPayment: round(sum(values) / opts.payments), count: values.length });
    const submitName = mode.client === "pipelined" ? "waitAndSubmit" : "submitAndValidate";
    const clientPhases: Record<string, unknown> = {
      context: phase(client.context),
      build: phase(client.build),
      ...(mode.client === "signing-worker" ? { predictIds: phase(client.predictIds) } : {}),
      sign: phase(client.sign),
      [submitName]: phase(client.submit),
      mine: phase(client.mine),
    };
    const serverInSubmit = sum(server.validate) + (mode.instant ? sum(server.mine) : 0);
    return {
      endToEnd: name,
      mining: mode.instant ? "--instant: the devnet mines a block for each accepted payment" : `POST /devnet/mine after every ${opts.every} payments`,
      client: mode.client,
      threads: mode.client === "signing-worker" ? `${opts.signers + 1} threads: ${CLIENTS["signing-worker"]}` : CLIENTS[mode.client],
      members: opts.members,
      payments: opts.payments,
      accepted: opts.payments,
      blocks,
      seconds: round(elapsedMs / 1000),
      paymentsPerSecond: round((opts.payments * 1000) / elapsedMs, 1),
      msPerPayment: round(elapsedMs / opts.payments),
      clientPhases,
      devnet: {
        validate: phase(server.validate),
        mine: phase(server.mine),
        ...(mode.client === "sequential" ? { httpMsPerPayment: round((sum(client.submit) - serverInSubmit) / opts.payments) } : {}),
      },
    };
  } finally {
    await signers?.close();
    await devnet.close();
  }
}

/** The devnet alone: the same payments signed beforehand, then POSTed back to back and mined. */
async function devnetAlone(opts: Options): Promise<Record<string, unknown>> {
  const devnet = await devnetHere(false);
  try {
    const perPayer = Math.ceil(opts.payments / opts.members);
    const { node, lets, communityId, members } = await setUp(devnet.url, opts.members, BigInt(perPayer + 5) * DEFAULT_FEE);
    const latest = liveBoxes((await lets.community(communityId)).accounts);
    const startHeight = await node.height();
    progress(`devnet alone: signing ${opts.payments} payments first`);
    const tip = await lets.tip();
    const signed = Array.from({ length: opts.payments }, (_, k) => {
      const { payer, unsigned } = payment(k, members, latest, tip.height);
      const tx = signWithSecrets(unsigned, [payer.secretKey], tip.context);
      latest.apply([], tx.outputs);
      return tx;
    });
    tip.context.free();
    await devnet.reset();
    const submit: number[] = [];
    const mine: number[] = [];
    const started = performance.now();
    for (const [k, tx] of signed.entries()) {
      const id = await timed(submit, () => node.submit(tx));
      if (id !== tx.id) throw new Error(`payment ${k}: the devnet accepted ${id}, not ${tx.id}`);
      if ((k + 1) % opts.every === 0 || k + 1 === opts.payments) await timed(mine, () => node.request("POST", "/devnet/mine", { blocks: 1 }));
    }
    const elapsedMs = performance.now() - started;
    const server = await devnet.stats();
    const blocks = await checkOutcome("devnet alone", node, lets, communityId, startHeight, Math.ceil(opts.payments / opts.every));
    return {
      devnetAlone: `every-${opts.every}`,
      what: "payments signed beforehand, POSTed one after the other over HTTP (1 thread), mined every K: the devnet's own capacity",
      payments: opts.payments,
      blocks,
      seconds: round(elapsedMs / 1000),
      paymentsPerSecond: round((opts.payments * 1000) / elapsedMs, 1),
      msPerPayment: round(elapsedMs / opts.payments),
      submitAndValidate: { medianMs: round(median(submit)) },
      devnet: {
        validate: { medianMs: round(median(server.validate)), msPerPayment: round(sum(server.validate) / opts.payments) },
        mine: { medianMs: round(median(server.mine)), msPerPayment: round(sum(server.mine) / opts.payments) },
        httpMsPerPayment: round((sum(submit) - sum(server.validate)) / opts.payments),
      },
    };
  } finally {
    await devnet.close();
  }
}

/** Validation alone: the devnet's `validateTransaction` next to bare `validate_tx`, same payments. */
async function validation(opts: Options): Promise<Record<string, unknown>> {
  const devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  try {
    const { lets, communityId, members } = await setUp(devnet.url, opts.members, 10n * DEFAULT_FEE);
    const latest = liveBoxes((await lets.community(communityId)).accounts);
    const tip = await lets.tip();
    const chain = devnet.chain;
    const block = chain.nextBlockContext();
    if (block.height !== tip.height + 1) throw new Error("the devnet's context is not the next block's");
    // One independent payment per member, all on the current UTXO set: member i pays member i + 1.
    const payments = members.map((_, i) => {
      const { payer, unsigned } = payment(i, members, latest, tip.height);
      const signed = signWithSecrets(unsigned, [payer.secretKey], tip.context);
      // What the devnet's route receives: the request body as its JSON parser reads it.
      const body = parseJson(stringifyJson(signed));
      const tx = Transaction.from_json(stringifyJson(signed));
      const inputs = ErgoBoxes.empty();
      for (const input of signed.inputs) {
        const box = ErgoBox.from_json(stringifyJson(chain.ledger.utxo.get(input.boxId)!));
        inputs.add(box);
        box.free();
      }
      return { body, tx, inputs };
    });
    tip.context.free();
    const dataInputs = ErgoBoxes.empty();
    const view = chain.view();
    const devnetUs: number[] = [];
    const bareUs: number[] = [];
    const runDevnet = (p: (typeof payments)[number]) => {
      const start = performance.now();
      validateTransaction(p.body, view, block);
      devnetUs.push((performance.now() - start) * 1000);
    };
    const runBare = (p: (typeof payments)[number]) => {
      const start = performance.now();
      validate_tx(p.tx, block.context, p.inputs, dataInputs);
      bareUs.push((performance.now() - start) * 1000);
    };
    for (const p of payments.slice(0, 5)) {
      runDevnet(p);
      runBare(p);
    }
    devnetUs.length = 0;
    bareUs.length = 0;
    for (let run = 0; run < opts.runs; run++) {
      payments.forEach((p, i) => {
        // Alternate which goes first so neither always gets the warmer caches.
        if ((run + i) % 2 === 0) {
          runDevnet(p);
          runBare(p);
        } else {
          runBare(p);
          runDevnet(p);
        }
      });
    }
    for (const p of payments) {
      p.tx.free();
      p.inputs.free();
    }
    dataInputs.free();
    const devnetMedian = median(devnetUs);
    const bareMedian = median(bareUs);
    return {
      validation: "pay (2 account inputs, 3 outputs, fee from the payer's account)",
      transactions: payments.length,
      runs: opts.runs,
      devnetValidateTransaction: {
        what: "devnet/validate.ts validateTransaction on the parsed request body: parse, look-ups, checks, validate_tx",
        medianUs: round(devnetMedian, 1),
        samples: devnetUs.length,
      },
      reference: { what: "ergo-lib validate_tx alone, transaction and input boxes parsed beforehand", medianUs: round(bareMedian, 1), samples: bareUs.length },
      overhead: round(devnetMedian / bareMedian, 2),
    };
  } finally {
    await devnet.close();
  }
}

async function main(): Promise<void> {
  const opts = options();
  const cores = availableParallelism();
  const cpu = cpus()[0]?.model ?? "unknown";
  progress(`${cores} cores (${cpu}), node ${process.version}`);
  const modes: Mode[] = [
    { instant: true, client: "sequential" },
    { instant: false, client: "sequential" },
    { instant: false, client: "pipelined" },
    { instant: true, client: "signing-worker" },
    { instant: false, client: "signing-worker" },
  ];
  const rows: Record<string, unknown>[] = [];
  for (const mode of modes) {
    const row = await endToEnd(mode, opts);
    emit(row);
    rows.push(row);
  }
  const alone = await devnetAlone(opts);
  emit(alone);
  progress("validation alone");
  const check = await validation(opts);
  emit(check);
  const overhead = check.overhead as number;
  const best = rows.reduce((a, b) => ((a.paymentsPerSecond as number) >= (b.paymentsPerSecond as number) ? a : b));
  const throughput = best.paymentsPerSecond as number;
  emit({
    summary: {
      machine: { cores, cpu, node: process.version },
      endToEnd: Object.fromEntries(rows.map((r) => [r.endToEnd as string, r.paymentsPerSecond])),
      devnetAlone: alone.paymentsPerSecond,
      goals: {
        overhead: { target: `< ${GOAL.maxOverhead}x bare validate_tx`, actual: overhead, met: overhead < GOAL.maxOverhead },
        throughput: {
          target: `>= ${GOAL.minPaymentsPerSecond} payments/s end to end on ${GOAL.cores} cores`,
          actual: throughput,
          mode: best.endToEnd,
          cores,
          met: throughput >= GOAL.minPaymentsPerSecond && cores <= GOAL.cores,
        },
      },
      met: overhead < GOAL.maxOverhead && throughput >= GOAL.minPaymentsPerSecond && cores <= GOAL.cores,
    },
  });
}

const fail = (error: unknown) => {
  process.stderr.write(`bench:devnet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
};

const role = (workerData as { role?: string } | null)?.role;
if (isMainThread) main().catch(fail);
else if (role === "devnet") runDevnetWorker((workerData as { instant: boolean }).instant).catch(fail);
