/**
 * People, not hex, in Chromium against the real stack: members set profiles (signed top-ups) and
 * a payer writes a memo; the explorer then shows each account as its name and its shortened id
 * (two members both called "Bob" read differently), the account page the name, about, link
 * and profile history, the transaction page the memo and the profile a top-up set, the downloads
 * the names and the memo; a name written as HTML is shown as text. Screenshots in test-results/e2e/.
 */
import { readFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { devAccount } from "../../ergo/keys.ts";
import type { Profile } from "../../contracts/notes.ts";
import { csvRecords } from "../../util/csv.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { textOf } from "./text.ts";

const e2e = setupE2e();
let seeded: Seeded;
/** The memo's transaction, and the top-up that changed Ann's name. */
let memoTxId: string;
let renameTxId: string;

const XSS = "<img src=x onerror=alert(1)>";
const MEMO = 'two loaves, "fresh" <b>today</b>';
const ANN: Profile = { name: "Ann", about: "Bakes bread on Tuesdays", link: "https://ann.example/bread" };
const ANN_AGAIN: Profile = { name: "Ann's Bakery", about: "Bread and cakes, Tuesdays and Fridays", link: "https://ann.example/" };

/** Development account `member` sets `profile` on its account (a top-up signed by its key). */
async function setProfile(member: number, profile: Profile): Promise<string> {
  const key = devAccount(member);
  const account = await e2e.stack.lets.account(seeded.communityId, key);
  return (await e2e.stack.lets.submit(key, await e2e.stack.lets.planTopUp(key, account, { profile }))).id;
}

beforeAll(async () => {
  const { lets } = e2e.stack;
  seeded = await seedCommunity(e2e.stack, { members: [1, 2, 3, 4, 5], rounds: [[[5, 1, 1_000n]]] });
  await setProfile(1, ANN);
  await setProfile(2, { name: "Bob" });
  await setProfile(3, { name: "Bob", about: "The other Bob" });
  await setProfile(4, { name: XSS });
  await e2e.stack.mine();
  // Ann pays both Bobs with a memo, then renames herself: two profiles in her history.
  const payer = await lets.account(seeded.communityId, devAccount(1));
  const payees = [
    { account: await lets.account(seeded.communityId, devAccount(2)), amountUnits: 300n },
    { account: await lets.account(seeded.communityId, devAccount(3)), amountUnits: 200n },
  ];
  memoTxId = (await lets.submit(devAccount(1), await lets.planPay(devAccount(1), payer, payees, { memo: MEMO }))).id;
  await e2e.stack.mine();
  renameTxId = await setProfile(1, ANN_AGAIN);
  await e2e.stack.mine();
}, 180_000);

const id = (member: number) => seeded.accountIds.get(member)!;
const short = (member: number) => `${id(member).slice(0, 6)}…${id(member).slice(-4)}`;
const label = (name: string, member: number) => `${name} · ${short(member)}`;

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

/** A page that fails the test if any script the page did not ship runs (an alert from a name). */
async function guarded(): Promise<{ page: Page; dialogs: string[] }> {
  const page = await e2e.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, dialogs };
}

/** The account cell's text and link of the row of `member` in the members table. */
const memberCell = (page: Page, member: number): Locator => page.getByTestId("members").locator(`tr[data-account-id="${id(member)}"] td`).first();

async function downloadCsv(page: Page, table: Locator): Promise<Record<string, string>[]> {
  const section = page.locator("section").filter({ has: table });
  const [download] = await Promise.all([page.waitForEvent("download"), section.getByTestId("download-csv").click()]);
  return csvRecords(await readFile(await download.path(), "utf8"));
}

