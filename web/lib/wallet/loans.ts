/**
 * ERG loans from the browser (docs/loans.md, docs/web.md "Loans"), prepared like the other actions:
 * read the live loan and bond boxes from the node (never the indexer), say in words why the
 * connected key may not act (amounts in ERG as the loan pages show them), and only then build with
 * the contracts' builders. The bank offers, cancels and releases; the investor funds and claims;
 * the business draws by height; anyone repays.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { SAFE_MIN_BOX_VALUE } from "@fleet-sdk/core";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { claimLimit, drawTranche, fundLoan, repayInstalment, claimBond } from "$contracts/builders/loan-flow.ts";
import { cancelLoan, checkTerms, offerLoan, releaseBond } from "$contracts/builders/loan-offer.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import {
  claimWindowEnd, decodeBond, decodeLoan, instalmentSchedule, MAX_INSTALMENTS, MAX_TRANCHES, missedAt, nextTranche, outstanding,
  releasableAt, totalOwed, type Bond, type Instalment, type Loan, type Tranche,
} from "$contracts/loan/loan.ts";
import { BOND_ERGO_TREE } from "$contracts/scripts.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { displayErg } from "$lib/amount.ts";
import { toEip12Box } from "./eip12.ts";
import type { ConnectedWallet } from "./wallet.ts";

/** A loan action the connected key may not take now, with the reason in words. */
export class LoanActionRefused extends InvalidIntent {
  constructor(readonly action: LoanAction, readonly reason: string) {
    super(`${ACTION_WORDS[action]}: ${reason}`);
  }
}

export type LoanAction = "fund" | "draw" | "repay" | "claim" | "cancel" | "release";

const ACTION_WORDS: Record<LoanAction, string> = {
  fund: "cannot fund this loan",
  draw: "cannot draw a tranche",
  repay: "cannot repay",
  claim: "cannot claim from the bond",
  cancel: "cannot cancel this loan",
  release: "cannot release the bond",
};

/** The loan is no longer on the node: cancelled or released meanwhile, or the id is wrong. */
export class LoanNotLive extends InvalidIntent {
  constructor(readonly loanId: string) {
    super(`loan ${loanId.slice(0, 12)}… is no longer live on the node: it was cancelled or released`);
  }
}

/** The live box holding the loan's token, decoded, mempool applied. */
export async function liveLoan(node: NodeClient, loanId: string): Promise<Loan> {
  for (const box of await node.unspentByTokenId(loanId, 5)) {
    const d = decodeLoan(toEip12Box(box));
    if (d.ok && d.value.loanId === loanId) return d.value;
  }
  throw new LoanNotLive(loanId);
}

/**
 * The loan's bond: the bond box `bondBoxId` (the indexer's hint) if it is live and names the loan,
 * else the first live bond box naming it (as `lets loan` finds it).
 */
export async function liveBond(node: NodeClient, loan: Loan, bondBoxId?: string): Promise<Bond> {
  const pick = (box: Parameters<typeof toEip12Box>[0] | undefined) => {
    const d = box && decodeBond(toEip12Box(box));
    return d && d.ok && d.value.loanId === loan.loanId ? d.value : undefined;
  };
  const hinted = bondBoxId ? pick(await node.boxWithPool(bondBoxId)) : undefined;
  const found = hinted ?? (await node.allUnspentByErgoTree(BOND_ERGO_TREE)).map(pick).find(Boolean);
  if (!found) throw new InvalidIntent(`loan ${loan.loanId.slice(0, 12)}… has no live bond on the node`);
  return found;
}

/** What the connected key is to a loan (one key may be several). */
export interface Roles {
  bank: boolean;
  business: boolean;
  investor: boolean;
}

export const rolesOf = (loan: Loan, changeAddress: string): Roles => {
  const me = ownerFromAddress(changeAddress);
  return { bank: loan.bank === me, business: loan.business === me, investor: loan.investor === me };
};

/** What the loan and its bond allow at the tip, for one key: each action's reason when refused, and the amounts to show. */
export interface LoanOptions {
  roles: Roles;
  /** Why each action is refused now; absent when it is allowed. */
  refused: Partial<Record<LoanAction, string>>;
  /** What a repayment defaults to: what is due and unpaid, else the next instalment's remainder. */
  repayDefaultNanoErg: bigint;
  claimableNanoErg: bigint;
  outstandingNanoErg: bigint;
  /** The tranche a draw pays out, if any is left. */
  nextTranche: { index: number; amountNanoErg: bigint; unlockHeight: bigint } | null;
}

