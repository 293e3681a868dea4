/**
 * The governance commands governance.spec.ts leaves out, on a real devnet (blocks mined on demand),
 * run in process: in a community switched with `--veto 20`, three proposals run side by side. One
 * is rejected (quorum, no majority): `lets proposal close ID` refunds the deposit to the proposer.
 * One gets no vote: `lets proposal close ID` forfeits the deposit to the treasury. One passes:
 * `lets execute` is refused inside the veto window, `lets execute --veto` by a member is refused,
 * and the committee's `lets execute --veto` returns the deposit and leaves the fee as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { GovernanceOverHttp, proposalsOf } from "../../../client/governance.ts";
import { LetsOverHttp } from "../../../client/lets-over-http.ts";
import { MAX_AGE_BLOCKS } from "../../../contracts/index.ts";
import { createCommand } from "./create.ts";
import { joinCommand } from "./join.ts";
import { executeCommand, governanceCommand, proposalCommand, proposeCommand, tallyCommand, voteCommand } from "./governance.ts";
import { runCommand } from "./testing.ts";

describe("lets proposal close (refund, forfeit) and lets execute --veto on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let lets: LetsOverHttp;
  let communityId = "";
  const ids: Record<"rejected" | "silent" | "passed", string> = { rejected: "", silent: "", passed: "" };
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const walletOf = async (account: number) => (await node.unspentByAddress(devAccount(account).address)).reduce((s, b) => s + BigInt(b.value), 0n);
  const treasury = async () => (await lets.community(communityId)).community.treasuryNanoErg;
  const depositOf = async (proposalId: string) => BigInt((await new GovernanceOverHttp(lets).proposal(proposalId)).box.value);
  const ok = async (command: Parameters<typeof runCommand>[0], args: string[]) => {
    const ran = await runCommand(command, [...args, ...on()]);
    expect(ran.code, ran.stderr).toBe(0);
    return ran;
  };

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    lets = new LetsOverHttp(node);
    const created = await ok(createCommand, ["--dev-account", "0", "--name", "Oamaru Dollars", "--symbol", "OMD", "--credit-limit", "100", "--join-fee-erg", "0.2", "--json"]);
    communityId = (JSON.parse(created.stdout) as { communityId: string }).communityId;
    await mine();
    for (const member of ["1", "2", "3", "4"]) await ok(joinCommand, ["--community", communityId, "--dev-account", member]);
    await mine(MAX_AGE_BLOCKS + 2);
    await ok(governanceCommand, ["switch", "--community", communityId, "--quorum", "50%", "--majority", "50%", "--deposit", "0.1", "--min-window", "3", "--max-window", "100", "--veto", "20", "--dev-account", "0"]);
    await mine();
    const propose = async (member: string, change: string[]) => {
      const proposed = await ok(proposeCommand, ["--community", communityId, ...change, "--window", "12", "--dev-account", member, "--json"]);
      await mine();
      return (JSON.parse(proposed.stdout) as { proposalId: string }).proposalId;
    };
    ids.rejected = await propose("1", ["--join-fee-erg", "0.05"]);
    ids.silent = await propose("2", ["--credit-limit", "50"]);
    ids.passed = await propose("3", ["--join-fee-erg", "0.1"]);
    const votes: [string, string, string][] = [
      [ids.rejected, "--against", "1"], [ids.rejected, "--against", "2"], [ids.rejected, "--for", "3"],
      [ids.passed, "--for", "1"], [ids.passed, "--for", "2"], [ids.passed, "--for", "3"],
    ];
    for (const [proposalId, choice, member] of votes) {
      await ok(voteCommand, ["--proposal", proposalId, choice, "--dev-account", member]);
      await mine();
    }
    await mine(12);
    for (const proposalId of Object.values(ids)) {
      await ok(tallyCommand, ["--proposal", proposalId, "--dev-account", "4"]);
      await mine();
    }
  }, 240_000);
  afterAll(async () => {
    await devnet?.close();
  });

  it("refunds a rejected proposal's deposit to its proposer, closed by anyone", async () => {
    const deposit = await depositOf(ids.rejected);
    const before = await walletOf(1);
    const closed = await ok(proposalCommand, ["close", ids.rejected, "--dev-account", "4", "--json"]);
    expect((JSON.parse(closed.stdout) as { how: string }).how).toBe("refund");
    await mine();
    const back = (await walletOf(1)) - before;
    // The whole proposal box (the deposit, here its rent-safe value); the closer pays the fee.
    expect(back).toBe(deposit);
    expect((await proposalsOf(node, communityId)).map((p) => p.proposalId)).not.toContain(ids.rejected);
  });

  it("forfeits the deposit of a proposal without quorum to the treasury", async () => {
    const deposit = await depositOf(ids.silent);
    const before = await treasury();
    const closed = await ok(proposalCommand, ["close", ids.silent, "--dev-account", "4", "--json"]);
    expect((JSON.parse(closed.stdout) as { how: string }).how).toBe("forfeit");
    await mine();
    const gained = (await treasury()) - before;
    expect(gained).toBe(deposit);
  });

  it("refuses to close a passed proposal, to execute it inside the veto window, and a veto by a member", async () => {
    const close = await runCommand(proposalCommand, ["close", ids.passed, "--dev-account", "4", ...on()]);
    expect(close.code).toBe(1);
    expect(close.stderr).toMatch(/cannot be closed while/);
    const early = await runCommand(executeCommand, ["--proposal", ids.passed, "--dev-account", "4", ...on()]);
    expect(early.code).toBe(1);
    const byMember = await runCommand(executeCommand, ["--proposal", ids.passed, "--veto", "--dev-account", "4", ...on()]);
    expect(byMember.code).toBe(1);
    expect(byMember.stderr).toMatch(/not on the committee/);
  });

  it("lets the committee veto a passed proposal: the deposit goes back and the fee stays", async () => {
    const deposit = await depositOf(ids.passed);
    const before = await walletOf(3);
    const vetoed = await ok(executeCommand, ["--proposal", ids.passed, "--veto", "--dev-account", "0", "--json"]);
    expect((JSON.parse(vetoed.stdout) as { how: string }).how).toBe("veto");
    await mine();
    const back = (await walletOf(3)) - before;
    // The whole proposal box (the deposit, here its rent-safe value); the closer pays the fee.
    expect(back).toBe(deposit);
    expect((await proposalsOf(node, communityId)).map((p) => p.proposalId)).not.toContain(ids.passed);
    expect((await lets.community(communityId)).community.policy.joinFeeNanoErg).toBe(200_000_000n);
  });
});
