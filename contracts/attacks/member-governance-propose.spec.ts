/**
 * Issue 19, the governance box's propose and refresh paths (contracts/governance/governance.es):
 * units escaping, a forged opening state, substituted data inputs, a governance box spent beside
 * the community box. Each is the honest proposal (or refresh) edited, beside the honest one.
 */
import { OutputBuilder } from "@fleet-sdk/core";
import { describe, it } from "vitest";
import { refreshCommunity } from "../builders/refresh.ts";
import { walletPaidTx } from "../builders/line-common.ts";
import { GOVERNANCE_KEY_MAX } from "../governance/governance.ts";
import { DORMANT_BLOCKS, GOVERNANCE_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { accepted, bigIntOf, FEE_ZERO, refused, setState, stateOf } from "../testing/governance-attack.ts";
import { GovernanceFixture } from "../testing/governance-fixture.ts";
import { edit, output, setRegister, type Tx } from "../testing/tx-edit.ts";
import type { Amount, Box } from "@fleet-sdk/common";

const PROPOSAL = 1;
const HEAD = 2;

/** Alice's honest proposal (not submitted). */
function honest() {
  const f = new GovernanceFixture({ rules: { vetoBlocks: 50n } });
  const alice = f.member("alice");
  return { f, alice, tx: f.proposeTx("alice", FEE_ZERO) };
}

/** Adds `amount` of token `tokenId` to output `index` (minted if it is the new token, else taken from nowhere). */
function addUnits(tx: Tx, index: number, tokenId: string, amount: bigint): void {
  const out = output(tx, index);
  const at = out.assets.findIndex((a) => a.tokenId === tokenId);
  if (at < 0) out.assets = [...out.assets, { tokenId, amount: amount.toString() }];
  else out.assets[at] = { tokenId, amount: (BigInt(out.assets[at]!.amount) + amount).toString() };
}

describe("propose: the units", () => {
  it("more vote units at the head, a second unit of the proposal's token elsewhere, a governance unit moved out: refused", () => {
    const { f, alice, tx } = honest();
    const proposalId = tx.inputs[0]!.boxId;
    const govId = f.governance().governanceId;
    refused(f.world, edit(tx, (d) => addUnits(d, HEAD, proposalId, 1n)), [alice]);
    refused(f.world, edit(tx, (d) => addUnits(d, 3, proposalId, 1n)), [alice]);
    refused(f.world, edit(tx, (d) => addUnits(d, PROPOSAL, proposalId, 1n)), [alice]);
    refused(f.world, edit(tx, (d) => { addUnits(d, 0, govId, -1n); addUnits(d, 3, govId, 1n); }), [alice]);
    // two governance units in the proposal (one more proposal's worth of authority)
    refused(f.world, edit(tx, (d) => { addUnits(d, 0, govId, -1n); addUnits(d, PROPOSAL, govId, 1n); }), [alice]);
    accepted(f.world, tx, [alice]);
  });
});

describe("propose: the opening state", () => {
  it("counts already cast, a cursor past the list, fewer seats, other rules, an unknown kind, an amount in a policy proposal: refused", () => {
    const { f, alice, tx } = honest();
    const s = (i: number, v: bigint) => edit(tx, (d) => setState(output(d, PROPOSAL), i, v));
    for (const [i, v] of [[7, 3n], [8, 1n], [9, 1n], [3, 2n], [4, 0n], [5, 0n], [6, 0n], [0, 5n], [10, 1n]] as const) {
      refused(f.world, s(i, v), [alice]);
    }
    refused(f.world, edit(tx, (d) => setRegister(output(d, PROPOSAL), "R5", bigIntOf(GOVERNANCE_KEY_MAX))), [alice]);
    refused(f.world, edit(tx, (d) => setRegister(output(d, HEAD), "R5", bigIntOf(1n))), [alice]);
    accepted(f.world, tx, [alice]);
  });

  it("a window beyond the rules (shorter than the minimum, longer than the maximum, opening in the future) is refused", () => {
    const { f, alice, tx } = honest();
    const opened = stateOf(output(tx, PROPOSAL))[1]!;
    refused(f.world, edit(tx, (d) => setState(output(d, PROPOSAL), 2, opened + 9n)), [alice]);
    refused(f.world, edit(tx, (d) => setState(output(d, PROPOSAL), 2, opened + 101n)), [alice]);
    refused(f.world, edit(tx, (d) => { setState(output(d, PROPOSAL), 1, opened + 5n); setState(output(d, PROPOSAL), 2, opened + 50n); }), [alice]);
    refused(f.world, edit(tx, (d) => { setState(output(d, PROPOSAL), 1, opened - BigInt(MAX_AGE_BLOCKS) - 1n); setState(output(d, PROPOSAL), 2, opened + 10n); }), [alice]);
  });

  it("`opened` may lag HEIGHT (up to 720 blocks), but the end must still be at least minWindow after HEIGHT: back-dating cannot eat the members' window (found by the adversary; twin: the same lag with the end moved on)", () => {
    const { f, alice, tx } = honest();
    const judged = BigInt(f.world.height + 1);
    const backDated = edit(tx, (d) => {
      setState(output(d, PROPOSAL), 1, judged - BigInt(MAX_AGE_BLOCKS));
      setState(output(d, PROPOSAL), 2, judged - BigInt(MAX_AGE_BLOCKS) + 10n);
    });
    refused(f.world, backDated, [alice]);
    const lagging = edit(tx, (d) => {
      setState(output(d, PROPOSAL), 1, judged - 50n);
      setState(output(d, PROPOSAL), 2, judged + 10n);
    });
    accepted(f.world, lagging, [alice]);
  });
});

describe("propose: who and which community", () => {
  it("another community's box, or an account of another community, as data input: refused", () => {
    const { f, alice } = honest();
    const other = new Fixture({ world: f.world, name: "other", members: ["oscar"] });
    f.world.mine(MAX_AGE_BLOCKS + 1);
    const tx = f.proposeTx("alice", FEE_ZERO);
    const oscar = other.member("oscar");
    const byOscar = edit(tx, (d) => setRegister(output(d, PROPOSAL), "R7", oscar.owner));
    refused(f.world, withData(byOscar, [other.account("oscar").box, f.communityBox()]), [alice, oscar]);
    refused(f.world, withData(tx, [f.account("alice").box, other.communityBox()]), [alice]);
    accepted(f.world, withData(tx, [f.account("alice").box, f.communityBox()]), [alice]);
  });

  it("a proposer other than the account's owner (in R7, or signing) is refused", () => {
    const { f, alice, tx } = honest();
    const mallory = f.world.member("mallory");
    refused(f.world, edit(tx, (d) => setRegister(output(d, PROPOSAL), "R7", mallory.owner)), [alice, mallory]);
    refused(f.world, tx, []);
  });

  it("the governance box must be spent first (the proposal's token is its id)", () => {
    const { f, alice, tx } = honest();
    refused(f.world, edit(tx, (d) => { const [g] = d.inputs.splice(0, 1); d.inputs.push(g!); }), [alice]);
  });
});

describe("the governance box never beside the community box", () => {
  it("a dormant governance box refreshed alone (twin) is accepted; beside the community's own refresh it is refused", () => {
    const f = new GovernanceFixture();
    f.world.mine(DORMANT_BLOCKS);
    const committee = f.committee;
    accepted(f.world, refreshGovernance(f, []), [committee]);
    accepted(f.world, refreshCommunity({ community: f.communityBox() }, f.ctx(committee)), [committee]);
    refused(f.world, refreshGovernance(f, [f.communityBox()]), [committee]);
  });

  it("a proposal opened while the community box is spent beside it (a refresh) is refused", () => {
    const f = new GovernanceFixture();
    f.world.mine(DORMANT_BLOCKS);
    const alice = f.member("alice");
    const tx = f.proposeTx("alice", FEE_ZERO);
    const community = refreshCommunity({ community: f.communityBox() }, f.ctx(alice));
    const both = edit(tx, (d) => {
      d.inputs.splice(1, 0, community.inputs[0]!);
      d.outputs.splice(3, 0, community.outputs[0]!);
      d.dataInputs = d.dataInputs.filter((b) => b.boxId !== f.communityBox().boxId);
    });
    refused(f.world, both, [alice]);
    accepted(f.world, tx, [alice]);
  });
});

/** `tx` with its data inputs replaced by `boxes` (full boxes, as the harness reads them). */
function withData(tx: Tx, boxes: Box<Amount>[]): Tx {
  return edit(tx, (d) => { d.dataInputs = boxes.map((b) => ({ ...b }) as Box<string>); });
}

/** The governance box recreated unchanged now, with `beside` spent too (each recreated by its own rule, here a community refresh). */
function refreshGovernance(f: GovernanceFixture, beside: ReturnType<GovernanceFixture["communityBox"]>[]): Tx {
  const g = f.governance();
  const h = f.world.height;
  const copy = new OutputBuilder(BigInt(g.box.value), GOVERNANCE_ERGO_TREE)
    .addTokens(g.box.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })))
    .setAdditionalRegisters({ R4: g.box.additionalRegisters.R4!, R5: g.box.additionalRegisters.R5! })
    .setCreationHeight(h);
  const outputs = [copy];
  for (const b of beside) {
    outputs.push(new OutputBuilder(BigInt(b.value), b.ergoTree)
      .addTokens(b.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })))
      .setAdditionalRegisters(b.additionalRegisters as Record<string, string>)
      .setCreationHeight(h));
  }
  return walletPaidTx({ inputs: [g.box, ...beside], outputs }, f.ctx(f.committee), 0n);
}
