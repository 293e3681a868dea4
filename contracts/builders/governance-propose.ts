/**
 * Propose (docs/governance.md): a member opens a proposal through the community's governance box.
 * The proposal states the exact change, holds the deposit and one unit of the governance token; the
 * head of its vote list is created beside it.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { hex, utf8 } from "@fleet-sdk/crypto";
import { keysProblem } from "../committee.ts";
import { communityRegisters, policyValues, type CommunityMetadata, type Policy } from "../community/community.ts";
import { GovernanceRefused, InvalidIntent, InvalidPolicy, TreasuryBelowFloor, WrongCommunity } from "../errors.ts";
import {
  GOVERNANCE_KEY_MAX, GOVERNANCE_KEY_MIN, proposalRegisters, voteRegisters, type ProposalChange, type ProposalState,
} from "../governance/governance.ts";
import { GOVERNANCE_VOTE_UNITS } from "../parameters.ts";
import { MAX_COMMUNITY_BYTES, MIN_BOX_VALUE, PROPOSAL_ERGO_TREE, VOTE_ERGO_TREE } from "../scripts.ts";
import { boxBytes, communityFloorNanoErg } from "../storage-rent.ts";
import { positiveUnits, requireAccount, requireCommunity, type BuildContext } from "./common.ts";
import { requireGovernance, rentSafeValue, VOTE_BOX_NANOERG } from "./governance-common.ts";
import { walletPaidTx } from "./line-common.ts";
import { checkMetadata, checkPolicy } from "./policy.ts";
import { ErgoAddress } from "@fleet-sdk/core";

/** The change a member proposes, in the words of the product. */
export type ChangeIntent =
  | { kind: "policy"; policy: Partial<Omit<Policy, "maxMembers" | "economics">> }
  | { kind: "metadata"; metadata: CommunityMetadata }
  | { kind: "committee"; committee: string }
  | { kind: "treasury"; amountNanoErg: bigint | number | string; recipient: string };

export interface ProposeIntent {
  governance: Box<Amount>;
  /** The community box (read, not spent). */
  community: Box<Amount>;
  /** The proposer's account (read, not spent); its owner signs and gets the deposit back. */
  account: Box<Amount>;
  change: ChangeIntent;
  /** Blocks from the next block until the vote ends (the rules bound it); default the shortest allowed. */
  windowBlocks?: bigint | number;
}

/** The proposal's exact change, checked as the community contract will check it at execution. */
export function changeOf(intent: ChangeIntent, community: ReturnType<typeof requireCommunity>): ProposalChange {
  switch (intent.kind) {
    case "policy": {
      if ("maxMembers" in intent.policy) throw new InvalidPolicy("maxMembers", "is fixed at creation by the token supply");
      const policy: Policy = { ...community.policy, ...intent.policy };
      checkPolicy(policy);
      return { kind: "policy", policy: policyValues(policy) };
    }
    case "metadata": {
      checkMetadata(intent.metadata);
      const registers = communityRegisters({ ...community, metadata: intent.metadata });
      const bytes = boxBytes({ value: community.treasuryNanoErg, ergoTree: community.box.ergoTree, creationHeight: community.creationHeight, assets: [{ tokenId: community.communityId, amount: community.seatsLeft + 1n }], additionalRegisters: { ...registers, R8: community.box.additionalRegisters.R8! } });
      if (bytes > MAX_COMMUNITY_BYTES) throw new InvalidIntent(`the community box would be ${bytes} bytes; at most ${MAX_COMMUNITY_BYTES}`);
      return { kind: "metadata", metadataHex: hex.encode(utf8.decode(JSON.stringify(intent.metadata))) };
    }
    case "committee": {
      const problem = keysProblem(intent.committee);
      if (problem) throw new InvalidIntent(`committee ${problem}`);
      return { kind: "committee", committee: intent.committee.toLowerCase() };
    }
    case "treasury": {
      const amount = positiveUnits("amountNanoErg", intent.amountNanoErg);
      // the payment is a box of its own at execution: below the least box value it could never be paid
      if (amount < MIN_BOX_VALUE) throw new InvalidIntent(`amountNanoErg: at least ${MIN_BOX_VALUE} nanoERG (the least value of a box)`);
      let recipientErgoTree: string;
      try {
        recipientErgoTree = ErgoAddress.decode(intent.recipient).ergoTree;
      } catch (cause) {
        throw new InvalidIntent(`recipient: not a valid Ergo address: ${intent.recipient}`, { cause });
      }
      const r = community.box.additionalRegisters;
      const floor = communityFloorNanoErg({ R4: r.R4!, R5: r.R5!, R6: r.R6! }, community.box.ergoTree);
      if (community.treasuryNanoErg - amount < floor) throw new TreasuryBelowFloor(floor, community.treasuryNanoErg - amount);
      return { kind: "treasury", amountNanoErg: amount, recipientErgoTree };
    }
    default:
      throw new InvalidIntent(`change: unknown kind ${(intent as { kind: unknown }).kind}`);
  }
}