describe("the community page", () => {
  it("names members in the members table, tells the two Bobs apart, and shows a name written as HTML as text", async () => {
    const { page, dialogs } = await guarded();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/lets/${seeded.communityId}`);
    expect(await textOf(memberCell(page, 1))).toBe(label("Ann's Bakery", 1));
    const bobs = [await textOf(memberCell(page, 2)), await textOf(memberCell(page, 3))];
    expect(bobs).toEqual([label("Bob", 2), label("Bob", 3)]);
    expect(bobs[0]).not.toBe(bobs[1]);
    // The whole id is one hover away, and the cell links to the account.
    const link = memberCell(page, 2).locator("a");
    expect(await link.getAttribute("title")).toBe(`Bob, account ${id(2)}`);
    expect(await link.getAttribute("href")).toBe(`/lets/${seeded.communityId}/members/${id(2)}`);
    // No name: the shortened id, as before.
    expect(await textOf(memberCell(page, 5))).toBe(short(5));
    // The markup is text: no image was made of it, and nothing ran.
    expect(await textOf(memberCell(page, 4))).toBe(label(XSS, 4));
    expect(await page.locator("main img, table img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await keep(page, "names-community.png");
  });

  it("shows payer and payee names and the memo, as the payer's words, in the payments table", async () => {
    const { page, dialogs } = await guarded();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/lets/${seeded.communityId}`);
    const rows = page.getByTestId("payments").locator(`tr[data-tx-id="${memoTxId}"]`);
    expect(await rows.count()).toBe(2);
    const cells = async (row: Locator) => (await row.locator("td").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    const all = await Promise.all([0, 1].map((i) => cells(rows.nth(i))));
    // Ann's name is the one she set last; each leg names its Bob with his own id.
    expect(all.map((c) => c[2])).toEqual([label("Ann's Bakery", 1), label("Ann's Bakery", 1)]);
    expect(all.map((c) => c[3]).sort()).toEqual([label("Bob", 2), label("Bob", 3)].sort());
    const memo = rows.first().getByTestId("memo");
    expect(await memo.locator("q").textContent()).toBe(MEMO);
    expect(await memo.locator("b").count()).toBe(0);
    expect(await page.getByTestId("payments").locator("th", { hasText: "Memo" }).count()).toBe(1);
    expect(dialogs).toEqual([]);
  });

  it("downloads the names and the memo: payments CSV (payerName, payeeName, memo) and members CSV (name, about, link)", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}`);
    const payments = await downloadCsv(page, page.getByTestId("payments"));
    const legs = payments.filter((row) => row.txId === memoTxId);
    expect(legs.map((row) => [row.payerName, row.payeeName, row.memo, row.payee]).sort()).toEqual(
      [["Ann's Bakery", "Bob", MEMO, id(2)], ["Ann's Bakery", "Bob", MEMO, id(3)]].sort(),
    );
    expect(payments.find((row) => row.txId !== memoTxId)).toMatchObject({ payerName: "", payeeName: "Ann's Bakery", memo: "" });
    const members = await downloadCsv(page, page.getByTestId("members"));
    const byId = new Map(members.map((row) => [row.accountId, row]));
    expect(byId.get(id(1))).toMatchObject({ name: ANN_AGAIN.name, about: ANN_AGAIN.about, link: ANN_AGAIN.link });
    expect(byId.get(id(4))).toMatchObject({ name: XSS, about: "", link: "" });
    expect(byId.get(id(5))).toMatchObject({ name: "", about: "", link: "" });
    // The older columns keep their places; the new ones are last.
    expect(Object.keys(members[0]!).slice(-4)).toEqual(["communityId", "name", "about", "link"]);
    // Payments: names and memos after the first ten, a cross payment's columns (trade lines) after them.
    expect(Object.keys(payments[0]!).slice(10, 16)).toEqual(["communityId", "payerName", "payeeName", "memo", "requestId", "cross"]);
  });

  it("labels the trade network's accounts with their names and ids", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/lets/${seeded.communityId}`);
    const canvas = page.getByTestId("trade-network");
    await canvas.waitFor();
    const labels = JSON.parse((await canvas.getAttribute("data-labels")) ?? "[]") as string[];
    // Bob (3) only received; Ann, Bob (2) and Bob (3) and the unnamed payer 5 traded. The HTML name traded nothing.
    expect(labels.sort()).toEqual([label("Ann's Bakery", 1), label("Bob", 2), label("Bob", 3)].sort());
    await page.locator("#network-title").scrollIntoViewIfNeeded();
    await canvas.screenshot({ path: join(FAILURE_DIR, "names-network.png") });
  });
});

