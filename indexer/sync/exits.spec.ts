import { describe, expect, it } from "vitest";
import { closeDefaulted } from "../../contracts/builders/close-defaulted.ts";
import { closeDormant } from "../../contracts/builders/close-dormant.ts";
import { pay } from "../../contracts/builders/pay.ts";
import { refreshCommunity } from "../../contracts/builders/refresh.ts";
import { COMMUNITY_ERGO_TREE, DORMANT_BLOCKS } from "../../contracts/scripts.ts";
import { dormantFrom } from "../../contracts/storage-rent.ts";
import { Fixture } from "../../contracts/testing/community-fixture.ts";
import { TEST_POLICY, testPolicy } from "../../contracts/testing/policy.ts";
import { chainTx, edited, Replay } from "./block-testing.ts";

/** A fixture replayed into a LETS state, and alice paying bob `units`. */
function community(inactivityBlocks: bigint, units: bigint) {
  const f = new Fixture({ policy: testPolicy({ inactivityBlocks }) });
  const w = f.world;
  const replay = new Replay();
  w.submitted.forEach((tx, i) => replay.apply(tx, 1_001 + i));
  w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: units }] }, { height: w.height }), [f.member("alice")]);
  replay.apply(w.submitted.at(-1)!, w.height);
  return { f, w, replay, outsider: w.member("outsider") };
}

describe("applyBlock tells exits apart by the rule that allowed them", () => {
  it("closes dormant accounts of any balance as close, each with the balance the community balance took over", () => {
    const { f, w, replay, outsider } = community(0n, 30n);
    w.mine(DORMANT_BLOCKS);
    const accounts = ["alice", "bob", "carol"].map((name) => f.account(name));
    const tx = closeDormant({ community: f.communityBox(), accounts: accounts.map((a) => a.box) }, { height: w.height, wallet: w.wallet(outsider) });
    const changes = replay.apply(w.submit(tx, [outsider]).signed, w.height);
    expect(changes.compromises).toEqual([]);
    expect(changes.events.map((e) => (e.kind === "close" ? [e.accountId, e.balance] : e.kind))).toEqual([
      [accounts[0]!.accountId, -30n], [accounts[1]!.accountId, 30n], [accounts[2]!.accountId, 0n],
    ]);
    expect(changes.communities).toMatchObject([{ communityBalance: 0n, seatsLeft: TEST_POLICY.maxMembers }]);
  });

  it("an exit at balance 0 is a close from the height the box is dormant, a leave one block before", () => {
    const { f, w, replay, outsider } = community(0n, 1n);
    const carol = f.account("carol");
    w.mine(DORMANT_BLOCKS);
    const tx = chainTx(w.submit(closeDormant({ community: f.communityBox(), accounts: [carol.box] }, { height: w.height, wallet: w.wallet(outsider) }), [outsider]).signed);
    const dormant = dormantFrom(carol.creationHeight);
    expect(replay.peek(tx, dormant - 1).events).toMatchObject([{ kind: "leave", accountId: carol.accountId }]);
    expect(replay.peek(tx, dormant).events).toMatchObject([{ kind: "close", accountId: carol.accountId, balance: 0n }]);
  });

  it("a negative account past its inactivity window is a default, dormant or not", () => {
    const { f, w, replay, outsider } = community(50n, 10n);
    w.mine(60);
    const alice = f.account("alice");
    const tx = closeDefaulted({ community: f.communityBox(), accounts: [alice.box] }, { height: w.height, wallet: w.wallet(outsider) });
    const signed = chainTx(w.submit(tx, [outsider]).signed);
    expect(replay.peek(signed, w.height).events).toMatchObject([{ kind: "default", accountId: alice.accountId, debt: 10n }]);
    expect(replay.peek(signed, dormantFrom(alice.creationHeight)).events).toMatchObject([{ kind: "default", debt: 10n }]);
  });

  it("a refresh recreates the community box unchanged; the same with one nanoERG less is a govern", () => {
    const { f, w, replay, outsider } = community(50n, 1n);
    w.mine(DORMANT_BLOCKS);
    const before = f.community();
    const real = chainTx(w.submit(refreshCommunity({ community: before.box }, { height: w.height, wallet: w.wallet(outsider) }), [outsider]).signed);
    const i = real.outputs.findIndex((o) => o.ergoTree === COMMUNITY_ERGO_TREE);
    const poorer = edited(real, (t) => void (t.outputs[i]!.value = (BigInt(real.outputs[i]!.value) - 1n).toString()));
    expect(replay.peek(poorer, w.height).events).toMatchObject([{ kind: "govern" }]);
    const changes = replay.apply(real, w.height);
    expect(changes.events).toMatchObject([{ kind: "refresh", community: { boxId: real.outputs[i]!.boxId, creationHeight: w.height - 1 } }]);
    expect(changes.compromises).toEqual([]);
  });
});
