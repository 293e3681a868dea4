/**
 * Payment requests paid once, in Chromium against the real stack. A shop makes a request at the
 * till (the account's owner signs it in the development wallet); a customer opens its link, sees
 * who made it, and pays; the till says the payment is on its way and then Paid; the link opened
 * again says "Already paid" and offers no Pay, and so does the till; the memo is on the
 * transaction page and in the payer's payments. A link whose amount was changed is not signed by
 * the payee (a warning, and a plain payment only once confirmed); a stranger's payment of one unit
 * carrying the request's id does not mark it paid; an expired request is refused;
 * a second payer who clicks Pay after the first is told it is paid, before any signature. Screenshots
 * in test-results/e2e/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { hex, utf8 } from "@fleet-sdk/crypto";
import * as ergoLib from "ergo-lib-wasm-nodejs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Profile } from "../../contracts/notes.ts";
import { readNotes, type Notes } from "../../contracts/notes.ts";
import { newRequestId, requestQuery, requestText, type PaymentRequest } from "../../contracts/payment-request.ts";
import { devAccount } from "../../ergo/keys.ts";
import { signMessage, type MessageLib } from "../../ergo/message-signature.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet, signDialog } from "./wallet.ts";

const e2e = setupE2e();
let seeded: Seeded;
const SYMBOL = "SHL";
const SHOP = 2;
const BAKERY = "Bob's Bakes";

const accountOf = (index: number): string => seeded.accountIds.get(index)!;

/** Development account `member` sets its profile (a top-up signed by its key). */
async function setProfile(member: number, profile: Profile): Promise<void> {
  const { lets } = e2e.stack;
  const key = devAccount(member);
  await lets.submit(key, await lets.planTopUp(key, await lets.account(seeded.communityId, key), { profile }));
}

beforeAll(async () => {
  seeded = await seedCommunity(e2e.stack, { members: [1, 2, 3, 4, 5] });
  await setProfile(SHOP, { name: BAKERY });
  await setProfile(1, { name: "Ann" });
  await e2e.stack.mine();
}, 180_000);

async function keep(page: Page, name: string): Promise<void> {
  await mkdir(FAILURE_DIR, { recursive: true });
  await page.screenshot({ path: join(FAILURE_DIR, name), fullPage: true });
}

/** The shop at its till makes a request (the owner signs it in the dialog); answers the till page and the pay link. */
async function makeRequest(amount: string, memo: string, expiry = "Any time (no expiry)"): Promise<{ till: Page; link: string; requestId: string }> {
  const till = await e2e.newPage();
  await openApp(till, `/wallet/request?community=${seeded.communityId}&account=${accountOf(SHOP)}`);
  await connectDevWallet(till, SHOP);
  await till.getByLabel(`Amount (${SYMBOL})`).fill(amount);
  await till.getByLabel("Memo").fill(memo);
  await till.getByLabel("Can be paid for").selectOption({ label: expiry });
  await till.getByRole("button", { name: "Make the request" }).click();
  await approveSignature(till);
  const link = (await till.getByTestId("request-link").getAttribute("href"))!;
  return { till, link, requestId: new URL(link).searchParams.get("id")! };
}

/** Customer `payer` opens `link` with its wallet connected; without a payer, with no wallet (nothing to pay). */
async function openLink(payer: number | undefined, link: string): Promise<Page> {
  const page = await e2e.newPage();
  await openApp(page, link);
  if (payer !== undefined) await connectDevWallet(page, payer);
  return page;
}

/** The notes on the payer's input of an unconfirmed transaction, as the node has it. */
async function notesOf(txId: string, payerBoxId?: string): Promise<Notes[]> {
  type SignedInput = { boxId: string; spendingProof: { extension: Record<string, string> } };
  const tx = await e2e.stack.node.request<{ inputs: SignedInput[] }>("GET", `/transactions/unconfirmed/byTransactionId/${txId}`);
  return tx.inputs.filter((i) => payerBoxId === undefined || i.boxId === payerBoxId).map((i) => readNotes(i.spendingProof.extension));
}

/** Waits for one new transaction in the mempool (the payment just signed) and answers its id. */
async function newPayment(before: string[]): Promise<string> {
  const after = await e2e.stack.waitForMempool(before.length + 1);
  const added = after.filter((id) => !before.includes(id));
  expect(added).toHaveLength(1);
  return added[0]!;
}

/** A pay link for a request the shop's key signs here, as its wallet would (for a request already expired). */
function signedLinkFor(request: Omit<PaymentRequest, "communityId" | "payeeAccountId" | "decimals" | "requestId">): string {
  const full: PaymentRequest = { communityId: seeded.communityId, payeeAccountId: accountOf(SHOP), decimals: 2, requestId: newRequestId(), ...request };
  const text = requestText(full);
  const appended = `;${e2e.stack.webUrl};${Math.floor(Date.now() / 1000)};${hex.encode(crypto.getRandomValues(new Uint8Array(32)))}`;
  const key = devAccount(SHOP);
  const proof = signMessage(ergoLib as unknown as MessageLib, key.secretKey, key.address, utf8.decode(text + appended));
  return `/pay?${requestQuery(full, { appended, proof })}`;
}

