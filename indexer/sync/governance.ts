/**
 * Member governance in the sync (contract version 9, docs/governance.md): no community unit moves,
 * so this module reads each block's transactions on its own, against the live governance,
 * proposal and vote boxes (`LiveGovernance`), like the loans beside it.
 *
 * What is genuine, and why:
 * - a **switch** is a transaction whose output is a genuine plain community box (the LETS sync decoded
 *   it: `communities`) with R8 = the id of the transaction's first input: the community contract
 *   allows that only at the switch (and keeps R8 for ever after), and the token of that id is minted there. Its governance boxes
 *   are the outputs of the governance script holding that token and naming that community; what
 *   the switch minted anywhere else is `misplaced` (the contract leaves the units to the committee);
 * - a **governance box** succeeds a live one (the governance script keeps it at `OUTPUTS(0)`);
 * - a **proposal** is opened by a transaction spending a live governance box first: its own token
 *   is minted there (its id is the governance box's id), and the propose path checks its state and
 *   its list's head; later versions succeed a live proposal (a tally, at `OUTPUTS(0)`);
 * - a **vote box** succeeds a live one of the same proposal (same key, a new next), or is the new
 *   vote of such a spend (a key inside the spent box's gap): the vote script checks both.
 * How a proposal closed is read from the transaction: with the community box spent (its token in an
 * output) it is an execution when the proposal passed and its deadline is ahead, else a forfeit;
 * without, a refund when counted with quorum and no majority, else the committee's veto. A
 * storage-rent spend is `rent`; one that leaves no proposal lost its unit.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import {
  decodeGovernance, decodeProposal, decodeVote, GOVERNANCE_KEY_MIN, hasMajority, isCounted, reachesQuorum,
  type GovernanceBox, type Proposal, type VoteBox, type VoteChoice,
} from "../../contracts/governance/governance.ts";
import { COMMUNITY_ERGO_TREE, GOVERNANCE_EXEC_BLOCKS } from "../../contracts/scripts.ts";
import type { ChainBlock, ChainTransaction } from "./apply-block.ts";
import type { CommunityRecord } from "./lets-events.ts";
import { isRentSpend } from "./rent.ts";

export type GovernanceRecord = Omit<GovernanceBox, "box"> & { version: number };
export type ProposalRecord = Omit<Proposal, "box"> & { version: number };
export type VoteRecord = Omit<VoteBox, "box"> & { communityId: string };

/** The live governance, proposal and vote boxes, by box id. */
export class LiveGovernance {
  readonly governance = new Map<string, GovernanceRecord>();
  readonly proposals = new Map<string, ProposalRecord>();
  readonly votes = new Map<string, VoteRecord>();

  has(boxId: string): boolean {
    return this.governance.has(boxId) || this.proposals.has(boxId) || this.votes.has(boxId);
  }
}

export type ProposalEventKind = "propose" | "tally" | "execute" | "refund" | "veto" | "forfeit" | "rent";

/** One thing a transaction did to a proposal. */
export interface ProposalActivity {
  txId: string;
  proposalId: string;
  kind: ProposalEventKind;
  /** tally: the list's boxes it counted (the head among them when it was counted). */
  votesCounted?: number;
  /** propose: the deposit; execute: a treasury payment; refund, veto, forfeit: the deposit; rent: the ERG taken. */
  amountNanoErg?: bigint;
}

/** What a block did to governance, in transaction order. */
export interface GovernanceChanges {
  switches: { communityId: string; governanceId: string; txId: string; minted: bigint; misplaced: bigint }[];
  /** Boxes it made (one made and spent within the block is in both lists). */
  governance: (GovernanceRecord & { txId: string })[];
  proposals: (ProposalRecord & { txId: string })[];
  voteBoxes: (VoteRecord & { txId: string })[];
  /** Live boxes it spent. */
  spentGovernance: string[];
  spentProposals: string[];
  spentVotes: string[];
  /** Votes cast (a new key in a list), and the votes a tally counted (the head excluded). */
  cast: { proposalId: string; communityId: string; key: bigint; choice: VoteChoice; txId: string }[];
  counted: { proposalId: string; key: bigint; txId: string }[];
  activities: ProposalActivity[];
}

type Output = ChainTransaction["outputs"][number];

const asBox = (o: Output): Box<Amount> =>
  ({ ...o, value: BigInt(o.value), assets: (o.assets ?? []).map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })) }) as Box<Amount>;

function decodedOutput<T extends { box: Box<Amount> }>(o: Output, decode: (b: Box<Amount>) => { ok: true; value: T } | { ok: false }): Omit<T, "box"> | undefined {
  const d = decode(asBox(o));
  if (!d.ok) return undefined;
  const { box: _box, ...rest } = d.value;
  return rest;
}

