/** `GET /communities` and `GET /communities/{communityId}`. */
import type { FastifyPluginAsync } from "fastify";
import { getCommunity, listCommunities, type CommunityView } from "../../db/queries/communities.ts";
import type { ApiContext } from "../context.ts";
import { sendList, type Column } from "../csv.ts";
import { found } from "../errors.ts";
import {
  amount, count, format, hexId, height, idParams, jsonResponses, leversSchema, listResponses, metadataSchema, nullable, pagedList, paging, policySchema, query, record,
  type PageQuery,
} from "../schemas.ts";
import { economicsTotalsSchema, TOTALS_FIELDS } from "./revenue.ts";

export const communitySchema = record({
  communityId: hexId,
  genesisTxId: hexId,
  createdHeight: height,
  boxId: { ...hexId, description: "the live community box" },
  committee: { type: "string", description: "R5, the committee SigmaProp (hex)" },
  metadata: metadataSchema,
  policy: policySchema,
  members: { ...count, description: "open accounts now" },
  membersJoined: { ...amount, description: "R7: joins ever" },
  seatsLeft: amount,
  communityBalance: { ...amount, description: "R7: minus the sum of all balances" },
  moneySupply: { ...amount, description: "sum of the positive balances" },
  creditInUse: { ...amount, description: "minus the sum of the negative balances" },
  treasuryNanoErg: amount,
  metadataProblem: { type: ["string", "null"], description: "why R6 is not valid metadata (the community is kept, metadata is a fallback holding the raw text); null when it is" },
  compromises: { ...count, description: "compromise flags raised against the community (GET /communities/{communityId}/compromises lists them); 0 for a sound community" },
  imbalance: { ...amount, description: "sum(balances) + communityBalance: 0 unless a compromise broke the books" },
  dormantFromHeight: { ...height, description: "from this height anyone may refresh the community box (its creation height + the dormancy window)" },
  boxSpentHeight: { ...nullable(height), description: "null while the community box is live; when a compromise left none, the height its last box (boxId) was spent" },
  economics: {
    ...nullable(economicsTotalsSchema),
    description: "an economics community's totals (docs/economics.md): fees + demurrage = swept + collectedAtExit + outstanding; allowanceIssued = allowanceSpent + allowanceReturned + allowanceOutstanding. null for a plain community",
  },
});

/** CSV columns of community lists, in this order: metadata and policy flattened. */
export const COMMUNITY_COLUMNS: Column<CommunityView>[] = [
  { name: "communityId", get: (c) => c.communityId },
  { name: "name", get: (c) => c.metadata.name },
  { name: "symbol", get: (c) => c.metadata.symbol },
  { name: "description", get: (c) => c.metadata.description },
  { name: "decimals", get: (c) => c.metadata.decimals },
  ...(["creditLimit", "positiveCap", "joinFeeNanoErg", "collateralNanoErg", "maxMembers", "inactivityBlocks"] as const).map((key) => ({
    name: key,
    get: (c: CommunityView) => c.policy[key],
  })),
  ...([
    "committee", "members", "membersJoined", "seatsLeft", "communityBalance", "moneySupply", "creditInUse", "treasuryNanoErg", "createdHeight", "genesisTxId", "boxId",
    "metadataProblem", "compromises", "imbalance", "dormantFromHeight", "boxSpentHeight",
  ] as const).map((key) => ({ name: key, get: (c: CommunityView) => c[key] })),
  // Economics (empty for a plain community): the levers, then the totals.
  ...(Object.keys(leversSchema.properties) as (keyof typeof leversSchema.properties)[]).map((key) => ({
    name: key,
    get: (c: CommunityView) => c.policy.economics?.[key] ?? null,
  })),
  ...TOTALS_FIELDS.map((key) => ({ name: key, get: (c: CommunityView) => c.economics?.[key] ?? null })),
];

export const communityRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Querystring: PageQuery }>(
      "/communities",
      {
        schema: {
          summary: "Every community with a valid genesis, oldest first",
          tags: ["communities"],
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(communitySchema), COMMUNITY_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const { limit, offset, format } = request.query;
        const page = await listCommunities(db, { limit, offset });
        return sendList(reply, format, COMMUNITY_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { communityId: string } }>(
      "/communities/:communityId",
      {
        schema: {
          summary: "One community: policy, metadata, committee, members and totals",
          tags: ["communities"],
          params: idParams("communityId"),
          querystring: query({}),
          response: jsonResponses(communitySchema),
        },
      },
      async (request) => {
        const id = request.params.communityId.toLowerCase();
        return found(await getCommunity(db, id), "community", id);
      },
    );
  };
