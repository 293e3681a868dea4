/**
 * Pure: what a transaction charged each economics account, and what moved between the account and
 * its community (docs/economics.md), derived from the account's boxes before and after (R5, R9)
 * exactly as the contracts check them (contracts/account/account.es, community.es):
 * - a payment or top-up: `moved` = worth after - worth before; a payer (moved < 0) paid the usage
 *   fee on what it sent, `usageFee(-moved)`; whatever else `accrued` gained is demurrage; the
 *   allowance that fell was spent on the purchase;
 * - a sweep: the balance fell by the demurrage charged, and the community took accrued + that;
 * - a join issued the allowance its account starts with; an exit returned the unused allowance and
 *   collected the accrued charges (the community took the account's whole worth).
 */
import { usageFee, worth } from "../../contracts/economics.ts";
import type { AccountRecord, EconomicsEvent, EconomicsEventKind, EventSite, LetsEvent } from "./lets-events.ts";

/** What one payment or top-up did to an economics account. */
export interface AccountCharge {
  /** Units sent (negative) or received: the change of the account's worth. */
  moved: bigint;
  fee: bigint;
  demurrage: bigint;
  allowanceUsed: bigint;
}

/** The charges of an economics account spent as `before` and remade as `after` without its community box; undefined for a plain account. */
export function accountCharge(before: AccountRecord, after: AccountRecord): AccountCharge | undefined {
  const terms = before.terms.economics;
  const was = before.economy;
  const now = after.economy;
  if (!terms || !was || !now) return undefined;
  const moved = worth(after.balance, now) - worth(before.balance, was);
  const fee = usageFee(terms, -moved);
  return { moved, fee, demurrage: now.accrued - was.accrued - fee, allowanceUsed: was.allowance - now.allowance };
}

type Amounts = Omit<EconomicsEvent, "site" | "kind" | "communityId" | "accountId">;
const NONE: Amounts = { fee: 0n, demurrage: 0n, allowanceUsed: 0n, allowanceIssued: 0n, allowanceReturned: 0n, collected: 0n };

/**
 * The economics events of a transaction at `site`: its community events (`events`: joins, exits,
 * sweeps), the accounts it spent (`accountsIn`) and remade (`accountsOut`), and `paying`, those
 * of `accountsIn` spent without their community box (payments and top-ups). Plain accounts have none.
 */
export function economicsEvents(
  site: EventSite,
  events: readonly LetsEvent[],
  accountsIn: readonly AccountRecord[],
  accountsOut: readonly AccountRecord[],
  paying: readonly AccountRecord[],
): EconomicsEvent[] {
  const out: EconomicsEvent[] = [];
  const add = (kind: EconomicsEventKind, account: AccountRecord, amounts: Partial<Amounts>) =>
    out.push({ site, kind, communityId: account.communityId, accountId: account.accountId, ...NONE, ...amounts });
  const spent = (accountId: string) => accountsIn.find((a) => a.accountId === accountId);
  for (const e of events) {
    if (e.kind === "join" && e.account.economy) add("join", e.account, { allowanceIssued: e.account.economy.allowance });
    if (e.kind === "leave" || e.kind === "default" || e.kind === "close") {
      const account = spent(e.accountId);
      if (account?.economy) add("exit", account, { allowanceReturned: account.economy.allowance, collected: account.economy.accrued });
    }
    if (e.kind === "sweep") {
      for (const after of e.accounts) {
        const before = spent(after.accountId);
        if (!before?.economy) continue;
        const demurrage = before.balance - after.balance;
        add("sweep", before, { demurrage, collected: before.economy.accrued + demurrage });
      }
    }
  }
  for (const before of paying) {
    const after = accountsOut.find((a) => a.accountId === before.accountId && a.communityId === before.communityId);
    const charge = after && accountCharge(before, after);
    if (!charge || (charge.moved === 0n && charge.demurrage === 0n)) continue;
    add(charge.moved === 0n ? "charge" : "payment", before, { fee: charge.fee, demurrage: charge.demurrage, allowanceUsed: charge.allowanceUsed });
  }
  return out;
}
