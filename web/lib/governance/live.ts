/**
 * Governance as the node has it now (docs/web.md "Governance"): the governance box and the open
 * proposals holding a unit of its token, a proposal's vote boxes, and a live proposal as the pages
 * show it (its change before → after against the live community box). Decoded by the contracts'
 * own decoders, mempool applied; used by the server's pages and the browser's actions alike.
 */
import type { Community } from "$contracts/community/community.ts";
import { policyFromValues } from "$contracts/community/community.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import {
  decodeGovernance, decodeProposal, decodeVote, isCounted, proposalPhase, type GovernanceBox, type Proposal, type VoteBox, type VoteCounts,
} from "$contracts/governance/governance.ts";
import { hex, utf8 } from "@fleet-sdk/crypto";
import { ErgoAddress } from "@fleet-sdk/core";
import { ownerAddress } from "$ergo/addresses.ts";
import { addressNetwork, type NetworkName } from "$ergo/network.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { toEip12Box } from "$lib/wallet/eip12.ts";
import type { ChangeView, MetadataView, ProposalView } from "./types.ts";
import { policyView } from "./words.ts";

/** The proposal is no longer on the node: closed meanwhile, or never opened. */
export class ProposalNotLive extends InvalidIntent {
  constructor(readonly proposalId: string) {
    super(`proposal ${proposalId.slice(0, 12)}… is no longer open on the node: it was carried out or closed`);
  }
}

/** The governance box of `governanceId` and the open proposals holding a unit of its token, mempool applied. */
export async function liveGovernance(node: NodeClient, governanceId: string): Promise<{ governance: GovernanceBox | undefined; proposals: Proposal[] }> {
  const boxes = (await node.allUnspentByTokenId(governanceId)).map(toEip12Box);
  const governance = boxes.map(decodeGovernance).flatMap((d) => (d.ok && d.value.governanceId === governanceId ? [d.value] : []))[0];
  const proposals = boxes.map(decodeProposal).flatMap((d) => (d.ok && d.value.governanceId === governanceId ? [d.value] : []));
  return { governance, proposals };
}

/** A live proposal and its vote boxes (the list's head and every vote not yet counted). */
export async function liveProposal(node: NodeClient, proposalId: string): Promise<{ proposal: Proposal; votes: VoteBox[] }> {
  const boxes = (await node.allUnspentByTokenId(proposalId)).map(toEip12Box);
  const proposal = boxes.map(decodeProposal).flatMap((d) => (d.ok && d.value.proposalId === proposalId ? [d.value] : []))[0];
  if (!proposal) throw new ProposalNotLive(proposalId);
  const votes = boxes.map(decodeVote).flatMap((d) => (d.ok && d.value.proposalId === proposalId ? [d.value] : []));
  return { proposal, votes };
}

/** Counted votes plus the votes cast and not yet counted: what the tally will reach. */
export function liveCounts(proposal: Proposal, votes: readonly VoteBox[]): VoteCounts {
  const counts = { ...proposal.counts };
  for (const v of votes) if (v.choice !== null && v.key >= proposal.cursor) counts[v.choice] += 1n;
  return counts;
}

/** A recipient's ErgoTree as an address on `network` (P2PK or P2S). */
const treeAddress = (ergoTree: string, network: NetworkName): string => ErgoAddress.fromErgoTree(ergoTree, addressNetwork(network)).encode(addressNetwork(network));

/** Metadata bytes as people read them: the JSON object, or else its text. */
export function metadataOf(metadataHex: string): MetadataView {
  const text = utf8.encode(hex.decode(metadataHex));
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as MetadataView;
  } catch {
    // not JSON: shown as its text (the contract takes any bytes; the builder only writes JSON)
  }
  return { text };
}

/** The proposal's change against the live community (the value it would replace). */
export function changeViewOf(p: Proposal, community: Community, network: NetworkName): ChangeView {
  const c = p.change;
  switch (c.kind) {
    case "policy": return { kind: "policy", before: policyView(community.policy), after: policyView(policyFromValues(c.policy)) };
    case "metadata": return { kind: "metadata", before: { ...community.metadata }, after: metadataOf(c.metadataHex) };
    case "committee": return { kind: "committee", before: community.committee, after: c.committee };
    case "treasury": return { kind: "treasury", amountNanoErg: c.amountNanoErg, recipient: treeAddress(c.recipientErgoTree, network), treasuryBeforeNanoErg: community.treasuryNanoErg };
  }
}

/** A live proposal as the pages show it, at `height`, with the votes not yet counted added in. */
export function liveProposalView(p: Proposal, votes: readonly VoteBox[], community: Community, height: number, network: NetworkName): ProposalView {
  return {
    proposalId: p.proposalId, communityId: p.communityId, proposer: p.proposer, proposerAddress: ownerAddress(p.proposer, network) ?? null,
    change: changeViewOf(p, community, network), openedHeight: p.openedHeight, endHeight: p.endHeight, seats: p.seats, quorumPpm: p.quorumPpm,
    majorityPpm: p.majorityPpm, vetoBlocks: p.vetoBlocks, depositNanoErg: p.depositNanoErg, counts: liveCounts(p, votes), counted: isCounted(p),
    phase: proposalPhase(p, height), outcome: null, closedHeight: null, closedTxId: null, boxId: p.boxId,
  };
}
