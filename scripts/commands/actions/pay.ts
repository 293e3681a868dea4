/** `lets pay`: pay one or more members of a community; only the payer signs. */
import { creditLeft, type Account } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { ownAccount, parsePayeeTarget, payeeAccount } from "./accounts.ts";
import { amountSyntax, parseUnits } from "./amounts.ts";
import { ownerAddressOrHex, unitFormat } from "./describe.ts";
import { paymentNotes, quoted } from "./notes.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { outcomeOf, sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import { crossPayCommand, type PayeeRequest } from "./cross-pay.ts";

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
${commonUsage}

  The payment is checked before signing: your credit limit and each payee's positive cap.
  The fee comes from your account's ERG (its fee reserve), else from your wallet.
  Exit codes: 0 sent, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, {
      community: { type: "string" },
      to: { type: "string", multiple: true },
      amount: { type: "string", multiple: true },
      account: { type: "string" },
      memo: { type: "string" },
      request: { type: "string" },
      "to-community": { type: "string" },
    });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const toCommunityId = values["to-community"] === undefined ? undefined : idOption("to-community", values["to-community"]);
    const payerAccountId = values.account === undefined ? undefined : idOption("account", values.account);
    const requests = pairPayees(values.to ?? [], values.amount ?? [], session.network);
    const notes = paymentNotes(values.memo, values.request);
    if (toCommunityId !== undefined && toCommunityId !== communityId) {
      return crossPayCommand(session, { communityId, toCommunityId, payerAccountId, requests, notes });
    }
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      const { metadata } = view.community;
      const units = (session.units = unitFormat(metadata));
      const payer = ownAccount(view, key, payerAccountId);
      const payees = requests.map((r) => ({ account: payeeAccount(view, r.target), amountUnits: parseUnits(r.amount, metadata.decimals, "--amount", { unit: metadata.symbol }) }));
      const total = payees.reduce((sum, p) => sum + p.amountUnits, 0n);
      const { submitted } = await session.execute(key, await session.lets.planPay(key, payer, payees, notes));
      if (!submitted) return ExitCode.ok;
      const { txId, accounts } = outcomeOf(submitted);
      const after = (account: Account): Account => accounts.get(account.accountId) ?? account;
      const payerAfter = after(payer);
      session.result(
        [
          ...payees.map((p, i) => `paid ${units(p.amountUnits)} to ${requests[i]!.to}`),
          ...(notes.memo !== undefined ? [`memo: ${quoted(notes.memo)}`] : []),
          ...(notes.requestId !== undefined ? [`paying request ${notes.requestId}`] : []),
          sentLine(txId),
          `your balance: ${units(payerAfter.balance)} (credit left ${units(creditLeft(payerAfter))})`,
          ...payees.map((p) => `  ${ownerAddressOrHex(p.account.owner, session.network)}: ${units(after(p.account).balance)}`),
        ],
        {
          txId,
          communityId,
          total: total.toString(),
          ...notes,
          payer: { accountId: payer.accountId, balance: payerAfter.balance.toString(), creditLeft: creditLeft(payerAfter).toString() },
          payees: payees.map((p) => ({
            accountId: p.account.accountId,
            address: ownerAddressOrHex(p.account.owner, session.network),
            amount: p.amountUnits.toString(),
            balance: after(p.account).balance.toString(),
          })),
        },
      );
      return ExitCode.ok;
    });
  },
};
