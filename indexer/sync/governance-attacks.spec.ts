// Attacks on the indexer's member-governance sync (docs/indexer.md "Member governance"): transactions
// a node accepts (both interpreters judge the builders' and the edited ones; storage rent by ergo-lib)
// or, where marked, hand-made blocks whose scripts are argued in a comment, replayed through the
// reader and the pipeline. Each attack that once worked is named in its test: votes burnt by a veto or
// a forfeit taken as counted, dead votes re-animated by storage rent, two governance boxes sharing a
// successor, a genesis naming a governance token.
import type { Box, SignedTransaction } from "@fleet-sdk/common";
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { GOVERNANCE_KEY_MIN, voteRegisters, type Proposal, type VoteBox, type VoteChoice } from "../../contracts/governance/governance.ts";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { bytesConstant } from "../../contracts/registers.ts";
import { COMMUNITY_ERGO_TREE, DORMANT_BLOCKS, GOVERNANCE_EXEC_BLOCKS, VOTE_ERGO_TREE } from "../../contracts/scripts.ts";
import { TEST_METADATA } from "../../contracts/testing/community-fixture.ts";
import { GovernanceFixture } from "../../contracts/testing/governance-fixture.ts";
import { edit, feeOut, setValue, valueOf } from "../../contracts/testing/tx-edit.ts";
import type { Database } from "../db/schema.ts";
import { BACKENDS, dump, freshDatabases } from "../db/testing.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx, copyBox, edited, Replay, testId, type TestBox } from "./block-testing.ts";
import { applyGovernanceBlock, LiveGovernance } from "./governance.ts";
import type { BlockChanges } from "./lets-events.ts";
import { BatchPipeline } from "./pipeline.ts";
import { rollbackFrom } from "./write-batch.ts";

/** A governance fixture whose transactions are blocks (as GovernanceChain, with rules of our own). */
class Chain {
  readonly replay = new Replay();
  readonly blocks: BatchBlock[] = [];
  readonly changes: BlockChanges[] = [];
  private recorded: number;

  constructor(readonly f: GovernanceFixture) {
    f.world.submitted.forEach((tx, i) => this.record(tx, 1_001 + i));
    this.recorded = f.world.submitted.length;
  }

  /** Runs a step that submits one transaction; returns the index of its block. */
  step(run: () => void): number {
    run();
    const fresh = this.f.world.submitted.slice(this.recorded);
    if (fresh.length !== 1) throw new Error(`a step submits one transaction, this one ${fresh.length}`);
    this.recorded += 1;
    this.record(fresh[0]!, this.f.world.height);
    return this.blocks.length - 1;
  }

  private record(tx: SignedTransaction, height: number): void {
    const block = blockOf(height, chainTx(tx));
    this.blocks.push(block);
    this.changes.push(this.replay.applyBlock(block));
  }

  /** The live governance after the blocks before `index`. */
  liveBefore(index: number): LiveGovernance {
    const live = new LiveGovernance();
    this.blocks.slice(0, index).forEach((b, i) => applyGovernanceBlock(b, live, this.changes[i]!.communities));
    return live;
  }

  /** What the block at `index` does to governance, after the blocks before it. */
  read(index: number) {
    return applyGovernanceBlock(this.blocks[index]!, this.liveBefore(index), this.changes[index]!.communities);
  }
}

async function sync(db: Kysely<Database>, blocks: BatchBlock[]): Promise<void> {
  const pipeline = new BatchPipeline(db);
  await pipeline.add(blocks);
  await pipeline.finish();
}

const sum = (votes: VoteBox[]) => votes.reduce((s, v) => s + v.valueNanoErg, 0n);

/**
 * The committee's veto (vetoBlocks 20) of `proposalId` before its tally, spending `votes` too: the
 * veto path puts the proposal first, so each vote's script sees it there and lets it go (its units
 * burnt, which the proposal's script allows); their ERG goes to the fee.
 */
