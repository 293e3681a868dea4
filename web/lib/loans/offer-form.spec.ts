import { describe, expect, it } from "vitest";
import { devAccount } from "$ergo/keys.ts";
import { readLoanOffer, type TypedLoanOffer } from "./offer-form.ts";

const typed = (over: Partial<TypedLoanOffer> = {}): TypedLoanOffer => ({
  business: devAccount(1).address, principal: "10", tranches: "2", trancheEvery: "100", rate: "5", instalments: "4", every: "720", grace: "60", bond: "3", ...over,
});

describe("the Offer a loan form", () => {
  it("reads good input into the request and its schedule: even tranches, the first instalment a period after the last unlock", () => {
    const read = readLoanOffer(typed(), 1_000);
    expect(read.errors).toEqual({});
    expect(read.request).toMatchObject({ principalNanoErg: 10_000_000_000n, rateBasisPoints: 500n, trancheCount: 2, bondNanoErg: 3_000_000_000n });
    expect(read.schedule!.tranches).toEqual([{ amountNanoErg: 5_000_000_000n, unlockHeight: 1_001n }, { amountNanoErg: 5_000_000_000n, unlockHeight: 1_101n }]);
    expect(read.schedule!.instalments.map((i) => i.dueHeight)).toEqual([1_821n, 2_541n, 3_261n, 3_981n]);
    // 5% a year over 2,880 blocks of a 262,800-block year: 10 ERG owes 10.00547945 ERG in all.
    expect(read.schedule!.instalments.reduce((s, i) => s + i.amountNanoErg, 0n)).toBe(10_005_479_452n);
  });

  it("refuses bad input field by field, in words", () => {
    const read = readLoanOffer(typed({ principal: "ten", tranches: "", rate: "5.125", every: "-3", bond: "0" }), 1_000);
    expect(read.request).toBeUndefined();
    expect(read.errors).toEqual({
      principal: "'ten' is not an amount of ERG (like 2.5).",
      tranches: "Required.",
      rate: "A rate a year in percent with at most two decimals (like 5 or 7.25), not '5.125'.",
      every: "Blocks between instalments is a whole number, not '-3'.",
      bond: "A positive amount of ERG.",
    });
  });

  it("says which field the terms break: a bad address, too many tranches, instalments below a box's least value", () => {
    expect(readLoanOffer(typed({ business: "9notanaddress" }), 1_000).errors).toEqual({ business: "The business's address is not a single-key Ergo address: '9notanaddress'." });
    expect(readLoanOffer(typed({ tranches: "13" }), 1_000).errors).toEqual({ tranches: "A loan has from 1 to 12 tranches." });
    expect(readLoanOffer(typed({ principal: "0.002", tranches: "1", instalments: "24" }), 1_000).errors).toEqual({
      instalments: "Each instalment is at least 0.001 ERG: fewer instalments, or a larger principal.",
    });
  });
});
