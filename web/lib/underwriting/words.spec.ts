import { describe, expect, it } from "vitest";
import type { AccountTerms } from "$contracts/account/account.ts";
import { stakeFloorNanoErg } from "$contracts/builders/underwrite.ts";
import { acceptEffect, acceptSentence, endedWords, readOffer, withdrawWords, type TypedOffer } from "./words.ts";
import type { Stake } from "./types.ts";

const KCD = { symbol: "KCD", decimals: 2 };
const ID = "ab".repeat(32);
const OTHER = "cd".repeat(32);
const UNDERWRITER = `08cd02${"11".repeat(32)}`;
const HEIGHT = 1_000;
/** A limit of 100.00 KCD granted for 10 ERG of collateral: 0.001 ERG a unit. */
const TERMS: AccountTerms = { creditLimit: 10_000n, positiveCap: 50_000n, collateralNanoErg: 10_000_000_000n, inactivityBlocks: 0n, joinedHeight: 1n };
const target = (terms: AccountTerms = TERMS) => ({ accountId: ID, communityId: OTHER, terms });
const typed = (over: Partial<TypedOffer> = {}): TypedOffer => ({ raise: "", stake: "", premium: "", premiumAccountId: "", ...over });
const floor = stakeFloorNanoErg({ underwriter: UNDERWRITER, accountId: ID, communityId: OTHER, raise: 5_000n, premium: 0n, premiumAccountId: "" }, HEIGHT);

describe("readOffer", () => {
  it("reads a raise, a stake above the least and no premium into the builder's fields", () => {
    const read = readOffer(typed({ raise: "50", stake: "6" }), KCD, target(), UNDERWRITER, HEIGHT);
    expect(read.errors).toEqual({});
    expect(read.terms).toEqual({ raiseUnits: 5_000n, stakeNanoErg: 6_000_000_000n, premiumUnits: 0n, premiumAccountId: undefined });
    expect(read.least).toEqual({ leastNanoErg: 5_000_000_000n, priceNanoErg: 5_000_000_000n, floorNanoErg: floor });
  });

  it("shows the least stake as soon as the raise reads, and refuses a stake below it in ERG", () => {
    const read = readOffer(typed({ raise: "50", stake: "4.9" }), KCD, target(), UNDERWRITER, HEIGHT);
    expect(read.terms).toBeUndefined();
    expect(read.least?.leastNanoErg).toBe(5_000_000_000n);
    expect(read.errors.stake).toBe("A raise of 50.00 KCD needs a stake of at least 5 ERG.");
    expect(readOffer(typed({ raise: "50" }), KCD, target(), UNDERWRITER, HEIGHT)).toMatchObject({ least: { leastNanoErg: 5_000_000_000n }, errors: { stake: "Enter the ERG you stake." } });
  });

  it("takes the stake box's storage floor when the price of a small raise is below it", () => {
    const read = readOffer(typed({ raise: "0.01", stake: "0.01" }), KCD, target(), UNDERWRITER, HEIGHT);
    expect(read.least!.priceNanoErg).toBe(1_000_000n);
    expect(read.least!.leastNanoErg).toBe(read.least!.floorNanoErg);
    expect(read.least!.floorNanoErg).toBeGreaterThan(read.least!.priceNanoErg);
    expect(read.errors.stake).toMatch(/^A raise of 0\.01 KCD needs a stake of at least [0-9.]+ ERG\.$/);
  });

  it("refuses a raise past the positive cap in the community's units", () => {
    const read = readOffer(typed({ raise: "450", stake: "100" }), KCD, target(), UNDERWRITER, HEIGHT);
    expect(read.errors.raise).toBe("The credit limit would reach 550.00 KCD, above the account's positive cap of 500.00 KCD.");
    expect(readOffer(typed({ raise: "400", stake: "100" }), KCD, target(), UNDERWRITER, HEIGHT).errors).toEqual({});
  });

  it("refuses when the community sets no price of credit, and a fifth stake", () => {
    expect(readOffer(typed({ raise: "5", stake: "10" }), KCD, target({ ...TERMS, collateralNanoErg: 0n }), UNDERWRITER, HEIGHT).errors.raise).toMatch(/sets no price of credit/);
    const full = { ...TERMS, creditLimit: 14_000n, backing: { backed: 4_000n, stakes: ["1", "2", "3", "4"].map((k) => k.repeat(32)) } };
    expect(readOffer(typed({ raise: "5", stake: "10" }), KCD, target(full), UNDERWRITER, HEIGHT).errors.raise).toBe("The account already has 4 stakes, the most it may have.");
  });

  it("prices a raise on the base limit, not on the raised one", () => {
    const backed = { ...TERMS, creditLimit: 20_000n, backing: { backed: 10_000n, stakes: ["1".repeat(32)] } };
    expect(readOffer(typed({ raise: "50", stake: "5" }), KCD, target(backed), UNDERWRITER, HEIGHT).least?.priceNanoErg).toBe(5_000_000_000n);
  });

  it("asks for the premium's account, never the backed one, and reads bad amounts in words", () => {
    expect(readOffer(typed({ raise: "50", stake: "6", premium: "2" }), KCD, target(), UNDERWRITER, HEIGHT).errors.premiumAccountId).toMatch(/pick it/);
    expect(readOffer(typed({ raise: "50", stake: "6", premium: "2", premiumAccountId: ID }), KCD, target(), UNDERWRITER, HEIGHT).errors.premiumAccountId).toMatch(/backed account itself/);
    const read = readOffer(typed({ raise: "50", stake: "6", premium: "2", premiumAccountId: OTHER }), KCD, target(), UNDERWRITER, HEIGHT);
    expect(read.terms).toMatchObject({ premiumUnits: 200n, premiumAccountId: OTHER });
    expect(readOffer(typed({ raise: "1.234", stake: "6" }), KCD, target(), UNDERWRITER, HEIGHT).errors.raise).toMatch(/Too precise/);
    expect(readOffer(typed({ raise: "0", stake: "6" }), KCD, target(), UNDERWRITER, HEIGHT).errors.raise).toBe("Enter a raise of at least one unit.");
    expect(readOffer(typed({ stake: "6" }), KCD, target(), UNDERWRITER, HEIGHT)).toEqual({ errors: { raise: "Enter the credit you back." } });
  });
});