function vetoTx(f: GovernanceFixture, proposalId: string, votes: VoteBox[]) {
  return edit(f.refundTx(proposalId, f.committee, true), (d) => {
    for (const v of votes) d.inputs.push({ ...(v.box as Box<string>), extension: {} });
    setValue(feeOut(d), valueOf(feeOut(d)) + sum(votes));
  });
}

/**
 * A forfeit at the deadline (anyone may) with the proposal first, then the community box, and the
 * proposal's uncounted votes spent too: the community's script does not ask to be first, and each
 * vote's script sees the proposal first. Both interpreters accept it.
 */
function forfeitFirstTx(f: GovernanceFixture, proposalId: string, votes: VoteBox[]) {
  return edit(f.forfeitTx(proposalId), (d) => {
    d.inputs = [d.inputs[1]!, d.inputs[0]!, ...d.inputs.slice(2), ...votes.map((v) => ({ ...(v.box as Box<string>), extension: {} }))];
    setValue(feeOut(d), valueOf(feeOut(d)) + sum(votes));
  });
}

/**
 * A chain with a veto window: `p1` (alice, a policy) gets bob's and carol's votes and is vetoed by
 * a transaction that also spends its list; `p2` (dave, metadata) gets erin's vote and is vetoed as
 * the builder does, leaving its head and erin's vote dead; `p3` (carol, a policy) gets bob's vote
 * and is forfeited at its deadline by a transaction that also spends its list; storage rent then takes the dead head
 * whole (it holds less than its fee) and makes two vote boxes of one key with its units.
 */
function vetoHistory() {
  const f = new GovernanceFixture({ rules: { vetoBlocks: 20n } });
  const c = new Chain(f);
  let p1!: Proposal;
  let p2!: Proposal;
  const p1Opened = c.step(() => void (p1 = f.propose("alice", { kind: "policy", policy: { joinFeeNanoErg: 0n } })));
  const p1Votes = [c.step(() => f.vote("bob", p1.proposalId, "for")), c.step(() => f.vote("carol", p1.proposalId, "against"))];
  const p1Vetoed = c.step(() => void f.world.submit(vetoTx(f, p1.proposalId, f.votes(p1.proposalId)), [f.committee]));
  const p2Opened = c.step(() => void (p2 = f.propose("dave", { kind: "metadata", metadata: { ...TEST_METADATA, description: "dave's" } })));
  const p2Vote = c.step(() => f.vote("erin", p2.proposalId, "for"));
  const p2Vetoed = c.step(() => void f.world.submit(f.refundTx(p2.proposalId, f.committee, true), [f.committee]));
  let p3!: Proposal;
  c.step(() => void (p3 = f.propose("carol", { kind: "policy", policy: { joinFeeNanoErg: 1n } })));
  c.step(() => f.vote("bob", p3.proposalId, "for"));
  f.world.mine(Number(p3.endHeight + p3.vetoBlocks) + GOVERNANCE_EXEC_BLOCKS - f.world.height);
  const p3Forfeited = c.step(() => void f.world.submit(forfeitFirstTx(f, p3.proposalId, f.votes(p3.proposalId)), [f.committee]));
  const head = f.votes(p2.proposalId).find((v) => v.key === GOVERNANCE_KEY_MIN)!;
  const erinVote = f.votes(p2.proposalId).find((v) => v.key !== GOVERNANCE_KEY_MIN)!;
  f.world.mine(STORAGE_PERIOD_BLOCKS);
  const forged = (units: bigint) => ({
    value: (head.valueNanoErg / 2n).toString(), ergoTree: VOTE_ERGO_TREE, creationHeight: f.world.height + 1,
    assets: [{ tokenId: p2.proposalId, amount: units.toString() }], additionalRegisters: voteRegisters(1n, head.next, "for"),
  });
  const rent = c.step(() => void f.world.rentSpend({ rent: [{ box: head.box as Box<string>, outputIndex: 0 }], outputs: [forged(head.units / 2n), forged(head.units - head.units / 2n)] }, []));
  return { c, f, p1, p2, p1Opened, p1Votes, p1Vetoed, p2Opened, p2Vote, p2Vetoed, p3, p3Forfeited, rent, head, erinVote };
}

