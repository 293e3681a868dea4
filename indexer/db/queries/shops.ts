/**
 * Shops (docs/marketplace.md, "Shops and the map"): each account's newest shop note, unless it
 * closed it or its account is closed. A shop shows in community C when its account is in C, or C
 * is in its `accepts` and the same owner key holds an open account in C. Shop notes are few (one
 * row per change), so the newest per account is a scan of `shops`.
 */
import { sql } from "kysely";
import { communityExists, type Db, type Page, type Paged } from "./common.ts";

/** A shop on the map. */
export interface ShopView {
  accountId: string;
  communityId: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  hours: string | null;
  accepts: string[];
  ownerName: string | null;
  /** The note that set it, and its block. */
  txId: string;
  height: number;
}

type Row = {
  account_id: string; community_id: string; name: string; address: string; lat: number; lon: number; hours: string | null; accepts: string;
  owner_name: string | null; tx_id: string; height: number;
};

/** The open shops: each account's newest note, a set, with the account's live box's owner. */
const OPEN_SHOPS = sql`(select s.*, b.owner from (
    select distinct on (x.account_id) x.* from shops x order by x.account_id, x.height desc, x.position desc, x.tx_id desc
  ) s join account_boxes b on b.account_id = s.account_id and b.spent_height is null where not s.closed)`;

const ownerName = sql`(select p.name from profiles p where p.account_id = s.account_id order by p.height desc, p.position desc, p.tx_id desc limit 1)`;

const view = (r: Row): ShopView => ({
  accountId: r.account_id, communityId: r.community_id, name: r.name, address: r.address, lat: r.lat, lon: r.lon, hours: r.hours,
  accepts: r.accepts === "" ? [] : r.accepts.split(","), ownerName: r.owner_name, txId: r.tx_id, height: r.height,
});

/** Open shops shown in `communityId` (or in every community), by name then account; undefined when the community is unknown. */
export async function listShops(db: Db, communityId: string | undefined, page: Page): Promise<Paged<ShopView> | undefined> {
  if (communityId !== undefined && !(await communityExists(db, communityId))) return undefined;
  const shownIn = communityId === undefined ? sql`true` : sql`(s.community_id = ${communityId} or (
    position(${communityId} in s.accepts) > 0
    and exists (select 1 from account_boxes o where o.owner = s.owner and o.community_id = ${communityId} and o.spent_height is null)))`;
  const { rows: [counted] } = await sql<{ n: number }>`select count(*)::int as n from ${OPEN_SHOPS} s where ${shownIn}`.execute(db);
  const { rows } = await sql<Row>`select s.account_id, s.community_id, s.name, s.address, s.lat, s.lon, s.hours, s.accepts, s.tx_id, s.height,
    ${ownerName} as owner_name from ${OPEN_SHOPS} s where ${shownIn} order by s.name, s.account_id limit ${page.limit} offset ${page.offset}`.execute(db);
  return { total: counted!.n, items: rows.map(view) };
}
