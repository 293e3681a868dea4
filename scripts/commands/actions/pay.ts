/** `lets pay`: pay one or more members of a community; only the payer signs. */
import { allowanceFor, creditLeft, quotePayment, type Account, type PaymentQuote } from "../../../contracts/index.ts";
import type { Plan } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { ownAccount, parsePayeeTarget, payeeAccount } from "./accounts.ts";
import { amountSyntax, formatErg, parseErg, parseUnits } from "./amounts.ts";
import { ownerAddressOrHex, unitFormat } from "./describe.ts";
import { paymentNotes, quoted } from "./notes.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { outcomeOf, sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import { crossPayCommand, type PayeeRequest } from "./cross-pay.ts";
import { payeeChargesInWords, payerChargesInWords } from "./economics-words.ts";
import type { UnitFormat } from "./errors.ts";

/** Pairs `--to X --amount A` (in order) or reads `--to X=A`; checks the syntax before any request. */
export function pairPayees(to: readonly string[], amounts: readonly string[], network: NetworkName): PayeeRequest[] {
  if (to.length === 0) throw new CliError("name who to pay: --to ADDRESS|ACCOUNT_ID --amount N, or --to ADDRESS=N", ExitCode.usage);
  const inline = to.filter((t) => t.includes("="));
  if (inline.length > 0 && (inline.length !== to.length || amounts.length > 0)) {
    throw new CliError("give every payee its amount the same way: all as --to X=N, or all with --amount", ExitCode.usage);
  }
  if (inline.length === 0 && amounts.length !== to.length) {
    throw new CliError(`${to.length} --to but ${amounts.length} --amount: give one amount per payee, in the same order`, ExitCode.usage);
  }
  return to.map((text, i) => {
    const [who, amount] = inline.length > 0 ? (text.split("=", 2) as [string, string]) : [text, amounts[i]!];
    amountSyntax(amount, "--amount");
    return { to: who, target: parsePayeeTarget(who, network), amount };
  });
}

/**
 * In an economics community, the plan with its charges printed as it builds, before anything is
 * signed: computed by `quotePayment` at the very height the transaction is built for. `quoted`
 * receives the quote for the result.
 */
function withCharges(session: Session, plan: Plan, payer: Account, payees: { account: Account; amountUnits: bigint }[], allowanceUnits: bigint | undefined, units: UnitFormat, quoted: (q: PaymentQuote, height: number) => void): Plan {
  const terms = payer.terms.economics;
  if (!terms || !payer.economy) return plan;
  return (height) => {
    const total = payees.reduce((sum, p) => sum + p.amountUnits, 0n);
    const most = allowanceFor({ ...terms, joinedHeight: payer.terms.joinedHeight }, payer.economy!, total, BigInt(height));
    if (allowanceUnits !== undefined && allowanceUnits > most) throw allowanceRefusal(payer, total, most, units);
    const intent = { payer: payer.box, payees: payees.map((p) => ({ account: p.account.box, amountUnits: p.amountUnits })), allowanceUnits };
    const quote = quotePayment(intent, height);
    const left = payer.economy ? payer.economy.allowance - quote.payer.allowanceUsed : undefined;
    session.info(`Paying ${units(quote.payer.amount)} at height ${height}; the charges, as the contracts will check them:`);
    for (const line of payerChargesInWords(quote.payer, units, left)) session.info(line);
    quote.payees.forEach((leg, i) => session.info(payeeChargesInWords(ownerAddressOrHex(payees[i]!.account.owner, session.network), leg, units)));
    quoted(quote, height);
    return plan(height);
  };
}

/** Why `--allowance` asks for more than this purchase may take from the allowance, in units. */
function allowanceRefusal(payer: Account, total: bigint, most: bigint, units: UnitFormat): CliError {
  const left = payer.economy!.allowance;
  const until = payer.terms.joinedHeight + payer.terms.economics!.newcomerBlocks;
  const why = most === 0n && left > 0n ? `the newcomer window closed after height ${until}` : `half of ${units(total)}, within the ${units(left)} left, until height ${until}`;
  return new CliError(`--allowance: at most ${units(most)} of this purchase may come from your newcomer allowance (${why})`, ExitCode.failure);
}

