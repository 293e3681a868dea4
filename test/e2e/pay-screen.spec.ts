/**
 * The pay screen in Chromium, with the development wallet, on a community seeded straight on the
 * node (credit limit 500.00 SHL): a payment past the limit is refused before signing and nothing
 * reaches the node; a declined signature says so and sends nothing; a payment request, signed by
 * the account's owner, becomes a link that opens the pay screen pre-filled, and paying it moves
 * both balances. A payment is sent once: after "Paid" the amount is gone, Pay is off and the new
 * balances show, a second click or a double click sends nothing more, and an unsigned request link
 * (paid only once confirmed) is not offered again (requests.spec.ts: signed ones, from the chain). A name that
 * matches nobody says so at the field, with no failed request. The account page says which block
 * "last active" is: the height the payment was dated with, and how that relates to its block.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import { openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet, declineSignature, signDialog } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const SYMBOL = "SHL";

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2, 3, 4, 5, 6] });
}, 120_000);

const accountOf = (index: number): string => seeded.accountIds.get(index)!;

/** The node's state a refused or declined payment must leave alone: its height and its mempool. */
async function nodeState(): Promise<{ height: number; mempool: string[] }> {
  return { height: await e2e.stack.node.height(), mempool: e2e.stack.mempool() };
}

/** Member `payer` on the pay screen, wallet connected, paying member `payee` `amount` (as typed). */
async function payScreen(payer: number, payee: number, amount: string): Promise<Page> {
  const page = await e2e.newPage();
  await openApp(page, `/pay?community=${seeded.communityId}&from=${accountOf(payer)}`);
  await connectDevWallet(page, payer);
  await page.getByLabel("Pay to").fill(devAccount(payee).address);
  await expectText(page.getByTestId("payee"), new RegExp(`${devAccount(payee).address}$`));
  await page.getByLabel(`Amount (${SYMBOL})`).fill(amount);
  return page;
}