type VetoHistory = ReturnType<typeof vetoHistory>;
let h: VetoHistory;
beforeAll(() => {
  h = vetoHistory();
}, 600_000);

describe("votes and closings", () => {
  it("reads the builder's veto as a veto that counts nothing, the dead votes left live", () => {
    const changes = h.c.read(h.p2Vetoed);
    expect(changes.activities).toMatchObject([{ kind: "veto", proposalId: h.p2.proposalId }]);
    expect(changes).toMatchObject({ counted: [], spentVotes: [] });
  });

  // BUG: a vote box spent beside its proposal is taken as counted whatever the proposal's spend is;
  // a veto (or a refund) that also spends the list's boxes counts nothing (the proposal's counts
  // stay 0), yet each vote gets the veto as its counting transaction and votes_counted rises.
  it("counts no vote that a veto spends beside the proposal (the proposal's counts stay 0)", () => {
    const changes = h.c.read(h.p1Vetoed);
    expect(changes.activities).toMatchObject([{ kind: "veto", proposalId: h.p1.proposalId }]);
    expect(changes.spentVotes).toHaveLength(3);
    expect(changes.counted).toEqual([]);
  });

  // BUG (the same): a forfeit at the deadline, by anyone and with no veto window, does it too.
  it("counts no vote that a forfeit at the deadline spends beside the proposal", () => {
    const changes = h.c.read(h.p3Forfeited);
    expect(changes.activities).toMatchObject([{ kind: "forfeit", proposalId: h.p3.proposalId }]);
    expect(changes.spentVotes).toHaveLength(2);
    expect(changes.counted).toEqual([]);
  });

  // BUG: nothing checks a vote box's spend for storage rent. A proposal closed with votes uncounted
  // (a veto, a forfeit at its deadline) leaves them dead but live in the sync; rent takes one whole
  // (0.002 ERG is below its fee) and the taker makes vote boxes with its units and any key: each is
  // read as a vote cast on a closed proposal.
  it("casts no vote out of a storage-rent spend of a dead vote box", () => {
    const changes = h.c.read(h.rent);
    expect(changes.cast).toEqual([]);
    expect(changes.voteBoxes).toEqual([]);
  });

  // BUG, the same door: the rent spend above freed the head's units. A box of the taker's, holding a
  // token of its own first and one of those units second, passes for the proposal in the vote
  // script (its "counted" branch), so the taker may spend erin's dead vote too, without rent, and
  // make vote boxes of any key: read as a vote cast. A check for rent on votes alone would miss it;
  // a closed proposal's votes must no longer be followed. (A block made by hand, as argued.)
  it("casts no vote out of a dead vote box spent with the units rent freed", () => {
    const e = h.erinVote;
    const height = h.c.blocks[h.rent]!.header.height + 1;
    const out = (seed: string, key: bigint, next: bigint, units: bigint, choice: VoteChoice | null): TestBox => ({
      boxId: testId(seed), value: 1_000_000n, ergoTree: VOTE_ERGO_TREE, creationHeight: height, index: 0, transactionId: testId("dead vote spent"),
      assets: [{ tokenId: e.proposalId, amount: units }], additionalRegisters: voteRegisters(key, next, choice),
    } as TestBox);
    const tx = {
      id: testId("dead vote spent"), inputs: [{ boxId: testId("the taker's box") }, { boxId: e.boxId }],
      outputs: [out("stay", e.key, e.key + 1n, 1n, e.choice), out("forged", e.key + 1n, e.next, e.units - 1n, "against")],
    };
    const changes = applyGovernanceBlock(blockOf(height, tx), h.c.liveBefore(h.rent + 1), []);
    expect(changes.cast).toEqual([]);
  });
});

/**
 * The switch puts half the units in a second governance box (the contract leaves the units to the
 * committee; the indexer flags them). Once both are dormant anyone may refresh them in one
 * transaction, a block made by hand: each box's script checks only OUTPUTS(0), which keeps its rules,
 * community and units (both hold 500M), and that no input holds a unit of the community.
 */
