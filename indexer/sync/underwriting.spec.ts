// What applyBlock makes of underwriting boxes outside the builders' paths (docs/underwriting.md,
// docs/indexer.md "Underwriting"), over the state the real chain of `underwriting-testing.ts` leaves
// (bob's stake live): storage rent reaching a stake is a rent-spend compromise and the stake is not
// continued (its copy is ignored), while the same spend with a signature's proof, before rent could
// reach it, is a withdrawal; a forged stake box, whose token no acceptance of a followed offer
// minted, is ignored; an offer for a community the indexer does not know is ignored.
import { beforeAll, describe, expect, it } from "vitest";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { copyBox, rentProof, testId, type TestBox } from "./block-testing.ts";
import type { ChainTransaction } from "./apply-block.ts";
import { underwritingHistory, type UnderwritingHistory } from "./underwriting-testing.ts";

let h: UnderwritingHistory;
beforeAll(() => {
  h = underwritingHistory();
}, 600_000);

/** The live stake box of bob as the chain has it. */
const stakeBox = (): TestBox => structuredClone(h.f.world.box(h.bobStake.boxId)) as unknown as TestBox;

describe("underwriting boxes in applyBlock", () => {
  it("reads storage rent reaching a stake as a compromise and does not continue it; the same spend with a proof is a withdrawal", () => {
    const box = stakeBox();
    const rentHeight = box.creationHeight + STORAGE_PERIOD_BLOCKS;
    const spend = (proofBytes: string, height: number) => {
      const input = proofBytes === "" ? { boxId: box.boxId, spendingProof: rentProof(0) } : { boxId: box.boxId, spendingProof: { proofBytes, extension: {} } };
      const tx: ChainTransaction = { id: testId(`spend ${proofBytes} ${height}`), inputs: [input], outputs: [copyBox(box, `kept ${height}`)] };
      return h.c.replay.peek(tx, height);
    };
    const rented = spend("", rentHeight);
    expect(rented.compromises).toMatchObject([{ communityId: h.f.communityId, kind: "rent-spend", boxId: box.boxId }]);
    expect(rented.compromises[0]!.detail).toContain(`the underwriting stake ${h.bobOffer2.boxId}`);
    expect(rented.underwritingActivities).toEqual([]);
    expect(rented.underwritings).toEqual([]);
    expect(rented.ignored.map((i) => i.reason)).toEqual([expect.stringContaining("no acceptance of a followed offer")]);
    // Its twin: signed, not a rent spend; the copy is the stake's successor (a refresh).
    const signed = spend("ab".repeat(56), box.creationHeight + 10);
    expect(signed.compromises).toEqual([]);
    expect(signed.underwritingActivities.map((a) => [a.kind, a.stake.id, a.stake.version])).toEqual([["refreshed", h.bobOffer2.boxId, 2]]);
    // Spent with no successor and no exit of bob's account: a withdrawal.
    const withdrawn = h.c.replay.peek({ id: testId("withdraw"), inputs: [{ boxId: box.boxId }], outputs: [] }, box.creationHeight + 10);
    expect(withdrawn.underwritingActivities.map((a) => [a.kind, a.stake.id])).toEqual([["withdrawn", h.bobOffer2.boxId]]);
  });

  it("ignores a stake box no followed offer or stake made, and an offer for a community it does not know", () => {
    const forged = copyBox(stakeBox(), "forged stake");
    const offer = structuredClone(h.f.world.submitted.find((t) => t.id === h.bobOffer2.site.txId)!.outputs.find((o) => o.boxId === h.bobOffer2.boxId)!) as unknown as TestBox;
    const elsewhere = copyBox(offer, "offer elsewhere", { additionalRegisters: { ...offer.additionalRegisters, R7: `0e20${"cd".repeat(32)}` } });
    const changes = h.c.replay.peek({ id: testId("forgeries"), inputs: [], outputs: [forged, elsewhere] }, h.f.world.height + 1);
    expect(changes.underwritings).toEqual([]);
    expect(changes.underwritingActivities).toEqual([]);
    expect(changes.ignored.map((i) => [i.boxId, i.reason])).toEqual([
      [forged.boxId, expect.stringContaining("no acceptance of a followed offer, nor a followed stake")],
      [elsewhere.boxId, expect.stringContaining("no community the indexer knows")],
    ]);
    expect(changes.compromises).toEqual([]);
  });
});
