/**
 * Pieces of the member-governance attack specs (contracts/attacks/member-governance-*.spec.ts,
 * docs/governance.md): transactions the builders would refuse to make (a vote by anyone, a tally of
 * any chunk, an execution in any phase), built as the honest ones are so that only the scripts
 * judge them, and the verdicts both interpreters must agree on.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { SBigInt, SInt } from "@fleet-sdk/serializer";
import { expect } from "vitest";
import { communitySuccessor } from "../builders/community-successor.ts";
import { DEFAULT_FEE, finish, requireCommunity, totalValue } from "../builders/common.ts";
import { requireProposal, requireVote, VOTE_BOX_NANOERG } from "../builders/governance-common.ts";
import { countsAfter } from "../builders/governance-tally.ts";
import { walletPaidTx } from "../builders/line-common.ts";
import { accountKey, decodeVote, GOVERNANCE_KEY_MAX, propBytesOf, proposalRegisters, voteRegisters, voteShare, type Proposal } from "../governance/governance.ts";
import { bytesConstant, longsConstant, readBytes, readLongsAny } from "../registers.ts";
import { VOTE_ERGO_TREE } from "../scripts.ts";
import type { GovernanceFixture } from "./governance-fixture.ts";
import { expectAccepted, setRegister, type Output, type Tx } from "./tx-edit.ts";
import { agreed, type Member, type World } from "./world.ts";

export const accepted = expectAccepted;

export function refused(world: World, tx: Tx, signers: Member[]): void {
  expect(agreed(world.judge(tx, signers)), "expected both interpreters to refuse").toBe(false);
}

/** A BigInt register constant (a vote key or a proposal cursor). */
export const bigIntOf = (value: bigint): string => SBigInt(value).toHex();

export const asInput = (box: Box<string>) => ({ ...box, extension: {} });

/** A policy change every test community accepts: no joining fee. */
export const FEE_ZERO = { kind: "policy" as const, policy: { joinFeeNanoErg: 0n } };

/** The proposal state Longs (R4) of an output. */
export const stateOf = (out: Output): bigint[] => readLongsAny("R4", out.additionalRegisters.R4);

/** Rewrites entry `i` of an output's proposal state. */
export function setState(out: Output, i: number, value: bigint): void {
  const s = stateOf(out);
  s[i] = value;
  setRegister(out, "R4", longsConstant(s));
}

/** `name` proposes, `yes` vote for and `no` against; the vote ends and is counted. */
export function counted(f: GovernanceFixture, o: { change?: Parameters<GovernanceFixture["propose"]>[1]; yes: string[]; no?: string[] }): Proposal {
  const p = f.propose("alice", o.change ?? FEE_ZERO);
  for (const n of o.yes) f.vote(n, p.proposalId, "for");
  for (const n of o.no ?? []) f.vote(n, p.proposalId, "against");
  f.endVote(p.proposalId);
  f.tallyAll(p.proposalId);
  return f.proposal(p.proposalId);
}

/**
 * A vote as castVote makes it, without its checks: `account` (any box with an R7) splits
 * `predecessor` (any box with a vote's registers), with `share` units (default: the fair share) and
 * choice code `choice`; `payer`'s wallet pays.
 */
export function rawVote(
  f: GovernanceFixture,
  o: { proposal: Box<Amount>; account: Box<Amount>; predecessor: Box<Amount>; choice?: number; share?: bigint; payer: Member },
): Tx {
  const before = requireVote(o.predecessor);
  const key = accountKey(readBytes("R7", o.account.additionalRegisters.R7));
  const share = o.share ?? voteShare(before.units, before.key, before.next, key);
  const stay = new OutputBuilder(before.valueNanoErg, VOTE_ERGO_TREE)
    .addTokens({ tokenId: before.proposalId, amount: before.units - share })
    .setAdditionalRegisters(voteRegisters(before.key, key, before.choice))
    .setCreationHeight(f.world.height);
  const vote = new OutputBuilder(VOTE_BOX_NANOERG, VOTE_ERGO_TREE)
    .addTokens({ tokenId: before.proposalId, amount: share })
    .setAdditionalRegisters({ ...voteRegisters(key, before.next, "for"), R6: SInt(o.choice ?? 1).toHex() })
    .setCreationHeight(f.world.height);
  return walletPaidTx(
    { inputs: [o.predecessor], outputs: [stay, vote], dataInputs: [o.proposal, o.account] },
    { height: f.world.height, wallet: f.world.wallet(o.payer) },
    VOTE_BOX_NANOERG,
  );
}

/**
 * A tally of `proposalId` counting `chunk` (in that order), made as the tally builder makes it but
 * without its checks: the proposal's successor states what counting exactly `chunk` gives (counts
 * raised by its choices, the cursor at its last box's next; a box that is no vote counts nothing
 * and ends the list); the rest of the votes' ERG to the committee's key.
 */
