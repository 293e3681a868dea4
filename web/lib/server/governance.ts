/**
 * What the governance pages read (docs/web.md "Governance"). Live state comes from the node and is
 * decoded by the contracts (the mode, the rules, open proposals with the votes cast so far, the
 * change against the live community box); history from the indexer's governance routes
 * (`/communities/{id}/governance`, `/communities/{id}/proposals`, `/proposals/{id}`,
 * `/proposals/{id}/votes`). An indexer without them (404) has no history: null, never an error page.
 */
import { error } from "@sveltejs/kit";
import type { Community } from "$contracts/community/community.ts";
import type { ProposalPhase } from "$contracts/governance/governance.ts";
import { ErgoAddress } from "@fleet-sdk/core";
import { ownerAddress } from "$ergo/addresses.ts";
import { parseJson } from "$ergo/json.ts";
import { addressNetwork, type NetworkName } from "$ergo/network.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { proposalDeposit } from "../governance/deposit.ts";
import { liveGovernance, liveProposal, liveProposalView, metadataOf, ProposalNotLive } from "../governance/live.ts";
import { policyView } from "../governance/words.ts";
import type { ChangeView, MetadataView, PolicyView, ProposalOutcome, ProposalView, RulesView } from "../governance/types.ts";
import { POLICY_FIELDS } from "../governance/types.ts";
import { liveCommunity, NotLive } from "../wallet/actions.ts";
import { IndexerNotFound, type IndexerClient } from "./indexer.ts";

/** The indexer's `/communities/{id}/governance`, amounts as bigint. */
export interface GovernanceSummary {
  communityId: string;
  mode: "committee" | "members" | "members-with-veto";
  governanceId: string | null;
  rules: RulesView | null;
  proposalsLeft: bigint | null;
  governanceBoxId: string | null;
}

/** A vote as the indexer lists it. */
export interface VoteRow {
  accountId: string;
  choice: string;
  height: number | null;
  txId: string | null;
  counted: boolean | null;
}

type Json = Record<string, unknown>;

/** A decimal string or a safe integer as bigint; null when absent. */
function big(value: unknown): bigint | null {
  if (typeof value === "bigint") return value;
  if (typeof value === "string" && /^-?[0-9]+$/.test(value)) return BigInt(value);
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  return null;
}
const need = (value: unknown, what: string): bigint => {
  const v = big(value);
  if (v === null) throw new SyntaxError(`${what} is not a whole number: ${String(value)}`);
  return v;
};
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const obj = (value: unknown): Json | null => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null);

const RULE_KEYS = ["quorumPpm", "majorityPpm", "depositNanoErg", "minWindowBlocks", "maxWindowBlocks", "vetoBlocks"] as const;
const rulesOf = (raw: unknown): RulesView | null => {
  const r = obj(raw);
  return r ? (Object.fromEntries(RULE_KEYS.map((k) => [k, need(r[k], k)])) as unknown as RulesView) : null;
};

/** A policy written as an object of its fields or as the R4 list of values. */
function policyOf(raw: unknown): PolicyView | null {
  if (Array.isArray(raw)) return raw.length >= 6 ? (Object.fromEntries(POLICY_FIELDS.map((f, i) => [f, need(raw[i], f)])) as unknown as PolicyView) : null;
  const p = obj(raw);
  return p ? (Object.fromEntries(POLICY_FIELDS.map((f) => [f, need(p[f], f)])) as unknown as PolicyView) : null;
}

const addressOfTree = (tree: string, network: NetworkName): string => ErgoAddress.fromErgoTree(tree, addressNetwork(network)).encode(addressNetwork(network));

