/**
 * The reads behind the governance routes (migration 0021): rows in, views out through the pure
 * `governance-view.ts`. Each answers undefined for a community or proposal the indexer does not know.
 */
import { sql } from "kysely";
import type { NetworkName } from "../../../ergo/network.ts";
import type { ProposalRow } from "../governance-schema.ts";
import { communityExists, countAll, type Db, type Page, type Paged } from "./common.ts";
import { nextHeight } from "./loans.ts";
import {
  misplacedWarning, proposalView, text, voteView, type CommunityTermsRow, type ProposalCommunity, type ProposalView, type VoteView,
} from "./governance-view.ts";

export type ProposalStatus = "open" | "closed" | "all";

const RULES = ["quorum_ppm", "majority_ppm", "deposit_nano_erg", "min_window_blocks", "max_window_blocks", "veto_blocks"] as const;
const TERMS = [
  "box_id", "credit_limit", "positive_cap", "join_fee_nano_erg", "collateral_nano_erg", "max_members", "inactivity_blocks", "metadata", "committee", "treasury_nano_erg",
] as const;

/** A community's mode, rules and switch; undefined for an unknown community. */
export async function governanceOf(db: Db, communityId: string) {
  if (!(await communityExists(db, communityId))) return undefined;
  const g = await db.selectFrom("governances").selectAll().where("community_id", "=", communityId).executeTakeFirst();
  const counts = await db.selectFrom("proposals").where("community_id", "=", communityId)
    .select([countAll().as("all"), (eb) => eb.fn.count<number>("outcome").as("closed")]).executeTakeFirstOrThrow();
  const closed = Number(counts.closed);
  const proposals = { open: counts.all - closed, closed };
  if (!g) {
    return {
      communityId, mode: "committee" as const, governanceId: null, rules: null, proposalsLeft: null, governanceBoxId: null, switchHeight: null, switchTxId: null,
      minted: null, misplacedUnits: null, warning: null, proposals,
    };
  }
  // The live governance box; if none is (a rent spend), the newest one still states the rules.
  const box = await db.selectFrom("governance_boxes").selectAll().where("community_id", "=", communityId)
    .orderBy(sql`spent_height is null`, "desc").orderBy("height", "desc").orderBy("version", "desc").limit(1).executeTakeFirst();
  const live = box?.spent_height === null ? box : undefined;
  const [quorumPpm, majorityPpm, depositNanoErg, minWindowBlocks, maxWindowBlocks, vetoBlocks] = box ? RULES.map((r) => text(box[r])) : [];
  const misplaced = BigInt(g.misplaced);
  return {
    communityId, mode: box && BigInt(box.veto_blocks) > 0n ? ("members-with-veto" as const) : ("members" as const), governanceId: g.governance_id,
    rules: box ? { quorumPpm: quorumPpm!, majorityPpm: majorityPpm!, depositNanoErg: depositNanoErg!, minWindowBlocks: minWindowBlocks!, maxWindowBlocks: maxWindowBlocks!, vetoBlocks: vetoBlocks! } : null,
    // one unit must stay in the governance box
    proposalsLeft: live ? (BigInt(live.remaining) - 1n).toString() : null, governanceBoxId: live?.box_id ?? null,
    switchHeight: g.switch_height, switchTxId: g.switch_tx_id, minted: text(g.minted), misplacedUnits: misplaced.toString(), warning: misplacedWarning(misplaced), proposals,
  };
}

/** The community boxes `row`'s before and after are read from; `live` reads a community's live box (once per list). */
async function communityOf(db: Db, row: ProposalRow, live: (communityId: string) => Promise<CommunityTermsRow | undefined>): Promise<ProposalCommunity> {
  if (row.outcome === null) return { live: await live(row.community_id) };
  const boxes = db.selectFrom("community_boxes").select(TERMS).where("community_id", "=", row.community_id);
  if (row.outcome !== "executed" || row.outcome_tx_id === null || row.outcome_height === null) return {};
  const executedAfter: CommunityTermsRow | undefined = await boxes.where("tx_id", "=", row.outcome_tx_id).executeTakeFirst();
  if (!executedAfter) return {};
  const executedBefore = await boxes.where("spent_height", "=", row.outcome_height).where("box_id", "!=", executedAfter.box_id)
    .orderBy("created_height", "desc").limit(1).executeTakeFirst();
  return { executedAfter, executedBefore };
}

async function viewsOf(db: Db, rows: ProposalRow[], network?: NetworkName): Promise<ProposalView[]> {
  const height = await nextHeight(db);
  const liveBoxes = new Map<string, Promise<CommunityTermsRow | undefined>>();
  const live = (communityId: string) => {
    let box = liveBoxes.get(communityId);
    if (!box) {
      box = db.selectFrom("community_boxes").select(TERMS).where("community_id", "=", communityId).where("spent_height", "is", null).executeTakeFirst();
      liveBoxes.set(communityId, box);
    }
    return box;
  };
  return Promise.all(rows.map(async (row) => proposalView(row, await communityOf(db, row, live), height, network)));
}

/** A community's proposals of `status`, newest proposed first; undefined for an unknown community. */
export async function listProposals(db: Db, communityId: string, status: ProposalStatus, page: Page, network?: NetworkName): Promise<Paged<ProposalView> | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  let q = db.selectFrom("proposals").where("community_id", "=", communityId);
  if (status === "open") q = q.where("outcome", "is", null);
  if (status === "closed") q = q.where("outcome", "is not", null);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy("proposed_height", "desc").orderBy("proposal_id").limit(page.limit).offset(page.offset).execute();
  return { total, items: await viewsOf(db, rows, network) };
}

/** One proposal, or undefined. */
export async function getProposal(db: Db, proposalId: string, network?: NetworkName): Promise<ProposalView | undefined> {
  const row = await db.selectFrom("proposals").selectAll().where("proposal_id", "=", proposalId).executeTakeFirst();
  return row ? (await viewsOf(db, [row], network))[0] : undefined;
}

/** A proposal's votes in key order; undefined for an unknown proposal. */
export async function listVotes(db: Db, proposalId: string, page: Page): Promise<Paged<VoteView> | undefined> {
  const known = await db.selectFrom("proposals").select("proposal_id").where("proposal_id", "=", proposalId).executeTakeFirst();
  if (!known) return undefined;
  const q = db.selectFrom("votes").where("proposal_id", "=", proposalId);
  const { total } = await q.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy("voter_key").limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map(voteView) };
}
