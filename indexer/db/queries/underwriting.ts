/**
 * Underwriting (contract version 8, docs/underwriting.md): stakes by community, account, underwriter
 * and state; one stake and its history; an account's backing; a community's backed and unbacked
 * credit, the ERG its committee received at exits, and its defaults with and without backing.
 * Units and nanoERG are decimal strings.
 */
import { sql } from "kysely";
import type { StakeEventKind, StakeExitKind, StakeState } from "../underwriting-schema.ts";
import { asText, countAll, type Db, type Page, type Paged } from "./common.ts";

/** A stake (or an offer not accepted yet) and how it ended. */
export interface StakeView {
  stakeId: string;
  communityId: string;
  accountId: string;
  underwriter: string;
  raise: string;
  premium: string;
  premiumAccountId: string | null;
  stakeNanoErg: string;
  state: StakeState;
  boxId: string;
  offeredHeight: number;
  offeredTxId: string;
  offeredTimestamp: number;
  acceptedHeight: number | null;
  acceptedTxId: string | null;
  endedHeight: number | null;
  endedTxId: string | null;
  exitKind: StakeExitKind | null;
  lostNanoErg: string | null;
  returnedNanoErg: string | null;
}

/** One thing a transaction did to a stake. */
export interface StakeEventView {
  event: StakeEventKind;
  height: number;
  txId: string;
  timestamp: number;
  boxId: string | null;
  stakeNanoErg: string;
}

export interface StakeFilter {
  communityId?: string;
  accountId?: string;
  underwriter?: string;
  state?: StakeState;
}

const stakeColumns = (db: Db) =>
  db.selectFrom("underwriting_stakes").selectAll().select([
    asText("raise").as("raise_text"), asText("premium").as("premium_text"), asText("stake_nano_erg").as("stake_text"), asText("offered_timestamp").as("offered_ts"),
    asText("lost_nano_erg").as("lost_text"), asText("returned_nano_erg").as("returned_text"),
  ]);

type StakeRow = Awaited<ReturnType<ReturnType<typeof stakeColumns>["executeTakeFirstOrThrow"]>>;

const stakeOf = (r: StakeRow): StakeView => ({
  stakeId: r.stake_id, communityId: r.community_id, accountId: r.account_id, underwriter: r.underwriter, raise: r.raise_text, premium: r.premium_text,
  premiumAccountId: r.premium_account_id, stakeNanoErg: r.stake_text, state: r.state, boxId: r.box_id, offeredHeight: r.offered_height, offeredTxId: r.offered_tx_id,
  offeredTimestamp: Number(r.offered_ts), acceptedHeight: r.accepted_height, acceptedTxId: r.accepted_tx_id, endedHeight: r.ended_height, endedTxId: r.ended_tx_id,
  exitKind: r.exit_kind, lostNanoErg: r.lost_text, returnedNanoErg: r.returned_text,
});

/** Stakes matching `filter`, newest offered first. */
export async function listStakes(db: Db, filter: StakeFilter, page: Page): Promise<Paged<StakeView>> {
  let q = stakeColumns(db);
  let c = db.selectFrom("underwriting_stakes");
  for (const [column, value] of [["community_id", filter.communityId], ["account_id", filter.accountId], ["underwriter", filter.underwriter], ["state", filter.state]] as const) {
    if (value === undefined) continue;
    q = q.where(column, "=", value as never);
    c = c.where(column, "=", value as never);
  }
  const { total } = await c.select(countAll().as("total")).executeTakeFirstOrThrow();
  const rows = await q.orderBy("offered_height", "desc").orderBy("stake_id").limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map(stakeOf) };
}

/** A stake and what each transaction did to it, oldest first; undefined when unknown. */
export async function getStake(db: Db, stakeId: string): Promise<(StakeView & { history: StakeEventView[] }) | undefined> {
  const row = await stakeColumns(db).where("stake_id", "=", stakeId).executeTakeFirst();
  if (!row) return undefined;
  const events = await db.selectFrom("underwriting_events").select(["event", "height", "tx_id", "box_id", asText("timestamp").as("ts"), asText("stake_nano_erg").as("stake_text")])
    .where("stake_id", "=", stakeId).orderBy("height")
    .orderBy(sql`case event when 'offered' then 0 when 'accepted' then 1 when 'refreshed' then 2 else 3 end`).execute();
  return {
    ...stakeOf(row),
    history: events.map((e) => ({ event: e.event, height: e.height, txId: e.tx_id, timestamp: Number(e.ts), boxId: e.box_id, stakeNanoErg: e.stake_text })),
  };
}

