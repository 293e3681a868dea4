import { describe, expect, it } from "vitest";
import { pay } from "$contracts/builders/pay.ts";
import { Fixture } from "$contracts/testing/community-fixture.ts";
import { econPolicy, LEVERS_OFF } from "$contracts/testing/policy.ts";
import type { Economics } from "$contracts/economics.ts";
import { accountEconomics } from "./account.ts";
import { bpsPercent, leverSentences, perPeriod, ppmPercent } from "./words.ts";

const KCD = { symbol: "KCD", decimals: 2 };
const ALL: Economics = {
  demurragePpm: 10_000n, demurragePeriod: 21_600n, feeBps: 50n, feeMin: 100n, turnoverPpm: 5_000n, stepUnits: 1_000n, stepBlocks: 21_600n,
  maxCreditLimit: 100_000n, newcomerBlocks: 1_000n, allowance: 4_000n, sweepMin: 200n,
};

describe("leverSentences", () => {
  it("says each lever in plain words, with who a committee's change reaches", () => {
    const sentences = leverSentences(ALL, 50_000n, KCD);
    expect(sentences.map((s) => s.text)).toEqual([
      "Balances above 0 lose 1% a month (demurrage), to the community; it is charged whenever the account is next used, so spending avoids it.",
      "Each payment pays 0.5% (at least 1 KCD) of what the payer sends to the community (usage fee).",
      "A member's credit limit is earned: 500 KCD to start, plus 0.5% of everything they have received, plus 10 KCD for every 21,600 blocks (about 30 days) of membership, up to 1,000 KCD.",
      "Each newcomer receives 40 KCD from the community balance (newcomer allowance), which may pay up to half of each purchase during their first 1,000 blocks (about 33 hours); what is left returns to the community when they leave.",
      "Anyone may move the fees and demurrage collected in an account to the community balance once they reach 2 KCD (sweep).",
    ]);
    expect(sentences.map((s) => [s.lever, s.on, s.governable])).toEqual([
      ["demurrage", true, "future members"], ["usageFee", true, "future members"], ["earnedLimit", true, "future members"],
      ["allowance", true, "future members"], ["sweep", true, "every account"],
    ]);
  });

  it("says a lever that is off, and the sweep's least of 1 unit", () => {
    const off = leverSentences({ ...LEVERS_OFF, maxCreditLimit: 50_000n }, 50_000n, KCD);
    expect(off.map((s) => s.text)).toEqual([
      "No demurrage: a balance above 0 keeps its value.",
      "No usage fee on payments.",
      "The credit limit is the same for every member (not earned).",
      "No newcomer allowance.",
      "Anyone may move the fees and demurrage collected in an account to the community balance once they reach 0.01 KCD (sweep).",
    ]);
    expect(off.slice(0, 4).every((s) => !s.on)).toBe(true);
    // A flat fee alone, and steps alone.
    const flat = leverSentences({ ...ALL, feeBps: 0n, turnoverPpm: 0n }, 50_000n, KCD);
    expect(flat[1]!.text).toBe("Each payment pays 1 KCD of what the payer sends to the community (usage fee).");
    expect(flat[2]!.text).toBe("A member's credit limit is earned: 500 KCD to start, plus 10 KCD for every 21,600 blocks (about 30 days) of membership, up to 1,000 KCD.");
  });

  it("writes rates as exact percents and periods by name", () => {
    expect([ppmPercent(10_000n), ppmPercent(1n), bpsPercent(1n), bpsPercent(250n)]).toEqual(["1%", "0.0001%", "0.01%", "2.5%"]);
    expect([perPeriod(720n), perPeriod(262_800n), perPeriod(1_000n)]).toEqual(["a day", "a year", "every 1,000 blocks (about 33 hours)"]);
  });
});

describe("accountEconomics", () => {
  it("explains the earned limit, the charges held, the demurrage due and the newcomer window from a live account", () => {
    const levers = { ...ALL, demurragePeriod: 100n, stepUnits: 10n, stepBlocks: 50n, feeMin: 1n, maxCreditLimit: 300n, newcomerBlocks: 1_000n, allowance: 40n, sweepMin: 1n };
    const f = new Fixture({ policy: econPolicy(levers, { creditLimit: 200n }) });
    const w = f.world;
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 200n }] }, { height: w.height }), [f.member("alice")]);
    const bob = f.account("bob");
    const joined = bob.terms.joinedHeight;
    const height = joined + 120n;
    const view = accountEconomics(bob, height, { symbol: "KCD", decimals: 0 })!;
    // 200 base + 0.5% of 200 received (1) + 10 × floor(120 / 50) = 2 steps (20) = 221.
    expect(view.earned.parts).toEqual([
      { label: "Base credit limit", amount: 200n },
      { label: "0.5% of 200 KCD received", amount: 1n },
      { label: "10 KCD × 2 steps of 50 blocks", amount: 20n },
    ]);
    expect(view.earned.limit).toBe(221n);
    expect(view.earned.cap).toBeUndefined();
    expect(view.creditLeft).toBe(bob.balance + 221n);
    expect(view.received).toBe(200n);
    expect(view.allowanceLeft).toBe(40n);
    // 1% of 200 per 100 blocks, for the blocks since bob was charged.
    const blocks = height - bob.economy!.chargedHeight;
    expect(view.demurrageDue).toBe((200n * 10_000n * blocks + bob.economy!.carry) / 100_000_000n);
    expect(view.newcomer).toEqual({ until: joined + 1_000n, open: true, blocksLeft: 880n });

    const alice = accountEconomics(f.account("alice"), joined + 10_000n, { symbol: "KCD", decimals: 0 })!;
    expect(alice.accrued).toBe(1n); // the 1-unit usage fee on 200
    expect(alice.newcomer.open).toBe(false);
    expect(alice.demurrageDue).toBe(0n); // a balance below 0 owes none
    expect(alice.earned.limit).toBe(300n);
    expect(alice.earned.cap).toBe("capped at 300 KCD");
  });

  it("is undefined for an account of a plain community", () => {
    const f = new Fixture();
    expect(accountEconomics(f.account("alice"), 2_000n, KCD)).toBeUndefined();
  });
});
