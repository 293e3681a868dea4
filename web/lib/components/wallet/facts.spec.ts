import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ErgoBox } from "@fleet-sdk/core";
import { DEFAULT_FEE, ownerFromAddress } from "$contracts/builders/common.ts";
import { createCommunity } from "$contracts/builders/create.ts";
import { MIN_BOX_VALUE } from "$contracts/scripts.ts";
import { devAccount } from "$ergo/keys.ts";
import { accountErg, availableToPay, creationCost, paymentsWord } from "./facts.ts";

describe("availableToPay", () => {
  it("is the balance plus the credit limit, and never below 0", () => {
    expect(availableToPay(0n, 50_000n)).toBe(50_000n);
    expect(availableToPay(-12_000n, 50_000n)).toBe(38_000n);
    expect(availableToPay(2_500n, 50_000n)).toBe(52_500n);
    expect(availableToPay(-50_000n, 50_000n)).toBe(0n);
    expect(availableToPay(-60_000n, 50_000n)).toBe(0n);
  });
});

describe("accountErg", () => {
  const collateral = 1_000_000_000n;

  it("splits a joined account's ERG: collateral, the minimum, and a reserve of 10 fees that covers 10 payments", () => {
    const value = collateral + MIN_BOX_VALUE + 10n * DEFAULT_FEE;
    expect(accountErg(value, collateral)).toEqual({
      total: value, collateral, minimum: MIN_BOX_VALUE, reserve: 10n * DEFAULT_FEE, feePerPayment: DEFAULT_FEE, paymentsCovered: 10n,
    });
  });

  it("counts whole payments only, and none when the box is at its floor or (stale) below it", () => {
    expect(accountErg(collateral + MIN_BOX_VALUE + 2n * DEFAULT_FEE - 1n, collateral).paymentsCovered).toBe(1n);
    expect(accountErg(collateral + MIN_BOX_VALUE, collateral)).toMatchObject({ reserve: 0n, paymentsCovered: 0n });
    expect(accountErg(collateral, collateral)).toMatchObject({ reserve: 0n, paymentsCovered: 0n });
  });

  it("says exactly how many payments the builder's fee can take before the contract's floor (property)", () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 12n), fc.bigInt(0n, 10n ** 12n), fc.bigInt(1n, 10n ** 8n), (c, v, fee) => {
        const { paymentsCovered: n } = accountErg(v, c, fee);
        const floor = c + MIN_BOX_VALUE;
        // n fees can be paid without going below the floor, n + 1 cannot.
        expect(v - n * fee >= floor || n === 0n).toBe(true);
        expect(v - (n + 1n) * fee < floor).toBe(true);
      }),
    );
  });

  it("refuses a fee of 0", () => {
    expect(() => accountErg(1n, 0n, 0n)).toThrow(RangeError);
  });
});

describe("creationCost", () => {
  const founder = devAccount(0);
  const intent = {
    policy: { creditLimit: 50_000n, positiveCap: 0n, joinFeeNanoErg: 100_000_000n, collateralNanoErg: 1_000_000_000n, maxMembers: 20n, inactivityBlocks: 720n },
    metadata: { name: "Kaikoura Dollars", symbol: "KCD", description: "A town's own currency", decimals: 2 },
    committee: ownerFromAddress(founder.address),
  };

  it("is exactly what the creation transaction takes from the wallet: the treasury floor plus the fee", () => {
    const cost = creationCost(intent);
    expect(cost.fee).toBe(DEFAULT_FEE);
    expect(cost.total).toBe(cost.treasury + cost.fee);
    const held = 10_000_000_000n;
    const utxo = new ErgoBox({ ergoTree: founder.ergoTree, creationHeight: 1, value: held.toString(), assets: [], additionalRegisters: {} }, "b".repeat(64), 0).toPlainObject("EIP-12");
    const tx = createCommunity(intent, { height: 10, wallet: { utxos: [utxo], changeAddress: founder.address } });
    expect(BigInt(tx.outputs[0]!.value)).toBe(cost.treasury);
    const back = tx.outputs.filter((o) => o.ergoTree === founder.ergoTree).reduce((s, o) => s + BigInt(o.value), 0n);
    expect(held - back).toBe(cost.total);
  });
});

describe("paymentsWord", () => {
  it("says one payment or many, with separators", () => {
    expect(paymentsWord(1n)).toBe("1 payment");
    expect(paymentsWord(0n)).toBe("0 payments");
    expect(paymentsWord(12_345n)).toBe("12,345 payments");
  });
});
