import { describe, expect, it } from "vitest";
import type { OpenOrder } from "$contracts/escrow/escrow.ts";
import { GRACE_BLOCKS } from "$contracts/escrow/escrow.ts";
import { commitSentence, deadlineWords, orderActions, outcomeWords, releaseRefusal } from "./words.ts";

const KCD = { symbol: "KCD", decimals: 2 };
const NOW = Date.UTC(2026, 11, 12, 12, 0);
const order: OpenOrder = { max: 5_000n, minimum: 2_000n, deadline: 1_234n, payerId: "a".repeat(64), payeeId: "b".repeat(64), reference: "" };

describe("commitSentence", () => {
  it("says what committing does with a minimum, the deadline as a date and a block", () => {
    expect(commitSentence({ maxUnits: 5_000n, minimumUnits: 2_000n, deadline: 1_234n }, "bob", KCD, 1_174, NOW)).toBe(
      "You commit 50.00 KCD now. After delivery you release what you decide, at least 20.00. If you do nothing by 2026-12-12 14:00 UTC (block 1,234), bob may claim 20.00 and the rest comes back to you (anyone may return it).",
    );
  });

  it("says it all comes back without a minimum", () => {
    expect(commitSentence({ maxUnits: 5_000n, minimumUnits: 0n, deadline: 1_234n }, "bob", KCD, 1_174, NOW)).toMatch(/up to 50\.00\. If you do nothing by .*, it all comes back to you\.$/);
  });
});

describe("releaseRefusal", () => {
  it("takes a release between the minimum and the max", () => {
    expect(releaseRefusal(order, 2_000n, 1_000, KCD)).toBeUndefined();
    expect(releaseRefusal(order, 5_000n, 1_000, KCD)).toBeUndefined();
  });

  it("refuses more than the max and less than the minimum in words", () => {
    expect(releaseRefusal(order, 5_001n, 1_000, KCD)).toBe("Refused before signing: you committed 50.00 KCD, so you can release at most 50.00 KCD, not 50.01 KCD.");
    expect(releaseRefusal(order, 1_999n, 1_000, KCD)).toMatch(/^Refused before signing: you agreed to release at least 20\.00 KCD, not 19\.99 KCD/);
  });

  it("takes less than the minimum once the claim window is over", () => {
    expect(releaseRefusal(order, 0n, Number(order.deadline + GRACE_BLOCKS), KCD)).toBeUndefined();
  });
});

describe("deadlineWords and orderActions", () => {
  it("counts down to the deadline, then says the minimum may be claimed", () => {
    expect(deadlineWords(order, 1_204)).toBe("deadline block 1,234, in about 60 minutes (30 blocks)");
    expect(deadlineWords(order, 1_234)).toBe("deadline block 1,234 passed: the minimum may be claimed");
  });

  it("lets the payee claim only once the next block is past the deadline", () => {
    expect(orderActions(order, "payee", 1_233)).toEqual({ release: false, refund: true, claim: false });
    expect(orderActions(order, "payee", 1_234)).toEqual({ release: false, refund: true, claim: true });
    expect(orderActions(order, "payer", 1_234)).toEqual({ release: true, refund: false, claim: false });
  });
});

describe("outcomeWords", () => {
  it("names each outcome with its amounts", () => {
    expect(outcomeWords({ outcome: "released", releasedUnits: 3_000n, returnedUnits: 2_000n }, KCD)).toBe("released 30.00 KCD to the payee, 20.00 KCD back to the payer");
    expect(outcomeWords({ outcome: "released", releasedUnits: 3_000n, returnedUnits: 2_000n }, KCD, "payee")).toBe("released 30.00 KCD to you, 20.00 KCD back to the payer");
    expect(outcomeWords({ outcome: "claimed", releasedUnits: 2_000n, returnedUnits: 3_000n }, KCD, "payer")).toBe("claimed after the deadline: 20.00 KCD to the payee, 30.00 KCD back to you");
    expect(outcomeWords({ outcome: "refunded", releasedUnits: 0n, returnedUnits: 5_000n }, KCD)).toBe("refunded by the payee: 50.00 KCD back to the payer");
  });
});
