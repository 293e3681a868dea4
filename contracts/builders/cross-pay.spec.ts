import { describe, expect, it } from "vitest";
import { crossPay } from "./cross-pay.ts";
import { Network } from "../testing/network-fixture.ts";

describe("a cross payment, on both interpreters", () => {
  it("opens a line and pays across it", () => {
    const n = new Network(["A", "B"]);
    const lineId = n.openLine("A", "B");
    expect(n.line(lineId).status).toBe("open");
    const A = n.c("A"), B = n.c("B");
    const tx = crossPay({ payer: A.account("alice@A").box, payments: [{ payee: B.account("bob@B").box, amountUnits: 50n, hops: [n.hop(lineId, "A")] }] }, { height: n.world.height });
    n.world.submit(tx, [A.member("alice@A")]);
    expect(A.account("alice@A").balance).toBe(-51n);
    expect(B.account("bob@B").balance).toBe(74n);
    expect(A.conservation()).toBe(0n);
    expect(B.conservation()).toBe(0n);
  });
});
