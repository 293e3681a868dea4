/**
 * Escrows for post-factum payments in the sync (contract version 7, docs/escrow.md). An escrow box
 * holds one unit of its community's token, like a desk: it is a member, and its balance (R5, the
 * units of the open order) counts in the community's zero-sum books. It is known by its tree
 * (`ESCROW_ERGO_TREE`), so it is neither read as an account nor flagged as an escaped unit. An
 * escrow box is live when it is the opening's (its escrowId is the community box the transaction
 * spent, its owner the key of the one account in it) or the one successor of a live escrow input.
 *
 * What a transaction did to an escrow: open it; commit an order (the payer's account fell by max,
 * a payment leg payer -> escrowId); settle it (legs escrowId -> payee of the released units and
 * escrowId -> payer of the rest, each left out when 0); claim the minimum after the deadline when
 * the rest stays in the escrow (the order settled with what left, the rest a new order named by
 * the box the claim made, with no leg of its own); refresh it; close it (no successor). The escrow
 * is named in payment legs by its escrowId, as a desk by its deskId.
 */
import type { Box } from "@fleet-sdk/common";
import { decodeEscrow, type OpenOrder } from "../../contracts/escrow/escrow.ts";
import { ESCROW_ERGO_TREE } from "../../contracts/scripts.ts";
import type { EscrowActivity, EscrowOutcome, EscrowRecord, EscrowView } from "./escrow-records.ts";
import type { AccountRecord, CommunityRecord, Compromise, EventSite, LetsEvent, PaymentLeg } from "./lets-events.ts";
import { spendTracked, type ChainInput } from "./rent.ts";

export type { EscrowActivity, EscrowActivityKind, EscrowOutcome, EscrowRecord, EscrowSettlement, EscrowView } from "./escrow-records.ts";

/** Whether an output is under the escrow tree. */
export const isEscrowTree = (tree: string): boolean => tree === ESCROW_ERGO_TREE;

/**
 * Spends the live escrows among `inputs`. One reached by storage rent is a compromise (anyone may
 * refresh a dormant escrow first): it is not continued, so a box made in its place holds an escaped unit.
 */
export function spendEscrows(
  txId: string, inputs: readonly ChainInput[], height: number, state: EscrowView & { spend(boxId: string): void }, compromises: Compromise[],
): EscrowRecord[] {
  const tracked = { find: (boxId: string) => state.escrow(boxId), spend: (boxId: string) => state.spend(boxId) };
  return spendTracked(txId, inputs, height, tracked, (d) => `the escrow ${d.escrowId}`, compromises);
}

type Decoded = Omit<EscrowRecord, "version" | "orderId">;

/** Whether two open orders are the same order (a refresh keeps it; a claim leaves a smaller one). */
const sameOrder = (a: OpenOrder, b: OpenOrder): boolean =>
  a.max === b.max && a.minimum === b.minimum && a.deadline === b.deadline && a.payerId === b.payerId && a.payeeId === b.payeeId && a.reference === b.reference;

/** An escrow output decoded, or why it is not an escrow box. */
export function decodeEscrowOutput(box: Box<bigint>): { ok: true; escrow: Decoded } | { ok: false; reason: string } {
  const decoded = decodeEscrow(box);
  if (!decoded.ok) return decoded;
  const { box: _box, ...escrow } = decoded.value;
  return { ok: true, escrow };
}

/** The account of `communityId` owned by `owner` among `accounts`. */
const ownersAccount = (accounts: readonly AccountRecord[], communityId: string, owner: string) =>
  accounts.find((a) => a.communityId === communityId && a.owner === owner);

/**
 * Whether `escrow` is live: the one successor of an escrow input (its version one more, its order
 * id kept while the order stays open), or the opening's (escrowId = a spent community box of its
 * community, idle, owned by the account spent with it). Returns the record, or undefined (then its unit escaped).
 */
export function acceptEscrow(
  escrow: Decoded, spent: readonly EscrowRecord[], communities: readonly CommunityRecord[], accountsIn: readonly AccountRecord[], made: readonly EscrowRecord[],
): EscrowRecord | undefined {
  if (made.some((e) => e.escrowId === escrow.escrowId)) return undefined;
  const before = spent.find((e) => e.escrowId === escrow.escrowId && e.communityId === escrow.communityId);
  if (before) {
    const orderId = escrow.order === null ? null : before.order !== null && sameOrder(before.order, escrow.order) ? before.orderId : escrow.boxId;
    return { ...escrow, version: before.version + 1, orderId };
  }
  const opener = communities.find((c) => c.boxId === escrow.escrowId && c.communityId === escrow.communityId);
  if (!opener || escrow.order !== null || !ownersAccount(accountsIn, escrow.communityId, escrow.owner)) return undefined;
  return { ...escrow, version: 0, orderId: null };
}

