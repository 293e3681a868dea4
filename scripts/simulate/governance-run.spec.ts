/**
 * Members vote on a fee change, end to end on the devnet: the committee switches, the first of six
 * members proposes halving the join fee, three vote for, one against, one abstains and one does not
 * vote; blocks pass, a stranger tallies and executes, and a newcomer joins paying the new fee.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { devAccount } from "../../ergo/keys.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { createCommand } from "../commands/actions/create.ts";
import { runCommand } from "../commands/actions/testing.ts";
import { voteOnFee, type FeeVoteOutcome } from "./governance-vote.ts";

const ERG = 1_000_000_000n;

describe("members vote on a fee change on the devnet (6 members, 5 votes)", () => {
  let devnet: Devnet;
  let outcome: FeeVoteOutcome;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    const node = new NodeClient(devnet.url);
    const mine = (blocks: number) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
    const created = await runCommand(createCommand, ["--dev-account", "0", "--name", "Kaikoura Dollars", "--symbol", "KCD", "--credit-limit", "100", "--join-fee-erg", "0.2", "--json", "--node", devnet.url]);
    expect(created.code, created.stderr).toBe(0);
    const communityId = (JSON.parse(created.stdout) as { communityId: string }).communityId;
    await mine(1);
    const lets = new LetsOverHttp(node);
    const members = [1, 2, 3, 4, 5, 6].map(devAccount);
    for (const member of members) await lets.join(communityId, member);
    await mine(1);
    outcome = await voteOnFee(
      { lets, communityId, committee: devAccount(0), members, stranger: devAccount(8), newcomer: devAccount(7), mine },
      {
        rules: { quorumPpm: 500_000n, majorityPpm: 500_000n, depositNanoErg: ERG / 10n, minWindowBlocks: 3n, maxWindowBlocks: 100n, vetoBlocks: 0n },
        newJoinFeeNanoErg: ERG / 10n,
        windowBlocks: 10n,
        votes: ["for", "for", "for", "against", "abstain", null],
      },
    );
  }, 240_000);
  afterAll(async () => {
    await devnet?.close();
  });

  it("counts the votes cast and passes the change", () => {
    expect(outcome.counts).toEqual({ for: 3n, against: 1n, abstain: 1n });
    expect(outcome.seats).toBe(6n);
    expect(outcome.phaseAfterTally).toBe("executable");
    expect(outcome.executed).toBe(true);
  });

  it("lowers the join fee, and the newcomer pays the new one", () => {
    expect(outcome.joinFeeBeforeNanoErg).toBe(ERG / 5n);
    expect(outcome.joinFeeAfterNanoErg).toBe(ERG / 10n);
    expect(outcome.newcomerPaidNanoErg).toBe(ERG / 10n);
  });
});
