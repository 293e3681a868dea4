// Loans in words: statuses, the interest the terms add, a bank's record line, short keys.
import { describe, expect, it } from "vitest";
import type { Bank } from "$lib/server/indexer-types.ts";
import { bankRecordLine, instalmentWord, interestPercent, shortKey, statusWord } from "./words.ts";

const ERG = 1_000_000_000n;

describe("loan words", () => {
  it("names statuses", () => {
    expect(statusWord("open")).toBe("open offer");
    expect(statusWord("claimable")).toBe("claimable from the bond");
    expect(instalmentWord("paid-late")).toBe("paid late");
    expect(instalmentWord("claimed")).toBe("claimed from the bond");
  });

  it("gives the interest the instalments add, in percent of the principal, truncated to two decimals from 1% and four below", () => {
    expect(interestPercent({ principalNanoErg: 6n * ERG, totalOwedNanoErg: 6_000_342_465n })).toBe("0.0057%");
    expect(interestPercent({ principalNanoErg: 100n * ERG, totalOwedNanoErg: 105n * ERG })).toBe("5.00%");
    expect(interestPercent({ principalNanoErg: 3n * ERG, totalOwedNanoErg: 3_370_000_000n })).toBe("12.33%");
    expect(interestPercent({ principalNanoErg: 0n, totalOwedNanoErg: ERG })).toBe("—");
  });

  it("writes a bank's record in one line", () => {
    const bank = {
      bank: "08cd02", height: 1, loansMade: 5, open: 1, funded: 3, active: 1, repaidOnTime: 1, repaidLate: 0, late: 1, defaulted: 1, cancelled: 1,
      principalLentNanoErg: 18n * ERG, bondPostedNanoErg: 24_725_000_005n, bondPaidOutNanoErg: 2_000_114_155n, firstOfferedHeight: 1, lastOfferedHeight: 2,
    } satisfies Bank;
    expect(bankRecordLine(bank)).toBe("5 loans made · 1 repaid on time · 0 repaid late · 1 late now · 1 defaulted · bond 2.000114155 ERG paid out of 24.725000005 ERG posted");
    expect(bankRecordLine({ ...bank, loansMade: 1 })).toMatch(/^1 loan made · /);
  });

  it("shortens a key to its public key's start and end", () => {
    expect(shortKey(`08cd02${"ab".repeat(32)}`)).toBe("02abab…abab");
    expect(shortKey("02ab")).toBe("02ab");
  });
});
