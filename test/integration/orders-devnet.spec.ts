/**
 * Payment orders and batch settlement (contract version 5, docs/batches.md) end to end on a devnet
 * in this process, blocks mined on demand: members sign orders with `lets order`, a settler settles
 * them with `lets settle` (balances and next order numbers move, and `lets show` prints them; the
 * same orders again are all refused as settled and nothing is sent), an owner revokes with
 * `lets revoke`, a settlement larger than the size limit is split into batches chained in the
 * mempool, economics communities are refused, and the busy shop: 100 customers sign an
 * order each at one tip and all 100 settle within two blocks.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { hex } from "@fleet-sdk/crypto";
import { serializeTransaction } from "@fleet-sdk/serializer";
import { secp256k1 } from "@noble/curves/secp256k1";
import { DEFAULT_FEE, decodeCommunity, join, ownerFromPublicKey, type Account, type Policy } from "../../contracts/index.ts";
import { decodeOrder, encodeOrder, orderToJson, type SignedOrder } from "../../contracts/orders.ts";
import { BATCH_ERGO_TREE } from "../../contracts/scripts.ts";
import { econPolicy, testPolicy } from "../../contracts/testing/policy.ts";
import { devAccount } from "../../ergo/keys.ts";
import { addressOfKey } from "../../ergo/addresses.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { LetsOverHttp, ownerOf, type KeyHolder } from "../../client/lets-over-http.ts";
import { OrdersOverHttp, SettlementTooLarge, signedBytes } from "../../client/orders.ts";
import { orderCommand } from "../../scripts/commands/actions/order.ts";
import { revokeCommand } from "../../scripts/commands/actions/revoke.ts";
import { settleCommand } from "../../scripts/commands/actions/settle.ts";
import { showCommand } from "../../scripts/commands/actions/show.ts";
import { runCommand } from "../../scripts/commands/actions/testing.ts";

const [founder, alice, bob, carol, shop] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3), devAccount(4)];
const CUSTOMERS = 100;
const POLICY: Policy = testPolicy({ creditLimit: 100_000n, positiveCap: 10_000_000n, maxMembers: 120n });
const METADATA = { name: "Order Units", symbol: "OU", description: "", decimals: 2 };

interface SettleJson {
  settled: { orderId: string; seq: string; txId: string }[];
  refused: { orderId: string; kind: string; reason: string }[];
  txIds: string[];
  batchBoxTxId: string | null;
}

/** A new key, as a customer's wallet would hold it. */
function newKey(): KeyHolder {
  const secret = secp256k1.utils.randomPrivateKey();
  const publicKey = hex.encode(secp256k1.getPublicKey(secret, true));
  return { secretKey: hex.encode(secret), publicKey, address: addressOfKey(publicKey, "devnet") };
}

