/**
 * Member governance from the shell on a real devnet (blocks mined on demand), run in process: the
 * committee switches, a member proposes a lower join fee, three members vote (a second vote by the
 * same account is refused, as is an early execution), the votes are counted after the window and
 * anyone executes; the community's join fee is the proposed one. Bad flags are refused before the
 * node is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { LetsOverHttp } from "../../../client/lets-over-http.ts";
import { MAX_AGE_BLOCKS } from "../../../contracts/index.ts";
import { createCommand } from "./create.ts";
import { joinCommand } from "./join.ts";
import { executeCommand, governanceCommand, proposalCommand, proposalsCommand, proposeCommand, tallyCommand, voteCommand } from "./governance.ts";
import { runCommand } from "./testing.ts";

describe("lets governance, propose, vote, tally, execute on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let communityId = "";
  let proposalId = "";
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    const created = await runCommand(createCommand, ["--dev-account", "0", "--name", "Kaikoura Dollars", "--symbol", "KCD", "--credit-limit", "100", "--join-fee-erg", "0.2", "--json", ...on()]);
    expect(created.code, created.stderr).toBe(0);
    communityId = (JSON.parse(created.stdout) as { communityId: string }).communityId;
    await mine();
    for (const member of ["1", "2", "3", "4"]) {
      const joined = await runCommand(joinCommand, ["--community", communityId, "--dev-account", member, ...on()]);
      expect(joined.code, joined.stderr).toBe(0);
    }
    await mine(MAX_AGE_BLOCKS + 2);
  }, 240_000);
  afterAll(async () => {
    await devnet?.close();
  });

  it("refuses bad flags before asking the node", async () => {
    const bad = [
      [governanceCommand, ["switch", "--community", "ab", "--quorum", "50%"]],
      [governanceCommand, ["switch", "--community", "a".repeat(64), "--quorum", "150%", "--majority", "50%", "--deposit", "0.1", "--min-window", "3", "--max-window", "9"]],
      [proposeCommand, ["--community", "a".repeat(64), "--credit-limit", "5", "--pay", "1", "--to", "x"]],
      [voteCommand, ["--proposal", "a".repeat(64), "--for", "--against"]],
    ] as const;
    for (const [command, args] of bad) expect((await runCommand(command, [...args, "--node", "http://127.0.0.1:1"])).code, args.join(" ")).toBe(2);
  });

  it("switches, proposes, votes, tallies and executes a lower join fee", async () => {
    const rules = ["--quorum", "50%", "--majority", "50%", "--deposit", "0.1", "--min-window", "3", "--max-window", "100"];
    const switched = await runCommand(governanceCommand, ["switch", "--community", communityId, ...rules, "--dev-account", "0", ...on()]);
    expect(switched.code, switched.stderr).toBe(0);
    await mine();
    const again = await runCommand(governanceCommand, ["switch", "--community", communityId, ...rules, "--dev-account", "0", ...on()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already switched/);

    const proposed = await runCommand(proposeCommand, ["--community", communityId, "--join-fee-erg", "0.05", "--window", "8", "--dev-account", "1", "--json", ...on()]);
    expect(proposed.code, proposed.stderr).toBe(0);
    proposalId = (JSON.parse(proposed.stdout) as { proposalId: string }).proposalId;
    await mine();

    for (const [member, choice] of [["1", "--for"], ["2", "--for"], ["3", "--against"]] as const) {
      const voted = await runCommand(voteCommand, ["--proposal", proposalId, choice, "--dev-account", member, ...on()]);
      expect(voted.code, voted.stderr).toBe(0);
      await mine();
    }
    const twice = await runCommand(voteCommand, ["--proposal", proposalId, "--against", "--dev-account", "1", ...on()]);
    expect(twice.code, twice.stdout).toBe(1);
    expect(twice.stderr).not.toMatch(/retrying/);
    expect(twice.stderr).toMatch(/has voted already/);
    const early = await runCommand(executeCommand, ["--proposal", proposalId, "--dev-account", "4", ...on()]);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/cannot execute: it is voting/);

    await mine(8);
    const tallied = await runCommand(tallyCommand, ["--proposal", proposalId, "--max-votes", "2", "--dev-account", "4", "--json", ...on()]);
    expect(tallied.code, tallied.stderr).toBe(0);
    const counts = (JSON.parse(tallied.stdout) as { counts: Record<string, string>; txIds: string[] });
    expect(counts.counts).toEqual({ for: "2", against: "1", abstain: "0" });
    expect(counts.txIds.length).toBe(2);
    await mine();

    const shown = await runCommand(proposalCommand, [proposalId, ...on()]);
    expect(shown.stdout).toMatch(/passed: anyone may carry it out/);
    expect(shown.stdout).toMatch(/change: .*0\.2 ERG.* -> .*0\.05 ERG/);
    expect(shown.stdout).toMatch(/counted: 2 for, 1 against, 0 abstain; 3 of 2 needed for the quorum \(4 seats\)/);
    const listed = await runCommand(proposalsCommand, ["--community", communityId, ...on()]);
    expect(listed.stdout).toMatch(proposalId);

    const executed = await runCommand(executeCommand, ["--proposal", proposalId, "--dev-account", "4", ...on()]);
    expect(executed.code, executed.stderr).toBe(0);
    await mine();
    const { community } = await new LetsOverHttp(node).community(communityId);
    expect(community.policy.joinFeeNanoErg).toBe(50_000_000n);
  }, 240_000);
});