export function tallyOf(f: GovernanceFixture, proposalId: string, chunk: Box<Amount>[]): Tx {
  const p = f.proposal(proposalId);
  const votes = chunk.map((b) => {
    const d = decodeVote(b);
    return d.ok ? d.value : { boxId: b.boxId, proposalId: "", units: 0n, key: 0n, next: GOVERNANCE_KEY_MAX, choice: null, valueNanoErg: 0n, creationHeight: 0, box: b };
  });
  const r = p.box.additionalRegisters;
  const registers = { ...proposalRegisters({ ...p, counts: countsAfter(p.counts, votes) }, votes[votes.length - 1]!.next, p.communityId, p.proposer), R8: r.R8!, R9: r.R9! };
  const h = f.world.height;
  const next = new OutputBuilder(p.depositNanoErg, p.box.ergoTree)
    .addTokens(p.box.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })))
    .setAdditionalRegisters(registers)
    .setCreationHeight(h);
  const inputs = [p.box, ...chunk];
  const burnt = votes.filter((v) => v.proposalId === proposalId).reduce((sum, v) => sum + v.units, 0n);
  const builder = new TransactionBuilder(h).from(inputs, { ensureInclusion: true }).to(next).sendChangeTo(f.committee.address).payFee(DEFAULT_FEE);
  if (burnt > 0n) builder.burnTokens([{ tokenId: proposalId, amount: burnt }]);
  return finish(builder, totalValue(inputs) - p.depositNanoErg, DEFAULT_FEE);
}

/** The community's registers once `p`'s change is made. */
function changed(p: Proposal, r: Box<Amount>["additionalRegisters"]) {
  const c = p.change;
  return {
    R4: c.kind === "policy" ? longsConstant(c.policy) : r.R4!,
    R5: c.kind === "committee" ? c.committee : r.R5!,
    R6: c.kind === "metadata" ? bytesConstant(c.metadataHex) : r.R6!,
    R7: r.R7!,
  };
}

/** executeProposal without its phase check: the execution of `proposalId` now, whatever its state. */
export function executeAnyway(f: GovernanceFixture, proposalId: string, by: Member = f.committee): Tx {
  const p = requireProposal(f.proposal(proposalId).box);
  const c = requireCommunity(f.communityBox());
  const paid = p.change.kind === "treasury" ? p.change.amountNanoErg : 0n;
  const h = f.world.height;
  const successor = communitySuccessor(c, { treasuryNanoErg: c.treasuryNanoErg - paid, units: c.seatsLeft + 1n, registers: changed(p, c.box.additionalRegisters), governed: true, topUp: true }, h);
  const outputs = [successor];
  if (p.change.kind === "treasury") outputs.push(new OutputBuilder(p.change.amountNanoErg, p.change.recipientErgoTree).setCreationHeight(h));
  outputs.push(new OutputBuilder(p.depositNanoErg, propBytesOf(p.proposer)).setCreationHeight(h));
  const burn = [{ tokenId: p.governanceId, amount: 1n }, { tokenId: p.proposalId, amount: 1n }];
  return walletPaidTx({ inputs: [c.box, p.box], outputs, burn }, { height: h, wallet: f.world.wallet(by) }, BigInt(successor.value) - (c.treasuryNanoErg - paid));
}

/** refundDeposit without its phase check (the community box read). */
export function refundAnyway(f: GovernanceFixture, proposalId: string, by: Member): Tx {
  const p = f.proposal(proposalId);
  const h = f.world.height;
  const burn = [{ tokenId: p.governanceId, amount: 1n }, { tokenId: p.proposalId, amount: 1n }];
  return walletPaidTx(
    { inputs: [p.box], outputs: [new OutputBuilder(p.depositNanoErg, propBytesOf(p.proposer)).setCreationHeight(h)], dataInputs: [f.communityBox()], burn },
    { height: h, wallet: f.world.wallet(by) },
    0n,
  );
}

/** forfeitProposal without its phase check: the deposit into the treasury, nothing else changed. */
export function forfeitAnyway(f: GovernanceFixture, proposalId: string, by: Member = f.committee): Tx {
  const p = f.proposal(proposalId);
  const c = requireCommunity(f.communityBox());
  const r = c.box.additionalRegisters;
  const h = f.world.height;
  const successor = communitySuccessor(c, { treasuryNanoErg: c.treasuryNanoErg + p.depositNanoErg, units: c.seatsLeft + 1n, registers: { R4: r.R4!, R5: r.R5!, R6: r.R6!, R7: r.R7! }, governed: true, topUp: true }, h);
  const burn = [{ tokenId: p.governanceId, amount: 1n }, { tokenId: p.proposalId, amount: 1n }];
  return walletPaidTx({ inputs: [c.box, p.box], outputs: [successor], burn }, { height: h, wallet: f.world.wallet(by) }, BigInt(successor.value) - (c.treasuryNanoErg + p.depositNanoErg));
}
