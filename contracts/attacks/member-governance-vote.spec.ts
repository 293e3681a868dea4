/**
 * Issue 19, the vote box (contracts/vote/vote.es): who may vote, how often, with which share. Each
 * attack is a vote the builder would refuse, made by rawVote, judged by both interpreters, beside
 * its accepted twin (the same raw vote by a member who may).
 */
import { describe, expect, it } from "vitest";
import { leave } from "../builders/leave.ts";
import { openEscrow } from "../builders/escrow-open.ts";
import { voteRegisters } from "../governance/governance.ts";
import { bytesConstant } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import { Fixture, TEST_METADATA } from "../testing/community-fixture.ts";
import { accepted, FEE_ZERO, rawVote, refused } from "../testing/governance-attack.ts";
import { GovernanceFixture } from "../testing/governance-fixture.ts";

/** A fixture with an open proposal by alice; `head` is the list's only box. */
function opened() {
  const f = new GovernanceFixture();
  const p = f.propose("alice", FEE_ZERO);
  return { f, p, head: () => f.votes(p.proposalId)[0]!.box };
}

describe("a vote by a non-member", () => {
  it("an account of another community (its owner signs) is refused; twin: bob's own account", () => {
    const f = new GovernanceFixture();
    const other = new Fixture({ world: f.world, name: "other", members: ["oscar"] });
    f.world.mine(MAX_AGE_BLOCKS + 1);
    const p2 = f.propose("bob", FEE_ZERO); // opened after oscar's join is old enough
    const oscar = other.member("oscar");
    const head2 = f.votes(p2.proposalId)[0]!.box;
    refused(f.world, rawVote(f, { proposal: f.proposal(p2.proposalId).box, account: other.account("oscar").box, predecessor: head2, payer: oscar }), [oscar]);
    accepted(f.world, rawVote(f, { proposal: f.proposal(p2.proposalId).box, account: f.account("bob").box, predecessor: head2, payer: f.member("bob") }), [f.member("bob")]);
  });

  it("an escrow box of the community (a genuine unit, another tree) is refused", () => {
    const f = new GovernanceFixture();
    const carol = f.member("carol");
    const done = f.world.submit(openEscrow({ community: f.communityBox(), account: f.account("carol").box }, f.ctx(carol)), [carol]);
    const escrow = done.outputs.find((b) => b.assets[0]?.tokenId === f.communityId && b.ergoTree !== ACCOUNT_ERGO_TREE && b.assets[0].amount === "1" && b.additionalRegisters.R7 !== undefined && b.boxId !== f.communityBox().boxId)!;
    f.world.mine(MAX_AGE_BLOCKS + 1);
    const p = f.propose("alice", FEE_ZERO);
    const head = f.votes(p.proposalId)[0]!.box;
    refused(f.world, rawVote(f, { proposal: f.proposal(p.proposalId).box, account: escrow, predecessor: head, payer: carol }), [carol]);
    accepted(f.world, rawVote(f, { proposal: f.proposal(p.proposalId).box, account: f.account("carol").box, predecessor: head, payer: carol }), [carol]);
  });

  it("a forged box under the account tree, without the unit or with a self-minted one, is refused", () => {
    const { f, p, head } = opened();
    const mallory = f.world.member("mallory");
    const bob = f.account("bob").box;
    const forged = (assets: { tokenId: string; amount: bigint }[]) =>
      f.world.addBox({ ergoTree: ACCOUNT_ERGO_TREE, value: 10_000_000n, creationHeight: 1, assets, additionalRegisters: { ...bob.additionalRegisters, R4: mallory.owner, R7: bytesConstant("77".repeat(32)) } });
    const proposal = f.proposal(p.proposalId).box;
    refused(f.world, rawVote(f, { proposal, account: forged([]), predecessor: head(), payer: mallory }), [mallory]);
    refused(f.world, rawVote(f, { proposal, account: forged([{ tokenId: "78".repeat(32), amount: 1n }]), predecessor: head(), payer: mallory }), [mallory]);
    accepted(f.world, rawVote(f, { proposal, account: bob, predecessor: head(), payer: f.member("bob") }), [f.member("bob")]);
  });

  it("a member's account signed by someone else is refused", () => {
    const { f, p, head } = opened();
    const mallory = f.world.member("mallory");
    refused(f.world, rawVote(f, { proposal: f.proposal(p.proposalId).box, account: f.account("bob").box, predecessor: head(), payer: mallory }), [mallory]);
  });
});

