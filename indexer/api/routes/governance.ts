/**
 * Member governance (docs/governance.md): `GET /communities/{communityId}/governance` (the mode, the
 * rules, the switch and a warning when it minted units outside the governance box),
 * `GET /communities/{communityId}/proposals` (open, closed or all, newest proposed first),
 * `GET /proposals/{proposalId}` (what it changes, before and after, its counts and where it stands)
 * and `GET /proposals/{proposalId}/votes` (in key order, each with the tally step that counted it).
 */
import type { FastifyPluginAsync } from "fastify";
import type { NetworkName } from "../../../ergo/network.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList, type Column } from "../csv.ts";
import { found } from "../errors.ts";
import { getProposal, governanceOf, listProposals, listVotes, type ProposalStatus } from "../../db/queries/governance.ts";
import type { ProposalView, VoteView } from "../../db/queries/governance-view.ts";
import { amount, count, format, height, hexId, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

const longText = { type: "string", pattern: "^-?[0-9]+$", description: "a Long register value, in decimal" } as const;
const sigmaProp = { type: "string", pattern: "^[0-9a-f]+$", description: "a serialized SigmaProp (hex)" } as const;
const jsonObject = { type: "object", additionalProperties: true } as const;

const rulesSchema = record({
  quorumPpm: { ...longText, description: "votes cast per million seats taken when a proposal opens" },
  majorityPpm: { ...longText, description: "a proposal passes when for > majorityPpm / 1e6 of (for + against)" },
  depositNanoErg: amount, minWindowBlocks: longText, maxWindowBlocks: longText,
  vetoBlocks: { ...longText, description: "0: members decide alone; > 0: the committee may veto until this long after a vote" },
}, "the governance box's R4");

export const governanceSchema = record({
  communityId: hexId,
  mode: { type: "string", enum: ["committee", "members", "members-with-veto"], description: "committee until the switch; members-with-veto when the rules' vetoBlocks > 0" },
  governanceId: { ...nullable(hexId), description: "the governance token (R8 of the community box); null before the switch" },
  rules: { ...rulesSchema, type: ["object", "null"] },
  proposalsLeft: { ...nullable(amount), description: "proposals that may still open: the live governance box's units less the one that stays" },
  governanceBoxId: { ...nullable(hexId), description: "the live governance box" },
  switchHeight: nullable(height),
  switchTxId: nullable(hexId),
  minted: { ...nullable(amount), description: "governance units the switch minted" },
  misplacedUnits: { ...nullable(amount), description: "of those, the units the switch put anywhere but the governance box" },
  warning: { type: ["string", "null"], description: "set when misplacedUnits > 0: a holder of such a unit can change the rules alone" },
  proposals: record({ open: count, closed: count }),
});

const policyTerms = record({
  creditLimit: amount, positiveCap: amount, joinFeeNanoErg: amount, collateralNanoErg: amount, maxMembers: amount, inactivityBlocks: amount,
}, "a whole community policy (R4 values 0..5)");

const changeSchema = {
  type: "object", required: ["kind"], additionalProperties: false, description: "what the proposal changes, written when it opened; the fields of its kind",
  properties: {
    kind: { type: "string", enum: ["policy", "metadata", "committee", "treasury"] },
    policy: { ...policyTerms, type: ["object", "null"], description: "policy: the whole new policy; null when R9 does not hold the plain six values (it could not execute)" },
    values: { type: "array", items: longText, description: "policy: R9's values as written, in order" },
    metadataHex: { type: "string", pattern: "^[0-9a-f]*$", description: "metadata: the new R6 bytes" },
    metadata: { ...jsonObject, type: ["object", "null"], description: "metadata: the new R6 as JSON; null when it is not a JSON object" },
    committee: { ...sigmaProp, description: "committee: the new committee" },
    amountNanoErg: { ...amount, description: "treasury: the payment" },
    recipientErgoTree: { type: "string", pattern: "^[0-9a-f]+$", description: "treasury: the recipient's ErgoTree" },
    recipient: { type: "string", description: "treasury: the recipient's address, when the indexer knows its network" },
  },
} as const;

const termsSchema = {
  type: ["object", "null"], additionalProperties: false, description: "the community in the change's terms: one field, the one the change replaces",
  properties: {
    policy: { ...policyTerms, type: ["object", "null"] },
    metadata: { ...jsonObject, type: ["object", "null"] },
    committee: sigmaProp,
    treasuryNanoErg: { ...amount, description: "a payment: the treasury" },
  },
} as const;

export const proposalSchema = record({
  proposalId: { ...hexId, description: "the proposal's token: the id of the governance box it spent" },
  communityId: hexId, governanceId: hexId,
  proposer: { ...sigmaProp, description: "R7: whose key gets the deposit back" },
  proposerAddress: { type: ["string", "null"], description: "the proposer's P2PK address; null for another key or when the indexer does not know its network" },
  kind: { type: "string", enum: ["policy", "metadata", "committee", "treasury"] },
  change: changeSchema,
  before: { ...termsSchema, description: "live: the community now; executed: the community box the execution spent; otherwise null" },
  after: { ...termsSchema, description: "live: the community with the change; executed: the box it created; otherwise the change's new value (null for a payment)" },
  openedHeight: longText, endHeight: { ...longText, description: "votes go in before it; the tally runs from it" },
  seats: { ...longText, description: "seats taken when it opened: the quorum's base" },
  quorumPpm: longText, majorityPpm: longText, vetoBlocks: longText, depositNanoErg: amount,
  counts: record({ for: amount, against: amount, abstain: amount }, "the units of the votes counted so far, by choice"),
  votesCast: count, votesCounted: count,
  cursor: { ...amount, description: "R5: the key of the next vote to count (-1 at first, 2^192 once all are counted)" },
  counted: { type: "boolean", description: "every vote is counted" },
  quorumReached: { type: "boolean", description: "by the counts so far" },
  majority: { type: "boolean", description: "by the counts so far" },
  phase: {
    type: ["string", "null"], enum: ["voting", "tallying", "vetoable", "executable", "rejected", "no-quorum", "expired", null],
    description: "where a live proposal stands at `height`; null once closed",
  },
  executionWindow: record({ from: longText, until: { ...longText, description: "the deadline: from it, it can only be forfeited" } }, "heights a passed proposal executes in"),
  outcome: { type: ["string", "null"], enum: ["executed", "refunded", "vetoed", "forfeited", "lost", null], description: "how it closed; null while live (lost: storage rent took it)" },
  closedHeight: nullable(height), closedTxId: nullable(hexId),
  boxId: { ...nullable(hexId), description: "the live proposal box; null once closed" },
  proposedHeight: height, proposedTxId: hexId, proposedTimestamp: timeMs,
  height: { ...height, description: "the HEIGHT phases are judged at: the indexed tip + 1" },
});

export const voteSchema = record({
  accountId: { ...nullable(hexId), description: "the account that voted, once the indexer matched its key" },
  voterKey: { type: "string", pattern: "^[0-9a-f]{48}$", description: "the first 24 bytes of the accountId, hex" },
  choice: { type: "string", enum: ["for", "against", "abstain"] },
  height, txId: hexId, timestamp: timeMs,
  counted: { type: "boolean" }, countedHeight: nullable(height), countedTxId: nullable(hexId),
});

export const PROPOSAL_COLUMNS: Column<ProposalView>[] = [
  ...fields<ProposalView>("proposalId", "communityId", "governanceId", "proposer", "proposerAddress", "kind", "openedHeight", "endHeight", "seats", "quorumPpm", "majorityPpm", "vetoBlocks", "depositNanoErg"),
  ...(["for", "against", "abstain"] as const).map((c) => ({ name: c, get: (p: ProposalView) => p.counts[c] })),
  ...fields<ProposalView>("votesCast", "votesCounted", "counted", "quorumReached", "majority", "phase", "outcome", "closedHeight", "closedTxId", "boxId", "proposedHeight", "proposedTxId", "proposedTimestamp", "height", "change", "before", "after"),
];
export const VOTE_COLUMNS = fields<VoteView>("accountId", "voterKey", "choice", "height", "txId", "timestamp", "counted", "countedHeight", "countedTxId");

export const governanceRoutes =
  ({ db, network }: ApiContext & { network?: NetworkName }): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string } }>(
      "/communities/:communityId/governance",
      {
        schema: {
          summary: "Who decides a community's rules (the committee, or its members after the switch), the voting rules and the switch", tags: ["governance"],
          params: idParams("communityId"), querystring: query({}), response: jsonResponses(governanceSchema),
        },
      },
      async (request) => {
        const id = request.params.communityId.toLowerCase();
        return found(await governanceOf(db, id), "community", id);
      },
    );

    app.get<{ Params: { communityId: string }; Querystring: PageQuery & { status: ProposalStatus } }>(
      "/communities/:communityId/proposals",
      {
        schema: {
          summary: "A community's proposals, newest proposed first: what each changes, its counts and where it stands", tags: ["governance"],
          params: idParams("communityId"),
          querystring: query({ status: { type: "string", enum: ["open", "closed", "all"], default: "all", description: "open: not yet closed; closed: executed, refunded, vetoed, forfeited or lost" }, ...paging, format }),
          response: listResponses(pagedList(proposalSchema), PROPOSAL_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { status, limit, offset, format } = request.query;
        const page = found(await listProposals(db, id, status, { limit, offset }, network), "community", id);
        return sendList(reply, format, PROPOSAL_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { proposalId: string } }>(
      "/proposals/:proposalId",
      {
        schema: {
          summary: "A proposal: its change before and after, its counts, quorum, majority, phase and outcome", tags: ["governance"],
          params: idParams("proposalId"), querystring: query({}), response: jsonResponses(proposalSchema),
        },
      },
      async (request) => {
        const id = request.params.proposalId.toLowerCase();
        return found(await getProposal(db, id, network), "proposal", id);
      },
    );

    app.get<{ Params: { proposalId: string }; Querystring: PageQuery }>(
      "/proposals/:proposalId/votes",
      {
        schema: {
          summary: "A proposal's votes in key order, each with the tally step that counted it", tags: ["governance"],
          params: idParams("proposalId"), querystring: query({ ...paging, format }),
          response: listResponses(pagedList(voteSchema), VOTE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.proposalId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await listVotes(db, id, { limit, offset }), "proposal", id);
        return sendList(reply, format, VOTE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );
  };
