/**
 * Member governance's rows (migration 0021, docs/governance.md): planned from each block with the
 * batch (`planBatch`), written in the batch's transaction, undone with its blocks. `proposals`
 * holds each proposal's terms and opening, and its newest `proposal_boxes` row, votes and events
 * summed up, rebuilt from them after a write or an undo, so undoing is exact.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type {
  NewGovernance, NewGovernanceBox, NewProposal, NewProposalBox, NewProposalEvent, NewVote, NewVoteBox,
} from "../db/governance-schema.ts";
import type { Database } from "../db/schema.ts";
import { policyFromValues, readMetadata } from "../../contracts/community/community.ts";
import { rulesFromValues, type ProposalChange } from "../../contracts/governance/governance.ts";
import type { ChainBlock } from "./apply-block.ts";
import { applyGovernanceBlock, type LiveGovernance } from "./governance.ts";
import type { CommunityRecord } from "./lets-events.ts";
import { insertSlices, markSpent } from "./row-writes.ts";

type Db = Kysely<Database> | Transaction<Database>;
type Spend = { boxId: string; height: number };

/** What a batch adds to the governance tables. */
export interface GovernanceRows {
  governances: NewGovernance[];
  governanceBoxes: NewGovernanceBox[];
  proposals: NewProposal[];
  proposalBoxes: NewProposalBox[];
  voteBoxes: NewVoteBox[];
  votes: NewVote[];
  events: NewProposalEvent[];
  /** Boxes from before the batch that it spends. */
  governanceSpends: Spend[];
  proposalSpends: Spend[];
  voteSpends: Spend[];
  /** Votes from before the batch that it counted. */
  countedBefore: { proposalId: string; voterKey: string; txId: string; height: number }[];
  /** The batch's own boxes and votes by id (a box made and spent in the batch is written spent). */
  made: Map<string, { spent_height?: number | null }>;
  madeVotes: Map<string, NewVote>;
}

export const emptyGovernanceRows = (): GovernanceRows => ({
  governances: [], governanceBoxes: [], proposals: [], proposalBoxes: [], voteBoxes: [], votes: [], events: [],
  governanceSpends: [], proposalSpends: [], voteSpends: [], countedBefore: [], made: new Map(), madeVotes: new Map(),
});

/** A vote key as the `votes` table names it: 24 bytes, 48 hex digits. */
export const voterKeyHex = (key: bigint): string => key.toString(16).padStart(48, "0");

/** The `change` column: the change with decimal strings, a policy by field (and as R4's values), metadata also read as JSON. */
export function changeJson(c: ProposalChange): string {
  switch (c.kind) {
    case "policy":
    {
      // A policy of another length than the plain six is written as read: the community would refuse it at execution.
      const policy = c.policy.length === 6 ? Object.fromEntries(Object.entries(policyFromValues(c.policy)).map(([f, v]) => [f, String(v)])) : null;
      return JSON.stringify({ kind: c.kind, policy, values: c.policy.map(String) });
    }
    case "metadata": {
      const { metadata, metadataProblem } = readMetadata(c.metadataHex);
      return JSON.stringify({ kind: c.kind, metadataHex: c.metadataHex, metadata: metadataProblem === null ? metadata : null });
    }
    case "committee":
      return JSON.stringify({ kind: c.kind, committee: c.committee });
    case "treasury":
      return JSON.stringify({ kind: c.kind, amountNanoErg: c.amountNanoErg.toString(), recipientErgoTree: c.recipientErgoTree });
  }
}

/** The change a `change` column holds. */
export function changeFromJson(text: string): ProposalChange {
  const c = JSON.parse(text) as Record<string, unknown>;
  switch (c.kind) {
    case "policy": {
      return { kind: "policy", policy: (c.values as string[]).map((v) => BigInt(v)) };
    }
    case "metadata":
      return { kind: "metadata", metadataHex: String(c.metadataHex) };
    case "committee":
      return { kind: "committee", committee: String(c.committee) };
    case "treasury":
      return { kind: "treasury", amountNanoErg: BigInt(String(c.amountNanoErg)), recipientErgoTree: String(c.recipientErgoTree) };
    default:
      throw new Error(`a stored proposal change of unknown kind ${String(c.kind)}`);
  }
}

