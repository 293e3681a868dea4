/**
 * Holes the adversary found in contract version 8 (underwriting; docs/underwriting.md) as first
 * committed (c01a42c): each attack was ACCEPTED by both interpreters there (hole 4: refused by
 * sigmastate only, so the node refused the honest exit). Fixed in 0e13111 (holes 1 to 4) and
 * 02389ab (hole 5); each test asserts the attack is now refused, beside its accepted twin.
 */
import { describe, expect, it } from "vitest";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { closeDormant } from "../builders/close-dormant.ts";
import { ownerTree } from "../builders/exit.ts";
import { leave } from "../builders/leave.ts";
import { openEscrow } from "../builders/escrow-open.ts";
import { accountTermsConstant } from "../account/account.ts";
import { termsAfterWithdraw } from "../underwriting/underwriting.ts";
import { bytesConstant } from "../registers.ts";
import { DORMANT_BLOCKS } from "../scripts.ts";
import { UnderwritingFixture } from "../testing/underwriting-fixture.ts";
import { accountOut, edit, feeOut, rebalance, setRegister, setValue, valueOf, type Tx } from "../testing/tx-edit.ts";
import { accepted, acceptTx, asInput, ctxOf, withdrawTx, ERG, lookAlike, OTHER_COMMUNITY, refused, spendTx, withTerms } from "./underwriting-helpers.ts";

/** Outputs of `tx` to `tree` tagged (R4) with `boxId`. */
const taggedTo = (tx: Tx, tree: string, boxId: string) =>
  tx.outputs.filter((o) => o.ergoTree === tree && o.additionalRegisters.R4 === bytesConstant(boxId));

describe("hole 1: a look-alike underwriting box naming another community (R7) unlocks any account", () => {
  it("a member raises her own credit limit to the positive cap without a stake (twin: the same box naming her community)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const account = f.account("alice");
    const raised = withTerms(account, { ...account.terms, creditLimit: account.terms.positiveCap });
    // R7 names her own community: the box's script finds the account and wants a genuine acceptance
    const own = lookAlike(f, { accountId: account.accountId, by: alice });
    refused(f.world, spendTx(f, [own, account.box], [raised], alice), [alice]);
    // R7 names another community: the box's script sees no bound account (an offer: its owner alone)
    const foreign = lookAlike(f, { accountId: account.accountId, by: alice, communityId: OTHER_COMMUNITY });
    refused(f.world, spendTx(f, [foreign, account.box], [raised], alice), [alice]);
  });

  it("a third party rewrites another member's terms without the owner (inactivity 1, limit 0, collateral 0)", () => {
    const f = new UnderwritingFixture();
    const mallory = f.world.member("mallory");
    const account = f.account("bob");
    const foreign = lookAlike(f, { accountId: account.accountId, by: mallory, communityId: OTHER_COMMUNITY });
    const rewritten = withTerms(account, { ...account.terms, creditLimit: 0n, collateralNanoErg: 0n, inactivityBlocks: 1n });
    refused(f.world, spendTx(f, [foreign, account.box], [rewritten], mallory), [mallory]);
    // the twin: the same spend with bob's terms unchanged, a spend at the same balance that is not
    // the owner's, is refused by the account (it needs the owner, or a change of terms a stake allows)
    const unchanged = withTerms(account, account.terms);
    refused(f.world, spendTx(f, [account.box], [unchanged], mallory), [mallory]);
  });

  it("a defaulted account exits without its stake: the stake is stranded, the committee gets nothing (twin: the honest default)", () => {
    const f = new UnderwritingFixture();
    const stake = f.underwrite("alice", 200n, 10n * ERG);
    f.pay("alice", "bob", 250n);
    f.world.height += 60;
    const carol = f.member("carol");
    const honest = closeDefaulted({ community: f.communityBox(), accounts: [f.account("alice").box], stakes: [f.world.box(stake.boxId)] }, ctxOf(f, carol));
    accepted(f.world, honest, [carol]);
    // the same default without the stake (its input and its two outputs), a look-alike of carol's
    // (R7: another community) in its place
    const foreign = lookAlike(f, { accountId: f.account("alice").accountId, by: carol, communityId: OTHER_COMMUNITY });
    const escaped = edit(honest, (d) => {
      const at = d.inputs.findIndex((b) => b.boxId === stake.boxId);
      d.inputs.splice(at, 1, asInput(foreign));
      d.outputs = d.outputs.filter((o) => o.additionalRegisters.R4 !== bytesConstant(stake.boxId));
      rebalance(d, carol.ergoTree);
    });
    refused(f.world, escaped, [carol]);
  });
});