describe("accepting an offer", () => {
  const account = { balance: -2_000n, creditLimit: 10_000n, backed: 0n };

  it("says the new limit, the backed part and the premium before signing", () => {
    expect(acceptSentence(account, { raise: 5_000n, premium: 300n, stakeNanoErg: 5_000_000_000n }, KCD)).toBe(
      "Your credit limit rises from 100.00 KCD to 150.00 KCD: a raise of 50.00 KCD backed by 5 ERG of the underwriter's. You pay a premium of 3.00 KCD now (your balance becomes -23.00 KCD). If you default while using the raise, the stake pays the community for it.",
    );
    expect(acceptSentence({ ...account, creditLimit: 15_000n, backed: 5_000n }, { raise: 2_000n, premium: 0n, stakeNanoErg: 5_000_000_000n }, KCD)).toMatch(
      /^Your credit limit rises from 150\.00 KCD to 170\.00 KCD \(70\.00 KCD of it backed, with the stakes you have\): a raise of 20\.00 KCD/,
    );
    expect(acceptSentence(account, { raise: 5_000n, premium: 0n, stakeNanoErg: 5_000_000_000n }, KCD)).toMatch(/ No premium\. /);
  });

  it("refuses a premium that would take the balance below the current floor, and takes one that reaches it", () => {
    expect(acceptEffect(account, { raise: 5_000n, premium: 8_001n }, KCD).refusal).toBe("The premium of 80.01 KCD would take your balance to -100.01 KCD, below your current floor of -100.00 KCD.");
    expect(acceptEffect(account, { raise: 5_000n, premium: 8_000n }, KCD)).toEqual({ creditLimitAfter: 15_000n, backedAfter: 5_000n, balanceAfter: -10_000n, refusal: undefined });
  });
});

describe("withdrawWords", () => {
  it("says the raise is in use with the floor in units", () => {
    expect(withdrawWords("the raise is in use: …", { balance: -12_000n, creditLimit: 15_000n }, 5_000n, KCD)).toBe(
      "The raise is in use: the account's balance -120.00 KCD is below -100.00 KCD, its floor without this raise. It can be withdrawn once the balance is back to -100.00 KCD or more.",
    );
  });

  it("passes any other reason on as a sentence", () => {
    expect(withdrawWords("this stake does not back the account", { balance: 0n, creditLimit: 15_000n }, 5_000n, KCD)).toBe("This stake does not back the account.");
  });
});

describe("endedWords", () => {
  const stake = { stakeNanoErg: 5_000_000_000n, exitKind: "default", lostNanoErg: 2_000_000_000n, returnedNanoErg: 3_000_000_000n } as Stake;

  it("says what a default paid to the committee and gave back", () => {
    expect(endedWords({ ...stake, state: "settled" })).toBe("Paid 2 ERG to the committee at the account's default; 3 ERG went back to the underwriter.");
    expect(endedWords({ ...stake, state: "returned", exitKind: "leave", lostNanoErg: 0n, returnedNanoErg: 5_000_000_000n })).toBe("Returned whole (5 ERG) at the member leaving.");
    expect(endedWords({ ...stake, state: "withdrawn" })).toBe("Withdrawn by the underwriter; the raise ended.");
  });
});
