/**
 * `lets underwrite`: underwritten credit (contract version 8, docs/underwriting.md) from the shell.
 * An underwriter offers a stake raising one account's credit limit (`offer`), the member accepts it
 * (`accept`), the underwriter takes it back while the raise is not in use (`withdraw`) or cancels an
 * offer nobody accepted (`cancel`); anyone refreshes a dormant stake (`refresh`); `list` shows a
 * community's (or an account's) offers and stakes. Exits settle stakes on their own (`lets leave`,
 * `lets default`, `lets close-dormant` find them).
 */
import { minimumStake, ownerFromPublicKey, stakeFloorNanoErg, type Underwriting } from "../../../contracts/index.ts";
import type { Identity, KeyHolder, Plan } from "../../../client/lets-over-http.ts";
import { UnderwritingOverHttp } from "../../../client/underwriting.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { accountById, ownAccount, parsePayeeTarget, payeeAccount } from "./accounts.ts";
import { amountSyntax, formatErg, parseErg, parseUnits } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import {
  backingInWords, backingJson, offerById, readUnderwriting, stakeById, underwritingInWords, underwritingJson, type UnderwritingState,
} from "./underwrite-state.ts";

const usage = `lets underwrite offer --community ID --account ACCOUNT|ADDRESS --raise N --stake E
                         [--premium N [--premium-to ACCOUNT|ADDRESS]] [key]
       lets underwrite accept --community ID --offer ID [key]
       lets underwrite withdraw --community ID --stake ID [key]
       lets underwrite cancel --community ID --offer ID [key]
       lets underwrite refresh --community ID --stake ID [key]
       lets underwrite list --community ID [--account ACCOUNT|ADDRESS] [--json]

  offer                   underwriter: lock --stake ERG to raise an account's credit limit by
                          --raise units, at the community's price of credit (the collateral per
                          unit of the limit the account joined with); nothing changes until the
                          member accepts
  accept                  member: accept an offer; your limit rises by its raise (and you pay
                          its premium, if any)
  withdraw                underwriter: take the stake back while the raise is not in use (the
                          balance is above the limit the account would have without it)
  cancel                  underwriter: take back an offer nobody accepted
  refresh                 anyone: recreate a dormant stake, out of storage rent's reach
  list                    the offers and stakes of the community (--account: of one account),
                          each backed account's limit: joined with + backed, and the raise in use

  --community ID          the community (its token id)
  --account X             offer, list: the account (its id, or an address with one account here)
  --raise N               offer: the units the credit limit rises by
  --stake E               offer: the ERG locked (at least the price of the raise, and more than
                          twice the stake box's storage fee, about 4 ERG)
  --premium N             offer: units the member pays at acceptance (default 0)
  --premium-to X          offer: the account the premium goes to (default: your own account here)
  --offer ID              accept, cancel: the offer's box id
  --stake ID              withdraw, refresh: the stake's token id (or its box id)
${commonUsage}

  When the account exits, each stake settles: a leave returns it whole; a default or dormant close
  pays the committee the stake's share of the raise in use and the underwriter the rest.
  Exit codes: 0 sent or shown, 1 refused (the price, the cap, the raise in use, the wrong key) or
  failed, 2 bad usage.`;

type Values = Record<string, string | boolean | undefined>;
const options = { community: { type: "string" }, account: { type: "string" } } as const;

/** What a subcommand decided: the transaction, the lines before signing, the result. */
interface Step {
  plan: Plan;
  lines: string[];
  done: string;
  json: Record<string, unknown>;
}

/** What a subcommand decides from. */
interface Scene {
  state: UnderwritingState;
  key: Identity;
  values: Values;
  session: Session;
  client: UnderwritingOverHttp;
  units: (value: bigint) => string;
}

/** A subcommand that signs: checks its flags, reads the community's underwriting, decides, prints, signs. */
async function signing(args: readonly string[], extra: Record<string, { type: "string" }>, check: (values: Values) => void, decide: (scene: Scene) => Promise<Step>): Promise<number> {
  const values = parseActionArgs(args, { ...options, ...extra }) as Values;
  const communityId = idOption("community", values.community as string | undefined);
  check(values);
  const session = new Session(values);
  return session.run("required", async (key: Identity | KeyHolder) => {
    const state = await readUnderwriting(session, communityId);
    const units = (session.units = unitFormat(state.view.community.metadata));
    const step = await decide({ state, key, values, session, client: new UnderwritingOverHttp(session.lets), units });
    for (const line of step.lines) session.info(line);
    const { submitted } = await session.execute(key, step.plan);
    if (!submitted) return ExitCode.ok;
    session.result([step.done, sentLine(submitted.id)], { txId: submitted.id, communityId, ...step.json });
    return ExitCode.ok;
  });
}

/** Refuses a flag that is missing. */
function required(values: Values, ...flags: string[]): void {
  for (const flag of flags) if (values[flag] === undefined) throw new CliError(`--${flag} is required here`, ExitCode.usage);
}

