// Memos, payment requests and profiles over a devnet, on every backend: what members signed in
// their own inputs comes back from the routes (JSON and CSV); a profile the payer wrote on a
// payee's input never does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extendInput, profileExtension } from "../../contracts/notes.ts";
import { TEST_METADATA } from "../../contracts/testing/community-fixture.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { devAccount } from "../../ergo/keys.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { BACKENDS } from "../db/testing.ts";
import { syncOnce } from "../sync/pass.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver, POLICY } from "./testing.ts";

const [founder, alice, bob] = [devAccount(0), devAccount(1), devAccount(2)];
const REQUEST = "5e1f0a2b3c4d5e6f708192a3b4c5d6e7";

let devnet: Devnet;
let node: NodeClient;
const chain = { communityId: "", alice: "", bob: "", requestTx: "", plainTx: "", forgedTx: "" };

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  node = new NodeClient(devnet.url);
  const lets = new LetsOverHttp(node);
  const mine = () => node.request("POST", "/devnet/mine", { blocks: 1 });
  await mine();
  chain.communityId = (await lets.createCommunity(founder, POLICY, TEST_METADATA)).communityId;
  await mine();
  for (const member of [alice, bob]) await lets.join(chain.communityId, member, 1_000_000_000n);
  await mine();
  const account = (who: typeof alice) => lets.account(chain.communityId, who);
  chain.alice = (await account(alice)).accountId;
  chain.bob = (await account(bob)).accountId;

  await lets.submit(alice, await lets.planTopUp(alice, await account(alice), { profile: { name: "Alice's Bakery", about: "Bread, Tuesdays", link: "https://bakery.example/" } }));
  await lets.submit(bob, await lets.planTopUp(bob, await account(bob), { profile: { name: "Robert" } }));
  await mine();
  await lets.submit(bob, await lets.planTopUp(bob, await account(bob), { addNanoErg: 5_000_000n, profile: { name: "Bob the Builder" } }));
  const paid = await lets.submit(alice, await lets.planPay(alice, await account(alice), [{ account: await account(bob), amountUnits: 12n }], { memo: "two loaves, one \"rye\"", requestId: REQUEST }));
  chain.requestTx = paid.id;
  await mine();
  chain.plainTx = (await lets.pay(chain.communityId, alice, [{ member: bob, amountUnits: 1n }])).id;
  await mine();
  // Alice writes a profile on bob's input: the chain takes it (no script reads notes), the indexer must not.
  const forged = await lets.planPay(alice, await account(alice), [{ account: await account(bob), amountUnits: 1n }]);
  chain.forgedTx = (await lets.submit(alice, (height) => {
    const tx = forged(height);
    const bobInput = tx.inputs.find((i) => i.boxId !== tx.inputs[0]!.boxId)!;
    return extendInput(tx, bobInput.boxId, profileExtension({ name: "Bob owes me" }));
  })).id;
  await mine();
}, 120_000);

afterAll(() => devnet?.close());

