/**
 * The end of a proposal (docs/governance.md): execution of a passed one (anyone, exactly the
 * proposed change, the deposit back), the deposit back after a vote without majority or a veto,
 * and forfeit (no quorum, or the deadline passed: the deposit joins the treasury). Each burns the
 * proposal's units.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { GovernanceRefused } from "../errors.ts";
import { executionWindow, propBytesOf, proposalPhase, type Proposal } from "../governance/governance.ts";
import { bytesConstant, longsConstant } from "../registers.ts";
import { requireCommunity, type BuildContext } from "./common.ts";
import { communitySuccessor } from "./community-successor.ts";
import { requireGoverned, requireProposal } from "./governance-common.ts";
import { walletPaidTx } from "./line-common.ts";
import type { Community } from "../community/community.ts";

export interface CloseIntent {
  proposal: Box<Amount>;
  /** The community box: spent by execution and forfeit, read by a refund or a veto. */
  community: Box<Amount>;
}

const burnOf = (p: Proposal) => [
  { tokenId: p.governanceId, amount: 1n },
  { tokenId: p.proposalId, amount: 1n },
];

const refundTo = (p: Proposal, height: number) =>
  new OutputBuilder(p.depositNanoErg, propBytesOf(p.proposer)).setCreationHeight(height);

function load(intent: CloseIntent): { p: Proposal; c: Community; subject: string } {
  const p = requireProposal(intent.proposal);
  const c = requireCommunity(intent.community);
  requireGoverned(c, p.governanceId, `proposal ${p.proposalId.slice(0, 12)}…`);
  return { p, c, subject: `proposal ${p.proposalId.slice(0, 12)}…` };
}

/** The community's registers once the proposal's change is made (R7 and R8 as they are). */
function changedRegisters(p: Proposal, c: Community) {
  const r = c.box.additionalRegisters;
  const change = p.change;
  return {
    R4: change.kind === "policy" ? longsConstant(change.policy) : r.R4!,
    R5: change.kind === "committee" ? change.committee : r.R5!,
    R6: change.kind === "metadata" ? bytesConstant(change.metadataHex) : r.R6!,
    R7: r.R7!,
  };
}

/**
 * Executes a passed proposal; anyone may, with a wallet that pays the fee (and tops the treasury up
 * to its storage floor if the change needs it).
 * @example
 * const tx = executeProposal({ proposal, community }, { height, wallet });
 */
export function executeProposal(intent: CloseIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const { p, c, subject } = load(intent);
  const phase = proposalPhase(p, ctx.height);
  if (phase !== "executable") {
    const window = executionWindow(p);
    throw new GovernanceRefused(subject, "execute", phase === "vetoable" ? `the committee may veto it until height ${window.from}` : `it is ${phase}`);
  }
  const paid = p.change.kind === "treasury" ? p.change.amountNanoErg : 0n;
  const successor = communitySuccessor(
    c,
    { treasuryNanoErg: c.treasuryNanoErg - paid, units: c.seatsLeft + 1n, registers: changedRegisters(p, c), governed: true, topUp: true },
    ctx.height,
  );
  const outputs = [successor];
  if (p.change.kind === "treasury") outputs.push(new OutputBuilder(p.change.amountNanoErg, p.change.recipientErgoTree).setCreationHeight(ctx.height));
  outputs.push(refundTo(p, ctx.height));
  const topUp = BigInt(successor.value) - (c.treasuryNanoErg - paid);
  return walletPaidTx({ inputs: [c.box, p.box], outputs, burn: burnOf(p) }, ctx, topUp);
}

/**
 * The deposit back to the proposer: after a vote with quorum and no majority (anyone may build it),
 * or as the committee's veto before the veto window ends (the committee signs).
 */
export function refundDeposit(intent: CloseIntent & { veto?: boolean }, ctx: BuildContext): EIP12UnsignedTransaction {
  const { p, c, subject } = load(intent);
  const phase = proposalPhase(p, ctx.height);
  if (intent.veto) {
    if (p.vetoBlocks === 0n) throw new GovernanceRefused(subject, "veto", "the community's members decide without a committee veto");
    if (BigInt(ctx.height) >= p.endHeight + p.vetoBlocks) throw new GovernanceRefused(subject, "veto", `the veto window ended at height ${p.endHeight + p.vetoBlocks}`);
  } else if (phase !== "rejected") {
    throw new GovernanceRefused(subject, "refund the deposit", `it is ${phase}; the deposit returns only after a vote with quorum and no majority`);
  }
  return walletPaidTx({ inputs: [p.box], outputs: [refundTo(p, ctx.height)], dataInputs: [c.box], burn: burnOf(p) }, ctx, 0n);
}

/** Closes a proposal without quorum, or past its deadline: the deposit joins the treasury. Anyone may. */
export function forfeitProposal(intent: CloseIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const { p, c, subject } = load(intent);
  const phase = proposalPhase(p, ctx.height);
  if (phase !== "no-quorum" && phase !== "expired") throw new GovernanceRefused(subject, "close", `it is ${phase}`);
  const r = c.box.additionalRegisters;
  const successor = communitySuccessor(
    c,
    { treasuryNanoErg: c.treasuryNanoErg + p.depositNanoErg, units: c.seatsLeft + 1n, registers: { R4: r.R4!, R5: r.R5!, R6: r.R6!, R7: r.R7! }, governed: true, topUp: true },
    ctx.height,
  );
  const topUp = BigInt(successor.value) - (c.treasuryNanoErg + p.depositNanoErg);
  return walletPaidTx({ inputs: [c.box, p.box], outputs: [successor], burn: burnOf(p) }, ctx, topUp);
}
