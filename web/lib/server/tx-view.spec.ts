import { describe, expect, it } from "vitest";
import { isTopUp, type DescribedBox } from "./tx-view.ts";

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
