/**
 * Pure: the ERG part of a mixed payment (units and ERG to the same payee in one transaction,
 * contracts/builders/pay-erg.ts). No contract checks it, so the rule is the indexer's: in a
 * payment, an output that holds no tokens and whose ErgoTree is a payee's owner (its account's R4
 * SigmaProp as a tree) is that payee's ERG part, and a payee's parts are summed. An owner that
 * also owns the payer or another account of the payment is ambiguous (the payer's change, or the
 * other's part, goes to the same tree; in any community the transaction pays in): no ERG is recorded for it. Co-payers (legs with a negative
 * amount) receive no ERG.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { ownerTree } from "../../contracts/builders/exit.ts";
import type { AccountRecord, LetsEvent } from "./lets-events.ts";

/** nanoERG sent to each tree in outputs holding no tokens. */
function ergByTree(outputs: readonly Box<Amount>[]): Map<string, bigint> {
  const byTree = new Map<string, bigint>();
  for (const o of outputs) {
    if (o.assets.length === 0) byTree.set(o.ergoTree, (byTree.get(o.ergoTree) ?? 0n) + BigInt(o.value));
  }
  return byTree;
}

/**
 * Sets `ergNanoErg` on every payee leg of the payment events in `events` (0n when it received no
 * ERG). `accountsIn` are the transaction's account inputs, whose owners name the trees.
 */
export function addErgParts(events: readonly LetsEvent[], accountsIn: readonly AccountRecord[], outputs: readonly Box<Amount>[]): void {
  const byTree = ergByTree(outputs);
  const ownerOf = new Map(accountsIn.map((a) => [a.accountId, a.owner]));
  const payments = events.flatMap((e) => (e.kind === "payment" ? [e] : []));
  // Every account of the transaction's payments, in any community: an owner of two is ambiguous.
  const owners = payments.flatMap((e) => [e.payer, ...e.payees.map((p) => p.accountId)]).map((id) => ownerOf.get(id));
  for (const e of payments) {
    for (const leg of e.payees) {
      const owner = ownerOf.get(leg.accountId);
      const shared = owners.filter((o) => o === owner).length > 1;
      leg.ergNanoErg = owner === undefined || shared || leg.amount <= 0n ? 0n : byTree.get(ownerTree(owner)) ?? 0n;
    }
  }
}
