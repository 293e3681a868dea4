/**
 * An in-memory executor of a network's decisions for the model specs: the rules the builders and
 * contracts enforce (credit limit, positive cap, the line's rate, fees and per-shard exposure cap,
 * rounding against the payer: `quoteHop` and `largestSendable` of contracts/line/line.ts) applied
 * to the ledgers, without a chain. The chain's part is covered by network.spec.ts end to end.
 */
import { largestSendable, quoteHop, type HopQuote } from "../../../contracts/line/line.ts";
import type { CrossDetail, CrossHopDetail } from "../events.ts";
import type { LedgerSet } from "../ledger.ts";
import type { Member } from "../members.ts";
import type { Actions, Outcome } from "../model.ts";
import { applyCross, communityAt } from "../network.ts";
import type { NetworkSpec, Scenario } from "../scenario.ts";

export const memoryGatewayId = (line: number, side: 0 | 1, shard: number): string => `${line}/${side}/${shard}`;

/** One thing the executor did, for the specs. */
export interface Done {
  kind: "join" | "pay" | "cross" | "leave" | "default";
  block: number;
  payer?: number;
  payee?: number;
  amount?: bigint;
  refused?: string;
  cross?: CrossDetail;
}

export class MemoryNetworkActions implements Actions {
  readonly done: Done[] = [];
  private readonly network: NetworkSpec;

  constructor(
    private readonly scenario: Scenario,
    private readonly books: LedgerSet,
  ) {
    this.network = scenario.network!;
  }

  join(member: Member, block: number): Outcome {
    this.books.ledgers[member.community]!.join(member.id, block, { creditLimit: this.scenario.policy.creditLimit, positiveCap: this.scenario.policy.positiveCap });
    this.done.push({ kind: "join", block, payer: member.id });
    return { ok: true };
  }

  pay(payer: Member, payee: Member, amount: bigint, block: number): Outcome {
    const from = this.books.open(payer.id);
    const to = this.books.open(payee.id);
    if (payer.community === payee.community) {
      const refused = from.balance - amount < -from.creditLimit ? "credit limit" : to.positiveCap > 0n && to.balance + amount > to.positiveCap ? "positive cap" : undefined;
      this.done.push({ kind: "pay", block, payer: payer.id, payee: payee.id, amount, ...(refused ? { refused } : {}) });
      if (refused) return { ok: false, reason: refused };
      this.books.of(payer.id).pay(payer.id, payee.id, amount, block);
      return { ok: true };
    }
    const planned = this.plan(payer.community, payee.community, amount);
    let refused = typeof planned === "string" ? planned : undefined;
    if (typeof planned !== "string") {
      if (from.balance - planned.debitUnits < -from.creditLimit) refused = "credit limit";
      else if (to.positiveCap > 0n && to.balance + planned.receivedUnits > to.positiveCap) refused = "positive cap";
    }
    this.done.push({ kind: "cross", block, payer: payer.id, payee: payee.id, amount, ...(refused ? { refused } : { cross: planned as CrossDetail }) });
    if (refused !== undefined) return { ok: false, reason: refused };
    applyCross(this.books, this.network, payer.id, payee.id, planned as CrossDetail, block, memoryGatewayId);
    return { ok: true };
  }

  leave(member: Member, block: number): Outcome {
    if (this.books.open(member.id).balance !== 0n) return { ok: false, reason: "balance not zero" };
    this.books.of(member.id).leave(member.id, block);
    this.done.push({ kind: "leave", block, payer: member.id });
    return { ok: true };
  }

  closeDefaulted(member: Member, block: number): Outcome {
    this.books.of(member.id).default(member.id, block);
    this.done.push({ kind: "default", block, payer: member.id });
    return { ok: true };
  }

  /** The trade position of one end of a shard (balance less fees held). */
  position(line: number, side: 0 | 1, shard: number): bigint {
    const g = this.books.ledgers[communityAt(this.network, line, side)]!.gateways.get(memoryGatewayId(line, side, shard));
    return g ? g.balance - g.feesHeld : 0n;
  }

  /** The lines from community `from` to `to`: one direct, or two through a middle community (lowest line indexes first). */
  private route(from: number, to: number): { line: number; from: 0 | 1 }[] | undefined {
    type Step = { line: number; from: 0 | 1; to: number };
    const steps = (c: number): Step[] => this.network.lines.flatMap((l, i): Step[] => (l.a === c ? [{ line: i, from: 0, to: l.b }] : l.b === c ? [{ line: i, from: 1, to: l.a }] : []));
    const direct = steps(from).find((s) => s.to === to);
    if (direct) return [direct];
    for (const first of steps(from)) {
      const second = steps(first.to).find((s) => s.to === to && s.line !== first.line);
      if (second) return [first, second];
    }
    return undefined;
  }

  /** A cross payment's hops, or why it cannot be made. */
  private plan(fromCommunity: number, toCommunity: number, amount: bigint): CrossDetail | string {
    const route = this.route(fromCommunity, toCommunity);
    if (!route) return "no route";
    const hops: CrossHopDetail[] = [];
    let arriving = amount;
    for (const [h, step] of route.entries()) {
      const terms = this.network.lines[step.line]!.terms;
      let quote: HopQuote;
      if (h === 0) quote = quoteHop(terms, step.from, arriving);
      else {
        const sent = largestSendable(arriving, step.from === 0 ? terms.feeA : terms.feeB);
        quote = { ...quoteHop(terms, step.from, sent), senderFee: arriving - sent };
      }
      if (quote.sent <= 0n || quote.converted <= 0n || quote.delivered <= 0n) return "too small to cross";
      const cap = (step.from === 0 ? terms.capA : terms.capB) / terms.shards;
      const to = (1 - step.from) as 0 | 1;
      const shards = Array.from({ length: Number(terms.shards) }, (_, s) => s)
        .filter((s) => this.position(step.line, to, s) - quote.converted + cap >= 0n)
        .sort((x, y) => Number(this.position(step.line, to, y) - this.position(step.line, to, x)) || x - y);
      if (shards.length === 0) return "line exposure cap";
      hops.push({ line: step.line, shard: shards[0]!, from: step.from, sent: quote.sent, senderFee: quote.senderFee, converted: quote.converted, receiverFee: quote.receiverFee });
      arriving = quote.delivered;
    }
    return { debitUnits: hops[0]!.sent + hops[0]!.senderFee, receivedUnits: arriving, hops };
  }
}
