/**
 * Payment orders in Chromium (contract version 5, docs/batches.md), on a plain community seeded on
 * the node, with the indexer's settlement service (its own key, development account 9) started
 * when a test wants orders settled. Pay later from the development wallet: the order is signed in
 * the browser and handed to the indexer, pending on both accounts' pages with the balances' pending
 * in and out; the settlement service settles it within a few blocks, and it shows settled with its
 * batch, the balances moved, the batch page lists it, the community page lists the batch and the
 * transaction page links it. A payee whose account is busy (a payment in the mempool) gets pay
 * later offered; the payer revokes the unsettled order from its account page and it turns void.
 * Nautilus is told it cannot sign orders; an economics community has no pay later, and says why.
 * The batch page and the account's orders fit a phone's width.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { decodeOrder, verifyOrder } from "../../contracts/orders.ts";
import { ownerOf } from "../../client/lets-over-http.ts";
import { devAccount } from "../../ergo/keys.ts";
import { silentLogger } from "../../indexer/log.ts";
import { startSettler, type RunningSettler } from "../../indexer/settle/loop.ts";
import { until } from "../../util/until.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { econPolicy } from "../../contracts/testing/policy.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet, signDialog } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const SYMBOL = "SHL";
const SETTLER = devAccount(9);
const shot = (page: Page, name: string) => page.screenshot({ path: join(FAILURE_DIR, `orders-${name}.png`), fullPage: true });

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2, 3, 4] });
}, 120_000);

let settler: RunningSettler | undefined;
afterEach(async () => {
  await settler?.stop();
  settler = undefined;
});

const accountOf = (index: number): string => seeded.accountIds.get(index)!;
const accountPage = (index: number) => `/lets/${seeded.communityId}/members/${accountOf(index)}`;

/** What the indexer says of an order now. */
async function indexedOrder(orderId: string): Promise<{ status: string; txId: string | null }> {
  const response = await fetch(`${e2e.stack.indexer.url}/orders/${orderId}`);
  return (await response.json()) as { status: string; txId: string | null };
}

/** Member `payer` on the pay screen, wallet connected, naming member `payee` and typing `amount`, pay later chosen. */
async function payLaterScreen(payer: number, payee: number, amount: string): Promise<Page> {
  const page = await e2e.newPage();
  await openApp(page, `/pay?community=${seeded.communityId}&from=${accountOf(payer)}`);
  await connectDevWallet(page, payer);
  await page.getByLabel("Pay to").fill(devAccount(payee).address);
  await expectText(page.getByTestId("payee"), new RegExp(`${devAccount(payee).address}$`));
  await page.getByLabel(`Amount (${SYMBOL})`).fill(amount);
  return page;
}

/** Signs the order on the pay screen and answers its id and text, once the receipt shows it pending. */
async function signOrderOnScreen(page: Page): Promise<{ orderId: string; text: string }> {
  await page.getByTestId("order-submit").click();
  await approveSignature(page);
  const receipt = page.getByTestId("order-receipt");
  await expectText(receipt.getByTestId("order-status"), "pending");
  return { orderId: await textOf(receipt.getByTestId("order-id")), text: await receipt.getByTestId("order-text").inputValue() };
}

