/**
 * Communities as their live community box states them, with totals over their live accounts:
 * `moneySupply` = sum of positive balances, `creditInUse` = minus the sum of negative balances.
 * Only communities with a valid genesis are listed (the `communities` table). A compromise can
 * leave a community without a live box (its box taken by storage rent): it is then described by
 * its last box, `boxSpentHeight` saying when that was spent. An economics community (docs/economics.md)
 * also shows its levers (`policy.economics`) and its totals (`economics`, `economics.ts`); its
 * `imbalance` counts what its accounts hold beside their balances (accrued charges, unused allowance).
 */
import { sql } from "kysely";
import { dormantFrom } from "../../../contracts/storage-rent.ts";
import { asText, countAll, type Db, type Page, type Paged } from "./common.ts";
import { economicsTotals, leversJson, leversView, type EconomicsTotalsView, type LeversView } from "./economics.ts";

/** Display metadata (R6): name, symbol, description, decimals and any extra keys. */
export interface MetadataView {
  name: string;
  symbol: string;
  description: string;
  decimals: number;
  [extra: string]: unknown;
}

/** The policy (R4); every value a `Long` as decimal text. */
export interface PolicyView {
  creditLimit: string;
  positiveCap: string;
  joinFeeNanoErg: string;
  collateralNanoErg: string;
  maxMembers: string;
  inactivityBlocks: string;
  /** R4 values 6..16 of an economics community; null for a plain one. */
  economics: LeversView | null;
}

/** A community now. */
export interface CommunityView {
  communityId: string;
  genesisTxId: string;
  createdHeight: number;
  boxId: string;
  committee: string;
  metadata: MetadataView;
  policy: PolicyView;
  members: number;
  membersJoined: string;
  seatsLeft: string;
  communityBalance: string;
  moneySupply: string;
  creditInUse: string;
  treasuryNanoErg: string;
  /** Why R6 is not valid metadata (`metadata` then holds a fallback with the raw text), or null. */
  metadataProblem: string | null;
  /** Compromise flags raised against the community (0 for a sound one). */
  compromises: number;
  /** sum(balances) + sum(gateway balances) + desk and escrow balances + communityBalance: 0 unless a compromise broke the books. */
  imbalance: string;
  /** Height from which anyone may refresh the community box (its creation height + the dormancy window). */
  dormantFromHeight: number;
  /** null while the community box is live; the height its last box was spent when a compromise left none. */
  boxSpentHeight: number | null;
  /** What an economics community charged, collected and issued; null for a plain one. */
  economics: EconomicsTotalsView | null;
}

