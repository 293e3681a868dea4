// Member governance (contract version 9, docs/governance.md) through the sync: the reader on its own
// (the switch and its misplaced units, the veto read from a refund's shape, a storage-rent spend as
// rent, copies of proposal and vote boxes not followed), and through the pipeline into a database on
// every backend: proposals with their outcomes, votes matched to accounts and counted, events; one
// batch equal to block by block; undoing blocks equal to a sync of the blocks before them, then synced again.
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { GOVERNANCE_KEY_MAX, type ProposalChange } from "../../contracts/governance/governance.ts";
import { COMMUNITY_ECON_ERGO_TREE, COMMUNITY_ERGO_TREE } from "../../contracts/scripts.ts";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import type { Database } from "../db/schema.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import { blockOf, copyBox, edited, rentProof, testId } from "./block-testing.ts";
import { applyGovernanceBlock, LiveGovernance } from "./governance.ts";
import { changeFromJson, changeJson, voterKeyHex } from "./governance-rows.ts";
import { governanceHistory, type GovernanceHistory } from "./governance-testing.ts";
import { syncBlocks, undoEachThenResync, syncKeepingDumps } from "./sync-testing.ts";

const sync = syncBlocks;

let h: GovernanceHistory;
beforeAll(() => {
  h = governanceHistory();
}, 600_000);

/** Replays the blocks before the one that made `txId` (or all), returning the live boxes and the index stopped at. */
function liveBefore(txId?: string): { live: LiveGovernance; index: number } {
  const live = new LiveGovernance();
  const index = txId === undefined ? h.c.blocks.length : h.c.blocks.findIndex((b) => b.transactions.some((t) => t.id === txId));
  h.c.blocks.slice(0, index).forEach((block, i) => applyGovernanceBlock(block, live, h.c.changes[i]!.communities));
  return { live, index };
}

