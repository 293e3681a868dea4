/**
 * What `lets default` and `lets close-dormant` share: anyone closes some accounts of a community
 * (named, or every one closable now), each refused with when it will be closable, and the result
 * in words and JSON (balances booked to the community, collateral forfeited, ERG returned).
 */
import { forfeitNanoErg, payoutNanoErg, type Account } from "../../../contracts/index.ts";
import type { CommunityView, Identity, Plan } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { accountById } from "./accounts.ts";
import { formatErg } from "./amounts.ts";
import { ownerAddressOrHex, unitFormat } from "./describe.ts";
import { idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** How one kind of close decides and words itself. */
export interface CloseRules {
  /** Why `account` cannot be closed at chain height `height`, in one line, or undefined. */
  refusal(account: Account, height: number): string | undefined;
  /** The refusal of `--all` when no account is closable now (naming the next one due). */
  noneNow(accounts: readonly Account[], height: number): string;
  plan(session: Session, communityId: string, caller: Identity, accounts: Account[]): Promise<Plan>;
  /** The result line for one closed account, amounts in the community's units. */
  closedLine(account: Account, units: (value: bigint) => string, owner: string): string;
}

/** Runs a close command on `args` with `rules`. */
export async function runClose(args: readonly string[], rules: CloseRules): Promise<number> {
  const values = parseActionArgs(args, { community: { type: "string" }, account: { type: "string", multiple: true }, all: { type: "boolean" } });
  const session = new Session(values);
  const communityId = idOption("community", values.community);
  const accountIds = (values.account ?? []).map((id) => idOption("account", id));
  if ((accountIds.length > 0) === (values.all ?? false)) throw new CliError("name the accounts to close with --account ID, or pass --all", ExitCode.usage);
  return session.run("required", async (key) => {
    const view = await session.lets.community(communityId);
    const units = (session.units = unitFormat(view.community.metadata));
    const height = await session.lets.node.height();
    const closing = values.all ? closableNow(view, height, rules) : accountIds.map((id) => accountById(view, id));
    for (const account of closing) {
      const refusal = rules.refusal(account, height);
      if (refusal) throw new CliError(refusal, ExitCode.failure);
    }
    const { submitted } = await session.execute(key, await rules.plan(session, communityId, key, closing));
    if (!submitted) return ExitCode.ok;
    const booked = closing.reduce((sum, a) => sum + a.balance, 0n);
    const forfeited = closing.reduce((sum, a) => sum + forfeitNanoErg(a), 0n);
    session.result(
      [
        ...closing.map((a) => `${rules.closedLine(a, units, ownerAddressOrHex(a.owner, session.network))}; ${formatErg(payoutNanoErg(a))} back to its owner`),
        `${units(booked)} moves to the community balance; ${formatErg(forfeited)} of collateral to the treasury`,
        sentLine(submitted.id),
      ],
      {
        txId: submitted.id,
        communityId,
        closed: closing.map((a) => ({
          accountId: a.accountId,
          balance: a.balance.toString(),
          forfeitedNanoErg: forfeitNanoErg(a).toString(),
          returnedNanoErg: payoutNanoErg(a).toString(),
        })),
        communityBalance: (view.community.communityBalance + booked).toString(),
      },
    );
    return ExitCode.ok;
  });
}

function closableNow(view: CommunityView, height: number, rules: CloseRules): Account[] {
  const closable = view.accounts.filter((a) => rules.refusal(a, height) === undefined);
  if (closable.length === 0) throw new CliError(rules.noneNow(view.accounts, height), ExitCode.failure);
  return closable;
}
