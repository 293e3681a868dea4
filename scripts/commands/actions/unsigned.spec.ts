/**
 * `--unsigned` (what a wallet receives, parsed back by ergo-lib and then signed and accepted),
 * bad input (one clear line, exit 2 or 1, nothing sent), node refusals, and the `scripts/lets.js` launcher
 * as a child process, with a mnemonic piped on stdin.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnsignedTransaction } from "ergo-lib-wasm-nodejs";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { testPolicy } from "../../../contracts/testing/policy.ts";
import { DEV_MNEMONIC, devAccount } from "../../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { NodeClient, NodeRequestError } from "../../../ergo/node-client.ts";
import { LetsOverHttp, soleAccount } from "../../../client/lets-over-http.ts";
import { CliError } from "../command.ts";
import { addressOfKey } from "../../../ergo/addresses.ts";
import { toCliError } from "./errors.ts";
import { createCommand } from "./create.ts";
import { joinCommand } from "./join.ts";
import { payCommand } from "./pay.ts";
import { showCommand } from "./show.ts";
import { runCommand } from "./testing.ts";

const bin = fileURLToPath(new URL("../../lets.js", import.meta.url));
const [founder, alice, bob, carol] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3)];
const POLICY = testPolicy({ creditLimit: 10_000n, positiveCap: 0n, inactivityBlocks: 0n });
const METADATA = { name: "Unsigned Units", symbol: "UU", description: "", decimals: 2 };

/** Runs the `lets` bin as npm's shim does, with `stdin` written to its standard input. */
function lets(args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, LETS_MNEMONIC: "", LETS_NETWORK: "", ERGO_NODE_URL: "" };
    const child = execFile(process.execPath, [bin, ...args], { env }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") reject(error);
      else resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
    child.stdin!.end(stdin);
  });
}

/** Every `value` and token `amount` in a wallet-bound transaction is a decimal string. */
function amountsAreStrings(tx: EIP12UnsignedTransaction): boolean {
  const boxes = [...tx.inputs, ...tx.outputs] as { value: unknown; assets: { amount: unknown }[] }[];
  return boxes.every((box) => typeof box.value === "string" && box.assets.every((asset) => typeof asset.amount === "string"));
}

