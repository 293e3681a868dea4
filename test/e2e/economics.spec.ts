/**
 * Community economics in Chromium (docs/economics.md): the create form's Economics section (plain
 * words, the same rules as the contracts, the choice of contracts said as the levers are filled
 * in) creating an economics community signed by the development wallet; its community page saying
 * each lever in words and who governance may change it for; the pay screen showing the usage fee,
 * demurrage, allowance used and balance after before signing; and the account page showing the
 * earned credit limit and how it was reached, the charges held, the allowance left and the
 * newcomer window. Screenshots in test-results/e2e/economics-*.png.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { creditLimitAt, quotePayment, type Economics } from "../../contracts/index.ts";
import { devAccount } from "../../ergo/keys.ts";
import { ownerOf } from "../../client/lets-over-http.ts";
import { displayAmount } from "../../web/lib/amount.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
const SYMBOL = "MDW";
const shot = (page: Page, name: string) => page.screenshot({ path: join(FAILURE_DIR, `economics-${name}.png`), fullPage: true });
const fill = (page: Page, label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

/** The levers the form sets: 1% a month, a 0.5% fee (at least 0.10), turnover 0.5% and 10 a week up to 800, 40 for newcomers. */
const LEVERS: Economics = {
  demurragePpm: 10_000n, demurragePeriod: 21_600n, feeBps: 50n, feeMin: 10n, turnoverPpm: 5_000n, stepUnits: 1_000n, stepBlocks: 5_040n,
  maxCreditLimit: 80_000n, newcomerBlocks: 21_600n, allowance: 4_000n, sweepMin: 100n,
};

let communityId = "";