/** The repayment a payer most likely means at `height`: what is due and unpaid, else what the next instalment still needs. */
export function repayDefault(loan: Loan, height: bigint): bigint {
  const missed = missedAt(loan, height);
  if (missed > 0n) return missed;
  const covered = loan.repaidNanoErg + loan.claimedNanoErg;
  let cumulative = 0n;
  for (const i of loan.instalments) {
    cumulative += i.amountNanoErg;
    if (cumulative > covered) return cumulative - covered;
  }
  return 0n;
}

/**
 * Every action's refusal for the key at `changeAddress` on `loan` with a bond of `bondNanoErg`,
 * when the next block is `tipHeight + 1` (the height the contracts judge). Pure: the panel and
 * the prepare functions share it.
 */
export function loanOptions(loan: Loan, bondNanoErg: bigint, changeAddress: string, tipHeight: number): LoanOptions {
  const roles = rolesOf(loan, changeAddress);
  const at = BigInt(tipHeight) + 1n;
  const refused: Partial<Record<LoanAction, string>> = {};
  const unfunded = "nobody funded it yet";
  if (loan.investor) refused.fund = "it is funded already";

  const next = nextTranche(loan, at);
  if (!roles.business) refused.draw = "only the business draws its tranches";
  else if (!loan.investor) refused.draw = unfunded;
  else if (!next) refused.draw = "every tranche is drawn";
  else if (!next.byHeight) refused.draw = `tranche ${next.index + 1} (${displayErg(next.tranche.amountNanoErg)}) unlocks at height ${next.tranche.unlockHeight}, and the next block is ${at}; earlier it needs the bank's signature (a milestone)`;

  const owing = outstanding(loan);
  if (!loan.investor) refused.repay = unfunded;
  else if (owing === 0n) refused.repay = "nothing is outstanding: every instalment is repaid or claimed";

  const claimable = loan.investor ? claimLimit(loan, bondNanoErg, tipHeight) : 0n;
  if (!roles.investor) refused.claim = "only the investor claims from the bond";
  else if (claimable === 0n) {
    const missed = missedAt(loan, at);
    const late = loan.instalments.find((i) => i.dueHeight <= at && at <= i.dueHeight + loan.graceBlocks);
    refused.claim = missed > 0n && late
      ? `${displayErg(missed)} is missed but still in grace: it may be claimed from height ${late.dueHeight + loan.graceBlocks + 1n}, and the next block is ${at}`
      : "no instalment is missed past its grace";
  }

  if (!roles.bank) refused.cancel = "only the bank cancels its offer";
  else if (loan.investor) refused.cancel = "an investor funded it; the bank releases its bond once it is repaid";

  if (!roles.bank) refused.release = "only the bank releases its bond";
  else if (!loan.investor) refused.release = "nobody funded it: cancel it instead";
  else if (!releasableAt(loan, at)) {
    refused.release = `${displayErg(loan.repaidNanoErg + loan.claimedNanoErg)} of ${displayErg(totalOwed(loan))} is repaid or claimed; the bond is released once all is, or from height ${claimWindowEnd(loan)} (the next block is ${at})`;
  }
  return {
    roles,
    refused,
    repayDefaultNanoErg: loan.investor ? repayDefault(loan, at) : 0n,
    claimableNanoErg: claimable,
    outstandingNanoErg: owing,
    nextTranche: next ? { index: next.index, amountNanoErg: next.tranche.amountNanoErg, unlockHeight: next.tranche.unlockHeight } : null,
  };
}

/** The live loan, its bond and the options the connected wallet has on it now. */
export async function loanState(wallet: ConnectedWallet, node: NodeClient, loanId: string, bondBoxId?: string): Promise<{ loan: Loan; bond: Bond; options: LoanOptions; tipHeight: number }> {
  const [loan, tipHeight, changeAddress] = await Promise.all([liveLoan(node, loanId), node.height(), wallet.changeAddress()]);
  const bond = await liveBond(node, loan, bondBoxId);
  return { loan, bond, options: loanOptions(loan, bond.valueNanoErg, changeAddress, tipHeight), tipHeight };
}

