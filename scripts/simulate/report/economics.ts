/**
 * The economics part of `summary.json` (docs/simulate.md, "Economics"): what the levers charged
 * and moved over the run, and the books at the end with the invariant
 * `sum(balances) + sum(accrued) + sum(unused allowances) + communityBalance = 0`.
 */
import type { SimEvent } from "../events.ts";
import type { Ledger } from "../ledger.ts";
import { economicsJson } from "../scenario-economics.ts";
import type { Scenario } from "../scenario.ts";

const text = (value: bigint) => value.toString();
const sum = (values: Iterable<bigint>) => [...values].reduce((s, v) => s + v, 0n);

/** The books of an economics community at the end: each part and their sum (0). */
export function books(ledger: Ledger) {
  const open = [...ledger.accounts.values()].filter((a) => a.status === "open");
  const balances = sum(open.map((a) => a.balance));
  const accrued = sum(open.map((a) => a.econ?.economy.accrued ?? 0n));
  const allowances = sum(open.map((a) => a.econ?.economy.allowance ?? 0n));
  const total = balances + accrued + allowances + ledger.communityBalance;
  return { balancesUnits: text(balances), accruedUnits: text(accrued), allowancesUnits: text(allowances), communityBalance: text(ledger.communityBalance), sum: text(total), ok: total === 0n };
}

/** What the levers did over the run; null for a plain community. */
export function economicsSummary(scenario: Scenario, events: readonly SimEvent[], ledger: Ledger) {
  const levers = scenario.policy.economics;
  if (!levers) return null;
  const accepted = events.filter((e) => e.status === "accepted");
  const charged = (pick: (e: SimEvent) => bigint) => text(sum(accepted.map(pick)));
  const sweeps = accepted.filter((e) => e.kind === "sweep");
  const closed = [...ledger.accounts.values()].filter((a) => a.status !== "open");
  return {
    levers: economicsJson(levers),
    /** Usage fees paid by payers. */
    feesUnits: charged((e) => e.charges?.fee ?? 0n),
    /** Demurrage charged (payments both sides, sweeps, top-ups). */
    demurrageUnits: charged((e) => (e.charges ? e.charges.demurrage + e.charges.payeeDemurrage : 0n)),
    /** Charges moved into the community balance by sweeps. */
    sweptUnits: charged((e) => (e.kind === "sweep" ? e.amountUnits! : 0n)),
    sweeps: { transactions: new Set(sweeps.map((e) => e.txId)).size, accounts: sweeps.length },
    allowance: {
      issuedUnits: charged((e) => (e.kind === "join" ? (e.amountUnits ?? 0n) : 0n)),
      usedUnits: charged((e) => e.charges?.allowanceUsed ?? 0n),
      /** Unused allowance returned to the community balance when its account closed. */
      returnedUnits: text(sum(closed.map((a) => a.econ?.economy.allowance ?? 0n))),
    },
    /** Accrued charges returned with closed accounts (never swept). */
    accruedReturnedUnits: text(sum(closed.map((a) => a.econ?.economy.accrued ?? 0n))),
    books: books(ledger),
  };
}
