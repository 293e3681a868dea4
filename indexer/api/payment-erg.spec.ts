// Mixed payments (units and ERG to one payee in one transaction) through the sync into the
// database and out of the API, on every backend: the ERG part per leg in JSON (a decimal string),
// in the CSV and in the transaction view, and gone again with its block.
import { beforeAll, describe, expect, it } from "vitest";
import { pay } from "../../contracts/builders/pay.ts";
import { csvRows } from "../../util/csv.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { TwoCommunities } from "../sync/notes-testing.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import type { BatchBlock } from "../sync/batch.ts";
import { rollbackFrom } from "../sync/write-batch.ts";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let c: TwoCommunities;
const ids = { a: "", alice: "", bob: "", carol: "", mixed: "", plain: "" };
let beforeMixed: BatchBlock[] = [];

beforeAll(() => {
  c = new TwoCommunities();
  Object.assign(ids, { a: c.a.communityId, ...Object.fromEntries(["alice", "bob", "carol"].map((n) => [n, c.account(n).accountId])) });
  c.submit(pay({ payer: c.account("carol").box, payees: [{ account: c.account("alice").box, amountUnits: 2n }] }, c.ctx()), [c.member("carol")]);
  ids.plain = c.blocks.at(-1)!.transactions[0]!.id;
  beforeMixed = [...c.blocks];
  const payees = [{ account: c.account("bob").box, amountUnits: 50n, ergNanoErg: 1_500_000_000n }, { account: c.account("carol").box, amountUnits: 1n }];
  c.submit(pay({ payer: c.account("alice").box, payees, memo: "materials in ERG, labour in units" }, c.ctx(c.member("alice"))), [c.member("alice")]);
  ids.mixed = c.blocks.at(-1)!.transactions[0]!.id;
});

async function sync(db: Kysely<Database>, blocks: BatchBlock[]): Promise<void> {
  const pipeline = new BatchPipeline(db);
  await pipeline.add(blocks);
  await pipeline.finish();
}

describe.each(BACKENDS)("mixed payments through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, (db) => sync(db, c.blocks));
    api = served.api;
    return served.close;
  });

  // Legs are numbered smallest amount first (sync/payments.ts): carol's unit, then bob's 50 and 1.5 ERG.
  it("gives each leg its ERG part as a decimal string, \"0\" for a leg paid in units alone", async () => {
    const items = (await api.get(`/communities/${ids.a}/payments?order=asc`)).body.items as Record<string, unknown>[];
    const legs = items.filter((l) => l.txId === ids.mixed || l.txId === ids.plain).map((l) => [l.txId, l.payee, l.amount, l.ergNanoErg]);
    expect(legs).toEqual([
      [ids.plain, ids.alice, "2", "0"],
      [ids.mixed, ids.carol, "1", "0"],
      [ids.mixed, ids.bob, "50", "1500000000"],
    ]);
    const bobs = (await api.get(`/accounts/${ids.bob}/payments`)).body.items as Record<string, unknown>[];
    expect(bobs.find((l) => l.txId === ids.mixed)?.ergNanoErg).toBe("1500000000");
  });

  it("writes the ergNanoErg column after amount in the CSV", async () => {
    const [head, ...rows] = csvRows((await api.get(`/communities/${ids.a}/payments?order=asc&format=csv`)).text, { crlf: true });
    expect(head!.slice(7, 10)).toEqual(["amount", "ergNanoErg", "memo"]);
    expect(rows.filter((r) => r[0] === ids.mixed).map((r) => r.slice(6, 10))).toEqual([
      [ids.carol, "1", "0", "materials in ERG, labour in units"],
      [ids.bob, "50", "1500000000", "materials in ERG, labour in units"],
    ]);
  });

  it("shows the ERG part on the transaction's legs", async () => {
    const tx = (await api.get(`/transactions/${ids.mixed}`)).body;
    expect(tx.legs.map((l: Record<string, unknown>) => [l.payee, l.amount, l.ergNanoErg])).toEqual([[ids.carol, "1", "0"], [ids.bob, "50", "1500000000"]]);
  });
});

describe.each(BACKENDS)("a mixed payment rolled back on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("goes with its block, row for row as a sync that never saw it", async () => {
    const db = await fresh();
    await sync(db, c.blocks);
    const stored = await db.selectFrom("payments").where("tx_id", "=", ids.mixed).select(["leg", "erg_nano_erg"]).orderBy("leg").execute();
    expect(stored.map((r) => String(r.erg_nano_erg))).toEqual(["0", "1500000000"]);
    await rollbackFrom(db, c.blocks.at(-1)!.header.height);
    const reference = await fresh();
    await sync(reference, beforeMixed);
    expect(await dump(db)).toEqual(await dump(reference));
  });
});