/** Refuses a key that is not the underwriter of `u`. */
function mustBeUnderwriter(u: Underwriting, key: Identity, what: string): void {
  if (u.underwriter !== ownerFromPublicKey(key.publicKey)) throw new CliError(`only the underwriter who offered it may ${what}; ${key.address} did not`, ExitCode.failure);
}

/** `lets underwrite offer` */
const offer = (args: readonly string[]) =>
  signing(args, { raise: { type: "string" }, stake: { type: "string" }, premium: { type: "string" }, "premium-to": { type: "string" } }, (values) => {
    required(values, "account", "raise", "stake");
    amountSyntax(values.raise as string, "--raise");
    parseErg(values.stake as string, "--stake");
    if (values.premium !== undefined) amountSyntax(values.premium as string, "--premium", { allowZero: true });
    if (values["premium-to"] !== undefined && values.premium === undefined) throw new CliError("--premium-to names who receives a premium: give --premium too", ExitCode.usage);
  }, async ({ state, key, values, session, client, units }) => {
    const { metadata } = state.view.community;
    const account = payeeAccount(state.view, parsePayeeTarget(values.account as string, session.network));
    const raise = parseUnits(values.raise as string, metadata.decimals, "--raise");
    const stake = parseErg(values.stake as string, "--stake");
    const premium = values.premium === undefined ? 0n : parseUnits(values.premium as string, metadata.decimals, "--premium", { allowZero: true });
    const premiumAccount = premium === 0n ? undefined
      : values["premium-to"] !== undefined ? payeeAccount(state.view, parsePayeeTarget(values["premium-to"] as string, session.network)) : ownAccount(state.view, key);
    const least = minimumStake(account.terms, raise);
    const intent = { account, underwriter: ownerFromPublicKey(key.publicKey), raiseUnits: raise, stakeNanoErg: stake, premiumUnits: premium, ...(premiumAccount ? { premiumAccountId: premiumAccount.accountId } : {}) };
    const floor = stakeFloorNanoErg({ underwriter: intent.underwriter, accountId: account.accountId, communityId: account.communityId, raise, premium, premiumAccountId: premiumAccount?.accountId ?? "" }, state.tipHeight);
    const lines = [
      `Offering to underwrite account ${account.accountId} in ${metadata.name}:`,
      `  - its limit rises from ${units(account.terms.creditLimit)} to ${units(account.terms.creditLimit + raise)} once its owner accepts`,
      `  - your wallet locks ${formatErg(stake)} (the price of the raise: ${least === undefined ? "none set" : formatErg(least)}; a stake box holds at least ${formatErg(floor)})`,
      ...(premiumAccount ? [`  - the member pays a premium of ${units(premium)} to account ${premiumAccount.accountId} at acceptance`] : []),
    ];
    const plan = await client.planOffer(key, intent);
    return { plan, lines, done: `offered ${units(raise)} of credit to account ${account.accountId} for ${formatErg(stake)}: it is the member's to accept ('lets underwrite accept --offer <box id>')`, json: { accountId: account.accountId, raise: raise.toString(), stakeNanoErg: stake.toString(), premium: premium.toString() } };
  });

/** `lets underwrite accept` */
const accept = (args: readonly string[]) =>
  signing(args, { offer: { type: "string" } }, (values) => {
    required(values, "offer");
    idOption("offer", values.offer as string);
  }, async ({ state, key, values, client, units }) => {
    const offered = offerById(state, (values.offer as string).toLowerCase());
    const account = accountById(state.view, offered.accountId);
    if (account.owner !== ownerFromPublicKey(key.publicKey)) throw new CliError(`offer ${offered.boxId} backs account ${account.accountId}, which ${key.address} does not own`, ExitCode.failure);
    const payee = offered.premium > 0n ? accountById(state.view, offered.premiumAccountId) : undefined;
    const lines = [
      `Accepting offer ${offered.boxId} for account ${account.accountId}:`,
      `  - your limit rises from ${units(account.terms.creditLimit)} to ${units(account.terms.creditLimit + offered.raise)}, backed by ${formatErg(offered.stakeNanoErg)}`,
      ...(payee ? [`  - you pay a premium of ${units(offered.premium)} to account ${payee.accountId}: ${units(account.balance)} -> ${units(account.balance - offered.premium)}`] : []),
      "  - if you default while the raise is in use, the stake pays the committee for it",
    ];
    const plan = await client.planAccept(key, offered, account, payee);
    return { plan, lines, done: `accepted: account ${account.accountId} may now go down to -${units(account.terms.creditLimit + offered.raise)}; the stake's id is ${offered.boxId}`, json: { accountId: account.accountId, stakeId: offered.boxId, creditLimit: (account.terms.creditLimit + offered.raise).toString() } };
  });

