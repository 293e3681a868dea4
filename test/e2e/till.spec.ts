/**
 * The point of sale in Chromium against the real stack, at a phone's width: a shop's till (the
 * owner's wallet signs each sale's request) and five customers, each on their own phone, paying
 * five different sales one after the other with no block in between. The devnet mines only when
 * the test asks, so "within one block interval" is exact: the node's height is the same before
 * the first sale and after the fifth is shown paid, the five payments are all in the mempool at
 * once (each built on the shop's unconfirmed account box the one before left), and the till said
 * "Paid" for each. Then one block: the fifth sale on screen turns confirmed with its payer, the
 * till returns to a new sale by itself, and the receipts (the list and the CSV) hold all five,
 * confirmed. A payment the node drops from its mempool takes "Paid" back, and the till says so, for
 * the sale on screen and for one left for the next. Two customers of two tills of one shop who press
 * Pay at the same moment: the node takes one and refuses the other (same shop box), and pressing Pay
 * again builds on the box the first left. Screenshots in test-results/e2e/ (till-*.png).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Profile } from "../../contracts/notes.ts";
import { devAccount } from "../../ergo/keys.ts";
import { csvRecords } from "../../util/csv.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText } from "./text.ts";
import { approveSignature, connectDevWallet, signDialog } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const SHOP = 2;
const CUSTOMERS = [1, 3, 4, 5, 6] as const;
const PHONE = { width: 390, height: 844 };
const NAMES: Record<number, string> = { 1: "Ann", 3: "Cem", 4: "Dee", 5: "Eli", 6: "Fay" };

/** Development account `member` sets its profile (a top-up signed by its key). */
async function setProfile(member: number, profile: Profile): Promise<void> {
  const { lets } = e2e.stack;
  const key = devAccount(member);
  await lets.submit(key, await lets.planTopUp(key, await lets.account(seeded.communityId, key), { profile }));
}

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [SHOP, ...CUSTOMERS] });
  await setProfile(SHOP, { name: "Corner Shop" });
  for (const customer of CUSTOMERS) await setProfile(customer, { name: NAMES[customer]! });
  await e2e.stack.mine();
}, 180_000);

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

/** A page at a phone's width. */
async function phone(): Promise<Page> {
  const page = await e2e.newPage();
  await page.setViewportSize(PHONE);
  return page;
}

/** The shop charges `amount` for `memo` at its till: typed, Enter, the owner signs; answers the pay link shown. */
async function charge(till: Page, amount: string, memo: string): Promise<string> {
  await till.getByLabel(/^Memo/).fill(memo);
  await till.getByLabel("Amount (SHL)").fill(amount);
  await till.getByLabel("Amount (SHL)").press("Enter");
  await approveSignature(till);
  await expectText(till.getByTestId("till-status"), "Waiting for the payment…");
  return (await till.getByTestId("till-link").getAttribute("href"))!;
}

/** Customer `payer` opens the pay link on their phone with their wallet and pays; answers once the wallet submitted. */
async function pay(payer: number, link: string): Promise<Page> {
  const page = await phone();
  await openApp(page, link);
  await connectDevWallet(page, payer);
  await expect.poll(() => page.getByTestId("pay-submit").isEnabled(), { timeout: 30_000 }).toBe(true);
  await page.getByTestId("pay-submit").click();
  await approveSignature(page);
  await expectText(page.getByTestId("pay-status"), /^Paid /);
  return page;
}

