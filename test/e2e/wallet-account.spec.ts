/**
 * A member's own account on the wallet, in Chromium with the development wallet, on a community
 * seeded straight on the node: setting a profile (signed in the browser, the name then shown on the
 * wallet's card and on the explorer's account page), a bad link refused before the wallet is asked,
 * topping up an account whose fee reserve is spent (the wallet and the pay screen say where, the
 * amount is checked as typed, and the ERG and the payments covered rise), and a statement that
 * shows the memo a payer signed and the payer's name. Screenshots of each screen are kept in
 * test-results/e2e/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FEE } from "../../contracts/builders/common.ts";
import { MIN_BOX_VALUE } from "../../contracts/scripts.ts";
import { devAccount } from "../../ergo/keys.ts";
import { displayErg, formatErg } from "../../web/lib/amount.ts";
import { accountLabel } from "../../web/lib/components/explorer/account-name.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet, signDialog } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
/** Development account 4 joins with no fee reserve at all, as after ten payments. */
const SPENT = 4;

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2, 3] });
  await e2e.stack.lets.join(seeded.communityId, devAccount(SPENT), 0n);
  await e2e.stack.mine();
}, 120_000);

const card = (page: Page, accountId: string) => page.locator(`li[data-account-id="${accountId}"]`);
const ergAt = async (address: string) => (await e2e.stack.node.unspentByAddress(address)).reduce((sum, b) => sum + BigInt(b.value), 0n);

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

/** Member `index` on its wallet, connected with the development wallet. */
async function ownWallet(index: number): Promise<Page> {
  const page = await e2e.newPage();
  await openApp(page, "/wallet");
  await connectDevWallet(page, index);
  await page.waitForURL(/\/wallet\?address=/);
  return page;
}

describe("a member's profile on the wallet", () => {
  it("is set from the wallet, signed with the member's key, and its name shows on the wallet and the explorer", async () => {
    const accountId = seeded.accountIds.get(1)!;
    const page = await ownWallet(1);
    const account = card(page, accountId);
    await expectText(account.getByTestId("account-name"), "no name set");
    await expectText(account.getByTestId("payments-covered"), new RegExp("^10 payments more"));
    await account.getByText("Your name: set one").click();
    const form = account.getByTestId("profile-form");
    await expectText(form.getByTestId("profile-current"), "No name yet: members see this account's id.");
    await expectText(form.getByTestId("profile-terms"), new RegExp(`public and stays on the chain for good.*${displayErg(DEFAULT_FEE).replace(/\./g, "\\.")} network fee, from this account's fee reserve`));
    await form.getByLabel("Name").fill("Aroha Baker");
    await form.getByLabel("About (optional)").fill("Sourdough on Saturdays");
    await form.getByLabel("Link (optional)").fill("https://example.org/aroha");
    await keep(page, "wallet-profile-form.png");
    await form.getByRole("button", { name: "Sign and save the profile" }).click();
    await expectText(signDialog(page).locator("p").first(), `Set your public name in ${seeded.metadata.name} to “Aroha Baker”; the ${displayErg(DEFAULT_FEE)} fee comes from your account's fee reserve.`);
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    const height = await e2e.stack.mine();
    await expectText(form.getByTestId("confirmation-state"), `Confirmed in block ${height}.`);
    await expectText(account.getByTestId("account-name"), "as Aroha Baker");
    await expectText(form.getByTestId("profile-current"), "Members see this account as Aroha Baker.");
    // The fee came from the account's reserve: one payment fewer.
    await expectText(account.getByTestId("payments-covered"), new RegExp("^9 payments more"));
    await keep(page, "wallet-profile-saved.png");
    // The indexer lists no transaction for a profile change; the confirmation's link finds it in its block.
    await form.getByTestId("confirmation").getByRole("link", { name: /…/ }).click();
    await page.waitForURL(new RegExp(`/tx/[0-9a-f]{64}\\?height=${height}$`));
    await expectText(page.locator("main h1"), /^Transaction [0-9a-f]{10}…/);
    await keep(page, "wallet-profile-transaction.png");

    await openApp(page, `/lets/${seeded.communityId}/members/${accountId}`);
    await page.locator("main").getByText("Aroha Baker").first().waitFor();
    await keep(page, "wallet-profile-explorer.png");
  });

  it("refuses a link that is not a web address before the wallet is asked, and sends nothing", async () => {
    const page = await ownWallet(2);
    const account = card(page, seeded.accountIds.get(2)!);
    await account.getByText("Your name: set one").click();
    const form = account.getByTestId("profile-form");
    await form.getByLabel("Name").fill("Bob");
    await form.getByLabel("Link (optional)").fill("javascript:alert(1)");
    await form.getByRole("button", { name: "Sign and save the profile" }).click();
    await expectText(form.getByText(/^Link must be/), "Link must be a web address starting with https:// or http://, got javascript:alert(1).");
    expect(await form.getByLabel("Link (optional)").getAttribute("aria-invalid")).toBe("true");
    // The error follows the typing; an empty name is refused on its own.
    await form.getByLabel("Name").fill("");
    await expectText(form.getByText(/^Name must/), "Name must not be empty.");
    await keep(page, "wallet-profile-refused.png");
    expect(await signDialog(page).count()).toBe(0);
    expect(e2e.stack.mempool()).toEqual([]);
  });
});

