/**
 * Member governance in Chromium with the development wallet (docs/web.md "Governance"), on a
 * community seeded straight on the node (founded by development account 0, members 1 to 3, then
 * 721 blocks so they may vote): the committee switches from the governance page (the rules in
 * words, the warning that it is for ever); member 1 proposes to drop the join fee (bad input
 * refused in words, the change before → after and the deposit shown before signing); members vote
 * For and Against, a key that is no member is told why it cannot; after the vote a key that is no
 * member tallies (2 for, 1 against: passed) and carries it out, and the community's join fee is 0;
 * the governance page's history and the closed proposal's page then read the indexer. Screenshots in
 * test-results/e2e/governance-*.png (the proposal also at 390 px, where nothing scrolls sideways).
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
let proposalPath = "";

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { founder: 0, members: [1, 2, 3] });
  await e2e.stack.mine(721);
}, 300_000);

const shot = (page: Page, name: string) => page.screenshot({ path: join(FAILURE_DIR, `governance-${name}.png`), fullPage: true });

/** Signs the pending action, mines it, and reloads once the indexer has the block. */
async function signAndMine(page: Page): Promise<void> {
  const before = e2e.stack.mempool().length;
  await approveSignature(page);
  await e2e.stack.waitForMempool(before + 1);
  await e2e.stack.mine();
  await page.reload();
  await page.waitForFunction(() => history.scrollRestoration === "manual");
}

