/**
 * The ERG part of a mixed payment (units and ERG to the same payee in one transaction): one output
 * per payee paid in ERG, to the payee's owner, funded by the payer's wallet. The account contract
 * ignores outputs that are not member boxes, so no contract checks it; the indexer recognises it
 * as an output holding no tokens whose ErgoTree is a payee's owner (indexer/sync/payment-erg.ts).
 */
import { OutputBuilder } from "@fleet-sdk/core";
import type { Account } from "../account/account.ts";
import { InvalidIntent } from "../errors.ts";
import { LONG_MAX } from "../long.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import type { BuildContext } from "./common.ts";
import { ownerTree } from "./exit.ts";

/** What a payment's payees receive in ERG, as outputs, and their sum. */
export interface PayeeErg {
  outputs: OutputBuilder[];
  totalNanoErg: bigint;
}

/** A payee's ERG: 0 when absent or zero, else a whole number of nanoERG from the minimum box value up. */
export function ergNanoErgOf(field: string, value: unknown): bigint {
  let n: bigint | undefined;
  if (value === undefined) n = 0n;
  else if (typeof value === "bigint") n = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === "string" && /^[0-9]+$/.test(value)) n = BigInt(value);
  if (n === undefined || n < 0n || n > LONG_MAX) throw new InvalidIntent(`${field} must be a whole number of nanoERG, got ${String(value)}`);
  if (n > 0n && n < MIN_BOX_VALUE) throw new InvalidIntent(`${field} is ${n} nanoERG; a box holds at least ${MIN_BOX_VALUE} (0.001 ERG), or give 0 for none`);
  return n;
}

/**
 * The ERG outputs of a payment, in payee order. ERG comes only from `ctx.wallet` (never from the
 * payer's fee reserve). A payee whose owner also owns the payer or another payee of the payment
 * cannot be paid ERG: its output could not be told from change or from the other's part.
 */
export function payeeErgOutputs(payer: Account, payees: readonly Account[], asked: readonly { ergNanoErg?: unknown }[], ctx: BuildContext): PayeeErg {
  const owners = [payer.owner, ...payees.map((p) => p.owner)];
  const outputs: OutputBuilder[] = [];
  let totalNanoErg = 0n;
  payees.forEach((payee, i) => {
    const field = `payees[${i}].ergNanoErg`;
    const erg = ergNanoErgOf(field, asked[i]?.ergNanoErg);
    if (erg === 0n) return;
    if (owners.filter((o) => o === payee.owner).length > 1) {
      throw new InvalidIntent(`${field}: payee ${i + 1}'s owner also owns the payer or another payee of this payment, so its ERG could not be told apart`);
    }
    outputs.push(new OutputBuilder(erg, ownerTree(payee.owner)));
    totalNanoErg += erg;
  });
  if (totalNanoErg > 0n && !ctx.wallet) throw new InvalidIntent("paying ERG to a payee needs a wallet to take it from (ctx.wallet)");
  return { outputs, totalNanoErg };
}