function communityQuery(db: Db) {
  const totals = db
    .selectFrom("account_boxes")
    .where("spent_height", "is", null)
    .groupBy("community_id")
    .select([
      "community_id",
      countAll().as("members"),
      sql<string>`coalesce(sum(balance) filter (where balance > 0), 0)`.as("money_supply"),
      sql<string>`-coalesce(sum(balance) filter (where balance < 0), 0)`.as("credit_in_use"),
    ]);
  return db
    .selectFrom("communities as c")
    .innerJoinLateral(
      // The live box (at most one; the backward scan of community_boxes_live finds it first), else the last one spent.
      (eb) => eb.selectFrom("community_boxes as x").selectAll("x").whereRef("x.community_id", "=", "c.community_id")
        .orderBy(sql`x.spent_height desc nulls first`).orderBy("x.created_height", "desc").orderBy("x.box_id").limit(1).as("b"),
      (join) => join.onTrue(),
    )
    .leftJoin(totals.as("t"), "t.community_id", "c.community_id")
    .select([
      "c.community_id", "c.genesis_tx_id", "c.created_height", "b.box_id", "b.committee", "b.metadata",
      asText("b.credit_limit").as("credit_limit"), asText("b.positive_cap").as("positive_cap"),
      asText("b.join_fee_nano_erg").as("join_fee_nano_erg"), asText("b.collateral_nano_erg").as("collateral_nano_erg"),
      asText("b.max_members").as("max_members"), asText("b.inactivity_blocks").as("inactivity_blocks"),
      asText("b.members_joined").as("members_joined"), asText("b.seats_left").as("seats_left"),
      asText("b.community_balance").as("community_balance"), asText("b.treasury_nano_erg").as("treasury_nano_erg"),
      sql<number>`coalesce(t.members, 0)`.as("members"),
      asText(sql`coalesce(t.money_supply, 0)`).as("money_supply"),
      asText(sql`coalesce(t.credit_in_use, 0)`).as("credit_in_use"),
      // Trade-line gateways, the exchange desk and escrows hold units of the community too (docs/inter-lets.md, docs/desk.md, docs/escrow.md): their balances are in its books.
      asText(sql`coalesce(t.money_supply, 0) - coalesce(t.credit_in_use, 0) + b.community_balance
        + coalesce((select sum(g.balance) from gateway_boxes g where g.community_id = c.community_id and g.spent_height is null), 0)
        + coalesce((select sum(d.balance) from desks d where d.community_id = c.community_id), 0)
        + coalesce((select sum(e.balance) from escrows e where e.community_id = c.community_id and e.closed_height is null), 0)`).as("imbalance"),
      "b.metadata_problem", "b.creation_height", "b.spent_height",
      leversJson("b").as("levers"),
      (eb) => eb.selectFrom("compromises as k").whereRef("k.community_id", "=", "c.community_id").select(countAll().as("n")).as("compromises"),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof communityQuery>["executeTakeFirstOrThrow"]>>;

function view(r: Row, totals: ReadonlyMap<string, EconomicsTotalsView>): CommunityView {
  const metadata = JSON.parse(r.metadata) as MetadataView;
  const economics = totals.get(r.community_id) ?? null;
  // An economics account's accrued charges and unused allowance are in the books beside its balance.
  const held = economics ? BigInt(economics.outstanding) + BigInt(economics.allowanceOutstanding) : 0n;
  return {
    communityId: r.community_id,
    genesisTxId: r.genesis_tx_id,
    createdHeight: r.created_height,
    boxId: r.box_id,
    committee: r.committee,
    metadata,
    policy: {
      creditLimit: r.credit_limit, positiveCap: r.positive_cap, joinFeeNanoErg: r.join_fee_nano_erg,
      collateralNanoErg: r.collateral_nano_erg, maxMembers: r.max_members, inactivityBlocks: r.inactivity_blocks,
      economics: leversView(r.levers),
    },
    members: Number(r.members),
    membersJoined: r.members_joined,
    seatsLeft: r.seats_left,
    communityBalance: r.community_balance,
    moneySupply: r.money_supply,
    creditInUse: r.credit_in_use,
    treasuryNanoErg: r.treasury_nano_erg,
    metadataProblem: r.metadata_problem,
    compromises: Number(r.compromises ?? 0),
    imbalance: (BigInt(r.imbalance) + held).toString(),
    dormantFromHeight: dormantFrom(r.creation_height),
    boxSpentHeight: r.spent_height,
    economics,
  };
}

/** The views of `rows`, with the totals of those that are economics communities. */
async function views(db: Db, rows: readonly Row[]): Promise<CommunityView[]> {
  const totals = await economicsTotals(db, rows.filter((r) => r.levers !== null).map((r) => r.community_id));
  return rows.map((r) => view(r, totals));
}

/** Every valid community, oldest first. */
export async function listCommunities(db: Db, page: Page): Promise<Paged<CommunityView>> {
  const { total } = await db.selectFrom("communities").select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await communityQuery(db).orderBy("c.created_height").orderBy("c.community_id").limit(page.limit).offset(page.offset).execute();
  return { total: Number(total), items: await views(db, rows) };
}

/** One community, or undefined when no valid community has this id. */
export async function getCommunity(db: Db, communityId: string): Promise<CommunityView | undefined> {
  const row = await communityQuery(db).where("c.community_id", "=", communityId).executeTakeFirst();
  return row && (await views(db, [row]))[0];
}
