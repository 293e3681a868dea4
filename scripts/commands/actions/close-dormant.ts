/**
 * `lets close-dormant`: close accounts whose boxes nobody spent for the dormancy window, before
 * storage rent could reach them. Anyone may; balances move to the community balance, a debtor's
 * collateral to the treasury, the rest of the ERG back to each owner.
 */
import { dormantBlocker, dormantFrom, forfeitNanoErg, payoutNanoErg, rentFrom, type Account } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { accountById } from "./accounts.ts";
import { formatErg } from "./amounts.ts";
import { ownerAddress, unitFormat } from "./describe.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** Every account dormant at `height`; none is a refusal that names the next one due. */
function dormantNow(accounts: readonly Account[], height: number): Account[] {
  const dormant = accounts.filter((a) => dormantBlocker(a, height) === undefined);
  if (dormant.length > 0) return dormant;
  const next = accounts.map((a) => dormantFrom(a.creationHeight)).sort((a, b) => a - b)[0];
  const when = next === undefined ? "the community has no open account" : `the next one is dormant from height ${next}`;
  throw new CliError(`no account is dormant at height ${height}: ${when}`, ExitCode.failure);
}

/** `lets close-dormant` */
export const closeDormantCommand: Command = {
  summary: "close dormant accounts (untouched for about three years), before storage rent; anyone may",
  usage: `lets close-dormant --community ID (--account ID ... | --all) [key] [options]

  --community ID          the community (its token id)
  --account ID            an account to close; repeatable
  --all                   close every account that is dormant now
${commonUsage}

  An account is dormant when nobody spent its box (no payment by it or to it) for 788,400
  blocks, about three years; storage rent could take it apart a year later. Closing it frees the
  seat and moves its balance to the community balance (a debt becomes the community's, savings
  return to it); a debtor's collateral goes to the treasury and the rest of the ERG to the owner,
  less 0.001 ERG that pays your fee. Exit codes: 0 sent, 1 nothing dormant yet (or failed), 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { community: { type: "string" }, account: { type: "string", multiple: true }, all: { type: "boolean" } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountIds = (values.account ?? []).map((id) => idOption("account", id));
    if ((accountIds.length > 0) === (values.all ?? false)) throw new CliError("name the accounts to close with --account ID, or pass --all", ExitCode.usage);
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      const units = (session.units = unitFormat(view.community.metadata));
      const height = await session.lets.node.height();
      const closing = values.all ? dormantNow(view.accounts, height) : accountIds.map((id) => accountById(view, id));
      for (const account of closing) {
        if (dormantBlocker(account, height)) {
          const from = dormantFrom(account.creationHeight);
          throw new CliError(
            `account ${account.accountId} is not dormant: its box was last spent at height ${account.creationHeight}; it can be closed from height ${from} (the chain is at ${height}), and storage rent could reach it from ${rentFrom(account.creationHeight)}`,
            ExitCode.failure,
          );
        }
      }
      const { submitted } = await session.execute(key, await session.lets.planCloseDormant(communityId, key, closing));
      if (!submitted) return ExitCode.ok;
      const written = closing.reduce((sum, a) => sum + a.balance, 0n);
      session.result(
        [
          ...closing.map((a) => `closed dormant account ${a.accountId} of ${ownerAddress(a.owner, session.network)} at balance ${units(a.balance)}; ${formatErg(payoutNanoErg(a))} back to its owner`),
          `${units(written)} moves to the community balance; ${formatErg(closing.reduce((s, a) => s + forfeitNanoErg(a), 0n))} of collateral to the treasury`,
          sentLine(submitted.id),
        ],
        {
          txId: submitted.id,
          communityId,
          closed: closing.map((a) => ({
            accountId: a.accountId,
            balance: a.balance.toString(),
            forfeitedNanoErg: forfeitNanoErg(a).toString(),
            returnedNanoErg: payoutNanoErg(a).toString(),
          })),
          communityBalance: (view.community.communityBalance + written).toString(),
        },
      );
      return ExitCode.ok;
    });
  },
};
