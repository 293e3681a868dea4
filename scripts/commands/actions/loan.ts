/**
 * `lets loan`: ERG loans between a bank, a business and an investor (docs/loans.md) from the shell.
 * The bank offers a loan and posts a bond (`offer`), an investor funds it (`fund`), the business
 * draws its tranches (`draw`), anyone repays instalments to the investor (`repay`), the investor
 * claims missed instalments from the bond (`claim`), and the bank gets the bond back (`release`),
 * or takes back an offer nobody funded (`cancel`). `show` and `list` read the node's boxes.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { ownerFromPublicKey } from "../../../contracts/index.ts";
import { cancelLoan, checkTerms, offerLoan, releaseBond } from "../../../contracts/builders/loan-offer.ts";
import { claimBond, claimLimit, drawTranche, fundLoan, repayInstalment } from "../../../contracts/builders/loan-flow.ts";
import { outstanding, principalOf, totalOwed, type Loan } from "../../../contracts/loan/loan.ts";
import { signWithSecrets } from "../../../ergo/signer.ts";
import type { Identity, KeyHolder } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { canSign, parseAddress, resolveKey } from "../keys.ts";
import { amountSyntax, formatErg, parseErg } from "./amounts.ts";
import { blocksOption } from "./desk-terms.ts";
import { heightInWords } from "./escrow-state.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import { bondOf, instalmentsOption, loanById, readLoans, rolesOf, tranchesOption, type LoanState } from "./loan-state.ts";
import { loanInWords, loanJson, loanRefusal } from "./loan-words.ts";

const usage = `lets loan offer --business ADDRESS (--principal E --tranches N [--tranche-every B] | --tranches E@H,...)
                      --instalments N --every B [--rate BP] [--first-due H] [--grace B] --bond E [key]
       lets loan fund --loan ID [key]
       lets loan draw --loan ID [--milestone --bank-dev-account N] [key]
       lets loan repay --loan ID [--amount E] [key]
       lets loan claim --loan ID [--amount E] [key]
       lets loan release --loan ID [key]
       lets loan cancel --loan ID [key]
       lets loan show --loan ID [--json]
       lets loan list [key] [--json]

  offer                   bank: offer a loan to a business and post a bond the investor may
                          claim missed instalments from (your wallet pays the bond and a deposit)
  fund                    investor: pay the whole principal into the loan; repayments come to you
  draw                    business: draw the next tranche once its height has come (--milestone:
                          earlier, signed by the bank too)
  repay                   anyone: repay the loan to its investor (default: the next instalment)
  claim                   investor: claim instalments missed past their grace from the bond
  release                 bank: the bond back once the loan is repaid or claimed, or once the
                          investor's claim window is over (undrawn principal goes to the investor)
  cancel                  bank: take back an offer nobody funded, and its bond
  show                    one loan in words
  list                    the live loans (with a key: those it is the bank, business or investor of)

  --business ADDRESS      offer: the business's P2PK address
  --principal E           offer: ERG lent in all
  --tranches N|LIST       offer: N tranches splitting --principal evenly, the first unlocked now,
                          or a list ERG@HEIGHT,... (HEIGHT a block, or +N blocks from now)
  --tranche-every B       offer: blocks between tranches with --tranches N (default --every)
  --instalments N         offer: equal instalments of the principal and its interest
  --every B               offer: blocks (or 12h, 1d, 1w) between instalments
  --rate BP               offer: flat interest a year, basis points (500 = 5%; default 0)
  --first-due H           offer: the first instalment's due block (a height or +N; default one
                          period after the last tranche unlocks)
  --grace B               offer: blocks after a due block before the bond may pay it (default 1d)
  --bond E                offer: ERG the bond holds for the investor's claims
  --loan ID               the loan (its token id)
  --amount E              repay: ERG repaid; claim: ERG claimed (default: all it may)
  --milestone             draw: a tranche before its height, with the bank's signature
  --bank-dev-account N    draw --milestone: the bank's development account, to sign with
${commonUsage}

  Every command prints what it will do before signing. Exit codes: 0 sent or shown, 1 refused
  (not due, not funded, the wrong key) or failed, 2 bad usage.`;

const loanOption = { loan: { type: "string" } } as const;

/** Runs `action` in the session, the loan builders' refusals in ERG. */
function runLoan(session: Session, keyUse: "required" | "optional", action: (key: Identity | KeyHolder) => Promise<number>): Promise<number> {
  const guarded = async (key: Identity | KeyHolder) => {
    try {
      return await action(key);
    } catch (error) {
      throw loanRefusal(error);
    }
  };
  return keyUse === "required" ? session.run("required", guarded) : session.run("optional", (key) => guarded(key as Identity));
}

