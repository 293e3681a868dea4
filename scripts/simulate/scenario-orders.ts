/**
 * The `orders` part of a scenario (docs/simulate.md, "Payment orders"): how many purchases are paid
 * by a signed payment order instead of a direct payment (contract version 5, docs/batches.md),
 * which members are shops that most purchases go to, how long an order lives and how the settler
 * batches them. Orders are for plain communities only: the economics family has no order path.
 */
import { Fields, ScenarioError } from "./scenario-fields.ts";
import { memberName } from "./member-name.ts";

/** Payment orders and shops, validated. */
export interface OrdersSpec {
  /** Share of purchases paid by a signed order (the settler settles it) instead of a direct payment. */
  orderShare: number;
  /** Member ids of the shops, starting members, in the order given. */
  shops: number[];
  /** Share of purchases that go to a shop (one of those trading, drawn uniformly). */
  shopShare: number;
  /** An order signed while the chain is at height h may be settled up to height h + expiryBlocks. */
  expiryBlocks: number;
  settler: {
    /** The settler settles in every block whose number + 1 is a multiple of this (1: every block). */
    everyBlocks: number;
    /** Most orders one batch settles; undefined: as many as fit one transaction (98,304 bytes). */
    maxOrdersPerBatch: number | undefined;
  };
}

const ORDERS = ["orderShare", "shops", "shopShare", "expiryBlocks", "settler"];
const SETTLER = ["everyBlocks", "maxOrdersPerBatch"];
/** Most orders one batch may be told to take (the largest batch that fits a transaction is about 120). */
const MOST_PER_BATCH = 1_000;

/** `shops`: a count (the first N starting members) or a list of starting members' names (`m0001`). */
function readShops(orders: Fields, members: number): number[] {
  const raw = orders.raw.shops;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 0 || raw > members) {
      orders.fail("shops", `must be a number of shops from 0 to ${members} (the first starting members) or a list of starting members' names like ${memberName(0)}, got ${JSON.stringify(raw)}`);
    }
    return Array.from({ length: raw }, (_, i) => i);
  }
  const ids = raw.map((name): number => {
    const match = typeof name === "string" ? /^m(\d{4,})$/.exec(name) : null;
    const id = match ? Number(match[1]) - 1 : -1;
    if (!match || id < 0 || id >= members || memberName(id) !== name) {
      orders.fail("shops", `names no starting member (${memberName(0)} to ${memberName(members - 1)}), got ${JSON.stringify(name)}`);
    }
    return id;
  });
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) orders.fail("shops", `lists ${memberName(twice)} twice`);
  return ids;
}

/** The `orders` section, or undefined when absent (no orders, no shops: the run is what it was without them). */
export function readOrders(top: Fields, members: number, blocksPerDay: number): OrdersSpec | undefined {
  if (top.raw.orders === undefined || top.raw.orders === null) return undefined;
  const orders = top.object("orders", ORDERS);
  const settler = orders.object("settler", SETTLER);
  const shops = readShops(orders, members);
  if (shops.length > 0 && orders.raw.shopShare === undefined) orders.fail("shopShare", "is required with shops (the share of purchases that go to a shop)");
  const shopShare = orders.number("shopShare", 0, 0, 1);
  if (shopShare > 0 && shops.length === 0) orders.fail("shopShare", "needs shops: there is no shop to buy from");
  const everyBlocks = settler.integer("everyBlocks", 1, 1, 10_000);
  const expiryBlocks = orders.integer("expiryBlocks", Math.max(blocksPerDay, everyBlocks), 1, 1_000_000);
  if (expiryBlocks < everyBlocks) orders.fail("expiryBlocks", `must be at least settler.everyBlocks (${everyBlocks}): an order must live until the next settlement`);
  const most = settler.raw.maxOrdersPerBatch;
  return {
    orderShare: orders.number("orderShare", undefined, 0, 1),
    shops,
    shopShare,
    expiryBlocks,
    settler: { everyBlocks, maxOrdersPerBatch: most === undefined ? undefined : settler.integer("maxOrdersPerBatch", undefined, 1, MOST_PER_BATCH) },
  };
}

/** Rules between orders and the rest of the scenario. */
export function checkOrdersConsistency(source: string, s: { orders?: OrdersSpec; policy: { economics?: unknown }; network?: unknown; behaviour: { topUpBelowPayments: number } }): void {
  if (!s.orders) return;
  const fail = (field: string, problem: string): never => {
    throw new ScenarioError(source, field, problem);
  };
  if (s.policy.economics) fail("orders", "payment orders are for plain communities (contract version 5): an economics community has no order path; leave out orders or policy.economics");
  if (s.network) fail("orders", "payment orders are simulated in one community, not in a network");
  if (s.behaviour.topUpBelowPayments > 0) fail("behaviour.topUpBelowPayments", "top-ups are not simulated with payment orders");
}

/** The `orders` section as summary.json shows it (shops by name). */
export const ordersJson = (o: OrdersSpec) => ({ ...o, shops: o.shops.map(memberName), settler: { ...o.settler, maxOrdersPerBatch: o.settler.maxOrdersPerBatch ?? null } });
