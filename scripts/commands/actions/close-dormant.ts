/**
 * `lets close-dormant`: close accounts whose boxes nobody spent for the dormancy window, before
 * storage rent could reach them. Anyone may; balances move to the community balance, a debtor's
 * collateral to the treasury, the rest of the ERG back to each owner.
 */
import { dormantBlocker, dormantFrom, rentFrom, type Account } from "../../../contracts/index.ts";
import type { Command } from "../command.ts";
import { runClose } from "./closing.ts";
import { commonUsage } from "./options.ts";

/** Why `--all` found nothing to close: names the next account to become dormant. */
function noneNow(accounts: readonly Account[], height: number): string {
  const next = accounts.map((a) => dormantFrom(a.creationHeight)).sort((a, b) => a - b)[0];
  const when = next === undefined ? "the community has no open account" : `the next one is dormant from height ${next}`;
  return `no account is dormant at height ${height}: ${when}`;
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
  run: (args) =>
    runClose(args, {
      refusal: (account, height) =>
        dormantBlocker(account, height) === undefined
          ? undefined
          : `account ${account.accountId} is not dormant: its box was last spent at height ${account.creationHeight}; it can be closed from height ${dormantFrom(account.creationHeight)} (the chain is at ${height}), and storage rent could reach it from ${rentFrom(account.creationHeight)}`,
      noneNow,
      plan: (session, communityId, caller, accounts) => session.lets.planCloseDormant(communityId, caller, accounts),
      closedLine: (a, units, owner) => `closed dormant account ${a.accountId} of ${owner} at balance ${units(a.balance)}`,
    }),
};
