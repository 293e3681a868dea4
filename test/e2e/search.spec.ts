/**
 * Search and the block page in Chromium against the real stack: the header's search box finds a
 * community by part of its name or its symbol, an account by id or by its owner's address, a
 * transaction by id, a block by height or id; one match opens its page, several are listed,
 * none says "Nothing matches"; the transaction page links its block, and the block page lists its
 * LETS transactions. Bad input is a clear message, never a 500. An id
 * is found by its first 8 hex digits or as a page shortens it ("3f2a9c…b81e"), copied from the page.
 */
import { devAccount } from "../../ergo/keys.ts";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { setupE2e } from "./browser.ts";
import { seedCommunity, SEED_METADATA, SEED_POLICY, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";

const e2e = setupE2e();
let seeded: Seeded;
let otherId: string;
let txId: string;
let txHeight: number;

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2], rounds: [[[1, 2, 1_250n]]] });
  // A second community sharing a word of the first's name ("Seeded"), for a search with two matches.
  ({ communityId: otherId } = await e2e.stack.lets.createCommunity(devAccount(3), SEED_POLICY, { ...SEED_METADATA, name: "Seeded Stones", symbol: "STN" }));
  await e2e.stack.mine();
  const payments = await (await fetch(`${e2e.stack.indexer.url}/communities/${seeded.communityId}/payments`)).json();
  ({ txId, height: txHeight } = payments.items[0]);
}, 180_000);

/** Opens the communities page, types `q` in the header's search box and submits it; resolves when the answer has loaded. */
async function searchFor(page: Page, q: string): Promise<void> {
  await page.goto("/");
  const box = page.getByTestId("search-box");
  await box.locator("input[name=q]").fill(q);
  await Promise.all([page.waitForLoadState("load"), page.waitForURL((url) => url.pathname !== "/"), box.locator("button").click()]);
}

const path = (page: Page) => new URL(page.url()).pathname;

describe("search", () => {
  it("opens the one page a text names: a community by part of its name or its symbol, an account by id or address, a transaction, a block", async () => {
    const page = await e2e.newPage();
    await page.goto("/");
    const account1 = seeded.accountIds.get(1)!;
    const cases: [string, string][] = [
      ["shells", `/lets/${seeded.communityId}`],
      ["shl", `/lets/${seeded.communityId}`],
      [seeded.communityId.toUpperCase(), `/lets/${seeded.communityId}`],
      [account1, `/lets/${seeded.communityId}/members/${account1}`],
      [`  ${devAccount(1).address}  `, `/lets/${seeded.communityId}/members/${account1}`],
      [txId, `/tx/${txId}`],
      [String(txHeight), `/blocks/${txHeight}`],
    ];
    for (const [q, expected] of cases) {
      await searchFor(page, q);
      expect(path(page), q).toBe(expected);
    }
  });

  it("lists several matches, and says plainly when nothing matches", async () => {
    const page = await e2e.newPage();
    await page.goto("/");
    await searchFor(page, "seeded");
    expect(path(page)).toBe("/search");
    const hits = page.getByTestId("search-hits").locator("li");
    expect(await hits.count()).toBe(2);
    const hrefs = await hits.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.sort()).toEqual([`/lets/${seeded.communityId}`, `/lets/${otherId}`].sort());
    expect(await textOf(hits.first())).toMatch(/Community .*Seeded/);

    for (const q of ["xyz", "cd".repeat(32), "99999999", "100%_off"]) {
      await searchFor(page, q);
      await expectText(page.getByTestId("search-message"), `Nothing matches '${q}'.`);
    }
  });

  it("answers bad input with a message, never a 500", async () => {
    const page = await e2e.newPage();
    const long = await page.goto(`/search?q=${"x".repeat(300)}`);
    expect(long?.status()).toBe(200);
    await expectText(page.getByTestId("search-message"), /too long .* at most 200 characters/);
    const blank = await page.goto("/search?q=%20%20");
    expect(blank?.status()).toBe(200);
    expect(await page.getByTestId("search-message").count()).toBe(0);
    for (const [url, message] of [
      ["/blocks/abc", /No block abc: a block is a height .* or an id/],
      ["/blocks/99999999", /No block 99999999 in the indexer/],
      ["/blocks/99999999999", /No block 99999999999/],
    ] as const) {
      const answer = await page.goto(url);
      expect(answer?.status(), url).toBe(404);
      await expectText(page.getByTestId("error-message"), message);
    }
  });
});

