/**
 * The till's row of `npm run bench:web`: from a payment's submission to the till's data source
 * saying it is paid. A stack as `lets up` runs it (a devnet mining every 2 s, the indexer following
 * it at its default poll, the built web app); a shop and a few customers; each run a customer pays
 * a fresh request of the shop's (its id in the payer's signed input, as the pay screen writes it),
 * and from the moment the node accepted the transaction two pollers run side by side: the till's
 * own call (`/api/requests/{id}` on the web server, which the till page polls) until it answers
 * "on-its-way" or "paid", and the reference, the indexer's account view of the shop until its
 * mempool rows list the transaction (what the till's answer rests on).
 */
import { TEST_METADATA, TEST_POLICY } from "../../contracts/testing/community-fixture.ts";
import { newRequestId } from "../../contracts/payment-request.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { startDevnet } from "../../devnet/start.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { devAccount } from "../../ergo/keys.ts";
import { silentLogger } from "../../indexer/log.ts";
import { startIndexer } from "../../indexer/start.ts";
import { waitForNodeTip } from "../../indexer/wait.ts";
import { until } from "../../util/until.ts";
import { startWeb } from "../start.ts";

/** The devnet's block interval, as `lets up` runs it. */
const BLOCK_MS = 2_000;
/** The indexer's poll of the node (its default, as `lets up` runs it). */
const INDEXER_POLL_MS = 500;
/** How often the pollers ask: finer than the till's own 500 ms, so the figure is the source's delay, not the poll's. */
const POLL_MS = 25;
/** A run that takes longer than this is a failure, not a figure. */
const GIVE_UP_MS = 30_000;
const SHOP = 1;
/** Each payment's amount: one base unit, so many runs stay inside the test policy's credit limit. */
const AMOUNT = 1n;
const CUSTOMERS = [2, 3, 4, 5];

/** Milliseconds from `start` until `done()` first answers true, asking every POLL_MS. */
async function elapsedUntil(what: string, start: number, done: () => Promise<boolean>): Promise<number> {
  for (;;) {
    if (await done()) return performance.now() - start;
    if (performance.now() - start > GIVE_UP_MS) throw new Error(`${what}: not seen within ${GIVE_UP_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Submission-to-paid samples (ms) of the till's call and of the reference, `runs` payments. */
export async function benchTill(runs: number): Promise<{ till: number[]; reference: number[]; blockMs: number; indexerPollMs: number }> {
  const devnet = await startDevnet({ port: 0, blockTimeMs: BLOCK_MS });
  const node = new NodeClient(devnet.url);
  const indexer = await startIndexer({ nodeUrl: devnet.url, port: 0, pollMs: INDEXER_POLL_MS, logger: silentLogger });
  const web = await startWeb({ port: 0, indexerUrl: indexer.url, nodeUrl: devnet.url, network: "devnet" });
  try {
    const lets = new LetsOverHttp(node);
    const { communityId } = await lets.createCommunity(devAccount(0), TEST_POLICY, TEST_METADATA);
    for (const member of [SHOP, ...CUSTOMERS]) await lets.join(communityId, devAccount(member));
    // Every member's account mined and indexed before the first run (the joins were chained in the mempool).
    const accountIds = (await lets.community(communityId)).accounts.map((a) => a.accountId);
    const indexed = async () => (await Promise.all(accountIds.map((id) => fetch(`${indexer.url}/accounts/${id}`).then((r) => r.ok)))).every(Boolean);
    await until("the members' accounts in the indexer", indexed, (ok) => ok, { timeoutMs: GIVE_UP_MS });
    const samples = { till: [] as number[], reference: [] as number[] };
    for (let run = 0; run < runs; run++) {
      const payer = devAccount(CUSTOMERS[run % CUSTOMERS.length]!);
      const shop = await lets.account(communityId, devAccount(SHOP));
      const requestId = newRequestId();
      const plan = await lets.planPay(payer, await lets.account(communityId, payer), [{ account: shop, amountUnits: AMOUNT }], { requestId });
      const { id } = await lets.submit(payer, plan);
      const start = performance.now();
      const query = new URLSearchParams({ community: communityId, payee: shop.accountId, amount: AMOUNT.toString() });
      const [till, reference] = await Promise.all([
        elapsedUntil("the till's call", start, async () => (await getJson<{ state: string }>(`${web.url}/api/requests/${requestId}?${query}`)).state !== "unpaid"),
        elapsedUntil("the indexer's pending view", start, async () => {
          const account = await getJson<{ pending: { txId: string }[] }>(`${indexer.url}/accounts/${shop.accountId}`);
          return account.pending.some((p) => p.txId === id) || (await getJson<{ total: number }>(`${indexer.url}/requests/${requestId}/payments?limit=1`)).total > 0;
        }),
      ]);
      samples.till.push(till);
      samples.reference.push(reference);
    }
    await waitForNodeTip(indexer, devnet.url, GIVE_UP_MS);
    return { ...samples, blockMs: BLOCK_MS, indexerPollMs: INDEXER_POLL_MS };
  } finally {
    await web.close();
    await indexer.close();
    await devnet.close();
  }
}
