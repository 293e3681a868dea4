/**
 * The development wallet as a member uses it: connect an account in the wallet panel, then Sign
 * or Decline in its signature dialog. The same panel and dialog sit on every page that signs.
 */
import type { Page } from "playwright-core";
import { devAccount } from "../../ergo/keys.ts";

/** Connects development account `index` in the page's wallet panel and waits until it shows that address. */
export async function connectDevWallet(page: Page, index: number): Promise<string> {
  const panel = page.getByTestId("wallet-panel");
  const { address } = devAccount(index);
  await panel.getByLabel("Development wallet: account").selectOption(String(index));
  await panel.getByRole("button", { name: "Use development wallet" }).click();
  await panel.getByTestId("wallet-address").filter({ hasText: address }).waitFor();
  return address;
}

/** Waits for the development wallet's signature request; answers its dialog. */
export function signDialog(page: Page) {
  return page.getByRole("dialog", { name: "Sign with the development wallet?" });
}

/** Approves the pending signature request. */
export async function approveSignature(page: Page): Promise<void> {
  const dialog = signDialog(page);
  await dialog.getByRole("button", { name: "Sign" }).click();
  await dialog.waitFor({ state: "hidden" });
}

/** Declines the pending signature request. */
export async function declineSignature(page: Page): Promise<void> {
  const dialog = signDialog(page);
  await dialog.getByRole("button", { name: "Decline" }).click();
  await dialog.waitFor({ state: "hidden" });
}
