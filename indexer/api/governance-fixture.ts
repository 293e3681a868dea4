/**
 * Governance rows written straight into a database, for the API specs: community A switched to
 * members with a veto (one policy proposal executed at 1500, a metadata proposal vetoed, a treasury
 * payment in its vote, a committee change counted and passed inside its veto window), B switched
 * with 3 units kept outside the governance box, D never switched. The tip is 2000.
 */
import type { Kysely } from "kysely";
import { devAccount } from "../../ergo/keys.ts";
import type { NewProposal } from "../db/governance-schema.ts";
import type { Database, NewCommunityBox } from "../db/schema.ts";

const id = (c: string, i = 0) => `${c}${i.toString(16)}`.padEnd(64, c[0]);
export const G = {
  A: id("a"), B: id("b"), D: id("d"), govA: id("1"), govB: id("2"),
  liveBoxA: id("c", 1), oldBoxA: id("c", 2), liveBoxB: id("c", 3), liveBoxD: id("c", 4),
  executeTx: id("e", 1), vetoTx: id("e", 2),
  p1: id("f", 1), p2: id("f", 2), p3: id("f", 3), p4: id("f", 4),
  alice: devAccount(1), bob: devAccount(2), carol: devAccount(3),
  tip: 2000, ERG: 1_000_000_000n, KEY_END: 2n ** 192n,
  metadata: { name: "A", symbol: "AAA", description: "", decimals: 0 },
  newMetadata: { name: "A renamed", symbol: "AAA", description: "", decimals: 0 },
  policy: { creditLimit: "1000", positiveCap: "0", joinFeeNanoErg: "10000000", collateralNanoErg: "0", maxMembers: "100", inactivityBlocks: "0" },
};

const communityBox = (box_id: string, community_id: string, o: Partial<NewCommunityBox>): NewCommunityBox => ({
  box_id, community_id, tx_id: id("9"), credit_limit: 1000n, positive_cap: 0n, join_fee_nano_erg: 10_000_000n, collateral_nano_erg: 0n, max_members: 100n,
  inactivity_blocks: 0n, committee: `08cd${G.alice.publicKey}`, metadata: JSON.stringify(G.metadata), members_joined: 10n, community_balance: 0n,
  seats_left: 90n, treasury_nano_erg: 10n * G.ERG, created_height: 10, spent_height: null, creation_height: 10, metadata_problem: null, governance_id: null, ...o,
});

const proposal = (proposal_id: string, o: Partial<NewProposal> & Pick<NewProposal, "kind" | "change">): NewProposal => ({
  proposal_id, community_id: G.A, governance_id: G.govA, proposer: `08cd${G.alice.publicKey}`, opened_height: 1000n, end_height: 1400n, seats: 10n,
  quorum_ppm: 500_000n, majority_ppm: 500_000n, veto_blocks: 50n, deposit_nano_erg: 2n * G.ERG, proposed_tx_id: id("7", Number(proposal_id.at(1))),
  proposed_height: 1000, proposed_timestamp: 1_700_000_000_000n, box_id: id("8", Number(proposal_id.at(1))), version: 0, votes_for: 0n, votes_against: 0n,
  votes_abstain: 0n, cursor: -1n, votes_cast: 0, votes_counted: 0, outcome: null, outcome_tx_id: null, outcome_height: null, ...o,
});

const govBox = (n: number, community_id: string, governance_id: string, remaining: bigint, veto: bigint, spent: number | null) => ({
  box_id: id("6", n), governance_id, community_id, version: n - 1, remaining, quorum_ppm: 500_000n, majority_ppm: 500_000n, deposit_nano_erg: G.ERG,
  min_window_blocks: 100n, max_window_blocks: 1000n, veto_blocks: veto, value_nano_erg: 1_000_000n, tx_id: id("5", n), height: 100 * n, creation_height: 100 * n, spent_height: spent,
});

