/** `lets profile`: set your account's profile (name, about, link), in your own signed input. */
import { accountPaysFee } from "../../../client/lets-over-http.ts";
import { DEFAULT_FEE } from "../../../contracts/index.ts";
import { ExitCode, type Command } from "../command.ts";
import { ownAccount } from "./accounts.ts";
import { formatErg } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { profileOption, quoted } from "./notes.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** `lets profile` */
export const profileCommand: Command = {
  summary: "set your account's profile: a display name, a line about you, a link",
  usage: `lets profile --community ID --name NAME [--about TEXT] [--link URL] [--account ID] [key] [options]

  --community ID          the community (its token id)
  --name NAME             how other members see you: 1 to 40 characters
  --about TEXT            what you offer or need: at most 280 characters
  --link URL              a web page of yours: https:// or http://, at most 200 characters
  --account ID            your account, when your address owns several in this community
${commonUsage}

  No control characters anywhere. A profile is public and stays on the chain for good; a new one
  replaces the last (leave --about or --link out to drop them). It goes in your account's input
  of a transaction only you can sign; the balance does not change. The fee comes from your
  account's fee reserve while it lasts, else from your wallet.
  Exit codes: 0 sent, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, {
      community: { type: "string" },
      account: { type: "string" },
      name: { type: "string" },
      about: { type: "string" },
      link: { type: "string" },
    });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountId = values.account === undefined ? undefined : idOption("account", values.account);
    const profile = profileOption(values);
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      session.units = unitFormat(view.community.metadata);
      const account = ownAccount(view, key, accountId);
      const feeFrom = accountPaysFee(account) ? "account" : "wallet";
      session.info(`Setting the profile of account ${account.accountId}; it is public and stays on the chain. The ${formatErg(DEFAULT_FEE)} fee comes from your ${feeFrom === "account" ? "account's fee reserve" : "wallet"}.`);
      const { submitted } = await session.execute(key, await session.lets.planTopUp(key, account, { profile }));
      if (!submitted) return ExitCode.ok;
      session.result(
        [
          `profile of account ${account.accountId} set: name ${quoted(profile.name)}`,
          ...(profile.about !== undefined ? [`  about ${quoted(profile.about)}`] : []),
          ...(profile.link !== undefined ? [`  link ${profile.link}`] : []),
          sentLine(submitted.id),
        ],
        { txId: submitted.id, communityId, accountId: account.accountId, profile, feeFrom },
      );
      return ExitCode.ok;
    });
  },
};