function splitGovernance() {
  const index = h.c.changes.findIndex((c) => c.communities.some((x) => x.governanceId !== null));
  const block = h.c.blocks[index]!;
  const governanceId = block.transactions[0]!.inputs[0]!.boxId;
  const held = (o: TestBox) => o.assets?.some((a) => a.tokenId === governanceId) ?? false;
  let second!: TestBox;
  const tx = edited(block.transactions[0]!, (t) => {
    const g = t.outputs.find(held)!;
    g.assets = [{ tokenId: governanceId, amount: 500_000_000n }];
    second = copyBox(g, "second governance box");
    t.outputs.push(second);
  });
  const first = tx.outputs.find(held)!;
  const height = block.header.height + DORMANT_BLOCKS;
  const refresh = {
    id: testId("refresh both"), inputs: [{ boxId: first.boxId }, { boxId: second.boxId }],
    outputs: [copyBox(first, "refreshed first", { creationHeight: height }), copyBox(second, "refreshed second", { creationHeight: height })],
  };
  return { blocks: [...h.c.blocks.slice(0, index), blockOf(block.header.height, tx), blockOf(height, refresh)], index, refresh };
}

describe("two governance boxes of one community (units misplaced at the switch)", () => {
  // BUG: each spent governance box takes the first governance output of its token as its successor,
  // so both take the same one: one box is written twice (a primary-key conflict that halts the sync)
  // and the other output, which holds half the units, is no longer followed.
  it("follows each refreshed box once", () => {
    const { blocks, index, refresh } = splitGovernance();
    const live = new LiveGovernance();
    blocks.slice(0, index).forEach((b, i) => applyGovernanceBlock(b, live, h.c.changes[i]!.communities));
    const switched = applyGovernanceBlock(blocks[index]!, live, h.c.changes[index]!.communities);
    expect(switched.switches).toMatchObject([{ minted: 1_000_000_000n, misplaced: 500_000_000n }]);
    expect(switched.governance).toHaveLength(2);
    const changes = applyGovernanceBlock(blocks[index + 1]!, live, []);
    expect(changes.spentGovernance).toHaveLength(2);
    expect(new Set(changes.governance.map((g) => g.boxId)).size).toBe(changes.governance.length);
    expect(changes.governance.map((g) => g.boxId)).toContain(refresh.outputs[0]!.boxId);
  });
});

describe("a community born with a governance token (R8 at genesis)", () => {
  // A genesis runs no script: its creator may write R8. The community then obeys whoever holds one
  // unit of that token (every path keeps R8), not the committee the box names. The twin is the real genesis.
  const genesis = () => h.c.blocks[0]!;
  const withR8 = (governanceId: (communityId: string) => string) => edited(genesis().transactions[0]!, (t) => {
    t.outputs.find((o) => o.ergoTree === COMMUNITY_ERGO_TREE)!.additionalRegisters.R8 = bytesConstant(governanceId(t.inputs[0]!.boxId));
  });

  it("reads the real genesis as a community its committee governs", () => {
    const changes = new Replay().applyBlock(genesis());
    expect(changes.communities).toMatchObject([{ governanceId: null }]);
    expect(applyGovernanceBlock(genesis(), new LiveGovernance(), changes.communities).switches).toEqual([]);
  });

  // BUG: genesisProblem does not look at R8, so a community whose R8 names a token its creator holds
  // is taken as genuine and shown governed by its committee (no `governances` row), while that
  // token's holder governs alone; with R8 = its own id, the governance reader reads a switch at
  // creation and every account (one unit of the community token each) may govern alone.
  it("refuses a genesis whose community box names a governance token", () => {
    for (const tx of [withR8(() => testId("the creator's own token")), withR8((communityId) => communityId)]) {
      const block = blockOf(genesis().header.height, tx);
      const changes = new Replay().applyBlock(block);
      expect(applyGovernanceBlock(block, new LiveGovernance(), changes.communities).switches).toEqual([]);
      expect(changes.communities).toEqual([]);
    }
  });
});

