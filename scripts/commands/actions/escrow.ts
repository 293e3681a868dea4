/**
 * `lets escrow`: post-factum payments (contract version 7, docs/escrow.md) from the shell. A member
 * opens an escrow (`open`), commits units to an order for a payee (`commit`), then releases what
 * the work turned out to be worth (`release`: escrow-settle.ts); the payee may refund it all
 * (`refund`), and anyone may settle at the agreed minimum after the deadline (`claim`).
 */
import { ownerFromPublicKey } from "../../../contracts/index.ts";
import { openEscrow } from "../../../contracts/builders/escrow-open.ts";
import { commitOrder, orderOf } from "../../../contracts/builders/escrow-order.ts";
import { decodeEscrow, type Escrow } from "../../../contracts/escrow/escrow.ts";
import type { Identity, KeyHolder } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { ownAccount, parsePayeeTarget, payeeAccount } from "./accounts.ts";
import { amountSyntax, formatErg, parseErg, parseUnits } from "./amounts.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import { deadlineOption, escrowById, escrowOptions, ownEscrow, readEscrows, referenceOption, type EscrowState } from "./escrow-state.ts";
import { escrowInWords, escrowJson, orderInWords, runEscrow } from "./escrow-words.ts";
import { claim, close, refresh, refund, release } from "./escrow-settle.ts";

const usage = `lets escrow open --community ID [--deposit E] [key]
       lets escrow show --community ID [--escrow ID] [--json]
       lets escrow commit --community ID --to ACCOUNT|ADDRESS --max N [--min N] --deadline D
                          [--reference R] [--escrow ID] [key]
       lets escrow release --community ID --amount N [--escrow ID] [key]
       lets escrow refund --community ID --order ID [key]
       lets escrow claim --community ID --order ID [key]
       lets escrow close --community ID [--escrow ID] [key]
       lets escrow refresh --community ID --escrow ID [key]

  open                    open an escrow: it takes one seat of the community (your wallet pays
                          the joining fee, its deposit and the fee)
  show                    your escrows and their open orders, and orders committed to you
                          (--escrow: that one escrow, anyone's)
  commit                  commit up to --max units of your account to an order for a payee (opens
                          an escrow first when you have no idle one, and says so)
  release                 payer: settle the open order, --amount to the payee and the rest back
                          (at least the minimum until the payee's claim window has passed)
  refund                  payee: give the whole order back to the payer
  claim                   anyone, after the deadline: settle the order at its minimum
  close                   give an idle escrow's seat back to the community, its deposit to your
                          wallet (anyone may close a dormant one: the deposit goes to its owner)
  refresh                 anyone: recreate a dormant escrow, out of storage rent's reach

  --community ID          the community (its token id)
  --escrow ID             which escrow (its id), when you have several
  --account ID            your account, when your address owns several in this community
  --deposit E             open: ERG held in the escrow box (default: the least it must hold)
  --to X                  commit: the payee, an account id or an address (its one account here)
  --max N                 commit: the most the payee can get, in the community's units
  --min N                 commit: what the payee may claim after the deadline whatever you do
                          (default 0)
  --deadline D            commit: a height (1234), blocks from now (+30) or a duration like 12h,
                          3d, 1w; at most about 4 years ahead
  --reference R           commit: up to 64 bytes of hex naming what was ordered; other text is
                          stored as its blake2b256 hash
  --amount N              release: the units the payee gets
  --order ID              refund, claim: the order (its id, or the id of the escrow holding it)
${commonUsage}

  Every command prints what it will do before signing. Exit codes: 0 sent or shown, 1 refused
  (a limit, the deadline, the wrong key) or failed, 2 bad usage.`;

