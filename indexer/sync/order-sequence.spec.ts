// A plain account's order sequence (R9, contract version 5, docs/batches.md) through the sync's
// pipeline into a database and out of the queries, on every backend: 0 at join, raised by the
// owner (revoking its unsettled orders), kept by a credit, the last one shown once the account is
// closed, and taken back with its block.
import { beforeAll, describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Kysely } from "kysely";
import { leave } from "../../contracts/builders/leave.ts";
import { pay } from "../../contracts/builders/pay.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import { longConstant } from "../../contracts/registers.ts";
import { ACCOUNT_ERGO_TREE } from "../../contracts/scripts.ts";
import { getAccount } from "../db/queries/accounts.ts";
import { getBox } from "../db/queries/boxes.ts";
import type { Database } from "../db/schema.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import type { BatchBlock } from "./batch.ts";
import { TwoCommunities } from "./notes-testing.ts";
import { BatchPipeline } from "./pipeline.ts";
import { rollbackFrom } from "./write-batch.ts";

async function sync(db: Kysely<Database>, blocks: BatchBlock[]): Promise<void> {
  const pipeline = new BatchPipeline(db);
  await pipeline.add(blocks);
  await pipeline.finish();
}

/** `tx` (the owner's own spend of one account) with the account successor's R9 set to `nextSeq`. */
function withNextSeq(tx: EIP12UnsignedTransaction, nextSeq: bigint): EIP12UnsignedTransaction {
  const out = tx.outputs.find((o) => o.ergoTree === ACCOUNT_ERGO_TREE)!;
  out.additionalRegisters = { ...out.additionalRegisters, R9: longConstant(nextSeq) };
  return tx;
}

/** Community A: carol raises her sequence to 5 (a top-up that revokes orders 0..4), bob pays her (kept), she pays back and leaves. */
function history() {
  const c = new TwoCommunities();
  const joined = [...c.blocks];
  const carol = () => c.account("carol");
  const ids = { carol: carol().accountId, dave: c.account("dave").accountId };
  c.submit(withNextSeq(topUp({ account: carol().box, profile: { name: "Carol" } }, c.ctx()), 5n), [c.member("carol")]);
  const raised = [...c.blocks];
  c.submit(pay({ payer: c.account("bob").box, payees: [{ account: carol().box, amountUnits: 4n }] }, c.ctx()), [c.member("bob")]);
  const credited = carol();
  c.submit(pay({ payer: carol().box, payees: [{ account: c.account("bob").box, amountUnits: 4n }] }, c.ctx()), [c.member("carol")]);
  c.submit(leave({ community: c.communityBox(c.a.communityId), account: carol().box }, c.ctx(c.member("carol"))), [c.member("carol")]);
  return { c, ids, joined, raised, credited };
}

let chain: ReturnType<typeof history>;
beforeAll(() => {
  chain = history();
});

describe.each(BACKENDS)("the order sequence through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);

  it("is 0 at join, what the owner raised it to, kept by a credit, and the last one once closed; each box keeps its own", async () => {
    const { c, ids, joined, credited } = chain;
    expect(credited.nextSeq).toBe(5n); // the contracts' own decoder: the credit kept it
    const db = await fresh();
    await sync(db, joined);
    expect(await getAccount(db, ids.carol)).toMatchObject({ status: "open", nextSeq: "0" });
    expect(await getAccount(db, ids.dave)).toMatchObject({ nextSeq: "0" }); // the other community too
    await sync(db, c.blocks.slice(joined.length));
    expect(await getAccount(db, ids.carol)).toMatchObject({ status: "left", nextSeq: "5" });
    const boxes = await db.selectFrom("account_boxes").where("account_id", "=", ids.carol).select(["box_id", "next_seq"]).orderBy("created_height").execute();
    expect(boxes.map((b) => String(b.next_seq))).toEqual(["0", "5", "5", "5"]);
    expect(await getBox(db, boxes[0]!.box_id)).toMatchObject({ kind: "account", nextSeq: "0" });
    expect(await getBox(db, credited.boxId)).toMatchObject({ kind: "account", nextSeq: "5", balance: "4" });
  });

  it("goes back to 0 when the block that raised it is undone, row for row as a sync that never saw it", async () => {
    const { ids, joined, raised } = chain;
    const db = await fresh();
    await sync(db, raised);
    expect(await getAccount(db, ids.carol)).toMatchObject({ nextSeq: "5" });
    await rollbackFrom(db, raised.at(-1)!.header.height);
    expect(await getAccount(db, ids.carol)).toMatchObject({ nextSeq: "0" });
    const reference = await fresh();
    await sync(reference, joined);
    expect(await dump(db)).toEqual(await dump(reference));
  });
});