/** How much of `backed` an account with this balance and limit is using: the debt below its un-raised floor. */
export function raiseInUse(balance: bigint, creditLimit: bigint, backed: bigint): bigint {
  const shortfall = -balance - (creditLimit - backed);
  return shortfall <= 0n ? 0n : shortfall > backed ? backed : shortfall;
}

/** An account's credit, how much of it stakes back, and its stakes. */
export interface AccountBackingView {
  accountId: string;
  communityId: string;
  live: boolean;
  balance: string;
  creditLimit: string;
  baseCreditLimit: string;
  backed: string;
  raiseInUse: string;
  stakesNanoErg: string;
  liveStakes: StakeView[];
  offers: StakeView[];
  pastStakes: StakeView[];
}

/** The account's backing as its newest box states it; undefined when the account is unknown. */
export async function getAccountBacking(db: Db, accountId: string): Promise<AccountBackingView | undefined> {
  const box = await db.selectFrom("account_boxes")
    .select(["community_id", "spent_height", asText("balance").as("balance_text"), asText("credit_limit").as("limit_text"), asText("backed").as("backed_text")])
    .where("account_id", "=", accountId).orderBy(sql`spent_height is null`, "desc").orderBy("created_height", "desc").limit(1).executeTakeFirst();
  if (!box) return undefined;
  const stakes = (await stakeColumns(db).where("account_id", "=", accountId).orderBy("offered_height", "desc").orderBy("stake_id").execute()).map(stakeOf);
  const balance = BigInt(box.balance_text);
  const creditLimit = BigInt(box.limit_text);
  const backed = box.backed_text === null ? 0n : BigInt(box.backed_text);
  const liveStakes = stakes.filter((s) => s.state === "active");
  return {
    accountId, communityId: box.community_id, live: box.spent_height === null, balance: balance.toString(), creditLimit: creditLimit.toString(),
    baseCreditLimit: (creditLimit - backed).toString(), backed: backed.toString(), raiseInUse: raiseInUse(balance, creditLimit, backed).toString(),
    stakesNanoErg: liveStakes.reduce((sum, s) => sum + BigInt(s.stakeNanoErg), 0n).toString(),
    liveStakes, offers: stakes.filter((s) => s.state === "offer"), pastStakes: stakes.filter((s) => s.state !== "active" && s.state !== "offer"),
  };
}

/** One default: the debt written off and who carried it. */
export interface DefaultView {
  accountId: string;
  height: number;
  txId: string;
  timestamp: number;
  unitsWrittenOff: string;
  backed: string;
  carriedByUnderwriters: string;
  carriedByCommunity: string;
  lostNanoErg: string;
  stakes: number;
}

/** A community's credit backed and unbacked, its stakes, and its defaults. */
export interface CommunityUnderwritingView {
  communityId: string;
  accounts: number;
  backedAccounts: number;
  baseCredit: string;
  backedCredit: string;
  raiseInUse: string;
  liveStakes: number;
  stakesLockedNanoErg: string;
  openOffers: number;
  offersNanoErg: string;
  committeeNanoErg: string;
  returnedAtExitsNanoErg: string;
  defaults: {
    backed: { count: number; unitsWrittenOff: string; carriedByUnderwriters: string; carriedByCommunity: string; lostNanoErg: string };
    unbacked: { count: number; unitsWrittenOff: string };
  };
  recentDefaults: DefaultView[];
}

/** The most recent defaults a community's summary lists. */
export const RECENT_DEFAULTS = 50;

const sumText = (expression: ReturnType<typeof sql>) => sql<string>`coalesce(sum(${expression}), 0)::text`;