/** Applies `block` to `live` and adds the rows of what it did to governance. */
export function addGovernanceRows(rows: GovernanceRows, block: ChainBlock, live: LiveGovernance, communities: readonly CommunityRecord[]): void {
  const { height } = block.header;
  const timestamp = BigInt(block.header.timestamp);
  const changes = applyGovernanceBlock(block, live, communities);
  const made = <R extends { box_id: string; spent_height?: number | null }>(list: R[], row: R) => {
    list.push(row);
    rows.made.set(row.box_id, row);
  };
  for (const s of changes.switches) {
    rows.governances.push({ community_id: s.communityId, governance_id: s.governanceId, switch_tx_id: s.txId, switch_height: height, switch_timestamp: timestamp, minted: s.minted, misplaced: s.misplaced });
  }
  for (const g of changes.governance) {
    const r = g.rules;
    made(rows.governanceBoxes, {
      box_id: g.boxId, governance_id: g.governanceId, community_id: g.communityId, version: g.version, remaining: g.remaining, quorum_ppm: r.quorumPpm, majority_ppm: r.majorityPpm,
      deposit_nano_erg: r.depositNanoErg, min_window_blocks: r.minWindowBlocks, max_window_blocks: r.maxWindowBlocks, veto_blocks: r.vetoBlocks,
      value_nano_erg: g.valueNanoErg, tx_id: g.txId, height, creation_height: g.creationHeight, spent_height: null,
    });
  }
  for (const p of changes.proposals) {
    made(rows.proposalBoxes, {
      box_id: p.boxId, proposal_id: p.proposalId, version: p.version, tx_id: p.txId, height, votes_for: p.counts.for, votes_against: p.counts.against,
      votes_abstain: p.counts.abstain, cursor: p.cursor, value_nano_erg: p.depositNanoErg, creation_height: p.creationHeight, spent_height: null,
    });
    if (p.version !== 0) continue;
    rows.proposals.push({
      proposal_id: p.proposalId, community_id: p.communityId, governance_id: p.governanceId, proposer: p.proposer, kind: p.change.kind, change: changeJson(p.change),
      opened_height: p.openedHeight, end_height: p.endHeight, seats: p.seats, quorum_ppm: p.quorumPpm, majority_ppm: p.majorityPpm, veto_blocks: p.vetoBlocks,
      deposit_nano_erg: p.depositNanoErg, proposed_tx_id: p.txId, proposed_height: height, proposed_timestamp: timestamp, box_id: p.boxId, version: 0,
      votes_for: 0n, votes_against: 0n, votes_abstain: 0n, cursor: p.cursor, votes_cast: 0, votes_counted: 0, outcome: null, outcome_tx_id: null, outcome_height: null,
    });
  }
  for (const v of changes.voteBoxes) {
    made(rows.voteBoxes, {
      box_id: v.boxId, proposal_id: v.proposalId, vote_key: v.key, next_key: v.next, choice: v.choice, units: v.units, value_nano_erg: v.valueNanoErg,
      tx_id: v.txId, height, creation_height: v.creationHeight, spent_height: null,
    });
  }
  // After the boxes made: a box made and spent within the batch (this block too) is written spent.
  const spend = (before: Spend[], boxId: string) => {
    const row = rows.made.get(boxId);
    if (row) row.spent_height = height;
    else before.push({ boxId, height });
  };
  for (const boxId of changes.spentGovernance) spend(rows.governanceSpends, boxId);
  for (const boxId of changes.spentProposals) spend(rows.proposalSpends, boxId);
  for (const boxId of changes.spentVotes) spend(rows.voteSpends, boxId);
  for (const c of changes.cast) {
    const row: NewVote = {
      proposal_id: c.proposalId, voter_key: voterKeyHex(c.key), community_id: c.communityId, account_id: null, choice: c.choice, tx_id: c.txId, height, timestamp,
      counted_tx_id: null, counted_height: null,
    };
    rows.votes.push(row);
    rows.madeVotes.set(`${row.proposal_id} ${row.voter_key}`, row);
  }
  for (const c of changes.counted) {
    const voterKey = voterKeyHex(c.key);
    const row = rows.madeVotes.get(`${c.proposalId} ${voterKey}`);
    if (row) Object.assign(row, { counted_tx_id: c.txId, counted_height: height });
    else rows.countedBefore.push({ proposalId: c.proposalId, voterKey, txId: c.txId, height });
  }
  for (const a of changes.activities) {
    rows.events.push({ proposal_id: a.proposalId, tx_id: a.txId, height, timestamp, kind: a.kind, votes_counted: a.votesCounted ?? null, amount_nano_erg: a.amountNanoErg ?? null });
  }
}

