/**
 * `lets show` from the node and from an indexer (`--indexer URL`): both agree on a community, and
 * the indexer also finds closed accounts and accounts by id or owner without their community.
 * A devnet, and an indexer on embedded PGlite synced to it, in this process.
 */
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPolicy } from "../../../contracts/testing/policy.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { buildIndexerApi } from "../../../indexer/api/app.ts";
import { openDatabase } from "../../../indexer/db/connect.ts";
import type { Database } from "../../../indexer/db/schema.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { syncOnce } from "../../../indexer/sync/pass.ts";
import { LetsOverHttp, soleAccount } from "../../../client/lets-over-http.ts";
import type { AccountJson, CommunityJson } from "./describe.ts";
import { showCommand } from "./show.ts";
import { runCommand } from "./testing.ts";

const [founder, alice, bob, carol] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3)];
const POLICY = testPolicy({ creditLimit: 10_000n, positiveCap: 0n, inactivityBlocks: 0n });

type Shown = { community: CommunityJson; accounts: AccountJson[] };
const byId = (accounts: AccountJson[]) => [...accounts].sort((a, b) => a.accountId.localeCompare(b.accountId));

describe("lets show, from the node and from an indexer", () => {
  let devnet: Devnet;
  let db: Kysely<Database>;
  let api: FastifyInstance;
  let indexerUrl = "";
  let communityId = "";
  let carolAccountId = "";

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    const node = new NodeClient(devnet.url);
    const client = new LetsOverHttp(node);
    const mine = () => node.request("POST", "/devnet/mine", { blocks: 1 });
    communityId = (await client.createCommunity(founder, POLICY, { name: "Shown", symbol: "SHW", description: "", decimals: 1 })).communityId;
    for (const member of [alice, bob, carol]) await client.join(communityId, member);
    await mine();
    carolAccountId = soleAccount(await client.community(communityId), carol).accountId;
    await client.pay(communityId, alice, [{ member: bob, amountUnits: 125n }]);
    await client.leave(communityId, carol);
    await mine();
    db = await openDatabase();
    await syncOnce(db, node);
    api = buildIndexerApi({ db, nodeUrl: devnet.url });
    indexerUrl = await api.listen({ port: 0, host: "127.0.0.1" });
  });

  afterAll(async () => {
    await api?.close();
    await db?.destroy();
    await devnet?.close();
  });

  it("gives the same community and balances from the node and from the indexer", async () => {
    const fromNode = await runCommand(showCommand, ["--community", communityId, "--json", "--node", devnet.url]);
    const fromIndexer = await runCommand(showCommand, ["--community", communityId, "--json", "--indexer", indexerUrl, "--node", "http://127.0.0.1:9"]);
    expect(fromNode.code, fromNode.stderr).toBe(0);
    expect(fromIndexer.code, fromIndexer.stderr).toBe(0);
    const [node, indexer] = [fromNode, fromIndexer].map((run) => JSON.parse(run.stdout) as Shown) as [Shown, Shown];
    expect(indexer.community).toMatchObject(node.community);
    expect(node.community).toMatchObject({ members: 2, membersJoined: "3", moneySupply: "125", creditInUse: "125", communityBalance: "0" });
    const fields = (a: AccountJson) => [a.accountId, a.address, a.balance, a.creditLeft, a.status];
    expect(byId(indexer.accounts).map(fields)).toEqual(byId(node.accounts).map(fields));
  });

  it("finds a closed account by id, without its community, only through an indexer", async () => {
    const run = await runCommand(showCommand, ["--account", carolAccountId, "--indexer", indexerUrl]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Shown \\(SHW\\)  community ${communityId}$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`0\\.0 SHW  left at height \\d+  ${carol.address}  account ${carolAccountId}`));
    const fromNode = await runCommand(showCommand, ["--community", communityId, "--account", carolAccountId, "--node", devnet.url]);
    expect(fromNode.code).toBe(1);
    expect(fromNode.stderr).toContain("no open account");
    const nowhere = await runCommand(showCommand, ["--account", carolAccountId, "--node", devnet.url]);
    expect([nowhere.code, nowhere.stderr]).toEqual([2, "show what? give --community ID (the node finds accounts only within a community), or --indexer URL"]);
  });

  it("lists an owner's accounts across communities through an indexer, with --json", async () => {
    const run = await runCommand(showCommand, ["--account", alice.address, "--indexer", indexerUrl, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout) as { communities: CommunityJson[]; accounts: AccountJson[] };
    expect(shown.communities.map((c) => c.communityId)).toEqual([communityId]);
    expect(shown.accounts.map((a) => [a.address, a.balance, a.status])).toEqual([[alice.address, "-125", "open"]]);
  });

  it("says so in one line when the indexer is unreachable or does not know the community", async () => {
    const offline = await runCommand(showCommand, ["--community", communityId, "--indexer", "http://127.0.0.1:9"]);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/^cannot reach the indexer at http:\/\/127\.0\.0\.1:9\//);
    const unknown = "cd".repeat(32);
    const missing = await runCommand(showCommand, ["--community", unknown, "--indexer", indexerUrl]);
    expect([missing.code, missing.stderr]).toEqual([1, `the indexer at ${indexerUrl}/ knows no community ${unknown}`]);
  });
});