describe("at a phone's width (390 px)", () => {
  it("names keep the community and account pages from scrolling sideways, and every amount stays on screen", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, shot] of [[`/lets/${seeded.communityId}`, "names-phone-community.png"], [`/lets/${seeded.communityId}/members/${id(1)}`, "names-phone-account.png"]] as const) {
      await openApp(page, path);
      expect({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: 390 });
      const offscreen = await page.locator("td.num").evaluateAll((cells) =>
        cells.filter((c) => (c as HTMLElement).offsetParent !== null && (c.scrollWidth > c.clientWidth || c.getBoundingClientRect().right > window.innerWidth)).map((c) => (c as HTMLElement).innerText),
      );
      expect({ path, offscreen }).toEqual({ path, offscreen: [] });
      await keep(page, shot);
    }
  });
});

describe("the account page", () => {
  it("has the name as its heading, the about, the link (rel noopener noreferrer nofollow ugc) and the profile history", async () => {
    const { page, dialogs } = await guarded();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/lets/${seeded.communityId}/members/${id(1)}`);
    expect(await textOf(page.locator("h1"))).toBe(ANN_AGAIN.name);
    expect(await textOf(page.getByTestId("account-id"))).toBe(id(1));
    expect(await textOf(page.getByTestId("account-about"))).toBe(ANN_AGAIN.about);
    const link = page.getByTestId("account-link").locator("a");
    expect(await link.getAttribute("href")).toBe(ANN_AGAIN.link);
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer nofollow ugc");
    const history = page.getByTestId("profile-history").locator("tbody tr");
    expect(await history.count()).toBe(2);
    expect((await history.locator("td:nth-child(2)").allInnerTexts()).map((t) => t.trim())).toEqual([ANN_AGAIN.name, ANN.name]);
    expect(await history.first().locator("a").getAttribute("href")).toMatch(new RegExp(`^/tx/${renameTxId}\\?height=\\d+$`));
    // Her payments and counterparties name the Bobs apart.
    expect((await page.getByTestId("counterparties").locator("tbody tr td:first-child").allInnerTexts()).map((t) => t.trim()).sort()).toEqual(
      [label("Bob", 2), label("Bob", 3), short(5)].sort(),
    );
    expect(dialogs).toEqual([]);
    await keep(page, "names-account.png");
  });

  it("shows a name written as HTML as text in its heading", async () => {
    const { page, dialogs } = await guarded();
    await openApp(page, `/lets/${seeded.communityId}/members/${id(4)}`);
    expect(await textOf(page.locator("h1"))).toBe(XSS);
    expect(await page.locator("h1 img").count()).toBe(0);
    expect(await page.getByTestId("profile-history").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await keep(page, "names-account-html.png");
  });
});

describe("the transaction page", () => {
  it("names the payer and payees and shows the memo", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/tx/${memoTxId}`);
    const legs = page.getByTestId("legs").locator("tbody tr");
    expect(await legs.count()).toBe(2);
    const texts = await legs.evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll("td")].slice(0, 2).map((td) => (td as HTMLElement).innerText.trim())));
    expect(texts.map((t) => t[0])).toEqual([label("Ann's Bakery", 1), label("Ann's Bakery", 1)]);
    expect(texts.map((t) => t[1]).sort()).toEqual([label("Bob", 2), label("Bob", 3)].sort());
    expect(await page.getByTestId("tx-memo").locator("q").textContent()).toBe(MEMO);
    expect(await page.getByTestId("tx-request").count()).toBe(0);
    expect((await page.getByTestId("balance-changes").locator("tbody tr td:first-child").allInnerTexts()).map((t) => t.trim()).sort()).toEqual(
      [label("Ann's Bakery", 1), label("Bob", 2), label("Bob", 3)].sort(),
    );
    // The box cards name the accounts too.
    expect(await page.locator(`.box[data-kind="account"] .title`, { hasText: label("Bob", 3) }).count()).toBeGreaterThan(0);
    await keep(page, "names-tx.png");
  });

  it("says what a top-up set: the new profile, signed by the owner", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${seeded.communityId}/members/${id(1)}`);
    await page.getByTestId("profile-history").locator("tbody tr").first().locator("a").click();
    await page.waitForURL(new RegExp(`/tx/${renameTxId}`));
    expect(await textOf(page.getByTestId("tx-kind"))).toMatch(/^A top-up by an account's owner/);
    const profile = page.getByTestId("tx-profile");
    expect(await textOf(profile)).toContain(ANN_AGAIN.about!);
    expect(await textOf(profile.locator("dd").nth(1))).toBe(ANN_AGAIN.name);
    await keep(page, "names-top-up.png");
  });
});
