/**
 * `lets review`: rate a member you paid, 1 to 5 with a short text. The review names the payment;
 * the indexer takes it only from the payer of that payment, once per payment and payee
 * (docs/marketplace.md, "Reputation").
 */
import { accountPaysFee } from "../../../client/lets-over-http.ts";
import { DEFAULT_FEE } from "../../../contracts/index.ts";
import { ExitCode, type Command } from "../command.ts";
import { ownAccount } from "./accounts.ts";
import { formatErg } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { reviewOf } from "./market-options.ts";
import { quoted } from "./notes.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** `lets review` */
export const reviewCommand: Command = {
  summary: "review a member you paid: a rating from 1 to 5 and a short text",
  usage: `lets review --community ID --payment TX --payee ACCOUNT --rating 1..5 [--text T] [--account ID] [key] [options]

  --payment TX            the transaction of your payment (64 hex digits)
  --payee ACCOUNT         the account you paid in it, whom the review is about
  --rating N              1 (poor) to 5 (excellent)
  --text T                at most 280 characters, no control characters
  --account ID            your account that paid, when your address owns several in this community
${commonUsage}

  A review is public and stays on the chain. It counts only when your account paid that payee in
  that payment, and only the first review of each payment counts. The fee (${formatErg(DEFAULT_FEE)}) comes
  from your account's fee reserve while it lasts, else from your wallet.
  Exit codes: 0 sent, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, {
      community: { type: "string" }, account: { type: "string" }, payment: { type: "string" }, payee: { type: "string" }, rating: { type: "string" }, text: { type: "string" },
    });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountId = values.account === undefined ? undefined : idOption("account", values.account);
    const review = reviewOf(values);
    return session.run("required", async (key) => {
      const view = await session.lets.community(communityId);
      session.units = unitFormat(view.community.metadata);
      const account = ownAccount(view, key, accountId);
      const feeFrom = accountPaysFee(account) ? "account's fee reserve" : "wallet";
      session.info(`Reviewing account ${review.payee} for payment ${review.payment}, from account ${account.accountId}; it is public. The fee comes from your ${feeFrom}.`);
      const { submitted } = await session.execute(key, await session.lets.planTopUp(key, account, { market: { review } }));
      if (!submitted) return ExitCode.ok;
      const text = review.text === undefined ? [] : [`  ${quoted(review.text)}`];
      session.result([`review of ${review.payee}: ${review.rating} of 5`, ...text, sentLine(submitted.id)], { txId: submitted.id, communityId, accountId: account.accountId, review });
      return ExitCode.ok;
    });
  },
};