describe("payment orders", () => {
  it("pays later from the development wallet: pending on both accounts, settled by the settlement service in a batch, balances moved", async () => {
    const height = await e2e.stack.node.height();
    const page = await payLaterScreen(1, 2, "12.5");
    await page.getByLabel("Pay later (payment order)").check();
    // No memo in an order; the plan says its number and last block before anything is signed.
    expect(await page.getByLabel("Memo").count()).toBe(0);
    await expectText(page.getByTestId("order-plan"), `Your payment order? number 0, valid until block ${height + 720} (in about 24 hours).`);
    await expectText(page.getByTestId("order-preview"), new RegExp(`^Your balance once settled 0\\.00 ${SYMBOL} → -12\\.50 ${SYMBOL} .* 0\\.00 ${SYMBOL} → 12\\.50 ${SYMBOL} `));
    await shot(page, "pay-later");

    await page.getByTestId("order-submit").click();
    await expectText(signDialog(page).locator("p").first(), new RegExp(`^Sign a payment order: pay 12\\.50 ${SYMBOL} to .* in ${seeded.metadata.name}\\. Order number 0, valid until block ${height + 720}\\. Nothing moves until a batch settles it\\.$`));
    expect(await textOf(signDialog(page).getByTestId("dev-sign-order"))).toBe(`Order number 0 Valid until block ${height + 720} Payee ${accountOf(2).slice(0, 10)}…`);
    await approveSignature(page);
    const receipt = page.getByTestId("order-receipt");
    await expectText(receipt.getByTestId("order-status"), "pending");
    const orderId = await textOf(receipt.getByTestId("order-id"));
    expect(orderId).toMatch(/^[0-9a-f]{64}$/);
    expect(await textOf(receipt.getByTestId("order-seq"))).toBe("0");
    expect(await textOf(receipt.getByTestId("order-expiry"))).toBe(`block ${height + 720} (in about 24 hours)`);
    // The text form is the signed order itself: the payer's key signed exactly these fields.
    const order = decodeOrder(await receipt.getByTestId("order-text").inputValue());
    expect(order).toMatchObject({ communityId: seeded.communityId, payer: accountOf(1), payee: accountOf(2), amount: 1250n, seq: 0n, expiry: BigInt(height + 720) });
    expect(verifyOrder(order, ownerOf(devAccount(1)))).toBe(true);
    expect(await receipt.getByRole("img", { name: "QR code of the payment order" }).count()).toBe(1);
    // Nothing was sent to the node: an order is no transaction.
    expect(e2e.stack.mempool()).toEqual([]);
    expect(await indexedOrder(orderId)).toMatchObject({ status: "pending", txId: null });
    await receipt.screenshot({ path: join(FAILURE_DIR, "orders-receipt.png") });

    // Pending on both accounts' pages, with the balances' pending in and out.
    const payerPage = await e2e.newPage();
    await openApp(payerPage, accountPage(1));
    const sent = payerPage.locator(`[data-testid="orders"] tr[data-order-id="${orderId}"]`);
    expect(await sent.getAttribute("data-direction")).toBe("sent");
    await expectText(sent.getByTestId("order-status"), "pending");
    expect(await textOf(sent.getByTestId("order-amount"))).toBe(`−12.50 ${SYMBOL}`);
    expect(await textOf(payerPage.getByTestId("pending-out"))).toBe(`−12.50 ${SYMBOL}`);
    expect(await textOf(payerPage.getByTestId("account-balance"))).toBe(`0.00 ${SYMBOL}`);
    await payerPage.locator("section", { has: payerPage.getByTestId("orders") }).screenshot({ path: join(FAILURE_DIR, "orders-account-pending.png") });
    const payeePage = await e2e.newPage();
    await openApp(payeePage, accountPage(2));
    const received = payeePage.locator(`[data-testid="orders"] tr[data-order-id="${orderId}"]`);
    expect(await received.getAttribute("data-direction")).toBe("received");
    await expectText(received.getByTestId("order-status"), "pending");
    expect(await textOf(received.getByTestId("order-amount"))).toBe(`+12.50 ${SYMBOL}`);
    expect(await textOf(payeePage.getByTestId("pending-in"))).toBe(`+12.50 ${SYMBOL}`);

    // The settlement service settles it: a batch after the next block, confirmed in the one after.
    settler = startSettler({ db: e2e.stack.indexer.db, node: e2e.stack.node, secretKey: SETTLER.secretKey, pollMs: 25, logger: silentLogger });
    const started = await e2e.stack.mine();
    const batchTxId = await until("the settlement service's batch in the mempool", async () => (await indexedOrder(orderId)).txId ?? undefined, { timeoutMs: 30_000 });
    // Waiting in the mempool, its transaction page says it is a batch.
    const pendingTx = await e2e.newPage();
    await openApp(pendingTx, `/tx/${batchTxId}`);
    expect(await textOf(pendingTx.getByTestId("tx-kind"))).toBe("A batch: signed payment orders settled together (anyone may settle them)");
    expect(await textOf(pendingTx.getByTestId("tx-pending"))).toBe("Waiting in the mempool for a block.");
    expect(await pendingTx.locator('[data-kind="batch"]').count()).toBe(1);
    await e2e.stack.mine();
    const settled = await until("the order settled", () => indexedOrder(orderId), (o) => o.status === "settled", { timeoutMs: 30_000 });
    expect(settled.txId).toBe(batchTxId);
    expect((await e2e.stack.node.height()) - started).toBeLessThanOrEqual(2);

    // The pay screen's receipt follows it to its batch.
    await expectText(receipt.getByTestId("order-status"), "settled");
    expect(await receipt.getByTestId("order-batch").getAttribute("href")).toBe(`/batches/${batchTxId}`);

    // Both accounts: settled with its batch, the balances moved, nothing pending.
    await openApp(payerPage, accountPage(1));
    await expectText(sent.getByTestId("order-status"), "settled");
    expect(await sent.getByTestId("order-batch").getAttribute("href")).toBe(`/batches/${batchTxId}`);
    expect(await textOf(payerPage.getByTestId("account-balance"))).toBe(`-12.50 ${SYMBOL}`);
    expect(await textOf(payerPage.getByTestId("pending-out"))).toBe(`−0.00 ${SYMBOL}`);
    await payerPage.locator("section", { has: payerPage.getByTestId("orders") }).screenshot({ path: join(FAILURE_DIR, "orders-account-settled.png") });
    await openApp(payeePage, accountPage(2));
    await expectText(received.getByTestId("order-status"), "settled");
    expect(await textOf(payeePage.getByTestId("account-balance"))).toBe(`12.50 ${SYMBOL}`);

    // The batch's page: its order, payer, payee, totals and settler.
    const batch = await e2e.newPage();
    await openApp(batch, `/batches/${batchTxId}`);
    expect(await textOf(batch.getByTestId("batch-orders"))).toBe("1");
    expect(await textOf(batch.getByTestId("batch-total"))).toBe(`12.50 ${SYMBOL}`);
    expect([await textOf(batch.getByTestId("batch-payers")), await textOf(batch.getByTestId("batch-payees"))]).toEqual(["1", "1"]);
    expect(await textOf(batch.getByTestId("batch-settler"))).toBe(SETTLER.address);
    const leg = batch.locator(`[data-testid="batch-legs"] tr[data-order-id="${orderId}"]`);
    expect(await leg.count()).toBe(1);
    expect(await textOf(batch.locator(`[data-testid="batch-accounts"] tr[data-account-id="${accountOf(1)}"] td`).last())).toBe(`-12.50 ${SYMBOL}`);
    await shot(batch, "batch");
    // At a phone's width the batch page and the account's orders do not scroll sideways.
    await batch.setViewportSize({ width: 390, height: 844 });
    expect(await batch.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await shot(batch, "batch-phone");
    await payerPage.setViewportSize({ width: 390, height: 844 });
    expect(await payerPage.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await payerPage.locator("section", { has: payerPage.getByTestId("orders") }).screenshot({ path: join(FAILURE_DIR, "orders-account-phone.png") });
    await batch.setViewportSize({ width: 1280, height: 800 });

    // The community page lists the batch; the transaction page says it is one and links it.
    await openApp(batch, `/lets/${seeded.communityId}`);
    const row = batch.locator(`[data-testid="batches"] tr[data-tx-id="${batchTxId}"]`);
    expect(await row.getByRole("link").getAttribute("href")).toBe(`/batches/${batchTxId}`);
    await batch.locator("section", { has: batch.getByTestId("batches") }).screenshot({ path: join(FAILURE_DIR, "orders-community-batches.png") });
    await openApp(batch, `/tx/${batchTxId}`);
    expect(await textOf(batch.getByTestId("tx-kind"))).toBe("A batch: signed payment orders settled together (anyone may settle them)");
    expect(await batch.getByTestId("tx-batch-link").getAttribute("href")).toBe(`/batches/${batchTxId}`);
  });

  it("offers pay later when the payee is busy, and the payer revokes the unsettled order from its account page: void, nothing moved", async () => {
    // Member 4 pays member 2 now: member 2's account box is spent in the mempool.
    await e2e.stack.lets.pay(seeded.communityId, devAccount(4), [{ member: devAccount(2), amountUnits: 100n }]);
    await e2e.stack.waitForMempool(1);
    const page = await payLaterScreen(3, 2, "7");
    await expectText(page.getByTestId("payee-busy"), /^The payee's account is busy: a payment to or from it is waiting for a block\. .* a payment order does not wait for their account\. Pay later instead$/);
    // Paying now is still offered, on the payee's unconfirmed box (12.50 SHL and the 1.00 SHL waiting).
    await expectText(page.getByTestId("pay-preview"), new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -7\\.00 ${SYMBOL} .* 13\\.50 ${SYMBOL} → 20\\.50 ${SYMBOL}$`));
    await shot(page, "payee-busy");
    await page.getByTestId("pay-later-instead").click();
    expect(await page.getByLabel("Pay later (payment order)").isChecked()).toBe(true);
    await expectText(page.getByTestId("order-plan"), /^Your payment order\? number 0, valid until block \d+ \(in about 24 hours\)\.$/);
    const { orderId } = await signOrderOnScreen(page);
    await e2e.stack.mine();

    // No settlement service runs here: the order waits, and the payer revokes it.
    const account = await e2e.newPage();
    await openApp(account, accountPage(3));
    const revoke = account.getByTestId("revoke-orders");
    await expectText(revoke.locator("p").first(), /^1 order this account signed \(7\.00 SHL\) is still waiting to settle\. Revoking raises the account's next order number to 1: /);
    // Someone else's wallet cannot: only the owner may revoke.
    await connectDevWallet(account, 1);
    expect(await account.getByTestId("revoke-submit").isDisabled()).toBe(true);
    await account.getByRole("button", { name: "Disconnect" }).click();
    await connectDevWallet(account, 3);
    await account.getByTestId("revoke-submit").click();
    await expectText(signDialog(account).locator("p").first(), new RegExp(`^Revoke your unsettled payment orders in ${seeded.metadata.name}: your account's next order number becomes 1, `));
    await approveSignature(account);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await until("the order void", () => indexedOrder(orderId), (o) => o.status === "void", { timeoutMs: 30_000 });
    const row = account.locator(`[data-testid="orders"] tr[data-order-id="${orderId}"]`);
    await expectText(row.getByTestId("order-status"), "void");
    expect(await textOf(account.getByTestId("account-balance"))).toBe(`0.00 ${SYMBOL}`);
    expect(await textOf(account.getByTestId("pending-out"))).toBe(`−0.00 ${SYMBOL}`);
    expect(await account.getByTestId("revoke-orders").count()).toBe(0);
    await account.locator("section", { has: account.getByTestId("orders") }).screenshot({ path: join(FAILURE_DIR, "orders-account-void.png") });
  });

  it("tells a Nautilus user that Nautilus cannot sign orders, and an economics community that it has no pay later", async () => {
    const page = await e2e.newPage();
    // A connector as Nautilus injects it, answering for development account 1's address.
    await page.addInitScript((address: string) => {
      const context = {
        get_utxos: async () => [], get_change_address: async () => address, get_current_height: async () => 1,
        sign_tx: async () => Promise.reject({ code: 2, info: "User rejected." }), submit_tx: async () => Promise.reject({ code: 1, info: "no" }),
      };
      (window as unknown as { ergoConnector: unknown }).ergoConnector = {
        nautilus: { connect: async () => true, getContext: async () => context, isConnected: async () => true, disconnect: async () => true },
      };
    }, devAccount(1).address);
    await openApp(page, `/pay?community=${seeded.communityId}&from=${accountOf(1)}`);
    await page.getByRole("button", { name: "Connect Nautilus" }).click();
    await page.getByTestId("wallet-address").filter({ hasText: devAccount(1).address }).waitFor();
    expect(await page.getByLabel("Pay later (payment order)").isDisabled()).toBe(true);
    await expectText(page.getByTestId("pay-later-off"), "Nautilus cannot sign a payment order: it signs transactions and its own message format, not the order format the batch contract checks.");

    const econ = await seedCommunity(e2e.stack, { founder: 5, members: [], policy: econPolicy({ feeBps: 50n, feeMin: 1n }) });
    await openApp(page, `/pay?community=${econ.communityId}`);
    await expectText(page.getByTestId("pay-later-off"), /^Pay later is not offered here: this community has economics levers, /);
    expect(await page.getByLabel("Pay later (payment order)").count()).toBe(0);
  });
});
