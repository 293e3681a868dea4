/**
 * A community's first day in Chromium, with the development wallet: the committee creates it
 * through the form, two members join from separate browsers, one pays the other, and both
 * wallets and the explorer show the new balances. Each test builds on the one before.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import { openApp, setupE2e } from "./browser.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet, signDialog } from "./wallet.ts";

const e2e = setupE2e();

const NAME = "Harbour Hours";
const SYMBOL = "HBH";
/** What the creation test made, for the tests after it. */
let communityId: string | undefined;

const created = (): string => {
  if (!communityId) throw new Error("no community: the creation test did not get that far");
  return communityId;
};

/** Fills the create form's field labelled `label`. */
const fill = (page: Page, label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

/** Joins the community as development account `index` from a new browser; answers the page (on the wallet) and the account id. */
async function joinAs(index: number): Promise<{ page: Page; accountId: string }> {
  const page = await e2e.newPage();
  await openApp(page, `/lets/${created()}`);
  await page.getByTestId("join-link").click();
  await page.waitForURL(`**/lets/${created()}/join`);
  await expectText(page.getByTestId("join-summary"), `A member may owe up to 500 ${SYMBOL}; joining costs 0.1 ERG plus 1 ERG collateral returned on leaving.`);
  await connectDevWallet(page, index);
  const before = e2e.stack.mempool().length;
  await page.getByTestId("join-submit").click();
  const total = await textOf(page.getByTestId("join-total"));
  await expectText(signDialog(page).locator("p").first(), `Join ${NAME}: ${total} from your wallet.`);
  await approveSignature(page);
  const sent = await e2e.stack.waitForMempool(before + 1);
  const txId = sent[sent.length - 1]!;
  // A confirmation, not just a status line: what happened, the transaction, waiting, then its block.
  await expectConfirmation(page, txId, `You are joining ${NAME}`, `You joined ${NAME}`);
  await page.getByTestId("confirmation").getByRole("link", { name: "See your accounts" }).click();
  await page.waitForURL((url) => url.pathname === "/wallet" && url.searchParams.get("address") === devAccount(index).address);
  const card = page.getByTestId("wallet-accounts").locator(`li[data-community-id="${created()}"]`);
  await expectText(card.getByTestId("balance"), `0.00 ${SYMBOL}`);
  const accountId = await card.getAttribute("data-account-id");
  expect(accountId).toMatch(/^[0-9a-f]{64}$/);
  return { page, accountId: accountId! };
}

/**
 * The confirmation after a creation or a join: what is happening and the transaction's link while
 * it waits for a block (checked before mining), then what happened and the block it is in.
 */
async function expectConfirmation(page: Page, txId: string, waiting: string, done: string): Promise<void> {
  const confirmation = page.getByTestId("confirmation");
  await expectText(confirmation.getByRole("heading"), waiting);
  await expectText(confirmation.getByTestId("confirmation-state"), /^Waiting for a block/);
  expect(await confirmation.locator(`a[href="/tx/${txId}"]`).count()).toBe(1);
  const height = await e2e.stack.mine();
  await expectText(confirmation.getByTestId("confirmation-state"), `Confirmed in block ${height}.`);
  await expectText(confirmation.getByRole("heading"), done);
  // Once in a block, the link names it: the transaction page finds it there even on a node without the extra index.
  expect(await confirmation.locator(`a[href="/tx/${txId}?height=${height}"]`).count()).toBe(1);
}

/** The wallet card of `accountId` on a member's wallet page. */
const walletCard = (page: Page, accountId: string) => page.locator(`li[data-account-id="${accountId}"]`);

describe("a community's first day", () => {
  it("a committee fills the create form, reads the rules in plain words, signs with account 0 and lands on the new community's page", async () => {
    const page = await e2e.newPage();
    await openApp(page, "/lets/new");
    const committee = await connectDevWallet(page, 0);

    // An empty name is refused on the page, next to its field, before anything is built.
    await page.getByRole("button", { name: "Review the rules" }).click();
    await expectText(page.getByTestId("name-error"), /\S/);
    expect(await page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("rules").count()).toBe(0);

    await fill(page, "Name", NAME);
    await fill(page, "Symbol", SYMBOL);
    await fill(page, "Description", "Hours of help around the harbour.");
    await fill(page, "Decimals", "2");
    await fill(page, `Credit limit (${SYMBOL})`, "500");
    await fill(page, `Positive cap (${SYMBOL})`, "");
    await fill(page, "Joining fee (ERG)", "0.1");
    await fill(page, "Collateral (ERG)", "1");
    await fill(page, "Maximum members", "50");
    await fill(page, "Inactivity window (blocks)", "0");
    await page.getByRole("button", { name: "Add my address" }).click();
    expect(await page.getByLabel("Committee addresses", { exact: true }).inputValue()).toBe(committee);
    await fill(page, "Signatures needed", "1");
    await page.getByRole("button", { name: "Review the rules" }).click();

    const rules = page.getByTestId("rules");
    await expectText(rules.getByTestId("rules-summary"), `A member may owe up to 500 ${SYMBOL}; joining costs 0.1 ERG plus 1 ERG collateral returned on leaving.`);
    const sentences = (await rules.locator("li").allTextContents()).map((s) => s.trim());
    expect(sentences).toContain(`Every member starts at 0 ${SYMBOL} and has a credit limit of 500 ${SYMBOL}: a balance may go down to -500 ${SYMBOL}, no further.`);
    expect(sentences).toContain("At most 50 members at a time.");
    expect(e2e.stack.mempool()).toEqual([]);

    await rules.getByTestId("sign-create").click();
    await expectText(signDialog(page).locator("p").first(), `Create the community ${NAME} (${SYMBOL}).`);
    await approveSignature(page);
    const [txId] = await e2e.stack.waitForMempool(1);
    await expectConfirmation(page, txId!, `Creating ${NAME}`, `${NAME} is created`);
    await page.getByTestId("confirmation").getByRole("link", { name: `Open ${NAME}` }).click();

    await page.waitForURL(/\/lets\/[0-9a-f]{64}$/);
    communityId = new URL(page.url()).pathname.split("/")[2];
    await expectText(page.getByTestId("community-name"), `${NAME} (${SYMBOL})`);
    await expectText(page.getByTestId("members-count"), "0");
    expect((await page.getByTestId("policy").locator("li").allTextContents()).join(" ")).toContain("500");
    // The page names the creation transaction, the one account 0 signed.
    expect(await page.locator(`a[href^="/tx/${txId}"]`).count()).toBe(1);
    const onChain = await e2e.stack.lets.community(created());
    expect(onChain.community.policy.creditLimit).toBe(50_000n);
  });

  it("two members join in separate browsers, one pays the other, and both wallets and the explorer show the balances", async () => {
    const alice = await joinAs(1);
    const bob = await joinAs(2);

    // Alice pays Bob from the pay screen her wallet card links to.
    // Opened by its address rather than clicked: /wallet's refresh (invalidateAll every 3 s) can cancel a
    // click's navigation that is still loading (reported); the link itself is checked here.
    const payLink = await walletCard(alice.page, alice.accountId).getByRole("link", { name: "Pay", exact: true }).getAttribute("href");
    expect(payLink).toBe(`/pay?community=${created()}&from=${alice.accountId}`);
    await openApp(alice.page, payLink!);
    await alice.page.getByLabel("Pay to").fill(devAccount(2).address);
    await expectText(alice.page.getByTestId("payee"), new RegExp(`${devAccount(2).address}$`));
    await alice.page.getByLabel(`Amount (${SYMBOL})`).fill("12.5");
    const preview = alice.page.getByTestId("pay-preview");
    await expectText(preview, new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -12\\.50 ${SYMBOL} .*'s balance 0\\.00 ${SYMBOL} → 12\\.50 ${SYMBOL}$`));
    await alice.page.getByTestId("pay-submit").click();
    await approveSignature(alice.page);
    await expectText(alice.page.getByTestId("pay-status"), new RegExp(`^Paid 12\\.50 ${SYMBOL} to `));
    const [paymentTxId] = await e2e.stack.waitForMempool(1);

    // Before the block: both wallets show the payment as pending.
    await bob.page.reload();
    await expectText(walletCard(bob.page, bob.accountId).getByTestId("pending"), `1 unconfirmed change: the balance will be 12.50 ${SYMBOL}`);
    await e2e.stack.mine();

    // After the block: the balances themselves, in each member's own browser (the page refreshes on its own).
    await openApp(alice.page, `/wallet?address=${devAccount(1).address}`);
    await expectText(walletCard(alice.page, alice.accountId).getByTestId("balance"), `-12.50 ${SYMBOL}`);
    await expectText(walletCard(alice.page, alice.accountId).getByTestId("credit-left"), `487.50 ${SYMBOL}`);
    await expectText(walletCard(bob.page, bob.accountId).getByTestId("balance"), `12.50 ${SYMBOL}`);
    await expectText(walletCard(bob.page, bob.accountId).getByTestId("pending"), "none");

    // The explorer: the community's figures, its members table and payments, and each account's page.
    const explorer = bob.page;
    await openApp(explorer, `/lets/${created()}`);
    await expectText(explorer.getByTestId("members-count"), "2");
    await expectText(explorer.getByTestId("money-supply"), `12.50 ${SYMBOL}`);
    await expectText(explorer.getByTestId("credit-in-use"), `12.50 ${SYMBOL}`);
    const members = explorer.getByTestId("members");
    await expectText(members.locator(`tr[data-account-id="${alice.accountId}"] [data-testid="balance"]`), "-12.50");
    await expectText(members.locator(`tr[data-account-id="${bob.accountId}"] [data-testid="balance"]`), "12.50");
    const payment = explorer.getByTestId("payments").locator(`tr[data-tx-id="${paymentTxId}"]`);
    await expectText(payment.getByTestId("amount"), "12.50");

    // The payment's own page: what kind of transaction it is, and both balances before and after.
    await payment.locator(`a[href^="/tx/${paymentTxId}"]`).click();
    await explorer.waitForURL((url) => url.pathname === `/tx/${paymentTxId}`);
    await expectText(explorer.getByTestId("tx-kind"), "A payment");
    const changes = explorer.getByTestId("balance-changes");
    for (const [accountId, after] of [[alice.accountId, `-12.50 ${SYMBOL}`], [bob.accountId, `12.50 ${SYMBOL}`]] as const) {
      await expectText(changes.locator(`tr[data-account-id="${accountId}"] [data-testid="before"]`), `0.00 ${SYMBOL}`);
      await expectText(changes.locator(`tr[data-account-id="${accountId}"] [data-testid="after"]`), after);
    }
    for (const [accountId, balance] of [[alice.accountId, `-12.50 ${SYMBOL}`], [bob.accountId, `12.50 ${SYMBOL}`]] as const) {
      await openApp(explorer, `/lets/${created()}/members/${accountId}`);
      await expectText(explorer.getByTestId("account-balance"), balance);
      expect(await explorer.getByTestId("payments").locator(`tr[data-tx-id="${paymentTxId}"]`).count()).toBe(1);
    }
  });
});
