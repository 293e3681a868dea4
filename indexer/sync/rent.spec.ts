import { describe, expect, it } from "vitest";
import { pay } from "../../contracts/builders/pay.ts";
import { refreshCommunity } from "../../contracts/builders/refresh.ts";
import { longConstant } from "../../contracts/registers.ts";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import { COMMUNITY_ERGO_TREE, DORMANT_BLOCKS } from "../../contracts/scripts.ts";
import { Fixture } from "../../contracts/testing/community-fixture.ts";
import { rentSuccessor, storageFeeNanoErg, takeByRent } from "../../contracts/testing/rent.ts";
import { chainTx, copyBox, edited, rentProof, Replay, testId } from "./block-testing.ts";
import { rentOutputIndex } from "./rent.ts";

const collected = (height: number, created: number) => `storage rent collected at height ${height} from a box created at height ${created}`;

describe("the output a rent spend names", () => {
  it("is context variable 127 read as a Short; anything else names none", () => {
    const input = (extension?: Record<string, string>) => ({ boxId: testId("box"), spendingProof: { proofBytes: "", extension } });
    expect(rentOutputIndex(input(rentProof(3).extension))).toBe(3);
    expect(rentOutputIndex(input({ "127": "0300" }))).toBe(0);
    expect(rentOutputIndex(input({ "127": "0406" }))).toBeUndefined(); // an Int, not a Short
    expect(rentOutputIndex(input({ "127": "zz" }))).toBeUndefined();
    expect(rentOutputIndex(input({}))).toBeUndefined();
    expect(rentOutputIndex({ boxId: testId("box") })).toBeUndefined();
  });
});

