// Notes through the sync's pipeline into a database, on every backend (issue 12 attacks): what an
// attacker writes must never stop the sync (one failed write of a block halts every indexer at
// that block for good), a reorg takes a profile back with its block, and an owner's later profile
// is the one shown.
import { describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { utf8 } from "@fleet-sdk/crypto";
import { SByte, SColl } from "@fleet-sdk/serializer";
import { pay } from "../../contracts/builders/pay.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { extendInput, PROFILE_VAR } from "../../contracts/notes.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import type { Database } from "../db/schema.ts";
import type { BatchBlock } from "./batch.ts";
import { merge, TwoCommunities } from "./notes-testing.ts";
import { BatchPipeline } from "./pipeline.ts";
import { rollbackFrom } from "./write-batch.ts";

async function sync(db: Kysely<Database>, blocks: BatchBlock[]): Promise<void> {
  const pipeline = new BatchPipeline(db);
  await pipeline.add(blocks);
  await pipeline.finish();
}

const cursor = async (db: Kysely<Database>) => (await db.selectFrom("blocks").select("height").orderBy("height", "desc").limit(1).executeTakeFirst())?.height ?? 0;
const textVar = (text: string): string => SColl(SByte, utf8.decode(text)).toHex();

/** A transaction paying in A (alice to bob) and in B (dave to erin), with the memos given. */
function twoCommunityPayment(memos: { alice?: string; dave?: string } = {}) {
  const c = new TwoCommunities();
  const [alice, bob, dave, erin] = ["alice", "bob", "dave", "erin"].map((n) => c.account(n));
  const tx = merge(
    pay({ payer: alice!.box, payees: [{ account: bob!.box, amountUnits: 3n }], memo: memos.alice }, c.ctx()),
    pay({ payer: dave!.box, payees: [{ account: erin!.box, amountUnits: 2n }], memo: memos.dave }, c.ctx()),
  );
  c.submit(tx, [c.member("alice"), c.member("dave")]);
  return { c, txId: c.blocks.at(-1)!.transactions[0]!.id, ids: { alice: alice!.accountId, bob: bob!.accountId, dave: dave!.accountId, erin: erin!.accountId } };
}

describe.each(BACKENDS)("notes through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("stores the refusal of a profile that is a NUL byte (PostgreSQL text holds no U+0000), and syncs on", async () => {
    const c = new TwoCommunities();
    const tx = pay({ payer: c.account("alice").box, payees: [{ account: c.account("bob").box, amountUnits: 1n }] }, c.ctx());
    extendInput(tx, c.account("alice").boxId, { [PROFILE_VAR]: textVar("\u0000") });
    c.submit(tx, [c.member("alice")]);
    c.submit(topUp({ account: c.account("bob").box, profile: { name: "Bob" } }, c.ctx()), [c.member("bob")]);
    const db = await fresh();
    await sync(db, c.blocks);
    expect(await cursor(db)).toBe(c.blocks.at(-1)!.header.height);
    const refused = await db.selectFrom("refused_notes").select(["account_id", "reason"]).execute();
    expect(refused).toEqual([{ account_id: c.account("alice").accountId, reason: expect.stringMatching(/^malformed profile: .*\\u\{0\}/) }]);
    expect(await db.selectFrom("profiles").select("name").execute()).toEqual([{ name: "Bob" }]);
  });

  it("syncs a transaction that pays in two communities, its legs numbered across the transaction", async () => {
    const { c, txId, ids } = twoCommunityPayment();
    const db = await fresh();
    await sync(db, c.blocks);
    expect(await cursor(db)).toBe(c.blocks.at(-1)!.header.height);
    const legs = await db.selectFrom("payments").where("tx_id", "=", txId).select(["leg", "payer", "payee", "amount"]).orderBy("leg").execute();
    expect(legs.map((l) => ({ ...l, amount: String(l.amount) }))).toEqual([
      { leg: 0, payer: ids.alice, payee: ids.bob, amount: "3" },
      { leg: 1, payer: ids.dave, payee: ids.erin, amount: "2" },
    ]);
  });

  it("syncs one with a memo in each community, keeping neither (one row per transaction could hold only one)", async () => {
    const { c, txId, ids } = twoCommunityPayment({ alice: "bread", dave: "eggs" });
    const db = await fresh();
    await sync(db, c.blocks);
    expect(await cursor(db)).toBe(c.blocks.at(-1)!.header.height);
    expect(await db.selectFrom("payment_notes").where("tx_id", "=", txId).selectAll().execute()).toEqual([]);
    const refused = await db.selectFrom("refused_notes").where("tx_id", "=", txId).select("account_id").orderBy("account_id").execute();
    expect(refused.map((r) => r.account_id)).toEqual([ids.alice, ids.dave].sort());
  });

  it("undoes a profile with its block: the earlier one is current again, row for row as a sync that never saw it", async () => {
    const c = new TwoCommunities();
    const profile = (name: string) => c.submit(topUp({ account: c.account("carol").box, profile: { name } }, c.ctx()), [c.member("carol")]);
    profile("Carol");
    const before = [...c.blocks];
    profile("Carol's Cakes");
    const db = await fresh();
    await sync(db, c.blocks);
    const current = () => db.selectFrom("profiles").select(["name"]).orderBy("height", "desc").limit(1).executeTakeFirst();
    expect(await current()).toEqual({ name: "Carol's Cakes" });
    await rollbackFrom(db, c.blocks.at(-1)!.header.height);
    expect(await current()).toEqual({ name: "Carol" });
    const reference = await fresh();
    await sync(reference, before);
    expect(await db.selectFrom("profiles").selectAll().execute()).toEqual(await reference.selectFrom("profiles").selectAll().execute());
    expect(await dump(db)).toEqual(await dump(reference));
  });
});
