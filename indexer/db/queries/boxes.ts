/**
 * LETS boxes as they were made, spent or not: account and community boxes are never deleted, only
 * marked spent, so any box the indexer ever saw can be shown decoded (a spent input included, which
 * a node without the extra index no longer serves). Amounts are decimal text.
 */
import { sql } from "kysely";
import { boxEconomicsJson, boxEconomicsView, type AccountBoxEconomicsView } from "./account-economics.ts";
import { asText, type Db } from "./common.ts";
import type { MetadataView, PolicyView } from "./communities.ts";
import { leversJson, leversView } from "./economics.ts";

/** Where a box was made and spent. */
interface BoxSite {
  boxId: string;
  txId: string;
  createdHeight: number;
  /** null while the box is live. */
  spentHeight: number | null;
  /** The box's own declared creation height: the clock of storage rent and dormancy. */
  creationHeight: number;
}

/** An account box: R4..R9 decoded. */
export interface AccountBoxView extends BoxSite {
  kind: "account";
  accountId: string;
  communityId: string;
  owner: string;
  balance: string;
  creditLimit: string;
  positiveCap: string;
  collateralNanoErg: string;
  inactivityBlocks: string;
  joinedHeight: number;
  lastActiveHeight: number;
  /** A plain account's R9 (version 5, docs/batches.md): the sequence number of its owner's next payment order; null for an economics one. */
  nextSeq: string | null;
  valueNanoErg: string;
  /** An economics account's levers (R6 values 5..13) and R9; null for a plain one. */
  economics: AccountBoxEconomicsView | null;
}

/** A community box: R4..R8 decoded. */
export interface CommunityBoxView extends BoxSite {
  kind: "community";
  communityId: string;
  committee: string;
  metadata: MetadataView;
  policy: PolicyView;
  membersJoined: string;
  communityBalance: string;
  seatsLeft: string;
  treasuryNanoErg: string;
  /** Why R6 is not valid metadata (then `metadata` is a fallback holding the raw text), or null. */
  metadataProblem: string | null;
}

export type BoxView = AccountBoxView | CommunityBoxView;

function accountBoxes(db: Db) {
  return db.selectFrom("account_boxes as a").select([
    "a.box_id", "a.tx_id", "a.created_height", "a.spent_height", "a.creation_height", "a.account_id", "a.community_id", "a.owner",
    asText("a.balance").as("balance"), asText("a.credit_limit").as("credit_limit"), asText("a.positive_cap").as("positive_cap"),
    asText("a.collateral_nano_erg").as("collateral_nano_erg"), asText("a.inactivity_blocks").as("inactivity_blocks"),
    asText("a.joined_height").as("joined_height"), asText("a.last_active_height").as("last_active_height"),
    sql<string | null>`a.next_seq::text`.as("next_seq"), asText("a.value_nano_erg").as("value_nano_erg"), boxEconomicsJson("a").as("economics"),
  ]);
}

function communityBoxes(db: Db) {
  return db.selectFrom("community_boxes as c").select([
    "c.box_id", "c.tx_id", "c.created_height", "c.spent_height", "c.creation_height", "c.community_id", "c.committee", "c.metadata",
    "c.metadata_problem",
    asText("c.credit_limit").as("credit_limit"), asText("c.positive_cap").as("positive_cap"),
    asText("c.join_fee_nano_erg").as("join_fee_nano_erg"), asText("c.collateral_nano_erg").as("collateral_nano_erg"),
    asText("c.max_members").as("max_members"), asText("c.inactivity_blocks").as("inactivity_blocks"),
    asText("c.members_joined").as("members_joined"), asText("c.community_balance").as("community_balance"),
    asText("c.seats_left").as("seats_left"), asText("c.treasury_nano_erg").as("treasury_nano_erg"), leversJson("c").as("levers"),
  ]);
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accountBoxes>["executeTakeFirstOrThrow"]>>;
type CommunityRow = Awaited<ReturnType<ReturnType<typeof communityBoxes>["executeTakeFirstOrThrow"]>>;

function accountView(r: AccountRow): AccountBoxView {
  return {
    kind: "account", boxId: r.box_id, txId: r.tx_id, createdHeight: r.created_height, spentHeight: r.spent_height, creationHeight: r.creation_height,
    accountId: r.account_id, communityId: r.community_id, owner: r.owner, balance: r.balance, creditLimit: r.credit_limit,
    positiveCap: r.positive_cap, collateralNanoErg: r.collateral_nano_erg, inactivityBlocks: r.inactivity_blocks,
    joinedHeight: Number(r.joined_height), lastActiveHeight: Number(r.last_active_height), nextSeq: r.next_seq,
    valueNanoErg: r.value_nano_erg, economics: boxEconomicsView(r.economics),
  };
}

function communityView(r: CommunityRow): CommunityBoxView {
  return {
    kind: "community", boxId: r.box_id, txId: r.tx_id, createdHeight: r.created_height, spentHeight: r.spent_height, creationHeight: r.creation_height,
    communityId: r.community_id, committee: r.committee, metadata: JSON.parse(r.metadata) as MetadataView,
    policy: {
      creditLimit: r.credit_limit, positiveCap: r.positive_cap, joinFeeNanoErg: r.join_fee_nano_erg,
      collateralNanoErg: r.collateral_nano_erg, maxMembers: r.max_members, inactivityBlocks: r.inactivity_blocks,
      economics: leversView(r.levers),
    },
    membersJoined: r.members_joined, communityBalance: r.community_balance, seatsLeft: r.seats_left, treasuryNanoErg: r.treasury_nano_erg,
    metadataProblem: r.metadata_problem,
  };
}

/** One LETS box by id, spent or live, or undefined when the indexer never saw it. */
export async function getBox(db: Db, boxId: string): Promise<BoxView | undefined> {
  const account = await accountBoxes(db).where("a.box_id", "=", boxId).executeTakeFirst();
  if (account) return accountView(account);
  const community = await communityBoxes(db).where("c.box_id", "=", boxId).executeTakeFirst();
  return community && communityView(community);
}

/**
 * The LETS boxes transaction `txId` (in the block at `height`) created, community boxes first.
 * The height narrows the search to one block's boxes (indexed), since boxes are not indexed by transaction.
 */
export async function boxesCreatedBy(db: Db, txId: string, height: number): Promise<BoxView[]> {
  const [communities, accounts] = await Promise.all([
    communityBoxes(db).where("c.created_height", "=", height).where("c.tx_id", "=", txId).orderBy("c.box_id").execute(),
    accountBoxes(db).where("a.created_height", "=", height).where("a.tx_id", "=", txId).orderBy("a.box_id").execute(),
  ]);
  return [...communities.map(communityView), ...accounts.map(accountView)];
}