/** `lets escrow open`, or the opening `commit` does first: returns the new escrow once the node has it. */
async function openFor(session: Session, key: Identity | KeyHolder, state: EscrowState, depositNanoErg: bigint | undefined, accountId: string | undefined): Promise<{ escrow?: Escrow; txId?: string }> {
  const { community, metadata } = { community: state.view.community, metadata: state.view.community.metadata };
  const account = ownAccount(state.view, key as Identity, accountId);
  session.info(`Opening an escrow in ${metadata.name} for the key of account ${account.accountId}:`);
  session.info(`  - it takes one of the ${community.seatsLeft} seats left; your wallet pays the joining fee of ${formatErg(community.policy.joinFeeNanoErg)}, ${depositNanoErg === undefined ? "the least deposit the box must hold" : `a deposit of ${formatErg(depositNanoErg)}`} and the fee`);
  const wallet = await session.lets.wallet(key);
  const { submitted } = await session.execute(key, (height) =>
    openEscrow({ community: community.box, account: account.box, ...(depositNanoErg === undefined ? {} : { depositNanoErg }) }, { height, wallet }));
  if (!submitted) return {};
  const opened = decodeEscrow(submitted.signed.outputs[2]!);
  if (!opened.ok) throw new Error(`the opening's escrow box does not decode: ${opened.reason}`);
  return { escrow: opened.value, txId: submitted.id };
}

/** `lets escrow open` */
async function open(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { ...escrowOptions, deposit: { type: "string" } });
  const communityId = idOption("community", values.community);
  const deposit = values.deposit === undefined ? undefined : parseErg(values.deposit, "--deposit");
  const session = new Session(values);
  return runEscrow(session, "required", async (key, known) => {
    const state = await readEscrows(session, communityId);
    known(state.view.community.metadata);
    const { escrow, txId } = await openFor(session, key, state, deposit, values.account);
    if (!escrow || !txId) return ExitCode.ok;
    session.result([`opened escrow ${escrow.escrowId} with a deposit of ${formatErg(escrow.depositNanoErg)}`, sentLine(txId)], { txId, escrow: escrowJson(escrow) });
    return ExitCode.ok;
  });
}

/** `lets escrow show` */
async function show(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, escrowOptions);
  if (values.unsigned) throw new CliError("this reads; it has no transaction to print (--unsigned)", ExitCode.usage);
  const communityId = idOption("community", values.community);
  const escrowId = values.escrow === undefined ? undefined : idOption("escrow", values.escrow);
  const session = new Session(values);
  return runEscrow(session, "optional", async (key, known) => {
    if (escrowId === undefined && key === undefined) throw new CliError("whose escrows? Pass a key (--dev-account, --mnemonic, --address) or --escrow ID", ExitCode.usage);
    const state = await readEscrows(session, communityId);
    const { metadata } = state.view.community;
    known(metadata);
    const units = session.units!;
    const mine = escrowId !== undefined ? [escrowById(state, escrowId)] : state.escrows.filter((e) => e.owner === ownerFromPublicKey(key.publicKey));
    const myAccounts = escrowId !== undefined ? [] : state.view.accounts.filter((a) => a.owner === ownerFromPublicKey(key.publicKey)).map((a) => a.accountId);
    const toMe = state.escrows.filter((e) => e.order && myAccounts.includes(e.order.payeeId));
    const lines = escrowId !== undefined ? [] : [`${mine.length === 0 ? "no escrows" : `${mine.length} escrow${mine.length === 1 ? "" : "s"}`} of ${key.address} in ${metadata.name} (block ${state.tipHeight}):`];
    for (const e of mine) lines.push(...escrowInWords(e, state, units, session.network));
    if (toMe.length > 0) lines.push("orders committed to you:");
    for (const e of toMe) lines.push(`  order ${e.boxId}: ${orderInWords(e.order!, state, units, session.network)}`);
    session.result(lines, { communityId, tipHeight: state.tipHeight, escrows: mine.map((e) => escrowJson(e, state.tipHeight)), ordersToYou: toMe.map((e) => escrowJson(e, state.tipHeight)) });
    return ExitCode.ok;
  });
}

const commitOptions = { ...escrowOptions, to: { type: "string" }, max: { type: "string" }, min: { type: "string" }, deadline: { type: "string" }, reference: { type: "string" } } as const;

