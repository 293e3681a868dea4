/**
 * The committees' line screens in Chromium with the development wallet, on two communities seeded
 * straight on the node (Kaikoura founded by development account 0, Otago Dollars by account 5):
 * Kaikoura's committee proposes a line from its community page (terms typed in whole units and
 * percent, read back in words before signing), Otago's committee accepts it on the line's page,
 * then pauses and resumes payments into Otago; a member who is no committee is told so and offered
 * nothing; Kaikoura proposes new terms (its fee 2%) and Otago accepts them; Otago proposes closing
 * and Kaikoura accepts: the line is closed. Screenshots in test-results/e2e/.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
let kcd: Seeded;
let otd: Seeded;
let lineId = "";

beforeAll(async () => {
  kcd = await seedCommunity(e2e.stack, { founder: 0, members: [1], metadata: { name: "Kaikoura", symbol: "KCD", description: "Side A.", decimals: 2 } });
  otd = await seedCommunity(e2e.stack, { founder: 5, members: [6], metadata: { name: "Otago Dollars", symbol: "OTD", description: "Side B.", decimals: 2 } });
}, 120_000);

const shot = (page: Page, name: string) => page.screenshot({ path: join(FAILURE_DIR, `line-committee-${name}.png`), fullPage: true });

/** Signs the pending action in the dialog, mines it, and reloads the page once the indexer has it. */
async function signAndMine(page: Page, before: number): Promise<void> {
  await approveSignature(page);
  await e2e.stack.waitForMempool(before + 1);
  await e2e.stack.mine();
  await page.reload();
  await page.waitForFunction(() => history.scrollRestoration === "manual");
}

describe("a line's committees in the browser", () => {
  it("Kaikoura's committee proposes a line from its community page, with the terms in words before signing", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${kcd.communityId}`);
    await page.getByTestId("propose-line-link").click();
    await page.waitForURL(`**/lets/${kcd.communityId}/lines/new`);
    await page.waitForFunction(() => history.scrollRestoration === "manual");
    await connectDevWallet(page, 0);
    await page.getByTestId("propose-partner").selectOption(otd.communityId);
    await page.getByLabel("Rate: 1 KCD = … OTD").fill("2");
    await page.getByLabel("How far Kaikoura may owe Otago Dollars (OTD)").fill("200");
    await page.getByLabel("How far Otago Dollars may owe Kaikoura (KCD)").fill("100");
    await page.getByLabel("Fee of Kaikoura (%)").fill("1");
    await page.getByLabel("Fee of Otago Dollars (%)").fill("0.5");
    await expectText(
      page.getByTestId("propose-summary"),
      "1 KCD = 2 OTD (1 OTD = 0.5 KCD) Kaikoura may owe Otago Dollars up to 200.00 OTD Otago Dollars may owe Kaikoura up to 100.00 KCD Fees: Kaikoura 1%, Otago Dollars 0.5%",
    );
    await shot(page, "propose");
    await page.getByTestId("propose-submit").click();
    await approveSignature(page);
    await expectText(page.getByTestId("propose-status"), /^Proposed\. It opens when the committee of Otago Dollars accepts it/);
    const href = await page.getByTestId("proposed-line").getAttribute("href");
    lineId = href!.split("/").pop()!;
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
  });

  it("Otago's committee accepts it on the line's page, then pauses and resumes payments into Otago", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lines/${lineId}`);
    await expectText(page.getByTestId("line-status"), "proposed");
    await connectDevWallet(page, 5);
    await page.getByTestId("line-accept").click();
    await signAndMine(page, 0);
    await expectText(page.getByTestId("line-status"), "open");
    expect(await textOf(page.getByTestId("line-terms"))).toContain("Rate: 1 KCD = 2 OTD");

    await page.getByTestId("line-pause").click();
    await signAndMine(page, 0);
    await expectText(page.getByTestId("line-status"), "paused");
    expect(await textOf(page.getByTestId("line-state-words"))).toBe("Open, but Otago Dollars paused payments into it; payments the other way still go through.");
    await shot(page, "paused");

    await page.getByTestId("line-resume").click();
    await signAndMine(page, 0);
    await expectText(page.getByTestId("line-status"), "open");
    const history = await textOf(page.getByTestId("line-history"));
    for (const event of ["Kaikoura proposed the line", "Otago Dollars accepted the line: it opened", "Otago Dollars paused payments into it", "Otago Dollars resumed payments into it"]) {
      expect(history).toContain(event);
    }
  });

  it("a member who is no committee is told so and offered no action", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lines/${lineId}`);
    await connectDevWallet(page, 6);
    await expectText(page.getByTestId("line-not-committee"), "This wallet is the committee of neither Kaikoura nor Otago Dollars.");
    expect(await page.getByTestId("line-pause").count()).toBe(0);
  });

  it("Kaikoura proposes new terms and Otago accepts them; Otago proposes closing and Kaikoura accepts: the line closes", async () => {
    const kaikoura = await e2e.newPage();
    await openApp(kaikoura, `/lines/${lineId}`);
    await connectDevWallet(kaikoura, 0);
    await kaikoura.getByTestId("line-change-terms").click();
    await kaikoura.getByLabel("Fee of Kaikoura (%)").fill("2");
    await kaikoura.getByTestId("line-terms-submit").click();
    await signAndMine(kaikoura, 0);
    await expectText(kaikoura.getByTestId("line-pending"), /^Kaikoura proposed new terms; they apply when the committee of Otago Dollars accepts:/);
    expect(await textOf(kaikoura.getByTestId("line-pending"))).toContain("Fees: Kaikoura charges 2% on what crosses its border, Otago Dollars 0.5%");
    await shot(kaikoura, "pending");

    const otago = await e2e.newPage();
    await openApp(otago, `/lines/${lineId}`);
    await connectDevWallet(otago, 5);
    await otago.getByTestId("line-accept-change").click();
    await signAndMine(otago, 0);
    await expectText(otago.getByTestId("line-terms"), /Fees: Kaikoura charges 2% on what crosses its border/);
    expect(await otago.getByTestId("line-pending").count()).toBe(0);

    await otago.getByTestId("line-propose-close").click();
    await signAndMine(otago, 0);
    await expectText(otago.getByTestId("line-pending"), "Otago Dollars proposed closing this line; it closes when the committee of Kaikoura accepts.");
    await kaikoura.reload();
    await kaikoura.waitForFunction(() => history.scrollRestoration === "manual");
    await kaikoura.getByTestId("line-accept-change").click();
    await signAndMine(kaikoura, 0);
    await expectText(kaikoura.getByTestId("line-status"), "closed");
    expect(await textOf(kaikoura.getByTestId("line-state-words"))).toBe("Closed: it takes no more payments.");
  });
});
