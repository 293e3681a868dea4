/**
 * The explorer in Chromium against the real stack: a download holds exactly the rows the table
 * shows (members and payments, on a sorted, filtered, paged view), and an unknown or malformed id
 * is a 404 page, never a 500.
 */
import { readFile } from "node:fs/promises";
import { ErgoAddress, Network } from "@fleet-sdk/core";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { setupE2e } from "./browser.ts";
import { csvRecords } from "../../util/csv.ts";
import { seedCommunity, type Seeded } from "./seed.ts";

const e2e = setupE2e();
let seeded: Seeded;

beforeAll(async () => {
  // Four members, payments over three blocks, so sorting and paging have something to reorder.
  seeded = await seedCommunity(e2e.stack, {
    members: [1, 2, 3, 4],
    rounds: [
      [[1, 2, 1_250n], [3, 4, 99n]],
      [[2, 3, 40_000n], [4, 1, 5n]],
      [[1, 3, 7_001n]],
    ],
  });
}, 120_000);

/** Units as the explorer shows them at `decimals`: 1250 at 2 is "12.50". */
function atDecimals(units: string, decimals: number): string {
  const value = BigInt(units);
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, "0");
  const point = digits.length - decimals;
  return `${value < 0n ? "-" : ""}${digits.slice(0, point)}${decimals > 0 ? `.${digits.slice(point)}` : ""}`;
}

/** The P2PK address of an owner register (`08cd` + public key) on the devnet's testnet prefix. */
const addressOfOwner = (owner: string) => ErgoAddress.fromPublicKey(owner.slice(4)).encode(Network.Testnet);

/** The account id in an explorer link to `/lets/{communityId}/members/{accountId}`. */
const linkedAccount = (href: string | null) => href?.match(/\/members\/([0-9a-f]{64})$/)?.[1] ?? href;