describe("the governance reader", () => {
  it("reads the switch: the token minted, every unit in the governance box; a switch that put units elsewhere says how many", () => {
    const { live, index } = liveBefore(h.switched.txId);
    const block = h.c.blocks[index]!;
    const changes = applyGovernanceBlock(block, live, h.c.changes[index]!.communities);
    const governanceId = block.transactions[0]!.inputs[0]!.boxId;
    expect(changes.switches).toEqual([{ communityId: h.f.communityId, governanceId, txId: h.switched.txId, minted: 1_000_000_000n, misplaced: 0n }]);
    expect(changes.governance).toMatchObject([{ governanceId, communityId: h.f.communityId, remaining: 1_000_000_000n, version: 0 }]);
    // Its twin: the committee keeps 5 units in an output of its own.
    const kept = edited(block.transactions[0]!, (tx) => {
      const g = tx.outputs.find((o) => o.assets?.some((a) => a.tokenId === governanceId))!;
      g.assets = [{ tokenId: governanceId, amount: 999_999_995n }];
      tx.outputs.push({ ...copyBox(g, "kept units"), ergoTree: tx.outputs.at(-1)!.ergoTree, assets: [{ tokenId: governanceId, amount: 5n }], additionalRegisters: {} });
    });
    const twin = applyGovernanceBlock(blockOf(block.header.height, kept), liveBefore(h.switched.txId).live, h.c.changes[index]!.communities);
    expect(twin.switches).toMatchObject([{ minted: 1_000_000_000n, misplaced: 5n }]);
    // And the same transaction with its community box under the economics tree (which reads no R8): no switch.
    const econ = edited(block.transactions[0]!, (tx) => {
      tx.outputs.find((o) => o.ergoTree === COMMUNITY_ERGO_TREE)!.ergoTree = COMMUNITY_ECON_ERGO_TREE;
    });
    expect(applyGovernanceBlock(blockOf(block.header.height, econ), liveBefore(h.switched.txId).live, h.c.changes[index]!.communities)).toMatchObject({ switches: [], governance: [] });
  });

  it("stores every kind of change so that it reads back the same, a policy of the wrong length as its values", () => {
    const changes: ProposalChange[] = [
      h.fee.proposal.change, h.pay.proposal.change, h.meta.proposal.change, h.left.proposal.change, { kind: "policy", policy: [1n, 2n, 3n, 4n, 5n, 6n, 7n] },
    ];
    for (const c of changes) expect(changeFromJson(changeJson(c))).toEqual(c);
    expect(JSON.parse(changeJson(changes[4]!))).toEqual({ kind: "policy", policy: null, values: ["1", "2", "3", "4", "5", "6", "7"] });
  });

  it("reads a refund of a proposal that had a majority as the committee's veto", () => {
    const { live, index } = liveBefore(h.payRefunded.txId);
    const block = h.c.blocks[index]!;
    expect(applyGovernanceBlock(block, liveBefore(h.payRefunded.txId).live, []).activities).toMatchObject([{ kind: "refund", proposalId: h.pay.proposal.proposalId }]);
    const p = [...live.proposals.values()].find((x) => x.proposalId === h.pay.proposal.proposalId)!;
    p.counts = { for: 3n, against: 0n, abstain: 0n };
    expect(applyGovernanceBlock(block, live, []).activities).toEqual([{ txId: h.payRefunded.txId, proposalId: p.proposalId, kind: "veto", amountNanoErg: p.depositNanoErg }]);
  });

  it("reads a storage-rent spend of a live proposal as rent, and one that leaves no proposal as its end", () => {
    const { live } = liveBefore();
    const p = [...live.proposals.values()].find((x) => x.proposalId === h.left.proposal.proposalId)!;
    const box = h.c.blocks.flatMap((b) => b.transactions).flatMap((t) => t.outputs).find((o) => o.boxId === p.boxId)!;
    const height = p.creationHeight + STORAGE_PERIOD_BLOCKS;
    const kept = copyBox(box, "rent kept", { value: BigInt(box.value) - 1_000_000n });
    const tx = { id: testId("rent tx"), inputs: [{ boxId: p.boxId, spendingProof: rentProof(0) }], outputs: [kept] };
    const changes = applyGovernanceBlock(blockOf(height, tx), live, []);
    expect(changes.activities).toEqual([{ txId: tx.id, proposalId: p.proposalId, kind: "rent", amountNanoErg: 1_000_000n }]);
    expect(changes.proposals).toMatchObject([{ boxId: kept.boxId, version: p.version + 1 }]);
    const taken = { id: testId("rent all"), inputs: [{ boxId: kept.boxId, spendingProof: rentProof(0) }], outputs: [] };
    const gone = applyGovernanceBlock(blockOf(height + STORAGE_PERIOD_BLOCKS, taken), live, []);
    expect(gone.activities).toMatchObject([{ kind: "rent", amountNanoErg: BigInt(kept.value) }]);
    expect(live.proposals.has(kept.boxId)).toBe(false);
  });

  it("follows no copy of a proposal made without spending the governance box, nor a vote box made without spending one of its list", () => {
    const { live } = liveBefore();
    const outputs = h.c.blocks.flatMap((b) => b.transactions).flatMap((t) => t.outputs);
    const proposal = outputs.find((o) => o.boxId === h.left.proposal.boxId)!;
    const vote = outputs.find((o) => [...live.votes.values()].some((v) => v.boxId === o.boxId && v.proposalId === h.left.proposal.proposalId && v.choice !== null))!;
    const tx = { id: testId("copies"), inputs: [{ boxId: testId("a wallet box") }], outputs: [copyBox(proposal, "copied proposal"), copyBox(vote, "copied vote")] };
    const changes = applyGovernanceBlock(blockOf(h.leftVote.height + 1, tx), live, []);
    expect(changes).toMatchObject({ proposals: [], voteBoxes: [], cast: [], activities: [] });
  });
});

