/**
 * Community economics (docs/economics.md): demurrage, usage fees, earned credit limits and newcomer
 * allowances. Pure functions that compute, in bigint, exactly what the economics account and
 * community contracts check, so builders can show the charges before anything is signed and the
 * indexer and `lets simulate` can explain them afterwards.
 */

/** The levers a community chooses (policy R4 values 6..16). All 0: no lever is used. */
export interface Economics {
  /** Demurrage: parts per million of a positive balance per `demurragePeriod` blocks. */
  demurragePpm: bigint;
  /** Blocks per demurrage period; at least 1. */
  demurragePeriod: bigint;
  /** Usage fee: basis points of what a payer sends (ceil), at least `feeMin` per paying account. */
  feeBps: bigint;
  feeMin: bigint;
  /** Earned credit limit: ppm of what the account has received, at most `feeBps * 100`. */
  turnoverPpm: bigint;
  /** Earned credit limit: `stepUnits` more per `stepBlocks` of membership (0: no steps). */
  stepUnits: bigint;
  stepBlocks: bigint;
  /** The earned credit limit never exceeds this; at least the base `creditLimit`. */
  maxCreditLimit: bigint;
  /** How long after joining the allowance may be spent (blocks). */
  newcomerBlocks: bigint;
  /** Units issued to each newcomer at join from the community balance (at most half of each purchase). */
  allowance: bigint;
  /** The least an account must hold in charges for anyone to sweep it (at least 1 is used). */
  sweepMin: bigint;
}

/** The lever names in register order (policy values 6..16). */
export const ECONOMICS_FIELDS = [
  "demurragePpm", "demurragePeriod", "feeBps", "feeMin", "turnoverPpm", "stepUnits", "stepBlocks",
  "maxCreditLimit", "newcomerBlocks", "allowance", "sweepMin",
] as const satisfies readonly (keyof Economics)[];

/** The levers copied into an account at join (terms values 5..13): all but allowance and sweepMin. */
export type AccountEconomicsTerms = Omit<Economics, "allowance" | "sweepMin">;
export const ACCOUNT_ECONOMICS_FIELDS = ECONOMICS_FIELDS.slice(0, 9) as readonly (keyof AccountEconomicsTerms)[];

/** What an economics account carries in R9. */
export interface AccountEconomy {
  /** Usage fees and demurrage charged and not yet swept into the community balance. */
  accrued: bigint;
  /** Demurrage is charged up to this height. */
  chargedHeight: bigint;
  /** Everything the account has received (saturating at 2^62): the earned limit's turnover. */
  received: bigint;
  /** Newcomer allowance not yet spent. */
  allowance: bigint;
  /** The part of a unit of demurrage owed, in units of 1 / (1,000,000 × demurragePeriod). */
  carry: bigint;
}

/** Where `received` stops. */
export const RECEIVED_MAX = 1n << 62n;
const PPM = 1_000_000n;
const BPS = 10_000n;

/** Levers all off: an economics community that behaves like a plain one (for tests and defaults). */
export function noEconomics(creditLimit: bigint): Economics {
  return {
    demurragePpm: 0n, demurragePeriod: 1n, feeBps: 0n, feeMin: 0n, turnoverPpm: 0n, stepUnits: 0n,
    stepBlocks: 0n, maxCreditLimit: creditLimit, newcomerBlocks: 0n, allowance: 0n, sweepMin: 0n,
  };
}

/**
 * Demurrage on `balance` (before the transaction) for the blocks from `from` to `to`, with the
 * carried remainder: floor((held × ppm × blocks + carry) / (1,000,000 × period)), the new remainder
 * carried, and never more than the positive balance (the remainder then resets).
 */
export function demurrageDue(
  terms: Pick<AccountEconomicsTerms, "demurragePpm" | "demurragePeriod">,
  balance: bigint,
  carry: bigint,
  from: bigint,
  to: bigint,
): { due: bigint; carry: bigint } {
  const held = balance > 0n ? balance : 0n;
  if (terms.demurragePpm === 0n || held === 0n) return { due: 0n, carry: 0n };
  const scale = terms.demurragePeriod * PPM;
  const owed = held * terms.demurragePpm * (to - from) + carry;
  const due = owed / scale;
  return due >= held ? { due: held, carry: 0n } : { due, carry: owed % scale };
}

/** The usage fee on `sent` units: max(feeMin, ceil(sent × feeBps / 10,000)), 0 when nothing is sent. */
export function usageFee(terms: Pick<AccountEconomicsTerms, "feeBps" | "feeMin">, sent: bigint): bigint {
  if (sent <= 0n) return 0n;
  const share = (sent / BPS) * terms.feeBps + ((sent % BPS) * terms.feeBps + BPS - 1n) / BPS;
  return share > terms.feeMin ? share : terms.feeMin;
}

