/**
 * Trade lines over a node's REST API (docs/inter-lets.md): reading lines and their gateways, the
 * committees' transactions (propose, accept, pause, change, accept a change, cancel), and cross
 * payments with their quote. Same two steps as `LetsOverHttp`: a `planX` reads what the
 * transaction needs and returns a `Plan`, which `LetsOverHttp.submit` signs and sends or
 * `LetsOverHttp.unsigned` builds for a wallet.
 *
 * Lines are found by their token (the line id) or all at once by the line script
 * (`POST /blockchain/box/unspent/byErgoTree`); gateways by the two gateway scripts.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import {
  acceptLine,
  acceptLineChange,
  cancelLine,
  chooseShard,
  communityOf,
  crossPay,
  decodeGateway,
  decodeLine,
  GATEWAY_B_ERGO_TREE,
  GATEWAY_ERGO_TREE,
  largestSendable,
  LINE_ERGO_TREE,
  pauseLine,
  planCrossPayments,
  proposeLine,
  proposeLineChange,
  quoteHop,
  refreshLine,
  refreshShard,
  routeOrRefusal,
  type Account,
  type Gateway,
  type HopBoxes,
  type Line,
  type LineChange,
  type LineTerms,
  type PlannedPayment,
  type RouteStep,
  type Side,
} from "../contracts/index.ts";
import { ClientError } from "./errors.ts";
import { accountPaysFee, type Identity, type LetsOverHttp, type PaymentNotes, type Plan } from "./lets-over-http.ts";

/** The node has no live line box for this id. */
export class UnknownLine extends ClientError {
  constructor(readonly lineId: string) {
    super(`no line ${lineId} on this node`);
  }
}

/** A community is neither side of a line. */
export class NotOnLine extends ClientError {
  constructor(readonly lineId: string, readonly communityId: string) {
    super(`community ${communityId} is neither side of line ${lineId}`);
  }
}

/** A line as the node shows it now, with the gateways of both sides. */
export interface LineView {
  line: Line;
  /** Every gateway of the line, A's side first, by shard. */
  gateways: Gateway[];
}

/** One side's totals over its shards: the trade position and the fees held, in that side's units. */
export interface SidePosition {
  side: Side;
  communityId: string;
  /** Sum of the shards' trade positions: positive = this community paid in (its partner's claim on it). */
  position: bigint;
  feesHeld: bigint;
  /** Sum of the gateways' balances (position + fees): what the community's books count. */
  balance: bigint;
  shards: number;
}

/** Both sides' totals. */
export function linePositions(view: LineView): [SidePosition, SidePosition] {
  const of = (side: Side): SidePosition => {
    const mine = view.gateways.filter((g) => g.side === side);
    return {
      side,
      communityId: communityOf(view.line, side),
      position: mine.reduce((s, g) => s + g.position, 0n),
      feesHeld: mine.reduce((s, g) => s + g.feesHeld, 0n),
      balance: mine.reduce((s, g) => s + g.balance, 0n),
      shards: mine.length,
    };
  };
  return [of(0), of(1)];
}

/** A cross payment to one payee: who, how much (in the payer's units). */
export interface CrossPayee {
  account: Account;
  amountUnits: bigint;
}

/** A cross payment as planned: the route, each payment's hops, fees and conversion, and the plan to build. */
export interface CrossPayQuote {
  payer: Account;
  /** The communities the payment passes through, the payer's first, the payee's last. */
  route: RouteStep[];
  payments: PlannedPayment[];
  /** What the payer's balance falls by: amounts plus the sending community's fees. */
  debit: bigint;
  /** Whether the miner fee comes from the payer's account (else from the payer's wallet). */
  feeFromAccount: boolean;
  plan: Plan;
}

/** Lines over HTTP, on top of a `LetsOverHttp` (its node, wallets, communities and signing). */
export class LinesOverHttp {
  constructor(readonly lets: LetsOverHttp) {}

  /** Every unspent box running `ergoTree`, mempool applied (the node client pages through them). */
  async unspentByErgoTree(ergoTree: string): Promise<Box<Amount>[]> {
    return this.lets.node.allUnspentByErgoTree(ergoTree);
  }

  /** Every live line, decoded (boxes on the line script that are not well-formed lines are skipped). */
  async allLines(): Promise<Line[]> {
    const lines = (await this.unspentByErgoTree(LINE_ERGO_TREE)).flatMap((box) => {
      const line = decodeLine(box);
      return line.ok ? [line.value] : [];
    });
    return lines.sort((a, b) => a.lineId.localeCompare(b.lineId));
  }

  /** The lines `communityId` is a side of (proposed, open and closed). */
  async linesOf(communityId: string): Promise<Line[]> {
    return (await this.allLines()).filter((l) => l.communityA === communityId || l.communityB === communityId);
  }