const holds = (o: Output, tokenId: string): bigint =>
  (o.assets ?? []).filter((a) => a.tokenId === tokenId).reduce((s, a) => s + BigInt(a.amount), 0n);

/** Whether a proposal passed: every vote counted, quorum and majority. */
export const passed = (p: Pick<Proposal, "cursor" | "counts" | "quorumPpm" | "seats" | "majorityPpm">): boolean => isCounted(p) && reachesQuorum(p) && hasMajority(p);

/** The first height at which a proposal can no longer execute. */
export const deadlineOf = (p: Pick<Proposal, "endHeight" | "vetoBlocks">): bigint => p.endHeight + p.vetoBlocks + BigInt(GOVERNANCE_EXEC_BLOCKS);

/** How a proposal spent without a successor closed (not by rent). */
function closing(p: ProposalRecord, tx: ChainTransaction, height: number): ProposalActivity {
  const communitySpent = tx.outputs.some((o) => holds(o, p.communityId) > 0n);
  const base = { txId: tx.id, proposalId: p.proposalId };
  if (communitySpent) {
    if (passed(p) && BigInt(height) < deadlineOf(p)) {
      return { ...base, kind: "execute", ...(p.change.kind === "treasury" ? { amountNanoErg: p.change.amountNanoErg } : {}) };
    }
    return { ...base, kind: "forfeit", amountNanoErg: p.depositNanoErg };
  }
  const rejected = isCounted(p) && reachesQuorum(p) && !hasMajority(p);
  return { ...base, kind: rejected ? "refund" : "veto", amountNanoErg: p.depositNanoErg };
}

/** The switch of a community in `tx`, if it is one; adds its governance boxes to `changes` and `live`. */
function readSwitch(tx: ChainTransaction, communities: ReadonlyMap<string, CommunityRecord>, live: LiveGovernance, changes: GovernanceChanges): void {
  const governanceId = tx.inputs[0]?.boxId;
  if (governanceId === undefined) return;
  // Only the plain tree's switch path writes R8 (the economics tree reads no R8, so its committee could write anything there).
  const community = tx.outputs.filter((o) => o.ergoTree === COMMUNITY_ERGO_TREE).map((o) => communities.get(o.boxId)).find((c) => c?.governanceId === governanceId);
  if (!community) return;
  const minted = tx.outputs.reduce((s, o) => s + holds(o, governanceId), 0n);
  let kept: bigint | undefined;
  for (const o of tx.outputs) {
    const g = decodedOutput(o, decodeGovernance);
    if (!g || g.governanceId !== governanceId || g.communityId !== community.communityId) continue;
    // The first governance box is the one the rules live in; units in any other are misplaced too.
    kept ??= g.remaining;
    const record = { ...g, version: 0 };
    live.governance.set(g.boxId, record);
    changes.governance.push({ ...record, txId: tx.id });
  }
  changes.switches.push({ communityId: community.communityId, governanceId, txId: tx.id, minted, misplaced: minted - (kept ?? 0n) });
}

/** Spends the live boxes among `tx`'s inputs; returns them with whether rent spent them. */
function spendInputs(tx: ChainTransaction, height: number, live: LiveGovernance, changes: GovernanceChanges) {
  const governance: GovernanceRecord[] = [];
  const proposals: { p: ProposalRecord; rent: boolean }[] = [];
  const votes: VoteRecord[] = [];
  for (const input of tx.inputs) {
    const g = live.governance.get(input.boxId);
    if (g) {
      live.governance.delete(g.boxId);
      changes.spentGovernance.push(g.boxId);
      governance.push(g);
    }
    const p = live.proposals.get(input.boxId);
    if (p) {
      live.proposals.delete(p.boxId);
      changes.spentProposals.push(p.boxId);
      proposals.push({ p, rent: isRentSpend(input, p.creationHeight, height) });
    }
    const v = live.votes.get(input.boxId);
    if (v) {
      live.votes.delete(v.boxId);
      changes.spentVotes.push(v.boxId);
      votes.push(v);
    }
  }
  return { governance, proposals, votes };
}

function addVoteBox(v: VoteRecord, txId: string, live: LiveGovernance, changes: GovernanceChanges): void {
  live.votes.set(v.boxId, v);
  changes.voteBoxes.push({ ...v, txId });
}

