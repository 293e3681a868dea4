import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SColl, SLong } from "@fleet-sdk/serializer";
import { textConstant } from "../../contracts/registers.ts";
import { ACCOUNT_ECON_ERGO_TREE, ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE, MAX_AGE_BLOCKS } from "../../contracts/scripts.ts";
import { boxFeeNanoErg } from "../../contracts/storage-rent.ts";
import { supersededVersion } from "../../contracts/versions.ts";
import { Fixture, TEST_POLICY } from "../../contracts/testing/community-fixture.ts";
import { chainTx, edited, Replay, type TestBox } from "./block-testing.ts";
import type { ChainTransaction } from "./apply-block.ts";

const fixture = (version: number) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/contracts/version-${version}.json`, import.meta.url), "utf8")) as {
    account: { ergoTree: string };
    community: { ergoTree: string };
    accountEcon?: { ergoTree: string };
  };
const VERSION_1 = fixture(1);
/** Version 4's plain trees (version 3's), superseded by version 5, and its economics account tree, still current. */
const VERSION_4 = fixture(4);

describe("applyBlock checks a genesis as the contracts bound a community", () => {
  const f = new Fixture({ members: [] });
  const genesis = chainTx(f.world.submitted[0]!);
  const i = genesis.outputs.findIndex((o) => o.ergoTree === COMMUNITY_ERGO_TREE);
  const box = genesis.outputs[i]!;
  const height = box.creationHeight + 1;
  const withBox = (changes: Partial<TestBox>) => edited(genesis, (t) => void Object.assign(t.outputs[i]!, changes));
  const withRegister = (register: "R4" | "R5" | "R6", value: string) =>
    withBox({ additionalRegisters: { ...box.additionalRegisters, [register]: value } });
  const refused = (tx: ChainTransaction, at = height) => {
    const changes = new Replay().peek(tx, at);
    expect(changes.events).toEqual([]);
    expect(changes.communities).toEqual([]);
    return changes.ignored.map((x) => [x.boxId, x.reason]);
  };

  it("creates the community from the real genesis", () => {
    const changes = new Replay().peek(genesis, height);
    expect(changes).toMatchObject({ events: [{ kind: "create", community: { communityId: f.communityId, metadataProblem: null } }], ignored: [], compromises: [] });
  });

  it("refuses a policy out of the contracts' bounds", () => {
    const policy = [-1n, TEST_POLICY.positiveCap, TEST_POLICY.joinFeeNanoErg, TEST_POLICY.collateralNanoErg, TEST_POLICY.maxMembers, TEST_POLICY.inactivityBlocks];
    expect(refused(withRegister("R4", SColl(SLong, policy).toHex()))).toEqual([[box.boxId, "policy: creditLimit must be between 0 and 2^63-1"]]);
  });

  it("refuses a committee that is no key, such as sigmaProp(true)", () => {
    expect(refused(withRegister("R5", "08d3"))).toEqual([[box.boxId, "committee must be one public key or k of n public keys (not a script, not true or false)"]]);
  });

  it("refuses a treasury at or below the box's storage fee (twin: one nanoERG above)", () => {
    const big = (b: TestBox) => ({ ...b, value: BigInt(b.value), assets: b.assets!.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })) });
    // The fee depends on the box's size, and so (by a byte or two) on the value's own encoding.
    const feeAt = (value: bigint) => boxFeeNanoErg(big({ ...box, value: value.toString() }), i);
    expect(refused(withBox({ value: "1000000" }))).toEqual([[box.boxId, `treasury 1000000 nanoERG is not above the box's storage fee ${feeAt(1_000_000n)} nanoERG (the rent floor)`]]);
    const fee = feeAt(feeAt(BigInt(box.value)));
    expect(feeAt(fee)).toBe(fee);
    expect(refused(withBox({ value: fee.toString() }))).toEqual([[box.boxId, `treasury ${fee} nanoERG is not above the box's storage fee ${fee} nanoERG (the rent floor)`]]);
    expect(new Replay().peek(withBox({ value: (fee + 1n).toString() }), height).events).toMatchObject([{ kind: "create" }]);
  });

  it("refuses a box larger than governance could write (twin: the real genesis)", () => {
    // Padded to just past 4,032 bytes: the box is its tree and the rest, so the padding is what the
    // community tree leaves (3,848 bytes of tree and description together land at about 4,040).
    const treeBytes = COMMUNITY_ERGO_TREE.length / 2;
    const padded = withRegister("R6", textConstant(JSON.stringify({ name: "Big", symbol: "BIG", decimals: 0, description: "x".repeat(3_848 - treeBytes) })));
    const [[boxId, reason]] = refused(padded) as [[string, string]];
    expect(boxId).toBe(box.boxId);
    expect(reason).toMatch(/^the box is 40([4-8]\d|3[3-9]|9[0-6]) bytes, more than the 4032 governance may write/);
  });

  it(`refuses a creation height more than ${MAX_AGE_BLOCKS} blocks below the block's, and accepts one exactly that far`, () => {
    expect(new Replay().peek(genesis, box.creationHeight + MAX_AGE_BLOCKS).events).toMatchObject([{ kind: "create" }]);
    const late = box.creationHeight + MAX_AGE_BLOCKS + 1;
    expect(refused(genesis, late)).toEqual([[box.boxId, `creation height ${box.creationHeight} is back-dated: more than ${MAX_AGE_BLOCKS} blocks below block height ${late}`]]);
  });

  it("keeps a community whose metadata is not JSON, with the raw text and the problem", () => {
    const changes = new Replay().peek(withRegister("R6", textConstant("Kaikoura Dollars, not JSON {")), height);
    expect(changes.events).toMatchObject([{ kind: "create" }]);
    expect(changes.communities).toMatchObject([{
      communityId: f.communityId, metadataProblem: "R6: metadata is not JSON",
      metadata: { name: "(unnamed community)", symbol: "?", description: "Kaikoura Dollars, not JSON {", decimals: 0 },
    }]);
  });
});

