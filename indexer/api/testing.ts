/**
 * Test support for the API specs: a LETS history on an in-process devnet, built over HTTP the way
 * wallets do it (`LetsOverHttp`), on a chain whose clock the test sets, so blocks fall on chosen
 * UTC days and stats have several buckets; the API over a database filled with it, per backend;
 * plus a CSV reader. The same `PAYMENTS` list drives the chain and the tests' oracles.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { closeDefaulted } from "../../contracts/builders/close-defaulted.ts";
import { TEST_METADATA } from "../../contracts/testing/community-fixture.ts";
import { testPolicy } from "../../contracts/testing/policy.ts";
import { devAccount } from "../../ergo/keys.ts";
import { startDevnet } from "../../devnet/start.ts";
import { LetsOverHttp, ownerOf, type KeyHolder } from "../../client/lets-over-http.ts";
import { openDatabase } from "../db/connect.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { syncOnce } from "../sync/pass.ts";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { TestDatabase } from "../db/testing.ts";
import { buildIndexerApi } from "./app.ts";
import { apiClient, type ApiClient } from "./test-client.ts";

export const DAY_MS = 86_400_000;
export const MEMBERS = { alice: devAccount(1), bob: devAccount(2), carol: devAccount(3), dave: devAccount(4), erin: devAccount(5) };
export type Name = keyof typeof MEMBERS;
export const FOUNDER = devAccount(0);
export const POLICY = testPolicy({ creditLimit: 1_000n, positiveCap: 0n, inactivityBlocks: 10n });
/** Community B's name needs CSV quoting. */
export const OTHER_METADATA = { ...TEST_METADATA, name: 'Second, "quoted"\nline', symbol: "SEC" };

/** Payments in community A by day (days after the start; one block each). */
export const PAYMENTS: { day: number; payer: Name; payees: [Name, bigint][] }[] = [
  { day: 1, payer: "alice", payees: [["bob", 30n]] },
  { day: 1, payer: "bob", payees: [["carol", 10n]] },
  { day: 8, payer: "carol", payees: [["alice", 5n], ["bob", 7n]] },
  { day: 8, payer: "dave", payees: [["alice", 40n]] },
  { day: 40, payer: "bob", payees: [["alice", 1n]] },
];
/** Everyone joins A on day 0; erin leaves on day 8; dave defaults on day 40 (before that day's payment). */
export const DAYS = [0, 1, 8, 40];

/** Community A's totals after a day, read from the chain. */
export interface Snapshot {
  time: number;
  moneySupply: bigint;
  creditInUse: bigint;
}

export interface History {
  /** The devnet's URL. */
  url: string;
  node: NodeClient;
  lets: LetsOverHttp;
  communityId: string;
  otherCommunityId: string;
  /** Community A's account ids by member. */
  accountIds: Record<Name, string>;
  /** Height of each `PAYMENTS` entry's block. */
  paymentHeights: number[];
  snapshots: Snapshot[];
  /** Day 0, 10:00 UTC, a Monday. */
  start: number;
  close(): Promise<void>;
}

/** The first Monday 10:00 UTC after `ms`. */
function mondayAfter(ms: number): number {
  const day = new Date(ms);
  const base = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10);
  const toMonday = (8 - new Date(base).getUTCDay()) % 7 || 7;
  return base + toMonday * DAY_MS;
}

/**
 * The history one spec file shares across its backends: built before the file's first test and
 * closed after its last. The object is filled in by the file's first `beforeAll`, so read it in
 * hooks and tests, not at the top level.
 */
export function historyForThisFile(): History {
  const shared = {} as History;
  let built: History | undefined;
  beforeAll(async () => {
    built = await buildHistory();
    Object.assign(shared, built);
  });
  afterAll(() => built?.close());
  return shared;
}

