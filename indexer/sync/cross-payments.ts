/**
 * Pure: the cross payments of a transaction (docs/inter-lets.md), from the gateways it spends and
 * remakes and the balances of the accounts it spends and remakes.
 *
 * Each shard pair spent with both successors is a hop: the sender's trade position rose by what
 * crossed (`sent`), its fees held by its fee; the receiver's position fell by the converted amount,
 * its fees held rose by its fee, and `delivered` (converted - fee) left its gateway into its
 * community. Hops chain into a two-hop payment when what one delivers into a community is exactly
 * what the next takes from it (the middle community's gateways are payee and payer). Each payment
 * is then tied to accounts: the payee is the account of the last community whose balance rose by
 * what was delivered (or the one that rose most), the payer the account of the first community
 * whose balance fell most. What the accounts did beyond that is local payment (`paymentEvents`).
 * A payment no account explains is not recorded (the gateways' balances are still counted).
 */
import type { Side } from "../../contracts/line/line.ts";
import type { AccountRecord, CrossHop, CrossPaymentEvent, EventSite, GatewayRecord } from "./lets-events.ts";

/** The hops of the shard pairs a transaction spent, in the order of their A ends among the inputs. */
export function crossHops(gatewaysIn: readonly GatewayRecord[], gatewaysOut: readonly GatewayRecord[]): CrossHop[] {
  const after = new Map(gatewaysOut.map((g) => [g.gatewayId, g]));
  const hops: CrossHop[] = [];
  for (const a of gatewaysIn.filter((g) => g.side === 0)) {
    const b = gatewaysIn.find((g) => g.side === 1 && g.lineId === a.lineId && g.shard === a.shard);
    const a2 = after.get(a.gatewayId);
    const b2 = b && after.get(b.gatewayId);
    if (!b || !a2 || !b2) continue;
    const trade: [bigint, bigint] = [a2.position - a.position, b2.position - b.position];
    const fees: [bigint, bigint] = [a2.feesHeld - a.feesHeld, b2.feesHeld - b.feesHeld];
    const ends: [GatewayRecord, GatewayRecord] = [a, b];
    const from: Side | undefined = trade[0] > 0n ? 0 : trade[1] > 0n ? 1 : undefined;
    if (from === undefined) continue;
    const to = (1 - from) as Side;
    hops.push({
      lineId: a.lineId, shard: a.shard, from,
      fromCommunity: ends[from].communityId, toCommunity: ends[to].communityId,
      sent: trade[from], senderFee: fees[from], converted: -trade[to], receiverFee: fees[to], delivered: -trade[to] - fees[to],
    });
  }
  return hops;
}

/** Hops chained into payments: a hop is followed by one that takes exactly what it delivered into that community. */
function chains(hops: CrossHop[]): CrossHop[][] {
  const next = new Map<CrossHop, CrossHop>();
  const followed = new Set<CrossHop>();
  for (const h of hops) {
    const g = hops.find((c) => c !== h && !followed.has(c) && !next.has(c) && c.fromCommunity === h.toCommunity && c.toCommunity !== h.fromCommunity && c.sent + c.senderFee === h.delivered);
    if (g && !next.has(h)) {
      next.set(h, g);
      followed.add(g);
    }
  }
  return hops.filter((h) => !followed.has(h)).map((h) => (next.has(h) ? [h, next.get(h)!] : [h]));
}

/**
 * The cross payments of a transaction. `deltas` holds each changed account's balance change (by
 * accountId); it is left holding what the cross payments do not explain (the local payments).
 */
export function crossPayments(
  site: EventSite,
  hops: CrossHop[],
  accounts: ReadonlyMap<string, AccountRecord>,
  deltas: Map<string, bigint>,
): CrossPaymentEvent[] {
  const payments: CrossPaymentEvent[] = [];
  const inCommunity = (communityId: string, sign: 1n | -1n) =>
    [...deltas].filter(([id, d]) => accounts.get(id)?.communityId === communityId && d * sign > 0n);
  for (const route of chains(hops)) {
    const first = route[0]!;
    const last = route.at(-1)!;
    const debit = first.sent + first.senderFee;
    const received = last.delivered;
    const payees = inCommunity(last.toCommunity, 1n).sort(([, x], [, y]) => (x === received ? -1 : y === received ? 1 : Number(y - x)));
    const payers = inCommunity(first.fromCommunity, -1n).sort(([, x], [, y]) => Number(x - y));
    const payee = payees[0];
    const payer = payers[0];
    if (!payee || !payer || payee[1] < received) continue;
    deltas.set(payee[0], payee[1] - received);
    deltas.set(payer[0], payer[1] + debit);
    payments.push({ site, payerCommunity: first.fromCommunity, payer: payer[0], debit, payeeCommunity: last.toCommunity, payee: payee[0], received, hops: route });
  }
  return payments;
}