  /** The live line `lineId` (the box holding its token), or undefined. */
  async findLine(lineId: string): Promise<Line | undefined> {
    const boxes = await this.lets.node.unspentByTokenId(lineId, 10);
    for (const box of boxes) {
      const line = decodeLine(box);
      if (line.ok && line.value.lineId === lineId) return line.value;
    }
    return undefined;
  }

  /** The live line `lineId`; `UnknownLine` if none. */
  async line(lineId: string): Promise<Line> {
    const line = await this.findLine(lineId);
    if (!line) throw new UnknownLine(lineId);
    return line;
  }

  /** Every live gateway (both scripts), or those of the lines in `lineIds`. */
  async gateways(lineIds?: ReadonlySet<string>): Promise<Gateway[]> {
    const boxes = (await Promise.all([GATEWAY_ERGO_TREE, GATEWAY_B_ERGO_TREE].map((tree) => this.unspentByErgoTree(tree)))).flat();
    return boxes
      .flatMap((box) => {
        const gateway = decodeGateway(box);
        return gateway.ok && (!lineIds || lineIds.has(gateway.value.lineId)) ? [gateway.value] : [];
      })
      .sort((a, b) => a.side - b.side || a.shard - b.shard);
  }

  /** The line and its gateways. A gateway counts only when it holds the unit of the community on its side. */
  async view(lineId: string): Promise<LineView> {
    const [line, gateways] = await Promise.all([this.line(lineId), this.gateways(new Set([lineId]))]);
    return { line, gateways: gateways.filter((g) => g.communityId === communityOf(line, g.side)) };
  }

  /** The side `communityId` is on, or `NotOnLine`. */
  static sideOf(line: Line, communityId: string): Side {
    if (line.communityA === communityId) return 0;
    if (line.communityB === communityId) return 1;
    throw new NotOnLine(line.lineId, communityId);
  }

  /** Community A's committee (`member` pays the ERG and fee) proposes a line to `partnerCommunityId`. */
  async planPropose(communityId: string, member: Identity, partnerCommunityId: string, terms: LineTerms): Promise<Plan> {
    const [{ community }, , wallet] = await Promise.all([
      this.lets.community(communityId),
      this.lets.community(partnerCommunityId),
      this.lets.wallet(member),
    ]);
    return (height) => proposeLine({ community: community.box, partnerCommunityId, terms }, { height, wallet });
  }

  /** Community B's committee accepts the line proposed to it. */
  async planAccept(lineId: string, member: Identity): Promise<Plan> {
    const { line, gateways } = await this.view(lineId);
    const gatewayA = gateways.find((g) => g.side === 0 && g.shard === 0);
    if (!gatewayA) throw new ClientError(`line ${lineId} has no live gateway of A's for shard 0: it was not proposed by community ${line.communityA}'s contract`);
    const [{ community }, wallet] = await Promise.all([this.lets.community(line.communityB), this.lets.wallet(member)]);
    return (height) => acceptLine({ community: community.box, line: line.box, gatewayA: gatewayA.box }, { height, wallet });
  }

  /** The committee of `communityId` pauses (or resumes) payments into its community. */
  async planPause(lineId: string, communityId: string, member: Identity, paused: boolean): Promise<Plan> {
    const { line, community, wallet } = await this.actor(lineId, communityId, member);
    return (height) => pauseLine({ line: line.box, community: community.box, paused }, { height, wallet });
  }

  /** The committee of `communityId` proposes new terms, closing (`"close"`), or withdraws its proposal (`null`). */
  async planProposeChange(lineId: string, communityId: string, member: Identity, change: LineChange): Promise<Plan> {
    const { line, community, wallet } = await this.actor(lineId, communityId, member);
    return (height) => proposeLineChange({ line: line.box, community: community.box, change }, { height, wallet });
  }

  /** The committee of `communityId` accepts the other side's pending change. */
  async planAcceptChange(lineId: string, communityId: string, member: Identity): Promise<Plan> {
    const { line, community, wallet } = await this.actor(lineId, communityId, member);
    return (height) => acceptLineChange({ line: line.box, community: community.box }, { height, wallet });
  }

  /** Community A's committee cancels a proposal B has not accepted. */
  async planCancel(lineId: string, member: Identity): Promise<Plan> {
    const line = await this.line(lineId);
    const { community, wallet } = await this.actor(lineId, line.communityA, member, line);
    return (height) => cancelLine({ line: line.box, community: community.box }, { height, wallet });
  }

