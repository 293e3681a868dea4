/**
 * `lets escrow` on a real devnet (blocks mined on demand), run in process: a member commits an
 * order without an escrow (one is opened first, and it says so), releases part of it, the payee
 * refunds the next, a stranger claims the minimum of a third after mining past its deadline, and
 * the escrow is closed, its seat back. The refusals: more released than committed, --min above
 * --max, an unknown escrow, a deadline in the past, and bad flags before the node is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { LetsOverHttp } from "../../../client/lets-over-http.ts";
import { createCommand } from "./create.ts";
import { escrowCommand } from "./escrow.ts";
import { joinCommand } from "./join.ts";
import { runCommand } from "./testing.ts";

const bob = devAccount(2);

interface EscrowJson { escrowId: string; boxId: string; balance: string; order: { orderId: string; max: string; minimum: string; deadline: string; payeeId: string; reference: string; phase?: string } | null }
interface Settled { txId: string; orderId: string; by: string; released: string; returned: string; escrow: EscrowJson }

describe("lets escrow on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let communityId = "";
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const escrow = (...args: string[]) => runCommand(escrowCommand, [...args, "--community", communityId, ...on()]);
  async function json<T>(...args: string[]): Promise<T> {
    const run = await escrow(...args, "--json");
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as T;
  }
  const balances = async () => {
    const view = await new LetsOverHttp(node).community(communityId);
    return { view, of: (holder: { publicKey: string }) => view.accounts.find((a) => a.owner.endsWith(holder.publicKey))!.balance };
  };

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    const created = await runCommand(createCommand, ["--dev-account", "0", "--name", "Kaikoura Dollars", "--symbol", "KCD", "--credit-limit", "100", "--json", ...on()]);
    expect(created.code, created.stderr).toBe(0);
    communityId = (JSON.parse(created.stdout) as { communityId: string }).communityId;
    await mine();
    for (const member of ["1", "2"]) expect((await runCommand(joinCommand, ["--community", communityId, "--dev-account", member, ...on()])).code).toBe(0);
    await mine();
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("refuses bad flags with their names before asking the node (exit 2)", async () => {
    const cases: [string[], string][] = [
      [["commit", "--dev-account", "1", "--to", bob.address, "--deadline", "+10"], "--max is required to commit an order"],
      [["commit", "--dev-account", "1", "--to", bob.address, "--max", "1,5", "--deadline", "+10"], "--max"],
      [["commit", "--dev-account", "1", "--to", bob.address, "--max", "5", "--deadline", "soon"], "--deadline must be a height (1234), blocks from now (+30) or a duration"],
      [["commit", "--dev-account", "1", "--to", bob.address, "--max", "5", "--deadline", "+10", "--reference", "ab".repeat(65)], "--reference: at most 64 bytes"],
      [["refund", "--dev-account", "2"], "--order is required"],
      [["refresh", "--dev-account", "2"], "--escrow is required"],
      [["frobnicate"], "unknown subcommand 'frobnicate'"],
    ];
    for (const [args, message] of cases) {
      const run = await escrow(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it("commits without an escrow (opening one first, saying so), shows the order in words, refuses a release above it, releases part", async () => {
    const seats = (await balances()).view.community.seatsLeft;
    const run = await escrow("commit", "--dev-account", "1", "--to", bob.address, "--max", "50", "--min", "20", "--deadline", "1d", "--reference", "invoice 17", "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("You have no idle escrow in this community: opening one first.");
    const committed = JSON.parse(run.stdout) as { orderId: string; escrow: EscrowJson };
    expect(committed.escrow.order).toMatchObject({ max: "5000", minimum: "2000", orderId: committed.orderId });
    expect(committed.escrow.order!.reference).toMatch(/^[0-9a-f]{64}$/);
    await mine();
    const after = await balances();
    expect(after.view.community.seatsLeft).toBe(seats - 1n);
    expect(after.of(devAccount(1))).toBe(-5000n);
    const shown = await escrow("show", "--dev-account", "1");
    expect(shown.stdout).toMatch(/50\.00 KCD committed to \w+'s account [0-9a-f]{8}…, at least 20\.00 KCD claimable after block [\d,]+ \(in about 24 hours\)/);
    const asPayee = await escrow("show", "--dev-account", "2");
    expect(asPayee.stdout).toContain(`orders committed to you:\n  order ${committed.orderId}`);
    const tooMuch = await escrow("release", "--dev-account", "1", "--amount", "50.01");
    expect([tooMuch.code, tooMuch.stderr]).toEqual([1, "refused before signing: the order commits 50.00 KCD: 50.01 KCD cannot be released, at most what was committed"]);
    const belowMinimum = await escrow("release", "--dev-account", "1", "--amount", "19.99");
    expect(belowMinimum.code).toBe(1);
    expect(belowMinimum.stderr).toContain("at least the agreed minimum");
    const released = await json<Settled>("release", "--dev-account", "1", "--amount", "35");
    expect(released).toMatchObject({ orderId: committed.orderId, by: "payer", released: "3500", returned: "1500" });
    expect(released.escrow).toMatchObject({ balance: "0", order: null });
    await mine();
    const settled = await balances();
    expect([settled.of(devAccount(1)), settled.of(bob)]).toEqual([-3500n, 3500n]);
  });

  it("the payee refunds an order; anyone claims the minimum of the next only after its deadline", async () => {
    const refundable = await json<{ orderId: string }>("commit", "--dev-account", "1", "--to", bob.address, "--max", "40", "--deadline", "+20");
    await mine();
    const notPayee = await escrow("refund", "--dev-account", "1", "--order", refundable.orderId);
    expect(notPayee.code).toBe(1);
    expect(notPayee.stderr).toContain("only the payee refunds");
    const refunded = await json<Settled>("refund", "--dev-account", "2", "--order", refundable.orderId);
    expect(refunded).toMatchObject({ by: "payee", released: "0", returned: "4000" });
    await mine();
    const claimable = await json<{ orderId: string; escrow: EscrowJson }>("commit", "--dev-account", "1", "--to", bob.address, "--max", "30", "--min", "10", "--deadline", "+3");
    await mine();
    const early = await escrow("claim", "--dev-account", "3", "--order", claimable.escrow.escrowId);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`the deadline (height ${claimable.escrow.order!.deadline}) has not passed`);
    await mine(3);
    const claimed = await json<Settled & { kept: string }>("claim", "--dev-account", "3", "--order", claimable.orderId);
    expect(claimed).toMatchObject({ orderId: claimable.orderId, by: "anyone", released: "1000" });
    // The rest goes back to the payer at once, or (contracts keeping it after a claim) by claiming the order without a minimum again.
    expect(BigInt(claimed.returned) + BigInt(claimed.kept)).toBe(2000n);
    if (claimed.kept !== "0") {
      await mine();
      const returned = await json<Settled>("claim", "--dev-account", "3", "--order", claimable.escrow.escrowId);
      expect(returned).toMatchObject({ by: "anyone", released: "0", returned: claimed.kept });
    }
    await mine();
    const settled = await balances();
    expect([settled.of(devAccount(1)), settled.of(bob)]).toEqual([-4500n, 4500n]);
    const gone = await escrow("claim", "--dev-account", "3", "--order", claimable.escrow.escrowId);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`escrow ${claimable.escrow.escrowId} holds no open order`);
  });

  it("refuses --min above --max, a deadline in the past and an unknown escrow; builds a commit --unsigned; closes the escrow", async () => {
    const minAboveMax = await escrow("commit", "--dev-account", "1", "--to", bob.address, "--max", "5", "--min", "6", "--deadline", "+10");
    expect([minAboveMax.code, minAboveMax.stderr]).toEqual([2, "--min (6.00 KCD) is more than --max (5.00 KCD): the payee cannot be owed more than is committed"]);
    const past = await escrow("commit", "--dev-account", "1", "--to", bob.address, "--max", "5", "--deadline", "3");
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/^refused before signing: deadline: height 3 is not after the next block/);
    const unknown = await escrow("show", "--escrow", "ab".repeat(32));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no escrow ${"ab".repeat(32)} in Kaikoura Dollars`);
    const shown = await json<{ escrows: EscrowJson[] }>("show", "--dev-account", "1");
    expect(shown.escrows).toHaveLength(1);
    const unsigned = await escrow("commit", "--address", devAccount(1).address, "--unsigned", "--to", bob.address, "--max", "5", "--deadline", "+10");
    expect(unsigned.code, unsigned.stderr).toBe(0);
    expect((JSON.parse(unsigned.stdout) as { inputs: { boxId: string }[] }).inputs[1]!.boxId).toBe(shown.escrows[0]!.boxId);
    const seats = (await balances()).view.community.seatsLeft;
    const closed = await escrow("close", "--dev-account", "1");
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain(`closed escrow ${shown.escrows[0]!.escrowId}`);
    await mine();
    expect((await balances()).view.community.seatsLeft).toBe(seats + 1n);
    expect((await json<{ escrows: EscrowJson[] }>("show", "--dev-account", "1")).escrows).toEqual([]);
  });
});
