/**
 * A network's decisions as real transactions: joins, leaves, defaults and local payments go to the
 * member's community's `ChainActions`; a payment to a member of another community is a cross
 * payment built by the contracts' `crossPay` on the newest boxes (route by `findRoute`, shard by
 * `chooseShard`). When no shard has room, the roomiest is given to the builder, which refuses the
 * payment with `LineExposureExceeded`: counted as "payment: line exposure cap".
 */
import {
  chooseShard,
  crossPay,
  findRoute,
  InvalidIntent,
  largestSendable,
  planCrossPayments,
  quoteHop,
  requireGateway,
  requireLine,
  type CrossPayIntent,
  type Gateway,
  type HopBoxes,
  type RouteStep,
} from "../../../contracts/index.ts";
import type { CrossDetail } from "../events.ts";
import type { LedgerSet } from "../ledger.ts";
import type { Member } from "../members.ts";
import type { Actions, Outcome } from "../model.ts";
import { applyCross, chainGatewayId } from "../network.ts";
import type { NetworkSpec } from "../scenario.ts";
import { builderRefusal, ChainActions, type ActionContext } from "./actions.ts";
import type { NetworkBoxes } from "./network-boxes.ts";
import { predict } from "../../../ergo/predict.ts";

/** Why a cross payment's builder refused it, or undefined for a bug. */
function crossRefusal(error: unknown): string | undefined {
  const known = builderRefusal(error);
  if (known !== undefined) return known;
  if (error instanceof InvalidIntent && /convert to nothing|deliver nothing/.test(error.message)) return "too small to cross";
  return undefined;
}

export class NetworkActions implements Actions {
  readonly accountOf = new Map<number, string>();
  /** Each community's actions, by index in the network. */
  readonly communities: ChainActions[];
  /** Community ids and line ids by index, known once the setup made them. */
  communityIds: string[] = [];
  lineIds: string[] = [];

  constructor(
    readonly network: NetworkSpec,
    readonly contexts: ActionContext[],
    private readonly ledgers: LedgerSet,
    private readonly store: NetworkBoxes,
  ) {
    this.communities = contexts.map((ctx) => new ChainActions(ctx, this.accountOf));
  }

  set startHeight(height: number) {
    for (const actions of this.communities) actions.startHeight = height;
  }

  get startHeight(): number {
    return this.communities[0]!.startHeight;
  }

  key(member: number) {
    return this.communities[0]!.key(member);
  }

  join(member: Member, block: number): Outcome {
    return this.communities[member.community]!.join(member, block);
  }

  leave(member: Member, block: number): Outcome {
    return this.communities[member.community]!.leave(member, block);
  }

  closeDefaulted(member: Member, block: number): Outcome {
    return this.communities[member.community]!.closeDefaulted(member, block);
  }

  pay(payer: Member, payee: Member, amountUnits: bigint, block: number): Outcome {
    if (payer.community === payee.community) return this.communities[payer.community]!.pay(payer, payee, amountUnits, block);
    return this.cross(payer, payee, amountUnits, block);
  }

  /** The hops of a payment of `amount` from `payer`'s community to `payee`'s, each through a shard with room if there is one. */
  private hops(payer: Member, payee: Member, amount: bigint): HopBoxes[] {
    const lines = this.lineIds.map((id) => requireLine(this.store.line(id)));
    const route = findRoute(lines, this.communityIds[payer.community]!, this.communityIds[payee.community]!);
    const gateways = this.store.gateways().map(requireGateway);
    const hops: HopBoxes[] = [];
    let sent = amount;
    for (const [h, step] of route.entries()) {
      const shard = chooseShard(step, gateways, sent) ?? roomiest(step, gateways);
      const end = (side: 0 | 1) => gateways.find((g) => g.lineId === step.line.lineId && g.side === side && g.shard === shard)!.box;
      hops.push({ line: step.line.box, from: end(step.from), to: end((1 - step.from) as 0 | 1) });
      // What the next hop forwards: what this one delivers, less the middle community's fee (as the builder plans it).
      const delivered = quoteHop(step.line.terms, step.from, sent).delivered;
      const next = route[h + 1];
      if (next) sent = largestSendable(delivered, next.from === 0 ? next.line.terms.feeA : next.line.terms.feeB);
    }
    return hops;
  }

  private cross(payer: Member, payee: Member, amountUnits: bigint, block: number): Outcome {
    const local = this.communities[payer.community]!;
    const ctx = this.contexts[payer.community]!;
    const height = local.buildHeight(block);
    const base = { kind: "payment", block, member: payer.id, payee: payee.id, amountUnits } as const;
    let intent: CrossPayIntent;
    let built;
    try {
      intent = {
        payer: this.store.account(this.accountOf.get(payer.id)!),
        payments: [{ payee: this.store.account(this.accountOf.get(payee.id)!), amountUnits, hops: this.hops(payer, payee, amountUnits) }],
      };
      const planned = planCrossPayments(intent).payments[0]!;
      built = { unsigned: crossPay(intent, { height, feeNanoErg: ctx.scenario.txFeeNanoErg }), planned };
    } catch (error) {
      const reason = crossRefusal(error);
      if (reason === undefined) throw error;
      ctx.log.refused(base, reason);
      return { ok: false, reason };
    }
    const lineIndex = new Map(this.lineIds.map((id, i) => [id, i]));
    const detail: CrossDetail = {
      debitUnits: built.planned.debit,
      receivedUnits: built.planned.received,
      hops: built.planned.hops.map((h) => ({
        line: lineIndex.get(h.line.lineId)!,
        shard: h.sender.shard,
        from: h.from,
        sent: h.sent,
        senderFee: h.senderFee,
        converted: h.converted,
        receiverFee: h.receiverFee,
      })),
    };
    const event = ctx.log.accepted({ ...base, cross: detail });
    const gatewayId = (line: number, side: 0 | 1, shard: number) => chainGatewayId(this.lineIds[line]!, side, shard);
    local.send(built.unsigned, predict(built.unsigned), [local.key(payer.id).secretKey], block, height, event, () =>
      applyCross(this.ledgers, this.network, payer.id, payee.id, detail, block, gatewayId),
    );
    return { ok: true };
  }
}

/** The shard whose receiving end has the most room (highest position): the builder then says why even it is full. */
function roomiest(step: RouteStep, gateways: readonly Gateway[]): number {
  const receivers = gateways.filter((g) => g.lineId === step.line.lineId && g.side === 1 - step.from);
  return receivers.sort((x, y) => Number(y.position - x.position) || x.shard - y.shard)[0]!.shard;
}
