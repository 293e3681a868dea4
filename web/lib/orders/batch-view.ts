/**
 * A batch settlement as its page shows it (docs/batches.md): what each account paid and received
 * across the batch's orders, so the page can say who moved what. Pure: the legs in, one row per
 * account out, in the order the accounts first appear among the legs (the batch's payer order).
 */

/** The fields of a settled order this view reads. */
export interface SettledLeg {
  payer: string;
  payee: string;
  amount: bigint;
}

/** One account's part in a batch. */
export interface BatchAccount {
  accountId: string;
  /** Units its orders paid, and how many orders it signed. */
  paid: bigint;
  ordersPaid: number;
  /** Units orders paid it, and how many. */
  received: bigint;
  ordersReceived: number;
  /** received − paid: how its balance moved in the batch. */
  net: bigint;
}

/** Each account's totals over `legs`; the sum of `net` over all accounts is 0. */
export function batchAccounts(legs: readonly SettledLeg[]): BatchAccount[] {
  const rows = new Map<string, BatchAccount>();
  const row = (accountId: string) => {
    let found = rows.get(accountId);
    if (!found) rows.set(accountId, (found = { accountId, paid: 0n, ordersPaid: 0, received: 0n, ordersReceived: 0, net: 0n }));
    return found;
  };
  for (const leg of legs) {
    const payer = row(leg.payer);
    payer.paid += leg.amount;
    payer.ordersPaid += 1;
    payer.net -= leg.amount;
    const payee = row(leg.payee);
    payee.received += leg.amount;
    payee.ordersReceived += 1;
    payee.net += leg.amount;
  }
  return [...rows.values()];
}