/** Reads the loans and the one `--loan` names. */
async function theLoan(session: Session, loanId: string): Promise<{ state: LoanState; loan: Loan }> {
  const state = await readLoans(session);
  return { state, loan: loanById(state, loanId) };
}

/** Requires that `key` holds `role` in `loan` (the contract would refuse the transaction anyway). */
function requireRole(loan: Loan, key: Identity, role: "bank" | "business" | "investor"): void {
  if (!rolesOf(loan, key).includes(role)) throw new CliError(`${key.address} is not the ${role} of loan ${loan.loanId}: only the ${role} may do this`, ExitCode.failure);
}

const offerOptions = {
  business: { type: "string" }, principal: { type: "string" }, tranches: { type: "string" }, "tranche-every": { type: "string" }, rate: { type: "string" },
  instalments: { type: "string" }, every: { type: "string" }, "first-due": { type: "string" }, grace: { type: "string" }, bond: { type: "string" },
} as const;

/** `lets loan offer` */
async function offer(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, offerOptions);
  for (const flag of ["business", "bond", "instalments", "every"] as const) if (values[flag] === undefined) throw new CliError(`--${flag} is required to offer a loan`, ExitCode.usage);
  if (values.principal !== undefined) amountSyntax(values.principal, "--principal");
  const bondNanoErg = parseErg(values.bond!, "--bond");
  if (bondNanoErg <= 0n) throw new CliError("--bond must be positive: the investor's claims are paid from it", ExitCode.usage);
  const graceBlocks = values.grace === undefined ? 720n : blocksOption("grace", values.grace);
  const session = new Session(values);
  const business = parseAddress(values.business!, session.network, "--business");
  // The schedule's shape is checked before the node is asked (at height 0); its heights once the tip is known.
  tranchesOption(values, 0, 1n);
  instalmentsOption(values, [{ amountNanoErg: 1n, unlockHeight: 0n }], 0);
  return runLoan(session, "required", async (key) => {
    const tipHeight = await session.lets.node.height();
    const tranches = tranchesOption(values, tipHeight, blocksOption("every", values.every!));
    const instalments = instalmentsOption(values, tranches, tipHeight);
    const terms = { tranches, instalments, graceBlocks, business: ownerFromPublicKey(business.publicKey), bank: ownerFromPublicKey(key.publicKey) };
    checkTerms(terms, tipHeight + 1);
    session.info(`Offering a loan of ${formatErg(principalOf(terms))} to ${business.address}:`);
    session.info(`  tranches: ${tranches.map((t) => `${formatErg(t.amountNanoErg)} from block ${heightInWords(t.unlockHeight)}`).join("; ")}`);
    session.info(`  repaid in ${instalments.length} instalments, ${formatErg(totalOwed(terms))} in all: ${instalments.map((i) => `${formatErg(i.amountNanoErg)} by block ${heightInWords(i.dueHeight)}`).join("; ")}`);
    session.info(`  grace ${graceBlocks} blocks; your wallet posts a bond of ${formatErg(bondNanoErg)}, a deposit and the fee`);
    const wallet = await session.lets.wallet(key);
    const { submitted } = await session.execute(key, (height) => offerLoan({ ...terms, bondNanoErg }, { height, wallet }));
    if (!submitted) return ExitCode.ok;
    const loanId = submitted.unsigned.inputs[0]!.boxId;
    session.result([`offered loan ${loanId}: ${formatErg(principalOf(terms))} to ${business.address}, bond ${formatErg(bondNanoErg)}`, sentLine(submitted.id)], { txId: submitted.id, loanId });
    return ExitCode.ok;
  });
}

/** A subcommand acting on one loan: reads it, checks the key's role, says what it does, sends what `build` makes. */
function onLoan(
  options: Record<string, { type: "string" | "boolean" }>,
  act: (session: Session, key: Identity | KeyHolder, state: LoanState, loan: Loan, values: Record<string, string | boolean | undefined>) => Promise<number>,
  check: (values: Record<string, string | boolean | undefined>) => void = () => {},
) {
  return async (args: readonly string[]): Promise<number> => {
    const values = parseActionArgs(args, { ...loanOption, ...options }) as Record<string, string | boolean | undefined>;
    const loanId = idOption("loan", values.loan as string | undefined);
    check(values);
    const session = new Session(values);
    return runLoan(session, "required", async (key) => {
      const { state, loan } = await theLoan(session, loanId);
      return act(session, key, state, loan, values);
    });
  };
}