describe("the till", () => {
  it("shows Paid for five quick sales paid by five customers within one block, then confirmed, with every receipt listed and in the CSV", async () => {
    const till = await phone();
    await openApp(till, `/lets/${seeded.communityId}/till`);
    await connectDevWallet(till, SHOP);
    await expectText(till.getByTestId("till-shop"), new RegExp(`^Paid to account ${seeded.accountIds.get(SHOP)!.slice(0, 12)}…$`));
    await expectText(till.getByTestId("till-total"), "0 payments, 0.00 SHL.");
    await keep(till, "till-new-sale.png");

    const height = await e2e.stack.node.height();
    const before = e2e.stack.mempool();
    const sales: { amount: string; memo: string; requestId: string }[] = [];
    for (const [i, customer] of CUSTOMERS.entries()) {
      const amount = `${i + 1}.25`;
      const memo = `sale ${i + 1}`;
      const link = await charge(till, amount, memo);
      await expectText(till.getByTestId("till-amount"), `${amount} SHL`);
      if (i === 0) await keep(till, "till-waiting.png");
      const requestId = new URL(link).searchParams.get("id")!;
      expect(sales.map((s) => s.requestId)).not.toContain(requestId);
      sales.push({ amount, memo, requestId });
      const customerPage = await pay(customer, link);
      await expectText(till.getByTestId("till-status"), "Paid ✓");
      if (i === 0) await keep(till, "till-paid.png");
      if (i === 0) await keep(customerPage, "till-customer-paid.png");
      if (i < CUSTOMERS.length - 1) await till.getByTestId("till-next").click();
    }
    // All five in the mempool together, and no block since the first sale.
    expect(e2e.stack.mempool()).toHaveLength(before.length + CUSTOMERS.length);
    expect(await e2e.stack.node.height()).toBe(height);
    await expectText(till.getByTestId("till-total"), "5 payments, 16.25 SHL (5 pending: in the mempool, not yet in a block).");
    const rows = till.getByTestId("till-receipts").locator("tbody tr");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-status")))).toEqual(Array(5).fill("pending"));
    await keep(till, "till-receipts-pending.png");

    await e2e.stack.mine();
    await expectText(till.getByTestId("till-status"), "Paid ✓ confirmed");
    await expectText(till.getByTestId("till-confirmed"), new RegExp(`^By ${NAMES[CUSTOMERS[4]]}, in block ${height + 1} \\(`));
    await expectText(till.getByTestId("till-total"), "5 payments, 16.25 SHL.");
    await keep(till, "till-confirmed.png");
    // The receipts: each sale's amount, payer and memo, confirmed (all in one block, so in the indexer's order within it: compared by memo).
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-status"), ...[...tr.querySelectorAll("td")].slice(1, 4).map((td) => td.textContent!.trim())]));
    const byMemo = <T,>(list: T[], memo: (row: T) => string) => [...list].sort((a, b) => memo(a).localeCompare(memo(b)));
    const wanted = [...CUSTOMERS.entries()].map(([i, customer]) => ["confirmed", `${i + 1}.25 SHL`, `${NAMES[customer]!} “sale ${i + 1}”`, `sale ${i + 1}`]);
    expect(byMemo(cells, (row) => row[3]!)).toEqual(wanted);
    // The till goes back to a new sale by itself.
    await till.waitForSelector('[data-testid="till-sale"][data-phase="new"]', { timeout: 20_000 });

    const csv = await (await till.request.get(`/lets/${seeded.communityId}/till/receipts.csv?account=${seeded.accountIds.get(SHOP)}`)).text();
    const records = csvRecords(csv, { crlf: true });
    expect(byMemo(records, (r) => r.memo!).map((r) => [r.status, r.amount, r.payerName, r.memo, r.requestId])).toEqual(
      [...CUSTOMERS.entries()].map(([i, customer]) => ["confirmed", `${i + 1}.25`, NAMES[customer], `sale ${i + 1}`, sales[i]!.requestId]),
    );
    expect(new Set(records.map((r) => r.height))).toEqual(new Set([String(height + 1)]));
    await keep(till, "till-receipts-confirmed.png");
  });

  it("says 'not paid after all' when a paid sale's payment leaves the mempool without a block, on screen and for a sale left for the next", async () => {
    const till = await phone();
    await openApp(till, `/lets/${seeded.communityId}/till`);
    await connectDevWallet(till, SHOP);
    const { mempool, devnet } = e2e.stack;
    expect(mempool()).toEqual([]);
    const link = await charge(till, "7", "dropped twice");
    await pay(CUSTOMERS[0], link);
    await expectText(till.getByTestId("till-status"), "Paid ✓");
    const [first] = mempool();
    // The node drops it (as a real node may evict a transaction, or a conflicting one may be mined instead).
    devnet.chain.mempool.remove([first!]);
    await expectText(
      till.getByTestId("till-dropped"),
      `Not paid after all: the payment (transaction ${first!.slice(0, 12)}…) left the node's mempool without a block. The request can still be paid.`,
    );
    await expectText(till.getByTestId("till-status"), "Waiting for the payment…");
    expect(await till.getByRole("img", { name: "QR code of the payment link" }).count()).toBe(1);
    await keep(till, "till-dropped.png");

    // Paid again, left for a new sale, then dropped again: the till still says so.
    await pay(CUSTOMERS[1], link);
    await expectText(till.getByTestId("till-status"), "Paid ✓");
    await till.getByTestId("till-next").click();
    const [second] = mempool();
    devnet.chain.mempool.remove([second!]);
    await expectText(till.getByTestId("till-watched-dropped"), /^Not paid after all: 7\.00 SHL \(“dropped twice”\): its payment left the node's mempool without a block\. Its request can still be paid\.$/);
    expect(await till.getByTestId("till-sale").getAttribute("data-phase")).toBe("new");
  });

  it("two tills of one shop, two customers pressing Pay at the same moment: the node takes one, the other is told it refused, and paying again builds on the new box", async () => {
    const tills = [await phone(), await phone()];
    for (const till of tills) {
      await openApp(till, `/lets/${seeded.communityId}/till`);
      await connectDevWallet(till, SHOP);
    }
    const links = [await charge(tills[0]!, "1", "race a"), await charge(tills[1]!, "2", "race b")];
    const customers = await Promise.all(
      [CUSTOMERS[2], CUSTOMERS[3]].map(async (payer, i) => {
        const page = await phone();
        await openApp(page, links[i]!);
        await connectDevWallet(page, payer);
        await expect.poll(() => page.getByTestId("pay-submit").isEnabled(), { timeout: 30_000 }).toBe(true);
        return page;
      }),
    );
    const [first, second] = customers as [Page, Page];
    // Both built on the shop's same box before either is sent: both signature dialogs are open.
    await first.getByTestId("pay-submit").click();
    await signDialog(first).waitFor();
    await second.getByTestId("pay-submit").click();
    await signDialog(second).waitFor();
    await approveSignature(first);
    await expectText(first.getByTestId("pay-status"), /^Paid /);
    await approveSignature(second);
    await expectText(second.getByTestId("pay-status"), /^The node refused the transaction.*[Dd]ouble spend/);
    await keep(second, "till-race-refused.png");
    await expectText(tills[0]!.getByTestId("till-status"), "Paid ✓");
    expect(await tills[1]!.getByTestId("till-status").innerText()).toBe("Waiting for the payment…");
    // Pressing Pay again builds on the box the first payment left, still unconfirmed.
    await second.getByTestId("pay-submit").click();
    await approveSignature(second);
    await expectText(second.getByTestId("pay-status"), /^Paid /);
    await expectText(tills[1]!.getByTestId("till-status"), "Paid ✓");
    expect(e2e.stack.mempool()).toHaveLength(2);
    await e2e.stack.mine();
    for (const till of tills) await expectText(till.getByTestId("till-status"), "Paid ✓ confirmed");
  });

  it("refuses a malformed receipts day and an account of another community", async () => {
    const page = await e2e.newPage();
    const base = `/lets/${seeded.communityId}/till/receipts.json?account=${seeded.accountIds.get(SHOP)}`;
    for (const day of ["2026-13-01", "1969-12-31", "today"]) expect((await page.request.get(`${base}&day=${day}`)).status()).toBe(400);
    expect((await page.request.get(`/lets/${"ab".repeat(32)}/till/receipts.json?account=${seeded.accountIds.get(SHOP)}`)).status()).toBe(404);
    const json = (await (await page.request.get(`${base}&day=2000-01-01`)).json()) as { items: unknown[] };
    expect(json.items).toEqual([]);
  });
});