describe("applyBlock flags storage-rent spends of LETS boxes, never as normal events", () => {
  const f = new Fixture({ members: ["alice", "bob"] });
  const w = f.world;
  const replay = new Replay();
  w.submitted.forEach((tx, i) => replay.apply(tx, 1_001 + i));
  const communityId = f.communityId;
  const mallory = w.member("mallory");

  it("a refresh stays a refresh until its input has an empty proof, variable 127 and a box 1,051,200 blocks old: then a benign rent spend", () => {
    w.mine(DORMANT_BLOCKS);
    const before = f.community();
    const real = chainTx(w.submit(refreshCommunity({ community: before.box }, { height: w.height, wallet: w.wallet(mallory) }), [mallory]).signed);
    const i = real.outputs.findIndex((o) => o.ergoTree === COMMUNITY_ERGO_TREE);
    const rent = edited(real, (t) => void (t.inputs[0]!.spendingProof = rentProof(i)));
    const due = before.creationHeight + STORAGE_PERIOD_BLOCKS;
    expect(real.inputs[0]!.spendingProof).toEqual({ proofBytes: "", extension: {} }); // the refresh path needs no key
    expect(replay.peek(real, due)).toMatchObject({ events: [{ kind: "refresh" }], compromises: [] });
    expect(replay.peek(rent, due - 1)).toMatchObject({ events: [{ kind: "refresh" }], compromises: [] });
    const flagged = replay.peek(rent, due);
    expect(flagged.compromises).toEqual([{
      communityId, txId: real.id, kind: "rent-spend", boxId: before.boxId,
      detail: `${collected(due, before.creationHeight)}: output ${i} kept its script, registers and tokens and took 0 nanoERG (benign)`,
    }]);
    expect(flagged.events).toEqual([]);
    expect(flagged.communities.map((c) => c.boxId)).toEqual([real.outputs[i]!.boxId]);

    const changed = edited(rent, (t) => void (t.outputs[i]!.additionalRegisters.R5 = mallory.owner));
    const taken = replay.peek(changed, due);
    expect(taken.compromises).toEqual([
      { communityId, txId: real.id, kind: "rent-spend", boxId: before.boxId, detail: `${collected(due, before.creationHeight)}: output ${i} changed committee` },
      {
        communityId, txId: real.id, kind: "escaped-unit", boxId: real.outputs[i]!.boxId,
        detail: `${before.seatsLeft + 1n} units of the community token in a community box made by a storage-rent spend that did not keep the spent box whole`,
      },
    ]);
    expect(taken).toMatchObject({ events: [], communities: [] });
    replay.apply(real, w.height);
  });

  it("a rent collection of the community box that ergo-lib accepts: benign and flagged, the box stays the live one, payments go on", () => {
    w.mine(STORAGE_PERIOD_BLOCKS);
    const box = f.communityBox();
    const fee = storageFeeNanoErg(box);
    const collector = { value: fee.toString(), ergoTree: mallory.ergoTree, creationHeight: w.height + 1, assets: [], additionalRegisters: {} };
    const signed = w.rentSpend({ rent: [{ box, outputIndex: 0 }], outputs: [rentSuccessor(box, w.height + 1), collector] }, []).signed;
    const changes = replay.apply(signed, w.height);
    expect(changes.compromises).toEqual([{
      communityId, txId: signed.id, kind: "rent-spend", boxId: box.boxId,
      detail: `${collected(w.height, box.creationHeight)}: output 0 kept its script, registers and tokens and took ${fee} nanoERG (benign)`,
    }]);
    expect(changes.events).toEqual([]);
    expect(changes.communities).toMatchObject([{ boxId: signed.outputs[0]!.boxId, treasuryNanoErg: BigInt(box.value) - fee }]);
    expect(replay.state.community(signed.outputs[0]!.boxId)?.communityId).toBe(communityId);
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: w.height }), [f.member("alice")]);
    expect(replay.apply(w.submitted.at(-1)!, w.height)).toMatchObject({ events: [{ kind: "payment" }], compromises: [] });
  });

  it("an account kept whole by a rent spend stays live and flagged; the same spend with a key's proof is no rent spend", () => {
    w.mine(STORAGE_PERIOD_BLOCKS);
    const account = f.account("bob");
    const successor = copyBox(chainTx(w.submitted.at(-1)!).outputs[0]!, "bob kept", { ...rentSuccessor(w.box(account.boxId), w.height + 1), value: "1000000" });
    const tx = { id: testId("bob rent"), inputs: [{ boxId: account.boxId, spendingProof: rentProof(0) }], outputs: [successor] };
    const flagged = replay.peek(tx, w.height + 1);
    expect(flagged.compromises).toMatchObject([{ kind: "rent-spend", boxId: account.boxId, detail: expect.stringMatching(/output 0 kept its script, registers and tokens and took \d+ nanoERG \(benign\)$/) }]);
    expect(flagged.accounts).toMatchObject([{ boxId: successor.boxId, accountId: account.accountId, balance: account.balance }]);
    const signedByKey = edited(tx, (t) => void (t.inputs[0]!.spendingProof = { proofBytes: "ab".repeat(56), extension: {} }));
    expect(replay.peek(signedByKey, w.height + 1)).toMatchObject({ compromises: [], events: [], accounts: [{ accountId: account.accountId }] });
    // The order sequence (R9, version 5) is a register like the others: a rent spend that lowers it
    // would let settled payment orders be settled again.
    expect(account.nextSeq).toBe(0n);
    const raised = edited(tx, (t) => void (t.outputs[0]!.additionalRegisters.R9 = longConstant(3n)));
    const changed = replay.peek(raised, w.height + 1);
    expect(changed.compromises.map((c) => [c.kind, c.detail])).toEqual([
      ["rent-spend", `${collected(w.height + 1, account.creationHeight)}: output 0 changed nextSeq`],
      ["escaped-unit", "1 unit of the community token in an account box made by a storage-rent spend that did not keep the spent box whole"],
    ]);
    expect(changed.accounts).toEqual([]);
  });

  it("an account taken whole by a rent spend that ergo-lib accepts: flagged, its unit escaped, the account gone from the live state", () => {
    const account = f.account("alice");
    const signed = w.rentSpend(takeByRent(w, w.box(account.boxId), mallory), []).signed;
    const changes = replay.apply(signed, w.height);
    expect(changes.compromises).toEqual([
      { communityId, txId: signed.id, kind: "rent-spend", boxId: account.boxId, detail: `${collected(w.height, account.creationHeight)}: output 0 is not the account box (not the account script)` },
      { communityId, txId: signed.id, kind: "escaped-unit", boxId: signed.outputs[0]!.boxId, detail: "1 unit of the community token in a box of another script" },
    ]);
    expect(changes).toMatchObject({ events: [], accounts: [], spent: [account.boxId] });
    expect(replay.state.accountById(account.accountId)).toBeUndefined();
  });

  it("a rent spend naming no output keeps nothing: an account box it makes is no live account", () => {
    const account = f.account("bob");
    const copy = copyBox(chainTx(w.submitted.at(-1)!).outputs[0]!, "bob copy", { ...rentSuccessor(w.box(account.boxId), w.height + 1) });
    const tx = { id: testId("bob rent, index 5"), inputs: [{ boxId: account.boxId, spendingProof: rentProof(5) }], outputs: [copy] };
    const flagged = replay.peek(tx, w.height + 1);
    expect(flagged.compromises.map((c) => [c.kind, c.detail])).toEqual([
      ["rent-spend", `${collected(w.height + 1, account.creationHeight)}: context variable 127 names no output, so nothing was kept`],
      ["escaped-unit", "1 unit of the community token in an account box made by a storage-rent spend that did not keep the spent box whole"],
    ]);
    expect(flagged.accounts).toEqual([]);
  });
});
