/**
 * `lets underwrite` on a real devnet (blocks mined on demand), run in process: an underwriter (uma,
 * a member too) offers alice a raise with a premium, alice accepts it and spends into the raise, the
 * withdrawal is refused while the raise is in use and goes through once she is paid back; an offer
 * to bob is cancelled; carol defaults while backed and `lets default` finds her stake on its own,
 * paying the committee its share of the raise in use; alice leaves at 0 while backed and her stake
 * returns whole. The refusals: bad flags before the node is asked, a stake below the price, the
 * wrong key, an unknown offer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { LetsOverHttp } from "../../../client/lets-over-http.ts";
import { bytesConstant } from "../../../contracts/registers.ts";
import { ownerFromPublicKey, UNDERWRITING_ERGO_TREE } from "../../../contracts/index.ts";
import { createCommand } from "./create.ts";
import { defaultCommand } from "./default.ts";
import { joinCommand } from "./join.ts";
import { leaveCommand } from "./leave.ts";
import { payCommand } from "./pay.ts";
import { underwriteCommand } from "./underwrite.ts";
import { runCommand } from "./testing.ts";

const ERG = 1_000_000_000n;
const [founder, alice, bob, carol, uma] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3), devAccount(4)];

interface Listed {
  accounts: { accountId: string; balance: string; creditLimit: string; baseCreditLimit: string; backed: string; raiseInUse: string }[];
  offers: { boxId: string; accountId: string; raise: string; premium: string }[];
  stakes: { boxId: string; stakeId: string; accountId: string; stakeNanoErg: string }[];
}

describe("lets underwrite on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let communityId = "";
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const underwrite = (...args: string[]) => runCommand(underwriteCommand, [...args, "--community", communityId, ...on()]);
  async function json<T>(...args: string[]): Promise<T> {
    const run = await underwrite(...args, "--json");
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as T;
  }
  const pay = async (from: number, to: string, amount: string) => {
    const run = await runCommand(payCommand, ["--community", communityId, "--dev-account", String(from), "--to", to, "--amount", amount, ...on()]);
    expect(run.code, run.stderr).toBe(0);
    await mine();
  };
  const accountOf = async (holder: { publicKey: string }) => (await new LetsOverHttp(node).community(communityId)).accounts.find((a) => a.owner === ownerFromPublicKey(holder.publicKey));
  /** Offers `raise` to `holder`'s account from uma and has it accepted; the stake's id. */
  async function backed(holder: number, raise: string, stake: string): Promise<string> {
    await json("offer", "--dev-account", "4", "--account", devAccount(holder).address, "--raise", raise, "--stake", stake);
    await mine();
    const offers = (await json<Listed>("list", "--account", devAccount(holder).address)).offers;
    const accepted = await json<{ stakeId: string }>("accept", "--dev-account", String(holder), "--offer", offers[0]!.boxId);
    await mine();
    return accepted.stakeId;
  }

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    const created = await runCommand(createCommand, ["--dev-account", "0", "--name", "Kaikoura Dollars", "--symbol", "KCD", "--credit-limit", "100", "--inactivity-blocks", "3", "--json", ...on()]);
    expect(created.code, created.stderr).toBe(0);
    communityId = (JSON.parse(created.stdout) as { communityId: string }).communityId;
    await mine();
    for (const member of ["1", "2", "3", "4"]) expect((await runCommand(joinCommand, ["--community", communityId, "--dev-account", member, ...on()])).code).toBe(0);
    await mine();
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("refuses bad flags with their names before asking the node (exit 2)", async () => {
    const cases: [string[], string][] = [
      [["offer", "--dev-account", "4", "--raise", "10", "--stake", "5"], "--account is required here"],
      [["offer", "--dev-account", "4", "--account", alice.address, "--raise", "1,5", "--stake", "5"], "--raise"],
      [["offer", "--dev-account", "4", "--account", alice.address, "--raise", "10", "--stake", "five"], "--stake"],
      [["offer", "--dev-account", "4", "--account", alice.address, "--raise", "10", "--stake", "5", "--premium-to", bob.address], "--premium-to names who receives a premium"],
      [["accept", "--dev-account", "1"], "--offer is required here"],
      [["withdraw", "--dev-account", "4", "--stake", "abc"], "--stake"],
      [["list", "--unsigned"], "this reads"],
      [["frobnicate"], "unknown subcommand 'frobnicate'"],
    ];
    for (const [args, message] of cases) {
      const run = await underwrite(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it("offers with a premium, accepts, refuses the withdrawal while the raise is in use, withdraws once paid back", async () => {
    const cheap = await underwrite("offer", "--dev-account", "4", "--account", alice.address, "--raise", "200", "--stake", "0.1");
    expect(cheap.code).toBe(1);
    expect(cheap.stderr).toMatch(/^refused before signing: underwriting of account [0-9a-f]{64}: a raise of 20000 units needs a stake of at least 200000000 nanoERG/);
    const uma0 = await accountOf(uma);
    await json("offer", "--dev-account", "4", "--account", alice.address, "--raise", "200", "--stake", "5", "--premium", "1");
    await mine();
    const listed = await json<Listed>("list", "--account", alice.address);
    expect(listed.offers).toMatchObject([{ raise: "20000", premium: "100" }]);
    const wrongKey = await underwrite("accept", "--dev-account", "2", "--offer", listed.offers[0]!.boxId);
    expect([wrongKey.code, wrongKey.stderr]).toEqual([1, `offer ${listed.offers[0]!.boxId} backs account ${listed.offers[0]!.accountId}, which ${bob.address} does not own`]);
    const accepted = await json<{ stakeId: string; creditLimit: string }>("accept", "--dev-account", "1", "--offer", listed.offers[0]!.boxId);
    expect(accepted).toMatchObject({ stakeId: listed.offers[0]!.boxId, creditLimit: "30000" });
    await mine();
    expect((await accountOf(uma))!.balance - uma0!.balance).toBe(100n);
    await pay(1, bob.address, "250");
    const inUse = await json<Listed>("list", "--account", alice.address);
    expect(inUse.accounts).toEqual([{ accountId: listed.offers[0]!.accountId, balance: "-25100", creditLimit: "30000", baseCreditLimit: "10000", backed: "20000", raiseInUse: "15100" }]);
    expect(inUse.stakes).toMatchObject([{ stakeId: accepted.stakeId, stakeNanoErg: String(5n * ERG) }]);
    const notUma = await underwrite("withdraw", "--dev-account", "2", "--stake", accepted.stakeId);
    expect([notUma.code, notUma.stderr]).toEqual([1, `only the underwriter who offered it may withdraw a stake; ${bob.address} did not`]);
    const refused = await underwrite("withdraw", "--dev-account", "4", "--stake", accepted.stakeId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("the raise is in use");
    await pay(2, alice.address, "160");
    const withdrawn = await json<{ stakeId: string }>("withdraw", "--dev-account", "4", "--stake", inUse.stakes[0]!.boxId);
    expect(withdrawn.stakeId).toBe(accepted.stakeId);
    await mine();
    expect((await accountOf(alice))!.terms).toMatchObject({ creditLimit: 10000n });
    expect((await accountOf(alice))!.terms.backing).toBeUndefined();
    expect((await json<Listed>("list")).stakes).toEqual([]);
  });

  it("cancels an offer; refuses an unknown one", async () => {
    await json("offer", "--dev-account", "4", "--account", bob.address, "--raise", "50", "--stake", "4.5");
    await mine();
    const [offer] = (await json<Listed>("list", "--account", bob.address)).offers;
    const stranger = await underwrite("cancel", "--dev-account", "3", "--offer", offer!.boxId);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain("only the underwriter who offered it may cancel an offer");
    expect((await json<{ offerId: string }>("cancel", "--dev-account", "4", "--offer", offer!.boxId)).offerId).toBe(offer!.boxId);
    await mine();
    const gone = await underwrite("accept", "--dev-account", "2", "--offer", offer!.boxId);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`no offer ${offer!.boxId} in Kaikoura Dollars`);
  });

  it("a default finds the stake on its own and pays the committee the share of the raise in use", async () => {
    const stakeId = await backed(3, "200", "5");
    await pay(3, bob.address, "250");
    await mine(4);
    const carolId = (await accountOf(carol))!.accountId;
    const run = await runCommand(defaultCommand, ["--community", communityId, "--account", carolId, "--dev-account", "2", "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const { txId } = JSON.parse(run.stdout) as { txId: string };
    const found = await node.transaction(txId);
    const stakeBox = found!.tx.inputs.map((i) => i.boxId).find((id) => id !== undefined && found!.tx.outputs.some((o) => o.additionalRegisters.R4 === bytesConstant(id)));
    const tagged = found!.tx.outputs.filter((o) => o.additionalRegisters.R4 === bytesConstant(stakeBox!));
    const paid = (owner: { publicKey: string }) => tagged.filter((o) => o.ergoTree.endsWith(owner.publicKey)).reduce((sum, o) => sum + o.value, 0n);
    // 150 of the 200 raised were in use: three quarters of the stake to the committee (the founder's key).
    expect([paid(founder), paid(uma)]).toEqual([(5n * ERG * 3n) / 4n, (5n * ERG) / 4n]);
    await mine();
    expect(await accountOf(carol)).toBeUndefined();
    expect((await node.unspentByTokenId(stakeId)).length).toBe(0);
  });

  it("a leave at 0 while backed returns the stake whole to the underwriter", async () => {
    const alice0 = (await accountOf(alice))!;
    if (alice0.balance !== 0n) await pay(2, alice.address, String(Number(-alice0.balance) / 100));
    const stakeId = await backed(1, "100", "4.5");
    const before = (await node.allUnspentByErgoTree(UNDERWRITING_ERGO_TREE)).filter((b) => b.assets[0]?.tokenId === stakeId);
    expect(before).toHaveLength(1);
    const run = await runCommand(leaveCommand, ["--community", communityId, "--dev-account", "1", "--json", ...on()]);
    expect(run.code, run.stderr).toBe(0);
    const found = await node.transaction((JSON.parse(run.stdout) as { txId: string }).txId);
    const back = found!.tx.outputs.filter((o) => o.additionalRegisters.R4 === bytesConstant(before[0]!.boxId));
    expect(back.map((o) => [o.ergoTree.endsWith(uma.publicKey), o.value])).toEqual([[true, 4_500_000_000n]]);
  });
});
