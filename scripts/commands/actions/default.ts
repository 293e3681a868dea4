/**
 * `lets default`: close accounts that stayed below 0 without paying for the community's
 * inactivity window. Anyone may; the debt becomes the community's, the collateral the treasury's,
 * the rest of each account's ERG its owner's.
 */
import { defaultBlocker, type Account } from "../../../contracts/index.ts";
import type { Command } from "../command.ts";
import { runClose } from "./closing.ts";
import { commonUsage } from "./options.ts";

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
  run: (args) =>
    runClose(args, {
      refusal: (account, height) => {
        const blocker = defaultBlocker(account, height);
        return blocker ? notYet(account, height, blocker) : undefined;
      },
      noneNow,
      plan: (session, communityId, caller, accounts) => session.lets.planCloseDefaulted(communityId, caller, accounts),
      closedLine: (a, units, owner) => `closed account ${a.accountId} of ${owner} with debt ${units(-a.balance)}`,
    }),
};

/** Why `--all` found nothing to close: names the next account due. */
function noneNow(accounts: readonly Account[], height: number): string {
  const waiting = accounts
    .filter((a) => a.balance < 0n && a.terms.inactivityBlocks > 0n)
    .map((a) => a.lastActiveHeight + a.terms.inactivityBlocks)
    .sort((a, b) => (a < b ? -1 : 1));
  const next = waiting.length === 0 ? "no account is in debt with a default path" : `the next one can be closed from height ${waiting[0]}`;
  return `no account can be closed as defaulted at height ${height}: ${next}`;
}
