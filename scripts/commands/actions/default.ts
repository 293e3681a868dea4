/**
 * `lets default`: close accounts that stayed below 0 without paying for the community's
 * inactivity window. Anyone may; the debt becomes the community's, the collateral the treasury's,
 * the rest of each account's ERG its owner's.
 */
import { defaultBlocker, forfeitNanoErg, payoutNanoErg, type Account } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { accountById } from "./accounts.ts";
import { formatErg } from "./amounts.ts";
import { ownerAddress, unitFormat } from "./describe.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** Why an account cannot be closed at `height`, in words, with when it can be. */
function notYet(account: Account, height: number, blocker: string): string {
  const due = account.lastActiveHeight + account.terms.inactivityBlocks;
  if (account.balance < 0n && account.terms.inactivityBlocks > 0n) {
    const wait = due - BigInt(height) - 1n;
    return `account ${account.accountId} cannot be closed yet: it was last active at height ${account.lastActiveHeight}; it can be closed from height ${due} (the chain is at ${height}: ${wait} more block${wait === 1n ? "" : "s"})`;
  }
  return `account ${account.accountId} cannot be closed as defaulted: ${blocker}`;
}

/** `lets default` */
export const defaultCommand: Command = {
  summary: "close defaulted accounts (in debt and inactive too long); anyone may",
  usage: `lets default --community ID (--account ID ... | --all) [key] [options]

  --community ID          the community (its token id)
  --account ID            an account to close; repeatable
  --all                   close every account that can be closed now
${commonUsage}

  An account can be closed when its balance is below 0 and it has been inactive for the
  community's inactivity window (its owner paid nobody and nobody paid it). Its debt moves to the
  community balance and its collateral to the treasury; the rest of its ERG goes back to its owner,
  less 0.001 ERG that pays your fee. The command says when an account will become closable.
  Exit codes: 0 sent, 1 nothing closable yet (or failed), 2 bad usage.`,
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
      const closing = values.all ? closableNow(view.accounts, height) : accountIds.map((id) => accountById(view, id));
      for (const account of closing) {
        const blocker = defaultBlocker(account, height);
        if (blocker) throw new CliError(notYet(account, height, blocker), ExitCode.failure);
      }
      const { submitted } = await session.execute(key, await session.lets.planCloseDefaulted(communityId, key, closing));
      if (!submitted) return ExitCode.ok;
      const debt = closing.reduce((sum, a) => sum - a.balance, 0n);
      const forfeited = closing.reduce((sum, a) => sum + forfeitNanoErg(a), 0n);
      session.result(
        [
          ...closing.map((a) => `closed account ${a.accountId} of ${ownerAddress(a.owner, session.network)} with debt ${units(-a.balance)}; ${formatErg(payoutNanoErg(a))} back to its owner`),
          `${units(debt)} of debt moves to the community balance; ${formatErg(forfeited)} of collateral to the treasury`,
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
          communityBalance: (view.community.communityBalance - debt).toString(),
        },
      );
      return ExitCode.ok;
    });
  },
};

/** Every account closable at `height`; none is a refusal that names the next one due. */
function closableNow(accounts: readonly Account[], height: number): Account[] {
  const closable = accounts.filter((a) => defaultBlocker(a, height) === undefined);
  if (closable.length > 0) return closable;
  const waiting = accounts
    .filter((a) => a.balance < 0n && a.terms.inactivityBlocks > 0n)
    .map((a) => a.lastActiveHeight + a.terms.inactivityBlocks)
    .sort((a, b) => (a < b ? -1 : 1));
  const next = waiting.length === 0 ? "no account is in debt with a default path" : `the next one can be closed from height ${waiting[0]}`;
  throw new CliError(`no account can be closed as defaulted at height ${height}: ${next}`, ExitCode.failure);
}
