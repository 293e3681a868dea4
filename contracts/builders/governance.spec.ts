/** Member governance end to end in both interpreters (docs/governance.md): switch, propose, vote, tally, execute. */
import { describe, expect, it } from "vitest";
import { GovernanceFixture } from "../testing/governance-fixture.ts";
import { proposalPhase } from "../governance/governance.ts";

describe("member governance", () => {
  it("members change the join fee by vote: propose, vote, tally in steps, execute", () => {
    const f = new GovernanceFixture();
    expect(f.community().governanceId).toBe(f.governance().governanceId);
    const p = f.propose("alice", { kind: "policy", policy: { joinFeeNanoErg: 0n } });
    expect(p.seats).toBe(5n);
    f.vote("bob", p.proposalId, "for");
    f.vote("alice", p.proposalId, "for");
    f.vote("carol", p.proposalId, "against");
    f.vote("dave", p.proposalId, "abstain");
    expect(f.votes(p.proposalId)).toHaveLength(5);
    f.endVote(p.proposalId);
    expect(f.tallyAll(p.proposalId, 2)).toBe(3);
    const counted = f.proposal(p.proposalId);
    expect(counted.counts).toEqual({ for: 2n, against: 1n, abstain: 1n });
    expect(proposalPhase(counted, f.world.height)).toBe("executable");
    const before = f.community();
    f.world.submit(f.executeTx(p.proposalId), [f.committee]);
    const after = f.community();
    expect(after.policy.joinFeeNanoErg).toBe(0n);
    expect(after.policy.creditLimit).toBe(before.policy.creditLimit);
    expect(after.governanceId).toBe(before.governanceId);
    expect(f.votes(p.proposalId)).toHaveLength(0);
  });

  it("a treasury payment goes to the address the proposal names", () => {
    const f = new GovernanceFixture();
    f.world.submit(
      f.proposeTx("alice", { kind: "treasury", amountNanoErg: 5_000_000n, recipient: f.member("bob").address }),
      [f.member("alice")],
    );
  });
});
