/**
 * The economics parts of `lets show --json` read from the node, in the indexer API's shapes
 * (docs/indexer-api.md): a policy's levers, and an open economics account's levers, R9 state and,
 * at the node's height, demurrage due and earned credit limit, computed by the contracts' formulas.
 */
import { ACCOUNT_ECONOMICS_FIELDS, ECONOMICS_FIELDS, demurrageDue, earnedCreditLimit, worth, type Account, type Economics } from "../../../contracts/index.ts";
import type { AccountEconomicsJson, Amount, LeversJson } from "../../../indexer/api/types.ts";

const text = (units: bigint): Amount => `${units}`;

/** A community's levers as the API writes them, or null for a plain community. */
export const leversJson = (e: Economics | undefined): LeversJson | null =>
  e ? (Object.fromEntries(ECONOMICS_FIELDS.map((f) => [f, text(e[f])])) as LeversJson) : null;

/** The levers from the API's strings. */
export const leversFromJson = (e: LeversJson | null | undefined): Economics | undefined =>
  e ? (Object.fromEntries(ECONOMICS_FIELDS.map((f) => [f, BigInt(e[f])])) as unknown as Economics) : undefined;

/** An open economics account at `height` as the API describes it, or null for a plain account. */
export function accountEconomicsJson(account: Account, height: bigint): AccountEconomicsJson | null {
  const levers = account.terms.economics;
  const economy = account.economy;
  if (!levers || !economy) return null;
  const joinedHeight = account.terms.joinedHeight;
  const limit = earnedCreditLimit({ ...levers, creditLimit: account.terms.creditLimit, joinedHeight }, economy.received, height);
  const to = height > economy.chargedHeight ? height : economy.chargedHeight;
  return {
    terms: Object.fromEntries(ACCOUNT_ECONOMICS_FIELDS.map((f) => [f, text(levers[f])])) as AccountEconomicsJson["terms"],
    accrued: text(economy.accrued),
    chargedHeight: Number(economy.chargedHeight),
    received: text(economy.received),
    allowance: text(economy.allowance),
    carry: text(economy.carry),
    worth: text(worth(account.balance, economy)),
    demurrageDue: text(demurrageDue(levers, account.balance, economy.carry, economy.chargedHeight, to).due),
    newcomerUntilHeight: Number(joinedHeight + levers.newcomerBlocks),
    creditLimit: {
      height: Number(height),
      limit: text(limit.limit),
      base: text(limit.base),
      fromTurnover: text(limit.fromTurnover),
      fromSteps: text(limit.fromSteps),
      steps: text(limit.steps),
      capped: limit.capped,
      max: text(limit.max),
    },
  };
}