describe("block page", () => {
  it("is linked from the transaction page, and shows height, id, time and the block's LETS transactions", async () => {
    const page = await e2e.newPage();
    await page.goto(`/tx/${txId}`);
    const link = page.getByTestId("tx-block");
    const blockId = (await link.getAttribute("title"))!;
    expect(blockId).toMatch(/^[0-9a-f]{64}$/);
    await Promise.all([page.waitForURL(`**/blocks/${blockId}`), link.click()]);
    await expectText(page.getByTestId("block-height"), String(txHeight));
    expect(await textOf(page.getByTestId("block-id"))).toBe(blockId);
    expect(await textOf(page.getByTestId("block-time"))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    const rows = page.getByTestId("block-transactions").locator("tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.locator("a").first().getAttribute("href")).toBe(`/tx/${txId}`);
    expect(await textOf(rows.first())).toMatch(/A payment\s+Seeded Shells/);

    // The same block by height; the block before it (the joins) has no payment of ours but is a page too.
    await page.goto(`/blocks/${txHeight}`);
    expect(await textOf(page.getByTestId("block-id"))).toBe(blockId);
    const header = await e2e.stack.node.request<{ id: string }[]>("GET", `/blocks/at/${txHeight}`);
    expect(header).toEqual([blockId]);
  });
});

describe("search by short ids", () => {
  it("finds what a page's shortened id names, copied from the page: a transaction, an account, a box", async () => {
    const page = await e2e.newPage();
    const account1 = seeded.accountIds.get(1)!;
    await page.goto(`/lets/${seeded.communityId}`);
    const shortTx = await textOf(page.getByTestId("payments").locator(`a[title="${txId}"]`));
    const shortAccount = await textOf(page.getByTestId("members").locator(`tr[data-account-id="${account1}"] td`).first());
    expect(shortTx).toMatch(/^[0-9a-f]{6}…[0-9a-f]{4}$/);
    expect(shortAccount).toMatch(/^[0-9a-f]{6}…[0-9a-f]{4}$/);
    await searchFor(page, shortTx);
    expect(path(page)).toBe(`/tx/${txId}`);
    await searchFor(page, shortAccount);
    expect(path(page)).toBe(`/lets/${seeded.communityId}/members/${account1}`);

    // The transaction page's heading (10…8) and a box it made.
    await page.goto(`/tx/${txId}`);
    await searchFor(page, await textOf(page.locator("h1 .mono")));
    expect(path(page)).toBe(`/tx/${txId}`);
    const box = page.locator(`.box[data-kind="account"]`).last();
    const boxId = (await box.getAttribute("data-box-id"))!;
    const shortBox = await textOf(box.locator(".meta .mono"));
    expect(shortBox).toBe(`${boxId.slice(0, 6)}…${boxId.slice(-4)}`);
    await searchFor(page, shortBox);
    const url = new URL(page.url());
    expect(url.pathname + url.hash).toBe(`/tx/${txId}#box-${boxId}`);
    expect(await page.locator(`[id="box-${boxId}"]`).count()).toBe(1);
  });

  it("finds an id by its first 8 hex digits or more, in any case, and says how ids are found when too few are given", async () => {
    const page = await e2e.newPage();
    const blockId = (await (await fetch(`${e2e.stack.indexer.url}/blocks/${txHeight}`)).json()).blockId as string;
    const cases: [string, string][] = [
      [txId.slice(0, 8), `/tx/${txId}`],
      [seeded.communityId.slice(0, 10).toUpperCase(), `/lets/${seeded.communityId}`],
      [blockId.slice(0, 12), `/blocks/${txHeight}`],
    ];
    for (const [q, expected] of cases) {
      await searchFor(page, q);
      expect(path(page), q).toBe(expected);
    }
    const short = `${txId.slice(0, 5)}…${txId.slice(-4)}`;
    await searchFor(page, short);
    await expectText(page.getByTestId("search-message"), `Nothing matches '${short}'.`);
    expect(await textOf(page.getByTestId("search-advice"))).toMatch(/first 8 hex digits or more, or copied as a page shortens it/);
    expect(await textOf(page.getByTestId("search-note"))).toMatch(/first 8 hex digits or more/);
  });

  // Last: names change how the tables above print these accounts.
  it("finds members by part of their display name, each hit with its short id", async () => {
    const { lets } = e2e.stack;
    for (const [n, name] of [[1, "Tide Baker"], [2, "Tide Fisher"]] as const) {
      const member = devAccount(n);
      await lets.submit(member, await lets.planTopUp(member, await lets.account(seeded.communityId, member), { profile: { name } }));
    }
    await e2e.stack.mine();
    const page = await e2e.newPage();
    await searchFor(page, "BAKER");
    expect(path(page)).toBe(`/lets/${seeded.communityId}/members/${seeded.accountIds.get(1)!}`);
    await searchFor(page, "tide");
    const hits = page.getByTestId("search-hits").locator("li");
    expect(await hits.count()).toBe(2);
    const labels = (await hits.allInnerTexts()).join("\n");
    for (const n of [1, 2]) expect(labels).toContain(seeded.accountIds.get(n)!.slice(0, 6));
    expect(labels).toMatch(/Tide Baker · [0-9a-f]{6}…[0-9a-f]{4}/);
  });

});
