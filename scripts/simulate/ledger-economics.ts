/**
 * The economics of one account in the simulator's ledger (docs/economics.md): its levers fixed at
 * join and its R9 state, kept by the ledger itself and charged by the contracts' rules
 * (contracts/economics.ts) at the heights the transactions are built at, so that the ledger can be
 * compared field by field with the chain. Pure: each function returns new values.
 */
import {
  ACCOUNT_ECONOMICS_FIELDS,
  allowanceFor,
  chargeAccount,
  demurrageDue,
  earnedCreditLimit,
  sweepMinimum,
  type AccountEconomicsTerms,
  type AccountEconomy,
  type Charge,
  type Economics,
  worth,
} from "../../contracts/index.ts";
import type { Charges } from "./events.ts";

/** An economics account's levers (as copied at join), base credit limit and R9 state. */
export interface AccountEcon {
  terms: AccountEconomicsTerms & { creditLimit: bigint; joinedHeight: bigint };
  economy: AccountEconomy;
}

/** The state of a new account of a community with `levers`, joining at `height`. */
export function joinedEcon(levers: Economics, creditLimit: bigint, height: bigint): AccountEcon {
  const copied = Object.fromEntries(ACCOUNT_ECONOMICS_FIELDS.map((f) => [f, levers[f]])) as unknown as AccountEconomicsTerms;
  return {
    terms: { ...copied, creditLimit, joinedHeight: height },
    economy: { accrued: 0n, chargedHeight: height, received: 0n, allowance: levers.allowance, carry: 0n },
  };
}

/** The credit limit at `height` of an account whose turnover is `received` (the earned limit's formula). */
export const limitAt = (econ: AccountEcon, received: bigint, height: bigint): bigint => earnedCreditLimit(econ.terms, received, height).limit;

/** One side of an economics payment: the contracts' charge, and the account's credit limit afterwards. */
export interface EconSide extends Charge {
  creditLimit: bigint;
}

/** What an economics payment of `amount` at `height` does to both sides (the payer spends as much allowance as it may). */
export interface EconPayment {
  payer: EconSide;
  payee: EconSide;
  /** The payer's credit limit at `height`: its balance afterwards may not be below minus this. */
  payerLimit: bigint;
}

export function econPayment(payer: { balance: bigint; econ: AccountEcon }, payee: { balance: bigint; econ: AccountEcon }, amount: bigint, height: bigint): EconPayment {
  const allowanceUsed = allowanceFor(payer.econ.terms, payer.econ.economy, amount, height);
  const from = chargeAccount({ balance: payer.balance, terms: payer.econ.terms, economy: payer.econ.economy }, { sent: amount, allowanceUsed }, height);
  const to = chargeAccount({ balance: payee.balance, terms: payee.econ.terms, economy: payee.econ.economy }, { received: amount }, height);
  const payerLimit = limitAt(payer.econ, payer.econ.economy.received, height);
  return {
    payer: { ...from, creditLimit: payerLimit },
    payee: { ...to, creditLimit: limitAt(payee.econ, to.economy.received, height) },
    payerLimit,
  };
}

/** The owner's touch without a payment (a top-up): the demurrage due charged. */
export function touched(account: { balance: bigint; econ: AccountEcon }, height: bigint): EconSide {
  const charge = chargeAccount({ balance: account.balance, terms: account.econ.terms, economy: account.econ.economy }, {}, height);
  return { ...charge, creditLimit: limitAt(account.econ, charge.economy.received, height) };
}

/** What sweeping an account at `height` collects, and its state afterwards; undefined below the community's sweep minimum. */
export function swept(account: { balance: bigint; econ: AccountEcon }, sweepMin: bigint, height: bigint): (EconSide & { collected: bigint }) | undefined {
  const { economy, terms } = account.econ;
  const to = height > economy.chargedHeight ? height : economy.chargedHeight;
  const { due, carry } = demurrageDue(terms, account.balance, economy.carry, economy.chargedHeight, to);
  const collected = economy.accrued + due;
  if (collected < sweepMinimum(sweepMin)) return undefined;
  return {
    demurrage: due,
    fee: 0n,
    allowanceUsed: 0n,
    balance: account.balance - due,
    economy: { ...economy, accrued: 0n, chargedHeight: to, carry },
    creditLimit: limitAt(account.econ, economy.received, height),
    collected,
  };
}

/**
 * The least a payer holding `balance` must send for its balance to end at 0 or just below (the
 * usage fee and demurrage come on top, the allowance pays up to half): what a leaver spends.
 */
export function sendToSettle(account: { balance: bigint; econ: AccountEcon }, height: bigint): bigint {
  const after = (sent: bigint) => {
    const allowanceUsed = allowanceFor(account.econ.terms, account.econ.economy, sent, height);
    return chargeAccount({ balance: account.balance, terms: account.econ.terms, economy: account.econ.economy }, { sent, allowanceUsed }, height).balance;
  };
  let high = account.balance;
  while (after(high) > 0n) high *= 2n;
  let low = 1n;
  while (low < high) {
    const middle = (low + high) / 2n;
    if (after(middle) <= 0n) high = middle;
    else low = middle + 1n;
  }
  return low;
}

/** What an account is worth in the books: its balance, plus accrued charges and unused allowance with economics. */
export const worthOf = (account: { balance: bigint; econ?: AccountEcon }): bigint => worth(account.balance, account.econ?.economy);

/** A payment's charges as the event log keeps them. */
export const chargesOf = (q: EconPayment): Charges => ({
  demurrage: q.payer.demurrage,
  fee: q.payer.fee,
  allowanceUsed: q.payer.allowanceUsed,
  payeeDemurrage: q.payee.demurrage,
  creditLimit: q.payer.creditLimit,
  payeeCreditLimit: q.payee.creditLimit,
});

/** A sweep's or top-up's charges (one account) as the event log keeps them. */
export const sideCharges = (side: EconSide): Charges => ({ demurrage: side.demurrage, fee: 0n, allowanceUsed: 0n, payeeDemurrage: 0n, creditLimit: side.creditLimit, payeeCreditLimit: 0n });