describe.each(BACKENDS)("governance through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await fresh();
    await sync(db, h.c.blocks);
  }, 600_000);

  const undoFrom = () => [h.switched, h.fee.site, h.feeVotes[2]!, h.feeTally[1]!, h.payRefunded, h.metaForfeited, h.leftVote].map((s) => s.height);
  const dumpsBefore = new Map<number, unknown>();

  it("mirrors the switch, the proposals with their outcomes, counts and votes", async () => {
    const governance = await db.selectFrom("governances").selectAll().execute();
    expect(governance).toMatchObject([{ community_id: h.f.communityId, switch_tx_id: h.switched.txId, switch_height: h.switched.height, minted: "1000000000", misplaced: "0" }]);
    const live = await db.selectFrom("governance_boxes").selectAll().where("spent_height", "is", null).execute();
    expect(live.map((g) => [g.community_id, g.version, g.remaining, String(g.quorum_ppm), String(g.veto_blocks)])).toEqual([[h.f.communityId, 4, "999999996", "500000", "0"]]);
    const rows = await db.selectFrom("proposals").selectAll().orderBy("proposed_height").execute();
    expect(rows.map((p) => [p.proposal_id, p.kind, p.outcome, p.votes_for, p.votes_against, p.votes_abstain, p.votes_cast, p.votes_counted])).toEqual([
      [h.fee.proposal.proposalId, "policy", "executed", "2", "1", "1", 4, 4],
      [h.pay.proposal.proposalId, "treasury", "refunded", "1", "2", "0", 3, 3],
      [h.meta.proposal.proposalId, "metadata", "forfeited", "1", "0", "0", 1, 1],
      [h.left.proposal.proposalId, "committee", null, "0", "0", "0", 1, 0],
    ]);
    expect(rows[0]).toMatchObject({ outcome_tx_id: h.feeExecuted.txId, outcome_height: h.feeExecuted.height, version: 3, cursor: GOVERNANCE_KEY_MAX.toString() });
    expect(JSON.parse(rows[0]!.change)).toMatchObject({ kind: "policy", policy: { joinFeeNanoErg: "0" } });
    expect(JSON.parse(rows[1]!.change)).toEqual({ kind: "treasury", amountNanoErg: "5000000", recipientErgoTree: h.f.member("bob").ergoTree });
    expect(JSON.parse(rows[2]!.change)).toMatchObject({ kind: "metadata", metadata: { description: "decided by its members" } });
    expect(rows[3]).toMatchObject({ proposer: h.f.member("dave").owner, box_id: h.left.proposal.boxId, outcome_tx_id: null, outcome_height: null, cursor: "-1" });
    const votes = await db.selectFrom("votes").selectAll().where("proposal_id", "=", h.fee.proposal.proposalId).orderBy("height").execute();
    expect(votes.map((v) => [v.account_id, v.choice, v.tx_id])).toEqual(
      (["bob", "alice", "carol", "dave"] as const).map((name, i) => [h.f.account(name).accountId, ["for", "for", "against", "abstain"][i], h.feeVotes[i]!.txId]),
    );
    expect(votes.every((v) => v.voter_key === voterKeyHex(BigInt(`0x${v.account_id!.slice(0, 48)}`)))).toBe(true);
    expect(new Set(votes.map((v) => v.counted_tx_id))).toEqual(new Set(h.feeTally.map((s) => s.txId)));
    const events = await db.selectFrom("proposal_events").select(["kind", "votes_counted", "amount_nano_erg"]).where("proposal_id", "=", h.fee.proposal.proposalId).orderBy("height").execute();
    expect(events).toEqual([
      { kind: "propose", votes_counted: null, amount_nano_erg: h.fee.proposal.depositNanoErg.toString() },
      { kind: "tally", votes_counted: 2, amount_nano_erg: null },
      { kind: "tally", votes_counted: 2, amount_nano_erg: null },
      { kind: "tally", votes_counted: 1, amount_nano_erg: null },
      { kind: "execute", votes_counted: null, amount_nano_erg: null },
    ]);
    const closing = await db.selectFrom("proposal_events").select(["proposal_id", "kind", "amount_nano_erg"]).where("kind", "in", ["refund", "forfeit"]).orderBy("height").execute();
    expect(closing).toEqual([
      { proposal_id: h.pay.proposal.proposalId, kind: "refund", amount_nano_erg: h.pay.proposal.depositNanoErg.toString() },
      { proposal_id: h.meta.proposal.proposalId, kind: "forfeit", amount_nano_erg: h.meta.proposal.depositNanoErg.toString() },
    ]);
    const community = await db.selectFrom("community_boxes").select(["join_fee_nano_erg", "treasury_nano_erg"]).where("community_id", "=", h.f.communityId).where("spent_height", "is", null).executeTakeFirstOrThrow();
    expect(String(community.join_fee_nano_erg)).toBe("0");
    expect(BigInt(community.treasury_nano_erg)).toBe(h.treasuryBeforeForfeit + h.meta.proposal.depositNanoErg);
  });

  it("writes the same rows block by block as in one batch", async () => {
    const byBlock = await fresh();
    for (const [height, before] of await syncKeepingDumps(byBlock, h.c.blocks, undoFrom())) dumpsBefore.set(height, before);
    expect(await dump(byBlock)).toEqual(await dump(db));
  });

  it("undoes the blocks from the last vote, a forfeit, a refund, a tally step, a vote, a proposal and the switch, each back to a sync of the blocks before it; then syncs them again", async () => {
    const { afterUndo, resynced } = await undoEachThenResync(await fresh(), h.c.blocks, undoFrom());
    for (const [height, undone] of afterUndo) expect(undone).toEqual(dumpsBefore.get(height));
    expect(resynced).toEqual(await dump(db));
  });
});