const vote = (proposal_id: string, key: string, o: { account?: string; choice: "for" | "against" | "abstain"; height: number; counted?: number }) => ({
  proposal_id, voter_key: key, community_id: G.A, account_id: o.account ?? null, choice: o.choice, tx_id: id("4", o.height % 16), height: o.height,
  timestamp: BigInt(o.height) * 1000n, counted_tx_id: o.counted ? id("3") : null, counted_height: o.counted ?? null,
});

/** Writes the scenario into `db`. */
export async function fillGovernance(db: Kysely<Database>): Promise<void> {
  await db.insertInto("blocks").values({ height: G.tip, block_id: id("0"), parent_id: id("0", 1), timestamp: 1_700_000_000_000n }).execute();
  await db.insertInto("communities").values([G.A, G.B, G.D].map((c) => ({ community_id: c, genesis_tx_id: id("9"), created_height: 10 }))).execute();
  await db.insertInto("community_boxes").values([
    communityBox(G.oldBoxA, G.A, { spent_height: 1500, governance_id: G.govA }),
    communityBox(G.liveBoxA, G.A, { tx_id: G.executeTx, join_fee_nano_erg: 0n, created_height: 1500, creation_height: 1500, governance_id: G.govA }),
    communityBox(G.liveBoxB, G.B, { governance_id: G.govB }),
    communityBox(G.liveBoxD, G.D, {}),
  ]).execute();
  await db.insertInto("governances").values([
    { community_id: G.A, governance_id: G.govA, switch_tx_id: id("5", 1), switch_height: 100, switch_timestamp: 1_600_000_000_000n, minted: 1_000_000_000n, misplaced: 0n },
    { community_id: G.B, governance_id: G.govB, switch_tx_id: id("5", 3), switch_height: 300, switch_timestamp: 1_600_000_000_000n, minted: 1_000_000_000n, misplaced: 3n },
  ]).execute();
  await db.insertInto("governance_boxes").values([
    govBox(1, G.A, G.govA, 1_000_000_000n, 50n, 1000), govBox(2, G.A, G.govA, 999_999_996n, 50n, null), govBox(3, G.B, G.govB, 999_999_997n, 0n, null),
  ]).execute();
  await db.insertInto("proposals").values([
    proposal(G.p1, {
      kind: "policy", change: JSON.stringify({ kind: "policy", policy: { ...G.policy, joinFeeNanoErg: "0" }, values: Object.values({ ...G.policy, joinFeeNanoErg: "0" }) }), votes_for: 4n, votes_against: 1n, cursor: G.KEY_END,
      votes_cast: 5, votes_counted: 5, outcome: "executed", outcome_tx_id: G.executeTx, outcome_height: 1500,
    }),
    proposal(G.p3, {
      kind: "metadata", proposed_height: 1100, change: JSON.stringify({ kind: "metadata", metadataHex: "7b7d", metadata: G.newMetadata }),
      outcome: "vetoed", outcome_tx_id: G.vetoTx, outcome_height: 1800,
    }),
    proposal(G.p2, {
      kind: "treasury", proposed_height: 1900, opened_height: 1900n, end_height: 2100n,
      change: JSON.stringify({ kind: "treasury", amountNanoErg: G.ERG.toString(), recipientErgoTree: G.bob.ergoTree }),
      votes_cast: 3,
    }),
    proposal(G.p4, {
      kind: "committee", proposed_height: 1400, opened_height: 1400n, end_height: 1990n, change: JSON.stringify({ kind: "committee", committee: `08cd${G.carol.publicKey}` }),
      proposer: `08cd${G.bob.publicKey}`, votes_for: 6n, votes_against: 2n, votes_abstain: 1n, cursor: G.KEY_END, votes_cast: 3, votes_counted: 3,
    }),
  ]).execute();
  await db.insertInto("votes").values([
    vote(G.p2, "22".repeat(24), { choice: "against", height: 1950 }),
    vote(G.p2, "11".repeat(24), { account: `${"11".repeat(24)}${"ab".repeat(8)}`, choice: "for", height: 1960, counted: 1999 }),
    vote(G.p2, "33".repeat(24), { account: `${"33".repeat(24)}${"cd".repeat(8)}`, choice: "abstain", height: 1940 }),
  ]).execute();
}
