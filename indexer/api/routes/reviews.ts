/** `GET /accounts/{accountId}/reviews` and `GET /accounts/{accountId}/reputation` (docs/marketplace.md, "Reputation"). */
import type { FastifyPluginAsync } from "fastify";
import { accountReputation, accountReviews, type ReviewView } from "../../db/queries/reputation.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { count, format, hexId, height, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

/** A decimal with two places: a score, a mean, a weight. */
export const twoDecimals = { type: "string", pattern: "^[0-9]+\\.[0-9]{2}$", description: "a decimal with 2 places" } as const;

export const reviewSchema = record({
  paymentTxId: { ...hexId, description: "the payment reviewed" },
  payee: { ...hexId, description: "the account reviewed" },
  reviewer: { ...hexId, description: "the paying account that wrote it" },
  reviewerName: { ...nullable({ type: "string" }), description: "the reviewer's current profile name" },
  rating: { type: "integer", minimum: 1, maximum: 5 },
  text: nullable({ type: "string" }),
  txId: { ...hexId, description: "the transaction that carried the review" },
  height,
  timestamp: timeMs,
  reviewerPaidMembers: { ...count, description: "distinct members the reviewer has paid in the community" },
  weight: { ...twoDecimals, description: "min(1, reviewerPaidMembers / 5)" },
  counted: { type: "boolean", description: "whether it is the reviewer's newest review of this account: the one the score counts" },
});

export const reputationSchema = record({
  score: { ...nullable(twoDecimals), description: "weighted mean of each reviewer's newest rating, weights min(1, d/5); null without reviews" },
  mean: { ...nullable(twoDecimals), description: "plain mean of the same ratings" },
  count: { ...count, description: "reviews of the account" },
  reviewers: { ...count, description: "distinct reviewers" },
});

/** CSV columns, in this order. */
export const REVIEW_COLUMNS = fields<ReviewView>(
  "paymentTxId", "payee", "reviewer", "reviewerName", "rating", "text", "txId", "height", "timestamp", "reviewerPaidMembers", "weight", "counted",
);

export const reviewRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { accountId: string }; Querystring: PageQuery }>(
      "/accounts/:accountId/reviews",
      {
        schema: {
          summary: "The reviews of an account by those who paid it, newest first, each with its weight",
          tags: ["marketplace"],
          params: idParams("accountId"),
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(reviewSchema), REVIEW_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await accountReviews(db, id, { limit, offset }), "account", id);
        return sendList(reply, format, REVIEW_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { accountId: string } }>(
      "/accounts/:accountId/reputation",
      {
        schema: {
          summary: "An account's reputation: the weighted score, the plain mean, and how many reviews and reviewers",
          tags: ["marketplace"],
          params: idParams("accountId"),
          querystring: query({}),
          response: jsonResponses(reputationSchema),
        },
      },
      async (request) => found(await accountReputation(db, request.params.accountId.toLowerCase()), "account", request.params.accountId),
    );
  };
