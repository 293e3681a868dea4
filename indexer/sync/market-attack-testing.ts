/**
 * Test helper for the marketplace attack specs (sync and API): a payment two members make together
 * in one transaction, which the indexer records as the larger payer paying the payee and the
 * smaller payer with a negative amount.
 */
import { pay } from "../../contracts/builders/pay.ts";
import { marketExtension } from "../../contracts/market/market-notes.ts";
import { extendInput } from "../../contracts/notes.ts";
import { longConstant } from "../../contracts/registers.ts";
import { accountOut, edit } from "../../contracts/testing/tx-edit.ts";
import type { MarketChain } from "./market-testing.ts";

/**
 * `payer` and `coPayer` both pay `payee` in ONE transaction, both signing: `payer` 5 units,
 * `coPayer` 1, `payee` credited 6; `listingRef` on the payer's input when given. Returns its id.
 */
export function splitBill(c: MarketChain, payer: string, coPayer: string, payee: string, listingRef?: string): string {
  const [from, co, to] = [c.account(payer), c.account(coPayer), c.account(payee)];
  const built = pay({ payer: from.box, payees: [{ account: to.box, amountUnits: 6n }, { account: co.box, amountUnits: 1n }] }, c.ctx());
  const tx = edit(built, (d) => {
    accountOut(d, from.accountId).additionalRegisters.R5 = longConstant(from.balance - 5n);
    accountOut(d, co.accountId).additionalRegisters.R5 = longConstant(co.balance - 1n);
    accountOut(d, co.accountId).additionalRegisters.R8 = longConstant(BigInt(c.world.height));
  });
  if (listingRef) extendInput(tx, from.boxId, marketExtension({ listingRef }));
  c.submit(tx, [c.member(payer), c.member(coPayer)]);
  return c.lastTxId();
}
