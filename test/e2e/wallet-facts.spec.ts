/**
 * What the wallet tells a member before they act, in Chromium, on a community seeded straight on
 * the node (credit limit 500.00 SHL, collateral 1 ERG; member 1 paid member 2 1.25 SHL, its fee
 * taken from its account): the ERG at the address and in each account box (collateral, minimum,
 * fee reserve), how many payments the fee reserve still covers, how much the member can pay before
 * typing (on the wallet and on the pay screen), a statement of the account's payments with the
 * other side and a place for memos; the create form's cost in ERG before signing, equal to what the
 * signed creation takes from the wallet; and the glossary's "?" links.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FEE } from "../../contracts/builders/common.ts";
import { displayErg } from "../../web/lib/amount.ts";
import { MIN_BOX_VALUE } from "../../contracts/scripts.ts";
import { devAccount } from "../../ergo/keys.ts";
import { openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const SYMBOL = "SHL";

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2, 3], rounds: [[[1, 2, 125n]]] });
}, 120_000);

const accountOf = (index: number): string => seeded.accountIds.get(index)!;
const walletCard = (page: Page, index: number) => page.locator(`li[data-account-id="${accountOf(index)}"]`);

/** The ERG the node holds at `address`, mempool applied. */
async function ergAt(address: string): Promise<bigint> {
  return (await e2e.stack.node.unspentByAddress(address)).reduce((sum, b) => sum + BigInt(b.value), 0n);
}

describe("the wallet's facts", () => {
  it("shows the ERG at the address and in the account (collateral, minimum, fee reserve) and how many payments the reserve covers", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    await expectText(page.getByTestId("address-erg"), new RegExp(`^ERG\\s?\\? at this address: ${displayErg(await ergAt(devAccount(1).address)).replace(/\./g, "\\.")} `));

    // Member 1 paid once: one fee left its account's reserve of ten.
    const collateral = seeded.policy.collateralNanoErg;
    const reserve1 = 9n * DEFAULT_FEE;
    const card1 = walletCard(page, 1);
    await expectText(
      card1.getByTestId("account-erg"),
      `${displayErg(collateral + MIN_BOX_VALUE + reserve1)}: collateral? ${displayErg(collateral)} (back when you leave), minimum ${displayErg(MIN_BOX_VALUE)}, fee reserve? ${displayErg(reserve1)}`,
    );
    await expectText(card1.getByTestId("payments-covered"), `9 payments more (${displayErg(DEFAULT_FEE)} each, from the fee reserve)`);
    expect(await card1.getByTestId("top-up").count()).toBe(0);

    await openApp(page, `/wallet?address=${devAccount(2).address}`);
    await expectText(walletCard(page, 2).getByTestId("payments-covered"), `10 payments more (${displayErg(DEFAULT_FEE)} each, from the fee reserve)`);
  });

  it("says how much the member can pay before anything is typed, on the wallet and on the pay screen", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    // Balance -1.25 and a credit limit of 500.00: 498.75 left to pay.
    await expectText(walletCard(page, 1).getByTestId("available"), new RegExp(`^You can pay up to 498\\.75 ${SYMBOL} \\(your balance plus your credit limit\\s?\\?; a payee's cap may allow less\\)$`));
    await expectText(page.getByTestId("wallet-accounts").locator(`li[data-account-id="${accountOf(1)}"] [data-testid="available"] strong`), `498.75 ${SYMBOL}`);

    await openApp(page, `/pay?community=${seeded.communityId}&from=${accountOf(1)}`);
    await connectDevWallet(page, 1);
    await expectText(page.getByTestId("pay-available").locator("strong"), `498.75 ${SYMBOL}`);
    expect(await page.getByLabel(`Amount (${SYMBOL})`).inputValue()).toBe("");
  });

  it("lists the account's own payments, newest first, with the other side and the amount from its side, and a place for memos", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    const statement = walletCard(page, 1).getByTestId("statement");
    const rows = statement.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await textOf(statement.locator("caption"))).toBe("Latest payments, newest first, with what the payer wrote they were for.");
    const payee = devAccount(2).address;
    expect(await textOf(rows.first().getByTestId("statement-with"))).toBe(`to ${payee.slice(0, 6)}…${payee.slice(-4)}`);
    expect(await rows.first().getByTestId("statement-with").locator("a").getAttribute("title")).toBe(payee);
    // A payment it made can be reviewed (docs/marketplace.md).
    expect(await rows.first().getByTestId("statement-review").getAttribute("href")).toMatch(/^\/lets\/[0-9a-f]{64}\/review\?payment=[0-9a-f]{64}&payee=[0-9a-f]{64}&from=[0-9a-f]{64}$/);
    expect(await textOf(rows.first().getByTestId("statement-amount"))).toBe(`-1.25 ${SYMBOL}`);
    // A payment without a memo (wallet-account.spec.ts shows one with).
    expect(await textOf(rows.first().getByTestId("statement-memo"))).toBe("—");

    await openApp(page, `/wallet?address=${devAccount(2).address}`);
    const received = walletCard(page, 2).getByTestId("statement").locator("tbody tr");
    await expect.poll(() => received.count()).toBe(1);
    expect(await textOf(received.first().getByTestId("statement-amount"))).toBe(`+1.25 ${SYMBOL}`);
    expect(await textOf(received.first().locator("td").nth(1))).toMatch(/^from /);

    await openApp(page, `/wallet?address=${devAccount(3).address}`);
    await expectText(walletCard(page, 3).getByTestId("statement-empty"), "No payments yet.");
  });

  it("the glossary's ? beside a word is a named link to its explanation", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/wallet?address=${devAccount(1).address}`);
    const what = walletCard(page, 1).getByRole("link", { name: "What is collateral?" });
    expect(await what.getAttribute("href")).toBe("/help#collateral");
    expect(await what.getAttribute("title")).toMatch(/returned when you leave/);
    await what.click();
    await page.waitForURL(/\/help#collateral$/);
    await expectText(page.locator("#collateral dt"), "collateral");
    for (const id of ["erg", "credit-limit", "fee-reserve", "blocks"]) expect(await page.locator(`#${id} dfn`).count()).toBe(1);
  });
});

