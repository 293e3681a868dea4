// ERG loans (docs/loans.md) through the sync: the loan reader on its own (a storage-rent spend is
// `rent`, never a party's step; a loan box whose token was not minted by its offer, and a bond box
// that is neither an offer's nor a live bond's successor, are not followed), and through the
// pipeline into a database on every backend: one batch of blocks equal to block by block, and
// undoing blocks equal to a sync of the blocks before them, row for row, then synced again.
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/schema.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { blockOf, copyBox, rentProof, testId } from "./block-testing.ts";
import { loanHistory, type LoanHistory } from "./loan-testing.ts";
import { applyLoanBlock, LiveLoans } from "./loans.ts";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { syncBlocks, undoEachThenResync, syncKeepingDumps } from "./sync-testing.ts";

const sync = syncBlocks;

let h: LoanHistory;
beforeAll(() => {
  h = loanHistory();
}, 600_000);

/** The blocks up to and including the one that made `txId`, applied to fresh live boxes. */
function liveAfter(txId: string): LiveLoans {
  const live = new LiveLoans();
  for (const block of h.c.blocks) {
    applyLoanBlock(block, live);
    if (block.transactions.some((t) => t.id === txId)) break;
  }
  return live;
}

describe("the loan reader", () => {
  it("reads a storage-rent spend of a live loan as rent, with the ERG it took, not as a party's step", () => {
    const live = liveAfter(h.d.txId);
    const loan = [...live.loans.values()].find((l) => l.loanId === h.d.loanId)!;
    const box = h.c.blocks.at(-1)!.transactions[0]!.outputs.find((o) => o.boxId === loan.boxId)!;
    const kept = copyBox(box, "rent kept", { value: BigInt(box.value) - 1_000_000n });
    const tx = { id: testId("rent tx"), inputs: [{ boxId: loan.boxId, spendingProof: rentProof(0) }], outputs: [kept] };
    const height = loan.creationHeight + STORAGE_PERIOD_BLOCKS;
    const changes = applyLoanBlock(blockOf(height, tx), live);
    expect(changes.activities).toEqual([{ txId: tx.id, loanId: h.d.loanId, kind: "rent", amountNanoErg: 1_000_000n }]);
    expect(changes.loans).toMatchObject([{ boxId: kept.boxId, loanId: h.d.loanId, version: loan.version + 1, investor: null }]);
    // Its one-field twin: the same spend with a signature's proof is no rent (and, the state unchanged, no step either).
    const twin = liveAfter(h.d.txId);
    const signed = { ...tx, inputs: [{ boxId: loan.boxId, spendingProof: { proofBytes: "ab", extension: {} } }] };
    expect(applyLoanBlock(blockOf(height, signed), twin).activities).toEqual([]);
  });

  it("follows no loan box whose token its transaction did not mint, nor a bond box nobody offered", () => {
    const live = liveAfter(h.d.txId);
    const offer = h.c.blocks.at(-1)!.transactions[0]!;
    const [loanBox, bondBox] = offer.outputs;
    // A copy of the open offer's boxes made by another transaction: its first input is not the token's id.
    const tx = { id: testId("copy tx"), inputs: [{ boxId: testId("some box") }], outputs: [copyBox(loanBox!, "copied loan"), copyBox(bondBox!, "copied bond")] };
    const changes = applyLoanBlock(blockOf(h.d.height + 1, tx), live);
    expect(changes).toMatchObject({ loans: [], bonds: [], offers: [], activities: [] });
    // The twin differing in the first input: the offer itself, followed.
    const genuine = applyLoanBlock(blockOf(h.d.height, offer), new LiveLoans());
    expect(genuine.offers.map((o) => o.loan.loanId)).toEqual([h.d.loanId]);
    expect(genuine.bonds.map((b) => b.loanId)).toEqual([h.d.loanId]);
  });
});

describe.each(BACKENDS)("loans through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await fresh();
    await sync(db, h.c.blocks);
  }, 600_000);

  // The block-by-block sync keeps its dump before each undo height, so the undo is compared with a sync of the blocks before it.
  const undoFrom = () => [h.bFund, h.cCancel, h.aClaim, h.aRelease, h.d].map((s) => s.height);
  const dumpsBefore = new Map<number, unknown>();

  it("writes the same rows block by block as in one batch", async () => {
    const byBlock = await fresh();
    for (const [height, before] of await syncKeepingDumps(byBlock, h.c.blocks, undoFrom())) dumpsBefore.set(height, before);
    const all = await dump(db);
    expect(all.loans).toHaveLength(5);
    expect(all.loan_events).toHaveLength(19);
    expect(await dump(byBlock)).toEqual(all);
  });

  it("undoes the blocks from the last offer, the release, the claim, the cancel and a funding, each back to a sync of the blocks before it, row for row; then syncs them again", async () => {
    const { afterUndo, resynced } = await undoEachThenResync(await fresh(), h.c.blocks, undoFrom());
    for (const [height, undone] of afterUndo) expect(undone).toEqual(dumpsBefore.get(height));
    expect(resynced).toEqual(await dump(db));
  });
});