describe("payment orders and batch settlement on a devnet", () => {
  let devnet: Devnet;
  let lets: LetsOverHttp;
  let orders: OrdersOverHttp;
  let communityId = "";
  let dir = "";
  const on = () => ["--node", devnet.url];
  const mine = () => lets.node.request<unknown>("POST", "/devnet/mine", { blocks: 1 });
  const mempool = () => lets.node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds");
  const accountOf = async (holder: KeyHolder): Promise<Account> => (await lets.community(communityId)).accounts.find((a) => a.owner === ownerOf(holder))!;
  const order = async (who: number, args: string[]) => {
    const run = await runCommand(orderCommand, ["--community", communityId, "--dev-account", String(who), "--json", ...on(), ...args]);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { orderId: string; order: ReturnType<typeof orderToJson>; text: string };
  };
  const settle = async (who: number, files: string[]) => {
    const run = await runCommand(settleCommand, ["--community", communityId, "--dev-account", String(who), "--json", ...on(), ...files]);
    return { code: run.code, stderr: run.stderr, json: run.stdout === "" ? undefined : (JSON.parse(run.stdout) as SettleJson) };
  };

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    lets = new LetsOverHttp(new NodeClient(devnet.url));
    orders = new OrdersOverHttp(lets);
    dir = await mkdtemp(joinPath(tmpdir(), "lets-orders-"));
    communityId = (await lets.createCommunity(founder, POLICY, METADATA)).communityId;
    await mine();
    for (const member of [alice, bob, carol, shop]) await lets.join(communityId, member);
    await mine();
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("lets order signs offline; lets settle settles in one batch, then refuses the same orders as settled and sends nothing", async () => {
    const height = await lets.node.height();
    const first = await order(1, ["--to", bob.address, "--amount", "2.50"]);
    expect(first.order).toMatchObject({ amount: "250", seq: "0", expiry: String(height + 720) });
    expect(decodeOrder(first.text)).toEqual(decodeOrder(encodeOrder(decodeOrder(first.text))));
    const out = joinPath(dir, "alice-2.json");
    const second = await order(1, ["--to", (await accountOf(carol)).accountId, "--amount", "1", "--seq", "1", "--expiry-blocks", "30", "--out", out]);
    expect(second.order).toMatchObject({ seq: "1", expiry: String(height + 30) });
    const third = await order(2, ["--to", alice.address, "--amount", "0.75"]);
    expect(await mempool()).toEqual([]);
    await writeFile(joinPath(dir, "first.json"), JSON.stringify(first));
    await writeFile(joinPath(dir, "till.txt"), `# bob's order\n${third.text}\n`);
    const files = [joinPath(dir, "first.json"), out, joinPath(dir, "till.txt")];

    const settled = await settle(3, files);
    expect(settled.code, settled.stderr).toBe(0);
    expect(settled.json!.settled.map((s) => s.orderId).sort()).toEqual([first.orderId, second.orderId, third.orderId].sort());
    expect(settled.json!.refused).toEqual([]);
    expect(settled.json!.txIds).toHaveLength(1);
    expect(settled.json!.batchBoxTxId).not.toBeNull();
    expect(await mempool()).toEqual([settled.json!.batchBoxTxId, settled.json!.txIds[0]]);
    await mine();
    const [a, b, c] = await Promise.all([alice, bob, carol].map(accountOf));
    expect([a!.balance, b!.balance, c!.balance]).toEqual([-250n - 100n + 75n, 250n - 75n, 100n]);
    expect([a!.nextSeq, b!.nextSeq, c!.nextSeq]).toEqual([2n, 1n, 0n]);
    const shown = await runCommand(showCommand, ["--community", communityId, "--account", alice.address, ...on()]);
    expect(shown.stdout).toContain("Accounts (balance, credit left, owner, id, next order):");
    expect(shown.stdout).toMatch(new RegExp(`-2\\.75 OU  credit left 997\\.25 OU  ${alice.address}  account ${a!.accountId}  next order 2$`, "m"));
    const shownJson = await runCommand(showCommand, ["--community", communityId, "--account", alice.address, "--json", ...on()]);
    expect((JSON.parse(shownJson.stdout) as { accounts: { nextSeq: string }[] }).accounts.map((x) => x.nextSeq)).toEqual(["2"]);

    const again = await settle(3, files);
    expect(again.code).toBe(1);
    expect(again.json!.settled).toEqual([]);
    expect(again.json!.refused.map((r) => r.kind)).toEqual(["settled", "settled", "settled"]);
    expect(again.json!.refused[0]!.reason).toMatch(/was settled or revoked \(the payer's next order is \d\)/);
    expect(again.json!.txIds).toEqual([]);
    expect(again.json!.batchBoxTxId).toBeNull();
    expect(await mempool()).toEqual([]);
  });

  it("lets revoke voids an unsettled order; a used number and a revoke that does not raise the number are refused (exit 1); an order past the credit left is signed with a note", async () => {
    const pending = await order(1, ["--to", bob.address, "--amount", "5"]);
    expect(pending.order.seq).toBe("2");
    const revoked = await runCommand(revokeCommand, ["--community", communityId, "--dev-account", "1", "--json", ...on()]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ previousNextSeq: "2", nextSeq: "3" });
    await mine();
    expect((await accountOf(alice)).nextSeq).toBe(3n);
    await writeFile(joinPath(dir, "revoked.txt"), pending.text);
    const refused = await settle(3, [joinPath(dir, "revoked.txt")]);
    expect(refused.code).toBe(1);
    expect(refused.json!.refused.map((r) => r.kind)).toEqual(["settled"]);
    expect(await mempool()).toEqual([]);

    const used = await runCommand(orderCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "1", "--seq", "2", ...on()]);
    expect(used.code).toBe(1);
    expect(used.stderr).toMatch(/order number 2 of account \w+ is settled or revoked already; its next order is number 3/);
    const beyond = await runCommand(orderCommand, ["--community", communityId, "--dev-account", "1", "--to", bob.address, "--amount", "1000", "--json", ...on()]);
    expect(beyond.code, beyond.stderr).toBe(0);
    expect(beyond.stderr).toBe("note: your credit left is 997.25 OU now: this order cannot settle until your balance rises");
    const lower = await runCommand(revokeCommand, ["--community", communityId, "--dev-account", "1", "--next-seq", "3", ...on()]);
    expect(lower.code).toBe(1);
    expect(lower.stderr).toMatch(/refused before signing: nextSeq must be above the account's 3/);
    expect(await mempool()).toEqual([]);
  });

  it("a settlement past the size limit goes in several batches chained in the mempool, each the size estimated", async () => {
    const payers = [alice, bob, carol];
    const signed: SignedOrder[] = [];
    for (const [i, payer] of payers.entries()) {
      const payee = await accountOf(payers[(i + 1) % payers.length]!);
      const first = await orders.signOrder(communityId, payer, { payee: payee.accountId, amount: 10n });
      signed.push(first, await orders.signOrder(communityId, payer, { payee: payee.accountId, amount: 20n, seq: first.seq + 1n }));
    }
    const before = await Promise.all(payers.map(accountOf));
    const settlement = await orders.settleOrders(communityId, signed, shop, { maxBytes: 3_600 });
    expect(settlement.refused).toEqual([]);
    expect(settlement.settled).toHaveLength(6);
    expect(settlement.batches.length).toBeGreaterThanOrEqual(2);
    settlement.batches.forEach((batch, i) => {
      const bytes = serializeTransaction(batch.signed).toBytes().length;
      expect(bytes).toBeLessThanOrEqual(3_600);
      const keyInputs = batch.signed.inputs.length - batch.signed.outputs.filter((o) => o.assets.some((t) => t.tokenId === communityId)).length - 1;
      expect(signedBytes(batch.unsigned, keyInputs)).toBe(bytes);
      // Each batch spends the batch box the one before created.
      if (i > 0) expect(batch.signed.inputs[0]!.boxId).toBe(settlement.batches[i - 1]!.signed.outputs.find((o) => o.ergoTree === BATCH_ERGO_TREE)!.boxId);
    });
    expect(await mempool()).toEqual([settlement.batchBoxCreated!.id, ...settlement.batches.map((b) => b.id)]);
    await mine();
    const after = await Promise.all(payers.map(accountOf));
    after.forEach((account, i) => {
      expect(account.balance).toBe(before[i]!.balance);
      expect(account.nextSeq).toBe(before[i]!.nextSeq! + 2n);
    });
    // A size no single order's batch fits is refused, not split for ever.
    const one = await orders.signOrder(communityId, alice, { payee: (await accountOf(bob)).accountId, amount: 1n });
    await expect(orders.settleOrders(communityId, [one], shop, { maxBytes: 2_000 })).rejects.toThrow(SettlementTooLarge);
  });

  it("an economics community is refused: no orders, settlements or revocations (exit 1)", async () => {
    const econ = (await lets.createCommunity(founder, econPolicy({ feeBps: 50n }), { ...METADATA, name: "Levers" })).communityId;
    await mine();
    await lets.join(econ, alice);
    await lets.join(econ, bob);
    await mine();
    const refusal = /Levers is an economics community: payment orders and batch settlement are for plain communities/;
    const signed = await runCommand(orderCommand, ["--community", econ, "--dev-account", "1", "--to", bob.address, "--amount", "1", ...on()]);
    expect([signed.code, signed.stderr]).toEqual([1, expect.stringMatching(refusal)]);
    const revoked = await runCommand(revokeCommand, ["--community", econ, "--dev-account", "1", ...on()]);
    expect([revoked.code, revoked.stderr]).toEqual([1, expect.stringMatching(refusal)]);
    const file = joinPath(dir, "econ.json");
    await writeFile(file, JSON.stringify(orderToJson(await orders.signOrder(communityId, alice, { payee: (await accountOf(bob)).accountId, amount: 1n }))));
    const settled = await runCommand(settleCommand, ["--community", econ, "--dev-account", "3", file, ...on()]);
    expect([settled.code, settled.stderr]).toEqual([1, expect.stringMatching(refusal)]);
    expect(await mempool()).toEqual([]);
  });

  it(`the busy shop: ${CUSTOMERS} customers join, each signs an order to the shop at one tip, and all settle within two blocks`, async () => {
    const customers = Array.from({ length: CUSTOMERS }, newKey);
    // One funding transaction, then the joins chained in the mempool, each on the community box
    // the one before made: built here, not read back from the node each time.
    const tip = await lets.tip();
    try {
      const funder = await lets.wallet(founder);
      const funding = new TransactionBuilder(tip.height).from(funder.utxos).to(customers.map((k) => new OutputBuilder(200_000_000n, k.address))).sendChangeTo(founder.address).payFee(DEFAULT_FEE).build().toEIP12Object();
      const funded = await lets.signAndSubmit(funding, founder, tip);
      let community = (await lets.community(communityId)).community.box;
      for (const [i, customer] of customers.entries()) {
        const unsigned = join({ community, owner: ownerOf(customer) }, { height: tip.height, wallet: { utxos: [funded.signed.outputs[i]!], changeAddress: customer.address } });
        community = (await lets.signAndSubmit(unsigned, customer, tip)).signed.outputs.find((o) => decodeCommunity(o).ok)!;
      }
    } finally {
      tip.context.free();
    }
    await mine();
    const view = await lets.community(communityId);
    const shopAccount = view.accounts.find((a) => a.owner === ownerOf(shop))!;
    expect(view.accounts.filter((a) => customers.some((k) => a.owner === ownerFromPublicKey(k.publicKey)))).toHaveLength(CUSTOMERS);

    // Every customer signs at the same tip: no block between the first order and the last.
    const height = await lets.node.height();
    const signed = await Promise.all(customers.map((k, i) => orders.signOrder(communityId, k, { payee: shopAccount.accountId, amount: 300n + BigInt(i) }, view)));
    expect(await lets.node.height()).toBe(height);
    expect(new Set(signed.map((o) => `${o.seq}:${o.expiry}`))).toEqual(new Set([`0:${height + 720}`]));
    const till = joinPath(dir, "till-100.txt");
    await writeFile(till, `${signed.map(encodeOrder).join("\n")}\n`);

    const settled = await settle(4, [till]);
    expect(settled.code, settled.stderr).toBe(0);
    expect(settled.json!.settled).toHaveLength(CUSTOMERS);
    expect(settled.json!.txIds.length).toBeLessThanOrEqual(2);
    let blocks = 0;
    while ((await mempool()).length > 0) {
      await mine();
      blocks += 1;
    }
    expect(blocks).toBeLessThanOrEqual(2);
    const after = await lets.community(communityId);
    const total = signed.reduce((sum, o) => sum + o.amount, 0n);
    expect(after.accounts.find((a) => a.accountId === shopAccount.accountId)!.balance).toBe(shopAccount.balance + total);
    for (const o of signed) {
      const account = after.accounts.find((a) => a.accountId === o.payer)!;
      expect([account.balance, account.nextSeq]).toEqual([-o.amount, 1n]);
    }
    expect(after.accounts.reduce((sum, a) => sum + a.balance, 0n) + after.community.communityBalance).toBe(0n);
  });
});
