/**
 * `npm run bench:web`: the web app's weight and speed. Prints one JSON document.
 *
 *   npm run bench:web -- [--members 10000] [--days 60] [--payments-per-day 300] [--profiles 0] [--runs 50] [--rebuild] [--no-browser]
 *
 * 1. Builds the app if build/ is stale (or with --rebuild, timed).
 * 2. Seeds a temporary PGlite indexer database with one community of `members` accounts (the
 *    first `profiles` of them named) and a history of payments (the indexer's own writer), serves
 *    the indexer API and the web app in this process.
 * 3. First-load JavaScript per page, gzip: what the HTML references, and what Chromium loads
 *    until the network is idle. Goal: under 200 kB.
 * 4. Server response time of the community page (median and p90 of `runs` sequential GETs after
 *    a warm-up), with the reference row in the same run: the indexer API calls the page makes,
 *    timed the same way. Goal: under 100 ms. Also the communities list, an active account's
 *    page and the balance distribution endpoint (the indexer's SQL buckets).
 * 5. Payment submission to paid on the till (`till.ts`, `--till-runs`): on a devnet mining every
 *    2 s, from the node's acceptance of a customer's payment of a request until the till's call
 *    (`/api/requests/{id}`) says it is paid; the reference row, timed in the same runs, is the
 *    indexer's mempool view listing the payment. Goal: under 2 s.
 */
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { TEST_METADATA, TEST_POLICY } from "../../contracts/testing/community-fixture.ts";
import { devAccount } from "../../ergo/keys.ts";
import { startDevnet } from "../../devnet/start.ts";
import { buildIndexerApi } from "../../indexer/api/app.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { openDatabase } from "../../indexer/db/connect.ts";
import { BUILD_DIR, ensureWebBuild } from "../build.ts";
import { startWeb } from "../start.ts";
import { weighPage } from "./first-load.ts";
import { seedLargeCommunity } from "./seed.ts";
import { benchTill } from "./till.ts";