describe.each(BACKENDS)("notes on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, (db) => syncOnce(db, node));
    ({ api } = served);
    return served.close;
  });

  const get = async (url: string) => {
    const reply = await api.get(url);
    expect(reply.status, url).toBe(200);
    return reply.body;
  };

  it("accounts carry the profile their owner set last; the history keeps every one, newest first", async () => {
    expect(await get(`/accounts/${chain.alice}`)).toMatchObject({ name: "Alice's Bakery", about: "Bread, Tuesdays", link: "https://bakery.example/" });
    expect(await get(`/accounts/${chain.bob}`)).toMatchObject({ name: "Bob the Builder", about: null, link: null });
    const history = await get(`/accounts/${chain.bob}/profiles`);
    expect(history.items.map((p: { name: string }) => p.name)).toEqual(["Bob the Builder", "Robert"]);
    expect(history.total).toBe(2);
    const current = await get(`/communities/${chain.communityId}/profiles`);
    expect(current.items.map((p: { accountId: string; name: string }) => [p.accountId, p.name]).sort()).toEqual(
      [[chain.alice, "Alice's Bakery"], [chain.bob, "Bob the Builder"]].sort(),
    );
    const members = await get(`/communities/${chain.communityId}/accounts`);
    expect(members.items.map((a: { name: string | null }) => a.name).sort()).toEqual(["Alice's Bakery", "Bob the Builder"]);
  });

  it("lists the current profiles of the accounts asked for only, any case, leaving out those without one", async () => {
    const names = async (accounts: string) =>
      (await get(`/communities/${chain.communityId}/profiles?accounts=${accounts}`)).items.map((p: { accountId: string; name: string }) => [p.accountId, p.name]);
    expect(await names(chain.alice)).toEqual([[chain.alice, "Alice's Bakery"]]);
    expect((await names(`${chain.bob.toUpperCase()},${chain.alice},${chain.bob}`)).sort()).toEqual([[chain.alice, "Alice's Bakery"], [chain.bob, "Bob the Builder"]].sort());
    expect(await names(`${"c".repeat(64)},${chain.communityId}`)).toEqual([]);
    for (const bad of ["xyz", `${chain.alice},`, Array.from({ length: 101 }, () => chain.alice).join(",")]) {
      const reply = await api.get(`/communities/${chain.communityId}/profiles?accounts=${bad}`);
      expect({ bad: bad.slice(0, 20), status: reply.status }).toEqual({ bad: bad.slice(0, 20), status: 400 });
      expect(reply.body.detail).toMatch(/accounts/);
    }
  });

  it("a profile the payer wrote on the payee's input is not bob's profile", async () => {
    expect((await get(`/accounts/${chain.bob}`)).name).toBe("Bob the Builder");
    expect((await get(`/transactions/${chain.forgedTx}`)).kind).toBe("payment");
  });

  it("payments carry the payer's memo and the request they paid; the request finds them", async () => {
    const legs = (await get(`/accounts/${chain.bob}/payments?order=asc`)).items;
    expect(legs.map((l: { memo: string | null; requestId: string | null }) => [l.memo, l.requestId])).toEqual([
      ['two loaves, one "rye"', REQUEST], [null, null], [null, null],
    ]);
    const paidRequest = await get(`/requests/${REQUEST.toUpperCase()}/payments`);
    expect(paidRequest.items).toEqual([expect.objectContaining({ txId: chain.requestTx, payer: chain.alice, payee: chain.bob, amount: "12", requestId: REQUEST })]);
    expect(await get(`/transactions/${chain.requestTx}`)).toMatchObject({ memo: 'two loaves, one "rye"', requestId: REQUEST });
    expect(await get(`/transactions/${chain.plainTx}`)).toMatchObject({ memo: null, requestId: null });
    expect((await get(`/requests/${"0".repeat(32)}/payments`)).items).toEqual([]);
  });

  it("CSV downloads carry the memo and the names", async () => {
    const payments = await api.get(`/communities/${chain.communityId}/payments?format=csv&order=asc`);
    expect(payments.text).toContain(`,12,0,"two loaves, one ""rye""",${REQUEST},,,,,,,,,,,,,\r\n`);
    const profiles = await api.get(`/communities/${chain.communityId}/profiles?format=csv`);
    expect(profiles.text.split("\r\n")[0]).toBe("accountId,name,about,link,txId,height,timestamp,communityId");
    expect(profiles.text).toContain(`${chain.alice},Alice's Bakery,"Bread, Tuesdays",https://bakery.example/,`);
  });

  it("search finds open accounts by their current name, in any case; not by a name they dropped or one forged onto them", async () => {
    const ids = async (q: string) => (await get(`/search?q=${encodeURIComponent(q)}`)).accounts.map((a: { accountId: string }) => a.accountId);
    expect(await ids("BAKERY")).toEqual([chain.alice]);
    expect(await ids("the build")).toEqual([chain.bob]);
    expect(await ids("robert")).toEqual([]);
    expect(await ids("owes me")).toEqual([]);
    expect(await ids("%")).toEqual([]);
  });

  it("refuses a malformed request id and unknown accounts with a clear error", async () => {
    const bad = await api.get("/requests/xyz/payments");
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/requestId/);
    expect((await api.get(`/accounts/${"a".repeat(64)}/profiles`)).status).toBe(404);
    expect((await api.get(`/communities/${"a".repeat(64)}/profiles`)).status).toBe(404);
  });
});