/** An earned credit limit and how it was reached, for the account page. */
export interface EarnedLimit {
  limit: bigint;
  base: bigint;
  /** floor(received × turnoverPpm / 1,000,000). */
  fromTurnover: bigint;
  /** stepUnits × floor((height - joinedHeight) / stepBlocks). */
  fromSteps: bigint;
  steps: bigint;
  /** Whether maxCreditLimit cut it. */
  capped: boolean;
  max: bigint;
}

/** The credit limit at `height` of an account with `received` so far (the contract's formula). */
export function earnedCreditLimit(
  terms: { creditLimit: bigint; joinedHeight: bigint } & AccountEconomicsTerms,
  received: bigint,
  height: bigint,
): EarnedLimit {
  const base = terms.creditLimit;
  if (terms.turnoverPpm === 0n && terms.stepUnits === 0n) {
    return { limit: base, base, fromTurnover: 0n, fromSteps: 0n, steps: 0n, capped: false, max: terms.maxCreditLimit };
  }
  const steps = terms.stepBlocks === 0n ? 0n : (height - terms.joinedHeight) / terms.stepBlocks;
  const fromTurnover = (received * terms.turnoverPpm) / PPM;
  const fromSteps = terms.stepUnits * steps;
  const earned = base + fromTurnover + fromSteps;
  const capped = earned >= terms.maxCreditLimit;
  return { limit: capped ? terms.maxCreditLimit : earned, base, fromTurnover, fromSteps, steps, capped, max: terms.maxCreditLimit };
}

/** Whether a newcomer may still spend its allowance at `height`. */
export const inNewcomerWindow = (terms: { joinedHeight: bigint; newcomerBlocks: bigint }, height: bigint): boolean =>
  height <= terms.joinedHeight + terms.newcomerBlocks;

/** The allowance a payer spends on a purchase of `sent` by default: as much as allowed, at most half. */
export function allowanceFor(
  terms: { joinedHeight: bigint; newcomerBlocks: bigint },
  economy: Pick<AccountEconomy, "allowance">,
  sent: bigint,
  height: bigint,
): bigint {
  if (!inNewcomerWindow(terms, height)) return 0n;
  const half = sent / 2n;
  return economy.allowance < half ? economy.allowance : half;
}

/** What one account's side of a transaction charges it, and its state afterwards. */
export interface Charge {
  /** Demurrage charged for the blocks up to `economy.chargedHeight`. */
  demurrage: bigint;
  /** Usage fee (payer only). */
  fee: bigint;
  /** Allowance spent (payer only). */
  allowanceUsed: bigint;
  balance: bigint;
  economy: AccountEconomy;
}

/**
 * The successor state of an economics account that sends `sent` (payer, with `allowanceUsed` of
 * it from the allowance) or receives `received` (payee), with demurrage charged up to `height`.
 * Exactly the contract's rules: a payer's balance falls by demurrage + fee + sent - allowanceUsed.
 */
export function chargeAccount(
  account: { balance: bigint; terms: { joinedHeight: bigint } & AccountEconomicsTerms; economy: AccountEconomy },
  move: { sent?: bigint; received?: bigint; allowanceUsed?: bigint },
  height: bigint,
): Charge {
  const { balance, terms, economy } = account;
  const sent = move.sent ?? 0n;
  const received = move.received ?? 0n;
  const allowanceUsed = move.allowanceUsed ?? 0n;
  const to = height > economy.chargedHeight ? height : economy.chargedHeight;
  const { due, carry } = demurrageDue(terms, balance, economy.carry, economy.chargedHeight, to);
  const fee = received > 0n ? 0n : usageFee(terms, sent);
  const newReceived = received === 0n ? economy.received : received >= RECEIVED_MAX - economy.received ? RECEIVED_MAX : economy.received + received;
  return {
    demurrage: due,
    fee,
    allowanceUsed,
    balance: balance - due - fee - sent + allowanceUsed + received,
    economy: {
      accrued: economy.accrued + due + fee,
      chargedHeight: to,
      received: newReceived,
      allowance: economy.allowance - allowanceUsed,
      carry,
    },
  };
}

/** What a box is worth in the books: balance + accrued + unused allowance. */
export const worth = (balance: bigint, economy: AccountEconomy | undefined): bigint =>
  economy ? balance + economy.accrued + economy.allowance : balance;

/** Whether a community uses any lever (a plain community has no `economics`). */
export function leversUsed(e: Economics): string[] {
  const used: string[] = [];
  if (e.demurragePpm > 0n) used.push("demurrage");
  if (e.feeBps > 0n || e.feeMin > 0n) used.push("usage fee");
  if (e.turnoverPpm > 0n || e.stepUnits > 0n) used.push("earned credit limit");
  if (e.allowance > 0n) used.push("newcomer allowance");
  return used;
}