/** Clicks the CSV link of the section holding `table` and parses the downloaded file. */
async function downloadCsv(page: Page, table: Locator): Promise<Record<string, string>[]> {
  const section = page.locator("section").filter({ has: table });
  const [download] = await Promise.all([page.waitForEvent("download"), section.getByTestId("download-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  return csvRecords(await readFile(await download.path(), "utf8"));
}

describe("table downloads", () => {
  it("the members CSV holds exactly the rows shown, in order, on a sorted and paged view", async () => {
    const page = await e2e.newPage();
    const { decimals } = seeded.metadata;
    await page.goto(`/lets/${seeded.communityId}?sort=balance&order=desc&limit=2&offset=1`);
    const table = page.getByTestId("members");
    const shown = await table.locator("tbody tr[data-account-id]").evaluateAll((rows) =>
      rows.map((tr) => {
        const cells = [...tr.querySelectorAll("td")];
        return {
          accountId: tr.getAttribute("data-account-id"),
          link: cells[0]?.querySelector("a")?.getAttribute("href") ?? null,
          owner: cells[1]?.getAttribute("title") ?? null,
          texts: cells.slice(2).map((td) => td.textContent?.trim() ?? ""),
        };
      }),
    );
    expect(shown).toHaveLength(2);

    const csv = await downloadCsv(page, table);
    expect(csv.map((row) => row.accountId)).toEqual(shown.map((row) => row.accountId));
    // The file says what the page says: owner addresses, amounts in the community's units.
    expect(shown.map((row) => ({ ...row, link: linkedAccount(row.link) }))).toEqual(
      csv.map((row) => ({
        accountId: row.accountId,
        link: row.accountId,
        owner: row.owner,
        texts: [row.status, row.balance, row.creditLeft, row.creditLimit, row.joinedHeight, row.lastActiveHeight],
      })),
    );
    // Beside them, the raw values: the owner's tree and the integers of base units.
    for (const row of csv) {
      expect(addressOfOwner(row.ownerTree!)).toBe(row.owner);
      expect(atDecimals(row.balanceUnits!, decimals)).toBe(row.balance);
      expect(atDecimals(row.creditLimitUnits!, decimals)).toBe(row.creditLimit);
      expect(row.decimals).toBe(String(decimals));
    }
    // The view really is sorted by balance, high to low, and skips the richest member.
    const balances = csv.map((row) => BigInt(row.balanceUnits!));
    expect(balances[0]! >= balances[1]!).toBe(true);
    expect(balances[0]!).toBeLessThan(47_001n);
  });

  it("the payments CSV holds exactly the rows shown, on a paged view", async () => {
    const page = await e2e.newPage();
    const { decimals } = seeded.metadata;
    await page.goto(`/lets/${seeded.communityId}?payLimit=3&payOffset=1`);
    const table = page.getByTestId("payments");
    const shown = await table.locator("tbody tr[data-tx-id]").evaluateAll((rows) =>
      rows.map((tr) => {
        const cells = [...tr.querySelectorAll("td")];
        return {
          txId: tr.getAttribute("data-tx-id"),
          height: cells[0]?.textContent?.trim(),
          time: cells[1]?.textContent?.trim(),
          payer: cells[2]?.querySelector("a")?.getAttribute("href") ?? null,
          payee: cells[3]?.querySelector("a")?.getAttribute("href") ?? null,
          amount: cells[4]?.textContent?.trim(),
        };
      }),
    );
    expect(shown).toHaveLength(3);

    const csv = await downloadCsv(page, table);
    expect(shown.map((row) => ({ ...row, payer: linkedAccount(row.payer), payee: linkedAccount(row.payee) }))).toEqual(
      csv.map((row) => ({ txId: row.txId, height: row.height, time: row.time, payer: row.payer, payee: row.payee, amount: row.amount })),
    );
    for (const row of csv) {
      expect(`${new Date(Number(row.timestamp)).toISOString().slice(0, 16).replace("T", " ")} UTC`).toBe(row.time);
      expect(atDecimals(row.amountUnits!, decimals)).toBe(row.amount);
    }
    // Newest first, and the first (newest) payment is on the page before.
    expect(csv.map((row) => Number(row.height))).toEqual([...csv.map((row) => Number(row.height))].sort((a, b) => b - a));
    expect(csv.some((row) => row.amountUnits === "7001")).toBe(false);
  });
});

describe("account downloads", () => {
  it("the counterparties CSV says what the table says, amounts in the community's units, raw values beside them", async () => {
    const page = await e2e.newPage();
    const { decimals } = seeded.metadata;
    await page.goto(`/lets/${seeded.communityId}/members/${seeded.accountIds.get(1)}`);
    const table = page.getByTestId("counterparties");
    const shown = await table.locator("tbody tr").evaluateAll((rows) =>
      rows.map((tr) => {
        const cells = [...tr.querySelectorAll("td")];
        return { link: cells[0]?.querySelector("a")?.getAttribute("href") ?? null, texts: cells.slice(1).map((td) => td.textContent?.trim() ?? "") };
      }),
    );
    expect(shown.length).toBeGreaterThan(1);
    const csv = await downloadCsv(page, table);
    expect(shown.map((row) => ({ ...row, link: linkedAccount(row.link) }))).toEqual(
      csv.map((row) => ({ link: row.accountId, texts: [row.payments, row.paid, row.received, row.net, row.lastHeight] })),
    );
    for (const row of csv) {
      expect(addressOfOwner(row.ownerTree!)).toBe(row.owner);
      expect([row.paidUnits, row.receivedUnits, row.netUnits].map((u) => atDecimals(u!, decimals))).toEqual([row.paid, row.received, row.net]);
    }
  });
});

describe("unknown ids", () => {
  const unknown = "ab".repeat(32);

  it("answers a 404 page for unknown and malformed community, account and transaction ids", async () => {
    const page = await e2e.newPage();
    const paths = [
      `/lets/${unknown}`,
      "/lets/not-a-community",
      `/lets/${seeded.communityId}/members/${unknown}`,
      `/lets/${seeded.communityId}/members/${seeded.communityId.slice(0, 10)}`,
      `/lets/${unknown}/members/${seeded.accountIds.get(1)}`,
      `/tx/${unknown}`,
      `/tx/${unknown}?height=2`,
      "/tx/0xnot-hex",
    ];
    for (const path of paths) {
      const response = await page.goto(path);
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
      expect(await page.getByTestId("error").getByRole("heading", { level: 1 }).textContent()).toBe("Not found");
    }
  });

  it("answers 404 for a download of an unknown community", async () => {
    const page = await e2e.newPage();
    for (const path of [`/lets/${unknown}/members.csv`, `/lets/${unknown}/payments.json`, `/lets/${seeded.communityId}/members.xlsx`]) {
      const response = await page.request.get(path);
      expect({ path, status: response.status() }).toEqual({ path, status: 404 });
    }
  });
});
