import { describe, expect, it } from "vitest";
import { CreditLimitExceeded, LineExposureExceeded, LineNotOpen, LinePaused, NoRoute } from "$contracts/errors.ts";
import { HopCapExceeded } from "./cross.ts";
import { explainCrossError } from "./line-messages.ts";

const a = { communityId: "a".repeat(64), name: "Kaikoura", symbol: "KCD", decimals: 2 };
const b = { communityId: "b".repeat(64), name: "Otago Dollars", symbol: "OTD", decimals: 2 };
const line = "1".repeat(64);

describe("explainCrossError", () => {
  it("says each line refusal in words, naming the communities", () => {
    expect(explainCrossError(new NoRoute(a.communityId, b.communityId), a, b)).toBe(
      "Refused before signing: no open trade line joins Kaikoura to Otago Dollars, directly or through one other community, so this payment cannot cross.",
    );
    expect(explainCrossError(new LinePaused(line, b.communityId), a, b)).toBe(
      "Refused before signing: Otago Dollars has paused payments into it on its trade line with Kaikoura; try again once its committee resumes the line.",
    );
    expect(explainCrossError(new LineNotOpen(line, "proposed"), a, b)).toBe(
      "Refused before signing: the trade line between Kaikoura and Otago Dollars is proposed, but the other committee has not accepted it yet, so it takes no payments.",
    );
    expect(explainCrossError(new LineExposureExceeded(line, 0, 10_000n, -15_000n), a, b)).toBe(
      "Refused before signing: the trade line is at its cap. This payment would take Kaikoura's debt to Otago Dollars on it to 150.00 OTD, past the 100.00 OTD its committees agreed to (per shard). Try a smaller amount, or wait until payments come back the other way.",
    );
  });

  it("names the hop that hit its cap on a route of two lines, in the receiving community's units", () => {
    const c = { communityId: "c".repeat(64), name: "Wholes", symbol: "WHL", decimals: 0 };
    const hop = new HopCapExceeded(new LineExposureExceeded(line, 1, 40n, -45n), b.communityId, c.communityId);
    expect(explainCrossError(hop, a, c, [b])).toBe(
      "Refused before signing: the trade line is at its cap. This payment would take Otago Dollars' debt to Wholes on it to 45 WHL, past the 40 WHL its committees agreed to (per shard). Try a smaller amount, or wait until payments come back the other way.",
    );
  });

  it("leaves other refusals to explainError, in the payer's units", () => {
    expect(explainCrossError(new CreditLimitExceeded("x", 50_000n, -60_000n), a, b)).toContain("past your credit limit of 500.00 KCD");
  });
});