/** The change of an indexer proposal: its structured `change` and, when given, `before` and `after`. */
export function changeFromIndexer(p: Json, network: NetworkName): ChangeView {
  const change = obj(p.change) ?? {};
  const kind = str(change.kind) ?? str(p.kind);
  const [before, after] = [p.before ?? change.before ?? null, p.after ?? change.after ?? null];
  // `{ policy: … }` or the value itself; a field present but null stays null.
  const field = (v: unknown, key: string): unknown => {
    const o = obj(v);
    return o && key in o ? o[key] : v;
  };
  switch (kind) {
    case "policy": {
      // R9 of another length than six (it could never execute): its first six values.
      const next = policyOf(field(after, "policy")) ?? policyOf(change.policy) ?? policyOf(change.values);
      if (!next) throw new SyntaxError("a policy proposal without its new policy");
      return { kind, before: policyOf(field(before, "policy")), after: next };
    }
    case "metadata": {
      // Bytes that are no JSON object (the indexer sends metadata null) are shown as their text.
      const hexBytes = str(change.metadataHex);
      const next = obj(field(after, "metadata")) ?? obj(change.metadata) ?? (hexBytes !== null && /^([0-9a-f]{2})*$/i.test(hexBytes) ? metadataOf(hexBytes) : null);
      if (!next) throw new SyntaxError("a metadata proposal without its new metadata");
      return { kind, before: obj(field(before, "metadata")) as MetadataView | null, after: next as MetadataView };
    }
    case "committee": {
      const next = str(field(after, "committee")) ?? str(change.committee);
      if (!next) throw new SyntaxError("a committee proposal without its new committee");
      return { kind, before: str(field(before, "committee")), after: next };
    }
    case "treasury": {
      const tree = str(change.recipientErgoTree);
      const recipient = str(change.recipient) ?? str(change.recipientAddress) ?? (tree ? addressOfTree(tree, network) : null);
      if (!recipient) throw new SyntaxError("a treasury proposal without its recipient");
      return { kind, amountNanoErg: need(change.amountNanoErg ?? p.amountNanoErg, "amountNanoErg"), recipient, treasuryBeforeNanoErg: big(field(before, "treasuryNanoErg")) };
    }
    default:
      throw new SyntaxError(`unknown proposal kind ${String(kind)}`);
  }
}

const PHASES: readonly string[] = ["voting", "tallying", "vetoable", "executable", "rejected", "no-quorum", "expired"];
const OUTCOMES: readonly string[] = ["executed", "refunded", "vetoed", "forfeited", "lost"];

/** An indexer proposal (open or closed) as the pages show it. */
export function proposalFromIndexer(raw: unknown, network: NetworkName): ProposalView {
  const p = obj(raw);
  if (!p) throw new SyntaxError("a proposal is an object");
  const counts = obj(p.counts) ?? {};
  const proposer = str(p.proposer) ?? "";
  const outcome = str(p.outcome);
  const phase = str(p.phase);
  return {
    proposalId: str(p.proposalId) ?? "", communityId: str(p.communityId) ?? "", proposer,
    proposerAddress: str(p.proposerAddress) ?? (proposer ? ownerAddress(proposer, network) ?? null : null),
    change: changeFromIndexer(p, network),
    openedHeight: need(p.openedHeight, "openedHeight"), endHeight: need(p.endHeight, "endHeight"), seats: need(p.seats, "seats"),
    quorumPpm: need(p.quorumPpm, "quorumPpm"), majorityPpm: need(p.majorityPpm, "majorityPpm"), vetoBlocks: big(p.vetoBlocks) ?? 0n,
    depositNanoErg: need(p.depositNanoErg, "depositNanoErg"),
    counts: { for: big(counts.for ?? p.for) ?? 0n, against: big(counts.against ?? p.against) ?? 0n, abstain: big(counts.abstain ?? p.abstain) ?? 0n },
    counted: p.counted === true,
    phase: phase && PHASES.includes(phase) ? (phase as ProposalPhase) : null,
    outcome: outcome && OUTCOMES.includes(outcome) ? (outcome as ProposalOutcome) : null,
    closedHeight: big(p.closedHeight), closedTxId: str(p.closedTxId), boxId: str(p.boxId),
  };
}

async function getJson(indexer: IndexerClient, path: string, query: Record<string, string> = {}): Promise<unknown | null> {
  try {
    return parseJson(await (await indexer.raw(path, query)).text(), "refuse");
  } catch (error) {
    if (error instanceof IndexerNotFound) return null;
    throw error;
  }
}

/** The indexer's governance summary of a community, or null when it serves none. */
export async function governanceSummary(indexer: IndexerClient, communityId: string): Promise<GovernanceSummary | null> {
  const g = obj(await getJson(indexer, `/communities/${communityId}/governance`));
  if (!g) return null;
  const mode = str(g.mode);
  return {
    communityId, mode: mode === "members" || mode === "members-with-veto" ? mode : "committee", governanceId: str(g.governanceId),
    rules: rulesOf(g.rules), proposalsLeft: big(g.proposalsLeft), governanceBoxId: str(g.governanceBoxId),
  };
}

