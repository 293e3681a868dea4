/**
 * The create-a-LETS form in Chromium: each field is checked on its own (unreadable decimals do not
 * turn a cap of 50 into "too large"), and many decimals bring a warning that names the largest
 * amount, without refusing the form.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openApp, setupE2e } from "./browser.ts";
import { expectText, textOf } from "./text.ts";

const e2e = setupE2e();

const fill = (page: Page, label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

describe("the create form", () => {
  it("reports only the field in error: bad decimals leave a cap of 50 alone", async () => {
    const page = await e2e.newPage();
    await openApp(page, "/lets/new");
    await fill(page, "Name", "Harbour Hours");
    await fill(page, "Symbol", "HH");
    await fill(page, "Decimals", "19");
    await fill(page, "Positive cap (HH)", "50");
    await page.getByRole("button", { name: "Review the rules" }).click();
    await expectText(page.getByTestId("decimals-error"), "The number of decimals must be from 0 to 18.");
    expect(await page.getByTestId("positiveCap-error").count()).toBe(0);
    expect(await page.getByTestId("creditLimit-error").count()).toBe(0);
    expect(await page.getByLabel("Positive cap (HH)", { exact: true }).getAttribute("aria-invalid")).toBe("false");
  });

  it("warns, without refusing, that 18 decimals leave 9.22 units as the largest amount", async () => {
    const page = await e2e.newPage();
    await openApp(page, "/lets/new");
    await fill(page, "Decimals", "18");
    await fill(page, "Symbol", "HH");
    await expectText(page.getByTestId("decimals-warning"), /^With 18 decimals the largest amount is 9\.22 HH\b/);
    await fill(page, "Credit limit (HH)", "0.5");
    await page.getByRole("button", { name: "Review the rules" }).click();
    expect(await page.getByTestId("decimals-error").count()).toBe(0);
    expect(await page.getByTestId("creditLimit-error").count()).toBe(0);
    // A credit limit of 50 really is too large at 18 decimals, and says so next to its own field.
    await fill(page, "Credit limit (HH)", "50");
    await expectText(page.getByTestId("creditLimit-error"), "Too large: at most 9.223372036854775807 HH.");
    await fill(page, "Decimals", "2");
    expect(await page.getByTestId("decimals-warning").count()).toBe(0);
    expect(await textOf(page.getByTestId("create-form"))).not.toContain("largest amount");
  });
});
