// What a wallet may do on a proposal (`proposalOptions`, pure), phase by phase, in a test world:
// each refusal's words, the committee's veto inside and outside its window, close after a rejection.
import { describe, expect, it } from "vitest";
import { GovernanceFixture } from "$contracts/testing/governance-fixture.ts";
import { proposalOptions } from "./governance.ts";

const options = (f: GovernanceFixture, proposalId: string, who: string, accounts: string[] = [who]) =>
  proposalOptions(
    f.proposal(proposalId), f.votes(proposalId), f.community(), accounts.map((n) => f.account(n)),
    who === "committee" ? f.committee.address : f.member(who).address, f.world.height,
  );

describe("what a wallet may do on a proposal", () => {
  it("lets a member vote once, during the vote; tally, execute and close wait", () => {
    const f = new GovernanceFixture({ rules: { vetoBlocks: 20n } });
    const p = f.propose("alice", { kind: "policy", policy: { joinFeeNanoErg: 0n } });
    const before = options(f, p.proposalId, "bob");
    expect(before.phase).toBe("voting");
    expect(before.refused).toEqual({
      tally: `votes are counted once the vote ends at block ${p.endHeight}`,
      execute: "only a proposal that passed, after any veto window, is carried out",
      close: "only a rejected, failed or expired proposal is closed",
      veto: "only the committee vetoes",
    });
    f.vote("bob", p.proposalId, "for");
    const after = options(f, p.proposalId, "bob");
    expect(after.voted).toBe("for");
    expect(after.refused.vote).toBe("this account voted already (for)");
    expect(options(f, p.proposalId, "carol", []).refused.vote).toBe("this wallet has no open account in this community: only members vote");
  });

  it("gives the committee its veto until the window ends, and anyone the execution after it", () => {
    const f = new GovernanceFixture({ rules: { vetoBlocks: 20n } });
    const p = f.propose("alice", { kind: "policy", policy: { joinFeeNanoErg: 0n } });
    for (const name of ["alice", "bob", "carol"]) f.vote(name, p.proposalId, "for");
    f.endVote(p.proposalId);
    expect(options(f, p.proposalId, "dave").refused.vote).toBe(`the vote ended at block ${p.endHeight}`);
    f.tallyAll(p.proposalId);
    const vetoable = options(f, p.proposalId, "committee", []);
    expect(vetoable.phase).toBe("vetoable");
    expect(vetoable.committee).toBe(true);
    expect(vetoable.refused.veto).toBeUndefined();
    expect(vetoable.refused.execute).toBe(`the committee may veto it until block ${p.endHeight + 20n}`);
    expect(vetoable.refused.tally).toBe("every vote is counted");
    f.world.mine(20);
    const executable = options(f, p.proposalId, "committee", []);
    expect(executable.phase).toBe("executable");
    expect(executable.refused.execute).toBeUndefined();
    expect(executable.refused.veto).toBe(`the veto window ended at block ${p.endHeight + 20n}`);
  });

  it("closes a rejected proposal, and tells a committee without veto so", () => {
    const f = new GovernanceFixture();
    const p = f.propose("alice", { kind: "policy", policy: { joinFeeNanoErg: 0n } });
    for (const name of ["alice", "bob", "carol"]) f.vote(name, p.proposalId, "against");
    f.endVote(p.proposalId);
    f.tallyAll(p.proposalId);
    const o = options(f, p.proposalId, "committee", []);
    expect(o.phase).toBe("rejected");
    expect(o.refused.close).toBeUndefined();
    expect(o.refused.veto).toBe("members decide alone: the committee has no veto");
  });
});
