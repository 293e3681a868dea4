/**
 * Where `lets loan` finds what it acts on, on any node (docs/loans.md): the live loan boxes (the
 * loan script's boxes, mempool applied, decoded with `decodeLoan`) and the bond beside each (the
 * bond script's boxes naming the loan's id), and the offer's flags turned into loan terms before
 * anything is fetched or signed.
 */
import { ownerFromPublicKey } from "../../../contracts/index.ts";
import { decodeBond, decodeLoan, instalmentSchedule, MAX_INSTALMENTS, MAX_TRANCHES, type Bond, type Instalment, type Loan, type Tranche } from "../../../contracts/loan/loan.ts";
import { BOND_ERGO_TREE, LOAN_ERGO_TREE } from "../../../contracts/scripts.ts";
import type { Identity } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { parseErg } from "./amounts.ts";
import { blocksOption } from "./desk-terms.ts";
import { integerOption } from "./options.ts";
import type { Session } from "./session.ts";

/** Live loans, their bonds by loan id, and the chain tip (a transaction sent now is judged at `tipHeight + 1`). */
export interface LoanState {
  loans: Loan[];
  bonds: Map<string, Bond>;
  tipHeight: number;
}

/** Reads every live loan and bond, and the tip, together. */
export async function readLoans(session: Session): Promise<LoanState> {
  const { node } = session.lets;
  const [loanBoxes, bondBoxes, tipHeight] = await Promise.all([node.allUnspentByErgoTree(LOAN_ERGO_TREE), node.allUnspentByErgoTree(BOND_ERGO_TREE), node.height()]);
  const loans = loanBoxes.flatMap((box) => {
    const d = decodeLoan(box);
    return d.ok ? [d.value] : [];
  });
  const bonds = new Map<string, Bond>();
  for (const box of bondBoxes) {
    const d = decodeBond(box);
    // A loan has one bond (the offer made it); a second box naming the same loan is someone's forgery and is not its bond.
    if (d.ok && !bonds.has(d.value.loanId)) bonds.set(d.value.loanId, d.value);
  }
  return { loans, bonds, tipHeight };
}

/** The live loan `loanId` names, or a clear refusal. */
export function loanById(state: LoanState, loanId: string): Loan {
  const loan = state.loans.find((l) => l.loanId === loanId);
  if (!loan) throw new CliError(`no live loan ${loanId} on this node: it was cancelled or released, or the id is wrong ('lets loan list' shows the loans)`, ExitCode.failure);
  return loan;
}

/** The bond of `loan`, or a clear refusal. */
export function bondOf(state: LoanState, loan: Loan): Bond {
  const bond = state.bonds.get(loan.loanId);
  if (!bond) throw new CliError(`loan ${loan.loanId} has no live bond on this node`, ExitCode.failure);
  return bond;
}

/** What `who` is to `loan`: the bank, the business, the investor (one key may be several), or nothing. */
export function rolesOf(loan: Loan, who: Identity): string[] {
  const owner = ownerFromPublicKey(who.publicKey);
  return [loan.bank === owner ? "bank" : "", loan.business === owner ? "business" : "", loan.investor === owner ? "investor" : ""].filter((r) => r !== "");
}

/** The offer's flags as text, checked here before the node is asked. */
export interface OfferFlags {
  principal?: string;
  tranches?: string;
  "tranche-every"?: string;
  rate?: string;
  instalments?: string;
  every?: string;
  "first-due"?: string;
  grace?: string;
}

/** A height flag: a height ("1234") or blocks from the tip ("+30"). */
function heightOption(flag: string, text: string, tipHeight: number): bigint {
  const t = text.trim();
  if (/^\d{1,12}$/.test(t)) return BigInt(t);
  if (/^\+\d{1,12}$/.test(t)) return BigInt(tipHeight) + BigInt(t.slice(1));
  throw new CliError(`--${flag}: a height is a block number (1234) or blocks from now (+30), not '${text}'`, ExitCode.usage);
}