describe("lets actions: --unsigned, bad input, and the launcher", () => {
  let devnet: Devnet;
  let client: LetsOverHttp;
  let communityId = "";
  const on = () => ["--node", devnet.url];
  const mine = () => client.node.request("POST", "/devnet/mine", { blocks: 1 });
  const mempool = () => client.node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds");

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    client = new LetsOverHttp(new NodeClient(devnet.url));
    communityId = (await client.createCommunity(founder, POLICY, METADATA)).communityId;
    for (const member of [alice, bob]) await client.join(communityId, member);
    await mine();
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("pay --unsigned --address prints the EIP-12 transaction a wallet signs; ergo-lib parses it, and once signed the node takes it", async () => {
    const view = await client.community(communityId);
    const run = await runCommand(payCommand, ["--community", communityId, "--address", alice.address, "--to", bob.address, "--amount", "2.50", "--unsigned", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as EIP12UnsignedTransaction;
    expect(amountsAreStrings(json)).toBe(true);
    const parsed = UnsignedTransaction.from_json(run.stdout);
    const inputs = Array.from({ length: parsed.inputs().len() }, (_, i) => parsed.inputs().get(i).box_id().to_str());
    expect(inputs).toEqual([soleAccount(view, alice).boxId, soleAccount(view, bob).boxId]);
    expect(parsed.output_candidates().len()).toBe(3);
    parsed.free();
    expect(await mempool()).toEqual([]);

    const tip = await client.tip();
    try {
      await client.signAndSubmit(json, alice, tip);
    } finally {
      tip.context.free();
    }
    await mine();
    const after = await client.community(communityId);
    expect([soleAccount(after, alice).balance, soleAccount(after, bob).balance]).toEqual([-250n, 250n]);
  });

  it("join and create --unsigned need no key: the wallet's boxes are inputs, the community id is announced", async () => {
    const { community } = await client.community(communityId);
    const joined = await runCommand(joinCommand, ["--community", communityId, "--address", carol.address, "--unsigned", ...on()]);
    expect(joined.code, joined.stderr).toBe(0);
    const join = UnsignedTransaction.from_json(joined.stdout);
    const carolBoxes = new Set((await client.wallet(carol)).utxos.map((b) => b.boxId));
    expect(join.inputs().get(0).box_id().to_str()).toBe(community.boxId);
    for (let i = 1; i < join.inputs().len(); i++) expect(carolBoxes.has(join.inputs().get(i).box_id().to_str())).toBe(true);
    join.free();

    const created = await runCommand(createCommand, ["--address", carol.address, "--name", "Later", "--symbol", "LTR", "--credit-limit", "5", "--unsigned", ...on()]);
    expect(created.code, created.stderr).toBe(0);
    const tx = JSON.parse(created.stdout) as EIP12UnsignedTransaction;
    expect(amountsAreStrings(tx)).toBe(true);
    expect(created.stderr).toContain(`once signed and sent, this creates community ${tx.inputs[0]!.boxId}`);
    expect(created.stderr).toContain("each member may go down to -5.00 LTR");
    expect(await mempool()).toEqual([]);
  });

  it("takes the fee from the payer's wallet once the account's fee reserve is spent", async () => {
    const dave = devAccount(4);
    const joined = await runCommand(joinCommand, ["--community", communityId, "--dev-account", "4", "--fee-reserve-erg", "0", ...on()]);
    expect(joined.code, joined.stderr).toBe(0);
    await mine();
    const before = soleAccount(await client.community(communityId), dave);
    const unsigned = await runCommand(payCommand, ["--community", communityId, "--address", dave.address, "--to", bob.address, "--amount", "1", "--unsigned", ...on()]);
    const tx = JSON.parse(unsigned.stdout) as EIP12UnsignedTransaction;
    const daveBoxes = new Set((await client.wallet(dave)).utxos.map((b) => b.boxId));
    expect(tx.inputs.slice(2).length).toBeGreaterThan(0);
    expect(tx.inputs.slice(2).every((input) => daveBoxes.has(input.boxId))).toBe(true);
    const paid = await runCommand(payCommand, ["--community", communityId, "--dev-account", "4", "--to", bob.address, "--amount", "1", ...on()]);
    expect(paid.code, paid.stderr).toBe(0);
    await mine();
    const after = soleAccount(await client.community(communityId), dave);
    expect([after.balance, after.valueNanoErg]).toEqual([-100n, before.valueNanoErg]);
  });

  it("refuses bad input with one line and exit 2; nothing is sent", async () => {
    const pay = (...args: string[]) => runCommand(payCommand, ["--community", communityId, "--dev-account", "1", ...args, ...on()]);
    const cases: [string[], string][] = [
      [["--to", bob.address, "--amount", "abc"], '--amount: "abc" is not a number: use digits and at most one point, like 12.50.'],
      [["--to", bob.address, "--amount", "-3"], "--amount: '-3' cannot be negative"],
      [["--to", bob.address, "--amount=-3"], "--amount: The amount cannot be negative."],
      [["--to", bob.address, "--amount", "0"], "--amount: The amount must be more than 0."],
      [["--to", bob.address, "--amount", "1.005"], "--amount: Too precise: UU amounts take at most 2 digits after the point."],
      [["--to", "not-an-address", "--amount", "1"], "--to: 'not-an-address' is not a valid Ergo address"],
      [["--to", addressOfKey(bob.publicKey, "mainnet"), "--amount", "1"], "is a mainnet address, but the network is devnet"],
      [["--to", bob.address], "1 --to but 0 --amount: give one amount per payee, in the same order"],
      [["--to", bob.address, "--amount", "1", "stray"], "unexpected argument: every value goes after its --option"],
    ];
    for (const [args, message] of cases) {
      const run = await pay(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain(message);
      expect(run.stdout).toBe("");
    }
    const noCommunity = await runCommand(payCommand, ["--dev-account", "1", "--to", bob.address, "--amount", "1", ...on()]);
    expect([noCommunity.code, noCommunity.stderr]).toEqual([2, "--community is required"]);
    const signWithAddress = await runCommand(payCommand, ["--community", communityId, "--address", alice.address, "--to", bob.address, "--amount", "1", ...on()]);
    expect([signWithAddress.code, signWithAddress.stderr]).toEqual([2, "--address can only build (--unsigned); to sign, use --dev-account or --mnemonic"]);
    expect(await mempool()).toEqual([]);
  });

  it("refuses a mnemonic typed as a flag value without echoing it (exit 2)", async () => {
    for (const args of [["--mnemonic", DEV_MNEMONIC], ["--mnemonic", ...DEV_MNEMONIC.split(" ")], [`--mnemonic=${DEV_MNEMONIC}`]]) {
      const run = await runCommand(payCommand, ["--community", communityId, "--to", bob.address, "--amount", "1", ...args, ...on()]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("a mnemonic is never read from the command line, where it stays in the shell history: set LETS_MNEMONIC");
      expect(run.stderr).not.toContain("junk");
    }
  });

  it("fails with exit 1 and one line for an unknown community, an unknown payee and an unreachable node", async () => {
    const unknown = "ab".repeat(32);
    const run = await runCommand(showCommand, ["--community", unknown, ...on()]);
    expect([run.code, run.stderr]).toEqual([1, `no community ${unknown} on this node (${devnet.url}/); check --community and --node`]);
    const stranger = await runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", carol.address, "--amount", "1", ...on()]);
    expect([stranger.code, stranger.stderr]).toEqual([1, `${carol.address} has no account in community ${communityId}`]);
    const offline = await runCommand(showCommand, ["--community", communityId, "--node", "http://127.0.0.1:9"]);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/^cannot reach the node at http:\/\/127\.0\.0\.1:9\/ \(.*\); is 'lets devnet' or 'lets up' running\? Or pass --node URL$/);
    const mainnet = await runCommand(showCommand, ["--community", communityId, "--network", "mainnet", ...on()]);
    expect([mainnet.code, mainnet.stderr]).toEqual([2, `the node at ${devnet.url}/ is on devnet, but the network is mainnet: pass --network devnet`]);
  });

  it("turns the node's refusal of a transaction (HTTP 400) into one line with its reason, exit 1", async () => {
    // A payment the node accepted and mined, sent again: its inputs are spent now.
    const paid = await client.pay(communityId, bob, [{ member: alice, amountUnits: 1n }]);
    await mine();
    const refusal = await client.node.submit(paid.signed).then(() => undefined, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(NodeRequestError);
    const error = toCliError(refusal, { nodeUrl: devnet.url });
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toMatch(/^the node refused the transaction: \S.*$/);
    expect((error as CliError).message).toContain((refusal as NodeRequestError).detail.split("\n")[0]!.trim());
  });

  it("runs through scripts/lets.js: join with a mnemonic piped on stdin, show --json, and errors as 'lets: <command>: ...'", async () => {
    const joined = await lets(["join", "--community", communityId, "--mnemonic", "--index", "6", "--json", ...on()], `${DEV_MNEMONIC}\n`);
    expect(joined.code, joined.stderr).toBe(0);
    const result = JSON.parse(joined.stdout) as { address: string; accountId: string; txId: string };
    expect(result.address).toBe(devAccount(6).address);
    expect(await mempool()).toEqual([result.txId]);
    expect(joined.stderr).not.toContain("junk");

    const shown = await lets(["show", "--community", communityId, "--account", devAccount(6).address, "--json", ...on()]);
    expect(shown.code, shown.stderr).toBe(0);
    expect((JSON.parse(shown.stdout) as { accounts: { accountId: string }[] }).accounts.map((a) => a.accountId)).toEqual([result.accountId]);

    const refused = await lets(["pay", "--community", communityId, "--mnemonic", DEV_MNEMONIC, "--to", bob.address, "--amount", "1", ...on()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^lets: pay: a mnemonic is never read from the command line/);
    expect(refused.stderr).not.toContain("junk");
    const help = await lets(["--help"]);
    for (const name of ["create", "join", "pay", "leave", "default", "govern", "show"]) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });
});
