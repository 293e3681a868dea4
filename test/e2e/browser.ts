/**
 * Chromium for the browser tests (Debian's, driven by playwright-core) and the per-file setup:
 * one stack and one browser for the file, fresh browser contexts per test (each a separate
 * member: own storage, own wallet), and on a failure a screenshot of every open page, with the
 * page's errors and navigations, under test-results/e2e/.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, type TestContext } from "vitest";
import { REPO_ROOT } from "../../web/build.ts";
import { startE2eStack, type E2eStack } from "./stack.ts";

/** Where the browser lives: Debian's chromium package (.ci/run installs it), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots of failed tests. */
export const FAILURE_DIR = join(REPO_ROOT, "test-results", "e2e");
/** Starting the stack may build the web app first (a few minutes on a busy machine). */
const SETUP_TIMEOUT_MS = 600_000;
/** How long a UI condition may take: the indexer polls, the wallet signs with wasm. */
export const UI_TIMEOUT_MS = 30_000;

/** Launches Chromium, or fails saying how to get it: the browser tests never skip quietly. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
}

/** What a spec file gets: its stack, and fresh browser contexts on it. */
export interface E2e {
  readonly stack: E2eStack;
  /** A page in a new browser context (a separate member), closed after the test. */
  newPage(): Promise<Page>;
}

const fileSafe = (name: string) => name.replace(/[^a-zA-Z0-9._-]+/g, "-").slice(0, 120);

async function saveFailure(test: TestContext["task"], pages: { page: Page; errors: string[] }[]): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  const base = fileSafe(`${test.file.name.replace(/^.*\//, "")}-${test.name}`);
  await Promise.all(
    pages.map(async ({ page, errors }, i) => {
      if (page.isClosed()) return;
      const stem = join(FAILURE_DIR, `${base}-${i + 1}`);
      await page.screenshot({ path: `${stem}.png`, fullPage: true }).catch(() => undefined);
      const notes = [`url: ${page.url()}`, ...errors].join("\n");
      await writeFile(`${stem}.txt`, `${notes}\n`);
    }),
  );
}

/** Registers the file's hooks: stack and browser before all tests, failure screenshots and context cleanup after each. */
export function setupE2e(): E2e {
  let stack: E2eStack | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let pages: { page: Page; errors: string[] }[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startE2eStack();
  }, SETUP_TIMEOUT_MS);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await saveFailure(task, pages);
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
    pages = [];
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  return {
    get stack() {
      if (!stack) throw new Error("the e2e stack is not started (beforeAll failed)");
      return stack;
    },
    async newPage() {
      if (!browser || !stack) throw new Error("the browser is not started (beforeAll failed)");
      const context = await browser.newContext({ baseURL: stack.webUrl, acceptDownloads: true });
      context.setDefaultTimeout(UI_TIMEOUT_MS);
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      // What the failure notes tell: page errors, console errors, navigations and failed requests.
      page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(`console: ${message.text()}`);
      });
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) errors.push(`navigated: ${frame.url()}`);
      });
      page.on("requestfailed", (request) => errors.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ""}`));
      page.on("response", (response) => {
        if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
      });
      pages.push({ page, errors });
      return page;
    },
  };
}

/**
 * Opens `path` and waits until SvelteKit has hydrated the page and started its router (it sets
 * `history.scrollRestoration` to "manual" then), so a click reaches the page's handlers.
 */
export async function openApp(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => history.scrollRestoration === "manual");
}
