/** `GET /communities/{communityId}/revenue?bucket=`: an economics community's revenue per period of blocks. */
import type { FastifyPluginAsync } from "fastify";
import { communityRevenue, MAX_REVENUE_BUCKETS, TooManyBuckets, type EconomicsTotalsView, type RevenueBucketView } from "../../db/queries/economics.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { badRequest, found } from "../errors.ts";
import { amount, format, hexId, height, idParams, listResponses, MAX_INT4, query, record, type Format } from "../schemas.ts";

const totalsProperties = {
  fees: { ...amount, description: "usage fees charged (the community's from then on, held in the payers' accounts until swept)" },
  demurrage: { ...amount, description: "demurrage charged (in payments, top-ups and sweeps)" },
  swept: { ...amount, description: "charges moved into the community balance by sweeps" },
  collectedAtExit: { ...amount, description: "charges the community balance took with the accounts that closed" },
  outstanding: { ...amount, description: "charges held in accounts, not swept yet" },
  allowanceIssued: { ...amount, description: "newcomer allowance issued from the community balance at joins" },
  allowanceSpent: { ...amount, description: "allowance newcomers spent on purchases" },
  allowanceReturned: { ...amount, description: "unused allowance returned to the community balance at exits" },
  allowanceOutstanding: { ...amount, description: "allowance issued and neither spent nor returned" },
} as const;

/** The totals fields, in their CSV order. */
export const TOTALS_FIELDS = Object.keys(totalsProperties) as (keyof EconomicsTotalsView)[];

/** An economics community's totals (`/communities/{communityId}`). */
export const economicsTotalsSchema = record(totalsProperties, "what an economics community charged, collected and issued, and what its open accounts hold");

export const revenueBucketSchema = record({
  fromHeight: { ...height, description: "the period's first height, inclusive (the range's start clips the first period)" },
  toHeight: { ...height, description: "the period's last height, inclusive (the range's end clips the last period)" },
  fees: totalsProperties.fees,
  demurrage: totalsProperties.demurrage,
  swept: totalsProperties.swept,
  collectedAtExit: totalsProperties.collectedAtExit,
  allowanceIssued: totalsProperties.allowanceIssued,
  allowanceSpent: totalsProperties.allowanceSpent,
  allowanceReturned: totalsProperties.allowanceReturned,
  outstanding: { ...amount, description: "charges held in accounts after the period: charged so far less swept and collected at exits" },
  allowanceOutstanding: { ...amount, description: "allowance issued so far less spent and returned, after the period" },
});

/** CSV columns of the revenue, in this order. */
export const REVENUE_COLUMNS = fields<RevenueBucketView>(
  "fromHeight", "toHeight", "fees", "demurrage", "swept", "collectedAtExit", "allowanceIssued", "allowanceSpent", "allowanceReturned", "outstanding", "allowanceOutstanding",
);

interface RevenueQuerystring {
  bucket: number;
  fromHeight?: number;
  toHeight?: number;
  format: Format;
}

export const revenueRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: RevenueQuerystring }>(
      "/communities/:communityId/revenue",
      {
        schema: {
          summary: "An economics community's revenue per period of blocks: fees, demurrage, swept, allowance, and what accounts hold after each",
          tags: ["communities"],
          params: idParams("communityId"),
          querystring: query({
            bucket: { type: "integer", minimum: 1, maximum: MAX_INT4, default: 720, description: `blocks per period (periods start at multiples of it); at most ${MAX_REVENUE_BUCKETS} periods per answer` },
            fromHeight: { ...height, description: "lowest block height, inclusive (default: the community's creation)" },
            toHeight: { ...height, description: "highest block height, inclusive (default: the latest indexed block)" },
            format,
          }),
          response: listResponses(
            record({
              communityId: hexId, bucket: { type: "integer", minimum: 1 }, fromHeight: height, toHeight: height,
              items: { type: "array", items: revenueBucketSchema },
            }),
            REVENUE_COLUMNS.map((c) => c.name),
          ),
        },
      },
      async (request, reply) => {
        const communityId = request.params.communityId.toLowerCase();
        const { bucket, fromHeight, toHeight, format } = request.query;
        if (fromHeight !== undefined && toHeight !== undefined && fromHeight > toHeight) throw badRequest("fromHeight must not exceed toHeight");
        let revenue;
        try {
          revenue = found(await communityRevenue(db, communityId, { bucket, fromHeight, toHeight }), "community", communityId);
        } catch (error) {
          if (error instanceof TooManyBuckets) throw badRequest(error.message);
          throw error;
        }
        return sendList(reply, format, REVENUE_COLUMNS, revenue.items, { communityId, bucket, ...revenue });
      },
    );
  };