describe("a vote by a closed or late account", () => {
  it("a closed account's box is spent: the scripts alone would accept it as a data input, the ledger does not", () => {
    const { f, p, head } = opened();
    const bob = f.member("bob");
    const stale = f.account("bob").box;
    f.world.submit(leave({ community: f.communityBox(), account: stale }, f.ctx(bob)), [bob]);
    const tx = rawVote(f, { proposal: f.proposal(p.proposalId).box, account: stale, predecessor: head(), payer: bob });
    // Neither interpreter is given the UTXO set: what keeps the vote out is the node's rule that a
    // data input is an unspent box (the harness's judge does not model it).
    accepted(f.world, tx, [bob]);
    expect(f.world.utxos.has(stale.boxId)).toBe(false);
    expect(tx.dataInputs.map((d) => d.boxId)).toContain(stale.boxId);
  });

  it("an account that joined after the proposal opened, or within 720 blocks before, is refused; twin: one that joined earlier", () => {
    const f = new GovernanceFixture();
    const early = f.join(f.world.member("frank"));
    f.world.mine(MAX_AGE_BLOCKS + 1);
    const justBefore = f.join(f.world.member("grace"));
    const p = f.propose("alice", FEE_ZERO);
    const late = f.join(f.world.member("heidi"));
    const proposal = () => f.proposal(p.proposalId).box;
    const head = () => f.votes(p.proposalId)[0]!.box;
    refused(f.world, rawVote(f, { proposal: proposal(), account: justBefore.box, predecessor: head(), payer: f.member("grace") }), [f.member("grace")]);
    refused(f.world, rawVote(f, { proposal: proposal(), account: late.box, predecessor: head(), payer: f.member("heidi") }), [f.member("heidi")]);
    accepted(f.world, rawVote(f, { proposal: proposal(), account: early.box, predecessor: head(), payer: f.member("frank") }), [f.member("frank")]);
  });
});

describe("one account, one vote", () => {
  it("bob cannot vote again: no box of the list may be split at his key", () => {
    const { f, p } = opened();
    const bob = f.member("bob");
    f.vote("carol", p.proposalId, "against");
    f.vote("bob", p.proposalId, "for");
    f.vote("alice", p.proposalId, "for");
    const proposal = f.proposal(p.proposalId).box;
    for (const v of f.votes(p.proposalId)) {
      refused(f.world, rawVote(f, { proposal, account: f.account("bob").box, predecessor: v.box, choice: 2, payer: bob }), [bob]);
    }
    accepted(f.world, f.voteTx("dave", p.proposalId, "for"), [f.member("dave")]);
  });

  it("a vote taking more or fewer units than its share of the gap, or an unknown choice, is refused", () => {
    const { f, p, head } = opened();
    const bob = f.member("bob");
    const base = { proposal: f.proposal(p.proposalId).box, account: f.account("bob").box, predecessor: head(), payer: bob };
    const fair = BigInt(rawVote(f, base).outputs[1]!.assets[0]!.amount);
    refused(f.world, rawVote(f, { ...base, share: fair + 1n }), [bob]);
    refused(f.world, rawVote(f, { ...base, share: fair - 1n }), [bob]);
    refused(f.world, rawVote(f, { ...base, choice: 0 }), [bob]);
    refused(f.world, rawVote(f, { ...base, choice: 4 }), [bob]);
    accepted(f.world, rawVote(f, base), [bob]);
  });

  it("the stay box must keep the predecessor's choice: a vote that turns the head into a 'for' is refused", () => {
    const { f, p, head } = opened();
    const bob = f.member("bob");
    const tx = rawVote(f, { proposal: f.proposal(p.proposalId).box, account: f.account("bob").box, predecessor: head(), payer: bob });
    const forged = structuredClone(tx);
    const stay = forged.outputs[0]!;
    stay.additionalRegisters = { ...stay.additionalRegisters, R6: voteRegisters(0n, 0n, "for").R6 };
    refused(f.world, forged, [bob]);
    accepted(f.world, tx, [bob]);
  });
});

describe("when and where a vote goes in", () => {
  it("a vote splitting the head at or after `end` is refused; twin: the block before", () => {
    const { f, p, head } = opened();
    const bob = f.member("bob");
    const until = Number(p.endHeight) - f.world.height - 1; // judged at tip + 1
    f.world.mine(until - 1);
    const build = () => rawVote(f, { proposal: f.proposal(p.proposalId).box, account: f.account("bob").box, predecessor: head(), payer: bob });
    accepted(f.world, build(), [bob]);
    f.world.mine(1);
    refused(f.world, build(), [bob]);
  });

  it("another proposal's box as the data input (its list's units differ) is refused", () => {
    const { f, p, head } = opened();
    const other = f.propose("carol", { kind: "metadata", metadata: { ...TEST_METADATA, name: "Other" } });
    const bob = f.member("bob");
    refused(f.world, rawVote(f, { proposal: f.proposal(other.proposalId).box, account: f.account("bob").box, predecessor: head(), payer: bob }), [bob]);
    accepted(f.world, rawVote(f, { proposal: f.proposal(p.proposalId).box, account: f.account("bob").box, predecessor: head(), payer: bob }), [bob]);
  });

  it("a vote that sends some of the units to a third box is refused", () => {
    const { f, p, head } = opened();
    const bob = f.member("bob");
    const tx = rawVote(f, { proposal: f.proposal(p.proposalId).box, account: f.account("bob").box, predecessor: head(), payer: bob });
    const leaked = structuredClone(tx);
    const stay = leaked.outputs[0]!;
    const units = BigInt(stay.assets[0]!.amount);
    stay.assets = [{ tokenId: stay.assets[0]!.tokenId, amount: (units - 1n).toString() }];
    leaked.outputs[2]!.assets = [...leaked.outputs[2]!.assets, { tokenId: stay.assets[0]!.tokenId, amount: "1" }];
    refused(f.world, leaked, [bob]);
    accepted(f.world, tx, [bob]);
  });
});
