/**
 * Economics accounts (docs/economics.md): the levers an account fixed at join and its R9 state
 * (accrued charges, demurrage clock, turnover received, unused allowance, carried remainder), as a
 * box states them; and for an account now, what that means at the latest indexed height: the
 * demurrage due and the earned credit limit with its parts (`earnedCreditLimit`,
 * `demurrageDue` of contracts/economics.ts, the contracts' own formulas).
 */
import { sql, type RawBuilder } from "kysely";
import { ACCOUNT_ECONOMICS_FIELDS, demurrageDue, earnedCreditLimit, type AccountEconomicsTerms } from "../../../contracts/economics.ts";
import type { Db } from "./common.ts";
import { columnOf, fieldsJson, fieldsView } from "./economics.ts";

/** The levers an economics account fixed at join, each a `Long` as decimal text. */
export type AccountLeversView = Record<keyof AccountEconomicsTerms, string>;

/** An economics account box's levers and R9. */
export interface AccountBoxEconomicsView {
  terms: AccountLeversView;
  /** Usage fees and demurrage charged and not yet swept. */
  accrued: string;
  /** Demurrage is charged up to this height. */
  chargedHeight: number;
  /** Everything the account has received (the earned limit's turnover). */
  received: string;
  /** Newcomer allowance not yet spent. */
  allowance: string;
  /** The part of a unit of demurrage owed, in units of 1 / (1,000,000 × demurragePeriod). */
  carry: string;
}

const STATE = ["accrued", "chargedHeight", "received", "allowance", "carry"] as const;
const ALL = [...ACCOUNT_ECONOMICS_FIELDS, ...STATE];

/** An account box's (aliased `alias`) economics columns as one text value: read back by `boxEconomicsView`. */
export const boxEconomicsJson = (alias: string): RawBuilder<string | null> => fieldsJson(alias, ALL);

/** The economics of a `boxEconomicsJson` value, or null for a plain account box. */
export function boxEconomicsView(json: string | null): AccountBoxEconomicsView | null {
  const v = fieldsView(ALL, json);
  if (!v) return null;
  const terms = Object.fromEntries(ACCOUNT_ECONOMICS_FIELDS.map((f) => [f, v[f]])) as AccountLeversView;
  return { terms, accrued: v.accrued, chargedHeight: Number(v.chargedHeight), received: v.received, allowance: v.allowance, carry: v.carry };
}

/** The earned credit limit at `height` and how it is made (`earnedCreditLimit`). */
export interface CreditLimitView {
  height: number;
  limit: string;
  base: string;
  /** floor(received × turnoverPpm / 1,000,000). */
  fromTurnover: string;
  /** stepUnits × steps. */
  fromSteps: string;
  /** floor((height - joinedHeight) / stepBlocks). */
  steps: string;
  /** Whether maxCreditLimit cut the sum. */
  capped: boolean;
  max: string;
}

/** An economics account now: its levers and R9, what it is worth in the books, and at the latest indexed height what it owes and may spend. */
export interface AccountEconomicsView extends AccountBoxEconomicsView {
  /** balance + accrued + allowance. Closed: what the community balance took over at the exit. */
  worth: string;
  /** Demurrage due at `creditLimit.height` if the account were touched then; null once closed. */
  demurrageDue: string | null;
  /** The last height at which the allowance may be spent (joinedHeight + newcomerBlocks). */
  newcomerUntilHeight: number;
  /** The earned credit limit at the latest indexed height; null once closed. */
  creditLimit: CreditLimitView | null;
}

/** What an account's economics are for its view, before the height is applied. */
export interface AccountEconomicsInput {
  accountId: string;
  open: boolean;
  boxId: string | null;
  balance: string;
  creditLimit: string;
  joinedHeight: number;
}

/**
 * The economics of `accounts` at height `tip`, by accountId (plain accounts left out). An open
 * account is its live box; a closed one its boxes' levers, the highest `received` and
 * `chargedHeight` they recorded (both only grow), and what its exit handed the community
 * (`economics_events`: the accrued charges collected, the allowance returned).
 */
export async function accountsEconomics(db: Db, accounts: readonly AccountEconomicsInput[], tip: number): Promise<Map<string, AccountEconomicsView>> {
  const out = new Map<string, AccountEconomicsView>();
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const open = accounts.filter((a) => a.open && a.boxId !== null).map((a) => a.boxId!);
  const closed = accounts.filter((a) => !a.open).map((a) => a.accountId);
  const boxes = open.length === 0 ? [] : await db.selectFrom("account_boxes as a").where(sql<boolean>`a.box_id = any(${open}::text[])`)
    .select(["a.account_id", boxEconomicsJson("a").as("economics")]).execute();
  for (const row of boxes) {
    const e = boxEconomicsView(row.economics);
    if (e) out.set(row.account_id, nowView(e, byId.get(row.account_id)!, tip));
  }
  if (closed.length === 0) return out;
  const { rows } = await sql<{ account_id: string; economics: string; collected: string | null; returned: string | null }>`
    select a.account_id, json_build_array(${sql.join(ACCOUNT_ECONOMICS_FIELDS.map((f) => sql`min(${sql.ref(`a.${columnOf(f)}`)})::text`))},
        '0', max(a.charged_height)::text, max(a.received)::text, '0', '0')::text as economics,
      (select x.collected::text from economics_events x where x.account_id = a.account_id and x.kind = 'exit' limit 1) as collected,
      (select x.allowance_returned::text from economics_events x where x.account_id = a.account_id and x.kind = 'exit' limit 1) as returned
    from account_boxes a where a.account_id = any(${closed}::text[]) and a.accrued is not null group by a.account_id`.execute(db);
  for (const row of rows) {
    const e = boxEconomicsView(row.economics)!;
    const atExit = { ...e, accrued: row.collected ?? "0", allowance: row.returned ?? "0" };
    out.set(row.account_id, { ...nowView(atExit, byId.get(row.account_id)!, tip), demurrageDue: null, creditLimit: null });
  }
  return out;
}

/** `e` at height `tip`: worth, demurrage due and the earned limit. */
function nowView(e: AccountBoxEconomicsView, account: AccountEconomicsInput, tip: number): AccountEconomicsView {
  const terms = Object.fromEntries(ACCOUNT_ECONOMICS_FIELDS.map((f) => [f, BigInt(e.terms[f])])) as AccountEconomicsTerms;
  const balance = BigInt(account.balance);
  const at = BigInt(Math.max(tip, e.chargedHeight));
  const due = demurrageDue(terms, balance, BigInt(e.carry), BigInt(e.chargedHeight), at).due;
  const joinedHeight = BigInt(account.joinedHeight);
  const limit = earnedCreditLimit({ ...terms, creditLimit: BigInt(account.creditLimit), joinedHeight }, BigInt(e.received), BigInt(tip));
  return {
    ...e,
    worth: (balance + BigInt(e.accrued) + BigInt(e.allowance)).toString(),
    demurrageDue: due.toString(),
    newcomerUntilHeight: Number(joinedHeight + terms.newcomerBlocks),
    creditLimit: {
      height: tip, limit: limit.limit.toString(), base: limit.base.toString(), fromTurnover: limit.fromTurnover.toString(),
      fromSteps: limit.fromSteps.toString(), steps: limit.steps.toString(), capped: limit.capped, max: limit.max.toString(),
    },
  };
}