const { values } = parseArgs({
  options: {
    members: { type: "string", default: "10000" },
    days: { type: "string", default: "60" },
    "payments-per-day": { type: "string", default: "300" },
    profiles: { type: "string", default: "0" },
    runs: { type: "string", default: "50" },
    "till-runs": { type: "string", default: "20" },
    rebuild: { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface Timing {
  medianMs: number;
  p90Ms: number;
}

function summary(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return { medianMs: round(sorted[Math.floor(sorted.length / 2)]!), p90Ms: round(sorted[Math.floor(sorted.length * 0.9)]!) };
}

/** Median and p90 of `runs` sequential calls (after 5 unmeasured ones), in ms. */
async function time(call: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 5; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  return summary(samples);
}

/**
 * `page` and its `reference` timed alternately, call for call, so both see the same moments of a
 * noisy machine.
 */
async function timePair(page: () => Promise<unknown>, reference: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) {
    await page();
    await reference();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, call] of [page, reference].entries()) {
      const t = performance.now();
      await call();
      samples[k]!.push(performance.now() - t);
    }
  }
  return samples.map(summary) as [Timing, Timing];
}

/** GETs `url` and reads the body; refuses anything but 200, so a broken page is never timed. */
async function get(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

const buildStart = performance.now();
await ensureWebBuild(values.rebuild);
const buildMs = values.rebuild ? Math.round(performance.now() - buildStart) : null;

const db = await openDatabase();
const seedStart = performance.now();
const seeded = await seedLargeCommunity(db, { members: Number(values.members), days: Number(values.days), paymentsPerDay: Number(values["payments-per-day"]), profiles: Number(values.profiles) });
const seedMs = Math.round(performance.now() - seedStart);
const api = buildIndexerApi({ db });
await api.listen({ port: 0, host: "127.0.0.1" });
const indexerUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
// A devnet with one real transaction, so the transaction page has something to show.
const devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
const created = await new LetsOverHttp(new NodeClient(devnet.url)).createCommunity(devAccount(0), TEST_POLICY, TEST_METADATA);
const createdHeight = (await (await fetch(`${devnet.url}/devnet/mine`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json()) as { height: number };
const web = await startWeb({ indexerUrl, nodeUrl: devnet.url, network: "testnet" });
let browser: Browser | undefined;
try {
  const c = seeded.communityId;
  const legs = (await (await fetch(`${indexerUrl}/communities/${c}/payments?limit=1`)).json()) as { items: { payer: string }[] };
  const active = legs.items[0]!; // the payer of the newest payment
  const pages = ["/", `/lets/${c}`, `/lets/${c}/members/${active.payer}`, `/tx/${created.id}?height=${createdHeight.height}`, "/lets/new", "/wallet", "/pay", `/lets/${c}/till`];

  if (!values["no-browser"]) browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] }).catch(() => undefined);
  const weights = [];
  for (const path of pages) weights.push(await weighPage(web.url, path, join(BUILD_DIR, "client"), browser));

  // The page's own indexer calls as the page makes them: three together, then the names of the
  // payments' accounts (one call for those accounts); and each alone.
  const calls = {
    community: `${indexerUrl}/communities/${c}`,
    members: `${indexerUrl}/communities/${c}/accounts?sort=joinedHeight&order=asc&limit=50&offset=0`,
    payments: `${indexerUrl}/communities/${c}/payments?order=desc&limit=25&offset=0`,
  };
  const shown = (await (await fetch(calls.payments)).json()) as { items: { payer: string; payee: string }[] };
  const names = `${indexerUrl}/communities/${c}/profiles?limit=100&accounts=${[...new Set(shown.items.flatMap((p) => [p.payer, p.payee]))].join(",")}`;
  const [communityPage, indexerCalls] = await timePair(
    () => get(`${web.url}/lets/${c}`),
    async () => {
      await Promise.all(Object.values(calls).map(get));
      await get(names);
    },
  );
  const eachCall: Record<string, Timing> = {};
  for (const [name, url] of Object.entries({ ...calls, names })) eachCall[name] = await time(() => get(url));
  const server = {
    communityPage,
    reference: { what: "the community page's indexer API calls (community, members and payments together, then the names of the payments' accounts), without the web server (timed alternately with the page)", ...indexerCalls },
    referenceEachCall: eachCall,
    ratio: Math.round((communityPage.medianMs / indexerCalls.medianMs) * 100) / 100,
    communitiesPage: await time(() => get(`${web.url}/`)),
    accountPage: await time(() => get(`${web.url}/lets/${c}/members/${active.payer}`)),
    distributionEndpoint: await time(() => get(`${web.url}/lets/${c}/distribution.json`)),
  };
  const tillRuns = await benchTill(Number(values["till-runs"]));
  const till = {
    runs: tillRuns.till.length,
    blockMs: tillRuns.blockMs,
    indexerPollMs: tillRuns.indexerPollMs,
    paymentToPaid: summary(tillRuns.till),
    reference: { what: "the indexer's account view listing the payment in its mempool rows, polled from the same moment", ...summary(tillRuns.reference) },
  };
  const kB = (bytes: number | null) => (bytes === null ? null : Math.round(bytes / 100) / 10);
  console.log(
    JSON.stringify(
      {
        benchmark: "web",
        node: process.version,
        buildMs,
        seed: { members: Number(values.members), profiles: Number(values.profiles), payments: seeded.payments, blocks: seeded.height, seedMs },
        runs,
        goals: { firstLoadJsGzipKb: 200, communityPageMs: 100, tillPaymentToPaidMs: 2_000 },
        firstLoad: weights.map((w) => ({
          path: w.path.replace(c, "{communityId}").replace(active.payer, "{accountId}").replace(created.id, "{txId}"),
          status: w.status,
          htmlJsFiles: w.htmlJsFiles,
          htmlJsGzipKb: kB(w.htmlJsGzipBytes),
          loadedJsFiles: w.loadedJsFiles,
          loadedJsGzipKb: kB(w.loadedJsGzipBytes),
          loadedWasmGzipKb: kB(w.loadedWasmGzipBytes),
          cssGzipKb: kB(w.cssGzipBytes),
        })),
        server,
        till,
      },
      null,
      2,
    ),
  );
} finally {
  await browser?.close();
  await web.close();
  await api.close();
  await db.destroy();
  await devnet.close();
}