/**
 * Rewrites the live columns of `proposals` for `proposalIds` (all when undefined) from their newest
 * box, their votes and their events; and matches votes to the accounts whose ids start with their keys.
 */
async function refreshProposals(db: Db, proposalIds?: readonly string[]): Promise<void> {
  const which = proposalIds === undefined ? sql`true` : sql`proposal_id = any(${proposalIds}::text[])`;
  await sql`update votes as v set account_id = (select a.account_id from account_boxes a where a.community_id = v.community_id
      and substr(a.account_id, 1, 48) = v.voter_key order by a.created_height desc limit 1)
    where v.account_id is null and ${which}`.execute(db);
  await sql`update proposals as p set box_id = b.box_id, version = b.version, votes_for = b.votes_for, votes_against = b.votes_against,
      votes_abstain = b.votes_abstain, cursor = b.cursor
    from (select distinct on (proposal_id) * from proposal_boxes where ${which} order by proposal_id, version desc) as b
    where p.proposal_id = b.proposal_id`.execute(db);
  await sql`update proposals as p set
      votes_cast = (select count(*) from votes v where v.proposal_id = p.proposal_id),
      votes_counted = (select count(*) from votes v where v.proposal_id = p.proposal_id and v.counted_tx_id is not null),
      outcome = coalesce(
        (select case e.kind when 'execute' then 'executed' when 'refund' then 'refunded' when 'veto' then 'vetoed' else 'forfeited' end
          from proposal_events e where e.proposal_id = p.proposal_id and e.kind in ('execute', 'refund', 'veto', 'forfeit') limit 1),
        (select 'lost' from proposal_boxes b where b.box_id = p.box_id and b.spent_height is not null)),
      outcome_height = (select b.spent_height from proposal_boxes b where b.box_id = p.box_id),
      outcome_tx_id = (select e.tx_id from proposal_events e, proposal_boxes b where b.box_id = p.box_id and e.proposal_id = p.proposal_id
        and e.height = b.spent_height and e.kind in ('execute', 'refund', 'veto', 'forfeit', 'rent') limit 1)
    where ${which}`.execute(db);
}

/** Writes a batch's governance rows, then brings `proposals` up to date. */
export async function writeGovernanceRows(db: Db, rows: GovernanceRows): Promise<void> {
  await markSpent(db, "governance_boxes", rows.governanceSpends);
  await markSpent(db, "proposal_boxes", rows.proposalSpends);
  await markSpent(db, "vote_boxes", rows.voteSpends);
  await insertSlices(db, "governances", rows.governances);
  await insertSlices(db, "governance_boxes", rows.governanceBoxes);
  await insertSlices(db, "proposals", rows.proposals);
  await insertSlices(db, "proposal_boxes", rows.proposalBoxes);
  await insertSlices(db, "vote_boxes", rows.voteBoxes);
  await insertSlices(db, "votes", rows.votes);
  await insertSlices(db, "proposal_events", rows.events);
  for (const c of rows.countedBefore) {
    await db.updateTable("votes").set({ counted_tx_id: c.txId, counted_height: c.height }).where("proposal_id", "=", c.proposalId).where("voter_key", "=", c.voterKey).execute();
  }
  const touched = new Set([...rows.proposalBoxes.map((b) => b.proposal_id), ...rows.votes.map((v) => v.proposal_id), ...rows.events.map((e) => e.proposal_id),
    ...rows.countedBefore.map((c) => c.proposalId)]);
  if (touched.size > 0) await refreshProposals(db, [...touched]);
}