describe("community economics in the browser", () => {
  it("the create form's Economics section: plain words, the contracts' rules per field, the choice of contracts; creates an economics community", async () => {
    const page = await e2e.newPage();
    await openApp(page, "/lets/new");
    const committee = await connectDevWallet(page, 0);
    await fill(page, "Name", "Meadow Marks");
    await fill(page, "Symbol", SYMBOL);
    await fill(page, `Credit limit (${SYMBOL})`, "500");
    await page.getByRole("button", { name: "Add my address" }).click();
    expect(await page.getByLabel("Committee addresses", { exact: true }).inputValue()).toBe(committee);
    const section = page.getByTestId("economics-fieldset");
    await expectText(section.getByTestId("economics-choice"), "No lever set: this community will use the plain contracts.");
    expect(await textOf(section.getByTestId("economics-intro"))).toContain("Leave them all empty and the community stays on the plain contracts, the cheapest per payment.");

    await fill(page, "Demurrage (% per period)", "1");
    await expectText(section.getByTestId("economics-choice"), "This community will use the economics contracts.");
    await fill(page, "Usage fee (%)", "0.5");
    await fill(page, `Least usage fee (${SYMBOL})`, "0.1");
    // Turnover above the usage fee is refused next to its own field, in words.
    await fill(page, "Credit from turnover (%)", "0.6");
    await fill(page, `Credit per step of membership (${SYMBOL})`, "10");
    await fill(page, "Blocks per step", "5040");
    await fill(page, `Highest earned credit limit (${SYMBOL})`, "400");
    await fill(page, `Newcomer allowance (${SYMBOL})`, "40");
    await fill(page, `Sweep minimum (${SYMBOL})`, "1");
    await page.getByRole("button", { name: "Review the rules" }).click();
    await expectText(page.getByTestId("turnoverPercent-error"), "At most the usage fee's percent (0.5%): paying oneself through a second account must cost at least the credit it earns.");
    await expectText(page.getByTestId("maxCreditLimit-error"), `At least the credit limit (500 ${SYMBOL}).`);
    expect(await page.getByTestId("rules").count()).toBe(0);
    await fill(page, "Credit from turnover (%)", "0.5");
    await fill(page, `Highest earned credit limit (${SYMBOL})`, "800");
    await section.screenshot({ path: join(FAILURE_DIR, "economics-create-form-section.png") });

    await page.getByRole("button", { name: "Review the rules" }).click();
    const levers = page.getByTestId("rules-economics");
    await expectText(levers.locator("li").first(), "Balances above 0 lose 1% a month (demurrage), to the community; it is charged whenever the account is next used, so spending avoids it.");
    expect((await levers.locator("li").allTextContents()).map((t) => t.trim())).toContain(`Each payment pays 0.5% (at least 0.1 ${SYMBOL}) of what the payer sends to the community (usage fee).`);
    await shot(page, "create-form");
    await page.getByTestId("rules").screenshot({ path: join(FAILURE_DIR, "economics-create-review.png") });
    await page.getByTestId("sign-create").click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    // The new community's id is the id of the creation's first input.
    const [entry] = e2e.stack.devnet.chain.mempool.list();
    communityId = entry!.tx.inputs[0]!.boxId;
    await e2e.stack.mine();
    // Once the indexer has it, the confirmation links the new community.
    expect(await page.getByRole("link", { name: "Open Meadow Marks" }).getAttribute("href", { timeout: 60_000 })).toBe(`/lets/${communityId}`);
    const { community } = await e2e.stack.lets.community(communityId);
    expect(community.policy.economics).toEqual(LEVERS);
  });

  it("the community page says each lever in words and who governance may change it for", async () => {
    for (const member of [1, 2]) await e2e.stack.lets.join(communityId, devAccount(member));
    await e2e.stack.mine();
    const page = await e2e.newPage();
    await openApp(page, `/lets/${communityId}`);
    const economics = page.getByTestId("economics");
    const sentences = (await economics.locator("li").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    expect(sentences).toEqual([
      "Balances above 0 lose 1% a month (demurrage), to the community; it is charged whenever the account is next used, so spending avoids it. Governance may change it for future members only",
      `Each payment pays 0.5% (at least 0.1 ${SYMBOL}) of what the payer sends to the community (usage fee). Governance may change it for future members only`,
      `A member's credit limit is earned: 500 ${SYMBOL} to start, plus 0.5% of everything they have received, plus 10 ${SYMBOL} for every 5,040 blocks (about 7 days) of membership, up to 800 ${SYMBOL}. Governance may change it for future members only`,
      `Each newcomer receives 40 ${SYMBOL} from the community balance (newcomer allowance), which may pay up to half of each purchase during their first 21,600 blocks (about 30 days); what is left returns to the community when they leave. Governance may change it for future members only`,
      `Anyone may move the fees and demurrage collected in an account to the community balance once they reach 1 ${SYMBOL} (sweep). A governance change applies to every account`,
    ]);
    expect(await textOf(page.getByTestId("governance-note"))).toMatch(/^The committee may change every lever, but a change reaches only members who join afterwards/);
    // Two allowances of 40 came from the community balance.
    await expectText(page.getByTestId("community-balance"), `-80.00 ${SYMBOL}`);
    expect(await page.getByTestId("propose-line-link").count()).toBe(0);
    await page.locator("section", { has: economics }).screenshot({ path: join(FAILURE_DIR, "economics-community-levers.png") });
    await shot(page, "community");
    // At a phone's width nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, `/lets/${communityId}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await shot(page, "community-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
    // A newcomer reads the same levers before joining.
    await openApp(page, `/lets/${communityId}/join`);
    expect((await page.getByTestId("economics").locator("li").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim())).toEqual(sentences);
  });

  it("the pay screen shows the usage fee, demurrage, allowance used and balance after before signing, as quotePayment computes them", async () => {
    const view = await e2e.stack.lets.community(communityId);
    const [alice, bob] = [1, 2].map((i) => view.accounts.find((a) => a.owner === ownerOf(devAccount(i)))!);
    const page = await e2e.newPage();
    await openApp(page, `/pay?community=${communityId}&from=${alice!.accountId}`);
    await connectDevWallet(page, 1);
    await page.getByLabel("Pay to").fill(devAccount(2).address);
    await expectText(page.getByTestId("payee"), new RegExp(`${devAccount(2).address}$`));
    await page.getByLabel(`Amount (${SYMBOL})`).fill("50");
    const charges = page.getByTestId("pay-charges");
    const quote = quotePayment({ payer: alice!.box, payees: [{ account: bob!.box, amountUnits: 5_000n }] }, await e2e.stack.node.height());
    expect(quote.payer).toMatchObject({ fee: 25n, allowanceUsed: 2_500n, balanceAfter: -2_525n, creditLimit: 50_000n });
    await expectText(charges.getByTestId("charge-fee"), `0.25 ${SYMBOL}`);
    await expectText(charges.getByTestId("charge-demurrage"), `0.00 ${SYMBOL}`);
    await expectText(charges.getByTestId("charge-allowance"), `25.00 ${SYMBOL} (15.00 ${SYMBOL} left)`);
    await expectText(charges.getByTestId("charge-total"), `25.25 ${SYMBOL}`);
    await expectText(charges.getByTestId("charge-limit"), `500.00 ${SYMBOL}`);
    await expectText(page.getByTestId("pay-preview").locator("dl").first(), new RegExp(`^Your balance 0\\.00 ${SYMBOL} → -25\\.25 ${SYMBOL} `));
    await shot(page, "pay");
    // Keeping the allowance: the whole purchase and the fee come from the balance.
    await page.getByTestId("keep-allowance").check();
    await expectText(charges.getByTestId("charge-allowance"), `0.00 ${SYMBOL} (40.00 ${SYMBOL} left)`);
    await expectText(charges.getByTestId("charge-total"), `50.25 ${SYMBOL}`);
    await page.getByTestId("pay-submit").click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    const after = await e2e.stack.lets.community(communityId);
    const paid = after.accounts.find((a) => a.accountId === alice!.accountId)!;
    expect([paid.balance, paid.economy?.accrued, paid.economy?.allowance]).toEqual([-5_025n, 25n, 4_000n]);
  });

  it("the account page shows the earned credit limit and how it was reached, charges held, allowance left and the newcomer window", async () => {
    await e2e.stack.mine(10);
    const view = await e2e.stack.lets.community(communityId);
    const bob = view.accounts.find((a) => a.owner === ownerOf(devAccount(2)))!;
    const height = BigInt(await e2e.stack.node.height());
    const page = await e2e.newPage();
    await openApp(page, `/lets/${communityId}/members/${bob.accountId}`);
    const section = page.getByTestId("account-economics");
    const rows = (await section.getByTestId("earned-limit").locator("tr").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    expect(rows).toEqual([
      `Base credit limit 500.00 ${SYMBOL}`,
      `+ 0.5% of 50.00 ${SYMBOL} received 0.25 ${SYMBOL}`,
      `+ 10.00 ${SYMBOL} × 0 steps of 5,040 blocks 0.00 ${SYMBOL}`,
      `= Credit limit 500.25 ${SYMBOL}`,
    ]);
    expect(creditLimitAt(bob, height)).toBe(50_025n);
    await expectText(page.getByTestId("credit-limit"), `500.25 ${SYMBOL}`);
    await expectText(page.getByTestId("credit-left"), `550.25 ${SYMBOL}`);
    await expectText(section.getByTestId("allowance-left"), `40.00 ${SYMBOL}`);
    await expectText(section.getByTestId("accrued"), `0.00 ${SYMBOL}`);
    // 50.00 held for about 11 blocks at 1% a month: a fraction of a unit, carried.
    await expectText(section.getByTestId("demurrage-due"), `0.00 ${SYMBOL}`);
    await expectText(section.getByTestId("newcomer-window"), new RegExp(`^Newcomer window: the newcomer allowance\\s?\\? may pay up to half of each purchase until block ${bob.terms.joinedHeight + 21_600n} \\(`));
    await section.screenshot({ path: join(FAILURE_DIR, "economics-account-section.png") });
    await shot(page, "account");
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, `/lets/${communityId}/members/${bob.accountId}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await shot(page, "account-phone");
  });

  it("the community page shows the revenue: totals charged, swept, held and issued, and per period over time (charts and CSV)", async () => {
    const { lets } = e2e.stack;
    // A day of blocks later (a second revenue period), alice buys 200 from bob: a 1.00 fee, 40 of it
    // paid by her allowance; bob owes demurrage on his 50 for the day. Then anyone sweeps her 1.25 of fees.
    await e2e.stack.mine(720);
    const before = await lets.community(communityId);
    const [payer, payee] = [1, 2].map((i) => before.accounts.find((a) => a.owner === ownerOf(devAccount(i)))!);
    const quote = quotePayment({ payer: payer!.box, payees: [{ account: payee!.box, amountUnits: 20_000n }] }, await e2e.stack.node.height());
    const demurrage = quote.payees[0]!.demurrage;
    expect(demurrage).toBeGreaterThan(0n);
    const paid = await lets.pay(communityId, devAccount(1), [{ member: devAccount(2), amountUnits: 20_000n }]);
    await e2e.stack.mine();
    const alice = (await lets.community(communityId)).accounts.find((a) => a.owner === ownerOf(devAccount(1)))!;
    expect(alice.economy?.accrued).toBe(125n);
    const swept = await lets.submit(devAccount(3), await lets.planSweep(communityId, devAccount(3), [alice]));
    await e2e.stack.mine();
    const page = await e2e.newPage();
    await openApp(page, `/lets/${communityId}`);
    const totals = page.getByTestId("economics-totals");
    await expectText(totals.getByTestId("total-fees"), `1.25 ${SYMBOL}`);
    await expectText(totals.getByTestId("total-demurrage"), displayAmount(demurrage, 2, { symbol: SYMBOL }));
    await expectText(totals.getByTestId("total-swept"), `1.25 ${SYMBOL}`);
    // Bob's demurrage stays in his account: below the sweep minimum.
    await expectText(totals.getByTestId("total-outstanding"), displayAmount(demurrage, 2, { symbol: SYMBOL }));
    await expectText(totals.getByTestId("total-allowance-issued"), `80.00 ${SYMBOL}`);
    await expectText(totals.getByTestId("total-allowance-spent"), `40.00 ${SYMBOL}`);
    await expectText(totals.getByTestId("total-allowance-outstanding"), `40.00 ${SYMBOL}`);
    // The community balance: -80.00 of allowances, +1.25 swept.
    await expectText(page.getByTestId("community-balance"), `-78.75 ${SYMBOL}`);
    const charts = page.getByTestId("revenue-charts");
    await charts.getByTestId("chart-revenue-charged").waitFor();
    expect(await charts.locator("figure").count()).toBe(3);
    const csv = await (await page.request.get(`/lets/${communityId}/revenue.csv?interval=day`)).text();
    const [header, ...lines] = csv.trim().split("\r\n");
    const columns = header!.split(",");
    expect(columns.slice(0, 4)).toEqual(["fromHeight", "toHeight", "fees", "feesUnits"]);
    const sum = (name: string) => lines.reduce((total, line) => total + BigInt(line.split(",")[columns.indexOf(name)]!), 0n);
    expect([sum("feesUnits"), sum("demurrageUnits"), sum("sweptUnits"), sum("allowanceIssuedUnits"), sum("allowanceSpentUnits")]).toEqual([125n, demurrage, 125n, 8_000n, 4_000n]);
    // Two periods of 720 blocks: the first with 0.25 of fees, the second with 1.00 and the sweep.
    expect(lines.map((line) => line.split(",")[columns.indexOf("feesUnits")])).toEqual(["25", "100"]);
    await page.locator("section", { has: totals }).screenshot({ path: join(FAILURE_DIR, "economics-community-revenue-section.png") });
    await shot(page, "community-revenue");

    // The payment's page: balances before and after with the charges, and what each account was charged.
    await openApp(page, `/tx/${paid.id}`);
    const row = (testId: string, accountId: string) => page.getByTestId(testId).locator(`tr[data-account-id="${accountId}"]`);
    await expectText(row("balance-changes", payer!.accountId).getByTestId("before"), `-50.25 ${SYMBOL}`);
    await expectText(row("balance-changes", payer!.accountId).getByTestId("after"), `-211.25 ${SYMBOL}`);
    const charged = (await row("tx-economics", payer!.accountId).locator("td").allInnerTexts()).map((t) => t.trim());
    expect(charged.slice(1)).toEqual(["payment", `1.00 ${SYMBOL}`, `0.00 ${SYMBOL}`, `40.00 ${SYMBOL}`, `0.00 ${SYMBOL}`, `0.00 ${SYMBOL}`, `0.00 ${SYMBOL}`]);
    await shot(page, "payment-tx");
    // The sweep's page says what it is and what it moved.
    await openApp(page, `/tx/${swept.id}`);
    await expectText(page.getByTestId("tx-kind"), "A sweep: the usage fees and demurrage held in accounts moved into the community balance (anyone may sweep)");
    expect((await row("tx-economics", payer!.accountId).locator("td").allInnerTexts()).map((t) => t.trim()).at(-1)).toBe(`1.25 ${SYMBOL}`);
  });
});
