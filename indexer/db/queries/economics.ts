/**
 * Community economics (docs/economics.md): a community's levers, its totals, and its revenue over
 * time, from `economics_events` (what each transaction charged, issued, returned and collected)
 * and the live account boxes (what accounts hold now). In a sound economics community
 * `fees + demurrage = swept + collectedAtExit + outstanding` and
 * `allowanceIssued = allowanceSpent + allowanceReturned + allowanceOutstanding`. Sums are `numeric`
 * in SQL and decimal text here, exact at any size.
 */
import { sql, type RawBuilder } from "kysely";
import { ECONOMICS_FIELDS, type Economics } from "../../../contracts/economics.ts";
import { IndexerError } from "../../errors.ts";
import { communityExists, type Db } from "./common.ts";

/** The levers of an economics policy (R4 values 6..16), each a `Long` as decimal text. */
export type LeversView = Record<keyof Economics, string>;

/** A lever's column: `demurragePpm` -> `demurrage_ppm`. */
export const columnOf = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * `fields`' columns of the table aliased `alias` as one text value, a JSON array of decimal texts
 * (exact on every driver), or null when the first is null (a plain box): read back by `fieldsView`.
 */
export function fieldsJson(alias: string, fields: readonly string[]): RawBuilder<string | null> {
  const values = fields.map((f) => sql`${sql.ref(`${alias}.${columnOf(f)}`)}::text`);
  return sql<string | null>`case when ${sql.ref(`${alias}.${columnOf(fields[0]!)}`)} is null then null else json_build_array(${sql.join(values)})::text end`;
}

/** The fields of a `fieldsJson` value, or null. */
export function fieldsView<K extends string>(fields: readonly K[], json: string | null): Record<K, string> | null {
  if (json === null) return null;
  const values = JSON.parse(json) as string[];
  return Object.fromEntries(fields.map((f, i) => [f, values[i]!])) as Record<K, string>;
}

/** The levers of a community box (aliased `alias`) as `fieldsJson`. */
export const leversJson = (alias: string): RawBuilder<string | null> => fieldsJson(alias, ECONOMICS_FIELDS);

/** The levers of a `leversJson` value, or null for a plain community. */
export const leversView = (json: string | null): LeversView | null => fieldsView(ECONOMICS_FIELDS, json);

/** What an economics community has charged, collected and issued, and what its accounts hold now. */
export interface EconomicsTotalsView {
  /** Usage fees charged (the community's from then on, held in the payers' accounts until swept). */
  fees: string;
  /** Demurrage charged (in payments, top-ups and sweeps). */
  demurrage: string;
  /** Charges moved into the community balance by sweeps. */
  swept: string;
  /** Charges the community balance took with the accounts that closed (leave, default, dormant close). */
  collectedAtExit: string;
  /** Charges held in open accounts, not swept yet (sum of their `accrued`). */
  outstanding: string;
  allowanceIssued: string;
  allowanceSpent: string;
  allowanceReturned: string;
  /** Allowance open accounts have not spent (sum of theirs). */
  allowanceOutstanding: string;
}

interface TotalsRow {
  community_id: string;
  fees: string;
  demurrage: string;
  swept: string;
  collected_at_exit: string;
  allowance_issued: string;
  allowance_spent: string;
  allowance_returned: string;
}

/** The sums of `economics_events` columns, as text, for a query filtered by its caller. */
const SUMS = sql`coalesce(sum(fee), 0)::text as fees, coalesce(sum(demurrage), 0)::text as demurrage,
  coalesce(sum(collected) filter (where kind = 'sweep'), 0)::text as swept,
  coalesce(sum(collected) filter (where kind = 'exit'), 0)::text as collected_at_exit,
  coalesce(sum(allowance_issued), 0)::text as allowance_issued, coalesce(sum(allowance_used), 0)::text as allowance_spent,
  coalesce(sum(allowance_returned), 0)::text as allowance_returned`;

/** The totals of each of `communityIds` (economics communities; the caller knows which). */
export async function economicsTotals(db: Db, communityIds: readonly string[]): Promise<Map<string, EconomicsTotalsView>> {
  const totals = new Map<string, EconomicsTotalsView>();
  if (communityIds.length === 0) return totals;
  const ids = [...communityIds];
  const { rows } = await sql<TotalsRow>`select community_id, ${SUMS} from economics_events where community_id = any(${ids}::text[]) group by community_id`.execute(db);
  const { rows: held } = await sql<{ community_id: string; accrued: string; allowance: string }>`
    select community_id, coalesce(sum(accrued), 0)::text as accrued, coalesce(sum(allowance), 0)::text as allowance
    from account_boxes where spent_height is null and community_id = any(${ids}::text[]) group by community_id`.execute(db);
  for (const id of ids) {
    const r = rows.find((row) => row.community_id === id);
    const h = held.find((row) => row.community_id === id);
    totals.set(id, {
      fees: r?.fees ?? "0", demurrage: r?.demurrage ?? "0", swept: r?.swept ?? "0", collectedAtExit: r?.collected_at_exit ?? "0",
      outstanding: h?.accrued ?? "0", allowanceIssued: r?.allowance_issued ?? "0", allowanceSpent: r?.allowance_spent ?? "0",
      allowanceReturned: r?.allowance_returned ?? "0", allowanceOutstanding: h?.allowance ?? "0",
    });
  }
  return totals;
}