const itemsOf = (raw: unknown): unknown[] => (Array.isArray(raw) ? raw : Array.isArray(obj(raw)?.items) ? (obj(raw)!.items as unknown[]) : []);

/** The community's proposals of `status` from the indexer, newest first as it sends them; null when it serves none. */
export async function indexedProposals(indexer: IndexerClient, communityId: string, status: "open" | "closed" | "all", network: NetworkName): Promise<ProposalView[] | null> {
  const raw = await getJson(indexer, `/communities/${communityId}/proposals`, { status });
  return raw === null ? null : itemsOf(raw).map((p) => proposalFromIndexer(p, network));
}

/** One proposal from the indexer, or null. */
export async function indexedProposal(indexer: IndexerClient, proposalId: string, network: NetworkName): Promise<ProposalView | null> {
  const raw = await getJson(indexer, `/proposals/${proposalId}`);
  return raw === null ? null : proposalFromIndexer(raw, network);
}

/** A proposal's votes from the indexer ([] when it serves none). */
export async function indexedVotes(indexer: IndexerClient, proposalId: string): Promise<VoteRow[]> {
  const raw = await getJson(indexer, `/proposals/${proposalId}/votes`);
  return itemsOf(raw).flatMap((v) => {
    const o = obj(v);
    const accountId = str(o?.accountId);
    return o && accountId ? [{ accountId, choice: str(o.choice) ?? "", height: typeof o.height === "number" ? o.height : null, txId: str(o.txId), counted: typeof o.counted === "boolean" ? o.counted : null }] : [];
  });
}

/** The live community, its governance box (if members decide) and its open proposals, from the node. */
export async function liveGovernanceOf(node: NodeClient, communityId: string, network: NetworkName) {
  const [community, height] = await Promise.all([liveCommunity(node, communityId), node.height()]);
  if (community.governanceId === null) {
    return { community: plainCommunity(community), height, rules: null, lockedNanoErg: null, proposalsLeft: null, proposals: [] as ProposalView[] };
  }
  const { governance, proposals } = await liveGovernance(node, community.governanceId);
  const views = await Promise.all(proposals.map(async (p) => {
    const { votes } = await liveProposal(node, p.proposalId);
    return liveProposalView(p, votes, community, height + 1, network);
  }));
  views.sort((a, b) => Number(b.openedHeight - a.openedHeight));
  const rules = governance?.rules ?? null;
  return {
    community: plainCommunity(community), height, rules, lockedNanoErg: rules ? typicalDeposit(community, rules, height) : null,
    // one unit stays in the governance box: proposals open while more than one is left
    proposalsLeft: governance ? governance.remaining - 1n : null, proposals: views,
  };
}

/** What a proposal box holds for a rule change under `rules`: the rules' deposit or its storage-safe value. */
export const typicalDeposit = (community: Community, rules: RulesView, height: number): bigint =>
  proposalDeposit({ kind: "policy", before: null, after: policyView(community.policy) }, rules, community.policy.maxMembers - community.seatsLeft, height, rules.minWindowBlocks).depositNanoErg;

/** A live proposal as the page shows it, or null once it is closed. */
export async function liveProposalOf(node: NodeClient, communityId: string, proposalId: string, network: NetworkName): Promise<ProposalView | null> {
  try {
    const [{ proposal, votes }, community, height] = await Promise.all([liveProposal(node, proposalId), liveCommunity(node, communityId), node.height()]);
    return liveProposalView(proposal, votes, community, height + 1, network);
  } catch (error) {
    if (error instanceof ProposalNotLive) return null;
    throw error;
  }
}

/** The community box's fields a page needs (no box: it does not cross to the browser). */
function plainCommunity(c: Community) {
  return {
    communityId: c.communityId, committee: c.committee, governanceId: c.governanceId, treasuryNanoErg: c.treasuryNanoErg, seatsLeft: c.seatsLeft,
    seats: c.policy.maxMembers - c.seatsLeft, policy: { ...c.policy, economics: undefined }, metadata: { ...c.metadata }, economics: c.policy.economics !== undefined,
  };
}

/** Runs a node read for a page: a community the node has no live box of is a 404, a node that does not answer a 503. */
export async function fromNode<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof NotLive) error(404, `The node has no live box of this ${cause.what}`);
    error(503, `The node does not answer; try again in a moment (${cause instanceof Error ? cause.message : String(cause)})`);
  }
}