/** `lets underwrite withdraw` */
const withdraw = (args: readonly string[]) =>
  signing(args, { stake: { type: "string" } }, (values) => {
    required(values, "stake");
    idOption("stake", values.stake as string);
  }, async ({ state, key, values, client, units }) => {
    const stake = stakeById(state, (values.stake as string).toLowerCase());
    mustBeUnderwriter(stake, key, "withdraw a stake");
    const account = accountById(state.view, stake.accountId);
    const lines = [`Withdrawing stake ${stake.stakeId} from account ${account.accountId}:`, `  - its limit falls from ${units(account.terms.creditLimit)} to ${units(account.terms.creditLimit - stake.raise)}; ${formatErg(stake.stakeNanoErg)} back to your wallet`];
    const plan = await client.planWithdraw(key, stake, account);
    return { plan, lines, done: `withdrew stake ${stake.stakeId}: ${formatErg(stake.stakeNanoErg)} back to ${key.address} (less the fee)`, json: { stakeId: stake.stakeId, accountId: account.accountId, returnedNanoErg: stake.stakeNanoErg.toString() } };
  });

/** `lets underwrite cancel` */
const cancel = (args: readonly string[]) =>
  signing(args, { offer: { type: "string" } }, (values) => {
    required(values, "offer");
    idOption("offer", values.offer as string);
  }, async ({ state, key, values, client }) => {
    const offered = offerById(state, (values.offer as string).toLowerCase());
    mustBeUnderwriter(offered, key, "cancel an offer");
    const plan = await client.planCancel(key, offered);
    return { plan, lines: [`Cancelling offer ${offered.boxId}: ${formatErg(offered.stakeNanoErg)} back to your wallet`], done: `cancelled offer ${offered.boxId}`, json: { offerId: offered.boxId, returnedNanoErg: offered.stakeNanoErg.toString() } };
  });

/** `lets underwrite refresh` */
const refresh = (args: readonly string[]) =>
  signing(args, { stake: { type: "string" } }, (values) => {
    required(values, "stake");
    idOption("stake", values.stake as string);
  }, async ({ state, key, values, client }) => {
    const stake = stakeById(state, (values.stake as string).toLowerCase());
    const plan = await client.planRefresh(key, stake);
    return { plan, lines: [`Refreshing stake ${stake.stakeId} (box ${stake.boxId}, made at height ${stake.creationHeight})`], done: `refreshed stake ${stake.stakeId}`, json: { stakeId: stake.stakeId } };
  });

/** `lets underwrite list` */
async function list(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, options);
  if (values.unsigned) throw new CliError("this reads; it has no transaction to print (--unsigned)", ExitCode.usage);
  const communityId = idOption("community", values.community);
  const session = new Session(values);
  const target = values.account === undefined ? undefined : parsePayeeTarget(values.account, session.network);
  return session.run("optional", async () => {
    const state = await readUnderwriting(session, communityId);
    const { metadata } = state.view.community;
    const units = (session.units = unitFormat(metadata));
    const only = target === undefined ? undefined : payeeAccount(state.view, target);
    const boxes = state.boxes.filter((u) => only === undefined || u.accountId === only.accountId);
    const accounts = state.view.accounts.filter((a) => (only ? a.accountId === only.accountId : a.terms.backing !== undefined || boxes.some((u) => u.accountId === a.accountId)));
    const lines = [`${boxes.length === 0 ? "no offers or stakes" : `${boxes.filter((u) => u.state === "offer").length} offer(s), ${boxes.filter((u) => u.state === "active").length} stake(s)`} in ${metadata.name}${only ? ` for account ${only.accountId}` : ""} (block ${state.tipHeight}):`];
    for (const a of accounts) {
      lines.push(backingInWords(a, units));
      for (const u of boxes.filter((b) => b.accountId === a.accountId)) lines.push(`  ${underwritingInWords(u, units, session.network)}`);
    }
    session.result(lines, { communityId, tipHeight: state.tipHeight, accounts: accounts.map(backingJson), offers: boxes.filter((u) => u.state === "offer").map(underwritingJson), stakes: boxes.filter((u) => u.state === "active").map(underwritingJson) });
    return ExitCode.ok;
  });
}

const subcommands: Record<string, (args: readonly string[]) => Promise<number>> = { offer, accept, withdraw, cancel, refresh, list };

/** `lets underwrite` */
export const underwriteCommand: Command = {
  summary: "underwritten credit: offer a stake, accept it, withdraw, cancel, refresh, list",
  usage,
  async run(args) {
    const [name, ...rest] = args;
    if (name === undefined || name.startsWith("-")) {
      throw new CliError(`name what to do: lets underwrite ${Object.keys(subcommands).join("|")} (lets underwrite --help)`, ExitCode.usage);
    }
    const sub = subcommands[name];
    if (!sub) throw new CliError(`unknown subcommand '${name}': lets underwrite ${Object.keys(subcommands).join("|")}`, ExitCode.usage);
    return sub(rest);
  },
};
