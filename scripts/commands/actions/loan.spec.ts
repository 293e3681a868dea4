/**
 * `lets loan` on a real devnet (blocks mined on demand), run in process: a bank offers a loan in
 * two tranches with a bond, the business cannot draw before an investor funds it, draws the first
 * tranche, is refused the second before its height and draws it as a milestone with the bank's
 * signature; a stranger repays the first instalment, the bank is refused its bond, the second
 * instalment is missed and the investor claims it from the bond past its grace; the bank releases
 * the rest. A second offer is cancelled. And the refusals of bad flags before the node is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { loanCommand } from "./loan.ts";
import { runCommand } from "./testing.ts";

const business = devAccount(2);
const ERG = 1_000_000_000n;

interface LoanJson { loanId: string; phase: string; drawn: number; repaidNanoErg: string; claimedNanoErg: string; outstandingNanoErg: string; claimableNanoErg: string; instalments: { amountNanoErg: string; dueHeight: string }[]; bondNanoErg: string | null; investor: string | null }

describe("lets loan on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let loanId = "";
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const loan = (...args: string[]) => runCommand(loanCommand, [...args, ...on()]);
  async function json<T>(...args: string[]): Promise<T> {
    const run = await loan(...args, "--json");
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as T;
  }
  const shown = () => json<LoanJson>("show", "--loan", loanId);
  const balance = async (address: string) => (await node.unspentByAddress(address)).reduce((s, b) => s + BigInt(b.value), 0n);

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("refuses bad flags with their names before asking the node (exit 2)", async () => {
    const offer = ["offer", "--dev-account", "1", "--business", business.address];
    const cases: [string[], string][] = [
      [[...offer, "--principal", "10", "--tranches", "2", "--instalments", "2", "--every", "10"], "--bond is required to offer a loan"],
      [[...offer, "--tranches", "2", "--instalments", "2", "--every", "10", "--bond", "1"], "--principal is required with --tranches N"],
      [[...offer, "--tranches", "5@x", "--instalments", "2", "--every", "10", "--bond", "1"], "--tranches: a height is a block number"],
      [[...offer, "--tranches", "5", "--principal", "10", "--instalments", "30", "--every", "10", "--bond", "1"], "--instalments must be a whole number from 0 to 24"],
      [[...offer, "--principal", "10", "--tranches", "4@+0,5@+0", "--instalments", "2", "--every", "10", "--bond", "1"], "--principal differs from the sum of --tranches"],
      [[...offer, "--principal", "10", "--instalments", "2", "--every", "soon", "--bond", "1"], "--every must be blocks"],
      [["offer", "--dev-account", "1", "--business", "nope", "--principal", "1", "--instalments", "1", "--every", "5", "--bond", "1"], "--business: 'nope' is not a valid Ergo address"],
      [["draw", "--dev-account", "2", "--loan", "ab".repeat(32), "--milestone"], "--milestone needs the bank's signature"],
      [["repay", "--dev-account", "4", "--loan", "ab".repeat(32), "--amount", "-1"], "--amount"],
      [["fund", "--dev-account", "3"], "--loan is required"],
      [["frobnicate"], "unknown subcommand 'frobnicate'"],
    ];
    for (const [args, message] of cases) {
      const run = await loan(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it("offers a loan; the business draws only once it is funded and a tranche's height has come, or as a milestone", async () => {
    const offered = await json<{ loanId: string }>("offer", "--dev-account", "1", "--business", business.address, "--principal", "10", "--tranches", "2", "--tranche-every", "100",
      "--instalments", "2", "--every", "10", "--rate", "500", "--grace", "3", "--bond", "6");
    loanId = offered.loanId;
    await mine();
    expect(await shown()).toMatchObject({ phase: "offered", investor: null, drawn: 0 });
    const listed = await loan("list", "--dev-account", "2");
    expect(listed.stdout).toContain(`business:\nloan ${loanId}: offered, waiting for an investor to fund it`);
    const early = await loan("draw", "--dev-account", "2", "--loan", loanId);
    expect([early.code, early.stderr]).toEqual([1, expect.stringContaining("nobody funded it yet")]);
    await json("fund", "--dev-account", "3", "--loan", loanId);
    await mine();
    const notBusiness = await loan("draw", "--dev-account", "4", "--loan", loanId);
    expect([notBusiness.code, notBusiness.stderr]).toEqual([1, expect.stringContaining("is not the business of loan")]);
    const before = await balance(business.address);
    await json("draw", "--dev-account", "2", "--loan", loanId);
    await mine();
    const locked = await loan("draw", "--dev-account", "2", "--loan", loanId);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/^refused before signing: tranche 1 unlocks at block [\d,]+ .*--milestone/);
    const wrongBank = await loan("draw", "--dev-account", "2", "--loan", loanId, "--milestone", "--bank-dev-account", "4");
    expect([wrongBank.code, wrongBank.stderr]).toEqual([1, expect.stringContaining("is not the bank of loan")]);
    await json("draw", "--dev-account", "2", "--loan", loanId, "--milestone", "--bank-dev-account", "1");
    await mine();
    expect((await shown()).drawn).toBe(2);
    expect(await balance(business.address)).toBe(before + 10n * ERG - 2n * 1_100_000n);
  });

  it("a stranger repays the first instalment; the second is missed, claimed from the bond past its grace; the bank releases the rest", async () => {
    const terms = await shown();
    const [first, second] = terms.instalments.map((i) => BigInt(i.amountNanoErg)) as [bigint, bigint];
    expect(first + second).toBeGreaterThan(10n * ERG);
    const repaid = await json<{ repaidNanoErg: string }>("repay", "--dev-account", "4", "--loan", loanId);
    expect(BigInt(repaid.repaidNanoErg)).toBe(first);
    await mine();
    const tooMuch = await loan("repay", "--dev-account", "4", "--loan", loanId, "--amount", "100");
    expect([tooMuch.code, tooMuch.stderr]).toEqual([1, expect.stringMatching(/^refused before signing: the loan owes [\d.]+ ERG; 100 ERG is more than that/)]);
    const notRepaid = await loan("release", "--dev-account", "1", "--loan", loanId);
    expect([notRepaid.code, notRepaid.stderr]).toEqual([1, expect.stringContaining("the bond is released once it is all covered")]);
    const nothing = await loan("claim", "--dev-account", "3", "--loan", loanId);
    expect([nothing.code, nothing.stderr]).toEqual([1, expect.stringContaining("nothing can be claimed from the bond now")]);
    const height = (await node.info()).fullHeight;
    await mine(Number(BigInt(terms.instalments[1]!.dueHeight) + 3n) - height);
    expect(await shown()).toMatchObject({ phase: "late", claimableNanoErg: second.toString() });
    const claimed = await json<{ claimedNanoErg: string }>("claim", "--dev-account", "3", "--loan", loanId);
    expect(BigInt(claimed.claimedNanoErg)).toBe(second);
    await mine();
    const after = await shown();
    expect(after).toMatchObject({ phase: "repaid", outstandingNanoErg: "0", claimedNanoErg: second.toString() });
    await json("release", "--dev-account", "1", "--loan", loanId);
    await mine();
    const gone = await loan("show", "--loan", loanId);
    expect([gone.code, gone.stderr]).toEqual([1, expect.stringContaining(`no live loan ${loanId}`)]);
  });

  it("cancels an offer nobody funded, and prints an offer --unsigned without signing", async () => {
    const offered = await json<{ loanId: string }>("offer", "--dev-account", "1", "--business", business.address, "--tranches", "1@+0", "--instalments", "1", "--every", "1d", "--bond", "1");
    await mine();
    const notBank = await loan("cancel", "--dev-account", "2", "--loan", offered.loanId);
    expect([notBank.code, notBank.stderr]).toEqual([1, expect.stringContaining("is not the bank of loan")]);
    await json("cancel", "--dev-account", "1", "--loan", offered.loanId);
    await mine();
    expect((await json<{ loans: unknown[] }>("list")).loans).toEqual([]);
    const unsigned = await loan("offer", "--address", devAccount(1).address, "--unsigned", "--business", business.address, "--principal", "2", "--instalments", "1", "--every", "10", "--bond", "1");
    expect(unsigned.code, unsigned.stderr).toBe(0);
    expect((JSON.parse(unsigned.stdout) as { outputs: unknown[] }).outputs.length).toBeGreaterThanOrEqual(2);
  });
});