/** `lets escrow commit` */
async function commit(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, commitOptions);
  const communityId = idOption("community", values.community);
  for (const flag of ["to", "max", "deadline"] as const) if (values[flag] === undefined) throw new CliError(`--${flag} is required to commit an order`, ExitCode.usage);
  amountSyntax(values.max!, "--max");
  if (values.min !== undefined) amountSyntax(values.min, "--min", { allowZero: true });
  deadlineOption(values.deadline!, 0);
  const reference = referenceOption(values.reference);
  const escrowId = values.escrow === undefined ? undefined : idOption("escrow", values.escrow);
  const session = new Session(values);
  const target = parsePayeeTarget(values.to!, session.network);
  return runEscrow(session, "required", async (key, known) => {
    let state = await readEscrows(session, communityId);
    const { metadata } = state.view.community;
    known(metadata);
    const units = session.units!;
    const payer = ownAccount(state.view, key as Identity, values.account);
    const payee = payeeAccount(state.view, target);
    const max = parseUnits(values.max!, metadata.decimals, "--max");
    const minimum = values.min === undefined ? 0n : parseUnits(values.min, metadata.decimals, "--min", { allowZero: true });
    if (minimum > max) throw new CliError(`--min (${units(minimum)}) is more than --max (${units(max)}): the payee cannot be owed more than is committed`, ExitCode.usage);
    const deadline = deadlineOption(values.deadline!, state.tipHeight);
    const terms = { payeeId: payee.accountId, maxUnits: max, minimumUnits: minimum, deadline, reference };
    // Checked as the contract checks it, before anything (even an opening) is signed; orderOf reads the terms and the payer only.
    const order = orderOf({ ...terms, escrow: payer.box, payer: payer.box }, payer, state.tipHeight);
    let escrow = ownEscrow(state, key as Identity, escrowId, true);
    if (!escrow) {
      if (session.unsigned) throw new CliError("you have no idle escrow here: open one first ('lets escrow open'); --unsigned cannot build the opening and the commit at once", ExitCode.failure);
      session.info("You have no idle escrow in this community: opening one first.");
      const opened = await openFor(session, key, state, undefined, payer.accountId);
      session.info(`opened escrow ${opened.escrow!.escrowId} (transaction ${opened.txId} sent)`);
      state = await readEscrows(session, communityId);
      escrow = escrowById(state, opened.escrow!.escrowId);
    }
    const account = state.view.accounts.find((a) => a.accountId === payer.accountId)!;
    session.info(`Committing an order from account ${payer.accountId} in escrow ${escrow.escrowId}:`);
    session.info(`  ${orderInWords(order, state, units, session.network)}`);
    session.info(`  account ${payer.accountId}: ${units(account.balance)} -> ${units(account.balance - max)}${reference ? `; reference ${reference}` : ""}`);
    const wallet = await session.lets.wallet(key);
    const box = escrow.box;
    const { submitted } = await session.execute(key, (height) => commitOrder({ ...terms, escrow: box, payer: account.box }, { height, wallet }));
    if (!submitted) return ExitCode.ok;
    const after = decodeEscrow(submitted.signed.outputs[1]!);
    if (!after.ok) throw new Error(`the commit's escrow box does not decode: ${after.reason}`);
    session.result([`committed order ${after.value.boxId}: ${units(max)} to account ${payee.accountId}`, sentLine(submitted.id)], { txId: submitted.id, orderId: after.value.boxId, escrow: escrowJson(after.value) });
    return ExitCode.ok;
  });
}

const subcommands: Record<string, (args: readonly string[]) => Promise<number>> = { open, show, commit, release, refund, claim, close, refresh };

/** `lets escrow` */
export const escrowCommand: Command = {
  summary: "post-factum payments: open an escrow, commit an order, release, refund, claim, close",
  usage,
  async run(args) {
    const [name, ...rest] = args;
    if (name === undefined || name.startsWith("-")) {
      throw new CliError(`name what to do: lets escrow ${Object.keys(subcommands).join("|")} (lets escrow --help)`, ExitCode.usage);
    }
    const sub = subcommands[name];
    if (!sub) throw new CliError(`unknown subcommand '${name}': lets escrow ${Object.keys(subcommands).join("|")}`, ExitCode.usage);
    return sub(rest);
  },
};
