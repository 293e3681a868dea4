/**
 * Attacks on the fixes of the adversary's holes (contract version 8, docs/underwriting.md): the
 * account searched after the first input, the offer first, so the account put first must not make
 * an underwriting box take a path that checks no account. Each refused by both interpreters beside
 * its accepted twin.
 */
import { describe, it } from "vitest";
import { OutputBuilder } from "@fleet-sdk/core";
import { refreshUnderwriting } from "../builders/underwrite.ts";
import { DORMANT_BLOCKS, UNDERWRITING_ERGO_TREE } from "../scripts.ts";
import { underwritingRegisters } from "../underwriting/underwriting.ts";
import { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import { edit } from "../testing/tx-edit.ts";
import { accepted, acceptTx, ctxOf, ERG, handAccept, lookAlike, refused, spendTx, withTerms } from "./underwriting-helpers.ts";

describe("the account as the first input", () => {
  it("refuses a dormant stake 'refreshed' with its account first, the account's limit raised (twin: the refresh alone)", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    f.world.mine(DORMANT_BLOCKS);
    const mallory = f.world.member("mallory");
    accepted(f.world, refreshUnderwriting({ stake: f.world.box(stake.boxId) }, ctxOf(f, mallory)), [mallory]);
    const account = f.account("alice");
    const same = new OutputBuilder(stake.stakeNanoErg, UNDERWRITING_ERGO_TREE)
      .addTokens({ tokenId: stake.stakeId!, amount: 1n })
      .setAdditionalRegisters(underwritingRegisters(stake));
    const raised = withTerms(account, { ...account.terms, creditLimit: account.terms.positiveCap });
    refused(f.world, spendTx(f, [account.box, f.world.box(stake.boxId)], [raised, same], mallory), [mallory]);
  });

  it("refuses a look-alike offer of the member's own, with her account first, raising her limit (twin: the owner spends it alone)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const account = f.account("alice");
    const own = lookAlike(f, { accountId: account.accountId, by: alice });
    accepted(f.world, spendTx(f, [own], [], alice), [alice]);
    const raised = withTerms(account, { ...account.terms, creditLimit: account.terms.positiveCap });
    refused(f.world, spendTx(f, [account.box, own], [raised], alice), [alice]);
  });
});

describe("the offer first", () => {
  it("refuses an acceptance with the account first and the offer second (twin: the offer first)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const offer = f.offer("alice", 100n, 5n * ERG);
    accepted(f.world, acceptTx(f, "alice", offer), [alice]);
    const swapped = handAccept(f, f.world.box(offer.boxId), "alice");
    const second = edit(swapped.tx, (d) => {
      const [o, a] = [d.inputs[0]!, d.inputs[1]!];
      d.inputs[0] = a;
      d.inputs[1] = o;
    });
    refused(f.world, second, [alice]);
  });
});
