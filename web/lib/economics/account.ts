/**
 * An economics account's figures at a height, for its page (docs/economics.md): the earned credit
 * limit and how it was reached (base + turnover share + steps, capped), the charges it holds for
 * the community and the demurrage due now, the allowance left and the newcomer window. Computed
 * with the contracts' own formulas from the account's live box, so the page says what the
 * contracts would check.
 */
import type { Account } from "$contracts/account/account.ts";
import { demurrageDue, earnedCreditLimit, inNewcomerWindow } from "$contracts/economics.ts";
import { explainEarnedLimit, type LimitExplanation, type Units } from "./words.ts";

/** What the account page shows of an economics account. */
export interface AccountEconomics {
  /** The height the figures are for (the node's tip). */
  height: bigint;
  earned: LimitExplanation;
  /** balance + the earned limit: what the member may still pay (before any fee). */
  creditLeft: bigint;
  /** Usage fees and demurrage charged and not yet swept into the community balance. */
  accrued: bigint;
  /** Demurrage owed for the blocks since the account was last charged, taken at its next use. */
  demurrageDue: bigint;
  /** Everything the account has received, which the turnover share counts. */
  received: bigint;
  allowanceLeft: bigint;
  /** The last height at which the allowance may be spent, and whether that is still to come. */
  newcomer: { until: bigint; open: boolean; blocksLeft: bigint };
}

/** The figures of `account` at `height`, or undefined for an account of a plain community. */
export function accountEconomics(account: Account, height: bigint, units: Units): AccountEconomics | undefined {
  const levers = account.terms.economics;
  const economy = account.economy;
  if (!levers || !economy) return undefined;
  const terms = { ...levers, creditLimit: account.terms.creditLimit, joinedHeight: account.terms.joinedHeight };
  const limit = earnedCreditLimit(terms, economy.received, height);
  const to = height > economy.chargedHeight ? height : economy.chargedHeight;
  const until = account.terms.joinedHeight + levers.newcomerBlocks;
  const open = inNewcomerWindow(terms, height);
  return {
    height,
    earned: explainEarnedLimit(limit, levers, economy.received, units),
    creditLeft: account.balance + limit.limit,
    accrued: economy.accrued,
    demurrageDue: demurrageDue(levers, account.balance, economy.carry, economy.chargedHeight, to).due,
    received: economy.received,
    allowanceLeft: economy.allowance,
    newcomer: { until, open, blocksLeft: open ? until - height : 0n },
  };
}
