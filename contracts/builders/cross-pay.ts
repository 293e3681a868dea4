/**
 * Cross payments (docs/inter-lets.md): a member of one community pays members of others through
 * trade lines, one or two hops, in one atomic transaction; local payments may ride along. Each hop
 * spends the two gateways of one shard and reads its line as a data input; only the payer signs.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { accountSuccessorRegisters, type Account } from "../account/account.ts";
import {
  CreditLimitExceeded, FeeReserveSpent, InvalidIntent, LineExposureExceeded, LineNotOpen, LinePaused,
  PositiveCapExceeded, WrongCommunity,
} from "../errors.ts";
import { communityOf, gatewayRegisters, largestSendable, quoteHop, type Gateway, type HopQuote, type Line, type Side } from "../line/line.ts";
import { extendInput, paymentExtension } from "../notes.ts";
import { ACCOUNT_ERGO_TREE, gatewayTreeOf, MIN_BOX_VALUE } from "../scripts.ts";
import { DEFAULT_FEE, finish, positiveUnits, requireAccount, totalValue, type BuildContext } from "./common.ts";
import { gatewayValue, requireGateway, requireLine } from "./line-common.ts";
import { payeeActivity } from "./pay.ts";

/** One hop: the line, and the two gateways of one of its shards (sender's side first). */
export interface HopBoxes {
  line: Box<Amount>;
  from: Box<Amount>;
  to: Box<Amount>;
}

/** A payment to one payee: local when `hops` is empty, otherwise through one or two lines. */
export interface CrossPayment {
  payee: Box<Amount>;
  /** In the payer's units: what the payee's community receives is converted (and less fees). */
  amountUnits: bigint | number | string;
  hops: HopBoxes[];
}

export interface CrossPayIntent {
  payer: Box<Amount>;
  payments: CrossPayment[];
  memo?: string;
  requestId?: string;
}

/** One hop as planned. */
export interface PlannedHop extends HopQuote {
  line: Line;
  sender: Gateway;
  receiver: Gateway;
}

/** What a payment does: what the payer pays (fees included) and what the payee receives. */
export interface PlannedPayment {
  payee: Account;
  debit: bigint;
  received: bigint;
  hops: PlannedHop[];
}

function planHop(hop: HopBoxes, community: string, sent: bigint, firstSent: boolean): PlannedHop {
  const line = requireLine(hop.line);
  if (line.status !== "open") throw new LineNotOpen(line.lineId, line.status);
  const sender = requireGateway(hop.from);
  const receiver = requireGateway(hop.to);
  for (const g of [sender, receiver]) {
    if (g.lineId !== line.lineId) throw new InvalidIntent(`gateway ${g.boxId} belongs to line ${g.lineId}, not ${line.lineId}`);
  }
  if (sender.communityId !== community) throw new WrongCommunity(sender.boxId, community, sender.communityId);
  if (receiver.side === sender.side || receiver.shard !== sender.shard) {
    throw new InvalidIntent(`gateways ${sender.boxId} and ${receiver.boxId} are not the two sides of one shard`);
  }
  const from: Side = sender.side;
  if (receiver.communityId !== communityOf(line, receiver.side)) throw new WrongCommunity(receiver.boxId, communityOf(line, receiver.side), receiver.communityId);
  if (from === 0 ? line.pausedB : line.pausedA) throw new LinePaused(line.lineId, receiver.communityId);
  // The first hop sends the payer's amount; a later hop forwards what arrived, less its own fee.
  const quote = firstSent ? quoteHop(line.terms, from, sent) : forward(line, from, sent);
  if (quote.sent <= 0n || quote.converted <= 0n) throw new InvalidIntent(`the amount is too small to cross line ${line.lineId} (it would convert to nothing)`);
  const cap = (from === 0 ? line.terms.capA : line.terms.capB) / line.terms.shards;
  const position = receiver.position - quote.converted;
  if (position + cap < 0n) throw new LineExposureExceeded(line.lineId, receiver.shard, cap, position);
  return { ...quote, line, sender, receiver };
}

function forward(line: Line, from: Side, available: bigint): HopQuote {
  const bps = from === 0 ? line.terms.feeA : line.terms.feeB;
  const sent = largestSendable(available, bps);
  const quote = quoteHop(line.terms, from, sent);
  return { ...quote, senderFee: available - sent };
}

/**
 * Plans every payment (amounts, fees, conversions, checks) without building: what the pay screen
 * and `lets pay` show before signing. Throws the typed error of the first check that fails.
 */