/**
 * Builds a proposal; the proposer's wallet pays the deposit, the head of the vote list and the fee,
 * and the account's owner must sign.
 * @example
 * const tx = propose({ governance, community, account, change: { kind: "policy", policy: { joinFeeNanoErg: 0n } } }, { height, wallet });
 */
export function propose(intent: ProposeIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const gov = requireGovernance(intent.governance);
  const community = requireCommunity(intent.community);
  const account = requireAccount(intent.account);
  const subject = `community ${community.communityId.slice(0, 12)}…`;
  if (gov.communityId !== community.communityId || community.governanceId !== gov.governanceId) {
    throw new WrongCommunity(gov.boxId, community.communityId, gov.communityId);
  }
  if (account.communityId !== community.communityId) throw new WrongCommunity(account.boxId, community.communityId, account.communityId);
  if (gov.remaining < 2n) throw new GovernanceRefused(subject, "propose", "the governance box has no proposals left");
  const rules = gov.rules;
  const window = BigInt(intent.windowBlocks ?? rules.minWindowBlocks);
  if (window < rules.minWindowBlocks || window > rules.maxWindowBlocks) {
    throw new InvalidIntent(`windowBlocks: between ${rules.minWindowBlocks} and ${rules.maxWindowBlocks} blocks`);
  }
  const change = changeOf(intent.change, community);
  // Opened at the height it is meant to be mined at: the contract wants the end at least the
  // shortest window after that (a proposal that waits longer in the mempool is refused; rebuild it,
  // or ask for a longer window).
  const opened = BigInt(ctx.height) + 1n;
  const state: ProposalState = {
    change, openedHeight: opened, endHeight: opened + window,
    seats: community.policy.maxMembers - community.seatsLeft,
    quorumPpm: rules.quorumPpm, majorityPpm: rules.majorityPpm, vetoBlocks: rules.vetoBlocks,
    counts: { for: 0n, against: 0n, abstain: 0n },
  };
  const registers = proposalRegisters(state, GOVERNANCE_KEY_MIN, community.communityId, account.owner);
  const proposalCandidate = {
    value: 0n, ergoTree: PROPOSAL_ERGO_TREE, creationHeight: ctx.height,
    assets: [{ tokenId: gov.governanceId, amount: 1n }, { tokenId: gov.boxId, amount: 1n }], additionalRegisters: registers,
  };
  const safe = rentSafeValue(proposalCandidate, 1);
  const deposit = rules.depositNanoErg > safe ? rules.depositNanoErg : safe;

  const successor = new OutputBuilder(gov.valueNanoErg, gov.box.ergoTree)
    .addTokens({ tokenId: gov.governanceId, amount: gov.remaining - 1n })
    .setAdditionalRegisters(gov.box.additionalRegisters as Record<"R4" | "R5", string>)
    .setCreationHeight(ctx.height);
  // Fleet mints a token into one output only; the head's units are moved there after the build.
  const proposal = new OutputBuilder(deposit, PROPOSAL_ERGO_TREE)
    .addTokens({ tokenId: gov.governanceId, amount: 1n })
    .mintToken({ amount: 1n + GOVERNANCE_VOTE_UNITS })
    .setAdditionalRegisters(registers)
    .setCreationHeight(ctx.height);
  const head = new OutputBuilder(VOTE_BOX_NANOERG, VOTE_ERGO_TREE)
    .setAdditionalRegisters(voteRegisters(GOVERNANCE_KEY_MIN, GOVERNANCE_KEY_MAX, null))
    .setCreationHeight(ctx.height);
  const tx = walletPaidTx(
    { inputs: [gov.box], outputs: [successor, proposal, head], dataInputs: [account.box, community.box] },
    ctx,
    deposit + VOTE_BOX_NANOERG,
  );
  const [, p, h] = tx.outputs;
  p!.assets = [{ tokenId: gov.governanceId, amount: "1" }, { tokenId: gov.boxId, amount: "1" }];
  h!.assets = [{ tokenId: gov.boxId, amount: GOVERNANCE_VOTE_UNITS.toString() }];
  return tx;
}