describe("applyBlock and boxes of superseded contract versions", () => {
  const f = new Fixture({ members: ["alice"] });
  const replay = new Replay();
  f.world.submitted.forEach((tx, n) => replay.apply(tx, 1_001 + n));

  it("ignores a version-1 community box with its reason, where the current tree would create the community", () => {
    expect(supersededVersion(VERSION_1.community.ergoTree)).toBe(1);
    expect(supersededVersion(COMMUNITY_ERGO_TREE)).toBeUndefined();
    const genesis = chainTx(f.world.submitted[0]!);
    const i = genesis.outputs.findIndex((o) => o.ergoTree === COMMUNITY_ERGO_TREE);
    const old = edited(genesis, (t) => void (t.outputs[i]!.ergoTree = VERSION_1.community.ergoTree));
    const changes = new Replay().peek(old, genesis.outputs[i]!.creationHeight + 1);
    expect(changes).toMatchObject({ events: [], communities: [], compromises: [], ignored: [{ boxId: genesis.outputs[i]!.boxId, reason: "contract version 1 (superseded)" }] });
  });

  it("names version 4's plain trees superseded (version 5 changed them) and keeps its economics trees current", () => {
    expect([supersededVersion(VERSION_4.account.ergoTree), supersededVersion(VERSION_4.community.ergoTree)]).toEqual([4, 4]);
    expect(VERSION_4.accountEcon!.ergoTree).toBe(ACCOUNT_ECON_ERGO_TREE);
    expect(supersededVersion(ACCOUNT_ECON_ERGO_TREE)).toBeUndefined();
    const genesis = chainTx(f.world.submitted[0]!);
    const i = genesis.outputs.findIndex((o) => o.ergoTree === COMMUNITY_ERGO_TREE);
    const old = edited(genesis, (t) => void (t.outputs[i]!.ergoTree = VERSION_4.community.ergoTree));
    const changes = new Replay().peek(old, genesis.outputs[i]!.creationHeight + 1);
    expect(changes).toMatchObject({ events: [], communities: [], compromises: [], ignored: [{ boxId: genesis.outputs[i]!.boxId, reason: "contract version 4 (superseded)" }] });
  });

  it("flags a unit of a valid community put into a version-1 account box as escaped", () => {
    f.join(f.world.member("bob"));
    const join = chainTx(f.world.submitted.at(-1)!);
    const i = join.outputs.findIndex((o) => o.ergoTree === ACCOUNT_ERGO_TREE);
    const changes = replay.peek(edited(join, (t) => void (t.outputs[i]!.ergoTree = VERSION_1.account.ergoTree)), f.world.height);
    expect(changes.compromises).toMatchObject([{ kind: "escaped-unit", detail: "1 unit of the community token in a box of contract version 1 (superseded)" }]);
    expect(changes.ignored).toEqual([]);
  });
});