/** Signs and sends one transaction, or prints it (--unsigned); the line said when it was sent. */
async function sendPlan(session: Session, key: Identity | KeyHolder, plan: (height: number) => EIP12UnsignedTransaction, line: string, json: Record<string, unknown>): Promise<number> {
  const { submitted } = await session.execute(key, plan);
  if (!submitted) return ExitCode.ok;
  session.result([line, sentLine(submitted.id)], { txId: submitted.id, ...json });
  return ExitCode.ok;
}

const fund = onLoan({}, async (session, key, state, loan) => {
  session.info(`Funding loan ${loan.loanId}: your wallet pays its principal of ${formatErg(principalOf(loan))} and the fee; ${formatErg(totalOwed(loan))} in instalments comes back to you`);
  const wallet = await session.lets.wallet(key);
  return sendPlan(session, key, (height) => fundLoan({ loan: loan.box }, { height, wallet }), `funded loan ${loan.loanId} with ${formatErg(principalOf(loan))}`, { loanId: loan.loanId, fundedNanoErg: principalOf(loan).toString() });
});

const draw = onLoan({ milestone: { type: "boolean" }, "bank-dev-account": { type: "string" } }, async (session, key, state, loan, values) => {
  requireRole(loan, key, "business");
  const next = loan.tranches[loan.drawn];
  const milestone = values.milestone === true;
  session.info(`Drawing tranche ${loan.drawn} of loan ${loan.loanId}${next ? `: ${formatErg(next.amountNanoErg)} to your wallet` : ""}${milestone ? ", signed by the bank as a milestone" : ""}`);
  const wallet = await session.lets.wallet(key);
  const plan = (height: number) => drawTranche({ loan: loan.box, milestone }, { height, wallet });
  const done = `drew tranche ${loan.drawn} of loan ${loan.loanId}: ${next ? formatErg(next.amountNanoErg) : ""}`;
  const json = { loanId: loan.loanId, tranche: loan.drawn, amountNanoErg: (next?.amountNanoErg ?? 0n).toString() };
  if (!milestone || session.unsigned) return sendPlan(session, key, plan, done, json);
  const bank = await resolveKey({ "dev-account": values["bank-dev-account"] as string }, session.network, { canBuildOnly: false });
  if (!bank || !canSign(bank) || !canSign(key)) throw new CliError("--milestone needs both signatures: pass --bank-dev-account N, or --unsigned for a wallet", ExitCode.usage);
  requireRole(loan, bank, "bank");
  const tip = await session.lets.tip();
  try {
    const signed = signWithSecrets(plan(tip.height), [key.secretKey, bank.secretKey], tip.context);
    const txId = await session.lets.node.submit(signed);
    session.result([done, sentLine(txId)], { txId, ...json });
  } finally {
    tip.context.free();
  }
  return ExitCode.ok;
}, (values) => {
  if (values["bank-dev-account"] !== undefined && values.milestone !== true) throw new CliError("--bank-dev-account goes with --milestone", ExitCode.usage);
  if (values.milestone === true && values["bank-dev-account"] === undefined && values.unsigned !== true) throw new CliError("--milestone needs the bank's signature: pass --bank-dev-account N, or --unsigned for a wallet", ExitCode.usage);
});

/** What repays up to the next instalment not yet covered by repayments and claims. */
function nextInstalmentDue(loan: Loan): bigint {
  const covered = loan.repaidNanoErg + loan.claimedNanoErg;
  let cumulative = 0n;
  for (const i of loan.instalments) {
    cumulative += i.amountNanoErg;
    if (cumulative > covered) return cumulative - covered;
  }
  return 0n;
}

const amountCheck = (values: Record<string, string | boolean | undefined>) => {
  if (values.amount !== undefined) amountSyntax(values.amount as string, "--amount");
};

const repay = onLoan({ amount: { type: "string" } }, async (session, key, state, loan, values) => {
  const amount = values.amount === undefined ? nextInstalmentDue(loan) : parseErg(values.amount as string, "--amount");
  if (amount === 0n) throw new CliError(`loan ${loan.loanId} is repaid: nothing is outstanding`, ExitCode.failure);
  session.info(`Repaying ${formatErg(amount)} of loan ${loan.loanId} to its investor (outstanding ${formatErg(outstanding(loan))} -> ${formatErg(outstanding(loan) - amount)})`);
  const wallet = await session.lets.wallet(key);
  return sendPlan(session, key, (height) => repayInstalment({ loan: loan.box, amountNanoErg: amount }, { height, wallet }), `repaid ${formatErg(amount)} of loan ${loan.loanId}`, { loanId: loan.loanId, repaidNanoErg: amount.toString() });
}, amountCheck);

