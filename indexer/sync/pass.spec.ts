import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp, type KeyHolder } from "../../client/lets-over-http.ts";
import { TEST_METADATA } from "../../contracts/testing/community-fixture.ts";
import { testPolicy } from "../../contracts/testing/policy.ts";
import { BACKENDS, dump, type TestDatabase } from "../db/testing.ts";
import { syncOnce } from "./pass.ts";

const [founder, alice, bob, carol] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3)];

describe.each(BACKENDS)("syncing a devnet into $name", ({ open }) => {
  let devnet: Devnet;
  let node: NodeClient;
  let lets: LetsOverHttp;
  let communityId = "";
  const databases: TestDatabase[] = [];
  const fresh = async () => {
    const database = await open();
    databases.push(database);
    return database.db;
  };
  const mine = (blocks = 1) => node.request("POST", "/devnet/mine", { blocks });
  const payAndMine = async (payer: KeyHolder, payee: KeyHolder, amountUnits: bigint) => {
    await lets.pay(communityId, payer, [{ member: payee, amountUnits }]);
    await mine();
  };

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    lets = new LetsOverHttp(node);
    await mine(2);
    communityId = (await lets.createCommunity(founder, testPolicy({ positiveCap: 0n, creditLimit: 1_000n }), TEST_METADATA)).communityId;
    await mine();
    for (const member of [alice, bob, carol]) await lets.join(communityId, member, 1_000_000_000n);
    await mine();
    await payAndMine(alice, bob, 30n);
    await payAndMine(bob, carol, 10n);
  });

  afterAll(async () => {
    for (const database of databases) await database.drop();
    await devnet?.close();
  });

  it("mirrors balances, payments and joins, and keeps sum(balances) + communityBalance = 0", async () => {
    const db = await fresh();
    const result = await syncOnce(db, node);
    expect(result.height).toBe((await node.info()).fullHeight);
    const chain = await lets.community(communityId);
    const live = await db.selectFrom("account_boxes").selectAll().where("spent_height", "is", null).execute();
    expect(new Map(live.map((r) => [r.account_id, BigInt(r.balance)]))).toEqual(new Map(chain.accounts.map((a) => [a.accountId, a.balance])));
    expect(live.reduce((s, r) => s + BigInt(r.balance), 0n)).toBe(0n);
    const payments = await db.selectFrom("payments").selectAll().orderBy("height").execute();
    expect(payments.map((p) => BigInt(p.amount))).toEqual([30n, 10n]);
    expect((await db.selectFrom("events").select("kind").where("kind", "=", "join").execute()).length).toBe(3);
    expect(await syncOnce(db, node)).toMatchObject({ applied: 0, undone: 0 });
  });

  it.each([1, 3, 20])("follows a %i-block reorg with different transactions: equal to a fresh sync, row for row", async (depth) => {
    const db = await fresh();
    for (let i = 0; i < depth; i++) await payAndMine(i % 2 === 0 ? alice : bob, carol, 1n);
    await syncOnce(db, node);
    await node.request("POST", "/devnet/rollback", { blocks: depth, dropTransactions: true });
    for (let i = 0; i < depth; i++) await payAndMine(carol, i % 2 === 0 ? bob : alice, 2n);
    await mine();
    const result = await syncOnce(db, node);
    expect(result.undone).toBe(depth);
    const reference = await fresh();
    await syncOnce(reference, node);
    expect(await dump(db)).toEqual(await dump(reference));
  });
});