/** The smallest ERG part: an output holds at least the minimum box value (0.001 ERG). */
const MIN_ERG_PART = 1_000_000n;

/**
 * `--erg E` per payee (a mixed payment): one for a single payee, else one per `--to` in order (0
 * for none). Each is ERG with up to 9 decimals, parsed exactly to nanoERG.
 */
export function pairErg(erg: readonly string[], payees: number): bigint[] {
  if (erg.length === 0) return Array.from({ length: payees }, () => 0n);
  if (erg.length !== payees) throw new CliError(`${payees} --to but ${erg.length} --erg: give one --erg per payee, in the same order (0 for none)`, ExitCode.usage);
  return erg.map((text) => {
    const nanoErg = parseErg(text, "--erg");
    if (nanoErg > 0n && nanoErg < MIN_ERG_PART) throw new CliError(`--erg: ${text} ERG is below ${formatErg(MIN_ERG_PART)}, the least a box holds (give 0 for none)`, ExitCode.usage);
    return nanoErg;
  });
}

/** What a payee was paid, in words: "12.50 LETS" or "12.50 LETS + 1.5 ERG". */
const paidInWords = (units: UnitFormat, amountUnits: bigint, ergNanoErg: bigint): string =>
  ergNanoErg > 0n ? `${units(amountUnits)} + ${formatErg(ergNanoErg)}` : units(amountUnits);

/** The payer's charges in `--json`, with economics. */
const chargesJson = (q: PaymentQuote, height: number) => ({
  height,
  fee: q.payer.fee.toString(),
  demurrage: q.payer.demurrage.toString(),
  allowanceUsed: q.payer.allowanceUsed.toString(),
  creditLimit: q.payer.creditLimit.toString(),
  payeeDemurrage: q.payees.map((p) => p.demurrage.toString()),
});

