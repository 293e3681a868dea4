/**
 * `lets refresh`: recreate a dormant community box unchanged, so storage rent never reaches it.
 * Anyone may; a community that joins, leaves or governs at least once in three years never needs it.
 */
import { dormantFrom, isDormant, rentFrom } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

/** `lets refresh` */
export const refreshCommand: Command = {
  summary: "recreate a dormant community box unchanged, before storage rent; anyone may",
  usage: `lets refresh --community ID [key] [options]

  --community ID          the community (its token id)
${commonUsage}

  The community box is dormant when nobody spent it (no join, leave, default or governance) for
  788,400 blocks, about three years. Refreshing recreates it with the same rules, state and
  treasury at the current height; your wallet pays the fee.
  Exit codes: 0 sent, 1 not dormant yet (or failed), 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { community: { type: "string" } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    return session.run("required", async (key) => {
      const { community } = await session.lets.community(communityId);
      const height = await session.lets.node.height();
      if (!isDormant(community.creationHeight, height)) {
        throw new CliError(
          `the community box is not dormant: it was last spent at height ${community.creationHeight}; anyone may refresh it from height ${dormantFrom(community.creationHeight)} (the chain is at ${height}); storage rent could reach it from ${rentFrom(community.creationHeight)}`,
          ExitCode.failure,
        );
      }
      const { submitted } = await session.execute(key, await session.lets.planRefresh(communityId, key));
      if (!submitted) return ExitCode.ok;
      session.result([`refreshed the community box of ${community.metadata.name}`, sentLine(submitted.id)], { txId: submitted.id, communityId });
      return ExitCode.ok;
    });
  },
};