const balanceOf = (accounts: readonly AccountRecord[], communityId: string, accountId: string) =>
  accounts.find((a) => a.communityId === communityId && a.accountId === accountId)?.balance;

/**
 * How a settlement at `height` ended: refunded when nothing reached the payee and the payee's
 * account was in the transaction before the deadline; claimed when settled after the deadline at
 * exactly a minimum above 0 (the chain does not say who signed, so any such settlement counts); else released.
 */
export function outcomeOf(order: { minimum: bigint; deadline: bigint }, released: bigint, payeeIn: boolean, height: number): EscrowOutcome {
  const at = BigInt(height);
  if (released === 0n && payeeIn && at <= order.deadline) return "refunded";
  if (at > order.deadline && order.minimum > 0n && released === order.minimum) return "claimed";
  return "released";
}

interface Tx {
  spent: readonly EscrowRecord[];
  made: readonly EscrowRecord[];
  accountsIn: readonly AccountRecord[];
  accountsOut: readonly AccountRecord[];
}

function payment(site: EventSite, communityId: string, payer: string, legs: PaymentLeg[], accountsOut: readonly AccountRecord[]): LetsEvent {
  const ids = new Set([payer, ...legs.map((l) => l.accountId)]);
  const payees = legs.filter((l) => l.amount !== 0n);
  return { kind: "payment", site, communityId, payer, payees, accounts: accountsOut.filter((a) => a.communityId === communityId && ids.has(a.accountId)) };
}

/** What a transaction did to the escrows it spent or made, the payment legs of its commits and settlements, and the accounts those moved. */
export function escrowActivities(site: EventSite, tx: Tx): { activities: EscrowActivity[]; payments: LetsEvent[]; parties: Set<string> } {
  const activities: EscrowActivity[] = [];
  const payments: LetsEvent[] = [];
  const parties = new Set<string>();
  for (const after of tx.made) {
    const before = tx.spent.find((e) => e.escrowId === after.escrowId);
    if (!before) {
      const openerId = ownersAccount(tx.accountsIn, after.communityId, after.owner)?.accountId;
      activities.push({ site, kind: "opened", escrow: after, ...(openerId === undefined ? {} : { openerId }) });
    } else if (!before.order && after.order && after.orderId) {
      const order = { ...after.order, orderId: after.orderId };
      activities.push({ site, kind: "commit", escrow: after, order });
      parties.add(order.payerId);
      payments.push(payment(site, after.communityId, order.payerId, [{ accountId: after.escrowId, amount: order.max }], tx.accountsOut));
    } else if (before.order && before.orderId && (!after.order || after.orderId !== before.orderId)) {
      const o = before.order;
      const payeeIn = balanceOf(tx.accountsIn, after.communityId, o.payeeId);
      const payeeOut = balanceOf(tx.accountsOut, after.communityId, o.payeeId);
      const released = payeeIn === undefined || payeeOut === undefined ? 0n : payeeOut - payeeIn;
      // What the escrow keeps (a claim's rest) neither reached the payee nor went back.
      const returned = o.max - released - after.balance;
      const settlement = { orderId: before.orderId, released, returned, outcome: outcomeOf(o, released, payeeIn !== undefined, site.height) };
      const rest = after.order && after.orderId ? { order: { ...after.order, orderId: after.orderId } } : {};
      activities.push({ site, kind: after.order ? "claim" : "settle", escrow: after, settlement, ...rest });
      parties.add(o.payerId).add(o.payeeId);
      const legs = [{ accountId: o.payeeId, amount: released }, { accountId: o.payerId, amount: returned }];
      if (released !== 0n || returned !== 0n) payments.push(payment(site, after.communityId, after.escrowId, legs, tx.accountsOut));
    } else activities.push({ site, kind: "refresh", escrow: after });
  }
  for (const before of tx.spent) if (!tx.made.some((e) => e.escrowId === before.escrowId)) activities.push({ site, kind: "closed", escrow: before });
  return { activities, payments, parties };
}
