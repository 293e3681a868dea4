/**
 * What economics transactions charged, per payment leg and per transaction (`economics_events`,
 * docs/economics.md). A leg's payer charges (its usage fee, demurrage and allowance spent, for the
 * whole payment) are on the payer's first leg of the transaction and 0 on its others, so sums over
 * legs are exact; the payee's own charges (demurrage; a fee and allowance only for a co-payer, a
 * payee whose worth fell) are on its leg.
 */
import { sql } from "kysely";
import type { Db } from "./common.ts";

/** The charges of one payment leg of an economics community. */
export interface LegEconomicsView {
  payerFee: string;
  payerDemurrage: string;
  payerAllowanceUsed: string;
  payeeFee: string;
  payeeDemurrage: string;
  payeeAllowanceUsed: string;
}

/** A payment leg as `legsEconomics` reads it. */
export interface LegKey {
  txId: string;
  leg: number;
  payer: string;
  payee: string;
}

interface ChargeRow {
  tx_id: string;
  account_id: string;
  fee: string;
  demurrage: string;
  allowance_used: string;
}

/** The charges of each of `legs` by `${txId} ${leg}`; legs of plain communities are left out. */
export async function legsEconomics(db: Db, legs: readonly LegKey[]): Promise<Map<string, LegEconomicsView>> {
  const out = new Map<string, LegEconomicsView>();
  const txIds = [...new Set(legs.map((l) => l.txId))];
  if (txIds.length === 0) return out;
  const { rows } = await sql<ChargeRow>`
    select tx_id, account_id, fee::text as fee, demurrage::text as demurrage, allowance_used::text as allowance_used
    from economics_events where tx_id = any(${txIds}::text[]) and kind = 'payment'`.execute(db);
  if (rows.length === 0) return out;
  const charges = new Map(rows.map((r) => [`${r.tx_id} ${r.account_id}`, r]));
  const paid = [...new Set(rows.map((r) => r.tx_id))];
  // The payer's first leg, whether or not this page holds it.
  const { rows: firsts } = await sql<{ tx_id: string; payer: string; leg: number }>`
    select tx_id, payer, min(leg)::int as leg from payments where tx_id = any(${paid}::text[]) group by tx_id, payer`.execute(db);
  const firstLeg = new Map(firsts.map((f) => [`${f.tx_id} ${f.payer}`, Number(f.leg)]));
  const of = (txId: string, accountId: string) => charges.get(`${txId} ${accountId}`);
  for (const l of legs) {
    const payee = of(l.txId, l.payee);
    const payer = firstLeg.get(`${l.txId} ${l.payer}`) === l.leg ? of(l.txId, l.payer) : undefined;
    if (!payee && !of(l.txId, l.payer)) continue;
    out.set(`${l.txId} ${l.leg}`, {
      payerFee: payer?.fee ?? "0", payerDemurrage: payer?.demurrage ?? "0", payerAllowanceUsed: payer?.allowance_used ?? "0",
      payeeFee: payee?.fee ?? "0", payeeDemurrage: payee?.demurrage ?? "0", payeeAllowanceUsed: payee?.allowance_used ?? "0",
    });
  }
  return out;
}

/** One economics event of a transaction. */
export interface TxEconomicsView {
  accountId: string;
  communityId: string;
  kind: string;
  fee: string;
  demurrage: string;
  allowanceUsed: string;
  allowanceIssued: string;
  allowanceReturned: string;
  collected: string;
}

/** The economics events of `txId`, by account (its primary key). */
export async function txEconomics(db: Db, txId: string): Promise<TxEconomicsView[]> {
  const { rows } = await sql<{
    account_id: string; community_id: string; kind: string; fee: string; demurrage: string; allowance_used: string; allowance_issued: string;
    allowance_returned: string; collected: string;
  }>`select account_id, community_id, kind, fee::text as fee, demurrage::text as demurrage, allowance_used::text as allowance_used,
      allowance_issued::text as allowance_issued, allowance_returned::text as allowance_returned, collected::text as collected
    from economics_events where tx_id = ${txId} order by account_id`.execute(db);
  return rows.map((r) => ({
    accountId: r.account_id, communityId: r.community_id, kind: r.kind, fee: r.fee, demurrage: r.demurrage, allowanceUsed: r.allowance_used,
    allowanceIssued: r.allowance_issued, allowanceReturned: r.allowance_returned, collected: r.collected,
  }));
}
