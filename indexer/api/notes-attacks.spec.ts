// Attacks on what the API says about notes (issue 12), on every backend, over blocks made by the
// contracts' builders in one world with two communities (sync/notes-testing.ts):
// - "already paid": anyone who sees a request link can put its id on a payment, so
//   `/requests/{id}/payments` lists payments that did not pay the request. The answer carries what
//   tells them apart (community, payee, amount); a wallet or till must count only legs to the
//   request's payee in its community and compare their sum with the amount asked.
// - which profile is current when an owner set two in one block.
import { beforeAll, describe, expect, it } from "vitest";
import { pay } from "../../contracts/builders/pay.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import type { SignedTransaction } from "@fleet-sdk/common";
import { BACKENDS } from "../db/testing.ts";
import { merge, TwoCommunities } from "../sync/notes-testing.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

const R = "0badc0ffee0000000000000000000042";
const ASKED = 50n;

interface Leg { communityId: string; payer: string; payee: string; amount: string; requestId: string | null; memo: string | null }

/** What a wallet or till must compute from `/requests/{id}/payments`: units the request's payee received in its community. */
const received = (legs: Leg[], request: { communityId: string; payee: string }) =>
  legs.filter((l) => l.communityId === request.communityId && l.payee === request.payee).reduce((sum, l) => sum + BigInt(l.amount), 0n);

let c: TwoCommunities;
const at = { spoofed: 0, paid: 0 };
const ids = { a: "", alice: "", bob: "", carol: "", erin: "" };
const names = { first: "", second: "" };

beforeAll(() => {
  c = new TwoCommunities();
  Object.assign(ids, { a: c.a.communityId, ...Object.fromEntries(["alice", "bob", "carol", "erin"].map((n) => [n, c.account(n).accountId])) });
  const payWith = (payer: string, payee: string, units: bigint, requestId?: string) =>
    c.submit(pay({ payer: c.account(payer).box, payees: [{ account: c.account(payee).box, amountUnits: units }], requestId }, c.ctx()), [c.member(payer)]);
  // bob asks 50 for request R. Others see the link and put R on payments that do not pay it:
  payWith("carol", "bob", 1n, R); // one unit to bob
  payWith("carol", "alice", ASKED, R); // the full amount, to someone else
  payWith("dave", "erin", ASKED, R); // the full amount, in another community
  // R on alice's payment to bob in a transaction that also pays in community B: not recorded.
  const both = merge(
    pay({ payer: c.account("alice").box, payees: [{ account: c.account("bob").box, amountUnits: ASKED }], requestId: R }, c.ctx()),
    pay({ payer: c.account("dave").box, payees: [{ account: c.account("erin").box, amountUnits: 1n }] }, c.ctx()),
  );
  c.submit(both, [c.member("alice"), c.member("dave")]);
  at.spoofed = c.world.height;
  payWith("alice", "bob", ASKED - 1n, R); // what bob is still owed
  at.paid = c.world.height;

  // carol sets two profiles in one block, the second spending the first's box.
  const carol = c.member("carol");
  // A first transaction whose id is in the upper half, so that each try below finds a smaller one
  // with even chances (a first id near 0 made 64 tries fail about once in 66 runs).
  let first: SignedTransaction | undefined;
  for (let n = 0; !first; n++) {
    const tx = topUp({ account: c.account("carol").box, profile: { name: n === 0 ? "Carol (old)" : `Carol (old ${n})` } }, c.ctx());
    const verdict = c.world.judge(tx, [carol]);
    if (verdict.ergoLib.ok && verdict.ergoLib.signed.id >= "8") first = c.world.submit(tx, [carol]).signed;
    else if (n > 64) throw new Error("no top-up with an id in the upper half in 64 tries");
    names.first = n === 0 ? "Carol (old)" : `Carol (old ${n})`;
  }
  let second: SignedTransaction | undefined;
  for (let n = 0; !second; n++) {
    const tx = topUp({ account: c.account("carol").box, profile: { name: `Carol (new ${n})` } }, c.ctx());
    const verdict = c.world.judge(tx, [carol]);
    // The later transaction with the smaller id: ordering by id would show the earlier profile.
    if (verdict.ergoLib.ok && verdict.ergoLib.signed.id < first.id) second = c.world.submit(tx, [carol]).signed;
    else if (n > 64) throw new Error("no top-up with a smaller transaction id in 64 tries");
    names.second = `Carol (new ${n})`;
  }
  c.record(first, c.world.height, second);
});

describe.each(BACKENDS)("notes attacks through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, async (db) => {
      const pipeline = new BatchPipeline(db);
      await pipeline.add(c.blocks);
      await pipeline.finish();
    });
    api = served.api;
    return served.close;
  });

  const legsOf = async (query: string): Promise<Leg[]> => {
    const reply = await api.get(`/requests/${R}/payments?order=asc${query}`);
    expect(reply.status).toBe(200);
    return reply.body.items;
  };

  it("lists every payment that carried the request id, each with the community, payee and amount that tell them apart", async () => {
    const legs = await legsOf(`&toHeight=${at.spoofed}`);
    expect(legs.map((l) => [l.payer, l.payee, l.amount])).toEqual([
      [ids.carol, ids.bob, "1"],
      [ids.carol, ids.alice, "50"],
      [expect.any(String), ids.erin, "50"],
    ]);
    expect(legs.every((l) => l.requestId === R)).toBe(true);
    // A till that said "paid" for any payment listed would say it now; bob has received 1 of 50.
    expect(legs.length).toBeGreaterThan(0);
    expect(received(legs, { communityId: ids.a, payee: ids.bob })).toBe(1n);
  });

  it("twin: once bob has received the rest, the legs to bob in A add up to the amount asked", async () => {
    const legs = await legsOf(`&toHeight=${at.paid}`);
    expect(received(legs, { communityId: ids.a, payee: ids.bob })).toBe(ASKED);
  });

  it("records no request id on a transaction that pays in two communities, so neither community's legs are listed under it", async () => {
    const legs = await legsOf("");
    expect(legs.filter((l) => l.payee === ids.bob).map((l) => l.amount)).toEqual(["1", "49"]);
  });

  // Within one block the profile set last wins: profiles are ordered by (height, position in the
  // block), not by transaction id (migration 0008).
  it("shows the profile an owner set last in a block, not the one with the larger transaction id", async () => {
    const carol = (await api.get(`/accounts/${ids.carol}`)).body;
    expect(carol.name).toBe(names.second);
  });
});
