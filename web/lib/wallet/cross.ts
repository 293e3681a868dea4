/**
 * A payment to a member of another community, over trade lines (docs/inter-lets.md), built in the
 * browser like a local payment: the candidate lines come from this server (`/api/routes`, the
 * lines of the payer's community and of its partners, from the indexer), their live boxes and the
 * gateways from the node, the route from `routeOrRefusal` (`findRoute`: one line, or two through
 * a shared partner), a shard of each line with room from `chooseShard`, then `planCrossPayments`
 * checks everything (rates, fees, caps, pauses, credit limit) and `crossPay` builds the
 * transaction. Every refusal is thrown before signing: `NoRoute`, `LinePaused`, `LineNotOpen`,
 * `LineExposureExceeded`, a credit limit.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { crossPay, planCrossPayments, type HopBoxes, type PlannedPayment } from "$contracts/builders/cross-pay.ts";
import { InvalidIntent, LineExposureExceeded } from "$contracts/errors.ts";
import { communityOf, decodeGateway, decodeLine, largestSendable, quoteHop, type Gateway, type Line, type Side } from "$contracts/line/line.ts";
import { chooseShard, routeOrRefusal, type RouteStep } from "$contracts/line/route.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import type { Account } from "$contracts/account/account.ts";
import { liveAccount, type BoxHint } from "./actions.ts";
import { toEip12Box } from "./eip12.ts";
import type { ConnectedWallet } from "./wallet.ts";

export interface CrossPaymentIntent {
  payerCommunityId: string;
  payeeCommunityId: string;
  payerAccountId: string;
  payeeAccountId: string;
  /** In the payer's units: what crosses, before the sending community's fee. */
  amountUnits: bigint;
  memo?: string;
  payerHint?: BoxHint;
  payeeHint?: BoxHint;
}

export interface PreparedCrossPayment {
  unsigned: EIP12UnsignedTransaction;
  payer: Account;
  payee: Account;
  /** The payment as planned: what the payer pays (fees included), what the payee receives, each hop. */
  planned: PlannedPayment;
  payerBalanceAfter: bigint;
  payeeBalanceAfter: bigint;
}

/** `LineExposureExceeded` with the two communities of the hop that hit the cap (the cap is in the receiver's units). */
export class HopCapExceeded extends LineExposureExceeded {
  constructor(
    cause: LineExposureExceeded,
    readonly senderCommunityId: string,
    readonly receiverCommunityId: string,
  ) {
    super(cause.lineId, cause.shard, cause.capPerShard, cause.attempted);
  }
}

/** The ids of the lines a route from `from` to `to` could take (asked of this server, which reads the indexer). */
export async function candidateLines(from: string, to: string): Promise<string[]> {
  const response = await fetch(`/api/routes?from=${from}&to=${to}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`The trade lines could not be looked up (HTTP ${response.status}).`);
  return ((await response.json()) as { lineIds: string[] }).lineIds;
}

/** The live line `lineId` on the node (mempool applied), or undefined when it has no live box. */
export async function liveLine(node: NodeClient, lineId: string): Promise<Line | undefined> {
  for (const box of await node.unspentByTokenId(lineId, 10)) {
    const line = decodeLine(toEip12Box(box));
    if (line.ok && line.value.lineId === lineId) return line.value;
  }
  return undefined;
}

/** The live gateways of `lineIds` that hold the unit of `communityId` (they carry its token like its accounts). */
export async function liveGateways(node: NodeClient, communityId: string, lineIds: ReadonlySet<string>): Promise<Gateway[]> {
  return (await node.allUnspentByTokenId(communityId)).flatMap((box) => {
    const g = decodeGateway(toEip12Box(box));
    return g.ok && lineIds.has(g.value.lineId) && g.value.communityId === communityId ? [g.value] : [];
  });
}

/** The gateway pair of each step for `amount` payer units: a shard with room, else the roomiest (then the builder names the cap). */
function hopBoxes(route: RouteStep[], gateways: readonly Gateway[], amount: bigint): HopBoxes[] {
  let sent = amount;
  return route.map((step, i) => {
    const { line, from } = step;
    if (i > 0) sent = largestSendable(sent, from === 0 ? line.terms.feeA : line.terms.feeB);
    const mine = gateways.filter((g) => g.lineId === line.lineId && g.communityId === communityOf(line, g.side));
    const end = (side: number, shard: number) => mine.find((g) => g.side === side && g.shard === shard);
    const shard =
      chooseShard(step, mine, sent) ??
      mine.filter((g) => g.side !== from && end(from, g.shard)).sort((a, b) => Number(b.position - a.position))[0]?.shard;
    if (shard === undefined) throw new InvalidIntent(`line ${line.lineId} has no pair of gateways on the node`);
    sent = quoteHop(line.terms, from, sent).delivered;
    return { line: line.box, from: end(from, shard)!.box, to: end(1 - from, shard)!.box };
  });
}

/** Builds the cross payment from live boxes at `height` (the fee from the payer account's ERG). */
export async function prepareCrossPayment(node: NodeClient, intent: CrossPaymentIntent, height: number): Promise<PreparedCrossPayment> {
  if (intent.payerCommunityId === intent.payeeCommunityId) throw new InvalidIntent("the payee is in the payer's community: that is a local payment");
  const [payer, payee, lineIds] = await Promise.all([
    liveAccount(node, intent.payerCommunityId, intent.payerAccountId, intent.payerHint),
    liveAccount(node, intent.payeeCommunityId, intent.payeeAccountId, intent.payeeHint),
    candidateLines(intent.payerCommunityId, intent.payeeCommunityId),
  ]);
  const lines = (await Promise.all(lineIds.map((id) => liveLine(node, id)))).filter((l): l is Line => l !== undefined);
  const route = routeOrRefusal(lines, intent.payerCommunityId, intent.payeeCommunityId);
  const used = new Set(route.map((s) => s.line.lineId));
  const communities = new Set(route.flatMap((s) => [s.line.communityA, s.line.communityB]));
  const gateways = (await Promise.all([...communities].map((c) => liveGateways(node, c, used)))).flat();
  const payments = [{ payee: payee.box, amountUnits: intent.amountUnits, hops: hopBoxes(route, gateways, intent.amountUnits) }];
  let plan;
  try {
    plan = planCrossPayments({ payer: payer.box, payments, memo: intent.memo });
  } catch (error) {
    const step = error instanceof LineExposureExceeded ? route.find((s) => s.line.lineId === error.lineId) : undefined;
    if (step) throw new HopCapExceeded(error as LineExposureExceeded, communityOf(step.line, step.from), communityOf(step.line, (1 - step.from) as Side));
    throw error;
  }
  const planned = plan.payments[0]!;
  const unsigned = crossPay({ payer: payer.box, payments, memo: intent.memo }, { height });
  return { unsigned, payer, payee, planned, payerBalanceAfter: payer.balance - plan.debit, payeeBalanceAfter: payee.balance + planned.received };
}

/** A cross payment prepared for this wallet: also refuses when the wallet does not own the payer. */
export async function prepareCrossPaymentFor(wallet: ConnectedWallet, node: NodeClient, intent: CrossPaymentIntent): Promise<PreparedCrossPayment> {
  const [address, height] = await Promise.all([wallet.changeAddress(), wallet.height()]);
  const prepared = await prepareCrossPayment(node, intent, height);
  if (prepared.payer.owner !== ownerFromAddress(address)) {
    throw new InvalidIntent(`account ${prepared.payer.accountId} is not owned by this wallet's address ${address}`);
  }
  return prepared;
}

export type { Side };
