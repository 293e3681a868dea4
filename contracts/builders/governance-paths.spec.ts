/**
 * Member governance: every way a proposal ends, in both interpreters, and the builders' refusals
 * (docs/governance.md).
 */
import { describe, expect, it } from "vitest";
import { GovernanceRefused, InvalidIntent, InvalidPolicy, TreasuryBelowFloor } from "../errors.ts";
import { proposalPhase } from "../governance/governance.ts";
import { GOVERNANCE_EXEC_BLOCKS } from "../scripts.ts";
import { GovernanceFixture } from "../testing/governance-fixture.ts";
import { govern } from "./govern.ts";
import { switchToMemberGovernance } from "./governance-switch.ts";
import { TEST_RULES } from "../testing/governance-fixture.ts";

const fee = { kind: "policy" as const, policy: { joinFeeNanoErg: 0n } };
const ergOf = (f: GovernanceFixture, ergoTree: string) =>
  [...f.world.utxos.values()].filter((b) => b.ergoTree === ergoTree).reduce((s, b) => s + BigInt(b.value), 0n);

describe("how a proposal ends", () => {
  it("quorum without majority: nothing changes and the proposer alone gets the deposit back", () => {
    const f = new GovernanceFixture();
    const p = f.propose("alice", fee);
    for (const n of ["bob", "carol"]) f.vote(n, p.proposalId, "against");
    f.vote("alice", p.proposalId, "for");
    f.endVote(p.proposalId);
    f.tallyAll(p.proposalId);
    expect(proposalPhase(f.proposal(p.proposalId), f.world.height)).toBe("rejected");
    expect(() => f.executeTx(p.proposalId)).toThrow(GovernanceRefused);
    expect(() => f.forfeitTx(p.proposalId)).toThrow(GovernanceRefused);
    const alice = f.member("alice");
    const before = ergOf(f, alice.ergoTree);
    const policy = f.community().policy;
    f.world.submit(f.refundTx(p.proposalId, f.member("bob")), [f.member("bob")]);
    expect(ergOf(f, alice.ergoTree) - before).toBe(p.depositNanoErg);
    expect(f.community().policy).toEqual(policy);
  });

  it("no quorum: the deposit joins the treasury; a refund is refused", () => {
    const f = new GovernanceFixture();
    const p = f.propose("alice", fee);
    f.vote("bob", p.proposalId, "for");
    f.vote("carol", p.proposalId, "for");
    f.endVote(p.proposalId);
    f.tallyAll(p.proposalId);
    expect(proposalPhase(f.proposal(p.proposalId), f.world.height)).toBe("no-quorum");
    expect(() => f.refundTx(p.proposalId, f.member("alice"))).toThrow(GovernanceRefused);
    const treasury = f.community().treasuryNanoErg;
    f.world.submit(f.forfeitTx(p.proposalId), [f.committee]);
    expect(f.community().treasuryNanoErg).toBe(treasury + p.depositNanoErg);
    expect(f.community().policy.joinFeeNanoErg).not.toBe(0n);
  });

  it("a passed proposal nobody executes in time expires: it can only be forfeited", () => {
    const f = new GovernanceFixture();
    const p = f.propose("alice", fee);
    for (const n of ["alice", "bob", "carol"]) f.vote(n, p.proposalId, "for");
    f.endVote(p.proposalId);
    f.tallyAll(p.proposalId);
    f.world.mine(GOVERNANCE_EXEC_BLOCKS);
    expect(proposalPhase(f.proposal(p.proposalId), f.world.height)).toBe("expired");
    expect(() => f.executeTx(p.proposalId)).toThrow(GovernanceRefused);
    f.world.submit(f.forfeitTx(p.proposalId), [f.committee]);
    expect(f.community().policy.joinFeeNanoErg).not.toBe(0n);
  });

  it("members with a committee veto: the committee vetoes within its window, and only then may execution wait for it", () => {
    const f = new GovernanceFixture({ rules: { vetoBlocks: 20n } });
    const p = f.propose("alice", fee);
    for (const n of ["alice", "bob", "carol"]) f.vote(n, p.proposalId, "for");
    f.endVote(p.proposalId);
    f.tallyAll(p.proposalId);
    expect(proposalPhase(f.proposal(p.proposalId), f.world.height)).toBe("vetoable");
    expect(() => f.executeTx(p.proposalId)).toThrow(/veto it until height/);
    // a member cannot veto: the committee's signature is missing
    expect(f.world.judge(f.refundTx(p.proposalId, f.member("bob"), true), [f.member("bob")]).ergoLib.ok).toBe(false);
    const alice = f.member("alice");
    const before = ergOf(f, alice.ergoTree);
    f.world.submit(f.refundTx(p.proposalId, f.committee, true), [f.committee]);
    expect(ergOf(f, alice.ergoTree) - before).toBe(p.depositNanoErg);
  });

  it("after the veto window a passed proposal executes, and the committee can no longer veto", () => {
    const f = new GovernanceFixture({ rules: { vetoBlocks: 20n } });
    const p = f.propose("alice", { kind: "committee", committee: f.member("bob").owner });
    for (const n of ["alice", "bob", "carol"]) f.vote(n, p.proposalId, "for");
    f.endVote(p.proposalId);
    f.tallyAll(p.proposalId);
    f.world.mine(20);
    expect(() => f.refundTx(p.proposalId, f.committee, true)).toThrow(/veto window ended/);
    f.world.submit(f.executeTx(p.proposalId, f.member("dave")), [f.member("dave")]);
    expect(f.community().committee).toBe(f.member("bob").owner);
  });

  it("metadata and treasury proposals make exactly their change", () => {
    const f = new GovernanceFixture();
    const metadata = { ...f.community().metadata, description: "decided together" };
    const m = f.propose("alice", { kind: "metadata", metadata });
    const t = f.propose("bob", { kind: "treasury", amountNanoErg: 5_000_000n, recipient: f.member("erin").address });
    for (const n of ["alice", "bob", "carol"]) {
      f.vote(n, m.proposalId, "for");
      f.vote(n, t.proposalId, "for");
    }
    f.endVote(t.proposalId);
    f.tallyAll(m.proposalId);
    f.tallyAll(t.proposalId);
    f.world.submit(f.executeTx(m.proposalId), [f.committee]);
    expect(f.community().metadata.description).toBe("decided together");
    const erin = ergOf(f, f.member("erin").ergoTree);
    const treasury = f.community().treasuryNanoErg;
    f.world.submit(f.executeTx(t.proposalId), [f.committee]);
    expect(ergOf(f, f.member("erin").ergoTree) - erin).toBe(5_000_000n);
    expect(treasury - f.community().treasuryNanoErg).toBe(5_000_000n);
  });
});

