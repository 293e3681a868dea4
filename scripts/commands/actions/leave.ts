/** `lets leave`: close your account at balance 0 and take its ERG (collateral and fee reserve) back. */
import { ExitCode, CliError, type Command } from "../command.ts";
import { ownAccount } from "./accounts.ts";
import { formatErg } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** `lets leave` */
export const leaveCommand: Command = {
  summary: "leave a community at balance 0; the account's ERG returns to your wallet",
  usage: `lets leave --community ID [--account ID] [key] [options]

  --community ID          the community (its token id)
  --account ID            your account, when your address owns several in this community
${commonUsage}

  Only an account at balance 0 can leave: pay your debt back, or spend what you hold, first.
  Exit codes: 0 sent, 1 refused (balance not 0) or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { community: { type: "string" }, account: { type: "string" } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountId = values.account === undefined ? undefined : idOption("account", values.account);
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      const { metadata } = view.community;
      const units = (session.units = unitFormat(metadata));
      const account = ownAccount(view, key, accountId);
      if (account.balance !== 0n) {
        const how = account.balance > 0n ? "spend it (pay other members) first" : "be paid back to 0 first";
        throw new CliError(`cannot leave: account ${account.accountId} has balance ${units(account.balance)}; only an account at 0 can leave: ${how}`, ExitCode.failure);
      }
      const { submitted } = await session.execute(key, await session.lets.planLeave(communityId, key, account));
      if (!submitted) return ExitCode.ok;
      session.result(
        [`left ${metadata.name}: account ${account.accountId} closed; ${formatErg(account.valueNanoErg)} back to ${key.address} (less the fee)`, sentLine(submitted.id)],
        { txId: submitted.id, communityId, accountId: account.accountId, returnedNanoErg: account.valueNanoErg.toString() },
      );
      return ExitCode.ok;
    });
  },
};
