/**
 * The economics levers from the shell, end to end on a devnet (docs/economics.md): `lets create`
 * with every lever (bad values refused before anything is signed), `lets pay` printing the usage
 * fee, demurrage, allowance used, balance after and earned credit limit before signing (and
 * `--allowance`), `lets sweep` (every account above the minimum, or one named), and `lets govern`
 * changing a lever of an economics community and refusing levers for a plain one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditLimitAt, sweepLeg, worth, ACCOUNT_ECON_ERGO_TREE, COMMUNITY_ECON_ERGO_TREE } from "../../../contracts/index.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { LetsOverHttp, soleAccount, type CommunityView } from "../../../client/lets-over-http.ts";
import { createCommand } from "./create.ts";
import { governCommand } from "./govern.ts";
import { joinCommand } from "./join.ts";
import { payCommand } from "./pay.ts";
import { sweepCommand } from "./sweep.ts";
import { showCommand } from "./show.ts";
import { runCommand } from "./testing.ts";

const [alice, bob] = [devAccount(1), devAccount(2)];
const LEVERS = [
  "--demurrage", "1%/100 blocks", "--usage-fee-bps", "100", "--usage-fee-min", "0.01", "--turnover-ppm", "10000",
  "--step-units", "10", "--step-blocks", "50", "--max-credit-limit", "300", "--allowance", "40", "--newcomer-blocks", "1000",
  "--sweep-min", "0.05",
];

/** sum(balances) + sum(accrued) + sum(unused allowances) + communityBalance. */
const books = (view: CommunityView): bigint => view.accounts.reduce((s, a) => s + worth(a.balance, a.economy), 0n) + view.community.communityBalance;