async function prepared(wallet: ConnectedWallet, node: NodeClient, loanId: string, action: LoanAction, bondBoxId?: string) {
  const [ctx, loan] = await Promise.all([wallet.buildContext(), liveLoan(node, loanId)]);
  const bond = await liveBond(node, loan, bondBoxId);
  const options = loanOptions(loan, bond.valueNanoErg, ctx.wallet.changeAddress, ctx.height);
  const reason = options.refused[action];
  if (reason) throw new LoanActionRefused(action, reason);
  return { ctx, loan, bond, options };
}

/** The investor funds the open loan with its whole principal from the wallet. */
export async function prepareFund(wallet: ConnectedWallet, node: NodeClient, loanId: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, loan } = await prepared(wallet, node, loanId, "fund");
  return fundLoan({ loan: loan.box }, ctx);
}

/** The business draws its next tranche, once its height has unlocked it. */
export async function prepareDraw(wallet: ConnectedWallet, node: NodeClient, loanId: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, loan } = await prepared(wallet, node, loanId, "draw");
  return drawTranche({ loan: loan.box }, ctx);
}

/** Anyone repays `amountNanoErg` (default: what is due) to the investor. */
export async function prepareRepay(wallet: ConnectedWallet, node: NodeClient, loanId: string, amountNanoErg?: bigint): Promise<EIP12UnsignedTransaction> {
  const { ctx, loan, options } = await prepared(wallet, node, loanId, "repay");
  const amount = amountNanoErg ?? options.repayDefaultNanoErg;
  if (amount > options.outstandingNanoErg) throw new LoanActionRefused("repay", `the loan owes ${displayErg(options.outstandingNanoErg)}; ${displayErg(amount)} is more`);
  if (amount < SAFE_MIN_BOX_VALUE) throw new LoanActionRefused("repay", `a repayment is at least ${displayErg(SAFE_MIN_BOX_VALUE)}`);
  return repayInstalment({ loan: loan.box, amountNanoErg: amount }, ctx);
}

/** The investor claims what late instalments miss from the bond (all it may, or `amountNanoErg`). */
export async function prepareClaim(wallet: ConnectedWallet, node: NodeClient, loanId: string, amountNanoErg?: bigint, bondBoxId?: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, loan, bond, options } = await prepared(wallet, node, loanId, "claim", bondBoxId);
  if (amountNanoErg !== undefined && (amountNanoErg <= 0n || amountNanoErg > options.claimableNanoErg)) {
    throw new LoanActionRefused("claim", `${displayErg(options.claimableNanoErg)} may be claimed now; ${displayErg(amountNanoErg)} cannot`);
  }
  return claimBond({ loan: loan.box, bond: bond.box, amountNanoErg }, ctx);
}

/** The bank cancels its offer nobody funded: its deposit and bond come back. */
export async function prepareCancelLoan(wallet: ConnectedWallet, node: NodeClient, loanId: string, bondBoxId?: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, loan, bond } = await prepared(wallet, node, loanId, "cancel", bondBoxId);
  return cancelLoan({ loan: loan.box, bond: bond.box }, ctx);
}

/** The bank releases its bond once the loan is repaid or the claim window is over. */
export async function prepareRelease(wallet: ConnectedWallet, node: NodeClient, loanId: string, bondBoxId?: string): Promise<EIP12UnsignedTransaction> {
  const { ctx, loan, bond } = await prepared(wallet, node, loanId, "release", bondBoxId);
  return releaseBond({ loan: loan.box, bond: bond.box }, ctx);
}

/** A bank's offer as the form reads it (amounts already parsed to nanoERG, counts and blocks to integers). */
export interface LoanOfferRequest {
  businessAddress: string;
  principalNanoErg: bigint;
  /** Tranches splitting the principal evenly (the last takes the rounding), the first unlocked at once, then one every `trancheEveryBlocks`. */
  trancheCount: number;
  trancheEveryBlocks: bigint;
  /** Flat interest a year, in basis points (500 = 5%). */
  rateBasisPoints: bigint;
  instalmentCount: number;
  everyBlocks: bigint;
  graceBlocks: bigint;
  bondNanoErg: bigint;
}

/** The offer's terms refused in words. */
export class LoanOfferRefused extends InvalidIntent {
  constructor(readonly field: keyof LoanOfferRequest | "terms", reason: string) {
    super(`cannot offer this loan: ${reason}`);
  }
}

/**
 * The tranches and instalments of `request` when the next block is `tipHeight + 1`: tranches from
 * that height, the first instalment one period after the last tranche unlocks (as `lets loan offer`).
 * Throws `LoanOfferRefused` in words for bad input. Pure: the form previews the schedule with it.
 */