/** One period of blocks of a community's revenue. */
export interface RevenueBucketView {
  /** The period's first and last height, inclusive (the range's ends clip the first and last). */
  fromHeight: number;
  toHeight: number;
  fees: string;
  demurrage: string;
  swept: string;
  collectedAtExit: string;
  allowanceIssued: string;
  allowanceSpent: string;
  allowanceReturned: string;
  /** Charges held in accounts after the period (charged so far less swept and collected at exits). */
  outstanding: string;
  /** Allowance issued so far less spent and returned, after the period. */
  allowanceOutstanding: string;
}

/** Which periods: blocks per period and an inclusive range of heights. */
export interface RevenueQuery {
  bucket: number;
  fromHeight?: number;
  toHeight?: number;
}

/** The most periods one answer holds. */
export const MAX_REVENUE_BUCKETS = 1_000;

/** A request for more periods than `MAX_REVENUE_BUCKETS`: the caller's to fix (a larger bucket, a narrower range). */
export class TooManyBuckets extends IndexerError {
  constructor(readonly buckets: number, readonly fromHeight: number, readonly toHeight: number, readonly bucket: number) {
    super(`bucket ${bucket} splits heights ${fromHeight}..${toHeight} into ${buckets} periods, more than ${MAX_REVENUE_BUCKETS}: use a larger bucket or a narrower fromHeight..toHeight`);
  }
}

type Sums = Omit<TotalsRow, "community_id">;
const ZERO: Sums = { fees: "0", demurrage: "0", swept: "0", collected_at_exit: "0", allowance_issued: "0", allowance_spent: "0", allowance_returned: "0" };

/**
 * The revenue of `communityId` per period of `bucket` blocks (periods start at multiples of it),
 * from `fromHeight` (default: the community's creation) to `toHeight` (default: the latest indexed
 * block), empty periods included; undefined when the community is unknown. Throws `TooManyBuckets`.
 */
export async function communityRevenue(db: Db, communityId: string, q: RevenueQuery): Promise<{ fromHeight: number; toHeight: number; items: RevenueBucketView[] } | undefined> {
  if (!(await communityExists(db, communityId))) return undefined;
  const created = await db.selectFrom("communities").select("created_height").where("community_id", "=", communityId).executeTakeFirstOrThrow();
  const tip = await db.selectFrom("blocks").select(sql<number>`max(height)`.as("height")).executeTakeFirst();
  const from = q.fromHeight ?? created.created_height;
  const to = q.toHeight ?? Math.max(tip?.height ?? from, from);
  const first = Math.floor(from / q.bucket);
  const last = Math.floor(to / q.bucket);
  if (last - first + 1 > MAX_REVENUE_BUCKETS) throw new TooManyBuckets(last - first + 1, from, to, q.bucket);
  const { rows } = await sql<Sums & { k: string }>`
    select (height / ${q.bucket}::integer)::text as k, ${SUMS} from economics_events
    where community_id = ${communityId} and height >= ${from}::integer and height <= ${to}::integer group by k`.execute(db);
  const { rows: prior } = await sql<Sums>`select ${SUMS} from economics_events where community_id = ${communityId} and height < ${from}::integer`.execute(db);
  const byBucket = new Map(rows.map((r) => [Number(r.k), r]));
  const p = prior[0] ?? ZERO;
  let outstanding = BigInt(p.fees) + BigInt(p.demurrage) - BigInt(p.swept) - BigInt(p.collected_at_exit);
  let allowanceOutstanding = BigInt(p.allowance_issued) - BigInt(p.allowance_spent) - BigInt(p.allowance_returned);
  const items: RevenueBucketView[] = [];
  for (let k = first; k <= last; k++) {
    const r = byBucket.get(k) ?? ZERO;
    outstanding += BigInt(r.fees) + BigInt(r.demurrage) - BigInt(r.swept) - BigInt(r.collected_at_exit);
    allowanceOutstanding += BigInt(r.allowance_issued) - BigInt(r.allowance_spent) - BigInt(r.allowance_returned);
    items.push({
      fromHeight: Math.max(k * q.bucket, from), toHeight: Math.min((k + 1) * q.bucket - 1, to),
      fees: r.fees, demurrage: r.demurrage, swept: r.swept, collectedAtExit: r.collected_at_exit,
      allowanceIssued: r.allowance_issued, allowanceSpent: r.allowance_spent, allowanceReturned: r.allowance_returned,
      outstanding: outstanding.toString(), allowanceOutstanding: allowanceOutstanding.toString(),
    });
  }
  return { fromHeight: from, toHeight: to, items };
}