/** Applies one transaction to `live`, adding to `changes`. */
function applyTransaction(tx: ChainTransaction, height: number, communities: ReadonlyMap<string, CommunityRecord>, live: LiveGovernance, changes: GovernanceChanges): void {
  const spent = spendInputs(tx, height, live, changes);
  for (const before of spent.governance) {
    // Two boxes of one token (units misplaced at the switch) may be spent together: each output is followed once.
    const after = tx.outputs.map((out) => decodedOutput(out, decodeGovernance)).find((g) => g?.governanceId === before.governanceId && !live.governance.has(g.boxId));
    if (after && after.communityId === before.communityId) {
      const record = { ...after, version: before.version + 1 };
      live.governance.set(after.boxId, record);
      changes.governance.push({ ...record, txId: tx.id });
    }
    // Propose: the proposal's token is the governance box's id, minted here (the box is the first input).
    if (tx.inputs[0]?.boxId !== before.boxId) continue;
    const opened = tx.outputs.map((out) => decodedOutput(out, decodeProposal)).find((p) => p?.proposalId === before.boxId);
    if (!opened || opened.governanceId !== before.governanceId || opened.communityId !== before.communityId) continue;
    const record = { ...opened, version: 0 };
    live.proposals.set(opened.boxId, record);
    changes.proposals.push({ ...record, txId: tx.id });
    changes.activities.push({ txId: tx.id, proposalId: opened.proposalId, kind: "propose", amountNanoErg: opened.depositNanoErg });
    const head = tx.outputs.map((out) => decodedOutput(out, decodeVote)).find((v) => v?.proposalId === opened.proposalId && v.key === GOVERNANCE_KEY_MIN);
    if (head) addVoteBox({ ...head, communityId: opened.communityId }, tx.id, live, changes);
  }
  // Votes: each spent box's successor keeps its key; a new key is a vote cast into its gap.
  const proposalSpent = new Set(spent.proposals.map(({ p }) => p.proposalId));
  // Only a tally (the proposal kept at OUTPUTS(0)) counts the votes spent beside it; a close burns them uncounted.
  const tallied = tx.outputs[0] && decodedOutput(tx.outputs[0], decodeProposal)?.proposalId;
  for (const before of spent.votes) {
    if (proposalSpent.has(before.proposalId)) {
      if (before.key !== GOVERNANCE_KEY_MIN && tallied === before.proposalId) changes.counted.push({ proposalId: before.proposalId, key: before.key, txId: tx.id });
      continue;
    }
    const outs = tx.outputs.map((out) => decodedOutput(out, decodeVote)).filter((v) => v?.proposalId === before.proposalId);
    for (const v of outs) {
      if (!v || live.votes.has(v.boxId)) continue;
      const inGap = v.key === before.key || (v.key > before.key && v.key < before.next);
      if (!inGap) continue;
      addVoteBox({ ...v, communityId: before.communityId }, tx.id, live, changes);
      if (v.key !== before.key && v.choice !== null) changes.cast.push({ proposalId: v.proposalId, communityId: before.communityId, key: v.key, choice: v.choice, txId: tx.id });
    }
  }
  for (const { p: before, rent } of spent.proposals) {
    const o = tx.outputs.find((out) => decodedOutput(out, decodeProposal)?.proposalId === before.proposalId);
    const after = o && decodedOutput(o, decodeProposal);
    if (after) {
      const record = { ...after, version: before.version + 1 };
      live.proposals.set(after.boxId, record);
      changes.proposals.push({ ...record, txId: tx.id });
    }
    if (rent) {
      changes.activities.push({ txId: tx.id, proposalId: before.proposalId, kind: "rent", amountNanoErg: before.depositNanoErg - (after?.depositNanoErg ?? 0n) });
    } else if (after) {
      const votesCounted = spent.votes.filter((v) => v.proposalId === before.proposalId).length;
      changes.activities.push({ txId: tx.id, proposalId: before.proposalId, kind: "tally", votesCounted });
    } else {
      changes.activities.push(closing(before, tx, height));
    }
    // Closed: its votes left uncounted are dead (only storage rent can spend them now, and whatever it makes is no vote).
    if (!after) for (const v of [...live.votes.values()]) if (v.proposalId === before.proposalId) live.votes.delete(v.boxId);
  }
  readSwitch(tx, communities, live, changes);
}

/**
 * What `block` did to governance; `live` ends holding the live boxes after it. `communities` are
 * the genuine community boxes the LETS sync read in the block (its `BlockChanges.communities`).
 */
export function applyGovernanceBlock(block: ChainBlock, live: LiveGovernance, communities: readonly CommunityRecord[]): GovernanceChanges {
  const changes: GovernanceChanges = { switches: [], governance: [], proposals: [], voteBoxes: [], spentGovernance: [], spentProposals: [], spentVotes: [], cast: [], counted: [], activities: [] };
  const byBox = new Map(communities.map((c) => [c.boxId, c]));
  for (const tx of block.transactions) applyTransaction(tx, block.header.height, byBox, live, changes);
  return changes;
}
