/**
 * Issue 19, the end of a proposal (contracts/proposal/proposal.es, its close paths, and the
 * community's `authority`): execution in the wrong phase or with another change than the one voted,
 * a treasury payment elsewhere, a deposit taken by someone else. Each attack beside its accepted twin.
 */
import { describe, expect, it } from "vitest";
import { GOVERNANCE_EXEC_BLOCKS } from "../scripts.ts";
import { bytesConstant, longsConstant } from "../registers.ts";
import { counted, executeAnyway, FEE_ZERO, forfeitAnyway, refundAnyway, accepted, refused, stateOf } from "../testing/governance-attack.ts";
import { GovernanceFixture, TEST_RULES } from "../testing/governance-fixture.ts";
import { communityOut, edit, feeOut, moveErg, output, rebalance, setRegister, setValue, valueOf } from "../testing/tx-edit.ts";
import { Fixture, TEST_METADATA } from "../testing/community-fixture.ts";
import { switchToMemberGovernance } from "../builders/governance-switch.ts";

describe("execution only of a passed proposal, in its window", () => {
  it("before the vote is counted (even after `end`) it is refused; twin: once counted", () => {
    const f = new GovernanceFixture();
    const p = f.propose("alice", FEE_ZERO);
    for (const n of ["alice", "bob", "carol"]) f.vote(n, p.proposalId, "for");
    refused(f.world, executeAnyway(f, p.proposalId), [f.committee]);
    f.endVote(p.proposalId);
    refused(f.world, executeAnyway(f, p.proposalId), [f.committee]);
    f.tallyAll(p.proposalId);
    accepted(f.world, executeAnyway(f, p.proposalId), [f.committee]);
  });

  it("during the veto window it is refused; twin: from its end", () => {
    const f = new GovernanceFixture({ rules: { vetoBlocks: 50n } });
    const p = counted(f, { yes: ["alice", "bob", "carol"] });
    const from = Number(p.endHeight + p.vetoBlocks);
    f.world.mine(from - f.world.height - 2); // judged at from - 1
    refused(f.world, executeAnyway(f, p.proposalId), [f.committee]);
    f.world.mine(1);
    accepted(f.world, executeAnyway(f, p.proposalId), [f.committee]);
  });

  it("without quorum it is refused (and the deposit is forfeit instead)", () => {
    const f = new GovernanceFixture();
    const p = counted(f, { yes: ["alice", "bob"] });
    refused(f.world, executeAnyway(f, p.proposalId), [f.committee]);
    refused(f.world, refundAnyway(f, p.proposalId, f.member("bob")), [f.member("bob")]);
    accepted(f.world, forfeitAnyway(f, p.proposalId), [f.committee]);
  });

  it("without majority (a tie) it is refused (and the deposit goes back instead)", () => {
    const f = new GovernanceFixture();
    const p = counted(f, { yes: ["alice", "bob"], no: ["carol", "dave"] });
    refused(f.world, executeAnyway(f, p.proposalId), [f.committee]);
    refused(f.world, forfeitAnyway(f, p.proposalId), [f.committee]);
    accepted(f.world, refundAnyway(f, p.proposalId, f.member("bob")), [f.member("bob")]);
  });

  it("at or after the deadline it is refused: the proposal can only be forfeited", () => {
    const f = new GovernanceFixture();
    const p = counted(f, { yes: ["alice", "bob", "carol"] });
    f.world.mine(Number(p.endHeight) + GOVERNANCE_EXEC_BLOCKS - f.world.height - 2);
    accepted(f.world, executeAnyway(f, p.proposalId), [f.committee]);
    refused(f.world, forfeitAnyway(f, p.proposalId), [f.committee]);
    f.world.mine(1);
    refused(f.world, executeAnyway(f, p.proposalId), [f.committee]);
    accepted(f.world, forfeitAnyway(f, p.proposalId), [f.committee]);
  });
});

describe("one proposal at a time", () => {
  it("two passed proposals closed in one transaction (the second's deposit to the executor) are refused; twin: the first alone", () => {
    const f = new GovernanceFixture();
    const a = f.propose("alice", FEE_ZERO);
    const b = f.propose("bob", { kind: "policy", policy: { joinFeeNanoErg: 0n } });
    for (const n of ["alice", "bob", "carol"]) { f.vote(n, a.proposalId, "for"); f.vote(n, b.proposalId, "for"); }
    f.endVote(b.proposalId);
    f.tallyAll(a.proposalId);
    f.tallyAll(b.proposalId);
    const mallory = f.world.member("mallory");
    const honest = f.executeTx(a.proposalId, mallory);
    const both = edit(honest, (d) => {
      d.inputs.push({ ...f.proposal(b.proposalId).box, extension: {} } as (typeof d.inputs)[number]);
      rebalance(d, mallory.ergoTree);
    });
    refused(f.world, both, [mallory]);
    accepted(f.world, honest, [mallory]);
  });
});

