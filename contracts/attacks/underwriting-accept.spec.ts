/**
 * Attacks on the acceptance of an underwriting offer (contract version 8, docs/underwriting.md):
 * the raise, the price, the cap, the other terms, the minted stake token and the premium. Each
 * attack is refused by both interpreters beside its twin, accepted, that differs in one field.
 */
import { describe, expect, it } from "vitest";
import { bytesConstant, longsConstant } from "../registers.ts";
import { termsAfterAccept } from "../underwriting/underwriting.ts";
import { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import { edit } from "../testing/tx-edit.ts";
import { accepted, acceptTx, ERG, handAccept, lookAlike, refused } from "./underwriting-helpers.ts";

describe("the price and the cap", () => {
  it("refuses a stake one nanoERG below the community's price of credit (twin: at the price)", () => {
    const f = new UnderwritingFixture();
    const alice = f.account("alice");
    // 0.01 ERG a unit (1 ERG of collateral for a limit of 100): 500 units cost 5 ERG
    const at = lookAlike(f, { accountId: alice.accountId, by: f.uma, raise: 500n, value: 5n * ERG });
    const below = lookAlike(f, { accountId: alice.accountId, by: f.uma, raise: 500n, value: 5n * ERG - 1n });
    const ok = handAccept(f, at, "alice");
    accepted(f.world, ok.tx, [ok.signer]);
    const cheap = handAccept(f, below, "alice");
    refused(f.world, cheap.tx, [cheap.signer]);
  });

  it("refuses a raise past the positive cap (twin: up to the cap)", () => {
    const f = new UnderwritingFixture();
    const alice = f.account("alice");
    const upTo = lookAlike(f, { accountId: alice.accountId, by: f.uma, raise: 900n, value: 10n * ERG });
    const past = lookAlike(f, { accountId: alice.accountId, by: f.uma, raise: 901n, value: 10n * ERG });
    const ok = handAccept(f, upTo, "alice");
    accepted(f.world, ok.tx, [ok.signer]);
    const over = handAccept(f, past, "alice");
    refused(f.world, over.tx, [over.signer]);
  });

  it("refuses a fifth stake (twin: the fourth)", () => {
    const f = new UnderwritingFixture();
    for (let i = 0; i < 3; i++) f.underwrite("alice", 10n, 5n * ERG);
    const fourth = f.offer("alice", 10n, 5n * ERG);
    accepted(f.world, acceptTx(f, "alice", fourth), [f.member("alice")]);
    f.accept("alice", fourth);
    expect(f.account("alice").terms.backing!.stakes).toHaveLength(4);
    const fifth = lookAlike(f, { accountId: f.account("alice").accountId, by: f.uma, raise: 10n, value: 5n * ERG });
    const t = handAccept(f, fifth, "alice");
    refused(f.world, t.tx, [t.signer]);
  });

  it("refuses a raise of 0 and a negative raise (twin: a raise of 1)", () => {
    const f = new UnderwritingFixture();
    const id = f.account("alice").accountId;
    for (const [raise, ok] of [[1n, true], [0n, false], [-100n, false]] as const) {
      const t = handAccept(f, lookAlike(f, { accountId: id, by: f.uma, raise, value: 5n * ERG }), "alice");
      (ok ? accepted : refused)(f.world, t.tx, [t.signer]);
    }
  });
});

describe("who accepts, and for whom", () => {
  it("refuses an acceptance the owner did not sign, even by the underwriter (twin: the owner signs)", () => {
    const f = new UnderwritingFixture();
    const offer = f.offer("alice", 100n, 5n * ERG);
    const t = handAccept(f, f.world.box(offer.boxId), "alice");
    accepted(f.world, t.tx, [f.member("alice")]);
    const byUma = handAccept(f, f.world.box(offer.boxId), "alice", { signer: f.uma });
    refused(f.world, byUma.tx, [f.uma]);
  });

  it("refuses an offer bound to alice raising bob's limit (twin: alice's)", () => {
    const f = new UnderwritingFixture();
    const offer = f.offer("alice", 100n, 5n * ERG);
    const box = f.world.box(offer.boxId);
    const ok = handAccept(f, box, "alice");
    accepted(f.world, ok.tx, [ok.signer]);
    const bob = f.account("bob");
    const t = handAccept(f, box, "bob", { terms: termsAfterAccept(bob.terms, box.boxId, 100n) });
    refused(f.world, t.tx, [t.signer]);
  });

  it("refuses an offer naming alice's account in another community's name (R7) raising alice's limit (twin: her community)", () => {
    const f = new UnderwritingFixture();
    const id = f.account("alice").accountId;
    const ok = handAccept(f, lookAlike(f, { accountId: id, by: f.uma, raise: 100n }), "alice");
    accepted(f.world, ok.tx, [ok.signer]);
    const other = handAccept(f, lookAlike(f, { accountId: id, by: f.uma, raise: 100n, communityId: "ee".repeat(32) }), "alice", {
      registers: { R7: bytesConstant(f.communityId) },
    });
    refused(f.world, other.tx, [other.signer]);
  });
});

describe("the minted stake token", () => {
  it("refuses the token minted with amount 2 (twin: 1)", () => {
    const f = new UnderwritingFixture();
    const box = f.world.box(f.offer("alice", 100n, 5n * ERG).boxId);
    const ok = handAccept(f, box, "alice");
    accepted(f.world, ok.tx, [ok.signer]);
    const two = handAccept(f, box, "alice", { amount: 2n });
    refused(f.world, two.tx, [two.signer]);
  });

  it("refuses a second unit of the token in the member's change, and the token only in the change (twin: in the stake)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const box = f.world.box(f.offer("alice", 100n, 5n * ERG).boxId);
    const ok = handAccept(f, box, "alice");
    accepted(f.world, ok.tx, [alice]);
    const stakeAt = ok.tx.outputs.findIndex((o) => o.assets.some((a) => a.tokenId === box.boxId));
    const change = ok.tx.outputs.findIndex((o) => o.ergoTree === alice.ergoTree);
    const second = edit(ok.tx, (d) => { d.outputs[change]!.assets.push({ tokenId: box.boxId, amount: "1" }); });
    refused(f.world, second, [alice]);
    const moved = edit(ok.tx, (d) => {
      d.outputs[stakeAt]!.assets = [];
      d.outputs[change]!.assets.push({ tokenId: box.boxId, amount: "1" });
    });
    refused(f.world, moved, [alice]);
  });

  it("refuses a stake box worth less than the offer, or with another underwriter, raise or premium account (twin: the offer's)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const offer = f.offer("alice", 100n, 5n * ERG);
    const box = f.world.box(offer.boxId);
    accepted(f.world, handAccept(f, box, "alice").tx, [alice]);
    const shapes = [
      { stakeValue: 5n * ERG - 1n },
      { registers: { R4: alice.owner } },
      { registers: { R6: longsConstant([100n, 0n, 0n]) } },
      { registers: { R8: bytesConstant(f.account("bob").accountId) } },
    ];
    for (const shape of shapes) refused(f.world, handAccept(f, box, "alice", shape).tx, [alice]);
  });
});