describe("lets create | pay | sweep | govern with economics levers on a devnet", () => {
  let devnet: Devnet;
  let lets: LetsOverHttp;
  let communityId = "";
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => lets.node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const mempool = () => lets.node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds");
  const create = (...args: string[]) =>
    runCommand(createCommand, ["--dev-account", "0", "--name", "Kaikoura Dollars", "--symbol", "KCD", "--credit-limit", "100", ...args, ...on()]);

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    lets = new LetsOverHttp(new NodeClient(devnet.url));
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("create refuses bad levers before anything is signed: exit 2, the flag named", async () => {
    const cases: [string[], string][] = [
      [["--turnover-ppm", "6000", "--usage-fee-bps", "50", "--max-credit-limit", "300"], "--turnover-ppm: at most the usage fee (feeBps × 100 = 5000 ppm), so paying oneself through a second account costs at least what it earns"],
      [["--step-units", "1", "--step-blocks", "10", "--max-credit-limit", "50"], "--max-credit-limit: at least the base creditLimit (10000)"],
      [["--demurrage", "1%/fortnight"], "--demurrage: '1%/fortnight' is not a rate; write a rate like 1%/month, 0.5%/week or 2%/1000 blocks"],
      [["--allowance", "40"], "--allowance needs --newcomer-blocks B (at least 1): how long after joining a newcomer may spend it"],
      [["--usage-fee-min", "0.001"], "--usage-fee-min: Too precise: KCD amounts take at most 2 digits after the point."],
      [["--newcomer-blocks", "788401"], "--newcomer-blocks: must be between 0 and 788400"],
    ];
    for (const [args, message] of cases) {
      const run = await create(...args);
      expect([run.code, run.stderr]).toEqual([2, message]);
    }
    expect(await mempool()).toEqual([]);
  });

  it("create with every lever prints them in words and makes an economics community", async () => {
    const run = await create(...LEVERS, "--json");
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { communityId: string; policy: { economics: Record<string, string> } };
    expect(result.policy.economics).toEqual({
      demurragePpm: "10000", demurragePeriod: "100", feeBps: "100", feeMin: "1", turnoverPpm: "10000", stepUnits: "1000", stepBlocks: "50",
      maxCreditLimit: "30000", newcomerBlocks: "1000", allowance: "4000", sweepMin: "5",
    });
    expect(run.stderr).toContain("  - balances above 0 lose 1% every 100 blocks (about 3 hours at 2 minutes a block) (demurrage: 10000 ppm per 100 blocks)");
    expect(run.stderr).toContain("  - each payment pays 1% of what the payer sends, at least 0.01 KCD, to the community (usage fee, 100 bp)");
    expect(run.stderr).toContain("  - the credit limit is earned: 100.00 KCD, plus 1% of everything the member has received, plus 10.00 KCD every 50 blocks");
    expect(run.stderr).toContain("  - economics levers: this community and its accounts use the economics contracts (docs/economics.md)");
    communityId = result.communityId;
    await mine();
    const { community } = await lets.community(communityId);
    expect(community.box.ergoTree).toBe(COMMUNITY_ECON_ERGO_TREE);
    const joined = await runCommand(joinCommand, ["--community", communityId, "--dev-account", "1", ...on()]);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout).toMatch(/^newcomer allowance 40\.00 KCD: it pays at most half of each purchase until height \d+$/m);
    const second = await runCommand(joinCommand, ["--community", communityId, "--dev-account", "2", "--json", ...on()]);
    expect(JSON.parse(second.stdout)).toMatchObject({ allowance: "4000" });
    await mine();
    const view = await lets.community(communityId);
    expect(view.accounts.map((a) => [a.box.ergoTree === ACCOUNT_ECON_ERGO_TREE, a.economy?.allowance])).toEqual([[true, 4_000n], [true, 4_000n]]);
    expect(view.community.communityBalance).toBe(-8_000n);
    expect(books(view)).toBe(0n);
  });

  it("pay prints the fee, allowance used, balance after and credit limit before signing", async () => {
    const run = await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "50", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^Paying 50\.00 KCD at height \d+; the charges, as the contracts will check them:$/);
    expect(lines.slice(1, 6)).toEqual([
      "  usage fee: 0.50 KCD (to the community)",
      "  demurrage due: 0.00 KCD",
      "  newcomer allowance used: 25.00 KCD (15.00 KCD left)",
      "  your balance: 0.00 KCD -> -25.50 KCD (credit limit now 100.00 KCD)",
      `  ${bob.address}: receives 50.00 KCD; balance 0.00 KCD -> 50.00 KCD`,
    ]);
    expect(run.stdout).toContain("your balance: -25.50 KCD (credit left 74.50 KCD)");
    await mine();
    const view = await lets.community(communityId);
    expect(soleAccount(view, alice).economy).toMatchObject({ accrued: 50n, allowance: 1_500n });
    expect(soleAccount(view, bob).economy).toMatchObject({ received: 5_000n });
    expect(books(view)).toBe(0n);
  });

  it("pay --allowance 0 keeps the allowance; more than half a purchase is refused before signing", async () => {
    const kept = await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "10", "--allowance", "0", "--json", ...on()]);
    expect(kept.code, kept.stderr).toBe(0);
    const paid = JSON.parse(kept.stdout) as { payer: { balance: string; charges: Record<string, string> } };
    expect(paid.payer.balance).toBe("-3560");
    expect(paid.payer.charges).toMatchObject({ fee: "10", allowanceUsed: "0", demurrage: "0", creditLimit: "10000" });
    const greedy = await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "10", "--allowance", "5.01", ...on()]);
    expect(greedy.code).toBe(1);
    expect(greedy.stderr).toMatch(/^--allowance: at most 5\.00 KCD of this purchase may come from your newcomer allowance \(half of 10\.00 KCD, within the 15\.00 KCD left, until height \d+\)$/);
    await mine();
    expect(soleAccount(await lets.community(communityId), alice).economy?.allowance).toBe(1_500n);
  });

  it("after 100 blocks a payee owes demurrage, and the payer's credit limit is earned by the formula", async () => {
    await mine(100);
    const before = await lets.community(communityId);
    const run = await runCommand(payCommand, ["--community", communityId, "--dev-account", "2", "--to", alice.address, "--amount", "1", "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const paid = JSON.parse(run.stdout) as { payer: { charges: { height: number; demurrage: string; creditLimit: string } } };
    const { height, demurrage, creditLimit } = paid.payer.charges;
    const bobBefore = soleAccount(before, bob);
    expect(BigInt(creditLimit)).toBe(creditLimitAt(bobBefore, BigInt(height)));
    // Bob holds 60.00 KCD: 1% per 100 blocks is about 0.60 KCD over the blocks since his last charge.
    expect(BigInt(demurrage)).toBe(sweepLeg(bobBefore, BigInt(height)).demurrage);
    expect(BigInt(demurrage)).toBeGreaterThan(50n);
    expect(run.stderr).toMatch(/demurrage due: 0\.\d\d KCD \(on your balance above 0 since you were last charged\)/);
    await mine();
    expect(books(await lets.community(communityId))).toBe(0n);
  });

  it("sweep moves every account's charges to the community balance; a named account below the minimum is refused", async () => {
    await mine(10);
    const before = await lets.community(communityId);
    const run = await runCommand(sweepCommand, ["--community", communityId, "--dev-account", "3", "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const swept = JSON.parse(run.stdout) as { swept: { accountId: string; collected: string }[]; collected: string; communityBalance: string };
    expect(swept.swept.map((s) => s.accountId).sort()).toEqual(before.accounts.map((a) => a.accountId).sort());
    expect(BigInt(swept.communityBalance)).toBe(before.community.communityBalance + BigInt(swept.collected));
    expect(run.stderr).toMatch(/^Sweeping 2 accounts of Kaikoura Dollars at height \d+/);
    await mine();
    const after = await lets.community(communityId);
    expect(after.community.communityBalance.toString()).toBe(swept.communityBalance);
    expect(after.accounts.map((a) => a.economy?.accrued)).toEqual([0n, 0n]);
    expect(books(after)).toBe(0n);

    const alicesId = soleAccount(after, alice).accountId;
    const none = await runCommand(sweepCommand, ["--community", communityId, "--account", alicesId, "--dev-account", "3", ...on()]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`account ${alicesId} holds 0.00 KCD of charges (0.00 KCD accrued, 0.00 KCD demurrage due); a sweep needs at least 0.05 KCD (the sweep minimum of Kaikoura Dollars)`);
    const all = await runCommand(sweepCommand, ["--community", communityId, "--dev-account", "3", ...on()]);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(/^nothing to sweep: no account of Kaikoura Dollars holds at least 0\.05 KCD of charges \(the sweep minimum\) at height \d+$/);
    expect(await mempool()).toEqual([]);
  });

  it("show counts an account's credit left from its earned limit at the node's height", async () => {
    const run = await runCommand(showCommand, ["--community", communityId, "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout) as {
      community: { policy: { economics: Record<string, string> | null } };
      accounts: { accountId: string; creditLeft: string; creditLimit: string; economics: { accrued: string; allowance: string; creditLimit: { height: number; limit: string } } }[];
    };
    const view = await lets.community(communityId);
    const height = BigInt(await lets.node.height());
    expect(shown.community.policy.economics).toMatchObject({ demurragePpm: "10000", feeBps: "100", allowance: "4000", sweepMin: "5" });
    for (const account of view.accounts) {
      const json = shown.accounts.find((a) => a.accountId === account.accountId)!;
      expect(BigInt(json.creditLeft)).toBe(account.balance + creditLimitAt(account, height));
      expect(json.creditLimit).toBe("10000");
      // The API's shape: R9 and the earned limit at the node's height.
      expect(json.economics).toMatchObject({ accrued: `${account.economy!.accrued}`, allowance: `${account.economy!.allowance}`, creditLimit: { height: Number(height), limit: `${creditLimitAt(account, height)}` } });
    }
    const words = await runCommand(showCommand, ["--community", communityId, ...on()]);
    expect(words.stdout).toContain("  - each payment pays 1% of what the payer sends, at least 0.01 KCD, to the community (usage fee, 100 bp)");
    expect(words.stdout).toMatch(/community balance -\d+\.\d\d KCD \(allowances issued, charges swept and debts written off\)/);
    // Bob received 61.00 KCD and has been a member for more than two 50-block steps: his limit is earned.
    expect(creditLimitAt(soleAccount(view, bob), height)).toBeGreaterThan(12_000n);
  });

  it("govern changes a lever for future members (shown with what it was); existing accounts keep theirs; bad levers exit 2", async () => {
    const bad = await runCommand(governCommand, ["--community", communityId, "--dev-account", "0", "--turnover-ppm", "20000", ...on()]);
    expect([bad.code, bad.stderr]).toEqual([2, "--turnover-ppm: at most the usage fee (feeBps × 100 = 10000 ppm), so paying oneself through a second account costs at least what it earns"]);
    const run = await runCommand(governCommand, ["--community", communityId, "--dev-account", "0", "--usage-fee-bps", "200", "--turnover-ppm", "20000", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("  - each payment pays 2% of what the payer sends, at least 0.01 KCD, to the community (usage fee, 200 bp) (was: each payment pays 1% of what the payer sends, at least 0.01 KCD, to the community (usage fee, 100 bp))");
    expect(run.stdout).toMatch(/the credit limit is earned: 100\.00 KCD, plus 2% of everything .* \(was: the credit limit is earned: 100\.00 KCD, plus 1% of/);
    await mine();
    const view = await lets.community(communityId);
    expect(view.community.policy.economics).toMatchObject({ feeBps: 200n, turnoverPpm: 20_000n, allowance: 4_000n });
    expect(view.accounts.map((a) => a.terms.economics?.feeBps)).toEqual([100n, 100n]);
  });

  it("a plain community: govern refuses levers, pay refuses --allowance", async () => {
    const plain = await create("--json");
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain("  - no economics levers: the plain contracts, the cheapest per payment (levers cannot be added later)");
    const plainId = (JSON.parse(plain.stdout) as { communityId: string }).communityId;
    await mine();
    const run = await runCommand(governCommand, ["--community", plainId, "--dev-account", "0", "--usage-fee-bps", "10", "--sweep-min", "1", ...on()]);
    expect([run.code, run.stderr]).toEqual([
      1, "--usage-fee-bps, --sweep-min: Kaikoura Dollars was created without economics levers and cannot gain them (its accounts use the plain contracts; levers are chosen at creation)",
    ]);
    for (const n of ["1", "2"]) expect((await runCommand(joinCommand, ["--community", plainId, "--dev-account", n, ...on()])).code).toBe(0);
    await mine();
    const pay = await runCommand(payCommand, ["--community", plainId, "--dev-account", "1", "--to", bob.address, "--amount", "1", "--allowance", "0.5", ...on()]);
    expect([pay.code, pay.stderr]).toEqual([1, "refused before signing: this community has no newcomer allowance"]);
    const sweep = await runCommand(sweepCommand, ["--community", plainId, "--dev-account", "3", ...on()]);
    expect([sweep.code, sweep.stderr]).toEqual([1, "Kaikoura Dollars has no economics levers: nothing accrues in its accounts to sweep"]);
    expect(await mempool()).toEqual([]);
  });
});