describe("execution makes exactly the change voted", () => {
  it("a policy change: another policy, changed metadata, committee or state, seats moved, R8 dropped or changed, treasury taken are refused", () => {
    const f = new GovernanceFixture();
    const p = counted(f, { yes: ["alice", "bob", "carol"] });
    const honest = f.executeTx(p.proposalId);
    const mallory = f.world.member("mallory");
    const c = f.community();
    const other = [...stateOf(communityOut(honest))];
    other[0] = other[0]! + 1n; // a credit limit nobody voted for
    const edits: [string, (d: typeof honest) => void][] = [
      ["other policy", (d) => setRegister(communityOut(d), "R4", longsConstant(other))],
      ["metadata", (d) => setRegister(communityOut(d), "R6", bytesConstant("7b7d"))],
      ["committee", (d) => setRegister(communityOut(d), "R5", mallory.owner)],
      ["state", (d) => setRegister(communityOut(d), "R7", longsConstant([c.membersJoined + 1n, c.communityBalance]))],
      ["R8 dropped", (d) => { const r = { ...communityOut(d).additionalRegisters }; delete r.R8; communityOut(d).additionalRegisters = r; }],
      ["R8 changed", (d) => setRegister(communityOut(d), "R8", bytesConstant("55".repeat(32)))],
      ["treasury", (d) => moveErg(communityOut(d), output(d, 1), 1_000_000n)],
      ["a seat out", (d) => {
        const out = communityOut(d);
        const unit = out.assets[0]!;
        out.assets = [{ tokenId: unit.tokenId, amount: (BigInt(unit.amount) - 1n).toString() }];
        output(d, 1).assets = [{ tokenId: unit.tokenId, amount: "1" }];
      }],
    ];
    for (const [name, change] of edits) {
      expect(agreed(f, edit(honest, change)), name).toBe(false);
    }
    f.world.submit(honest, [f.committee]);
    expect(f.community().policy.joinFeeNanoErg).toBe(0n);
  });

  it("a metadata change executed as a committee change, or with the old metadata, is refused", () => {
    const f = new GovernanceFixture();
    const p = counted(f, { change: { kind: "metadata", metadata: { ...TEST_METADATA, name: "Renamed" } }, yes: ["alice", "bob", "carol"] });
    const honest = f.executeTx(p.proposalId);
    const old = f.communityBox().additionalRegisters.R6!;
    refused(f.world, edit(honest, (d) => setRegister(communityOut(d), "R6", old)), [f.committee]);
    refused(f.world, edit(honest, (d) => setRegister(communityOut(d), "R5", f.world.member("mallory").owner)), [f.committee]);
    accepted(f.world, honest, [f.committee]);
  });

  it("a treasury payment: to another script, less than the amount, or the treasury drained beyond it, is refused", () => {
    const f = new GovernanceFixture();
    // a forfeited proposal fills the treasury above its floor
    const filler = counted(f, { yes: [] });
    f.world.submit(f.forfeitTx(filler.proposalId), [f.committee]);
    const bob = f.member("bob");
    const p = counted(f, { change: { kind: "treasury", amountNanoErg: 100_000_000n, recipient: bob.address }, yes: ["alice", "bob", "carol"] });
    const mallory = f.world.member("mallory");
    const honest = f.executeTx(p.proposalId, mallory);
    expect(output(honest, 1).ergoTree).toBe(bob.ergoTree);
    refused(f.world, edit(honest, (d) => { output(d, 1).ergoTree = mallory.ergoTree; }), [mallory]);
    refused(f.world, edit(honest, (d) => moveErg(output(d, 1), feeOut(d), 1n)), [mallory]);
    // the treasury lowered by more than the amount, the extra to mallory
    refused(f.world, edit(honest, (d) => { moveErg(communityOut(d), output(d, 3), 1_000_000n); }), [mallory]);
    // the payment and the refund swapped (the recipient paid as the proposer is)
    refused(f.world, edit(honest, (d) => { const [a, b] = [output(d, 1), output(d, 2)]; d.outputs[1] = b; d.outputs[2] = a; }), [mallory]);
    accepted(f.world, honest, [mallory]);
  });
});

