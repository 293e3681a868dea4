/** `lets join`: pay the joining fee, lock the collateral, get an account at balance 0. */
import { DEFAULT_FEE, MIN_BOX_VALUE } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { accountsOf } from "./accounts.ts";
import { formatErg, parseErg } from "./amounts.ts";
import { ownerAddressOrHex, policyInWords, unitFormat } from "./describe.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { outcomeOf, sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

const DEFAULT_RESERVE = 10n * DEFAULT_FEE;

/** `lets join` */
export const joinCommand: Command = {
  summary: "join a community: pay its fee, lock its collateral, open an account at 0",
  usage: `lets join --community ID [--fee-reserve-erg E] [--another-account] [key] [options]

  --community ID          the community (its token id)
  --fee-reserve-erg E     ERG kept in the account to pay the fees of your payments
                          (default ${formatErg(DEFAULT_RESERVE)}: ten payments); returned when you leave
  --another-account       open a second account even though this key already has one here
${commonUsage}

  Exit codes: 0 sent, 1 refused (community full, not enough ERG) or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, {
      community: { type: "string" },
      "fee-reserve-erg": { type: "string" },
      "another-account": { type: "boolean" },
    });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const reserve = values["fee-reserve-erg"] === undefined ? DEFAULT_RESERVE : parseErg(values["fee-reserve-erg"], "--fee-reserve-erg");
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      const { community } = view;
      const { metadata, policy } = community;
      session.units = unitFormat(metadata);
      const existing = accountsOf(view, key);
      if (existing.length > 0 && !values["another-account"]) {
        throw new CliError(`${key.address} already has account ${existing[0]!.accountId} here; pass --another-account to open one more`, ExitCode.failure);
      }
      if (community.seatsLeft < 1n) throw new CliError(`${metadata.name} is full: all ${policy.maxMembers} seats are taken`, ExitCode.failure);
      const locked = policy.collateralNanoErg + MIN_BOX_VALUE + reserve;
      session.info(`Joining ${metadata.name} (${metadata.symbol}): ${formatErg(policy.joinFeeNanoErg)} fee to the treasury, ${formatErg(locked)} locked in your account. The rules:`);
      for (const rule of policyInWords(policy, metadata)) session.info(`  - ${rule}`);
      const { submitted } = await session.execute(key, await session.lets.planJoin(communityId, key, reserve));
      if (!submitted) return ExitCode.ok;
      // The new account's id is the id of the community box the join spent.
      const account = outcomeOf(submitted).accounts.get(community.boxId);
      if (!account) throw new Error(`join ${submitted.id} created no account ${community.boxId}`);
      session.result(
        [
          `joined ${metadata.name} as ${ownerAddressOrHex(account.owner, session.network)}: account ${account.accountId}`,
          sentLine(submitted.id),
          `balance ${session.units(0n)}; you may go down to ${session.units(-account.terms.creditLimit)}`,
          ...(account.economy && account.economy.allowance > 0n
            ? [`newcomer allowance ${session.units(account.economy.allowance)}: it pays at most half of each purchase until height ${account.terms.joinedHeight + account.terms.economics!.newcomerBlocks}`]
            : []),
        ],
        {
          txId: submitted.id,
          communityId,
          accountId: account.accountId,
          address: key.address,
          balance: "0",
          creditLimit: account.terms.creditLimit.toString(),
          lockedNanoErg: account.valueNanoErg.toString(),
          joinFeeNanoErg: policy.joinFeeNanoErg.toString(),
          ...(account.economy ? { allowance: account.economy.allowance.toString() } : {}),
        },
      );
      return ExitCode.ok;
    });
  },
};