/** Builds the history (about 30 blocks) and leaves the devnet running. */
export async function buildHistory(): Promise<History> {
  const clock = { now: Date.now() };
  const devnet = await startDevnet({ port: 0, blockTimeMs: 0, now: () => clock.now });
  const url = devnet.url;
  const node = new NodeClient(url);
  const lets = new LetsOverHttp(node);
  const mine = async (blocks = 1) => (await node.request<{ height: number }>("POST", "/devnet/mine", { blocks })).height;
  const start = mondayAfter(Date.now());
  const accountIds = {} as Record<Name, string>;
  const paymentHeights: number[] = [];
  const snapshots: Snapshot[] = [];
  let communityId = "";
  let otherCommunityId = "";
  const snapshot = async (time: number) => {
    const balances = (await lets.community(communityId)).accounts.map((a) => a.balance);
    const moneySupply = balances.filter((b) => b > 0n).reduce((s, b) => s + b, 0n);
    const creditInUse = -balances.filter((b) => b < 0n).reduce((s, b) => s + b, 0n);
    snapshots.push({ time, moneySupply, creditInUse });
  };
  try {
    for (const day of DAYS) {
      const time = start + day * DAY_MS;
      clock.now = time;
      if (day === 0) {
        await mine(2);
        communityId = (await lets.createCommunity(FOUNDER, POLICY, TEST_METADATA)).communityId;
        otherCommunityId = (await lets.createCommunity(MEMBERS.bob, POLICY, OTHER_METADATA)).communityId;
        await mine();
        for (const member of Object.values(MEMBERS)) await lets.join(communityId, member, 1_000_000_000n);
        for (const member of [MEMBERS.alice, MEMBERS.carol]) await lets.join(otherCommunityId, member, 1_000_000_000n);
        await mine();
        for (const account of (await lets.community(communityId)).accounts) {
          const name = (Object.keys(MEMBERS) as Name[]).find((n) => ownerOf(MEMBERS[n]) === account.owner)!;
          accountIds[name] = account.accountId;
        }
      }
      if (day === 8) {
        await lets.leave(communityId, MEMBERS.erin);
        await lets.pay(otherCommunityId, MEMBERS.alice, [{ member: MEMBERS.carol, amountUnits: 3n }]);
        await mine();
      }
      if (day === 40) {
        await mine(Number(POLICY.inactivityBlocks) + 2);
        await closeDefaultedMember(lets, communityId, MEMBERS.dave);
        await mine();
      }
      for (const [i, payment] of PAYMENTS.entries()) {
        if (payment.day !== day) continue;
        await lets.pay(communityId, MEMBERS[payment.payer], payment.payees.map(([name, amountUnits]) => ({ member: MEMBERS[name], amountUnits })));
        paymentHeights[i] = await mine();
      }
      await snapshot(time);
    }
  } catch (error) {
    await devnet.close();
    throw error;
  }
  return { url, node, lets, communityId, otherCommunityId, accountIds, paymentHeights, snapshots, start, close: () => devnet.close() };
}

/** Anyone (here the founder) closes `debtor`'s account as defaulted. */
async function closeDefaultedMember(lets: LetsOverHttp, communityId: string, debtor: KeyHolder): Promise<void> {
  const { community, accounts } = await lets.community(communityId);
  const account = accounts.find((a) => a.owner === ownerOf(debtor));
  if (!account) throw new Error("no account to default");
  const wallet = await lets.wallet(FOUNDER);
  await lets.submit(FOUNDER, (height) => closeDefaulted({ community: community.box, accounts: [account.box] }, { height, wallet }));
}

/** UTC bucket start of `ms` (day; ISO week from Monday; month), the tests' own arithmetic. */
export function bucketStart(ms: number, interval: "day" | "week" | "month"): number {
  const d = new Date(ms);
  if (interval === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return interval === "day" ? day : day - ((d.getUTCDay() + 6) % 7) * DAY_MS;
}

/** A built history, synced into a fresh in-memory PGlite and served by the indexer API on a free port. */
export interface ServedHistory {
  history: History;
  /** The indexer API's base URL, without a trailing slash. */
  indexerUrl: string;
  close(): Promise<void>;
}

/** `buildHistory`, then one sync and the API over it: what specs of the API's clients start from. */
export async function serveHistory(): Promise<ServedHistory> {
  const history = await buildHistory();
  const db = await openDatabase();
  await syncOnce(db, history.node);
  const app = buildIndexerApi({ db, nodeUrl: history.url });
  await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    history,
    indexerUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await db.destroy();
      await history.close();
    },
  };
}

/** One backend's database, filled, with the indexer API over it: what an API spec's tests read. */
export interface ApiOverDatabase {
  database: TestDatabase;
  /** The API in-process (`inject`), its answers checked against its OpenAPI document. */
  api: ApiClient;
  /** Closes the API and drops the database. */
  close(): Promise<void>;
}

/** Opens a fresh database with `open` (a backend of `BACKENDS`), fills it with `fill` and serves the API over it; drops the database if any step fails. */
export async function apiOver(
  open: () => Promise<TestDatabase>,
  fill: (db: Kysely<Database>) => Promise<unknown>,
  options: { nodeUrl?: string } = {},
): Promise<ApiOverDatabase> {
  const database = await open();
  try {
    await fill(database.db);
    const app = buildIndexerApi({ db: database.db, ...options });
    const close = async () => {
      await app.close();
      await database.drop();
    };
    try {
      return { database, api: await apiClient(app), close };
    } catch (error) {
      await app.close();
      throw error;
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** `apiOver` a database that synced `history` in one pass: where the API specs that read the history start. */
export const apiOverHistory = (open: () => Promise<TestDatabase>, history: History, options: { nodeUrl?: string } = {}): Promise<ApiOverDatabase> =>
  apiOver(open, (db) => syncOnce(db, history.node), options);