/** Undoes the governance rows of every block at `height` and above. */
export async function rollbackGovernance(db: Db, height: number): Promise<void> {
  for (const table of ["governance_boxes", "proposal_boxes", "vote_boxes", "votes", "proposal_events"] as const) await db.deleteFrom(table).where("height", ">=", height).execute();
  for (const table of ["governance_boxes", "proposal_boxes", "vote_boxes"] as const) await db.updateTable(table).set({ spent_height: null }).where("spent_height", ">=", height).execute();
  await db.updateTable("votes").set({ counted_tx_id: null, counted_height: null }).where("counted_height", ">=", height).execute();
  await db.deleteFrom("governances").where("switch_height", ">=", height).execute();
  await db.deleteFrom("proposals").where("proposed_height", ">=", height).execute();
  await refreshProposals(db);
}

/** Loads into `live` the live governance, proposal and vote boxes among `inputIds`. */
export async function loadGovernanceView(db: Db, live: LiveGovernance, inputIds: readonly string[]): Promise<void> {
  const ids = inputIds.filter((id) => !live.has(id));
  if (ids.length === 0) return;
  const among = sql<boolean>`box_id = any(${ids}::text[])`;
  for (const r of await db.selectFrom("governance_boxes").selectAll().where(among).where("spent_height", "is", null).execute()) {
    const rules = rulesFromValues([r.quorum_ppm, r.majority_ppm, r.deposit_nano_erg, r.min_window_blocks, r.max_window_blocks, r.veto_blocks].map((v) => BigInt(v)));
    live.governance.set(r.box_id, {
      boxId: r.box_id, governanceId: r.governance_id, communityId: r.community_id, remaining: BigInt(r.remaining), rules, valueNanoErg: BigInt(r.value_nano_erg),
      creationHeight: r.creation_height, version: r.version,
    });
  }
  const proposals = await db.selectFrom("proposal_boxes as b").innerJoin("proposals as p", "p.proposal_id", "b.proposal_id")
    .select(["b.box_id", "b.version", "b.votes_for", "b.votes_against", "b.votes_abstain", "b.cursor", "b.value_nano_erg", "b.creation_height",
      "p.proposal_id", "p.community_id", "p.governance_id", "p.proposer", "p.change", "p.opened_height", "p.end_height", "p.seats", "p.quorum_ppm", "p.majority_ppm", "p.veto_blocks"])
    .where(sql<boolean>`b.box_id = any(${ids}::text[])`).where("b.spent_height", "is", null).execute();
  for (const r of proposals) {
    live.proposals.set(r.box_id, {
      boxId: r.box_id, proposalId: r.proposal_id, governanceId: r.governance_id, communityId: r.community_id, change: changeFromJson(r.change),
      openedHeight: BigInt(r.opened_height), endHeight: BigInt(r.end_height), seats: BigInt(r.seats), quorumPpm: BigInt(r.quorum_ppm), majorityPpm: BigInt(r.majority_ppm),
      vetoBlocks: BigInt(r.veto_blocks), counts: { for: BigInt(r.votes_for), against: BigInt(r.votes_against), abstain: BigInt(r.votes_abstain) }, cursor: BigInt(r.cursor),
      proposer: r.proposer, depositNanoErg: BigInt(r.value_nano_erg), creationHeight: r.creation_height, version: r.version,
    });
  }
  const votes = await db.selectFrom("vote_boxes as v").innerJoin("proposals as p", "p.proposal_id", "v.proposal_id")
    .select(["v.box_id", "v.proposal_id", "v.vote_key", "v.next_key", "v.choice", "v.units", "v.value_nano_erg", "v.creation_height", "p.community_id"])
    .where(sql<boolean>`v.box_id = any(${ids}::text[])`).where("v.spent_height", "is", null).where("p.outcome", "is", null).execute();
  for (const r of votes) {
    live.votes.set(r.box_id, {
      boxId: r.box_id, proposalId: r.proposal_id, communityId: r.community_id, key: BigInt(r.vote_key), next: BigInt(r.next_key), choice: r.choice,
      units: BigInt(r.units), valueNanoErg: BigInt(r.value_nano_erg), creationHeight: r.creation_height,
    });
  }
}