export function offerSchedule(request: LoanOfferRequest, tipHeight: number): { tranches: Tranche[]; instalments: Instalment[]; business: string } {
  let business: string;
  try {
    business = ownerFromAddress(request.businessAddress.trim());
  } catch {
    throw new LoanOfferRefused("businessAddress", `the business's address is not a single-key Ergo address: '${request.businessAddress}'`);
  }
  const { trancheCount: n, instalmentCount: m } = request;
  if (!Number.isInteger(n) || n < 1 || n > MAX_TRANCHES) throw new LoanOfferRefused("trancheCount", `a loan has from 1 to ${MAX_TRANCHES} tranches`);
  if (!Number.isInteger(m) || m < 1 || m > MAX_INSTALMENTS) throw new LoanOfferRefused("instalmentCount", `a loan has from 1 to ${MAX_INSTALMENTS} instalments`);
  if (request.principalNanoErg < BigInt(n) * SAFE_MIN_BOX_VALUE) {
    throw new LoanOfferRefused("principalNanoErg", `the principal is at least ${displayErg(BigInt(n) * SAFE_MIN_BOX_VALUE)} for ${n} tranche${n === 1 ? "" : "s"} (${displayErg(SAFE_MIN_BOX_VALUE)} each)`);
  }
  if (request.trancheEveryBlocks < 0n) throw new LoanOfferRefused("trancheEveryBlocks", "blocks between tranches are not negative");
  if (request.rateBasisPoints < 0n || request.rateBasisPoints > 100_000n) throw new LoanOfferRefused("rateBasisPoints", "the interest rate is from 0% to 1,000% a year");
  if (request.everyBlocks < 1n) throw new LoanOfferRefused("everyBlocks", "instalments are at least one block apart");
  if (request.graceBlocks < 0n || request.graceBlocks > 1_000_000n) throw new LoanOfferRefused("graceBlocks", "the grace is from 0 to 1,000,000 blocks");
  if (request.bondNanoErg <= 0n) throw new LoanOfferRefused("bondNanoErg", "the bond is positive: it is what the investor claims missed instalments from");
  const start = BigInt(tipHeight) + 1n;
  const each = request.principalNanoErg / BigInt(n);
  const tranches = Array.from({ length: n }, (_, k) => ({
    amountNanoErg: k === n - 1 ? request.principalNanoErg - each * BigInt(n - 1) : each,
    unlockHeight: start + request.trancheEveryBlocks * BigInt(k),
  }));
  const lastUnlock = tranches[n - 1]!.unlockHeight;
  const instalments = instalmentSchedule(request.principalNanoErg, request.rateBasisPoints, m, lastUnlock + request.everyBlocks, request.everyBlocks);
  if (instalments.some((i) => i.amountNanoErg < SAFE_MIN_BOX_VALUE)) {
    throw new LoanOfferRefused("instalmentCount", `each instalment is at least ${displayErg(SAFE_MIN_BOX_VALUE)}: fewer instalments, or a larger principal`);
  }
  return { tranches, instalments, business };
}

/** Builds the bank's offer from the wallet: the loan box and its bond. The wallet's key is the bank. */
export async function prepareOfferLoan(wallet: ConnectedWallet, request: LoanOfferRequest): Promise<{ unsigned: EIP12UnsignedTransaction; loanId: string; tranches: Tranche[]; instalments: Instalment[] }> {
  const ctx = await wallet.buildContext();
  const { tranches, instalments, business } = offerSchedule(request, ctx.height);
  const bank = ownerFromAddress(ctx.wallet.changeAddress);
  if (bank === business) throw new LoanOfferRefused("businessAddress", "the business is another key than the bank's (this wallet's)");
  try {
    checkTerms({ tranches, instalments, graceBlocks: request.graceBlocks, bank, business }, ctx.height);
  } catch (error) {
    throw new LoanOfferRefused("terms", error instanceof Error ? error.message : String(error));
  }
  const loanId = ctx.wallet.utxos[0]?.boxId;
  if (!loanId) throw new LoanOfferRefused("terms", "this wallet holds no ERG to offer from");
  const unsigned = offerLoan({ tranches, instalments, graceBlocks: request.graceBlocks, business, bank, bondNanoErg: request.bondNanoErg }, ctx);
  return { unsigned, loanId, tranches, instalments };
}
