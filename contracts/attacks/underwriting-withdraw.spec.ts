/**
 * Attacks on the withdrawal and the refresh of a stake (contract version 8, docs/underwriting.md):
 * credit in use, another's stake or account, the token kept, the entry kept, the raise not
 * removed, a refresh that changes the box. Each refused by both interpreters beside its twin.
 */
import { describe, expect, it } from "vitest";
import { refreshUnderwriting } from "../builders/underwrite.ts";
import { OutputBuilder } from "@fleet-sdk/core";
import { DORMANT_BLOCKS, UNDERWRITING_ERGO_TREE } from "../scripts.ts";
import { termsAfterWithdraw, underwritingRegisters } from "../underwriting/underwriting.ts";
import { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import { edit, rebalance } from "../testing/tx-edit.ts";
import { accepted, ctxOf, ERG, handWithdraw, refused, spendTx, withdrawTx, withTerms } from "./underwriting-helpers.ts";

describe("withdrawing a stake", () => {
  it("refuses the withdrawal one unit into the raise (twin: exactly at the un-raised floor)", () => {
    const at = new UnderwritingFixture();
    const s1 = at.underwrite("alice", 200n, 10n * ERG);
    at.pay("alice", "bob", 100n);
    const ok = handWithdraw(at, s1, "alice");
    accepted(at.world, ok.tx, [ok.signer]);
    const past = new UnderwritingFixture();
    const s2 = past.underwrite("alice", 200n, 10n * ERG);
    past.pay("alice", "bob", 101n);
    const used = handWithdraw(past, s2, "alice");
    refused(past.world, used.tx, [used.signer]);
  });

  it("refuses a withdrawal signed by the member or a third party (twin: by the underwriter)", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    accepted(f.world, handWithdraw(f, stake, "alice").tx, [f.uma]);
    for (const who of [f.member("alice"), f.world.member("mallory")]) {
      const t = handWithdraw(f, stake, "alice", { signer: who });
      refused(f.world, t.tx, [who]);
    }
  });

  it("refuses the stake's token kept by the underwriter (twin: burnt)", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    const tx = withdrawTx(f, "alice", stake);
    accepted(f.world, tx, [f.uma]);
    const kept = edit(tx, (d) => {
      d.outputs.find((o) => o.ergoTree === f.uma.ergoTree)!.assets.push({ tokenId: stake.stakeId!, amount: "1" });
    });
    refused(f.world, kept, [f.uma]);
  });

  it("refuses terms that keep the entry, keep the raise, or drop another stake's entry (twin: this stake's)", () => {
    const f = new UnderwritingFixture();
    const first = f.underwrite("alice", 100n, 5n * ERG);
    const second = f.underwrite("alice", 50n, 5n * ERG);
    const terms = f.account("alice").terms;
    accepted(f.world, handWithdraw(f, second, "alice").tx, [f.uma]);
    const honest = termsAfterWithdraw(terms, second.stakeId!, 50n);
    const shapes = [
      { ...terms, creditLimit: terms.creditLimit - 50n, backing: { backed: 100n, stakes: terms.backing!.stakes } },
      { ...honest, creditLimit: terms.creditLimit },
      { ...honest, backing: { backed: 50n, stakes: [terms.backing!.stakes[1]!] } },
      { ...honest, creditLimit: honest.creditLimit + 1n },
      { ...honest, inactivityBlocks: 1n },
    ];
    for (const shape of shapes) refused(f.world, handWithdraw(f, second, "alice", { terms: shape }).tx, [f.uma]);
    expect(first.stakeId).not.toBe(second.stakeId);
  });

  it("refuses alice's stake withdrawn against bob's account (twin: bob's own stake)", () => {
    const f = new UnderwritingFixture();
    const a = f.underwrite("alice", 100n, 5n * ERG);
    const b = f.underwrite("bob", 100n, 5n * ERG);
    accepted(f.world, handWithdraw(f, b, "bob").tx, [f.uma]);
    const bob = f.account("bob");
    const crossed = handWithdraw(f, a, "bob", { terms: termsAfterWithdraw(bob.terms, b.stakeId!, 100n) });
    refused(f.world, crossed.tx, [f.uma]);
  });

  it("refuses a stake taken without its account (twin: withdrawn with it)", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    accepted(f.world, withdrawTx(f, "alice", stake), [f.uma]);
    const alone = edit(withdrawTx(f, "alice", stake), (d) => {
      d.inputs = d.inputs.filter((i) => i.boxId !== f.account("alice").boxId);
      d.outputs = d.outputs.filter((o) => o.ergoTree === f.uma.ergoTree || o.ergoTree !== f.account("alice").box.ergoTree);
      rebalance(d, f.uma.ergoTree);
    });
    refused(f.world, alone, [f.uma]);
  });
});

describe("refreshing a stake", () => {
  it("refuses a refresh before the stake is dormant, and one that changes the underwriter or drops ERG (twin: the dormant stake, unchanged)", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    const mallory = f.world.member("mallory");
    const same = () => new OutputBuilder(stake.stakeNanoErg, UNDERWRITING_ERGO_TREE)
      .addTokens({ tokenId: stake.stakeId!, amount: 1n })
      .setAdditionalRegisters(underwritingRegisters(stake));
    refused(f.world, spendTx(f, [f.world.box(stake.boxId)], [same()], mallory), [mallory]);
    f.world.mine(DORMANT_BLOCKS);
    const ok = refreshUnderwriting({ stake: f.world.box(stake.boxId) }, ctxOf(f, mallory));
    accepted(f.world, ok, [mallory]);
    const stakeOut = (d: typeof ok) => d.outputs.find((o) => o.assets.some((a) => a.tokenId === stake.stakeId))!;
    refused(f.world, edit(ok, (d) => { stakeOut(d).additionalRegisters.R4 = mallory.owner; }), [mallory]);
    refused(f.world, edit(ok, (d) => {
      const out = stakeOut(d);
      out.value = (BigInt(out.value) - 1n).toString();
      rebalance(d, mallory.ergoTree);
    }), [mallory]);
    // with its account in the transaction it is no refresh: the account would take any terms
    const account = f.account("alice");
    refused(f.world, spendTx(f, [f.world.box(stake.boxId), account.box], [same(), withTerms(account, { ...account.terms, creditLimit: 1000n })], mallory), [mallory]);
  });
});