/** Every default of the community, newest first, each with the stakes its exit settled. */
async function defaultsOf(db: Db, communityId: string): Promise<DefaultView[]> {
  const events = await db.selectFrom("events").select(["account_id", "height", "tx_id", asText("timestamp").as("ts"), asText("amount").as("debt")])
    .where("community_id", "=", communityId).where("kind", "=", "default").orderBy("height", "desc").orderBy("tx_id").execute();
  if (events.length === 0) return [];
  const txIds = events.map((e) => e.tx_id);
  const settled = await db.selectFrom("underwriting_stakes").select(["account_id", "ended_tx_id", asText("raise").as("raise_text"), asText("lost_nano_erg").as("lost_text")])
    .where("community_id", "=", communityId).where("exit_kind", "=", "default").where(sql<boolean>`ended_tx_id = any(${txIds}::text[])`).execute();
  // The account's box the default spent: its limit, with the raises in it.
  const boxes = await db.selectFrom("account_boxes").select(["account_id", "spent_height", asText("credit_limit").as("limit_text")])
    .where("community_id", "=", communityId).where(sql<boolean>`account_id = any(${events.map((e) => e.account_id ?? "")}::text[])`).where("spent_height", "is not", null).execute();
  return events.map((e) => {
    const accountId = e.account_id ?? "";
    const stakes = settled.filter((s) => s.account_id === accountId && s.ended_tx_id === e.tx_id);
    const backed = stakes.reduce((sum, s) => sum + BigInt(s.raise_text), 0n);
    const debt = BigInt(e.debt ?? "0");
    const box = boxes.find((b) => b.account_id === accountId && b.spent_height === e.height);
    const carried = box ? raiseInUse(-debt, BigInt(box.limit_text), backed) : 0n;
    return {
      accountId, height: e.height, txId: e.tx_id, timestamp: Number(e.ts), unitsWrittenOff: debt.toString(), backed: backed.toString(),
      carriedByUnderwriters: carried.toString(), carriedByCommunity: (debt - carried).toString(),
      lostNanoErg: stakes.reduce((sum, s) => sum + BigInt(s.lost_text ?? "0"), 0n).toString(), stakes: stakes.length,
    };
  });
}

/** The community's underwriting summary. */
export async function getCommunityUnderwriting(db: Db, communityId: string): Promise<CommunityUnderwritingView> {
  const backed = sql`coalesce(backed, 0)`;
  const credit = await db.selectFrom("account_boxes").select([
    countAll().as("accounts"), sql<number>`count(backed)::int`.as("backed_accounts"),
    sumText(sql`credit_limit - ${backed}`).as("base"), sumText(backed).as("backed"),
    sumText(sql`least(${backed}, greatest(0, -balance - (credit_limit - ${backed})))`).as("in_use"),
  ]).where("community_id", "=", communityId).where("spent_height", "is", null).executeTakeFirstOrThrow();
  const stakes = await db.selectFrom("underwriting_stakes").select([
    sql<number>`count(*) filter (where state = 'active')::int`.as("live"),
    sql<string>`coalesce(sum(stake_nano_erg) filter (where state = 'active'), 0)::text`.as("locked"),
    sql<number>`count(*) filter (where state = 'offer')::int`.as("offers"),
    sql<string>`coalesce(sum(stake_nano_erg) filter (where state = 'offer'), 0)::text`.as("offered"),
    sumText(sql`lost_nano_erg`).as("lost"), sumText(sql`returned_nano_erg`).as("returned"),
  ]).where("community_id", "=", communityId).executeTakeFirstOrThrow();
  const defaults = await defaultsOf(db, communityId);
  const withBacking = defaults.filter((d) => d.stakes > 0);
  const without = defaults.filter((d) => d.stakes === 0);
  const total = (list: DefaultView[], field: "unitsWrittenOff" | "carriedByUnderwriters" | "carriedByCommunity" | "lostNanoErg") =>
    list.reduce((sum, d) => sum + BigInt(d[field]), 0n).toString();
  return {
    communityId, accounts: credit.accounts, backedAccounts: credit.backed_accounts, baseCredit: credit.base, backedCredit: credit.backed, raiseInUse: credit.in_use,
    liveStakes: stakes.live, stakesLockedNanoErg: stakes.locked, openOffers: stakes.offers, offersNanoErg: stakes.offered,
    committeeNanoErg: stakes.lost, returnedAtExitsNanoErg: stakes.returned,
    defaults: {
      backed: {
        count: withBacking.length, unitsWrittenOff: total(withBacking, "unitsWrittenOff"), carriedByUnderwriters: total(withBacking, "carriedByUnderwriters"),
        carriedByCommunity: total(withBacking, "carriedByCommunity"), lostNanoErg: total(withBacking, "lostNanoErg"),
      },
      unbacked: { count: without.length, unitsWrittenOff: total(without, "unitsWrittenOff") },
    },
    recentDefaults: defaults.slice(0, RECENT_DEFAULTS),
  };
}