/** `lets pay` */
export const payCommand: Command = {
  summary: "pay members of a community (amounts in the community's units, e.g. 12.50)",
  usage: `lets pay --community ID --to ADDRESS|ACCOUNT_ID --amount N [--to ... --amount ...] [notes] [key] [options]
       lets pay --community ID --to ADDRESS=N [--to ADDRESS=N ...] [notes] [key] [options]

  --community ID          the community (its token id)
  --to X                  a payee: an address (its one account here) or an account id; repeatable
  --amount N              what the payee gets, in the community's units with at most its decimals
  --to-community ID       the payees are members of this other community: the payment crosses a
                          trade line (or two), and --amount is what leaves your community, in its
                          units; you pay your community's line fee on top, the payee receives it
                          converted at the line's rate, less their community's fee. The route,
                          conversion and fees are printed before signing
  --account ID            your account, when your address owns several in this community
  --memo TEXT             what the payment is for: at most 140 characters, no control characters;
                          public, on the chain for good, under your signature
  --request ID            the payment request this pays (32 hex digits)
  --listing ID            the marketplace listing this pays for (64 hex digits; docs/marketplace.md)
  --erg E                 ERG paid to the payee's owner in the same transaction, beside the units
                          (a mixed payment, e.g. materials in ERG, labour in units): at most 9
                          decimals, at least 0.001; one per --to, in order (0 for none). Your
                          wallet pays it, and then the fee too
  --allowance N           economics: units of your newcomer allowance to spend on this purchase
                          (default: as much as allowed, at most half of it; 0 keeps the allowance)
${commonUsage}

  The payment is checked before signing: your credit limit and each payee's positive cap. In an
  economics community the charges are printed first: the usage fee, demurrage due, allowance
  used, your balance after and your earned credit limit (docs/economics.md).
  The fee comes from your account's ERG (its fee reserve), else from your wallet (always from
  your wallet when you pay ERG with --erg).
  Exit codes: 0 sent, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, {
      community: { type: "string" },
      to: { type: "string", multiple: true },
      amount: { type: "string", multiple: true },
      account: { type: "string" },
      memo: { type: "string" },
      request: { type: "string" },
      listing: { type: "string" },
      "to-community": { type: "string" },
      allowance: { type: "string" },
      erg: { type: "string", multiple: true },
    });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const toCommunityId = values["to-community"] === undefined ? undefined : idOption("to-community", values["to-community"]);
    const payerAccountId = values.account === undefined ? undefined : idOption("account", values.account);
    const requests = pairPayees(values.to ?? [], values.amount ?? [], session.network);
    const notes = paymentNotes(values.memo, values.request, values.listing);
    if (values.allowance !== undefined) amountSyntax(values.allowance, "--allowance", { allowZero: true });
    const erg = pairErg(values.erg ?? [], requests.length);
    if (toCommunityId !== undefined && toCommunityId !== communityId) {
      if (notes.listingId !== undefined) throw new CliError("--listing is for payments within the listing's community, not across a trade line", ExitCode.usage);
      if (values.allowance !== undefined) throw new CliError("--allowance is for payments within your own community (economics communities have no trade lines)", ExitCode.usage);
      if (values.erg !== undefined) throw new CliError("--erg is for payments within your own community, not across a trade line", ExitCode.usage);
      return crossPayCommand(session, { communityId, toCommunityId, payerAccountId, requests, notes });
    }
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      const { metadata } = view.community;
      const units = (session.units = unitFormat(metadata));
      const payer = ownAccount(view, key, payerAccountId);
      const payees = requests.map((r, i) => ({ account: payeeAccount(view, r.target), amountUnits: parseUnits(r.amount, metadata.decimals, "--amount", { unit: metadata.symbol }), ergNanoErg: erg[i]! }));
      const total = payees.reduce((sum, p) => sum + p.amountUnits, 0n);
      const allowanceUnits = values.allowance === undefined ? undefined : parseUnits(values.allowance, metadata.decimals, "--allowance", { allowZero: true, unit: metadata.symbol });
      let quote: PaymentQuote | undefined;
      let quotedAt = 0;
      const plan = await session.lets.planPay(key, payer, payees, notes, { allowanceUnits });
      const { submitted } = await session.execute(key, withCharges(session, plan, payer, payees, allowanceUnits, units, (q, h) => ([quote, quotedAt] = [q, h])));
      if (!submitted) return ExitCode.ok;
      const { txId, accounts } = outcomeOf(submitted);
      const after = (account: Account): Account => accounts.get(account.accountId) ?? account;
      const payerAfter = after(payer);
      // With an earned credit limit, credit left is counted from the limit at the build height.
      const left = quote ? quote.payer.balanceAfter + quote.payer.creditLimit : creditLeft(payerAfter);
      session.result(
        [
          ...payees.map((p, i) => `paid ${paidInWords(units, p.amountUnits, p.ergNanoErg)} to ${requests[i]!.to}`),
          ...(notes.memo !== undefined ? [`memo: ${quoted(notes.memo)}`] : []),
          ...(notes.requestId !== undefined ? [`paying request ${notes.requestId}`] : []),
          ...(notes.listingId !== undefined ? [`for listing ${notes.listingId}`] : []),
          sentLine(txId),
          `your balance: ${units(payerAfter.balance)} (credit left ${units(left)})`,
          ...payees.map((p) => `  ${ownerAddressOrHex(p.account.owner, session.network)}: ${units(after(p.account).balance)}`),
        ],
        {
          txId,
          communityId,
          total: total.toString(),
          ...notes,
          payer: { accountId: payer.accountId, balance: payerAfter.balance.toString(), creditLeft: left.toString(), ...(quote ? { charges: chargesJson(quote, quotedAt) } : {}) },
          payees: payees.map((p) => ({
            accountId: p.account.accountId,
            address: ownerAddressOrHex(p.account.owner, session.network),
            amount: p.amountUnits.toString(),
            ergNanoErg: p.ergNanoErg.toString(),
            balance: after(p.account).balance.toString(),
          })),
        },
      );
      return ExitCode.ok;
    });
  },
};
