/**
 * Issue 19, the tally (contracts/proposal/proposal.es, its tally path): a count that skips, repeats
 * or reorders votes, counts forged boxes or another proposal's votes, or states other counts, cursor
 * or deposit than the votes give. Each is the honest tally edited (tallyOf states exactly what the
 * chunk it is given counts), beside the honest one, accepted.
 */
import { describe, expect, it } from "vitest";
import { GOVERNANCE_KEY_MAX, voteRegisters } from "../governance/governance.ts";
import { GOVERNANCE_EXEC_BLOCKS, VOTE_ERGO_TREE } from "../scripts.ts";
import { accepted, asInput, bigIntOf, FEE_ZERO, refused, setState, tallyOf } from "../testing/governance-attack.ts";
import { GovernanceFixture } from "../testing/governance-fixture.ts";
import { edit, output, rebalance, setRegister, setValue, valueOf } from "../testing/tx-edit.ts";

/** Alice's proposal with votes by bob (for), carol (against), dave (abstain), the vote ended. */
function voted() {
  const f = new GovernanceFixture();
  const p = f.propose("alice", FEE_ZERO);
  f.vote("bob", p.proposalId, "for");
  f.vote("carol", p.proposalId, "against");
  f.vote("dave", p.proposalId, "abstain");
  f.endVote(p.proposalId);
  // the list in key order, head first
  const list = f.votes(p.proposalId).sort((a, b) => (a.key < b.key ? -1 : 1)).map((v) => v.box);
  return { f, p, list };
}

describe("the tally walks the list", () => {
  it("the whole list in order is accepted, and only then (twin of every attack below)", () => {
    const { f, p, list } = voted();
    accepted(f.world, tallyOf(f, p.proposalId, list), []);
    accepted(f.world, f.tallyTx(p.proposalId), []);
  });

  it("skipping a vote (a chunk without one of the list, or starting after the cursor) is refused", () => {
    const { f, p, list } = voted();
    refused(f.world, tallyOf(f, p.proposalId, [list[0]!, ...list.slice(2)]), []);
    refused(f.world, tallyOf(f, p.proposalId, list.slice(1)), []);
    accepted(f.world, tallyOf(f, p.proposalId, list.slice(0, 2)), []);
  });

  it("votes out of order are refused; a vote given twice is refused by the ledger", () => {
    const { f, p, list } = voted();
    refused(f.world, tallyOf(f, p.proposalId, [list[0]!, list[2]!, list[1]!, list[3]!]), []);
    // a box spent twice: refused by the node's rule (the harness applies it to both interpreters)
    refused(f.world, edit(tallyOf(f, p.proposalId, list), (d) => d.inputs.push(asInput(f.world.box(list[3]!.boxId)))), []);
  });

  it("a vote counted in one step cannot be counted again in the next (the cursor moved past it)", () => {
    const { f, p, list } = voted();
    f.world.submit(tallyOf(f, p.proposalId, list.slice(0, 2)), []);
    const c = f.proposal(p.proposalId).counts;
    expect(c.for + c.against + c.abstain).toBe(1n);
    // the counted vote given again (a spent box: the script refuses it before the ledger would)
    refused(f.world, tallyOf(f, p.proposalId, list.slice(1)), []);
    accepted(f.world, tallyOf(f, p.proposalId, list.slice(2)), []);
  });

  it("a forged box under the vote tree at the cursor, holding no unit or a self-minted token, is refused", () => {
    const { f, p, list } = voted();
    const forged = (assets: { tokenId: string; amount: bigint }[]) =>
      f.world.addBox({ ergoTree: VOTE_ERGO_TREE, value: 2_000_000n, assets, additionalRegisters: voteRegisters(p.cursor, GOVERNANCE_KEY_MAX, "for") });
    refused(f.world, tallyOf(f, p.proposalId, [forged([])]), []);
    refused(f.world, tallyOf(f, p.proposalId, [forged([{ tokenId: "99".repeat(32), amount: 1n }])]), []);
    // one with its key at the cursor and pointing past the whole list, beside the genuine head
    refused(f.world, tallyOf(f, p.proposalId, [list[0]!, forged([{ tokenId: "98".repeat(32), amount: 5n }])]), []);
  });

  it("another proposal's votes in this proposal's tally are refused", () => {
    const f = new GovernanceFixture();
    const a = f.propose("alice", FEE_ZERO);
    const b = f.propose("bob", { kind: "policy", policy: { joinFeeNanoErg: 1n } });
    for (const n of ["bob", "carol"]) f.vote(n, a.proposalId, "against");
    for (const n of ["carol", "dave"]) f.vote(n, b.proposalId, "for");
    f.endVote(b.proposalId);
    const listOf = (id: string) => f.votes(id).sort((x, y) => (x.key < y.key ? -1 : 1)).map((v) => v.box);
    const [headA] = listOf(a.proposalId);
    const [, ...votesB] = listOf(b.proposalId);
    refused(f.world, tallyOf(f, a.proposalId, [headA!, ...votesB]), []);
    // b's head in a's tally, in place of a's
    refused(f.world, tallyOf(f, a.proposalId, [listOf(b.proposalId)[0]!]), []);
    accepted(f.world, tallyOf(f, a.proposalId, listOf(a.proposalId)), []);
  });
});

