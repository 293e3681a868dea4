/**
 * `GET /listings` (search), `GET /listings/{id}`, `GET /accounts/{accountId}/listings` and
 * `GET /accounts/{accountId}/matches`: the marketplace's listings (docs/marketplace.md).
 */
import type { FastifyPluginAsync } from "fastify";
import { CATEGORIES } from "../../../contracts/market/listing.ts";
import { accountListings, getListing, listingPayments, searchListings, type ListingPaymentView, type ListingView } from "../../db/queries/listings.ts";
import { accountMatches, type MatchView } from "../../db/queries/matches.ts";
import type { ApiContext } from "../context.ts";
import { twoDecimals } from "./reviews.ts";
import { type Column, fields, sendList } from "../csv.ts";
import { badRequest, found } from "../errors.ts";
import { amount, count, format, hexId, height, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

export const reputationSummarySchema = record({
  score: { ...nullable(twoDecimals), description: "weighted mean rating (1 to 5) of the reviewers' newest reviews; null without reviews" },
  mean: { ...nullable(twoDecimals), description: "plain mean of the same ratings" },
  count: { ...count, description: "reviews of the author" },
}, "the author's reputation (GET /accounts/{accountId}/reputation)");

export const listingSchema = record({
  id: { ...hexId, description: "the box id of the account input whose note published it" },
  communityId: hexId,
  accountId: { ...hexId, description: "the author's account" },
  authorName: { ...nullable({ type: "string" }), description: "the author's current profile name" },
  kind: { type: "string", enum: ["offer", "want"] },
  title: { type: "string" },
  description: nullable({ type: "string" }),
  category: { type: "string", enum: [...CATEGORIES] },
  price: record({ type: { type: "string", enum: ["fixed", "from", "negotiable"] }, units: { ...nullable(amount), description: "null for a negotiable price" } }),
  location: nullable(record({ lat: { type: "number" }, lon: { type: "number" }, place: nullable({ type: "string" }) })),
  contact: nullable({ type: "string" }),
  expiryHeight: { ...height, description: "it leaves search after this height" },
  status: { type: "string", enum: ["active", "expired", "withdrawn", "author-left"], description: "active: not withdrawn, not expired at the indexed height, the author's account open" },
  publishedTxId: hexId,
  publishedHeight: height,
  updatedTxId: { ...hexId, description: "its newest publish or edit" },
  updatedHeight: height,
  timestamp: { ...timeMs, description: "block time of its publication" },
  distanceKm: { ...nullable({ type: "number" }), description: "from the near point, km; null without near" },
  reputation: reputationSummarySchema,
});

export const matchSchema = record({ mine: listingSchema, theirs: listingSchema });

export const listingPaymentSchema = record({
  txId: hexId, leg: { type: "integer", minimum: 0 }, payer: hexId, payee: hexId, amount, height, timestamp: timeMs,
}, "a payment leg whose payer said it pays for the listing");

const LISTING_PAYMENT_COLUMNS = fields<ListingPaymentView>("txId", "leg", "payer", "payee", "amount", "height", "timestamp");

/** CSV columns of a listing, in this order. */
export const LISTING_COLUMNS: Column<ListingView>[] = [
  ...(["id", "communityId", "accountId", "authorName", "kind", "title", "description", "category"] as const).map((name) => ({ name, get: (l: ListingView) => l[name] })),
  { name: "priceType", get: (l) => l.price.type },
  { name: "priceUnits", get: (l) => l.price.units },
  { name: "lat", get: (l) => l.location?.lat },
  { name: "lon", get: (l) => l.location?.lon },
  { name: "place", get: (l) => l.location?.place },
  ...(["contact", "expiryHeight", "status", "publishedTxId", "publishedHeight", "updatedTxId", "updatedHeight", "timestamp", "distanceKm"] as const)
    .map((name) => ({ name, get: (l: ListingView) => l[name] })),
  { name: "score", get: (l) => l.reputation.score },
  { name: "reviews", get: (l) => l.reputation.count },
];

const MATCH_COLUMNS: Column<MatchView>[] = [
  ...(["id", "kind", "title", "category"] as const).map((f) => ({ name: `mine.${f}`, get: (m: MatchView) => m.mine[f] })),
  ...(["id", "accountId", "authorName", "kind", "title", "category"] as const).map((f) => ({ name: `theirs.${f}`, get: (m: MatchView) => m.theirs[f] })),
];

/** Largest search radius, km. */
export const MAX_RADIUS_KM = 500;

const searchQuery = query({
  ...paging, format,
  q: { type: "string", minLength: 1, maxLength: 200, pattern: "^[^\\u0000]+$", description: "words to find in title and description (websearch syntax: \"quoted phrase\", or, -not)" },
  community: hexId,
  category: { type: "string", enum: [...CATEGORIES] },
  kind: { type: "string", enum: ["offer", "want"] },
  author: { ...hexId, description: "the author's accountId" },
  near: { type: "string", pattern: "^-?[0-9]{1,3}(\\.[0-9]{1,9})?,-?[0-9]{1,3}(\\.[0-9]{1,9})?$", description: "lat,lon in degrees: nearest first" },
  radiusKm: { type: "number", exclusiveMinimum: 0, maximum: MAX_RADIUS_KM, default: 10 },
  status: { type: "string", enum: ["active", "all"], default: "active" },
});

type SearchQuery = PageQuery & { q?: string; community?: string; category?: string; kind?: string; author?: string; near?: string; radiusKm: number; status: "active" | "all" };

/** The point of `near`, refused when outside the globe. */
function point(near: string, radiusKm: number) {
  // The radius is at most MAX_RADIUS_KM: Ajv coerces "1e309" or "Infinity" to Infinity and checks
  // exclusiveMinimum and maximum on finite numbers only, so an infinite radius reaches here.
  if (!Number.isFinite(radiusKm)) throw badRequest(`radiusKm must be a number of km above 0 and at most ${MAX_RADIUS_KM}, got ${radiusKm}`);
  const [lat, lon] = near.split(",").map(Number) as [number, number];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw badRequest(`near must be lat,lon within -90..90 and -180..180, got ${near}`);
  return { lat, lon, radiusKm };
}

export const listingRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Querystring: SearchQuery }>(
      "/listings",
      {
        schema: {
          summary: "Search listings: by rank with q, else nearest first with near, else newest first (active ones unless status=all)",
          tags: ["marketplace"],
          querystring: searchQuery,
          response: listResponses(pagedList(listingSchema), LISTING_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const { limit, offset, format, q, community, category, kind, author, near, radiusKm, status } = request.query;
        const search = {
          ...(q !== undefined ? { q } : {}), ...(community ? { communityId: community.toLowerCase() } : {}), ...(category ? { category } : {}),
          ...(kind ? { kind } : {}), ...(author ? { author: author.toLowerCase() } : {}), ...(near ? { near: point(near, radiusKm) } : {}), status,
        };
        const page = await searchListings(db, search, { limit, offset });
        return sendList(reply, format, LISTING_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { id: string } }>(
      "/listings/:id",
      { schema: { summary: "One listing, whatever its status", tags: ["marketplace"], params: idParams("id"), querystring: query({}), response: jsonResponses(listingSchema) } },
      async (request) => found(await getListing(db, request.params.id.toLowerCase()), "listing", request.params.id),
    );

    app.get<{ Params: { id: string }; Querystring: PageQuery }>(
      "/listings/:id/payments",
      {
        schema: {
          summary: "The payment legs that said they pay for a listing (its reference recorded: the author paid, in the listing's community), newest first",
          tags: ["marketplace"],
          params: idParams("id"),
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(listingPaymentSchema), LISTING_PAYMENT_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.id.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await listingPayments(db, id, { limit, offset }), "listing", id);
        return sendList(reply, format, LISTING_PAYMENT_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { accountId: string }; Querystring: PageQuery }>(
      "/accounts/:accountId/listings",
      {
        schema: {
          summary: "Every listing of an account, whatever its status, newest first",
          tags: ["marketplace"],
          params: idParams("accountId"),
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(listingSchema), LISTING_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await accountListings(db, id, { limit, offset }), "account", id);
        return sendList(reply, format, LISTING_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { accountId: string }; Querystring: PageQuery }>(
      "/accounts/:accountId/matches",
      {
        schema: {
          summary: "The account's active wants against other members' active offers in its community, and its offers against their wants (same category or a shared title word), best first",
          tags: ["marketplace"],
          params: idParams("accountId"),
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(matchSchema), MATCH_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await accountMatches(db, id, { limit, offset }), "account", id);
        return sendList(reply, format, MATCH_COLUMNS, page.items, { ...page, limit, offset });
      },
    );
  };
