/**
 * Community economics end to end over HTTP (docs/economics.md): a devnet in this process and the
 * client that only speaks the node's REST API. An economics community with every lever on: three
 * members join (each issued an allowance), pay with the allowance and the usage fee, hold positive
 * balances long enough to owe demurrage, an outsider sweeps the charges into the community
 * balance, and a member leaves returning the allowance it did not spend. After every step the
 * books read back from the node balance: sum(balances) + sum(accrued) + sum(allowances) +
 * communityBalance = 0.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quotePayment, sweepLeg, worth, ACCOUNT_ECON_ERGO_TREE, COMMUNITY_ECON_ERGO_TREE } from "../../contracts/index.ts";
import { TEST_METADATA } from "../../contracts/testing/community-fixture.ts";
import { econPolicy } from "../../contracts/testing/policy.ts";
import { devAccount } from "../../ergo/keys.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { LetsOverHttp, soleAccount, type CommunityView } from "../../client/lets-over-http.ts";

const POLICY = econPolicy(
  {
    demurragePpm: 10_000n, demurragePeriod: 100n, feeBps: 100n, feeMin: 1n, turnoverPpm: 10_000n, stepUnits: 5n,
    stepBlocks: 50n, maxCreditLimit: 200n, newcomerBlocks: 10_000n, allowance: 30n, sweepMin: 1n,
  },
  { creditLimit: 100n, positiveCap: 0n },
);
const [founder, alice, bob, carol, outsider] = [devAccount(0), devAccount(1), devAccount(2), devAccount(3), devAccount(4)];

const books = (view: CommunityView): bigint =>
  view.accounts.reduce((s, a) => s + worth(a.balance, a.economy), 0n) + view.community.communityBalance;
const accountOf = soleAccount;

describe("an economics community over the devnet's HTTP API", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let lets: LetsOverHttp;
  let communityId = "";
  const mine = async (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    lets = new LetsOverHttp(node);
    await mine(2);
  });
  afterAll(async () => {
    await devnet?.close();
  });

  it("creates, joins with allowances, pays with fee and allowance, owes demurrage, sweeps and leaves; the books balance after every step", async () => {
    communityId = (await lets.createCommunity(founder, POLICY, TEST_METADATA)).communityId;
    await mine();
    for (const member of [alice, bob, carol]) await lets.join(communityId, member, 100_000_000n);
    await mine();
    let view = await lets.community(communityId);
    expect(view.community.box.ergoTree).toBe(COMMUNITY_ECON_ERGO_TREE);
    expect(view.accounts.every((a) => a.box.ergoTree === ACCOUNT_ECON_ERGO_TREE)).toBe(true);
    expect(view.community.communityBalance).toBe(-90n);
    expect(books(view)).toBe(0n);

    // Alice buys 40 from bob: 20 from her allowance, 20 + a 1-unit fee from her balance.
    const tip = await lets.tip();
    const quote = quotePayment({ payer: accountOf(view, alice).box, payees: [{ account: accountOf(view, bob).box, amountUnits: 40n }] }, tip.height);
    tip.context.free();
    expect(quote.payer).toMatchObject({ fee: 1n, allowanceUsed: 20n, balanceAfter: -21n });
    await lets.pay(communityId, alice, [{ member: bob, amountUnits: 40n }]);
    await mine();
    view = await lets.community(communityId);
    expect(accountOf(view, alice)).toMatchObject({ balance: -21n, economy: { accrued: 1n, allowance: 10n } });
    expect(accountOf(view, bob)).toMatchObject({ balance: 40n, economy: { received: 40n } });
    expect(books(view)).toBe(0n);

    // 250 blocks later bob owes 2.5% of 40 = 1 unit of demurrage (0.0 carried), charged when he pays carol.
    await mine(250);
    await lets.pay(communityId, bob, [{ member: carol, amountUnits: 10n }]);
    await mine();
    view = await lets.community(communityId);
    const bobNow = accountOf(view, bob);
    // 40 - demurrage 1 - 10 sent - fee 1 + 5 from his allowance (half of 10)
    expect(bobNow.balance).toBe(33n);
    expect(bobNow.economy).toMatchObject({ accrued: 2n, allowance: 25n, received: 40n });
    expect(books(view)).toBe(0n);

    // An outsider sweeps alice and bob: their charges (and any demurrage due now) go to the community balance.
    const tip2 = await lets.tip();
    const collected = [alice, bob].reduce((s, m) => s + sweepLeg(accountOf(view, m), BigInt(tip2.height)).collected, 0n);
    tip2.context.free();
    const before = view.community.communityBalance;
    const plan = await lets.planSweep(communityId, outsider, [accountOf(view, alice), accountOf(view, bob)]);
    await lets.submit(outsider, plan);
    await mine();
    view = await lets.community(communityId);
    expect(view.community.communityBalance).toBe(before + collected);
    expect(accountOf(view, alice).economy?.accrued).toBe(0n);
    expect(accountOf(view, bob).economy?.accrued).toBe(0n);
    expect(books(view)).toBe(0n);

    // Carol (received 10, spent nothing) pays 10 back keeping her allowance, then leaves at 0:
    // her fee stays accrued and her unused allowance returns to the community balance.
    const carolAccount = accountOf(view, carol);
    const back = await lets.planPay(carol, carolAccount, [{ account: accountOf(view, bob), amountUnits: 9n }], {}, { allowanceUnits: 0n });
    await lets.submit(carol, back);
    await mine();
    view = await lets.community(communityId);
    expect(accountOf(view, carol).balance).toBe(0n);
    await lets.leave(communityId, carol);
    await mine();
    view = await lets.community(communityId);
    expect(view.accounts).toHaveLength(2);
    expect(books(view)).toBe(0n);
  });
});
