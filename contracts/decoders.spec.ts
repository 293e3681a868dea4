import { readFileSync } from "node:fs";
import type { Box } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { decodeAccount } from "./account/account.ts";
import { decodeCommunity } from "./community/community.ts";
import { bytesConstant, longConstant, longsConstant, textConstant } from "./registers.ts";
import { Fixture } from "./testing/community-fixture.ts";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/ergo-node/${name}`, import.meta.url), "utf8"));

describe("decoders on real mainnet boxes", () => {
  it("reject every output of a real block without throwing", () => {
    const block = fixture("mainnet-block-693479-full.json");
    const boxes: Box<string>[] = block.blockTransactions.transactions.flatMap((t: { outputs: Box<string>[] }) => t.outputs);
    expect(boxes.length).toBe(69);
    for (const box of boxes) {
      expect(decodeAccount(box)).toMatchObject({ ok: false, reason: "not the account script" });
      expect(decodeCommunity(box)).toMatchObject({ ok: false, reason: "not the community script" });
    }
  });
});

describe("decoders on LETS boxes", () => {
  const f = new Fixture({ members: ["alice"] });
  const account = f.account("alice").box as Box<string>;
  const community = f.communityBox();
  const withRegister = (box: Box<string>, register: string, value: string | undefined) => ({
    ...box,
    additionalRegisters: { ...box.additionalRegisters, [register]: value },
  });

  it("decode a genuine account and community with every field", () => {
    const a = decodeAccount(account);
    expect(a.ok && a.value).toMatchObject({ balance: 0n, communityId: f.communityId, lastActiveHeight: a.ok ? a.value.terms.joinedHeight : -1n, nextSeq: 0n });
    expect(a.ok && a.value.accountId).toMatch(/^[0-9a-f]{64}$/);
    const c = decodeCommunity(community);
    expect(c.ok && c.value).toMatchObject({ seatsLeft: 9n, membersJoined: 1n, communityBalance: 0n, metadata: { name: "Kaikoura Dollars", decimals: 2 } });
  });

  it("give a reason for each way an account box can break the layout", () => {
    const cases: [Box<string>, RegExp][] = [
      [{ ...account, assets: [] }, /exactly one unit/],
      [{ ...account, assets: [{ tokenId: f.communityId, amount: "2" }] }, /exactly one unit/],
      [withRegister(account, "R5", longsConstant([1n])), /R5: expected SLong/],
      [withRegister(account, "R5", undefined), /R5: missing/],
      [withRegister(account, "R6", longsConstant([1n, 2n])), /R6: a plain account has 5 terms, or 6 and two per stake/],
      [withRegister(account, "R7", bytesConstant("00")), /R7: accountId must be 32 bytes/],
      [withRegister(account, "R9", undefined), /R9: missing/],
      [withRegister(account, "R9", bytesConstant("00")), /R9: expected SLong/],
      [withRegister(account, "R9", longConstant(-1n)), /R9: the order sequence must not be negative/],
      [withRegister(account, "R5", longConstant(1n) + "00"), /R5: expected SLong/],
    ];
    for (const [box, reason] of cases) {
      const decoded = decodeAccount(box);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.reason).toMatch(reason);
    }
  });

  it("give a reason for each way a community box can break the layout", () => {
    const cases: [Box<string>, RegExp][] = [
      [withRegister(community, "R4", longsConstant([1n])), /R4: expected 6 values/],
      [withRegister(community, "R6", longConstant(1n)), /R6: expected SColl\[SByte\]/],
      [withRegister(community, "R5", longConstant(1n)), /R5: expected SSigmaProp/],
      [withRegister(community, "R8", longConstant(1n)), /R8: expected SColl\[SByte\]/],
      [withRegister(community, "R8", bytesConstant("ab".repeat(31))), /R8: a governance id has 32 bytes/],
      [withRegister(community, "R9", longConstant(1n)), /R9: must be empty/],
      [{ ...community, assets: [] }, /membership token/],
    ];
    for (const [box, reason] of cases) {
      const decoded = decodeCommunity(box);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.reason).toMatch(reason);
    }
  });

  it("keep a community whose metadata is not what the layout asks for, with the raw text and the problem", () => {
    const cases: [string, RegExp][] = [
      ["not json", /not JSON/],
      ['{"symbol":"X"}', /name and symbol/],
      ['{"name":"a","symbol":"X","decimals":40}', /decimals/],
      ["[1,2]", /JSON object/],
    ];
    for (const [text, problem] of cases) {
      const decoded = decodeCommunity(withRegister(community, "R6", textConstant(text)));
      expect(decoded.ok, text).toBe(true);
      if (!decoded.ok) continue;
      expect(decoded.value.metadataProblem).toMatch(problem);
      expect(decoded.value.metadata).toEqual({ name: "(unnamed community)", symbol: "?", description: text, decimals: 0 });
      expect(decoded.value.seatsLeft).toBe(9n);
    }
    // A Coll[Byte] of two bytes that are not UTF-8: decoded with replacement characters.
    const raw = decodeCommunity(withRegister(community, "R6", "0e02ffff"));
    expect(raw.ok && raw.value.metadataProblem).toMatch(/not JSON/);
    expect(raw.ok && raw.value.metadata.description).toBe("\ufffd\ufffd");
  });

  it("report no metadata problem for the metadata the builders write", () => {
    const c = decodeCommunity(community);
    expect(c.ok && c.value.metadataProblem).toBeNull();
  });
});