describe.each(BACKENDS)("governance attacks through the sync on $name", ({ open }) => {
  const fresh = freshDatabases(open);
  // The history up to the builder's veto (the rent spend left out), in one batch.
  const upToVeto = () => h.c.blocks.slice(0, h.p2Vetoed + 1);
  let batch: Kysely<Database>;
  beforeAll(async () => {
    batch = await fresh();
    await sync(batch, upToVeto());
  }, 600_000);

  it("writes one block holding a proposal, its vote and its veto as the blocks apart do", async () => {
    const together = await fresh();
    const merged = [h.p2Opened, h.p2Vote, h.p2Vetoed].map((i) => h.c.blocks[i]!.transactions[0]!);
    await sync(together, [...h.c.blocks.slice(0, h.p2Opened), blockOf(h.c.blocks[h.p2Vetoed]!.header.height, ...merged)]);
    const columns = ["proposal_id", "outcome", "outcome_tx_id", "votes_for", "votes_against", "votes_cast", "votes_counted", "cursor"] as const;
    const read = (db: Kysely<Database>) => db.selectFrom("proposals").select(columns).orderBy("proposal_id").execute();
    expect(await read(together)).toEqual(await read(batch));
    const votes = (db: Kysely<Database>) => db.selectFrom("votes").select(["proposal_id", "voter_key", "account_id", "choice", "tx_id", "counted_tx_id"]).orderBy("voter_key").execute();
    expect(await votes(together)).toEqual(await votes(batch));
    expect(await read(together)).toContainEqual(expect.objectContaining({ proposal_id: h.p2.proposalId, outcome: "vetoed", votes_cast: 1, votes_counted: 0 }));
  });

  const undoAt = () => [h.p2Opened, h.p1Vetoed, h.p1Opened];
  const dumpsBefore = new Map<number, unknown>();
  let restarted: Kysely<Database>;

  it("restarted at every block (live boxes loaded from the database) writes what one batch writes", async () => {
    restarted = await fresh();
    for (const [i, block] of upToVeto().entries()) {
      if (undoAt().includes(i)) dumpsBefore.set(i, await dump(restarted));
      await sync(restarted, [block]);
    }
    expect(await dump(restarted)).toEqual(await dump(batch));
  });

  it("undoes the builder's veto's proposal, the veto that spent the votes and the first proposal, each back to a sync of the blocks before it", async () => {
    for (const at of undoAt()) {
      await restarted.transaction().execute((trx) => rollbackFrom(trx, h.c.blocks[at]!.header.height));
      expect(await dump(restarted)).toEqual(dumpsBefore.get(at));
    }
  });

  // BUG (above): the veto's votes are written as counted by the veto.
  it("leaves a vetoed proposal's votes uncounted", async () => {
    const p = await batch.selectFrom("proposals").selectAll().where("proposal_id", "=", h.p1.proposalId).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ outcome: "vetoed", votes_cast: 2, votes_for: "0", votes_against: "0" });
    expect(p.votes_counted).toBe(0);
  });

  // BUG (above): the two refreshed governance boxes are written as one box twice.
  it("goes past a refresh of two governance boxes of one community", async () => {
    const db = await fresh();
    await sync(db, splitGovernance().blocks);
    expect(await db.selectFrom("governances").select("misplaced").execute()).toEqual([{ misplaced: "500000000" }]);
  });

  // BUG (above): the two forged votes share a key, so writing them conflicts on votes' primary key
  // and the sync halts at a block a node accepted. Last, as it writes the rent's block on top of the batch.
  it("goes past a storage-rent spend of a dead vote box, recording no vote", async () => {
    await sync(batch, [h.c.blocks[h.rent]!]);
    const p = await batch.selectFrom("proposals").selectAll().where("proposal_id", "=", h.p2.proposalId).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ outcome: "vetoed", votes_cast: 1 });
  });
});
