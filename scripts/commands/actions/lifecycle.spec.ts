/**
 * Every contract action from the shell, end to end on a real devnet (blocks mined on demand), run
 * in process through each command's `run(args)`: create, two joins, pay, a payment over the limit
 * refused before signing, leave refused at a non-zero balance (and a leave at 0), governance by
 * one key and by a 2-of-3 committee, the default path with a short inactivity window, the dormant
 * close and refresh refused before the dormancy window, and show.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnsignedTransaction } from "ergo-lib-wasm-nodejs";
import { devAccount } from "../../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { createCommand } from "./create.ts";
import { closeDormantCommand } from "./close-dormant.ts";
import { defaultCommand } from "./default.ts";
import { refreshCommand } from "./refresh.ts";
import { governCommand } from "./govern.ts";
import { joinCommand } from "./join.ts";
import { leaveCommand } from "./leave.ts";
import { payCommand } from "./pay.ts";
import { showCommand } from "./show.ts";
import type { AccountJson, CommunityJson } from "./describe.ts";
import { runCommand } from "./testing.ts";

const [founder, alice, bob, carol] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3)];

describe("lets create | join | pay | leave | govern | default | show on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let communityId = "";
  const accountIds: Record<string, string> = {};
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const mempool = () => node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds");
  const show = async (...args: string[]) => {
    const run = await runCommand(showCommand, ["--community", communityId, "--json", ...on(), ...args]);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { community: CommunityJson; accounts: AccountJson[] };
  };

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("create prints the rules in words, then sends; --json gives the tx and community ids", async () => {
    const run = await runCommand(createCommand, [
      "--dev-account", "0", "--name", "Test Dollars", "--symbol", "TDL", "--description", "a test",
      "--credit-limit", "100", "--positive-cap", "500", "--inactivity-blocks", "3", "--json", ...on(),
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { txId: string; communityId: string; policy: Record<string, string> };
    expect(result.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(result.policy).toMatchObject({ creditLimit: "10000", positiveCap: "50000", inactivityBlocks: "3", maxMembers: "100" });
    expect(await mempool()).toEqual([result.txId]);
    // With --json the rules go to stderr, before the transaction is signed.
    expect(run.stderr).toContain("each member may go down to -100.00 TDL");
    expect(run.stderr).toContain("no balance may go above 500.00 TDL");
    expect(run.stderr).toContain(`the committee, who may change these rules for future members (never an account), is ${founder.address}`);
    communityId = result.communityId;
    await mine();
    const shown = await show();
    expect(shown.community).toMatchObject({ communityId, members: 0, metadata: { name: "Test Dollars", symbol: "TDL", decimals: 2 } });
  });

  it("join opens an account at 0 for each of two members; a second join by the same key is refused", async () => {
    const first = await runCommand(joinCommand, ["--community", communityId, "--dev-account", "1", ...on()]);
    expect(first.code, first.stderr).toBe(0);
    const line = /^joined Test Dollars as (\S+): account ([0-9a-f]{64})$/m.exec(first.stdout);
    expect(line?.[1]).toBe(alice.address);
    accountIds.alice = line![2]!;
    expect(first.stdout).toContain("balance 0.00 TDL; you may go down to -100.00 TDL");
    const second = await runCommand(joinCommand, ["--community", communityId, "--dev-account", "2", "--json", ...on()]);
    expect(second.code, second.stderr).toBe(0);
    const joined = JSON.parse(second.stdout) as { accountId: string; address: string; balance: string; creditLimit: string };
    expect(joined).toMatchObject({ address: bob.address, balance: "0", creditLimit: "10000" });
    accountIds.bob = joined.accountId;
    expect((await mempool()).length).toBe(2);
    const again = await runCommand(joinCommand, ["--community", communityId, "--dev-account", "1", ...on()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`${alice.address} already has account ${accountIds.alice} here; pass --another-account to open one more`);
    await mine();
    expect((await show()).accounts.map((a) => [a.accountId, a.balance])).toEqual([[accountIds.alice, "0"], [accountIds.bob, "0"]]);
  });

  it("pay moves exact decimal amounts, to an address or an account id, and prints the new balances", async () => {
    const run = await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "12.5", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`paid 12.50 TDL to ${bob.address}`);
    expect(run.stdout).toContain("your balance: -12.50 TDL (credit left 87.50 TDL)");
    expect(run.stdout).toContain(`  ${bob.address}: 12.50 TDL`);
    const byId = await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", `${accountIds.bob}=1.25`, "--json", ...on()]);
    expect(byId.code, byId.stderr).toBe(0);
    const paid = JSON.parse(byId.stdout) as { txId: string; total: string; payer: { balance: string }; payees: { accountId: string; balance: string }[] };
    expect(paid).toMatchObject({ total: "125", payer: { balance: "-1375" }, payees: [{ accountId: accountIds.bob, balance: "1375" }] });
    // Chained in the mempool: the second payment spends the first one's outputs.
    expect(await mempool()).toHaveLength(2);
    await mine();
    expect((await show()).accounts.map((a) => a.balance)).toEqual(["-1375", "1375"]);
  });

  it("refuses a payment past the credit limit before signing: one line, exit 1, nothing sent", async () => {
    const run = await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "90", ...on()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`refused before signing: the payment would take account ${accountIds.alice} to -103.75 TDL, below its credit limit of -100.00 TDL`);
    expect(run.stdout).toBe("");
    expect(await mempool()).toEqual([]);
  });

  it("refuses to leave at a non-zero balance, and leaves at 0 with the ERG back", async () => {
    const inDebt = await runCommand(leaveCommand, ["--community", communityId, "--dev-account", "1", ...on()]);
    expect(inDebt.code).toBe(1);
    expect(inDebt.stderr).toBe(`cannot leave: account ${accountIds.alice} has balance -13.75 TDL; only an account at 0 can leave: be paid back to 0 first`);
    const inCredit = await runCommand(leaveCommand, ["--community", communityId, "--dev-account", "2", ...on()]);
    expect(inCredit.stderr).toContain("has balance 13.75 TDL; only an account at 0 can leave: spend it (pay other members) first");
    expect(await mempool()).toEqual([]);

    expect((await runCommand(joinCommand, ["--community", communityId, "--dev-account", "3", ...on()])).code).toBe(0);
    await mine();
    const carolAccount = (await show("--dev-account", "3")).accounts[0]!;
    const left = await runCommand(leaveCommand, ["--community", communityId, "--dev-account", "3", "--json", ...on()]);
    expect(left.code, left.stderr).toBe(0);
    expect(JSON.parse(left.stdout)).toMatchObject({ communityId, accountId: carolAccount.accountId, returnedNanoErg: carolAccount.valueNanoErg });
    await mine();
    const shown = await show();
    expect(shown.community).toMatchObject({ members: 2, membersJoined: "3", seatsLeft: "98" });
    expect(shown.accounts.some((a) => a.address === carol.address)).toBe(false);
  });

  it("govern: only the committee changes the rules, for future members only", async () => {
    const outsider = await runCommand(governCommand, ["--community", communityId, "--dev-account", "1", "--credit-limit", "150", ...on()]);
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toBe(`${alice.address} is not on the committee of this community (${founder.address})`);

    const run = await runCommand(governCommand, ["--community", communityId, "--dev-account", "0", "--credit-limit", "150", "--description", "governed", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("  - each member may go down to -150.00 TDL (credit limit 150.00 TDL) (was: each member may go down to -100.00 TDL (credit limit 100.00 TDL))");
    expect(run.stdout).toContain("  - description: 'a test' -> 'governed'");
    await mine();
    const shown = await show();
    expect(shown.community.policy.creditLimit).toBe("15000");
    expect(shown.community.metadata.description).toBe("governed");
    expect(shown.accounts.map((a) => a.creditLimit)).toEqual(["10000", "10000"]);
  });

  it("govern hands the committee to 2 of 3 keys; then one key alone cannot sign, but can build unsigned", async () => {
    const committee = ["--committee", founder.address, "--committee", alice.address, "--committee", bob.publicKey, "--threshold", "2"];
    const handed = await runCommand(governCommand, ["--community", communityId, "--dev-account", "0", ...committee, ...on()]);
    expect(handed.code, handed.stderr).toBe(0);
    expect(handed.stdout).toContain(`  - committee: ${founder.address} -> 2 of 3: ${founder.address}, ${alice.address}, ${bob.address}`);
    await mine();
    const alone = await runCommand(governCommand, ["--community", communityId, "--dev-account", "0", "--credit-limit", "200", ...on()]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain("the committee needs 2 of 3 keys to sign; this command signs with one: build with --unsigned");
    const unsigned = await runCommand(governCommand, ["--community", communityId, "--address", alice.address, "--credit-limit", "200", "--unsigned", ...on()]);
    expect(unsigned.code, unsigned.stderr).toBe(0);
    const tx = UnsignedTransaction.from_json(unsigned.stdout);
    expect(tx.inputs().get(0).box_id().to_str()).toBe((await show()).community.boxId);
    tx.free();
    expect(await mempool()).toEqual([]);
  });

  it("default explains when an account becomes closable, then closes it: the debt moves to the community balance", async () => {
    // A payment of 0.01 refreshes Alice's activity, so her window starts now.
    expect((await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "0.01", ...on()])).code).toBe(0);
    await mine();
    const debtor = (await show("--account", accountIds.alice!)).accounts[0]!;
    const height = (await node.info()).fullHeight;
    const due = debtor.lastActiveHeight + 3;
    const early = await runCommand(defaultCommand, ["--community", communityId, "--account", accountIds.alice!, "--dev-account", "4", ...on()]);
    expect(early.code).toBe(1);
    expect(early.stderr).toBe(
      `account ${accountIds.alice} cannot be closed yet: it was last active at height ${debtor.lastActiveHeight}; it can be closed from height ${due} (the chain is at ${height}: ${due - height - 1} more block${due - height - 1 === 1 ? "" : "s"})`,
    );
    const none = await runCommand(defaultCommand, ["--community", communityId, "--all", "--dev-account", "4", ...on()]);
    expect(none.stderr).toBe(`no account can be closed as defaulted at height ${height}: the next one can be closed from height ${due}`);
    await mine(due - height - 1);
    const run = await runCommand(defaultCommand, ["--community", communityId, "--all", "--dev-account", "4", "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { closed: { accountId: string; balance: string }[]; communityBalance: string };
    // The collateral is forfeited; the rest goes back to Alice, less 0.001 ERG for the closer's fee.
    const collateral = BigInt(debtor.collateralNanoErg);
    const returned = (BigInt(debtor.valueNanoErg!) - collateral - 1_000_000n).toString();
    expect(result.closed).toEqual([{ accountId: accountIds.alice, balance: "-1376", forfeitedNanoErg: collateral.toString(), returnedNanoErg: returned }]);
    expect(result.communityBalance).toBe("-1376");
    await mine();
    const shown = await show();
    expect(shown.community).toMatchObject({ members: 1, communityBalance: "-1376", moneySupply: "1376", creditInUse: "0" });
    const sum = shown.accounts.reduce((s, a) => s + BigInt(a.balance), 0n) + BigInt(shown.community.communityBalance);
    expect(sum).toBe(0n);
  });

  it("close-dormant and refresh say from which height an account or the community box is dormant, and send nothing before", async () => {
    const height = (await node.info()).fullHeight;
    const before = await mempool();
    const closeOne = await runCommand(closeDormantCommand, ["--community", communityId, "--account", accountIds.bob!, "--dev-account", "4", ...on()]);
    expect(closeOne.code).toBe(1);
    expect(closeOne.stderr).toMatch(new RegExp(`^account ${accountIds.bob} is not dormant: its box was last spent at height \\d+; it can be closed from height \\d+ \\(the chain is at ${height}\\), and storage rent could reach it from \\d+$`));
    const all = await runCommand(closeDormantCommand, ["--community", communityId, "--all", "--dev-account", "4", ...on()]);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(new RegExp(`^no account is dormant at height ${height}: the next one is dormant from height \\d+$`));
    const refresh = await runCommand(refreshCommand, ["--community", communityId, "--dev-account", "4", ...on()]);
    expect(refresh.code).toBe(1);
    expect(refresh.stderr).toMatch(/^the community box is not dormant: it was last spent at height \d+; anyone may refresh it from height (\d+) \(the chain is at \d+\); storage rent could reach it from \d+$/);
    // The community box was last spent at a height the chain has reached: dormant 788,400 blocks later.
    const [spentAt, from] = [...refresh.stderr.matchAll(/height (\d+)/g)].map((m) => Number(m[1]));
    expect(from! - spentAt!).toBe(788_400);
    expect(spentAt).toBeLessThanOrEqual(height);
    const usage = await runCommand(closeDormantCommand, ["--community", communityId, "--dev-account", "4", ...on()]);
    expect([usage.code, usage.stderr]).toEqual([2, "name the accounts to close with --account ID, or pass --all"]);
    expect(await mempool()).toEqual(before);
  });

  it("show prints the community and its accounts in words, or one owner's accounts", async () => {
    const run = await runCommand(showCommand, ["--community", communityId, ...on()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Test Dollars (TDL, 2 decimals)  community ${communityId}`);
    expect(run.stdout).toContain("Committee: 2 of 3:");
    expect(run.stdout).toContain("Members: 1 now, 3 joined ever, 99 seats left");
    expect(run.stdout).toMatch(new RegExp(`13\\.76 TDL  credit left 113\\.76 TDL  ${bob.address}  account ${accountIds.bob}`));
    const mine_ = await show("--dev-account", "2");
    expect(mine_.accounts.map((a) => a.accountId)).toEqual([accountIds.bob]);
    const nobody = await show("--account", carol.address);
    expect(nobody.accounts).toEqual([]);
  });
});
