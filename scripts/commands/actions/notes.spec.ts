/**
 * `lets pay --memo --request`, `lets top-up` and `lets profile` on a real devnet, in process: the
 * notes land in the signer's own account input of the mined transaction, a top-up adds ERG and
 * keeps the balance, a profile's fee comes from the reserve or else the wallet; bad input is one
 * line and exit 2 before the node is even asked (an unreachable node shows it), nothing sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { DEFAULT_FEE, MIN_BOX_VALUE, readNotes, type Notes } from "../../../contracts/index.ts";
import { testPolicy } from "../../../contracts/testing/policy.ts";
import { devAccount } from "../../../ergo/keys.ts";
import type { NodeTransaction } from "../../../ergo/types.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { LetsOverHttp, soleAccount, type KeyHolder } from "../../../client/lets-over-http.ts";
import { payCommand } from "./pay.ts";
import { profileCommand } from "./profile.ts";
import { topUpCommand } from "./top-up.ts";
import { runCommand } from "./testing.ts";

const [founder, alice, bob, carol] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3)];
const METADATA = { name: "Noted Units", symbol: "NU", description: "", decimals: 2 };
const REQUEST = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const NOWHERE = ["--node", "http://127.0.0.1:9"];

describe("lets pay --memo, lets top-up and lets profile on a devnet", () => {
  let devnet: Devnet;
  let client: LetsOverHttp;
  let communityId = "";
  const on = () => ["--node", devnet.url];
  const mempool = () => client.node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds");
  const account = async (holder: KeyHolder) => soleAccount(await client.community(communityId), holder);

  /** Mines the mempool and reads the notes of `boxId`'s input in transaction `txId` of the new block. */
  async function minedNotes(txId: string, boxId: string): Promise<Notes> {
    const { blocks } = await client.node.request<{ blocks: string[] }>("POST", "/devnet/mine", { blocks: 1 });
    const { transactions } = await client.node.request<{ transactions: NodeTransaction[] }>("GET", `/blocks/${blocks[0]}/transactions`);
    const tx = transactions.find((t) => t.id === txId)!;
    const extensions = tx.inputs.map((i) => (i.spendingProof.extension ?? {}) as Record<string, string>);
    // Only the signer's own account input carries notes.
    expect(tx.inputs.filter((i, n) => i.boxId !== boxId && Object.keys(extensions[n]!).length > 0)).toEqual([]);
    return readNotes(extensions[tx.inputs.findIndex((i) => i.boxId === boxId)]);
  }

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    client = new LetsOverHttp(new NodeClient(devnet.url));
    communityId = (await client.createCommunity(founder, testPolicy({ creditLimit: 10_000n, positiveCap: 0n }), METADATA)).communityId;
    await client.node.request("POST", "/devnet/mine", { blocks: 1 });
    for (const member of [alice, bob]) await client.join(communityId, member);
    await client.join(communityId, carol, 0n);
    await client.node.request("POST", "/devnet/mine", { blocks: 1 });
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("pay --memo --request writes both in the payer's input, and says so", async () => {
    const payer = await account(alice);
    const args = ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "4.20"];
    const run = await runCommand(payCommand, [...args, "--memo", "  eggs, a dozen ", "--request", REQUEST.toUpperCase(), "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const paid = JSON.parse(run.stdout) as { txId: string; memo: string; requestId: string; total: string };
    expect(paid).toMatchObject({ memo: "eggs, a dozen", requestId: REQUEST, total: "420" });
    expect(await minedNotes(paid.txId, payer.boxId)).toEqual({ memo: "eggs, a dozen", requestId: REQUEST, problems: [] });

    const words = await runCommand(payCommand, [...args, "--memo", "more eggs", ...on()]);
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout.split("\n").slice(0, 2)).toEqual([`paid 4.20 NU to ${bob.address}`, "memo: 'more eggs'"]);
    expect(words.stdout).not.toContain("request");
  });

  it("pay --unsigned puts the memo in the payer's input of the transaction a wallet signs", async () => {
    const [payer, pool] = [await account(alice), await mempool()];
    const run = await runCommand(payCommand, ["--community", communityId, "--address", alice.address, "--to", bob.address, "--amount", "1", "--memo", "tea", "--unsigned", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const tx = JSON.parse(run.stdout) as EIP12UnsignedTransaction;
    expect(tx.inputs.map((i) => readNotes(i.extension).memo)).toEqual(tx.inputs.map((i) => (i.boxId === payer.boxId ? "tea" : undefined)));
    expect(await mempool()).toEqual(pool);
  });

  it("refuses a bad memo or request id with one line, exit 2, before asking the node", async () => {
    const pool = await mempool();
    const pay = (...extra: string[]) => runCommand(payCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "1", ...extra, ...NOWHERE]);
    const cases: [string[], string][] = [
      [["--memo", "m".repeat(141)], "--memo is 141 characters long; at most 140"],
      [["--memo", "two\nlines"], "--memo contains a control character"],
      [["--memo", "abc\u202Efdp.exe"], "--memo contains a control character"],
      [["--request", "42"], '--request: a payment request id is 32 hex digits, got "42"'],
      [["--request", `${REQUEST}0`], `--request: a payment request id is 32 hex digits, got "${REQUEST}0"`],
    ];
    for (const [extra, message] of cases) {
      expect(await pay(...extra), extra.join(" ")).toEqual({ code: 2, stdout: "", stderr: message });
    }
    expect(await mempool()).toEqual(pool);
  });

  it("top-up adds ERG from the wallet to the account; the balance stays", async () => {
    const before = await account(alice);
    const wallet = async () => (await client.wallet(alice)).utxos.reduce((sum, b) => sum + BigInt(b.value), 0n);
    const walletBefore = await wallet();
    const run = await runCommand(topUpCommand, ["--community", communityId, "--dev-account", "1", "--add-erg", "0.05", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const value = before.valueNanoErg + 50_000_000n;
    const reserve = value - before.terms.collateralNanoErg - MIN_BOX_VALUE;
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`Adding 0.05 ERG to account ${before.accountId} from ${alice.address}, which also pays the 0.0011 ERG fee.`);
    expect(lines[1]).toBe(
      `added 0.05 ERG to account ${before.accountId}; it holds ${Number(value) / 1e9} ERG: 0.1 ERG collateral, 0.001 ERG minimum, ${Number(reserve) / 1e9} ERG fee reserve (the fees of ${reserve / DEFAULT_FEE} payments at 0.0011 ERG)`,
    );
    expect(run.stdout).toContain("balance unchanged: -8.40 NU");
    const after = await account(alice);
    expect([after.balance, after.valueNanoErg]).toEqual([before.balance, value]);
    expect(await wallet()).toBe(walletBefore - 50_000_000n - DEFAULT_FEE);

    const json = await runCommand(topUpCommand, ["--community", communityId, "--dev-account", "1", "--add-erg", "1", "--json", ...on()]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ communityId, accountId: before.accountId, addedNanoErg: "1000000000", valueNanoErg: (value + 1_000_000_000n).toString(), balance: "-840" });
    expect(json.stderr).toContain("Adding 1 ERG to account");
  });

  it("top-up refuses a missing, zero or malformed --add-erg before asking the node, and more ERG than the wallet has", async () => {
    const topUp = (...extra: string[]) => runCommand(topUpCommand, ["--community", communityId, "--dev-account", "1", ...extra]);
    expect(await topUp(...NOWHERE)).toEqual({ code: 2, stdout: "", stderr: "--add-erg is required: how much ERG to add to your account, e.g. --add-erg 0.05" });
    expect(await topUp("--add-erg", "0", ...NOWHERE)).toMatchObject({ code: 2, stderr: "--add-erg: The amount must be more than 0." });
    expect((await topUp("--add-erg", "0.0000000001", ...NOWHERE)).code).toBe(2);
    expect((await topUp("--add-erg", "1e3", ...NOWHERE)).code).toBe(2);
    const before = await mempool();
    const broke = await topUp("--add-erg", "200000", ...on());
    expect(broke.code).toBe(1);
    expect(broke.stderr).toMatch(/^refused before signing: not enough ERG: the transaction needs 200000\.0011 ERG, the wallet has [\d.]+ ERG$/);
    expect(await mempool()).toEqual(before);
  });

  it("profile sets name, about and link in the member's input; the fee comes from the account's reserve", async () => {
    const before = await account(bob);
    const run = await runCommand(profileCommand, [
      "--community", communityId, "--dev-account", "2", "--name", " Bob the Baker ", "--about", "sourdough on Fridays", "--link", "https://bob.example/bread", "--json", ...on(),
    ]);
    expect(run.code, run.stderr).toBe(0);
    const profile = { name: "Bob the Baker", about: "sourdough on Fridays", link: "https://bob.example/bread" };
    const result = JSON.parse(run.stdout) as { txId: string };
    expect(result).toMatchObject({ communityId, accountId: before.accountId, profile, feeFrom: "account" });
    expect(await minedNotes(result.txId, before.boxId)).toEqual({ profile, problems: [] });
    const after = await account(bob);
    expect([after.balance, after.valueNanoErg]).toEqual([before.balance, before.valueNanoErg - DEFAULT_FEE]);
  });

  it("profile takes the fee from the wallet when the reserve is spent, and prints the profile", async () => {
    const before = await account(carol);
    const run = await runCommand(profileCommand, ["--community", communityId, "--dev-account", "3", "--name", "Carol", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split("\n").slice(0, 2)).toEqual([
      `Setting the profile of account ${before.accountId}; it is public and stays on the chain. The 0.0011 ERG fee comes from your wallet.`,
      `profile of account ${before.accountId} set: name 'Carol'`,
    ]);
    const txId = (await mempool())[0]!;
    expect(await minedNotes(txId, before.boxId)).toEqual({ profile: { name: "Carol" }, problems: [] });
    expect((await account(carol)).valueNanoErg).toBe(before.valueNanoErg);
  });

  it("profile refuses a bad name, about or link with one line, exit 2, before asking the node", async () => {
    const pool = await mempool();
    const profile = (...extra: string[]) => runCommand(profileCommand, ["--community", communityId, "--dev-account", "2", ...extra, ...NOWHERE]);
    const cases: [string[], string][] = [
      [[], "--name is required"],
      [["--name", ""], "--name must not be empty"],
      [["--name", "   "], "--name must not be empty"],
      [["--name", "n".repeat(41)], "--name is 41 characters long; at most 40"],
      [["--name", "Bob\u202E"], "--name contains a control character"],
      [["--name", "Bob", "--about", "a".repeat(281)], "--about is 281 characters long; at most 280"],
      [["--name", "Bob", "--link", "javascript:alert(1)"], "--link must be a web address starting with https:// or http://, got javascript:alert(1)"],
      [["--name", "Bob", "--link", "bob.example"], "--link must be a web address starting with https:// or http://, got bob.example"],
    ];
    for (const [extra, message] of cases) {
      expect(await profile(...extra), extra.join(" ")).toEqual({ code: 2, stdout: "", stderr: message });
    }
    expect(await mempool()).toEqual(pool);
  });
});
