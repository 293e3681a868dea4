/**
 * Trade lines from the shell, end to end on a real devnet (blocks mined on demand), run in process
 * through each command's `run(args)`: two communities, a line proposed by A's committee and
 * accepted by B's, a member of A paying a member of B with `lets pay --to-community`, `lets line
 * show` reporting the positions, a pause refusing payments into the paused community (and not
 * out of it), a change of terms accepted by the other committee, a payment over two lines,
 * closing, and a cancelled proposal. `lets show` keeps accounts and gateways apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnsignedTransaction } from "ergo-lib-wasm-nodejs";
import { devAccount } from "../../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { createCommand } from "./create.ts";
import { joinCommand } from "./join.ts";
import { lineCommand } from "./line.ts";
import { payCommand } from "./pay.ts";
import { showCommand } from "./show.ts";
import type { CommunityJson } from "./describe.ts";
import { runCommand } from "./testing.ts";

const [committeeA, alice, bob, committeeB, carol] = [devAccount(0), devAccount(1), devAccount(2), devAccount(5), devAccount(3)];

interface ShownLine {
  line: { lineId: string; status: string; pausedA: boolean; pausedB: boolean; terms: Record<string, string>; pending: unknown };
  positions: { side: string; position: string; feesHeld: string; balance: string; shards: number }[];
  gateways: { side: string; shard: number; position: string }[];
}

describe("lets line | lets pay --to-community on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let a = "";
  let b = "";
  let lineId = "";
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const mempool = () => node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds");
  const line = (...args: string[]) => runCommand(lineCommand, [...args, ...on()]);
  const shown = async (): Promise<ShownLine> => {
    const run = await line("show", "--line", lineId, "--json");
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as ShownLine;
  };
  const create = async (dev: string, name: string, symbol: string) => {
    const run = await runCommand(createCommand, ["--dev-account", dev, "--name", name, "--symbol", symbol, "--credit-limit", "100", "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { communityId: string }).communityId;
  };

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    a = await create("0", "Kaikoura Dollars", "KCD");
    b = await create("5", "Otago Dollars", "OTD");
    await mine();
    for (const [community, dev] of [[a, "1"], [b, "2"], [b, "3"]] as const) {
      const run = await runCommand(joinCommand, ["--community", community, "--dev-account", dev, ...on()]);
      expect(run.code, run.stderr).toBe(0);
    }
    await mine();
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("propose: only A's committee; the terms in words before signing; the line id printed", async () => {
    const terms = ["--rate", "3/2", "--cap-a", "100", "--cap-b", "80", "--fee-a", "100", "--fee-b", "50", "--shards", "2"];
    const outsider = await line("propose", "--community", a, "--partner", b, ...terms, "--dev-account", "1");
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toBe(`${alice.address} is not on the committee of this community (${committeeA.address})`);

    const run = await line("propose", "--community", a, "--partner", b, ...terms, "--dev-account", "0", "--json");
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { txId: string; lineId: string; communityA: string; communityB: string; terms: Record<string, string> };
    expect(result).toMatchObject({ communityA: a, communityB: b, terms: { rateNum: "3", rateDen: "2", capA: "10000", capB: "8000", feeA: "100", feeB: "50", shards: "2" } });
    expect(run.stderr).toContain("Proposing a trade line from Kaikoura Dollars (A) to Otago Dollars (B):");
    expect(run.stderr).toContain("rate: 1 KCD = 3/2 OTD");
    expect(run.stderr).toContain("caps: Kaikoura Dollars may owe Otago Dollars up to 100.00 OTD (cap A); Otago Dollars may owe Kaikoura Dollars up to 80.00 KCD (cap B)");
    expect(run.stderr).toContain("fees: Kaikoura Dollars 1.00% (100 bp), Otago Dollars 0.50% (50 bp)");
    expect(run.stderr).toContain(`the line's id will be ${result.lineId}`);
    expect(await mempool()).toEqual([result.txId]);
    lineId = result.lineId;
    await mine();
    expect((await shown()).line).toMatchObject({ lineId, status: "proposed" });
  });

  it("a payment over a line not yet accepted is refused, naming the line and what is missing", async () => {
    const run = await runCommand(payCommand, ["--community", a, "--dev-account", "1", "--to", bob.address, "--to-community", b, "--amount", "10", ...on()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`refused before signing: line ${lineId} is proposed, not open: the partner's committee has not accepted it ('lets line accept')`);
    expect(await mempool()).toEqual([]);
  });

  it("accept: only B's committee; the line opens; accounts and gateways stay apart in lets show", async () => {
    const wrong = await line("accept", "--line", lineId, "--dev-account", "0");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`${committeeA.address} is not on the committee of this community (${committeeB.address})`);
    const run = await line("accept", "--line", lineId, "--dev-account", "5");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`accepted line ${lineId}: it is open`);
    await mine();
    const view = await shown();
    expect(view.line).toMatchObject({ status: "open", pausedA: false, pausedB: false });
    expect(view.gateways.map((g) => [g.side, g.shard, g.position])).toEqual([["A", 0, "0"], ["A", 1, "0"], ["B", 0, "0"], ["B", 1, "0"]]);

    const community = await runCommand(showCommand, ["--community", b, "--json", ...on()]);
    expect(community.code, community.stderr).toBe(0);
    const json = JSON.parse(community.stdout) as { community: CommunityJson; accounts: { address: string }[] };
    // Two members and two gateways hold B's units; only the members are accounts.
    expect(json.community).toMatchObject({ members: 2, seatsLeft: "96" });
    expect(json.accounts.map((x) => x.address).sort()).toEqual([bob.address, carol.address].sort());
  });

  it("lets pay --to-community: the route, conversion and fees before signing; the payee credited in its units", async () => {
    const run = await runCommand(payCommand, ["--community", a, "--dev-account", "1", "--to", bob.address, "--to-community", b, "--amount", "10", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    // 10.00 KCD cross, 1% on top; 15.00 OTD arrive in B, less 0.5% (0.075, rounded up to 0.08).
    expect(run.stdout).toContain("Paying from Kaikoura Dollars to Otago Dollars across a trade line:");
    expect(run.stdout).toContain(`to ${bob.address}: you pay 10.10 KCD (10.00 KCD and your community's fee 0.10 KCD); they receive 14.92 OTD`);
    expect(run.stdout).toMatch(new RegExp(`line ${lineId} shard \\d: Kaikoura Dollars sends 10\\.00 KCD \\(its fee 0\\.10 KCD\\), converted at 1 KCD = 3/2 OTD to 15\\.00 OTD, Otago Dollars' fee 0\\.08 OTD: 14\\.92 OTD arrive`));
    expect(run.stdout).toContain(`paid 10.10 KCD to ${bob.address} in Otago Dollars: they received 14.92 OTD`);
    expect(run.stdout).toContain("your balance: -10.10 KCD (credit left 89.90 KCD)");
    expect(run.stdout).toContain(`  ${bob.address}: 14.92 OTD`);

    const json = await runCommand(payCommand, ["--community", a, "--dev-account", "1", "--to", `${bob.address}=1`, "--to-community", b, "--json", ...on()]);
    expect(json.code, json.stderr).toBe(0);
    const paid = JSON.parse(json.stdout) as { debit: string; payees: { received: string; balance: string; hops: { lineId: string; sent: string; senderFee: string; converted: string; receiverFee: string; delivered: string }[] }[] };
    expect(paid.debit).toBe("101");
    expect(paid.payees[0]).toMatchObject({ received: "149", balance: "1641", hops: [{ lineId, sent: "100", senderFee: "1", converted: "150", receiverFee: "1", delivered: "149" }] });
    // The second payment chains on the first's outputs in the mempool (or uses the other shard).
    expect(await mempool()).toHaveLength(2);
    await mine();
  });

  it("lets line show reports each side's position, who owes whom, and the shards", async () => {
    const view = await shown();
    expect(view.positions).toEqual([
      { side: "A", communityId: a, position: "1100", feesHeld: "11", balance: "1111", shards: 2 },
      { side: "B", communityId: b, position: "-1650", feesHeld: "9", balance: "-1641", shards: 2 },
    ]);
    const words = await line("show", "--line", lineId);
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toContain(`Line ${lineId}: Kaikoura Dollars (A, ${a}) and Otago Dollars (B, ${b}), open`);
    expect(words.stdout).toContain("  Kaikoura Dollars (A): trade position 11.00 KCD, fees held 0.11 KCD (balance 11.11 KCD, 2 gateways)");
    expect(words.stdout).toContain("  Otago Dollars (B): trade position -16.50 OTD, fees held 0.09 OTD (balance -16.41 OTD, 2 gateways)");
    expect(words.stdout).toContain("  Kaikoura Dollars owes Otago Dollars 16.50 OTD (of its cap 100.00 OTD)");
    const listed = await line("list", "--community", a);
    expect(listed.stdout).toBe(`${lineId}  Kaikoura Dollars (A) - Otago Dollars (B)  open`);
  });

  it("a payment past a shard's exposure cap is refused, naming the cap", async () => {
    // Cap A is 100.00 OTD over 2 shards: 50.00 OTD a shard, 16.50 used at most on one.
    const run = await runCommand(payCommand, ["--community", a, "--dev-account", "1", "--to", bob.address, "--to-community", b, "--amount", "40", ...on()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^refused before signing: line ${lineId} shard \\d: the payment would take the receiving community's gateway to -\\d+ units, past the shard's exposure cap of 5000 units`));
    expect(await mempool()).toEqual([]);
  });

  it("pause: B's committee stops payments into B, and lets pay says so; payments out of B continue; resume", async () => {
    const notYours = await line("pause", "--line", lineId, "--dev-account", "1");
    expect(notYours.code).toBe(1);
    expect(notYours.stderr).toBe(`${alice.address} is on the committee of neither Kaikoura Dollars nor Otago Dollars: only they can act on line ${lineId}`);
    const run = await line("pause", "--line", lineId, "--dev-account", "5");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Pausing line ${lineId} for Otago Dollars: no payments into Otago Dollars until its committee resumes it; payments out continue`);
    await mine();
    expect((await shown()).line).toMatchObject({ pausedA: false, pausedB: true });

    const refused = await runCommand(payCommand, ["--community", a, "--dev-account", "1", "--to", bob.address, "--to-community", b, "--amount", "1", ...on()]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`refused before signing: line ${lineId} is paused by Otago Dollars: it takes no payments into that community until its committee resumes it ('lets line resume')`);
    expect(await mempool()).toEqual([]);

    // Bob pays Alice back: out of B, into A. 3.00 OTD at 2/3 = 2.00 KCD, less 1% (0.02).
    const back = await runCommand(payCommand, ["--community", b, "--dev-account", "2", "--to", alice.address, "--to-community", a, "--amount", "3", ...on()]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain(`to ${alice.address}: you pay 3.02 OTD (3.00 OTD and your community's fee 0.02 OTD); they receive 1.98 KCD`);
    await mine();

    const again = await line("pause", "--line", lineId, "--dev-account", "5");
    expect([again.code, again.stderr]).toEqual([1, `line ${lineId} is already paused into Otago Dollars`]);
    const resumed = await line("resume", "--line", lineId, "--dev-account", "5", "--json");
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ lineId, communityId: b, paused: false });
    await mine();
    expect((await shown()).line).toMatchObject({ pausedA: false, pausedB: false });
  });

  it("change: A proposes a new fee; B accepts it; the next payment pays it", async () => {
    const selfAccept = await line("change", "--line", lineId, "--fee-a", "200", "--dev-account", "0");
    expect(selfAccept.code, selfAccept.stderr).toBe(0);
    expect(selfAccept.stdout).toContain("fees: Kaikoura Dollars 2.00% (200 bp), Otago Dollars 0.50% (50 bp) (each on what crosses its border) (was: fees: Kaikoura Dollars 1.00% (100 bp)");
    await mine();
    expect((await shown()).line.pending).toMatchObject({ proposer: "A", kind: "terms", terms: { feeA: "200" } });
    const own = await line("accept-change", "--line", lineId, "--dev-account", "0");
    expect([own.code, own.stderr]).toEqual([1, "Kaikoura Dollars proposed this change itself; the other committee must accept it"]);
    const accepted = await line("accept-change", "--line", lineId, "--dev-account", "5");
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain(`line ${lineId} has its new terms`);
    await mine();
    expect((await shown()).line).toMatchObject({ pending: null, terms: { feeA: "200" } });
    const run = await runCommand(payCommand, ["--community", a, "--dev-account", "1", "--to", bob.address, "--to-community", b, "--amount", "1", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("you pay 1.02 KCD (1.00 KCD and your community's fee 0.02 KCD)");
    await mine();
  });

  it("two hops: a member of A pays a member of C through B, which has a line to each", async () => {
    const c = await create("6", "Catlins Credits", "CCR");
    await mine();
    expect((await runCommand(joinCommand, ["--community", c, "--dev-account", "7", ...on()])).code).toBe(0);
    const proposed = await line("propose", "--community", b, "--partner", c, "--rate", "1", "--cap-a", "100", "--cap-b", "100", "--fee-a", "100", "--fee-b", "0", "--dev-account", "5", "--json");
    expect(proposed.code, proposed.stderr).toBe(0);
    const second = (JSON.parse(proposed.stdout) as { lineId: string }).lineId;
    await mine();
    expect((await line("accept", "--line", second, "--dev-account", "6")).code).toBe(0);
    await mine();
    const run = await runCommand(payCommand, ["--community", a, "--dev-account", "1", "--to", devAccount(7).address, "--to-community", c, "--amount", "2", "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("Paying from Kaikoura Dollars to Catlins Credits across 2 trade lines:");
    // 2.00 KCD + 2% = 2.04 KCD; 3.00 OTD arrive in B less 0.5% (0.02); B forwards the most it can
    // with its 1% fee on top out of 2.98 OTD: 2.95 (+0.03); at 1:1 Catlins receives 2.95 CCR.
    const paid = JSON.parse(run.stdout) as { debit: string; payees: { received: string; hops: Record<string, string>[] }[] };
    expect(paid.debit).toBe("204");
    expect(paid.payees[0]!.received).toBe("295");
    expect(paid.payees[0]!.hops.map((h) => [h.lineId, h.sent, h.senderFee, h.converted, h.receiverFee, h.delivered])).toEqual([
      [lineId, "200", "4", "300", "2", "298"],
      [second, "295", "3", "295", "0", "295"],
    ]);
    await mine();
    const through = await line("show", "--line", second, "--json");
    expect((JSON.parse(through.stdout) as ShownLine).positions.map((p) => p.position)).toEqual(["295", "-295"]);
  });

  it("--unsigned builds a committee's transaction for a wallet, without signing", async () => {
    const run = await line("pause", "--line", lineId, "--address", committeeB.address, "--unsigned");
    expect(run.code, run.stderr).toBe(0);
    const tx = UnsignedTransaction.from_json(run.stdout);
    expect(tx.data_inputs().len()).toBe(1);
    tx.free();
    expect(await mempool()).toEqual([]);
  });

  it("close: one committee proposes, the other accepts; the line takes no more payments", async () => {
    const proposed = await line("close", "--line", lineId, "--dev-account", "5");
    expect(proposed.code, proposed.stderr).toBe(0);
    await mine();
    const accepted = await line("accept-change", "--line", lineId, "--dev-account", "0", "--json");
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ lineId, status: "closed" });
    await mine();
    expect((await shown()).line.status).toBe("closed");
    const run = await runCommand(payCommand, ["--community", a, "--dev-account", "1", "--to", bob.address, "--to-community", b, "--amount", "1", ...on()]);
    expect([run.code, run.stderr]).toEqual([1, `refused before signing: line ${lineId} is closed, not open: it takes no more payments`]);
  });

  it("cancel: A's committee withdraws a proposal B has not accepted", async () => {
    const proposed = await line("propose", "--community", a, "--partner", b, "--rate", "1", "--cap-a", "10", "--cap-b", "10", "--dev-account", "0", "--json");
    expect(proposed.code, proposed.stderr).toBe(0);
    const second = (JSON.parse(proposed.stdout) as { lineId: string }).lineId;
    await mine();
    const byB = await line("cancel", "--line", second, "--dev-account", "5");
    expect([byB.code, byB.stderr]).toEqual([1, `${committeeB.address} is not on the committee of this community (${committeeA.address})`]);
    const run = await line("cancel", "--line", second, "--dev-account", "0");
    expect(run.code, run.stderr).toBe(0);
    await mine();
    const listed = await line("list", "--json");
    const lines = (JSON.parse(listed.stdout) as { lines: { lineId: string; status: string }[] }).lines;
    expect(lines.filter((l) => l.lineId !== lineId && l.lineId !== second).map((l) => l.status)).toEqual(["open"]);
    expect(lines.filter((l) => l.lineId === lineId || l.lineId === second).map((l) => l.status)).toEqual(["closed", "closed"]);
  });

  it("refresh: refused before the dormancy window with the height it opens (the line, then a shard); a shard out of range is a usage error", async () => {
    const height = (await node.request<{ fullHeight: number }>("GET", "/info")).fullHeight;
    const early = await line("refresh", "--line", lineId, "--dev-account", "3");
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^the line box is not dormant: it was last spent at height (\d+); anyone may refresh it from height (\d+) \(the chain is at (\d+)\); storage rent could reach it from (\d+)$/);
    const [spentAt, from, at, rent] = [...early.stderr.matchAll(/height (\d+)|at (\d+)\)|from (\d+)$/g)].map((m) => Number(m[1] ?? m[2] ?? m[3]));
    expect([from! - spentAt!, rent! - spentAt!, at]).toEqual([788_400, 1_051_200, height]);
    const shard = await line("refresh", "--line", lineId, "--shard", "0", "--dev-account", "3");
    expect([shard.code, shard.stderr]).toEqual([1, expect.stringMatching(/^shard 0 \(its older end\) is not dormant: it was last spent at height \d+; anyone may refresh it from height \d+/)]);
    const outside = await line("refresh", "--line", lineId, "--shard", "7", "--dev-account", "3");
    expect([outside.code, outside.stderr]).toEqual([2, `line ${lineId} has 2 shards (0 to 1), not 7`]);
    expect((await line("refresh", "--line", lineId, "--shard", "x", "--dev-account", "3")).stderr).toBe("--shard must be a shard number from 0 to 15, not 'x'");
  });
});