/** `--tranches`: a list "ERG@HEIGHT,..." (HEIGHT may be +N from the tip), or a count N splitting --principal evenly, the first now and then every --tranche-every blocks. */
export function tranchesOption(flags: OfferFlags, tipHeight: number, everyBlocks: bigint): Tranche[] {
  const text = (flags.tranches ?? "1").trim();
  if (/^\d+$/.test(text)) {
    const count = Number(integerOption("tranches", text, BigInt(MAX_TRANCHES)));
    if (count < 1) throw new CliError(`--tranches: from 1 to ${MAX_TRANCHES} tranches`, ExitCode.usage);
    if (flags.principal === undefined) throw new CliError("--principal is required with --tranches N (the amount split into N tranches)", ExitCode.usage);
    const principal = parseErg(flags.principal, "--principal");
    if (principal < BigInt(count)) throw new CliError("--principal must be positive", ExitCode.usage);
    const step = flags["tranche-every"] === undefined ? everyBlocks : blocksOption("tranche-every", flags["tranche-every"]);
    const each = principal / BigInt(count);
    return Array.from({ length: count }, (_, k) => ({
      amountNanoErg: k === count - 1 ? principal - each * BigInt(count - 1) : each,
      unlockHeight: BigInt(tipHeight + 1) + step * BigInt(k),
    }));
  }
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length > MAX_TRANCHES) throw new CliError(`--tranches: at most ${MAX_TRANCHES} tranches`, ExitCode.usage);
  const tranches = parts.map((part) => {
    const [amount, height, ...rest] = part.split("@");
    if (amount === undefined || height === undefined || rest.length > 0) throw new CliError(`--tranches: each tranche is ERG@HEIGHT (2.5@+0, 1@12345), not '${part}'`, ExitCode.usage);
    return { amountNanoErg: parseErg(amount, "--tranches"), unlockHeight: heightOption("tranches", height, tipHeight) };
  });
  if (tranches.some((t) => t.amountNanoErg <= 0n)) throw new CliError("--tranches: every tranche is a positive amount", ExitCode.usage);
  if (flags.principal !== undefined && parseErg(flags.principal, "--principal") !== tranches.reduce((s, t) => s + t.amountNanoErg, 0n)) {
    throw new CliError("--principal differs from the sum of --tranches: give one, or make them agree", ExitCode.usage);
  }
  return tranches;
}

/**
 * The instalments: the principal with flat interest of --rate basis points a year, in
 * --instalments equal parts every --every blocks, the first due at --first-due (default: one
 * period after the last tranche unlocks, or after the tip).
 */
export function instalmentsOption(flags: OfferFlags, tranches: Tranche[], tipHeight: number): Instalment[] {
  if (flags.instalments === undefined) throw new CliError("--instalments is required (how many instalments repay the loan)", ExitCode.usage);
  const count = Number(integerOption("instalments", flags.instalments, BigInt(MAX_INSTALMENTS)));
  if (count < 1) throw new CliError(`--instalments: from 1 to ${MAX_INSTALMENTS}`, ExitCode.usage);
  const every = everyOption(flags);
  const rate = flags.rate === undefined ? 0n : integerOption("rate", flags.rate, 100_000n);
  const lastUnlock = tranches.reduce((m, t) => (t.unlockHeight > m ? t.unlockHeight : m), BigInt(tipHeight));
  const firstDue = flags["first-due"] === undefined ? lastUnlock + every : heightOption("first-due", flags["first-due"], tipHeight);
  return instalmentSchedule(tranches.reduce((s, t) => s + t.amountNanoErg, 0n), rate, count, firstDue, every);
}

/** `--every`: blocks between instalments (a duration like 1d allowed); required. */
export function everyOption(flags: OfferFlags): bigint {
  if (flags.every === undefined) throw new CliError("--every is required (blocks between instalments, or a duration like 1d)", ExitCode.usage);
  const every = blocksOption("every", flags.every);
  if (every < 1n) throw new CliError("--every must be at least one block", ExitCode.usage);
  return every;
}
