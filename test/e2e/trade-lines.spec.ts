/**
 * Trade lines in the browser (docs/inter-lets.md, docs/web.md): two communities seeded straight on
 * the node, Kaikoura (KCD, founded by development account 0) and Otago Dollars (OTD, account 5), a
 * line Kaikoura's committee proposed and Otago's accepted (1 KCD = 1.5 OTD, Kaikoura charges 1%),
 * and one cross payment made with the client. The community pages list the line with its rate and
 * position in words and show the cross payment in both payments tables and their CSV downloads (the
 * cross columns); the line page shows terms, positions per shard, history and the payment; the
 * network page draws the line. Screenshots of each page in test-results/e2e/. Then a member of Kaikoura pays a member of Otago Dollars from the
 * pay screen with the development wallet: a payment past the line's cap is refused in words before
 * signing, the route, conversion and fees show before signing, and once mined both communities'
 * pages show the payment.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { LinesOverHttp } from "../../client/lines.ts";
import { proposeLine } from "../../contracts/builders/line-open.ts";
import type { LineTerms } from "../../contracts/line/line.ts";
import { devAccount } from "../../ergo/keys.ts";
import { csvRecords } from "../../util/csv.ts";
import { FAILURE_DIR, openApp, setupE2e } from "./browser.ts";
import { seedCommunity, type Seeded } from "./seed.ts";
import { expectText, textOf } from "./text.ts";
import { approveSignature, connectDevWallet } from "./wallet.ts";

const e2e = setupE2e();
let kcd: Seeded;
let otd: Seeded;
let lineId = "";
let seededTx = "";

const TERMS: LineTerms = { rateNum: 3n, rateDen: 2n, capA: 10_000n, capB: 10_000n, feeA: 100n, feeB: 0n, shards: 1n };

beforeAll(async () => {
  const { stack } = e2e;
  kcd = await seedCommunity(stack, { founder: 0, members: [1, 2], metadata: { name: "Kaikoura", symbol: "KCD", description: "Side A.", decimals: 2 } });
  otd = await seedCommunity(stack, { founder: 5, members: [6, 7], metadata: { name: "Otago Dollars", symbol: "OTD", description: "Side B.", decimals: 2 } });
  const lines = new LinesOverHttp(stack.lets);
  const proposal = await stack.lets.submit(devAccount(0), await lines.planPropose(kcd.communityId, devAccount(0), otd.communityId, TERMS));
  lineId = proposal.unsigned.inputs[0]!.boxId;
  await stack.mine();
  await stack.lets.submit(devAccount(5), await lines.planAccept(lineId, devAccount(5)));
  await stack.mine();
  // Member 1 of Kaikoura pays member 6 of Otago 10.00 KCD (plus 1%): Otago's member gets 15.00 OTD.
  const account = async (communityId: string, index: number) => {
    const { accounts } = await stack.lets.community(communityId);
    return accounts.find((a) => a.owner.endsWith(devAccount(index).publicKey))!;
  };
  const quote = await lines.quoteCrossPay(devAccount(1), await account(kcd.communityId, 1), [{ account: await account(otd.communityId, 6), amountUnits: 1000n }]);
  seededTx = (await stack.lets.submit(devAccount(1), quote.plan)).id;
  await stack.mine();
}, 180_000);

const shot = (page: Page, name: string) => page.screenshot({ path: join(FAILURE_DIR, `trade-lines-${name}.png`), fullPage: true });

describe("trade lines in the explorer", () => {
  it("a community page lists its line: partner, rate, position in words, state; its payments table marks the cross payment", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${kcd.communityId}`);
    const row = page.getByTestId("line-row");
    await expectText(row.getByTestId("line-partner"), "Otago Dollars");
    expect(await textOf(row.getByTestId("line-rate"))).toBe("1 KCD = 1.5 OTD");
    expect(await textOf(row.getByTestId("line-position"))).toBe("10.00 KCD");
    expect(await textOf(row.getByTestId("line-position-words"))).toBe("Kaikoura owes Otago Dollars 10.00 KCD");
    expect(await textOf(row.getByTestId("line-status"))).toBe("open");
    const cross = page.locator(`[data-tx-id="${seededTx}"]`);
    expect(await textOf(cross.getByTestId("cross-to"))).toBe("in Otago Dollars");
    expect(await textOf(cross.getByTestId("amount"))).toBe("10.10");
    await shot(page, "community-a");

    const other = await e2e.newPage();
    await openApp(other, `/lets/${otd.communityId}`);
    await expectText(other.getByTestId("line-row").getByTestId("line-position-words"), "Kaikoura owes Otago Dollars 15.00 OTD");
    expect(await textOf(other.getByTestId("line-row").getByTestId("line-rate"))).toBe("1 OTD = ≈0.666667 KCD");
    const received = other.locator(`[data-tx-id="${seededTx}"]`);
    expect(await textOf(received.getByTestId("cross-from"))).toBe("from Kaikoura");
    expect(await textOf(received.getByTestId("amount"))).toBe("15.00");
  });

  it("both communities' payments CSV downloads carry the cross payment's columns, each amount in its community's units", async () => {
    const rowOf = async (communityId: string) => {
      const rows = csvRecords(await (await fetch(`${e2e.stack.webUrl}/lets/${communityId}/payments.csv`)).text(), { crlf: true });
      return rows.find((r) => r.txId === seededTx);
    };
    // 10.00 KCD sent, Kaikoura's 1% on top; 15.00 OTD converted, Otago charges nothing.
    expect(await rowOf(kcd.communityId)).toMatchObject({
      amount: "10.10", cross: "payer", otherCommunityId: otd.communityId, otherCommunity: "Otago Dollars", otherDecimals: "2",
      debit: "10.10", debitUnits: "1010", received: "15.00", receivedUnits: "1500", communityFee: "0.10", communityFeeUnits: "10", lineIds: lineId,
    });
    const received = await rowOf(otd.communityId);
    expect(received).toMatchObject({ amount: "15.00", cross: "payee", otherCommunity: "Kaikoura", debit: "10.10", received: "15.00", communityFee: "0.00" });
    expect(JSON.parse(received!.hops!)).toEqual([expect.objectContaining({ lineId, sent: "1000", senderFee: "10", converted: "1500", receiverFee: "0", delivered: "1500" })]);
  });

  it("the line page shows terms, state, positions per shard, history and the cross payment", async () => {
    const page = await e2e.newPage();
    await openApp(page, `/lets/${otd.communityId}`);
    await page.getByTestId("line-row").getByTestId("line-status").click();
    await page.waitForURL(`**/lines/${lineId}`);
    await expectText(page.getByTestId("line-title"), "Trade line: Kaikoura ↔ Otago Dollars");
    expect(await textOf(page.getByTestId("line-terms"))).toContain("Rate: 1 KCD = 1.5 OTD");
    expect(await textOf(page.getByTestId("line-terms"))).toContain("Kaikoura may owe Otago Dollars up to 100.00 OTD");
    expect(await textOf(page.getByTestId("line-positions"))).toContain("Kaikoura owes Otago Dollars 10.00 KCD");
    expect(await page.getByTestId("gateways").locator("tbody tr").count()).toBe(2);
    const history = await textOf(page.getByTestId("line-history"));
    expect(history).toContain("Kaikoura proposed the line");
    expect(history).toContain("Otago Dollars accepted the line: it opened");
    const payment = page.getByTestId("line-payments").locator(`[data-tx-id="${seededTx}"]`);
    expect(await textOf(payment)).toContain("10.00 KCD");
    expect(await textOf(payment)).toContain("15.00 OTD");
    await shot(page, "line");
  });

  it("the network page, linked from the header, draws both communities and the line with its position and cap", async () => {
    const page = await e2e.newPage();
    await openApp(page, "/");
    await page.getByRole("navigation", { name: "Main" }).locator(".wide").getByRole("link", { name: "Network" }).click();
    await page.waitForURL("**/network");
    await expectText(page.getByTestId("network-counts"), "2 communities with 1 trade line.");
    expect(await page.getByTestId("network-node").count()).toBe(2);
    const edge = page.getByTestId("network-edge");
    expect(await edge.getAttribute("data-line-id")).toBe(lineId);
    expect(await edge.getByTestId("network-edge-position").textContent()).toBe("Kaikoura owes Otago Dollars 10.00 KCD");
    expect(await edge.getByTestId("network-edge-cap").textContent()).toBe("15.00 OTD of cap 100.00 OTD");
    await shot(page, "network");
  });
});

describe("trade lines at a phone's width", () => {
  it("the community, line and network pages do not scroll sideways at 390 px", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [[`/lets/${kcd.communityId}`, "phone-community"], [`/lines/${lineId}`, "phone-line"], ["/network", "phone-network"]] as const) {
      await openApp(page, path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      await shot(page, name);
    }
  });
});

describe("paying a member of another community from the pay screen", () => {
  it("refuses past the line's cap in words, shows route, conversion and fees before signing, and both communities show the payment", async () => {
    const { stack } = e2e;
    const page = await e2e.newPage();
    await openApp(page, `/pay?community=${kcd.communityId}&from=${kcd.accountIds.get(1)}`);
    await connectDevWallet(page, 1);
    await page.getByLabel("Payee's community").selectOption(otd.communityId);
    await page.getByLabel("Pay to").fill(devAccount(7).address);
    await expectText(page.getByTestId("payee"), new RegExp(`${devAccount(7).address}$`));
    // 60.00 KCD would become 90.00 OTD: with the 15.00 OTD already owed, past the 100.00 OTD cap.
    const before = stack.mempool();
    await page.getByLabel("Amount (KCD)").fill("60");
    await expectText(
      page.getByTestId("pay-refusal"),
      "Refused before signing: the trade line is at its cap. This payment would take Kaikoura's debt to Otago Dollars on it to 105.00 OTD, past the 100.00 OTD its committees agreed to (per shard). Try a smaller amount, or wait until payments come back the other way.",
    );
    expect(await page.getByTestId("pay-submit").isDisabled()).toBe(true);

    await page.getByLabel("Amount (KCD)").fill("20");
    await expectText(page.getByTestId("pay-hop"), "1 KCD = 1.5 OTD: 20.00 KCD from Kaikoura becomes 30.00 OTD in Otago Dollars; fees: 0.20 KCD to Kaikoura; 30.00 OTD arrives.");
    expect(await textOf(page.getByTestId("pay-route"))).toContain("You pay 20.20 KCD (fees included)");
    expect(await textOf(page.getByTestId("pay-preview"))).toContain("0.00 OTD → 30.00 OTD");
    await shot(page, "pay");
    expect(stack.mempool()).toEqual(before);
    await page.getByTestId("pay-submit").click();
    await approveSignature(page);
    await expectText(page.getByTestId("pay-status"), /^Paid 20\.20 KCD to .* in Otago Dollars, who receives 30\.00 OTD\./);
    const [txId] = await stack.waitForMempool(1);
    await stack.mine();

    const payer = await e2e.newPage();
    await openApp(payer, `/lets/${kcd.communityId}`);
    const sent = payer.locator(`[data-tx-id="${txId}"]`);
    expect(await textOf(sent.getByTestId("amount"))).toBe("20.20");
    expect(await textOf(sent.getByTestId("cross-to"))).toBe("in Otago Dollars");
    await expectText(payer.getByTestId("line-row").getByTestId("line-position-words"), "Kaikoura owes Otago Dollars 30.00 KCD");
    const payee = await e2e.newPage();
    await openApp(payee, `/lets/${otd.communityId}`);
    const got = payee.locator(`[data-tx-id="${txId}"]`);
    expect(await textOf(got.getByTestId("amount"))).toBe("30.00");
    expect(await textOf(got.getByTestId("cross-from"))).toBe("from Kaikoura");
    const network = await e2e.newPage();
    await openApp(network, "/network");
    expect(await network.getByTestId("network-edge-cap").textContent()).toBe("45.00 OTD of cap 100.00 OTD");
  });
});

describe("a line to a community this explorer's indexer does not know", () => {
  it("is drawn to a dashed node that links nowhere, with a note; the proposer's page, the line page and the pay screens still open", async () => {
    const { stack } = e2e;
    // Otago's committee proposes a line to a community id no community here has (one of another contract version, say).
    const stranger = "ee".repeat(32);
    const [{ community }, wallet] = await Promise.all([stack.lets.community(otd.communityId), stack.lets.wallet(devAccount(5))]);
    const proposal = await stack.lets.submit(devAccount(5), (height) => proposeLine({ community: community.box, partnerCommunityId: stranger, terms: TERMS }, { height, wallet }));
    const strangeLine = proposal.unsigned.inputs[0]!.boxId;
    await stack.mine();

    const page = await e2e.newPage();
    await openApp(page, "/network");
    await expectText(page.getByTestId("network-counts"), "3 communities with 2 trade lines.");
    expect(await page.locator("[data-testid=network-node][data-unknown=true]").getAttribute("data-community-id")).toBe(stranger);
    expect(await page.locator(`a[href="/lets/${stranger}"]`).count()).toBe(0);
    expect(await textOf(page.getByTestId("network-unknown"))).toContain("does not follow");
    expect(await textOf(page.getByTestId("network-unknown-name"))).toBe("community eeeeee…eeee");
    await shot(page, "network-unknown");

    for (const path of [`/lets/${otd.communityId}`, `/lines/${strangeLine}`, `/pay?community=${otd.communityId}`, `/pay?community=${kcd.communityId}`]) {
      const reply = await page.goto(path);
      expect(reply?.status(), path).toBe(200);
      expect(await page.locator(`a[href="/lets/${stranger}"]`).count(), path).toBe(0);
    }
    await openApp(page, `/lets/${otd.communityId}`);
    expect(await textOf(page.locator(`[data-line-id="${strangeLine}"]`).getByTestId("line-partner"))).toBe("community eeeeee…eeee");
  });
});
