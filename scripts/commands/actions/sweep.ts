/**
 * `lets sweep`: move the usage fees and demurrage accrued inside accounts of an economics
 * community into its community balance (docs/economics.md, "The sweep"). Anyone may; the caller's
 * wallet pays the fee. By default every account holding at least the sweep minimum.
 */
import { sweepLeg, sweepMinimum, type Account, type Community, type SweepLeg } from "../../../contracts/index.ts";
import type { CommunityView, Plan } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { accountById } from "./accounts.ts";
import { unitFormat } from "./describe.ts";
import { sweptInWords } from "./economics-words.ts";
import type { UnitFormat } from "./errors.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** Accounts one sweep transaction takes at most (each is an input and an output of about 1.3 kB). */
export const MAX_SWEPT = 20;

/** The accounts to sweep at `height`: those named (each refused below the minimum), else every one at or above it, most first. */
function chosen(view: CommunityView, accountIds: string[], height: bigint, units: UnitFormat): { accounts: Account[]; more: number } {
  const least = sweepMinimum(view.community.policy.economics!.sweepMin);
  const name = view.community.metadata.name;
  if (accountIds.length > 0) {
    const accounts = accountIds.map((id) => accountById(view, id));
    for (const account of accounts) {
      const leg = sweepLeg(account, height);
      if (leg.collected < least) {
        throw new CliError(
          `account ${account.accountId} holds ${units(leg.collected)} of charges (${units(leg.accrued)} accrued, ${units(leg.demurrage)} demurrage due); a sweep needs at least ${units(least)} (the sweep minimum of ${name})`,
          ExitCode.failure,
        );
      }
    }
    return { accounts, more: 0 };
  }
  const ready = view.accounts
    .map((account) => ({ account, collected: sweepLeg(account, height).collected }))
    .filter((a) => a.collected >= least)
    .sort((a, b) => (a.collected === b.collected ? 0 : a.collected > b.collected ? -1 : 1));
  if (ready.length === 0) {
    throw new CliError(`nothing to sweep: no account of ${name} holds at least ${units(least)} of charges (the sweep minimum) at height ${height}`, ExitCode.failure);
  }
  return { accounts: ready.slice(0, MAX_SWEPT).map((a) => a.account), more: Math.max(0, ready.length - MAX_SWEPT) };
}

/** The plan, printing what each account gives at the height the transaction is built for, before signing. */
function describedPlan(session: Session, plan: Plan, community: Community, accounts: Account[], units: UnitFormat, built: (legs: SweepLeg[]) => void): Plan {
  return (height) => {
    const legs = accounts.map((a) => sweepLeg(a, BigInt(height)));
    built(legs);
    const collected = legs.reduce((sum, l) => sum + l.collected, 0n);
    session.info(`Sweeping ${accounts.length} account${accounts.length === 1 ? "" : "s"} of ${community.metadata.name} at height ${height} (accrued charges and the demurrage due now):`);
    for (const leg of legs) session.info(sweptInWords(leg, units));
    session.info(`  community balance: ${units(community.communityBalance)} -> ${units(community.communityBalance + collected)}`);
    return plan(height);
  };
}

/** `lets sweep` */
export const sweepCommand: Command = {
  summary: "economics: move accounts' accrued fees and demurrage into the community balance; anyone may",
  usage: `lets sweep --community ID [--account ID ...] [key] [options]

  --community ID          an economics community (its token id)
  --account ID            an account to sweep; repeatable. Default: every account holding at
                          least the community's sweep minimum of charges, at most ${MAX_SWEPT} per
                          transaction (most first; run again for the rest)
${commonUsage}

  Each account's accrued charges (usage fees and demurrage already charged) and the demurrage due
  now move to the community balance; its balance falls by that demurrage, nothing else changes.
  Your wallet pays the transaction fee. The amounts are printed before signing.
  Exit codes: 0 sent, 1 nothing to sweep (or refused, failed), 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { community: { type: "string" }, account: { type: "string", multiple: true } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountIds = (values.account ?? []).map((id) => idOption("account", id));
    if (new Set(accountIds).size !== accountIds.length) throw new CliError("an account is named twice", ExitCode.usage);
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      const { community } = view;
      const units = (session.units = unitFormat(community.metadata));
      if (!community.policy.economics) {
        throw new CliError(`${community.metadata.name} has no economics levers: nothing accrues in its accounts to sweep`, ExitCode.failure);
      }
      const height = BigInt(await session.lets.node.height());
      const { accounts, more } = chosen(view, accountIds, height, units);
      const plan = await session.lets.planSweep(communityId, key, accounts);
      let legs: SweepLeg[] = [];
      const { submitted } = await session.execute(key, describedPlan(session, plan, community, accounts, units, (built) => (legs = built)));
      if (!submitted) return ExitCode.ok;
      const collected = legs.reduce((sum, l) => sum + l.collected, 0n);
      const communityBalance = community.communityBalance + collected;
      session.result(
        [
          `swept ${legs.length} account${legs.length === 1 ? "" : "s"}: ${units(collected)} moved to the community balance (now ${units(communityBalance)})`,
          sentLine(submitted.id),
          ...(more > 0 ? [`${more} more account${more === 1 ? "" : "s"} hold at least the sweep minimum: run 'lets sweep' again`] : []),
        ],
        {
          txId: submitted.id,
          communityId,
          swept: legs.map((l) => ({ accountId: l.accountId, accrued: l.accrued.toString(), demurrage: l.demurrage.toString(), collected: l.collected.toString() })),
          collected: collected.toString(),
          communityBalance: communityBalance.toString(),
          more,
        },
      );
      return ExitCode.ok;
    });
  },
};