  /**
   * Anyone (`member` pays the fee and any top-up) refreshes the line box, or with `shard` the ends
   * of that shard (A's alone with `aAlone` or when it has no B end); the builder refuses a box that
   * is not dormant (`NotDormant`).
   */
  async planRefresh(lineId: string, member: Identity, shard?: number, opts: { aAlone?: boolean } = {}): Promise<Plan> {
    const [{ line, gateways }, wallet] = await Promise.all([this.view(lineId), this.lets.wallet(member)]);
    if (shard === undefined) return (height) => refreshLine({ line: line.box }, { height, wallet });
    const [a, b] = ([0, 1] as const).map((side) => gateways.find((g) => g.side === side && g.shard === shard));
    if (!a) throw new ClientError(`line ${lineId} has no live gateway of A's for shard ${shard} (it has ${line.terms.shards})`);
    // No B end (a proposal never accepted), or `aAlone` (A's end older than a storage period, which
    // B's end will not go with): A's end is refreshed alone.
    return (height) => refreshShard({ line: line.box, gatewayA: a.box, ...(b && !opts.aAlone ? { gatewayB: b.box } : {}) }, { height, wallet });
  }

  private async actor(lineId: string, communityId: string, member: Identity, known?: Line) {
    const line = known ?? (await this.line(lineId));
    LinesOverHttp.sideOf(line, communityId);
    const [{ community }, wallet] = await Promise.all([this.lets.community(communityId), this.lets.wallet(member)]);
    return { line, community, wallet };
  }

  /**
   * Plans `payer`'s account paying `payees` (accounts of one or more other communities): for each,
   * the route over open lines (`findRoute`: one hop, else two), a shard of each line with room
   * (`chooseShard`; shards already used in this transaction are skipped), then the whole
   * payment checked by `planCrossPayments` (rates, fees, caps, pauses, credit limit, positive
   * cap). Nothing is signed: the quote says what the payer pays and each payee receives.
   * A route that exists only through a paused or unopened line is refused with `LinePaused` or
   * `LineNotOpen` naming it, rather than a bare `NoRoute` (`routeOrRefusal`, shared with the web).
   */
  async quoteCrossPay(payer: Identity, payerAccount: Account, payees: CrossPayee[], notes: PaymentNotes = {}): Promise<CrossPayQuote> {
    const lines = await this.allLines();
    const routes = payees.map((p) => routeOrRefusal(lines, payerAccount.communityId, p.account.communityId));
    const lineIds = new Set(routes.flat().map((s) => s.line.lineId));
    const gateways = lineIds.size === 0 ? [] : await this.gateways(lineIds);
    const busy = new Map<string, Set<number>>();
    const payments = payees.map((p, i) => ({ payee: p.account.box, amountUnits: p.amountUnits, hops: hopsFor(routes[i]!, gateways, p.amountUnits, busy) }));
    const planned = planCrossPayments({ payer: payerAccount.box, payments, ...notes });
    const feeFromAccount = accountPaysFee(payerAccount);
    const wallet = feeFromAccount ? undefined : await this.lets.wallet(payer);
    return {
      payer: planned.payer,
      route: routes[0] ?? [],
      payments: planned.payments,
      debit: planned.debit,
      feeFromAccount,
      plan: (height) => crossPay({ payer: payerAccount.box, payments, ...notes }, { height, wallet }),
    };
  }
}

/**
 * The boxes of each hop of `route` for `amount` payer units: the shard `chooseShard` picks, or,
 * when no shard has room, the one with the most (so `planCrossPayments` refuses it with
 * `LineExposureExceeded`, naming the cap).
 */
function hopsFor(route: RouteStep[], gateways: readonly Gateway[], amount: bigint, busy: Map<string, Set<number>>): HopBoxes[] {
  let sent = amount;
  return route.map((step, h) => {
    const { line, from } = step;
    if (h > 0) sent = largestSendable(sent, from === 0 ? line.terms.feeA : line.terms.feeB);
    const used = busy.get(line.lineId) ?? new Set<number>();
    busy.set(line.lineId, used);
    const mine = gateways.filter((g) => g.lineId === line.lineId && g.communityId === communityOf(line, g.side));
    const sender = (shard: number) => mine.find((g) => g.side === from && g.shard === shard);
    const receiver = (shard: number) => mine.find((g) => g.side !== from && g.shard === shard);
    let shard = chooseShard(step, mine, sent, used);
    if (shard === undefined) {
      const pairs = mine.filter((g) => g.side !== from && !used.has(g.shard) && sender(g.shard));
      shard = pairs.sort((a, b) => Number(b.position - a.position))[0]?.shard;
    }
    if (shard === undefined) throw new ClientError(`line ${line.lineId} has no free pair of gateways for this payment (${used.size} of its shards are already used in it)`);
    used.add(shard);
    const quote = quoteHop(line.terms, from, sent);
    sent = quote.delivered;
    return { line: line.box, from: sender(shard)!.box, to: receiver(shard)!.box };
  });
}