const claim = onLoan({ amount: { type: "string" } }, async (session, key, state, loan, values) => {
  requireRole(loan, key, "investor");
  const bond = bondOf(state, loan);
  const amount = values.amount === undefined ? claimLimit(loan, bond.valueNanoErg, state.tipHeight) : parseErg(values.amount as string, "--amount");
  session.info(`Claiming ${formatErg(amount)} of loan ${loan.loanId}'s missed instalments from its bond (${formatErg(bond.valueNanoErg)})`);
  const wallet = await session.lets.wallet(key);
  return sendPlan(session, key, (height) => claimBond({ loan: loan.box, bond: bond.box, amountNanoErg: amount }, { height, wallet }), `claimed ${formatErg(amount)} of loan ${loan.loanId} from its bond`, { loanId: loan.loanId, claimedNanoErg: amount.toString() });
}, amountCheck);

/** `release` and `cancel`: the bank ends the loan, the bond comes back. */
const ending = (which: "release" | "cancel") =>
  onLoan({}, async (session, key, state, loan) => {
    requireRole(loan, key, "bank");
    const bond = bondOf(state, loan);
    session.info(`${which === "release" ? "Releasing the bond of" : "Cancelling"} loan ${loan.loanId}: ${formatErg(bond.valueNanoErg + (which === "cancel" ? loan.valueNanoErg : 0n))} back to your wallet, the loan token burnt`);
    const wallet = await session.lets.wallet(key);
    const build = which === "release" ? releaseBond : cancelLoan;
    const line = which === "release" ? `released the bond of loan ${loan.loanId}: ${formatErg(bond.valueNanoErg)}` : `cancelled loan ${loan.loanId}`;
    return sendPlan(session, key, (height) => build({ loan: loan.box, bond: bond.box }, { height, wallet }), line, { loanId: loan.loanId, bondNanoErg: bond.valueNanoErg.toString() });
  });

/** `lets loan show` */
async function show(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, loanOption);
  if (values.unsigned) throw new CliError("this reads; it has no transaction to print (--unsigned)", ExitCode.usage);
  const loanId = idOption("loan", values.loan);
  const session = new Session(values);
  return runLoan(session, "optional", async () => {
    const { state, loan } = await theLoan(session, loanId);
    const bond = state.bonds.get(loan.loanId);
    session.result(loanInWords(loan, bond, state.tipHeight, session.network), { tipHeight: state.tipHeight, ...loanJson(loan, bond, state.tipHeight) });
    return ExitCode.ok;
  });
}

/** `lets loan list` */
async function list(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, {});
  if (values.unsigned) throw new CliError("this reads; it has no transaction to print (--unsigned)", ExitCode.usage);
  const session = new Session(values);
  return runLoan(session, "optional", async (key) => {
    const state = await readLoans(session);
    const loans = key === undefined ? state.loans : state.loans.filter((l) => rolesOf(l, key).length > 0);
    const head = `${loans.length === 0 ? "no loans" : `${loans.length} loan${loans.length === 1 ? "" : "s"}`}${key ? ` of ${key.address}` : ""} (block ${state.tipHeight}):`;
    const lines = [head, ...loans.flatMap((l) => [...(key ? [`${rolesOf(l, key).join(" and ")}:`] : []), ...loanInWords(l, state.bonds.get(l.loanId), state.tipHeight, session.network)])];
    session.result(lines, { tipHeight: state.tipHeight, loans: loans.map((l) => ({ ...loanJson(l, state.bonds.get(l.loanId), state.tipHeight), ...(key ? { roles: rolesOf(l, key) } : {}) })) });
    return ExitCode.ok;
  });
}

const subcommands: Record<string, (args: readonly string[]) => Promise<number>> = { offer, fund, draw, repay, claim, release: ending("release"), cancel: ending("cancel"), show, list };

/** `lets loan` */
export const loanCommand: Command = {
  summary: "ERG loans: a bank offers with a bond, an investor funds, the business draws and repays",
  usage,
  async run(args) {
    const [name, ...rest] = args;
    if (name === undefined || name.startsWith("-")) throw new CliError(`name what to do: lets loan ${Object.keys(subcommands).join("|")} (lets loan --help)`, ExitCode.usage);
    const sub = subcommands[name];
    if (!sub) throw new CliError(`unknown subcommand '${name}': lets loan ${Object.keys(subcommands).join("|")}`, ExitCode.usage);
    return sub(rest);
  },
};
