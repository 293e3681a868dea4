/**
 * The mempool view of one account: what the node's unconfirmed LETS transactions would change,
 * in the order the node would apply them (`pending_changes`, rewritten by every mempool pass).
 */
import { asText, type Db } from "./common.ts";

/** One unconfirmed transaction's change to an account. */
export interface PendingChangeView {
  txId: string;
  /** What the transaction is: payment, join, leave, default. */
  kind: string;
  /** How the account's balance would change (negative for what it pays). */
  balanceChange: string;
  /** The unconfirmed account box the transaction leaves; null when it closes the account. */
  boxId: string | null;
}

/** The pending changes of `accountId`, first to last. */
export async function pendingChanges(db: Db, accountId: string): Promise<PendingChangeView[]> {
  const rows = await db
    .selectFrom("pending_changes")
    .select(["tx_id", "kind", asText("balance_delta").as("balance_change"), "new_box_id"])
    .where("account_id", "=", accountId)
    .orderBy("position")
    .orderBy("tx_id")
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({ txId: r.tx_id, kind: r.kind, balanceChange: r.balance_change, boxId: r.new_box_id }));
}

/** The balance once every pending change is confirmed. */
export function pendingBalance(balance: string, pending: readonly PendingChangeView[]): string {
  return pending.reduce((sum, change) => sum + BigInt(change.balanceChange), BigInt(balance)).toString();
}