describe("payment requests", () => {
  it("are paid once: the till shows Paid, the link then says already paid and offers no Pay, and the memo is on the chain", async () => {
    const { till, link, requestId } = await makeRequest("4.25", "3 apples", "1 hour");
    await expectText(till.getByTestId("request-status"), /^Waiting for the payment… It can be paid until \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
    await keep(till, "requests-till-waiting.png");

    const customer = await openLink(1, link);
    await expectText(customer.getByTestId("request-maker"), `Request from ${BAKERY} — signed by the account's owner.`);
    await expectText(customer.getByTestId("request-expiry"), /^It can be paid until \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
    expect(await customer.getByLabel("Memo").inputValue()).toBe("3 apples");
    expect(await customer.getByLabel(`Amount (${SYMBOL})`).getAttribute("readonly")).not.toBeNull();
    expect(await customer.getByLabel("Pay to").getAttribute("readonly")).not.toBeNull();
    await expectText(customer.getByTestId("pay-preview"), new RegExp(`→ -4\\.25 ${SYMBOL} .* → 4\\.25 ${SYMBOL}$`));
    const before = e2e.stack.mempool();
    await customer.getByTestId("pay-submit").click();
    await expectText(signDialog(customer).locator("p").first(), new RegExp(`^Pay 4\\.25 ${SYMBOL} to .* for “3 apples” in ${seeded.metadata.name}\\.$`));
    await approveSignature(customer);
    await expectText(customer.getByTestId("pay-status"), new RegExp(`^Paid 4\\.25 ${SYMBOL} to `));
    const txId = await newPayment(before);
    // The payer's signed input carries the memo and the request's id.
    expect((await notesOf(txId)).filter((n) => n.memo !== undefined)).toEqual([{ memo: "3 apples", requestId, problems: [] }]);

    // The till sees it in the mempool, then in a block.
    await expectText(till.getByTestId("request-status"), new RegExp(`^Payment on its way: 4\\.25 ${SYMBOL}, transaction ${txId.slice(0, 12)}… \\(waiting for a block\\)\\.$`));
    await e2e.stack.mine();
    await expectText(till.getByTestId("request-status"), new RegExp(`^Paid ✓ by Ann, 4\\.25 ${SYMBOL}, on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, transaction ${txId.slice(0, 12)}…\\.$`));
    expect(await till.getByRole("img", { name: "QR code of the payment link" }).count()).toBe(0);
    await keep(till, "requests-till-paid.png");

    // The same link again, by anyone: already paid, no Pay button.
    const again = await openLink(undefined, link);
    await expectText(again.getByTestId("request-paid"), new RegExp(`^Already paid on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC in transaction ${txId.slice(0, 12)}…\\. This request from ${BAKERY} for 4\\.25 ${SYMBOL} \\(“3 apples”\\) is not offered again\\.`));
    expect(await again.getByTestId("pay-submit").count()).toBe(0);
    expect(await again.getByTestId("wallet-panel").count()).toBe(0);
    expect(await again.getByTestId("pay-something-else").getAttribute("href")).toBe(`/pay?community=${seeded.communityId}&to=${accountOf(SHOP)}`);
    await keep(again, "requests-link-already-paid.png");
    // The till reopened says so too.
    await till.reload();
    await expectText(till.getByTestId("request-status"), new RegExp(`^Already paid ✓ by Ann, 4\\.25 ${SYMBOL}, `));

    // The memo on the transaction page and in the payer's payments.
    await openApp(again, `/tx/${txId}`);
    await expectText(again.getByTestId("tx-memo"), /3 apples/);
    await openApp(again, `/lets/${seeded.communityId}/members/${accountOf(1)}`);
    const row = again.getByTestId("payments").locator("tbody tr").filter({ hasText: "3 apples" });
    expect(await row.count()).toBe(1);
    expect(await textOf(row)).toContain("4.25");
  });

  it("warns that a link whose amount was changed is not signed by the payee, and pays it only as a plain payment once confirmed", async () => {
    const { till, link } = await makeRequest("6", "a cake");
    const tampered = new URL(link);
    tampered.searchParams.set("amount", "0.6");
    const page = await openLink(3, tampered.toString());
    await expectText(
      page.getByTestId("request-unsigned"),
      "This request is not signed by the payee: check the payee before paying. (the signature does not verify for the payee account's owner: the link was changed after signing, or someone else signed it)",
    );
    expect(await page.getByTestId("request-maker").count()).toBe(0);
    await keep(page, "requests-link-tampered.png");
    await expectText(page.getByTestId("pay-preview"), new RegExp(`→ -0\\.60 ${SYMBOL} `));
    expect(await page.getByTestId("pay-submit").isDisabled()).toBe(true);
    await page.getByTestId("pay-confirm").check();
    const before = e2e.stack.mempool();
    await page.getByTestId("pay-submit").click();
    await approveSignature(page);
    const txId = await newPayment(before);
    // A plain payment: the memo, but not the request's id, so the till does not count it.
    expect((await notesOf(txId)).filter((n) => n.memo !== undefined)).toEqual([{ memo: "a cake", problems: [] }]);
    await e2e.stack.mine();
    await till.reload();
    await expectText(till.getByTestId("request-status"), /^Waiting for the payment…$/);
  });

  it("is not marked paid by someone else's payment of one unit carrying its id: the till says what arrived, the link still offers Pay", async () => {
    const { till, link, requestId } = await makeRequest("2", "jam");
    const { lets } = e2e.stack;
    const griefer = devAccount(5);
    const payee = await lets.account(seeded.communityId, devAccount(SHOP));
    await lets.submit(griefer, await lets.planPay(griefer, await lets.account(seeded.communityId, griefer), [{ account: payee, amountUnits: 1n }], { requestId }));
    await e2e.stack.mine();
    await expectText(till.getByTestId("request-status"), `Waiting for the payment… So far 0.01 ${SYMBOL} of 2.00 ${SYMBOL} has arrived with this request's id.`);
    const page = await openLink(4, link);
    await expectText(page.getByTestId("request-maker"), `Request from ${BAKERY} — signed by the account's owner.`);
    await expect.poll(() => page.getByTestId("pay-submit").isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId("request-paid").count()).toBe(0);
  });

  it("refuses an expired request, with its expiry time, and the till says it expired unpaid", async () => {
    const expiresAtMs = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const link = signedLinkFor({ amountUnits: 200n, memo: "yesterday's bread", expiresAtMs });
    const when = new Date(expiresAtMs).toISOString().replace("T", " ").slice(0, 16);
    const page = await openLink(undefined, link);
    await expectText(page.getByTestId("request-expired"), `This payment request expired at ${when} UTC, so it can no longer be paid. Ask ${BAKERY} for a new one.`);
    expect(await page.getByTestId("pay-submit").count()).toBe(0);
    await keep(page, "requests-link-expired.png");
    const query = new URL(link, e2e.stack.webUrl).searchParams;
    query.delete("community");
    query.delete("to");
    await openApp(page, `/wallet/request?community=${seeded.communityId}&account=${accountOf(SHOP)}&${query}`);
    await expectText(page.getByTestId("request-status"), `Expired at ${when} UTC without a payment; it can no longer be paid. Make a new request.`);
  });

  it("tells a second payer who clicks Pay after the first payment landed that it is paid, before any signature", async () => {
    const { link } = await makeRequest("1.5", "coffee");
    const first = await openLink(4, link);
    const second = await openLink(5, link);
    for (const page of [first, second]) await expect.poll(() => page.getByTestId("pay-submit").isEnabled(), { timeout: 30_000 }).toBe(true);
    const before = e2e.stack.mempool();
    await first.getByTestId("pay-submit").click();
    await approveSignature(first);
    const txId = await newPayment(before);
    // The second page still offers Pay (it was loaded before); its click is stopped by the check before signing.
    await second.getByTestId("pay-submit").click();
    await expectText(second.getByTestId("request-paid"), new RegExp(`^Already paid: the payment is on its way in transaction ${txId.slice(0, 12)}… \\(waiting for a block\\)\\.`));
    expect(await signDialog(second).count()).toBe(0);
    expect(e2e.stack.mempool()).toEqual([...before, txId]);
    await e2e.stack.mine();
  });

  it("says at the memo field when a memo is too long, and offers no Pay", async () => {
    const page = await openLink(1, `/pay?community=${seeded.communityId}&from=${accountOf(1)}`);
    await page.getByLabel("Pay to").fill(accountOf(SHOP));
    await page.getByLabel(`Amount (${SYMBOL})`).fill("1");
    await expectText(page.getByTestId("pay-preview"), new RegExp(`→ -?\\d+\\.\\d\\d ${SYMBOL} `));
    await page.getByLabel("Memo").fill("🍞".repeat(141));
    await expectText(page.getByTestId("memo-error"), "The memo is 141 characters long; at most 140.");
    await expect.poll(() => page.getByTestId("pay-submit").isDisabled()).toBe(true);
    await page.getByLabel("Memo").fill("🍞".repeat(140));
    await expect.poll(() => page.getByTestId("memo-error").count()).toBe(0);
    await expect.poll(() => page.getByTestId("pay-submit").isEnabled()).toBe(true);
  });
});
