/**
 * A small LETS history on an in-process devnet, indexed and served by the web app: for looking at
 * the pages (screenshots) and trying the explorer by hand. The devnet's clock is set per block so
 * the history spans weeks and the charts have something to draw.
 */
import { devAccount } from "../../ergo/keys.ts";
import { Chain } from "../../devnet/chain.ts";
import { Miner } from "../../devnet/miner.ts";
import { buildServer } from "../../devnet/server.ts";
import { startIndexer } from "../../indexer/start.ts";
import { silentLogger } from "../../indexer/log.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { waitForNodeTip } from "../../indexer/wait.ts";
import { LetsOverHttp, ownerOf } from "../../client/lets-over-http.ts";
import { startWeb } from "../../web/start.ts";

const DAY_MS = 86_400_000;

export interface DemoStack {
  nodeUrl: string;
  indexerUrl: string;
  webUrl: string;
  communityId: string;
  /** Account ids by member index. */
  accountIds: string[];
  close(): Promise<void>;
}

/** A deterministic sequence of payments: day, payer, payee, amount (units at 2 decimals). */
export function demoPayments(members: number, days: number, perDay: number): [number, number, number, bigint][] {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const out: [number, number, number, bigint][] = [];
  for (let day = 1; day <= days; day++) {
    const used = new Set<number>();
    for (let i = 0; i < perDay; i++) {
      const payer = Math.floor(next() * members);
      // One payment per payer per block keeps each payment built on a confirmed box.
      if (used.has(payer)) continue;
      used.add(payer);
      const payee = (payer + 1 + Math.floor(next() * (members - 1))) % members;
      out.push([day, payer, payee, BigInt(100 + Math.floor(next() * 4_000))]);
    }
  }
  return out;
}

/** Starts devnet, indexer and web, and builds the history: one community, `members` members, payments over `days` days. */
export async function startDemoStack(options: { members?: number; days?: number; webPort?: number } = {}): Promise<DemoStack> {
  const members = options.members ?? 8;
  const days = options.days ?? 30;
  const clock = { now: Date.now() - (days + 1) * DAY_MS };
  const chain = new Chain(undefined, () => clock.now);
  const devnet = buildServer({ chain, miner: new Miner(chain, { blockTimeMs: 0, instant: false }), launchTime: clock.now });
  const nodeUrl = await devnet.listen({ port: 0, host: "127.0.0.1" });
  const node = new NodeClient(nodeUrl);
  const lets = new LetsOverHttp(node);
  const mine = () => node.request<{ height: number }>("POST", "/devnet/mine", { blocks: 1 });
  const founder = devAccount(0);
  const people = Array.from({ length: members }, (_, i) => devAccount(i + 1));
  const policy = { creditLimit: 50_000n, positiveCap: 0n, joinFeeNanoErg: 100_000_000n, collateralNanoErg: 1_000_000_000n, maxMembers: 50n, inactivityBlocks: 720n };
  const metadata = { name: "Kaikoura Dollars", symbol: "KCD", description: "A demonstration community on the local devnet.", decimals: 2 };
  await mine();
  const { communityId } = await lets.createCommunity(founder, policy, metadata);
  await mine();
  for (const person of people) await lets.join(communityId, person);
  await mine();
  const view = await lets.community(communityId);
  const accountIds = people.map((p) => view.accounts.find((a) => a.owner === ownerOf(p))!.accountId);
  for (let day = 1; day <= days; day++) {
    clock.now += DAY_MS;
    for (const [, payer, payee, amount] of demoPayments(members, days, 3).filter(([d]) => d === day)) {
      await lets.pay(communityId, people[payer]!, [{ member: people[payee]!, amountUnits: amount }]);
    }
    await mine();
  }
  clock.now = Date.now();
  const indexer = await startIndexer({ nodeUrl, port: 0, pollMs: 50, logger: silentLogger });
  await waitForNodeTip(indexer.url, nodeUrl, 60_000);
  const web = await startWeb({ port: options.webPort ?? 0, indexerUrl: indexer.url, nodeUrl, network: "devnet" });
  return {
    nodeUrl,
    indexerUrl: indexer.url,
    webUrl: web.url,
    communityId,
    accountIds,
    close: async () => {
      await web.close();
      await indexer.close();
      await devnet.close();
    },
  };
}
