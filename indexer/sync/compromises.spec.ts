import { describe, expect, it } from "vitest";
import { bytesConstant } from "../../contracts/registers.ts";
import { govern } from "../../contracts/builders/govern.ts";
import { leave } from "../../contracts/builders/leave.ts";
import { pay } from "../../contracts/builders/pay.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE } from "../../contracts/scripts.ts";
import { Fixture } from "../../contracts/testing/community-fixture.ts";
import type { Member } from "../../contracts/testing/world.ts";
import { chainTx, copyBox, edited, Replay, testId } from "./block-testing.ts";
import type { ChainTransaction } from "./apply-block.ts";

/** Every compromise case is a real transaction (both interpreters accepted it) next to its edited twin. */
describe("applyBlock flags units outside LETS boxes and forged accounts, never as normal events", () => {
  const f = new Fixture();
  const w = f.world;
  const replay = new Replay();
  w.submitted.forEach((tx, i) => replay.apply(tx, 1_001 + i));
  const communityId = f.communityId;
  const submit = (tx: Parameters<typeof w.submit>[0], signers: Member[]) => chainTx(w.submit(tx, signers).signed);
  const indexOf = (tx: ChainTransaction, tree: string) => tx.outputs.findIndex((o) => o.ergoTree === tree);

  /** The twin's flags and events; then the real transaction is applied and must be a normal event. */
  const twins = (real: ChainTransaction, twin: ChainTransaction, kind: string) => {
    const flagged = replay.peek(twin, w.height);
    const sound = replay.apply(real, w.height);
    expect(sound.compromises).toEqual([]);
    expect(sound.events.map((e) => e.kind)).toEqual([kind]);
    expect(flagged.events).toEqual([]);
    return flagged;
  };

  it("a join whose account box has another script: the unit escaped; no join, no govern; the community box stays live", () => {
    const dave = w.member("dave");
    f.join(dave);
    const real = chainTx(w.submitted.at(-1)!);
    const i = indexOf(real, ACCOUNT_ERGO_TREE);
    const flagged = twins(real, edited(real, (t) => void (t.outputs[i]!.ergoTree = dave.ergoTree)), "join");
    expect(flagged.compromises).toEqual([
      { communityId, txId: real.id, kind: "escaped-unit", boxId: real.outputs[i]!.boxId, detail: "1 unit of the community token in a box of another script" },
    ]);
    expect(flagged.accounts).toEqual([]);
    expect(flagged.communities.map((c) => c.communityId)).toEqual([communityId]);
  });

  it("a payment whose payee box holds two units: not an account box, so the units escaped", () => {
    const real = submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 7n }] }, { height: w.height }), [f.member("alice")]);
    const i = real.outputs.findIndex((o) => o.ergoTree === ACCOUNT_ERGO_TREE && o.additionalRegisters.R7 === bytesConstant(f.account("bob").accountId));
    const flagged = twins(real, edited(real, (t) => void (t.outputs[i]!.assets![0]!.amount = "2")), "payment");
    expect(flagged.compromises).toMatchObject([{ communityId, kind: "escaped-unit", boxId: real.outputs[i]!.boxId }]);
    expect(flagged.compromises[0]!.detail).toMatch(/^2 units of the community token in an account-script box that is not an account box \(an account holds exactly one unit/);
    expect(flagged.accounts.map((a) => a.accountId)).toEqual([f.account("alice").accountId]);
  });

  it("a payment whose payee box names another accountId: a forged account, and no payment", () => {
    const real = submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 3n }] }, { height: w.height }), [f.member("alice")]);
    const bobId = f.account("bob").accountId;
    const i = real.outputs.findIndex((o) => o.additionalRegisters.R7 === bytesConstant(bobId));
    const forgedId = testId("an account nobody opened");
    const flagged = twins(real, edited(real, (t) => void (t.outputs[i]!.additionalRegisters.R7 = bytesConstant(forgedId))), "payment");
    expect(flagged.compromises).toEqual([{
      communityId, txId: real.id, kind: "forged-account", boxId: real.outputs[i]!.boxId,
      detail: `an account box whose accountId comes from no account input or join of its transaction: accountId ${forgedId}`,
    }]);
    expect(flagged.accounts.map((a) => a.accountId)).toEqual([f.account("alice").accountId]);
  });

  it("a join whose new account names another accountId than the spent community box: forged", () => {
    const erin = w.member("erin");
    f.join(erin);
    const real = chainTx(w.submitted.at(-1)!);
    const i = indexOf(real, ACCOUNT_ERGO_TREE);
    const flagged = twins(real, edited(real, (t) => void (t.outputs[i]!.additionalRegisters.R7 = bytesConstant(f.account("alice").accountId))), "join");
    expect(flagged.compromises).toMatchObject([{ kind: "forged-account", boxId: real.outputs[i]!.boxId }]);
  });

  it("a leave whose community successor has another script: every unit escaped and the community has no live box", () => {
    const carol = f.member("carol");
    const real = submit(leave({ community: f.communityBox(), account: f.account("carol").box }, { height: w.height, wallet: w.wallet(carol) }), [carol]);
    const i = indexOf(real, COMMUNITY_ERGO_TREE);
    const units = BigInt(real.outputs[i]!.assets![0]!.amount);
    const flagged = twins(real, edited(real, (t) => void (t.outputs[i]!.ergoTree = carol.ergoTree)), "leave");
    expect(flagged.compromises).toEqual([
      { communityId, txId: real.id, kind: "escaped-unit", boxId: real.outputs[i]!.boxId, detail: `${units} units of the community token in a box of another script` },
    ]);
    expect(flagged.communities).toEqual([]);
  });

  it("a govern with a second community box holding units: the second is no community box", () => {
    const real = submit(govern({ community: f.communityBox(), policy: { creditLimit: 90n } }, { height: w.height, wallet: w.wallet(f.committee) }), [f.committee]);
    const i = indexOf(real, COMMUNITY_ERGO_TREE);
    const second = copyBox(real.outputs[i]!, "second community box", { assets: [{ tokenId: communityId, amount: "1" }] });
    const flagged = twins(real, edited(real, (t) => void t.outputs.push(second)), "govern");
    expect(flagged.compromises).toEqual([
      { communityId, txId: real.id, kind: "escaped-unit", boxId: second.boxId, detail: "1 unit of the community token in a second community box of the community" },
    ]);
    expect(flagged.communities.map((c) => c.boxId)).toEqual([real.outputs[i]!.boxId]);
  });

  it("a unit moved between two boxes of other scripts, in a transaction that touches no LETS box", () => {
    const holder = copyBox(chainTx(w.submitted[0]!).outputs[0]!, "holder", { ergoTree: w.member("mallory").ergoTree, additionalRegisters: {} });
    const moved = (tokenId: string): ChainTransaction => ({
      id: testId(`move ${tokenId}`), inputs: [{ boxId: testId("some wallet box") }], outputs: [{ ...holder, assets: [{ tokenId, amount: "1" }] }],
    });
    expect(replay.peek(moved(testId("another token")), w.height)).toMatchObject({ compromises: [], ignored: [] });
    expect(replay.peek(moved(communityId), w.height).compromises).toMatchObject([{ communityId, kind: "escaped-unit", boxId: holder.boxId }]);
  });
});
