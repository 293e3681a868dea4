import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario, ScenarioError } from "./scenario.ts";

const minimal = {
  name: "mini",
  members: 10,
  days: 5,
  policy: { creditLimit: 100 },
  roles: { household: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 10 } } },
};

const withOrders = (orders: unknown, extra: Record<string, unknown> = {}) => ({ ...minimal, ...extra, orders });

/** The message a document (with overrides) is refused with. */
function refusal(document: unknown, overrides = {}): string {
  try {
    parseScenario(document, "test.yaml", overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error("the scenario was accepted");
}

describe("the orders section", () => {
  it("is absent by default: no orders, no shops", () => {
    expect(parseScenario(minimal, "test.yaml").orders).toBeUndefined();
  });

  it("fills defaults: shops none, expiry a simulated day, the settler every block taking as many orders as fit a transaction", () => {
    const s = parseScenario(withOrders({ orderShare: 0.5 }, { time: { blocksPerDay: 12 } }), "test.yaml");
    expect(s.orders).toEqual({ orderShare: 0.5, shops: [], shopShare: 0, expiryBlocks: 12, settler: { everyBlocks: 1, maxOrdersPerBatch: undefined } });
  });

  it("reads shops as a count (the first starting members) or as members' names, in the order given", () => {
    expect(parseScenario(withOrders({ orderShare: 1, shops: 3, shopShare: 0.6 }), "test.yaml").orders!.shops).toEqual([0, 1, 2]);
    expect(parseScenario(withOrders({ orderShare: 1, shops: ["m0007", "m0002"], shopShare: 0.6 }), "test.yaml").orders!.shops).toEqual([6, 1]);
    const s = parseScenario(withOrders({ orderShare: 0.2, shops: 0, expiryBlocks: 6, settler: { everyBlocks: 3, maxOrdersPerBatch: 40 } }), "test.yaml");
    expect(s.orders).toMatchObject({ shops: [], expiryBlocks: 6, settler: { everyBlocks: 3, maxOrdersPerBatch: 40 } });
  });

  it("refuses each field out of range, naming it", () => {
    expect(refusal(withOrders({}))).toBe("scenario test.yaml: orders.orderShare: is required");
    expect(refusal(withOrders({ orderShare: 1.5 }))).toBe("scenario test.yaml: orders.orderShare: must be a number from 0 to 1, got 1.5");
    expect(refusal(withOrders({ orderShare: 1, shops: 11, shopShare: 0.5 }))).toBe(
      "scenario test.yaml: orders.shops: must be a number of shops from 0 to 10 (the first starting members) or a list of starting members' names like m0001, got 11",
    );
    expect(refusal(withOrders({ orderShare: 1, shops: ["m0011"], shopShare: 0.5 }))).toBe('scenario test.yaml: orders.shops: names no starting member (m0001 to m0010), got "m0011"');
    expect(refusal(withOrders({ orderShare: 1, shops: ["m1"], shopShare: 0.5 }))).toMatch(/orders\.shops: names no starting member .* got "m1"/);
    expect(refusal(withOrders({ orderShare: 1, shops: ["m0002", "m0002"], shopShare: 0.5 }))).toBe("scenario test.yaml: orders.shops: lists m0002 twice");
    expect(refusal(withOrders({ orderShare: 1, shops: 2 }))).toBe("scenario test.yaml: orders.shopShare: is required with shops (the share of purchases that go to a shop)");
    expect(refusal(withOrders({ orderShare: 1, shopShare: 0.5 }))).toBe("scenario test.yaml: orders.shopShare: needs shops: there is no shop to buy from");
    expect(refusal(withOrders({ orderShare: 1, expiryBlocks: 0 }))).toBe("scenario test.yaml: orders.expiryBlocks: must be a whole number from 1 to 1000000, got 0");
    expect(refusal(withOrders({ orderShare: 1, expiryBlocks: 2, settler: { everyBlocks: 3 } }))).toBe(
      "scenario test.yaml: orders.expiryBlocks: must be at least settler.everyBlocks (3): an order must live until the next settlement",
    );
    expect(refusal(withOrders({ orderShare: 1, settler: { maxOrdersPerBatch: 0 } }))).toBe("scenario test.yaml: orders.settler.maxOrdersPerBatch: must be a whole number from 1 to 1000, got 0");
    expect(refusal(withOrders({ orderShare: 1, settler: { every: 2 } }))).toBe("scenario test.yaml: orders.settler.every: unknown field (expected one of: everyBlocks, maxOrdersPerBatch)");
    expect(refusal(withOrders({ orderShare: 1, share: 1 }))).toMatch(/^scenario test\.yaml: orders\.share: unknown field \(expected one of: orderShare, shops, shopShare, expiryBlocks, settler\)$/);
  });

  it("checks shops against the starting members after the flags", () => {
    const document = withOrders({ orderShare: 1, shops: ["m0010"], shopShare: 0.5 });
    expect(parseScenario(document, "test.yaml").orders!.shops).toEqual([9]);
    expect(refusal(document, { members: 8 })).toBe('scenario test.yaml: orders.shops: names no starting member (m0001 to m0008), got "m0010"');
  });

  it("is for one plain community: not with economics, a network or top-ups", () => {
    expect(refusal(withOrders({ orderShare: 1 }, { policy: { creditLimit: 100, economics: { feeBps: 10 } } }))).toBe(
      "scenario test.yaml: orders: payment orders are for plain communities (contract version 5): an economics community has no order path; leave out orders or policy.economics",
    );
    const network = {
      communities: { alpha: { name: "Alpha" }, beta: { name: "Beta" } },
      lines: [{ a: "alpha", b: "beta", capA: 100, capB: 100 }],
    };
    expect(refusal(withOrders({ orderShare: 1 }, { network }))).toBe("scenario test.yaml: orders: payment orders are simulated in one community, not in a network");
    expect(refusal(withOrders({ orderShare: 1 }, { behaviour: { topUpBelowPayments: 2, topUpPayments: 10 } }))).toBe(
      "scenario test.yaml: behaviour.topUpBelowPayments: top-ups are not simulated with payment orders",
    );
  });
});

describe("the shop preset", () => {
  it("is a shop-heavy plain community: 150 members, 5 shops taking most purchases, 80% paid by order, a few days", async () => {
    const s = await loadScenario("shop");
    expect([s.members, s.policy.economics, s.network]).toEqual([150, undefined, undefined]);
    expect(s.days).toBeLessThanOrEqual(10);
    expect(s.orders).toMatchObject({ orderShare: 0.8, shops: [0, 1, 2, 3, 4], settler: { everyBlocks: 1, maxOrdersPerBatch: undefined } });
    expect(s.orders!.shopShare).toBeGreaterThan(0.5);
  });
});
