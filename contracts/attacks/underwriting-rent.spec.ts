/**
 * Underwriting under storage rent (contract version 8, docs/underwriting.md "How the account
 * knows"): a stake old enough for rent is spent without its script, so the account must not let it
 * decide anything. Rent spends are judged by ergo-lib, which models rent as the node does.
 */
import { FEE_CONTRACT } from "@fleet-sdk/core";
import { describe, expect, it } from "vitest";
import { accountSuccessorRegisters, accountTermsConstant, type Account, type AccountTerms } from "../account/account.ts";
import { STORAGE_PERIOD_BLOCKS } from "../parameters.ts";
import { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import { rentSuccessor, storageFeeNanoErg } from "../testing/rent.ts";
import type { Output } from "../testing/tx-edit.ts";
import { ERG } from "./underwriting-helpers.ts";

/** `account`'s successor as the owner spends it at `height`: same balance, activity marked, `terms`. */
function ownerSuccessor(account: Account, terms: AccountTerms, height: number): Output {
  return {
    value: account.valueNanoErg.toString(), ergoTree: account.box.ergoTree, creationHeight: height,
    assets: [{ tokenId: account.communityId, amount: "1" }],
    additionalRegisters: { ...accountSuccessorRegisters(account, account.balance, BigInt(height)), R6: accountTermsConstant(terms) },
  };
}

describe("a stake spent by storage rent beside its account", () => {
  it("decides nothing: the account refuses a raise (twin: the owner's spend at the same terms)", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    const box = f.world.box(stake.boxId);
    f.world.mine(box.creationHeight + STORAGE_PERIOD_BLOCKS - 1 - f.world.height);
    const alice = f.member("alice");
    const account = f.account("alice");
    const next = f.world.height + 1;
    const fee = storageFeeNanoErg(box);
    const spend = (terms: AccountTerms) => ({
      rent: [{ box, outputIndex: 0 }],
      inputs: [account.box as typeof box],
      outputs: [
        rentSuccessor(box, next),
        ownerSuccessor(account, terms, next),
        { value: fee.toString(), ergoTree: FEE_CONTRACT, creationHeight: next, assets: [], additionalRegisters: {} },
      ],
    });
    expect(f.world.judgeRent(spend(account.terms), [alice])).toMatchObject({ ok: true });
    const raised = f.world.judgeRent(spend({ ...account.terms, creditLimit: account.terms.positiveCap }), [alice]);
    expect(raised).toMatchObject({ ok: false });
    const dropped = f.world.judgeRent(spend({ ...account.terms, creditLimit: 100n, backing: undefined }), [alice]);
    expect(dropped).toMatchObject({ ok: false });
  });
});