describe("the pay screen", () => {
  it("refuses a payment past the credit limit before signing, with the limit in the community's units, and sends nothing", async () => {
    const before = await nodeState();
    const page = await payScreen(1, 2, "600");
    const refusal = `Refused before signing: this payment would take your balance to -600.00 ${SYMBOL}, past your credit limit of 500.00 ${SYMBOL}: a balance may go down to -500.00 ${SYMBOL}, no further.`;
    await expectText(page.getByTestId("pay-refusal"), refusal);
    expect(await page.getByTestId("pay-refusal").getAttribute("role")).toBe("alert");
    // No preview and no way to sign: Pay is disabled (so Enter in the form submits nothing either).
    expect(await page.getByTestId("pay-submit").isDisabled()).toBe(true);
    expect(await textOf(page.getByTestId("pay-preview"))).toBe("");
    expect(await signDialog(page).count()).toBe(0);
    expect(await nodeState()).toEqual(before);

    // The twin at exactly the limit is allowed: the preview shows it and Pay is offered.
    await page.getByLabel(`Amount (${SYMBOL})`).fill("500");
    await expectText(page.getByTestId("pay-preview"), new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -500\\.00 ${SYMBOL} `));
    expect(await page.getByTestId("pay-refusal").count()).toBe(0);
    await expect.poll(() => page.getByTestId("pay-submit").isEnabled()).toBe(true);
    expect(await nodeState()).toEqual(before);
  });

  it("shows the wallet's message when the member declines to sign, and sends nothing", async () => {
    const before = await nodeState();
    const page = await payScreen(1, 2, "5");
    await expectText(page.getByTestId("pay-preview"), new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -5\\.00 ${SYMBOL} `));
    await page.getByTestId("pay-submit").click();
    await expectText(signDialog(page).locator("p").first(), new RegExp(`^Pay 5\\.00 ${SYMBOL} to .* in ${seeded.metadata.name}\\.$`));
    await declineSignature(page);
    const status = page.getByTestId("pay-status");
    await expectText(status, "You declined in the wallet, so nothing was signed or sent.");
    expect(await status.getAttribute("role")).toBe("alert");
    expect(await nodeState()).toEqual(before);
  });

  it("a click on Pay in the wallet reaches the pay screen even when the pay screen loads slower than the wallet refreshes", async () => {
    const page = await e2e.newPage();
    // The pay screen's data answers after the wallet's next refresh has started (it refreshes every 3 s).
    await page.route("**/pay/__data.json*", async (route) => {
      await new Promise((done) => setTimeout(done, 4_000));
      await route.continue();
    });
    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    await connectDevWallet(page, 1);
    await page.locator(`li[data-account-id="${accountOf(1)}"]`).getByRole("link", { name: "Pay", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/pay" && url.searchParams.get("from") === accountOf(1));
    // The click was not lost to the refresh: the pay form for this payer is on screen, not the wallet.
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.get("from")]).toEqual(["/pay", accountOf(1)]);
    expect(await page.getByTestId("pay-form").isVisible()).toBe(true);
    // Once the wallet's accounts are looked up, the payer is known: no "join first" message.
    await expect.poll(() => page.getByTestId("payer-loading").count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId("no-payer").count()).toBe(0);
    expect(await page.getByTestId("wallet-accounts").count()).toBe(0);
  });

  it("turns a payment request (amount and memo) into a link and QR code that open the pay screen pre-filled", async () => {
    const shop = await e2e.newPage();
    await openApp(shop, `/wallet?address=${devAccount(2).address}`);
    await connectDevWallet(shop, 2);
    // Opened by its address rather than clicked: /wallet's 3-second refresh can cancel a click's navigation (reported).
    const request = await shop.locator(`li[data-account-id="${accountOf(2)}"]`).getByRole("link", { name: "Request a payment" }).getAttribute("href");
    expect(request).toBe(`/wallet/request?community=${seeded.communityId}&account=${accountOf(2)}`);
    await openApp(shop, request!);
    await shop.getByLabel(`Amount (${SYMBOL})`).fill("3.5");
    await shop.getByLabel("Memo").fill("2 loaves");
    await shop.getByRole("button", { name: "Make the request" }).click();
    // The account's owner signs the request (the development wallet shows the text, as Nautilus asks for auth).
    await approveSignature(shop);

    const made = shop.getByTestId("payment-request");
    await expectText(made.getByRole("heading"), `Pay 3.50 ${SYMBOL} for “2 loaves”`);
    expect(await made.getByRole("img", { name: "QR code of the payment link" }).locator("svg").count()).toBe(1);
    const link = await made.getByTestId("request-link").getAttribute("href");
    const target = new URL(link!);
    expect(target.origin).toBe(e2e.stack.webUrl);
    expect(Object.fromEntries(target.searchParams)).toEqual({
      community: seeded.communityId,
      to: accountOf(2),
      amount: "3.5",
      memo: "2 loaves",
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      signed: expect.stringMatching(/^;http:\/\/[^;]+;\d+;[0-9a-f]{64}$/),
      proof: expect.stringMatching(/^[0-9a-f]+$/),
    });

    // The customer opens the link in their own browser: everything is filled in but the signature.
    const customer = await e2e.newPage();
    await openApp(customer, link!);
    await connectDevWallet(customer, 1);
    await expectText(customer.getByTestId("request-maker"), `Request from account ${accountOf(2).slice(0, 10)}… — signed by the account's owner.`);
    await expectText(customer.getByTestId("pay-memo"), "Memo from the payment request: 2 loaves");
    expect(await customer.getByLabel("Pay to").inputValue()).toBe(accountOf(2));
    expect(await customer.getByLabel(`Amount (${SYMBOL})`).inputValue()).toBe("3.5");
    await expectText(customer.getByTestId("pay-preview"), new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -3\\.50 ${SYMBOL} .* 0\\.00 ${SYMBOL} → 3\\.50 ${SYMBOL}$`));

    await customer.getByTestId("pay-submit").click();
    await approveSignature(customer);
    await expectText(customer.getByTestId("pay-status"), new RegExp(`^Paid 3\\.50 ${SYMBOL} to `));
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await openApp(shop, `/wallet?address=${devAccount(2).address}`);
    await expectText(shop.locator(`li[data-account-id="${accountOf(2)}"]`).getByTestId("balance"), `3.50 ${SYMBOL}`);
  });

  it("pays a request link once: after Paid the amount is gone, Pay is off, the new balances show, and a second click sends nothing", async () => {
    const before = e2e.stack.mempool();
    const page = await e2e.newPage();
    const link = `/pay?community=${seeded.communityId}&to=${accountOf(4)}&amount=7&memo=${encodeURIComponent("a basket")}`;
    await openApp(page, link);
    await connectDevWallet(page, 3);
    await expectText(page.getByTestId("pay-preview"), new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -7\\.00 ${SYMBOL} .* 0\\.00 ${SYMBOL} → 7\\.00 ${SYMBOL}$`));
    // A link that no one signed: paid only as a plain payment, once the member says the payee is checked.
    await expectText(page.getByTestId("request-unsigned"), "This request is not signed by the payee: check the payee before paying. (the link carries no signature)");
    expect(await page.getByTestId("pay-submit").isDisabled()).toBe(true);
    await page.getByTestId("pay-confirm").check();
    await page.getByTestId("pay-submit").click();
    await approveSignature(page);
    await expectText(page.getByTestId("pay-status"), new RegExp(`^Paid 7\\.00 ${SYMBOL} to `));
    const after = await e2e.stack.waitForMempool(before.length + 1);
    const payment = after.filter((id) => !before.includes(id));
    expect(payment).toHaveLength(1);

    // Nothing left to pay again: the amount is empty, Pay is off, and the balances shown are the new ones (pending).
    expect(await page.getByLabel(`Amount (${SYMBOL})`).inputValue()).toBe("");
    expect(await page.getByTestId("pay-submit").isDisabled()).toBe(true);
    await expectText(page.getByTestId("pay-preview"), new RegExp(`^Your balance -7\\.00 ${SYMBOL} \\(waiting for a block\\) .* 7\\.00 ${SYMBOL} \\(waiting for a block\\)$`));
    // The request is marked paid on this page, and its amount is no longer in the address (a reload offers nothing to pay).
    await expectText(page.getByTestId("pay-memo"), "Paid: the request for “a basket”.");
    expect(new URL(page.url()).searchParams.get("amount")).toBeNull();
    // A second click does nothing: no signature is asked, no second payment reaches the node.
    await page.getByTestId("pay-submit").click({ force: true });
    await page.waitForTimeout(1_500);
    expect(await signDialog(page).count()).toBe(0);
    expect(e2e.stack.mempool()).toEqual(after);
    await e2e.stack.mine();
  });

  it("sends one payment for a double click on Pay", async () => {
    const before = e2e.stack.mempool();
    const page = await payScreen(5, 4, "2");
    await expectText(page.getByTestId("pay-preview"), new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -2\\.00 ${SYMBOL} `));
    await page.getByTestId("pay-submit").dblclick();
    await approveSignature(page);
    await expectText(page.getByTestId("pay-status"), new RegExp(`^Paid 2\\.00 ${SYMBOL} to `));
    // A second signature request would be the double click's second payment: there must be none.
    await page.waitForTimeout(2_000);
    expect(await signDialog(page).count()).toBe(0);
    const added = e2e.stack.mempool().filter((id) => !before.includes(id));
    expect(added).toHaveLength(1);
    await e2e.stack.mine();
  });

  it("says at the Pay-to field that no member matches a name that is no contact, without a console error or a failed request", async () => {
    const page = await e2e.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    await openApp(page, `/pay?community=${seeded.communityId}&from=${accountOf(1)}`);
    await connectDevWallet(page, 1);
    await page.getByLabel("Pay to").fill("nobody");
    await expectText(page.getByTestId("pay-to-error"), "No member matches “nobody”: it is not one of your contacts, an Ergo address or an account id.");
    expect(await page.getByLabel("Pay to").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("pay-status").count()).toBe(0);
    expect(await page.getByTestId("pay-submit").isDisabled()).toBe(true);
    // A well-formed address of nobody in this community is an ordinary no-match too.
    await page.getByLabel("Pay to").fill(devAccount(9).address);
    await expectText(page.getByTestId("pay-to-error"), `No member matches “${devAccount(9).address}”: no open account in ${seeded.metadata.name} belongs to it.`);
    expect(problems).toEqual([]);
  });

  it("shows last active as the height the payment was dated with, one block before the block it was mined in", async () => {
    const before = e2e.stack.mempool();
    const page = await payScreen(6, 4, "1");
    await expectText(page.getByTestId("pay-preview"), new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -1\\.00 ${SYMBOL} `));
    await page.getByTestId("pay-submit").click();
    await approveSignature(page);
    const [txId] = (await e2e.stack.waitForMempool(before.length + 1)).filter((id) => !before.includes(id));
    const tip = await e2e.stack.mine();
    // The block it was mined in, from the node; the height its account box records.
    const found = await e2e.stack.node.transaction(txId!, tip);
    expect(found?.status).toBe("confirmed");
    const mined = found?.status === "confirmed" ? found.height : NaN;
    const recorded = (await e2e.stack.lets.community(seeded.communityId)).accounts.find((a) => a.accountId === accountOf(6))!.lastActiveHeight;
    expect(recorded).toBe(BigInt(mined - 1));

    await openApp(page, `/lets/${seeded.communityId}/members/${accountOf(6)}`);
    await expectText(page.getByTestId("last-active"), `block ${recorded}, as dated by the payment`);
    await expectText(page.getByTestId("dated-heights"), new RegExp(`^A payment is dated with the last block its wallet saw, so it is mined in a later block \\(usually the next\\)`));
    // The payment itself is listed at the block it was mined in.
    expect(await textOf(page.getByTestId("payments").locator("tbody tr").first())).toContain(String(mined));
  });
});