export function planCrossPayments(intent: CrossPayIntent): { payer: Account; payments: PlannedPayment[]; debit: bigint } {
  const payer = requireAccount(intent.payer);
  if (payer.economy) throw new InvalidIntent("an economics community has no trade lines: pay members of other communities from a plain community (docs/economics.md)");
  if (intent.payments.length === 0) throw new InvalidIntent("a payment needs at least one payee");
  const seen = new Set<string>([payer.accountId]);
  const gatewaysUsed = new Set<string>();
  const payments = intent.payments.map((p, i) => {
    const amount = positiveUnits(`payments[${i}].amountUnits`, p.amountUnits);
    const payee = requireAccount(p.payee);
    if (seen.has(payee.accountId)) throw new InvalidIntent(`payee ${i + 1} is the payer or appears twice`);
    seen.add(payee.accountId);
    if (p.hops.length > 2) throw new InvalidIntent("a cross payment takes at most two hops");
    let community = payer.communityId;
    let arriving = amount;
    const hops: PlannedHop[] = [];
    for (const [h, hop] of p.hops.entries()) {
      const planned = planHop(hop, community, arriving, h === 0);
      for (const g of [planned.sender, planned.receiver]) {
        if (gatewaysUsed.has(g.boxId)) throw new InvalidIntent(`gateway ${g.boxId} carries one payment per transaction; use another shard`);
        gatewaysUsed.add(g.boxId);
      }
      hops.push(planned);
      community = planned.receiver.communityId;
      arriving = planned.delivered;
    }
    if (payee.communityId !== community) throw new WrongCommunity(payee.boxId, community, payee.communityId);
    if (arriving <= 0n) throw new InvalidIntent(`payment ${i + 1} would deliver nothing after conversion and fees`);
    const after = payee.balance + arriving;
    if (after > payee.terms.positiveCap) throw new PositiveCapExceeded(payee.accountId, payee.terms.positiveCap, after);
    const debit = hops.length === 0 ? amount : hops[0]!.sent + hops[0]!.senderFee;
    return { payee, debit, received: arriving, hops };
  });
  const debit = payments.reduce((s, p) => s + p.debit, 0n);
  const balance = payer.balance - debit;
  if (balance + payer.terms.creditLimit < 0n) throw new CreditLimitExceeded(payer.accountId, payer.terms.creditLimit, balance);
  return { payer, payments, debit };
}

const accountOut = (account: Account, balance: bigint, lastActive: bigint, value: bigint) =>
  new OutputBuilder(value, ACCOUNT_ERGO_TREE)
    .addTokens({ tokenId: account.communityId, amount: 1n })
    .setAdditionalRegisters(accountSuccessorRegisters(account, balance, lastActive));

const gatewayOut = (g: Gateway, delta: bigint, fee: bigint, height: number) =>
  new OutputBuilder(gatewayValue(g), gatewayTreeOf(g.side))
    .addTokens({ tokenId: g.communityId, amount: 1n })
    .setAdditionalRegisters(gatewayRegisters({ ...g, balance: g.balance + delta, feesHeld: g.feesHeld + fee }))
    .setCreationHeight(height);

/**
 * Builds the payments in one transaction. The fee comes from the payer account's ERG (as `pay`),
 * or from `ctx.wallet`.
 * @example
 * const tx = crossPay({ payer, payments: [{ payee, amountUnits: 100n, hops: [{ line, from, to }] }] }, { height });
 */
export function crossPay(intent: CrossPayIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const { payer, payments, debit } = planCrossPayments(intent);
  const extension = paymentExtension(intent.memo, intent.requestId);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const floor = payer.terms.collateralNanoErg + MIN_BOX_VALUE;
  // A gateway storage rent took a fee from goes back above its floor, paid like the fee.
  const topUp = payments.flatMap((p) => p.hops.flatMap((h) => [h.sender, h.receiver])).reduce((s, g) => s + gatewayValue(g) - g.valueNanoErg, 0n);
  const payerValue = ctx.wallet ? payer.valueNanoErg : payer.valueNanoErg - fee - topUp;
  if (payerValue < floor) throw new FeeReserveSpent(payer.accountId, floor + fee + topUp, payer.valueNanoErg, fee + topUp);
  const height = BigInt(ctx.height);

  const inputs: Box<Amount>[] = [payer.box];
  const outputs = [accountOut(payer, payer.balance - debit, height, payerValue)];
  const lines = new Map<string, Box<Amount>>();
  for (const p of payments) {
    for (const hop of p.hops) {
      inputs.push(hop.sender.box, hop.receiver.box);
      lines.set(hop.line.lineId, hop.line.box);
      outputs.push(
        gatewayOut(hop.sender, hop.sent + hop.senderFee, hop.senderFee, ctx.height),
        gatewayOut(hop.receiver, -(hop.converted - hop.receiverFee), hop.receiverFee, ctx.height),
      );
    }
    inputs.push(p.payee.box);
    outputs.push(accountOut(p.payee, p.payee.balance + p.received, payeeActivity(p.payee, height), p.payee.valueNanoErg));
  }
  const builder = new TransactionBuilder(ctx.height).from(inputs, { ensureInclusion: true }).to(outputs).payFee(fee);
  if (lines.size > 0) builder.withDataFrom([...lines.values()]);
  if (ctx.wallet) builder.from(ctx.wallet.utxos).sendChangeTo(ctx.wallet.changeAddress);
  const tx = finish(builder, ctx.wallet ? totalValue(ctx.wallet.utxos) : payer.valueNanoErg - floor, fee);
  return extendInput(tx, payer.boxId, extension);
}
