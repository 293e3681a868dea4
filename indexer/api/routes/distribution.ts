/** `GET /communities/{communityId}/distribution`: open accounts by balance, in equal-width buckets (from min, or at round edges). */
import type { FastifyPluginAsync } from "fastify";
import { balanceDistribution, type BucketView } from "../../db/queries/distribution.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, count, format, hexId, idParams, listResponses, nullable, query, record, type Format } from "../schemas.ts";

/** One bucket of a distribution. */
export const distributionBucketSchema = record({
  from: { ...amount, description: "lowest balance in the bucket, inclusive" },
  to: { ...amount, description: "highest balance in the bucket, inclusive" },
  count: { ...count, description: "open accounts with a balance in [from, to]" },
});

/** CSV columns of the buckets, in this order. */
export const BUCKET_COLUMNS = fields<BucketView>("from", "to", "count");

/** `/communities/{communityId}/distribution`. */
export const distributionSchema = record({
  communityId: hexId,
  members: { ...count, description: "open accounts (the counts of the buckets add up to it)" },
  negative: { ...count, description: "open accounts in debt" },
  zero: { ...count, description: "open accounts at 0" },
  positive: { ...count, description: "open accounts in credit" },
  min: { ...nullable(amount), description: "lowest open balance; null without open accounts" },
  max: { ...nullable(amount), description: "highest open balance; null without open accounts" },
  bucketWidth: { ...nullable(amount), description: "units per bucket (the last may be narrower); null without open accounts" },
  items: { type: "array", items: distributionBucketSchema },
});

export const distributionRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: { buckets: number; edges: "equal" | "round"; format: Format } }>(
      "/communities/:communityId/distribution",
      {
        schema: {
          summary: "Open accounts by balance: at most `buckets` equal-width buckets of whole units over [min, max] (or with round edges), empty ones included",
          tags: ["communities"],
          params: idParams("communityId"),
          querystring: query({
            buckets: { type: "integer", minimum: 1, maximum: 1000, default: 24, description: "most buckets to answer (with edges=round, at least 2)" },
            edges: {
              type: "string", enum: ["equal", "round"], default: "equal",
              description: "equal: buckets from min to max; round: edges at multiples of the smallest of 1, 2, 5, 10, 20, 50, ... units that fits",
            },
            format,
          }),
          response: listResponses(distributionSchema, BUCKET_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const communityId = request.params.communityId.toLowerCase();
        const distribution = found(await balanceDistribution(db, communityId, request.query.buckets, request.query.edges === "round"), "community", communityId);
        return sendList(reply, request.query.format, BUCKET_COLUMNS, distribution.items, distribution);
      },
    );
  };
