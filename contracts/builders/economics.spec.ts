import { describe, expect, it } from "vitest";
import { Fixture } from "../testing/community-fixture.ts";
import { econPolicy } from "../testing/policy.ts";
import { pay, quotePayment } from "./pay.ts";
import { sweep } from "./sweep.ts";
import { leave } from "./leave.ts";
import { topUp } from "./top-up.ts";
import { ACCOUNT_ECON_ERGO_TREE, COMMUNITY_ECON_ERGO_TREE } from "../scripts.ts";

describe("an economics community through every path, on both interpreters", () => {
  it("charges a usage fee, demurrage, spends an allowance, earns a limit, sweeps and leaves", () => {
    const f = new Fixture({
      policy: econPolicy({
        demurragePpm: 10_000n, demurragePeriod: 100n, feeBps: 100n, feeMin: 1n, turnoverPpm: 10_000n,
        stepUnits: 10n, stepBlocks: 50n, maxCreditLimit: 300n, newcomerBlocks: 1_000n, allowance: 40n, sweepMin: 1n,
      }),
    });
    const w = f.world;
    expect(f.communityBox().ergoTree).toBe(COMMUNITY_ECON_ERGO_TREE);
    expect(f.account("alice").box.ergoTree).toBe(ACCOUNT_ECON_ERGO_TREE);
    expect(f.community().communityBalance).toBe(-120n); // three allowances of 40
    expect(f.conservation()).toBe(0n);

    const intent = { payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 50n }] };
    const quote = quotePayment(intent, w.height);
    expect(quote.payer).toMatchObject({ fee: 1n, allowanceUsed: 25n, balanceAfter: -26n, demurrage: 0n });
    w.submit(pay(intent, { height: w.height }), [f.member("alice")]);
    expect(f.account("alice").balance).toBe(-26n);
    expect(f.account("alice").economy).toMatchObject({ accrued: 1n, allowance: 15n });
    expect(f.account("bob").balance).toBe(50n);
    expect(f.account("bob").economy?.received).toBe(50n);
    expect(f.conservation()).toBe(0n);

    // 100 blocks later bob's 50 owe 1% demurrage: 0.5 units, so 0 now with 0.5 carried.
    w.mine(100);
    w.submit(pay({ payer: f.account("bob").box, payees: [{ account: f.account("carol").box, amountUnits: 10n }] }, { height: w.height }), [f.member("bob")]);
    const bob = f.account("bob");
    // 1% of 10 rounds up to the 1-unit fee; bob is a newcomer too, so half the purchase (5) comes
    // from his allowance; no whole unit of demurrage yet.
    expect(bob.balance).toBe(50n - 10n - 1n + 5n);
    expect(bob.economy?.carry).toBeGreaterThan(0n);
    expect(f.conservation()).toBe(0n);

    w.submit(topUp({ account: f.account("alice").box, addNanoErg: 1_000_000n }, { height: w.height, wallet: w.wallet(f.member("alice")) }), [f.member("alice")]);
    const outsider = w.member("outsider");
    w.submit(sweep({ community: f.communityBox(), accounts: [f.account("alice").box] }, { height: w.height, wallet: w.wallet(outsider) }), [outsider]);
    expect(f.account("alice").economy?.accrued).toBe(0n);
    expect(f.community().communityBalance).toBe(-120n + 1n);
    expect(f.conservation()).toBe(0n);

    // carol received 10 and has an allowance: pays back to 0 and leaves, returning the allowance.
    w.submit(pay({ payer: f.account("carol").box, payees: [{ account: f.account("bob").box, amountUnits: 9n }], allowanceUnits: 0n }, { height: w.height }), [f.member("carol")]);
    expect(f.account("carol").balance).toBe(0n);
    const before = f.community().communityBalance;
    const carol = f.account("carol");
    w.submit(leave({ community: f.communityBox(), account: carol.box }, { height: w.height, wallet: w.wallet(f.member("carol")) }), [f.member("carol")]);
    expect(f.community().communityBalance).toBe(before + carol.economy!.accrued + carol.economy!.allowance);
    expect(f.conservation()).toBe(0n);
  });
});