describe("member governance in the browser", () => {
  it("the committee switches to member governance from the community's governance page", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}`);
    await page.getByTestId("governance-link").click();
    await page.waitForURL(`**/lets/${seeded.communityId}/governance`);
    await page.waitForFunction(() => history.scrollRestoration === "manual");
    await expectText(page.getByTestId("governance-mode"), "Committee");
    expect(await textOf(page.getByTestId("switch-warning"))).toMatch(/^This cannot be undone\./);
    await connectDevWallet(page, 0);
    await page.getByLabel("Shortest vote (blocks)").fill("3");
    await page.getByLabel("Committee veto (blocks)").fill("x");
    await expectText(page.getByTestId("switch-veto-error"), "Enter the veto window as a whole number of blocks.");
    await page.getByLabel("Committee veto (blocks)").fill("0");
    expect(await textOf(page.getByTestId("switch-rules"))).toContain("A proposal passes when at least 50% of the 3 members vote (2 votes) and more than half of the for/against votes are for");
    expect(await page.getByTestId("switch-submit").isDisabled()).toBe(true);
    await page.getByTestId("switch-understood").check();
    await shot(page, "switch");
    await page.getByTestId("switch-submit").click();
    await signAndMine(page);
    await expectText(page.getByTestId("governance-mode"), "Members");
    expect(await textOf(page.getByTestId("governance-rules"))).toContain("Voting lasts from 3 blocks (about 6 minutes) to 5,040 blocks (about 7 days)");
  });

  it("a member proposes to drop the join fee: bad input refused, the change and deposit shown before signing", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}/governance`);
    await page.getByTestId("propose-link").click();
    await page.waitForURL("**/governance/new");
    await page.waitForFunction(() => history.scrollRestoration === "manual");
    await connectDevWallet(page, 1);
    await page.getByLabel("Join fee (ERG)").fill("abc");
    await page.getByLabel("Voting window (blocks)").fill("2");
    await page.getByTestId("proposal-submit").click();
    await expectText(page.getByTestId("proposal-joinFee-error"), '"abc" is not a number: use digits and at most one point, like 12.50.');
    await expectText(page.getByTestId("proposal-window-error"), "The voting window in blocks is from 3 to 5040.");
    await page.getByLabel("Join fee (ERG)").fill("0");
    await page.getByLabel("Voting window (blocks)").fill("30");
    await expectText(page.getByTestId("change-table"), /Join fee\s*0\.1 ERG\s*0 ERG/);
    expect(await textOf(page.getByTestId("proposal-deposit"))).toMatch(/^You lock a deposit of 1\.\d+ ERG: the rules ask 0\.1 ERG, and the proposal box needs this much against storage rent\./);
    await shot(page, "propose");
    await page.getByTestId("proposal-submit").click();
    await approveSignature(page);
    await expectText(page.getByTestId("proposal-status"), /Your proposal is sent\./);
    proposalPath = new URL((await page.getByRole("link", { name: "The proposal's page" }).getAttribute("href"))!, e2e.stack.webUrl).pathname;
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
  });

  it("members vote once each; a key that is no member is told why it cannot", async () => {
    const page = await e2e.newPage();
    await openApp(page, proposalPath);
    await expectText(page.getByTestId("proposal-title"), "Change the join fee");
    expect(await textOf(page.getByTestId("proposal-phase"))).toMatch(/^Voting until block \d+ \(2\d blocks left, about 5\d minutes\)/);
    await connectDevWallet(page, 1);
    await page.getByTestId("vote-for").click();
    await signAndMine(page);
    await expectText(page.getByTestId("vote-reason"), "You cannot vote: this account voted already (for).");
    expect(await textOf(page.getByTestId("vote-counts"))).toContain("1 for, 0 against, 0 abstain");

    const other = await e2e.newPage();
    await openApp(other, proposalPath);
    await connectDevWallet(other, 2);
    await other.getByTestId("vote-against").click();
    await signAndMine(other);
    expect(await textOf(other.getByTestId("vote-counts"))).toContain("1 for, 1 against, 0 abstain");

    const third = await e2e.newPage();
    await openApp(third, proposalPath);
    await connectDevWallet(third, 3);
    await third.getByTestId("vote-for").click();
    await signAndMine(third);
    expect(await textOf(third.getByTestId("vote-counts"))).toContain("2 for, 1 against, 0 abstain");

    const stranger = await e2e.newPage();
    await openApp(stranger, proposalPath);
    await connectDevWallet(stranger, 5);
    await expectText(stranger.getByTestId("vote-reason"), "You cannot vote: this wallet has no open account in this community: only members vote.");
    expect(await stranger.getByTestId("vote-for").isDisabled()).toBe(true);
    await shot(stranger, "proposal-voting");

    // the governance page lists it with its live counts; nothing scrolls sideways at a phone's width
    await openApp(stranger, `/lets/${seeded.communityId}/governance`);
    expect(await textOf(stranger.getByTestId("open-proposal"))).toContain("2 for, 1 against, 0 abstain");
    await shot(stranger, "page");
    for (const path of [`/lets/${seeded.communityId}/governance`, proposalPath]) {
      await stranger.setViewportSize({ width: 390, height: 844 });
      await openApp(stranger, path);
      expect(await stranger.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await shot(stranger, "proposal-phone");
  });

  it("after the vote anyone tallies and carries it out: the join fee is 0", async () => {
    await e2e.stack.mine(30);
    const page = await e2e.newPage();
    await openApp(page, proposalPath);
    await connectDevWallet(page, 5);
    await page.getByTestId("proposal-action-tally").getByRole("button").click();
    await signAndMine(page);
    expect(await textOf(page.getByTestId("proposal-phase"))).toMatch(/^Passed\. Anyone may carry it out until block \d+/);
    expect(await textOf(page.getByTestId("proposal-action-close"))).toContain("only a rejected, failed or expired proposal is closed");
    await shot(page, "proposal-passed");
    await page.getByTestId("proposal-action-execute").getByRole("button").click();
    await approveSignature(page);
    await e2e.stack.waitForMempool(1);
    await e2e.stack.mine();
    await openApp(page, `/lets/${seeded.communityId}/governance`);
    await expectText(page.getByTestId("no-open-proposals"), "No proposal is open.");
    await openApp(page, `/lets/${seeded.communityId}`);
    expect(await textOf(page.getByTestId("policy"))).toContain("Joining costs 0 ERG for the treasury");
  });

  it("the closed proposal is in the history, from the indexer: its outcome, block, counts and each vote", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}/governance`);
    const history = await textOf(page.getByTestId("history-table"));
    expect(history).toContain("carried out: the change was made");
    expect(history).toMatch(/2 for, 1 against/);
    await shot(page, "history");
    await openApp(page, proposalPath);
    expect(await textOf(page.getByTestId("proposal-phase"))).toMatch(/^Closed: carried out: the change was made at block \d+\.$/);
    const votes = await textOf(page.getByTestId("votes-table"));
    expect(votes.match(/\bfor\b/g)).toHaveLength(2);
    expect(votes.match(/\bagainst\b/g)).toHaveLength(1);
    await shot(page, "proposal-closed");
  });
});