describe("hole 2: one output pays two parties with the same key", () => {
  it("the committee underwrites: a default's closer pays the committee once, the larger share, and keeps the smaller (twin: the whole stake in one output)", () => {
    const f = new UnderwritingFixture();
    const stake = f.accept("alice", f.offer("alice", 200n, 10n * ERG, { by: f.committee }));
    f.pay("alice", "bob", 200n); // 100 of the 200 raised in use: half the stake lost, half returned
    f.world.height += 60;
    const carol = f.member("carol");
    const honest = closeDefaulted({ community: f.communityBox(), accounts: [f.account("alice").box], stakes: [f.world.box(stake.boxId)] }, ctxOf(f, carol));
    accepted(f.world, honest, [carol]);
    // the fix: when the committee underwrote, one output carries the whole stake
    const shares = taggedTo(honest, f.committee.ergoTree, stake.boxId);
    expect(shares.map(valueOf)).toEqual([10n * ERG]);
    const once = edit(honest, (d) => {
      setValue(taggedTo(d, f.committee.ergoTree, stake.boxId)[0]!, 5n * ERG);
      rebalance(d, carol.ergoTree); // 5 ERG to the closer
    });
    refused(f.world, once, [carol]);
  });

  it("a member underwrites herself: a dormant close pays her once, with the stake's tag, and the closer keeps her account's ERG (twin: both payouts)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const stake = f.accept("alice", f.offer("alice", 100n, 5n * ERG, { by: alice }));
    f.world.mine(DORMANT_BLOCKS);
    const carol = f.member("carol");
    const account = f.account("alice");
    const honest = closeDormant({ community: f.communityBox(), accounts: [account.box], stakes: [f.world.box(stake.boxId)] }, ctxOf(f, carol));
    accepted(f.world, honest, [carol]);
    const tree = ownerTree(account.owner);
    const payout = honest.outputs[1]!; // OUTPUTS(i) for the account at INPUTS(i)
    expect(payout.ergoTree).toBe(tree);
    const returned = taggedTo(honest, tree, stake.boxId)[0]!;
    const once = edit(honest, (d) => {
      const out = d.outputs[1]!;
      out.additionalRegisters = { R4: bytesConstant(stake.boxId) };
      setValue(out, valueOf(returned));
      d.outputs.splice(d.outputs.findIndex((o, i) => i > 1 && o.ergoTree === tree), 1);
      rebalance(d, carol.ergoTree); // alice's account ERG to the closer
    });
    refused(f.world, once, [carol]);
  });
});

describe("hole 3: two identical offers accepted at once", () => {
  it("the member takes one raise and one stake box, and keeps the second offer's ERG (twin: the first offer alone)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const first = f.offer("alice", 100n, 5n * ERG);
    const second = f.offer("alice", 100n, 5n * ERG);
    const honest = acceptTx(f, "alice", first);
    accepted(f.world, honest, [alice]);
    const both = edit(honest, (d) => {
      d.inputs.splice(1, 0, asInput(f.world.box(second.boxId)));
      rebalance(d, alice.ergoTree); // the second offer's 5 ERG to alice
    });
    refused(f.world, both, [alice]);
  });
});

describe("hole 4: a backed account cannot exit while the community is full", () => {
  it("the community box holds exactly (communityId, 1) and the stake's account search reads its R7 as bytes (twin: one seat free)", () => {
    // 10 seats: ten members fill the community (the anchor unit stays)
    const names = ["alice", "bob", "carol", "d1", "d2", "d3", "d4", "d5", "d6", "d7"];
    const f = new UnderwritingFixture({ members: names });
    expect(BigInt(f.communityBox().assets[0]!.amount)).toBe(1n);
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    const alice = f.member("alice");
    const tx = leave({ community: f.communityBox(), account: f.account("alice").box, stakes: [f.world.box(stake.boxId)] }, ctxOf(f, alice));
    // asserted as the fix must make it: the member leaves and the stake returns
    accepted(f.world, tx, [alice]);
  });

  it("twin: with a seat free the same leave is accepted", () => {
    const f = new UnderwritingFixture({ members: ["alice", "bob", "carol", "d1", "d2", "d3", "d4", "d5", "d6"] });
    expect(BigInt(f.communityBox().assets[0]!.amount)).toBe(2n);
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    const alice = f.member("alice");
    const tx = leave({ community: f.communityBox(), account: f.account("alice").box, stakes: [f.world.box(stake.boxId)] }, ctxOf(f, alice));
    accepted(f.world, tx, [alice]);
    expect(feeOut(tx)).toBeDefined();
  });
});

describe("hole 5: a withdrawal relaxes the account's owner check for the whole transaction", () => {
  it("the underwriter, withdrawing, opens an escrow in the member's name without her signature (twin: the member opens it herself)", () => {
    const f = new UnderwritingFixture();
    const alice = f.member("alice");
    const stake = f.underwrite("alice", 100n, 5n * ERG);
    accepted(f.world, withdrawTx(f, "alice", stake), [f.uma]);
    const own = openEscrow({ community: f.communityBox(), account: f.account("alice").box }, ctxOf(f, alice));
    accepted(f.world, own, [alice]);
    // the community's opening relies on the account's script to demand its owner; with a genuine
    // withdrawal beside it, the account sees a spend at the same balance with an underwriting box
    // bound to it and asks nobody
    const account = f.account("alice");
    const byUma = edit(openEscrow({ community: f.communityBox(), account: account.box }, ctxOf(f, f.uma)), (d) => {
      d.inputs.splice(2, 0, asInput(f.world.box(stake.boxId)));
      const out = accountOut(d, account.accountId);
      setRegister(out, "R6", accountTermsConstant(termsAfterWithdraw(account.terms, stake.stakeId!, 100n)));
      setRegister(out, "R8", account.box.additionalRegisters.R8!); // not the owner's act: activity kept
      setRegister(out, "R9", account.box.additionalRegisters.R9!);
      rebalance(d, f.uma.ergoTree);
    });
    refused(f.world, byUma, [f.uma]);
  });
});