describe("the tally states what it counted", () => {
  it("other counts are refused: a vote moved from against to for, one more for, one fewer abstain", () => {
    const { f, p, list } = voted();
    const honest = tallyOf(f, p.proposalId, list);
    refused(f.world, edit(honest, (d) => { setState(output(d, 0), 7, 2n); setState(output(d, 0), 8, 0n); }), []);
    refused(f.world, edit(honest, (d) => setState(output(d, 0), 7, 2n)), []);
    refused(f.world, edit(honest, (d) => setState(output(d, 0), 9, 0n)), []);
    accepted(f.world, honest, []);
  });

  it("a changed proposal is refused: seats, quorum, end, kind, amount", () => {
    const { f, p, list } = voted();
    const honest = tallyOf(f, p.proposalId, list);
    for (const [i, v] of [[3, 1n], [4, 0n], [2, BigInt(f.world.height) - 1n], [0, 2n], [10, 5n]] as const) {
      refused(f.world, edit(honest, (d) => setState(output(d, 0), i, v)), []);
    }
  });

  it("a cursor other than the last vote's next is refused: jumped to the end after a partial count, or left behind", () => {
    const { f, p, list } = voted();
    const part = tallyOf(f, p.proposalId, list.slice(0, 2));
    refused(f.world, edit(part, (d) => setRegister(output(d, 0), "R5", bigIntOf(GOVERNANCE_KEY_MAX))), []);
    refused(f.world, edit(part, (d) => setRegister(output(d, 0), "R5", bigIntOf(p.cursor))), []);
    accepted(f.world, part, []);
  });

  it("a tally keeping back part of the deposit, or naming another proposer, is refused", () => {
    const { f, p, list } = voted();
    const honest = tallyOf(f, p.proposalId, list);
    const mallory = f.world.member("mallory");
    refused(f.world, edit(honest, (d) => { setValue(output(d, 0), valueOf(output(d, 0)) - 1_000_000n); rebalance(d, f.committee.ergoTree); }), []);
    refused(f.world, edit(honest, (d) => setRegister(output(d, 0), "R7", mallory.owner)), []);
    refused(f.world, edit(honest, (d) => setRegister(output(d, 0), "R8", output(d, 0).additionalRegisters.R6!)), []);
    accepted(f.world, honest, []);
  });

  it("a tally before `end` is refused; twin: at `end`", () => {
    const f = new GovernanceFixture();
    const p = f.propose("alice", FEE_ZERO);
    f.vote("bob", p.proposalId, "for");
    f.world.mine(Number(p.endHeight) - f.world.height - 2);
    const list = () => f.votes(p.proposalId).sort((a, b) => (a.key < b.key ? -1 : 1)).map((v) => v.box);
    refused(f.world, tallyOf(f, p.proposalId, list()), []);
    f.world.mine(1);
    accepted(f.world, tallyOf(f, p.proposalId, list()), []);
  });

  it("a tally at or after the deadline is refused; twin: the block before", () => {
    const { f, p, list } = voted();
    f.world.mine(Number(p.endHeight) + GOVERNANCE_EXEC_BLOCKS - f.world.height - 2);
    accepted(f.world, tallyOf(f, p.proposalId, list), []);
    f.world.mine(1);
    refused(f.world, tallyOf(f, p.proposalId, list), []);
  });

  it("a tally moving the proposal's units to another box, or a wallet input beside the votes, is refused", () => {
    const { f, p, list } = voted();
    const honest = tallyOf(f, p.proposalId, list);
    const leaked = edit(honest, (d) => {
      const out0 = output(d, 0);
      const gov = out0.assets[0]!;
      out0.assets = [out0.assets[1]!];
      output(d, 1).assets = [...output(d, 1).assets, gov];
    });
    refused(f.world, leaked, []);
    const alice = f.member("alice");
    const wallet = f.world.box(f.world.wallet(alice).utxos[0]!.boxId);
    refused(f.world, edit(honest, (d) => { d.inputs.push(asInput(wallet)); rebalance(d, f.committee.ergoTree); }), [alice]);
  });
});
