/**
 * `lets pay --erg` on a real devnet, in process: units and ERG to the same payee in one mined
 * transaction (the ERG in an output to the payee's address holding no tokens, paid from the
 * payer's wallet); bad --erg is one line naming --erg and exit 2 before the node is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPolicy } from "../../../contracts/testing/policy.ts";
import { devAccount } from "../../../ergo/keys.ts";
import type { NodeTransaction } from "../../../ergo/types.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { LetsOverHttp, soleAccount, type KeyHolder } from "../../../client/lets-over-http.ts";
import { pairErg, payCommand } from "./pay.ts";
import { runCommand } from "./testing.ts";

const [founder, alice, bob, carol] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3)];
const METADATA = { name: "Mixed Units", symbol: "MU", description: "", decimals: 2 };
const NOWHERE = ["--node", "http://127.0.0.1:9"];

describe("pairErg", () => {
  it("parses ERG exactly to nanoERG, one per payee, 0 for none", () => {
    expect(pairErg(["1.5"], 1)).toEqual([1_500_000_000n]);
    expect(pairErg(["0.001"], 1)).toEqual([1_000_000n]);
    expect(pairErg(["0", "123456789.123456789"], 2)).toEqual([0n, 123_456_789_123_456_789n]);
    expect(pairErg([], 3)).toEqual([0n, 0n, 0n]);
  });
});

describe("lets pay --erg on a devnet", () => {
  let devnet: Devnet;
  let client: LetsOverHttp;
  let communityId = "";
  const on = () => ["--node", devnet.url];
  const account = async (holder: KeyHolder) => soleAccount(await client.community(communityId), holder);
  const mempool = () => client.node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds");

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    client = new LetsOverHttp(new NodeClient(devnet.url));
    communityId = (await client.createCommunity(founder, testPolicy({ creditLimit: 10_000n, positiveCap: 0n }), METADATA)).communityId;
    await client.node.request("POST", "/devnet/mine", { blocks: 1 });
    for (const member of [alice, bob, carol]) await client.join(communityId, member);
    await client.node.request("POST", "/devnet/mine", { blocks: 1 });
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("pays 12.50 MU and 1.5 ERG to bob in one transaction, and says both", async () => {
    const args = ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "12.50", "--erg", "1.5", ...on()];
    const run = await runCommand(payCommand, [...args, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const paid = JSON.parse(run.stdout) as { txId: string; payees: { amount: string; ergNanoErg: string }[] };
    expect(paid.payees).toMatchObject([{ amount: "1250", ergNanoErg: "1500000000" }]);
    const { blocks } = await client.node.request<{ blocks: string[] }>("POST", "/devnet/mine", { blocks: 1 });
    const { transactions } = await client.node.request<{ transactions: NodeTransaction[] }>("GET", `/blocks/${blocks[0]}/transactions`);
    const tx = transactions.find((t) => t.id === paid.txId)!;
    expect(tx.outputs.filter((o) => o.ergoTree === bob.ergoTree).map((o) => [String(o.value), o.assets?.length ?? 0])).toEqual([["1500000000", 0]]);
    expect((await account(bob)).balance).toBe(1250n);

    const words = await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", carol.address, "--amount", "1", "--erg", "0.25", ...on()]);
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout.split("\n")[0]).toBe(`paid 1.00 MU + 0.25 ERG to ${carol.address}`);
  });

  it("refuses bad --erg with one line naming --erg, exit 2, before asking the node", async () => {
    const pool = await mempool();
    const pay = (...extra: string[]) => runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "1", ...extra, ...NOWHERE]);
    for (const bad of [["--erg", "1.0000000001"], ["--erg", "-1"], ["--erg", "abc"], ["--erg", "0.0001"], ["--erg", "1", "--erg", "2"]]) {
      const run = await pay(...bad);
      expect([run.code, run.stdout], bad.join(" ")).toEqual([2, ""]);
      expect(run.stderr, bad.join(" ")).toMatch(/--erg/);
      expect(run.stderr.split("\n")).toHaveLength(1);
    }
    expect((await pay("--erg", "0.0001")).stderr).toBe("--erg: 0.0001 ERG is below 0.001 ERG, the least a box holds (give 0 for none)");
    expect((await pay("--erg", "1", "--erg", "2")).stderr).toBe("1 --to but 2 --erg: give one --erg per payee, in the same order (0 for none)");
    expect(await mempool()).toEqual(pool);
  });
});
