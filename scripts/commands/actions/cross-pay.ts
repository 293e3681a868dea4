/**
 * `lets pay --to-community ID`: paying members of another community across trade lines. The route
 * (one line, or two through a shared partner), each hop's shard, conversion and fees are worked out
 * and printed before signing; the payer alone signs.
 */
import { creditLeft, type Account, type PlannedPayment } from "../../../contracts/index.ts";
import type { PaymentNotes } from "../../../client/lets-over-http.ts";
import { LinesOverHttp } from "../../../client/lines.ts";
import { CliError, ExitCode } from "../command.ts";
import { ownAccount, payeeAccount, type PayeeTarget } from "./accounts.ts";
import { parseUnits } from "./amounts.ts";
import { ownerAddressOrHex, unitFormat } from "./describe.ts";
import { hopInWords, hopJson, lineRefusal, type Named } from "./line-words.ts";
import { quoted } from "./notes.ts";
import { outcomeOf, sentLine } from "./outcome.ts";
import type { Session } from "./session.ts";

/** One `--to` of `lets pay` with its amount, checked for syntax. */
export interface PayeeRequest {
  to: string;
  target: PayeeTarget;
  amount: string;
}

/** What `lets pay` parsed, for a payment to another community. */
export interface CrossPayRequest {
  communityId: string;
  toCommunityId: string;
  payerAccountId: string | undefined;
  requests: PayeeRequest[];
  notes: PaymentNotes;
}

/** The quote of one payment in words: what leaves, each hop, what arrives. */
export function quoteInWords(p: PlannedPayment, to: string, named: (communityId: string) => Named, payerUnits: (u: bigint) => string, payeeUnits: (u: bigint) => string): string[] {
  const first = p.hops[0];
  const fee = first ? first.senderFee : 0n;
  return [
    `to ${to}: you pay ${payerUnits(p.debit)} (${payerUnits(p.debit - fee)} and your community's fee ${payerUnits(fee)}); they receive ${payeeUnits(p.received)}`,
    ...p.hops.map((h) => `  ${hopInWords(h, named)}`),
  ];
}

/** Runs a cross payment for `lets pay`. */
export function crossPayCommand(session: Session, request: CrossPayRequest): Promise<number> {
  const { communityId, toCommunityId, payerAccountId, requests, notes } = request;
  return session.run("required", async (key) => {
    const lines = new LinesOverHttp(session.lets);
    const [from, to] = await Promise.all([session.lets.community(communityId), session.lets.community(toCommunityId)]);
    const known = new Map<string, Named>([from, to].map((v) => [v.community.communityId, { communityId: v.community.communityId, metadata: v.community.metadata }]));
    const named = (id: string): Named => known.get(id) ?? { communityId: id };
    const payerUnits = (session.units = unitFormat(from.community.metadata));
    const payeeUnits = unitFormat(to.community.metadata);
    const payer = ownAccount(from, key, payerAccountId);
    const { metadata } = from.community;
    const payees = requests.map((r) => ({ account: payeeAccount(to, r.target), amountUnits: parseUnits(r.amount, metadata.decimals, "--amount", { unit: metadata.symbol }) }));
    let quote;
    try {
      quote = await lines.quoteCrossPay(key, payer, payees, notes);
    } catch (error) {
      const refusal = lineRefusal(error, named);
      if (refusal !== undefined) throw new CliError(`refused before signing: ${refusal}`, ExitCode.failure, { cause: error });
      throw error;
    }
    // A two-hop route passes through a third community: name it too.
    for (const hop of quote.payments.flatMap((p) => p.hops)) {
      for (const id of [hop.sender.communityId, hop.receiver.communityId]) {
        if (!known.has(id)) {
          const view = await session.lets.findCommunity(id);
          known.set(id, { communityId: id, metadata: view?.community.metadata });
        }
      }
    }
    session.info(`Paying from ${from.community.metadata.name} to ${to.community.metadata.name} across ${quote.route.length === 1 ? "a trade line" : `${quote.route.length} trade lines`}:`);
    quote.payments.forEach((p, i) => quoteInWords(p, requests[i]!.to, named, payerUnits, payeeUnits).forEach((line) => session.info(`  ${line}`)));
    session.info(`  the transaction fee comes from your ${quote.feeFromAccount ? "account's fee reserve" : "wallet"}`);
    const { submitted } = await session.execute(key, quote.plan);
    if (!submitted) return ExitCode.ok;
    const { txId, accounts } = outcomeOf(submitted);
    const after = (account: Account): Account => accounts.get(account.accountId) ?? account;
    const payerAfter = after(payer);
    session.result(
      [
        ...quote.payments.map((p, i) => `paid ${payerUnits(p.debit)} to ${requests[i]!.to} in ${to.community.metadata.name}: they received ${payeeUnits(p.received)}`),
        ...(notes.memo !== undefined ? [`memo: ${quoted(notes.memo)}`] : []),
        ...(notes.requestId !== undefined ? [`paying request ${notes.requestId}`] : []),
        sentLine(txId),
        `your balance: ${payerUnits(payerAfter.balance)} (credit left ${payerUnits(creditLeft(payerAfter))})`,
        ...quote.payments.map((p) => `  ${ownerAddressOrHex(p.payee.owner, session.network)}: ${payeeUnits(after(p.payee).balance)}`),
      ],
      {
        txId,
        communityId,
        toCommunityId,
        total: payees.reduce((s, p) => s + p.amountUnits, 0n).toString(),
        debit: quote.debit.toString(),
        ...notes,
        payer: { accountId: payer.accountId, balance: payerAfter.balance.toString(), creditLeft: creditLeft(payerAfter).toString() },
        payees: quote.payments.map((p, i) => ({
          accountId: p.payee.accountId,
          communityId: p.payee.communityId,
          address: ownerAddressOrHex(p.payee.owner, session.network),
          amount: payees[i]!.amountUnits.toString(),
          debit: p.debit.toString(),
          received: p.received.toString(),
          balance: after(p.payee).balance.toString(),
          hops: p.hops.map(hopJson),
        })),
      },
    );
    return ExitCode.ok;
  });
}