describe("the deposit goes where the outcome says", () => {
  it("a refund to another key, or executed with the deposit kept by the executor, is refused", () => {
    const f = new GovernanceFixture();
    const mallory = f.world.member("mallory");
    const p = counted(f, { yes: ["alice", "bob", "carol"] });
    const honest = f.executeTx(p.proposalId, mallory);
    refused(f.world, edit(honest, (d) => { output(d, 1).ergoTree = mallory.ergoTree; }), [mallory]);
    refused(f.world, edit(honest, (d) => moveErg(output(d, 1), output(d, 2), 1n)), [mallory]);
    accepted(f.world, honest, [mallory]);

    const g = new GovernanceFixture();
    const q = counted(g, { yes: ["alice"], no: ["bob", "carol"] });
    const eve = g.world.member("eve");
    const refund = refundAnyway(g, q.proposalId, eve);
    refused(g.world, edit(refund, (d) => { output(d, 0).ergoTree = eve.ergoTree; }), [eve]);
    accepted(g.world, refund, [eve]);
  });

  it("a forfeit keeping the deposit out of the treasury is refused; it cannot change the policy either", () => {
    const f = new GovernanceFixture();
    const mallory = f.world.member("mallory");
    const p = counted(f, { yes: ["alice", "bob"] });
    const honest = forfeitAnyway(f, p.proposalId, mallory);
    refused(f.world, edit(honest, (d) => { setValue(communityOut(d), valueOf(communityOut(d)) - p.depositNanoErg); rebalance(d, mallory.ergoTree); }), [mallory]);
    refused(f.world, edit(honest, (d) => setRegister(communityOut(d), "R4", f.proposal(p.proposalId).box.additionalRegisters.R9!)), [mallory]);
    accepted(f.world, honest, [mallory]);
  });

  it("the veto: by the committee inside its window (twin), refused to anyone else and after the window", () => {
    const f = new GovernanceFixture({ rules: { vetoBlocks: 50n } });
    const mallory = f.world.member("mallory");
    const p = counted(f, { yes: ["alice", "bob", "carol"] });
    refused(f.world, f.refundTx(p.proposalId, f.committee, true), [mallory]);
    const byMallory = refundAnyway(f, p.proposalId, mallory);
    refused(f.world, byMallory, [mallory]);
    accepted(f.world, f.refundTx(p.proposalId, f.committee, true), [f.committee]);
    f.world.mine(Number(p.endHeight + p.vetoBlocks) - f.world.height - 1);
    refused(f.world, refundAnyway(f, p.proposalId, f.committee), [f.committee]);
  });

  it("a veto with another (switched) community's box as data input, signed by that committee, is refused", () => {
    const f = new GovernanceFixture({ rules: { vetoBlocks: 50n } });
    const other = new Fixture({ world: f.world, name: "other", members: ["oscar"] });
    f.world.submit(switchToMemberGovernance({ community: other.communityBox(), rules: { ...TEST_RULES, vetoBlocks: 50n } }, { height: f.world.height, wallet: f.world.wallet(other.committee) }), [other.committee]);
    const p = counted(f, { yes: ["alice", "bob", "carol"] });
    const veto = f.refundTx(p.proposalId, f.committee, true);
    const swapped = edit(veto, (d) => { d.dataInputs = [{ ...other.communityBox() }]; });
    refused(f.world, swapped, [other.committee]);
    accepted(f.world, veto, [f.committee]);
  });

  it("no veto in the members-only mode (vetoBlocks 0), even by the committee", () => {
    const f = new GovernanceFixture();
    const p = counted(f, { yes: ["alice", "bob", "carol"] });
    refused(f.world, refundAnyway(f, p.proposalId, f.committee), [f.committee]);
    accepted(f.world, executeAnyway(f, p.proposalId), [f.committee]);
  });

  it("a rejected proposal nobody refunded before the deadline: anyone may still refund it, or send the deposit to the treasury", () => {
    // Not a theft (the treasury, not the closer, gets it), but the docs' "the refund always goes to
    // the proposer" holds only until the deadline: both paths are open after it.
    const f = new GovernanceFixture();
    const mallory = f.world.member("mallory");
    const p = counted(f, { yes: ["alice"], no: ["bob", "carol"] });
    f.world.mine(Number(p.endHeight) + GOVERNANCE_EXEC_BLOCKS - f.world.height);
    accepted(f.world, refundAnyway(f, p.proposalId, mallory), [mallory]);
    accepted(f.world, forfeitAnyway(f, p.proposalId, mallory), [mallory]);
  });
});

function agreed(f: GovernanceFixture, tx: Parameters<GovernanceFixture["world"]["judge"]>[0]): boolean {
  const v = f.world.judge(tx, [f.committee]);
  expect(v.mock.ok, "interpreters agree").toBe(v.ergoLib.ok);
  return v.mock.ok;
}
