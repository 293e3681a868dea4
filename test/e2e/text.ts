/** Reading what a member sees: an element's text with whitespace as a reader perceives it, waited on until it matches. */
import type { Locator } from "playwright-core";
import { expect } from "vitest";
import { UI_TIMEOUT_MS } from "./browser.ts";

/** The element's text as rendered (`innerText`: blocks apart), runs of whitespace as one space, trimmed. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText({ timeout: 2_000 })).replace(/\s+/g, " ").trim();
}

/** Waits until the element's text is `expected` (pages refresh from the indexer on their own schedule). */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  const poll = expect.poll(() => textOf(locator), { timeout: timeoutMs, interval: 100 });
  if (typeof expected === "string") await poll.toBe(expected);
  else await poll.toMatch(expected);
}
