import { describe, expect, it } from "vitest";
import { capWords, decimalOf, feeWords, hopWords, positionWords, rateWords, statusLabel, statusWords } from "./words.ts";

const kcd = { name: "Kaikoura", symbol: "KCD", decimals: 2 };
const otd = { name: "Otago Dollars", symbol: "OTD", decimals: 2 };
const whole = { name: "Wholes", symbol: "WHL", decimals: 0 };

describe("line words", () => {
  it("writes a rate between whole units, both ways, exact or marked as rounded", () => {
    expect(rateWords({ rateNum: 3n, rateDen: 2n }, kcd, otd)).toBe("1 KCD = 1.5 OTD");
    expect(rateWords({ rateNum: 3n, rateDen: 2n }, kcd, otd, 1)).toBe("1 OTD = ≈0.666667 KCD");
    expect(rateWords({ rateNum: 1n, rateDen: 1n }, kcd, otd)).toBe("1 KCD = 1 OTD");
    // Smallest units differ: 1 WHL (1 unit) = 1 unit of KCD = 0.01 KCD at 1:1.
    expect(rateWords({ rateNum: 1n, rateDen: 1n }, whole, kcd)).toBe("1 WHL = 0.01 KCD");
    expect(rateWords({ rateNum: 1n, rateDen: 1n }, kcd, whole)).toBe("1 KCD = 100 WHL");
    expect(decimalOf(2_500_000n, 1n)).toBe("2,500,000");
    expect(decimalOf(1n, 4n)).toBe("0.25");
    expect(decimalOf(2n, 3n)).toBe("≈0.666667");
  });

  it("says who owes whom from a community's position, in its own units", () => {
    expect(positionWords(1650n, otd, kcd)).toBe("Otago Dollars owes Kaikoura 16.50 OTD");
    expect(positionWords(-1650n, otd, kcd)).toBe("Kaikoura owes Otago Dollars 16.50 OTD");
    expect(positionWords(0n, otd, kcd)).toBe("Neither owes the other anything");
    expect(positionWords(123456789n, otd, kcd)).toBe("Otago Dollars owes Kaikoura 1,234,567.89 OTD");
  });

  it("writes fees as percentages and caps in the right community's units", () => {
    expect(feeWords(0n)).toBe("no fee");
    expect(feeWords(150n)).toBe("1.5%");
    expect(feeWords(1n)).toBe("0.01%");
    // capA: how far A may go into deficit to B, in B's units; capB the reverse, in A's.
    expect(capWords({ capA: 10_000n, capB: 5_000n }, 0, kcd, otd)).toEqual({
      mine: "Kaikoura may owe Otago Dollars up to 100.00 OTD",
      theirs: "Otago Dollars may owe Kaikoura up to 50.00 KCD",
    });
    expect(capWords({ capA: 10_000n, capB: 5_000n }, 1, otd, kcd)).toEqual({
      mine: "Otago Dollars may owe Kaikoura up to 50.00 KCD",
      theirs: "Kaikoura may owe Otago Dollars up to 100.00 OTD",
    });
  });

  it("names the state: proposed, open, paused on a side, closed", () => {
    const line = { status: "open" as const, pausedA: false, pausedB: false };
    expect(statusLabel(line)).toBe("open");
    expect(statusLabel({ ...line, pausedB: true })).toBe("paused");
    expect(statusLabel({ ...line, status: "proposed" })).toBe("proposed");
    expect(statusLabel({ ...line, status: "closed", pausedA: true })).toBe("closed");
    expect(statusWords({ ...line, status: "proposed" }, kcd, otd)).toBe("Proposed by Kaikoura; waiting for the committee of Otago Dollars to accept it.");
    expect(statusWords({ ...line, pausedB: true }, kcd, otd)).toBe(
      "Open, but Otago Dollars paused payments into it; payments the other way still go through.",
    );
    expect(statusWords(line, kcd, otd)).toBe("Open: members of either community can pay members of the other.");
  });

  it("describes a hop's conversion and fees", () => {
    expect(hopWords({ sent: 1000n, senderFee: 10n, converted: 1500n, receiverFee: 0n, delivered: 1500n }, kcd, otd)).toBe(
      "10.00 KCD from Kaikoura becomes 15.00 OTD in Otago Dollars; fees: 0.10 KCD to Kaikoura; 15.00 OTD arrives.",
    );
  });
});