describe("the builders refuse before anything is signed", () => {
  it("a second vote by one account, a vote after the end, a late joiner", () => {
    const f = new GovernanceFixture();
    const p = f.propose("alice", fee);
    f.vote("bob", p.proposalId, "for");
    expect(() => f.voteTx("bob", p.proposalId, "against")).toThrow(/has voted already/);
    const late = f.join(f.world.member("frank"));
    expect(late.terms.joinedHeight).toBeGreaterThan(p.openedHeight - 721n);
    expect(() => f.voteTx("frank", p.proposalId, "for")).toThrow(/too late/);
    f.endVote(p.proposalId);
    expect(() => f.voteTx("carol", p.proposalId, "for")).toThrow(/vote ended/);
  });

  it("tally before the end, execution before the count", () => {
    const f = new GovernanceFixture();
    const p = f.propose("alice", fee);
    expect(() => f.tallyTx(p.proposalId)).toThrow(/runs until height/);
    f.endVote(p.proposalId);
    expect(() => f.executeTx(p.proposalId)).toThrow(/it is tallying/);
  });

  it("bad proposals: a window outside the rules, maxMembers, a treasury payment below the floor, a bad address", () => {
    const f = new GovernanceFixture();
    expect(() => f.proposeTx("alice", fee, 5n)).toThrow(/windowBlocks: between 10 and 100/);
    expect(() => f.proposeTx("alice", { kind: "policy", policy: { maxMembers: 3n } as never })).toThrow(InvalidPolicy);
    const all = f.community().treasuryNanoErg;
    expect(() => f.proposeTx("alice", { kind: "treasury", amountNanoErg: all, recipient: f.member("bob").address })).toThrow(TreasuryBelowFloor);
    expect(() => f.proposeTx("alice", { kind: "treasury", amountNanoErg: 1_000_000n, recipient: "nope" })).toThrow(/not a valid Ergo address/);
    expect(() => f.proposeTx("alice", { kind: "treasury", amountNanoErg: 999_999n, recipient: f.member("bob").address })).toThrow(/least value of a box/);
    expect(() => f.proposeTx("alice", { kind: "committee", committee: "00" })).toThrow(InvalidIntent);
  });

  it("the committee can neither govern nor switch again once members decide", () => {
    const f = new GovernanceFixture();
    expect(() => govern({ community: f.communityBox(), policy: { joinFeeNanoErg: 0n } }, f.ctx(f.committee))).toThrow(/members decide by vote/);
    expect(() => switchToMemberGovernance({ community: f.communityBox(), rules: TEST_RULES }, f.ctx(f.committee))).toThrow(/already decide/);
  });
});
