/**
 * `lets revoke`: void your unsettled payment orders (docs/batches.md) by raising your account's
 * next order number past them, in a transaction only you can sign. The balance does not change.
 */
import { LONG_MAX } from "../../../contracts/long.ts";
import { OrdersOverHttp, requirePlain } from "../../../client/orders.ts";
import { ExitCode, type Command } from "../command.ts";
import { ownAccount } from "./accounts.ts";
import { unitFormat } from "./describe.ts";
import { commonUsage, idOption, integerOption, parseActionArgs } from "./options.ts";
import { outcomeOf, sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** `lets revoke` */
export const revokeCommand: Command = {
  summary: "void your unsettled payment orders: raise your account's next order number past them",
  usage: `lets revoke --community ID [--next-seq S] [--account ID] [key] [options]

  --community ID          a plain community (its token id)
  --next-seq S            your account's new next order number: every unsettled order numbered
                          below it is void. Default: one more than now (voids your next order)
  --account ID            your account, when your address owns several in this community
${commonUsage}

  Orders settle in number order from your account's next number ('lets show' prints it), so an
  order numbered below it can never settle. The number only rises. The fee comes from your
  account's ERG (its fee reserve), else from your wallet; the balance does not change.
  Exit codes: 0 sent, 1 refused (S not above the next number) or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { community: { type: "string" }, "next-seq": { type: "string" }, account: { type: "string" } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const accountId = values.account === undefined ? undefined : idOption("account", values.account);
    const nextSeq = values["next-seq"] === undefined ? undefined : integerOption("next-seq", values["next-seq"], LONG_MAX);
    return session.run("required", async (key) => {
      const view = requirePlain(await session.lets.community(communityId));
      session.units = unitFormat(view.community.metadata);
      const account = ownAccount(view, key, accountId);
      const before = account.nextSeq!;
      const { submitted } = await session.execute(key, await new OrdersOverHttp(session.lets).planRevoke(key, account, nextSeq));
      if (!submitted) return ExitCode.ok;
      const after = outcomeOf(submitted).accounts.get(account.accountId);
      if (after?.nextSeq === undefined) throw new Error(`revoke ${submitted.id} left no account ${account.accountId}`);
      const voided = before === after.nextSeq - 1n ? `order number ${before}` : `orders numbered ${before} to ${after.nextSeq - 1n}`;
      session.result(
        [`revoked: ${voided} of account ${account.accountId}, if not settled, can never settle; its next order is number ${after.nextSeq}`, sentLine(submitted.id)],
        { txId: submitted.id, communityId, accountId: account.accountId, previousNextSeq: before.toString(), nextSeq: after.nextSeq.toString() },
      );
      return ExitCode.ok;
    });
  },
};