describe("topping up the fee reserve", () => {
  it("is where the wallet and the pay screen send a member whose reserve is spent, and the payments covered rise", async () => {
    const accountId = (await e2e.stack.lets.account(seeded.communityId, devAccount(SPENT))).accountId;
    const address = devAccount(SPENT).address;
    const page = await ownWallet(SPENT);
    const account = card(page, accountId);
    await expectText(account.getByTestId("payments-covered"), /^No more payments/);
    await expectText(account.getByTestId("top-up"), /used up: it cannot pay a payment's fee\. Top it up from your wallet/);

    // The pay screen's refusal says where to go.
    const pay = await e2e.newPage();
    await openApp(pay, `/pay?community=${seeded.communityId}&from=${accountId}`);
    await connectDevWallet(pay, SPENT);
    await pay.getByLabel("Pay to").fill(devAccount(1).address);
    await pay.getByLabel(`Amount (${seeded.metadata.symbol})`).fill("1");
    await expectText(pay.getByText(/fee reserve is spent/).first(), /^This account's fee reserve is spent: .* Top it up from your wallet on the wallet page/);
    await pay.close();

    await account.getByRole("link", { name: "Top it up from your wallet" }).click();
    const form = account.getByTestId("top-up-form");
    await form.waitFor();
    await expectText(form.getByTestId("top-up-now"), "0 ERG, covers 0 payments");
    const amount = form.getByLabel("ERG to add");
    const submit = form.getByRole("button", { name: "Sign and add the ERG" });
    const refusals: [string, string | RegExp][] = [
      ["abc", '"abc" is not a number: use digits and at most one point, like 12.50.'],
      ["0", "The amount must be more than 0."],
      ["-1", "The amount cannot be negative."],
      [formatErg(await ergAt(address)).replace(" ERG", ""), new RegExp(`^Your wallet holds ${displayErg(await ergAt(address)).replace(/\./g, "\\.")}: adding`)],
    ];
    for (const [typed, message] of refusals) {
      await amount.fill(typed);
      await submit.click();
      await expectText(form.getByTestId(/^top-up-erg-.*-error$/), message);
      await expectText(form.getByTestId("top-up-after"), "—");
    }
    expect(await signDialog(page).count()).toBe(0);

    const before = await ergAt(address);
    const added = 10n * DEFAULT_FEE;
    await amount.fill(formatErg(added).replace(" ERG", ""));
    await expectText(form.getByTestId("top-up-after"), `${displayErg(added)}, covers 10 payments`);
    await keep(page, "wallet-top-up-form.png");
    await submit.click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    // One top-up at a time: while it waits for a block, another cannot be sent.
    await expectText(form.getByTestId("confirmation-state"), /^Waiting for a block/);
    expect(await submit.isDisabled()).toBe(true);
    const height = await e2e.stack.mine();
    await expectText(form.getByTestId("confirmation-state"), `Confirmed in block ${height}.`);
    expect(await submit.isDisabled()).toBe(false);
    await expectText(account.getByTestId("payments-covered"), new RegExp(`^10 payments more`));
    const collateral = seeded.policy.collateralNanoErg;
    await expectText(account.getByTestId("account-erg"), new RegExp(`^${displayErg(collateral + MIN_BOX_VALUE + added).replace(/\./g, "\\.")}: `));
    expect(await account.getByTestId("top-up").count()).toBe(0);
    expect(await ergAt(address)).toBe(before - added - DEFAULT_FEE);
    await keep(page, "wallet-top-up-done.png");
  });
});

describe("the statement", () => {
  it("shows the memo the payer signed and the payer's name", async () => {
    const { lets } = e2e.stack;
    const [payer, payee] = [devAccount(3), devAccount(2)];
    await lets.submit(payer, await lets.planTopUp(payer, await lets.account(seeded.communityId, payer), { profile: { name: "Tama" } }));
    await e2e.stack.mine();
    const payerAccount = await lets.account(seeded.communityId, payer);
    const payeeAccount = await lets.account(seeded.communityId, payee);
    await lets.submit(payer, await lets.planPay(payer, payerAccount, [{ account: payeeAccount, amountUnits: 250n }], { memo: "firewood, 2 loads" }));
    await e2e.stack.mine();

    const page = await e2e.newPage();
    await openApp(page, `/wallet?address=${payee.address}`);
    const row = card(page, payeeAccount.accountId).getByTestId("statement").locator("tbody tr").first();
    await expectText(row.getByTestId("statement-memo"), "firewood, 2 loads");
    // The name and the short id, as the explorer writes an account (names are not unique).
    expect(await textOf(row.getByTestId("statement-with"))).toBe(`from ${accountLabel(payerAccount.accountId, "Tama").text}`);
    expect(await textOf(row.getByTestId("statement-amount"))).toBe(`+2.50 ${seeded.metadata.symbol}`);
    await keep(page, "wallet-statement-memo.png");

    await openApp(page, `/wallet?address=${payer.address}`);
    const paid = card(page, payerAccount.accountId).getByTestId("statement").locator("tbody tr").first();
    await expectText(paid.getByTestId("statement-memo"), "firewood, 2 loads");
    expect(await textOf(paid.getByTestId("statement-with"))).toBe(`to ${payee.address.slice(0, 6)}…${payee.address.slice(-4)}`);
  });
});