describe("creating a community", () => {
  const fill = (page: Page, label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

  it("shows what it costs in ERG before signing, and the signed creation takes exactly that from the wallet", async () => {
    const page = await e2e.newPage();
    await openApp(page, "/lets/new");
    const founder = await connectDevWallet(page, 4);
    await fill(page, "Name", "Cost Check");
    await fill(page, "Symbol", "CC");
    await fill(page, "Decimals", "2");
    await fill(page, "Credit limit (CC)", "100");
    await fill(page, "Joining fee (ERG)", "0.1");
    await fill(page, "Collateral (ERG)", "1");
    await fill(page, "Maximum members", "20");
    await fill(page, "Inactivity window (blocks)", "0");
    await page.getByRole("button", { name: "Add my address" }).click();
    await fill(page, "Signatures needed", "1");
    await page.getByRole("button", { name: "Review the rules" }).click();

    const cost = page.getByTestId("creation-cost");
    await expectText(cost.getByTestId("cost-fee"), displayErg(DEFAULT_FEE));
    const treasury = await textOf(cost.getByTestId("cost-treasury"));
    const total = await textOf(cost.getByTestId("cost-total"));
    expect(treasury).toMatch(/^\d+\.\d+ ERG$/);
    expect(e2e.stack.mempool()).toEqual([]);

    const before = await ergAt(founder);
    await page.getByTestId("sign-create").click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    const spent = before - (await ergAt(founder));
    expect(displayErg(spent)).toBe(total);
    expect(displayErg(spent - DEFAULT_FEE)).toBe(treasury);
    await e2e.stack.mine();
  });
});
