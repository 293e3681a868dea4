import { describe, expect, it } from "vitest";
import { BATCH_ERGO_TREE, ESCROW_ERGO_TREE } from "$contracts/scripts.ts";
import { escrowRegisters } from "$contracts/escrow/escrow.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { devAccount } from "$ergo/keys.ts";
import { accountChanges, describeBox, isTopUp, transactionKind, type DescribedBox } from "./tx-view.ts";
import type { PaymentLeg } from "./indexer-types.ts";

const account = (accountId: string, balance: bigint, boxId = `${accountId}-box`): DescribedBox => ({
  kind: "account", boxId, valueNanoErg: 1_000_000_000n, accountId, communityId: "c", owner: "08cd", ownerAddress: undefined,
  balance, creditLimit: 500n, positiveCap: 0n, joinedHeight: 3n, lastActiveHeight: 3n,
});
const fee: DescribedBox = { kind: "fee", boxId: "fee", valueNanoErg: 1_000_000n };

describe("isTopUp", () => {
  it("is an account made again from its own box with the same balance (more ERG, a profile)", () => {
    expect(isTopUp([account("a", -250n, "new"), fee], [account("a", -250n, "old")])).toBe(true);
  });

  it("is not a payment the indexer has not seen yet (its balances change) nor a join or a community update", () => {
    expect(isTopUp([account("a", -250n, "new")], [account("a", 0n, "old")])).toBe(false);
    expect(isTopUp([account("a", 0n)], [])).toBe(false);
    expect(isTopUp([account("a", 0n, "new"), { kind: "community", boxId: "cb", valueNanoErg: 0n, communityId: "c", name: "n", symbol: "S", decimals: 2, membersJoined: 1n, communityBalance: 0n, seatsLeft: 1n }], [account("a", 0n, "old")])).toBe(false);
    expect(isTopUp([fee], [undefined])).toBe(false);
  });
});

describe("accountChanges", () => {
  const leg = { txId: "t", leg: 0, height: 9, timestamp: 0, communityId: "c", payer: "a", payee: "b", amount: 5_000n, memo: null, requestId: null } as PaymentLeg;

  it("takes the before from the spent box: exact with an economics payment's fee, demurrage and allowance, and a sweep's demurrage", () => {
    // a paid 50.00 with a 0.25 fee, 25.00 of it from its allowance; b owed 0.03 of demurrage on its 10.00.
    const outputs = [account("a", -2_525n, "a2"), account("b", 5_997n, "b2")];
    expect(accountChanges(outputs, [leg], ["a1", "b1"], [account("a", 0n, "a1"), account("b", 1_000n, "b1")])).toEqual([
      { accountId: "a", before: 0n, after: -2_525n },
      { accountId: "b", before: 1_000n, after: 5_997n },
    ]);
    // Without the spent boxes the legs are all there is: the amount moved, not the charges.
    expect(accountChanges(outputs, [leg], ["a1", "b1"])).toEqual([
      { accountId: "a", before: 2_475n, after: -2_525n },
      { accountId: "b", before: 997n, after: 5_997n },
    ]);
    // A sweep has no legs; the swept account's balance fell by its demurrage.
    expect(accountChanges([account("b", 5_990n, "b3")], [], ["cb", "b2"], [undefined, account("b", 5_997n, "b2")])).toEqual([{ accountId: "b", before: 5_997n, after: 5_990n }]);
  });

  it("says a join's account is new: its id is the spent community box's", () => {
    expect(accountChanges([account("cb", 0n, "n")], [], ["cb"], [undefined])).toEqual([{ accountId: "cb", before: undefined, after: 0n }]);
  });
});

describe("a batch settlement not indexed yet", () => {
  const batchBox = { boxId: "bb", transactionId: "t0", index: 0, ergoTree: BATCH_ERGO_TREE, creationHeight: 5, value: 1_000_000n, assets: [], additionalRegisters: {} };

  it("decodes the batch box, and names a transaction spending one first a batch (not a top-up)", () => {
    const batch = describeBox(batchBox, "devnet");
    expect(batch).toEqual({ kind: "batch", boxId: "bb", valueNanoErg: 1_000_000n });
    // Its accounts' balances changed: nothing the indexer has seen yet says which orders it settled.
    const outputs = [account("a", -500n, "a2"), account("b", 500n, "b2"), fee];
    expect(transactionKind("t", outputs, [], [], undefined, [batch, account("a", 0n, "a1"), account("b", 0n, "b1")])).toBe("batch");
    expect(transactionKind("t", outputs, [], [], undefined, [account("a", 0n, "a1"), account("b", 0n, "b1")])).toBe("other");
    // Its first input unknown (made and spent in the mempool), the next batch box beside the accounts says it.
    expect(transactionKind("t", [...outputs, batch], [], [], undefined, [undefined, account("a", 0n, "a1"), account("b", 0n, "b1")])).toBe("batch");
    // A settler making a batch box from its wallet settles nothing.
    expect(transactionKind("t", [batch, fee], [], [], undefined, [undefined])).toBe("other");
  });
});

describe("an escrow box", () => {
  const order = { max: 5_000n, minimum: 2_000n, deadline: 900n, payerId: "a".repeat(64), payeeId: "b".repeat(64), reference: "" };
  const escrowBox = (open: boolean) => ({
    boxId: "eb", transactionId: "t0", index: 1, ergoTree: ESCROW_ERGO_TREE, creationHeight: 5, value: 2_000_000n,
    assets: [{ tokenId: "c".repeat(64), amount: 1n }],
    additionalRegisters: escrowRegisters({ owner: ownerFromAddress(devAccount(1).address), escrowId: "d".repeat(64), order: open ? order : null }),
  });

  it("is described with its order while open, and as idle without one", () => {
    expect(describeBox(escrowBox(true), "devnet")).toEqual({
      kind: "escrow", boxId: "eb", valueNanoErg: 2_000_000n, escrowId: "d".repeat(64), communityId: "c".repeat(64), balance: 5_000n,
      order: { max: 5_000n, minimum: 2_000n, deadline: 900n, payerId: "a".repeat(64), payeeId: "b".repeat(64) },
    });
    expect(describeBox(escrowBox(false), "devnet")).toMatchObject({ kind: "escrow", balance: 0n, order: null });
  });
});
