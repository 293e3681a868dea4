/**
 * `lets desk buy` and `lets desk sell` (docs/desk.md): the quote, computed by the contracts'
 * `quoteBuy` / `quoteSell` at the chain tip exactly as the desk will check it, printed before
 * anything is signed (`--quote`: only the quote), then the trade built, signed and sent.
 */
import { buyFromDesk, quoteBuy, quoteSell, sellToDesk, type Account, type CommunityMetadata, type DeskQuote, type DeskTradeIntent } from "../../../contracts/index.ts";
import type { Identity } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { ownAccount, parsePayeeTarget, payeeAccount } from "./accounts.ts";
import { amountSyntax, formatErg, parseErg, parseUnits } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import { deskOptions, oracleFor, readDesk, runDesk, type DeskState } from "./desk-state.ts";
import { percent, rateInWords, unitsPerErgInWords } from "./desk-words.ts";

/** The flags of a trade. */
const tradeOptions = { ...deskOptions, amount: { type: "string" }, pay: { type: "string" }, for: { type: "string" }, account: { type: "string" }, quote: { type: "boolean" } } as const;

/** The quote in words, before signing. */
function quoteLines(q: DeskQuote, account: Account, metadata: CommunityMetadata, state: DeskState): string[] {
  const units = unitFormat(metadata);
  const rate = q.terms.oracleNft === "" ? rateInWords(q.terms, metadata) : `${rateInWords(q.terms, metadata)}, ${unitsPerErgInWords(q.terms, q.price, metadata)} at ${q.price} nanoERG per USD`;
  const outstanding = (b: bigint) => units(b < 0n ? -b : 0n);
  return [
    q.side === "buy"
      ? `Buying ${units(q.units)} from the desk of ${metadata.name} at ${rate}: you pay ${formatErg(q.nanoErg)} (the ${percent(q.terms.buyFeeBps)} buy fee included, rounded up) and the transaction fee`
      : `Selling ${units(q.units)} to the desk of ${metadata.name} at ${rate}: you receive ${formatErg(q.nanoErg)} (less the ${percent(q.terms.sellFeeBps)} sell fee, rounded down), less the transaction fee`,
    `  account ${account.accountId}: ${units(account.balance)} -> ${units(q.accountBalanceAfter)}`,
    `  the desk: ${outstanding(state.desk.balance)} -> ${outstanding(q.deskBalanceAfter)} outstanding, reserve ${formatErg(state.desk.reserveNanoErg)} -> ${formatErg(q.reserveAfterNanoErg)}`,
  ];
}

/** A quote in JSON. */
const quoteJson = (q: DeskQuote, accountId: string) => ({
  side: q.side, accountId, units: q.units.toString(), nanoErg: q.nanoErg.toString(), price: q.price.toString(),
  accountBalanceAfter: q.accountBalanceAfter.toString(), deskBalanceAfter: q.deskBalanceAfter.toString(), reserveAfterNanoErg: q.reserveAfterNanoErg.toString(),
});

/** What is bought: units, or the most units an ERG amount buys. */
function buyAmount(values: { amount?: string; pay?: string }, decimals: number): Pick<DeskTradeIntent, "units" | "payNanoErg"> {
  if (values.amount !== undefined) return { units: parseUnits(values.amount, decimals, "--amount") };
  const payNanoErg = parseErg(values.pay!, "--pay");
  if (payNanoErg === 0n) throw new CliError("--pay must be more than 0 ERG", ExitCode.usage);
  return { payNanoErg };
}

/** `lets desk buy` and `lets desk sell`. */
async function trade(side: "buy" | "sell", args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, tradeOptions);
  const communityId = idOption("community", values.community);
  const deskId = values.desk === undefined ? undefined : idOption("desk", values.desk);
  if (side === "buy" && (values.amount === undefined) === (values.pay === undefined)) throw new CliError("give what to buy once: --amount N (units) or --pay E (ERG)", ExitCode.usage);
  if (side === "sell" && values.amount === undefined) throw new CliError("--amount is required: the units to sell", ExitCode.usage);
  if (side === "sell" && (values.pay !== undefined || values.for !== undefined)) throw new CliError(`${values.pay !== undefined ? "--pay" : "--for"} is for buying: a sale is of your own units, given with --amount`, ExitCode.usage);
  if (values.for !== undefined && values.account !== undefined) throw new CliError("--for names the account credited; --account one of yours: give one", ExitCode.usage);
  if (values.amount !== undefined) amountSyntax(values.amount, "--amount");
  if (values.quote && values.unsigned) throw new CliError("--quote signs nothing and builds nothing: leave out --unsigned", ExitCode.usage);
  const session = new Session(values);
  const target = values.for === undefined ? undefined : parsePayeeTarget(values.for, session.network);
  return runDesk(session, "required", async (key, known) => {
    const state = await readDesk(session, communityId, deskId);
    const { metadata } = state.view.community;
    known(metadata);
    session.units = unitFormat(metadata);
    const account = target === undefined ? ownAccount(state.view, key as Identity, values.account) : payeeAccount(state.view, target);
    const oracle = await oracleFor(session, state.desk, state.tipHeight);
    const intent: DeskTradeIntent = {
      desk: state.desk.box,
      account: account.box,
      ...(side === "buy" ? buyAmount(values, metadata.decimals) : { units: parseUnits(values.amount!, metadata.decimals, "--amount") }),
      ...(oracle ? { oracle } : {}),
    };
    const quote = side === "buy" ? quoteBuy(intent, state.tipHeight) : quoteSell(intent, state.tipHeight);
    const lines = quoteLines(quote, account, metadata, state);
    if (values.quote) {
      session.result(lines, { communityId, deskId: state.desk.deskId, height: state.tipHeight, quote: quoteJson(quote, account.accountId) });
      return ExitCode.ok;
    }
    for (const line of lines) session.info(line);
    const wallet = await session.lets.wallet(key);
    const build = side === "buy" ? buyFromDesk : sellToDesk;
    const { unsigned, submitted } = await session.execute(key, (height) => build(intent, { height, wallet }));
    if (!submitted) return ExitCode.ok;
    const desk = unsigned.outputs[0]!;
    const verb = side === "buy" ? `bought ${unitFormat(metadata)(quote.units)} for ${formatErg(quote.nanoErg)}` : `sold ${unitFormat(metadata)(quote.units)} for ${formatErg(quote.nanoErg)}`;
    session.result([`${verb}: account ${account.accountId} now holds ${unitFormat(metadata)(quote.accountBalanceAfter)}`, sentLine(submitted.id)], {
      txId: submitted.id, communityId, deskId: state.desk.deskId, reserveNanoErg: desk.value.toString(), ...quoteJson(quote, account.accountId),
    });
    return ExitCode.ok;
  });
}

/** `lets desk buy` */
export const buy = (args: readonly string[]): Promise<number> => trade("buy", args);

/** `lets desk sell` */
export const sell = (args: readonly string[]): Promise<number> => trade("sell", args);
