import { describe, expect, it } from "vitest";
import { Fixture } from "../testing/community-fixture.ts";
import { econPolicy } from "../testing/policy.ts";
import { creditLimitAt, pay, quotePayment } from "./pay.ts";
import { govern } from "./govern.ts";
import { proposeLine } from "./line-open.ts";
import { TEST_TERMS } from "../testing/network-fixture.ts";
import { CreditLimitExceeded, InvalidPolicy, NothingToSweep } from "../errors.ts";
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

describe("economics builders refuse what the contracts would, with typed errors", () => {
  const levers = { feeBps: 100n, feeMin: 1n, turnoverPpm: 10_000n, stepUnits: 10n, stepBlocks: 50n, maxCreditLimit: 300n, allowance: 40n, newcomerBlocks: 100n };

  it("uses the earned limit: refuses beyond it, and lets it grow with membership and turnover", () => {
    const f = new Fixture({ policy: econPolicy(levers) });
    const w = f.world;
    const payTo = (amountUnits: bigint, allowanceUnits?: bigint) => ({
      payer: f.account("alice").box,
      payees: [{ account: f.account("bob").box, amountUnits }],
      ...(allowanceUnits === undefined ? {} : { allowanceUnits }),
    });
    // Base limit 100: 101 units without the allowance is refused (balance -101 - fee 2).
    expect(() => quotePayment(payTo(101n, 0n), w.height)).toThrow(CreditLimitExceeded);
    expect(() => quotePayment(payTo(10n, 6n), w.height)).toThrow(/at most 5 of this purchase/);
    // 50 blocks of membership add 10 units of limit.
    w.mine(50);
    expect(creditLimitAt(f.account("alice"), BigInt(w.height))).toBe(110n);
    expect(quotePayment(payTo(107n, 0n), w.height).payer.balanceAfter).toBe(-109n);
    w.submit(pay(payTo(107n, 0n), { height: w.height }), [f.member("alice")]);
    expect(f.account("alice").balance).toBe(-109n);
    // bob received 107: 1% of it (1 unit) joins his limit.
    expect(creditLimitAt(f.account("bob"), BigInt(w.height))).toBe(111n);
    // After the newcomer window the allowance is kept, not spent.
    w.mine(100);
    const late = quotePayment({ payer: f.account("bob").box, payees: [{ account: f.account("carol").box, amountUnits: 10n }] }, w.height);
    expect(late.payer.allowanceUsed).toBe(0n);
    expect(() => quotePayment({ payer: f.account("bob").box, payees: [{ account: f.account("carol").box, amountUnits: 10n }], allowanceUnits: 1n }, w.height)).toThrow(/at most 0/);
  });

  it("governs levers for future joins only, within the contract's bounds; a plain community gains none", () => {
    const f = new Fixture({ policy: econPolicy(levers) });
    const w = f.world;
    const ctx = { height: w.height, wallet: w.wallet(f.committee) };
    expect(() => govern({ community: f.communityBox(), policy: { economics: { turnoverPpm: 10_001n } } }, ctx)).toThrow(InvalidPolicy);
    expect(() => govern({ community: f.communityBox(), policy: { economics: { demurragePeriod: 0n } } }, ctx)).toThrow(/at least 1 block/);
    expect(() => govern({ community: f.communityBox(), policy: { economics: { maxCreditLimit: 99n } } }, ctx)).toThrow(/at least the base creditLimit/);
    w.submit(govern({ community: f.communityBox(), policy: { economics: { demurragePpm: 10_000n, demurragePeriod: 21_600n, allowance: 5n } } }, ctx), [f.committee]);
    expect(f.community().policy.economics).toMatchObject({ demurragePpm: 10_000n, allowance: 5n, feeBps: 100n });
    // alice keeps the terms she joined with; a newcomer gets the new ones.
    expect(f.account("alice").terms.economics?.demurragePpm).toBe(0n);
    const dave = f.join(w.member("dave"));
    expect(dave.terms.economics?.demurragePpm).toBe(10_000n);
    expect(dave.economy?.allowance).toBe(5n);
    expect(f.conservation()).toBe(0n);

    const plain = new Fixture({ world: w, name: "Plain" });
    expect(() => govern({ community: plain.communityBox(), policy: { economics: { feeBps: 1n } } }, { height: w.height, wallet: w.wallet(plain.committee) })).toThrow(/cannot gain them/);
  });

  it("refuses a sweep below the minimum and trade lines for an economics community", () => {
    const f = new Fixture({ policy: econPolicy({ ...levers, sweepMin: 5n }) });
    const w = f.world;
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 10n }] }, { height: w.height }), [f.member("alice")]);
    const outsider = w.member("outsider");
    expect(() => sweep({ community: f.communityBox(), accounts: [f.account("alice").box] }, { height: w.height, wallet: w.wallet(outsider) })).toThrow(NothingToSweep);
    expect(() => sweep({ community: f.communityBox(), accounts: [] }, { height: w.height, wallet: w.wallet(outsider) })).toThrow(/at least one account/);
    const other = new Fixture({ world: w, name: "Other" });
    expect(() =>
      proposeLine({ community: f.communityBox(), partnerCommunityId: other.communityId, terms: TEST_TERMS }, { height: w.height, wallet: w.wallet(f.committee) }),
    ).toThrow(/cannot open trade lines/);
  });
});
