import { describe, expect, it } from "vitest";
import { hex } from "@fleet-sdk/crypto";
import { committeeFromKeys, describeCommittee } from "./committee.ts";
import { createCommunity } from "./builders/create.ts";
import { govern } from "./builders/govern.ts";
import { InvalidIntent } from "./errors.ts";
import { decodeCommunity } from "./community/community.ts";
import { TEST_METADATA, TEST_POLICY } from "./testing/community-fixture.ts";
import { World } from "./testing/world.ts";
import { communityOut, expectAccepted, expectRejected } from "./testing/tx-edit.ts";

describe("committee SigmaProps", () => {
  it("lets 2 of 3 keys govern and refuses 1 of 3, on both interpreters", () => {
    const w = new World();
    const [a, b, c] = ["k1", "k2", "k3"].map((n) => w.member(n));
    const committee = committeeFromKeys([a!, b!, c!].map((m) => hex.encode(m.party.key.publicKey)), 2);
    expect(describeCommittee(committee)?.threshold).toBe(2);
    const create = createCommunity({ policy: TEST_POLICY, metadata: TEST_METADATA, committee }, { height: w.height, wallet: w.wallet(a!) });
    const { outputs } = w.submit(create, [a!]);
    const community = outputs.find((o) => decodeCommunity(o).ok)!;
    const tx = govern({ community, policy: { creditLimit: 10n } }, { height: w.height, wallet: w.wallet(a!) });
    expect(communityOut(tx).additionalRegisters.R5).toBe(committee);
    expectAccepted(w, tx, [a!, c!]);
    expectRejected(w, tx, [a!]);
  });

  it("refuses bad keys, duplicates and thresholds out of range", () => {
    const key = "02" + "11".repeat(32);
    expect(() => committeeFromKeys([], 1)).toThrow(InvalidIntent);
    expect(() => committeeFromKeys(["zz"], 1)).toThrow(/compressed public key/);
    expect(() => committeeFromKeys([key, key], 1)).toThrow(/twice/);
    expect(() => committeeFromKeys([key], 2)).toThrow(/threshold/);
    expect(committeeFromKeys([key], 1)).toBe(`08cd${key}`);
    expect(describeCommittee("08d3")).toBeUndefined();
  });
});
