/** `lets top-up`: add ERG from your wallet to your account's fee reserve; the balance stays. */
import { ERG_DECIMALS } from "../../../contracts/amounts.ts";
import { DEFAULT_FEE } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { ownAccount } from "./accounts.ts";
import { formatErg, parseUnits } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { ergOf } from "./notes.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { outcomeOf, sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** `lets top-up` */
export const topUpCommand: Command = {
  summary: "add ERG from your wallet to your account's fee reserve (the balance does not change)",
  usage: `lets top-up --community ID --add-erg E [--account ID] [key] [options]

  --community ID          the community (its token id)
  --add-erg E             ERG to add to your account, e.g. 0.05 (more than 0, at most 9 decimals)
  --account ID            your account, when your address owns several in this community
${commonUsage}

  Your payments' fees come from your account's ERG above its collateral and Ergo's minimum box
  value: its fee reserve. A top-up adds to it from your wallet, which also pays this fee. The ERG
  comes back to you when you leave. Only the account's owner can top it up.
  Exit codes: 0 sent, 1 refused (not enough ERG in the wallet) or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { community: { type: "string" }, account: { type: "string" }, "add-erg": { type: "string" } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountId = values.account === undefined ? undefined : idOption("account", values.account);
    if (values["add-erg"] === undefined) throw new CliError("--add-erg is required: how much ERG to add to your account, e.g. --add-erg 0.05", ExitCode.usage);
    const addNanoErg = parseUnits(values["add-erg"], ERG_DECIMALS, "--add-erg", { unit: "ERG" });
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      session.units = unitFormat(view.community.metadata);
      const account = ownAccount(view, key, accountId);
      session.info(`Adding ${formatErg(addNanoErg)} to account ${account.accountId} from ${key.address}, which also pays the ${formatErg(DEFAULT_FEE)} fee.`);
      const { submitted } = await session.execute(key, await session.lets.planTopUp(key, account, { addNanoErg }));
      if (!submitted) return ExitCode.ok;
      const after = outcomeOf(submitted).accounts.get(account.accountId);
      if (!after) throw new Error(`top-up ${submitted.id} left no account ${account.accountId}`);
      const erg = ergOf(after);
      session.result(
        [`added ${formatErg(addNanoErg)} to account ${account.accountId}; ${erg.line}`, sentLine(submitted.id), `balance unchanged: ${session.units(after.balance)}`],
        {
          txId: submitted.id,
          communityId,
          accountId: account.accountId,
          addedNanoErg: addNanoErg.toString(),
          valueNanoErg: after.valueNanoErg.toString(),
          feeReserveNanoErg: erg.feeReserveNanoErg.toString(),
          paymentsCovered: erg.paymentsCovered.toString(),
          balance: after.balance.toString(),
        },
      );
      return ExitCode.ok;
    });
  },
};
