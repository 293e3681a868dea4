/**
 * The indexer's REST API: a fastify app over the mirror database, one plugin per resource, JSON
 * schema on every route, OpenAPI at `/docs`. It only reads the chain's mirror; the one thing it
 * writes is the payment orders posted to it (`POST /orders`, for the settlement service). It does
 * not listen: the caller does (the `lets index` command on 127.0.0.1:8080; tests use `inject`).
 *
 * Replies are serialized by the routes' response schemas (fast-json-stringify): a field that is
 * not in the schema is not sent, and amounts are strings already (the queries cast them in SQL),
 * so no bigint ever reaches JSON. There is deliberately no `setReplySerializer`: it would take
 * precedence over the schemas.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { ApiContext } from "./context.ts";
import { notFound, sendError, validationError } from "./errors.ts";
import { collectOpenApi } from "./openapi.ts";
import { jsonResponses, query } from "./schemas.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { batchRoutes } from "./routes/batches.ts";
import { boxRoutes } from "./routes/boxes.ts";
import { communityRoutes } from "./routes/communities.ts";
import { compromiseRoutes } from "./routes/compromises.ts";
import { counterpartyRoutes } from "./routes/counterparties.ts";
import { distributionRoutes } from "./routes/distribution.ts";
import { historyRoutes } from "./routes/history.ts";
import { lineRoutes } from "./routes/lines.ts";
import { dashboardRoutes } from "./routes/dashboard.ts";
import { deskRoutes } from "./routes/desks.ts";
import { escrowRoutes } from "./routes/escrows.ts";
import { loanRoutes } from "./routes/loans.ts";
import { governanceRoutes } from "./routes/governance.ts";
import { underwritingRoutes } from "./routes/underwriting.ts";
import { listingRoutes } from "./routes/listings.ts";
import { marketRoutes } from "./routes/market.ts";
import { networkRoutes } from "./routes/network.ts";
import { orderRoutes } from "./routes/orders.ts";
import { paymentRoutes } from "./routes/payments.ts";
import { profileRoutes } from "./routes/profiles.ts";
import { revenueRoutes } from "./routes/revenue.ts";
import { reviewRoutes } from "./routes/reviews.ts";
import { searchRoutes } from "./routes/search.ts";
import { shopRoutes } from "./routes/shops.ts";
import { statsRoutes } from "./routes/stats.ts";
import { statusRoutes } from "./routes/status.ts";
import { transactionRoutes } from "./routes/transactions.ts";


export interface IndexerApiOptions extends ApiContext {
  /** fastify's logger option; off unless given. */
  logger?: FastifyServerOptions["logger"];
}

/** Builds the API (not listening). */
export function buildIndexerApi(options: IndexerApiOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    // An address or a mistyped id longer than this is answered 400 by its schema, not 404 by the router.
    routerOptions: { maxParamLength: 500 },
    // Unknown query parameters are refused rather than dropped; errors carry the failing schema for messages.
    ajv: { customOptions: { removeAdditional: false, verbose: true } },
    schemaErrorFormatter: validationError,
    frameworkErrors: (error, _request, reply) => void sendError(reply, error),
  });
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  app.setNotFoundHandler((request, reply) => sendError(reply, notFound(`no route ${request.method} ${request.url.slice(0, 200)}`)));

  const openApi = collectOpenApi(app);
  const ctx: ApiContext = { db: options.db, nodeUrl: options.nodeUrl, syncStatus: options.syncStatus, onOrders: options.onOrders };
  for (const routes of [communityRoutes, accountRoutes, paymentRoutes, statsRoutes, networkRoutes, statusRoutes,
    transactionRoutes, boxRoutes, distributionRoutes, counterpartyRoutes, historyRoutes, compromiseRoutes, searchRoutes,
    profileRoutes, lineRoutes, revenueRoutes, orderRoutes, batchRoutes, listingRoutes, reviewRoutes, shopRoutes, marketRoutes, dashboardRoutes, deskRoutes, escrowRoutes, underwritingRoutes, loanRoutes,
    governanceRoutes]) {
    void app.register(routes(ctx));
  }
  app.get(
    "/docs",
    {
      schema: {
        summary: "This API as an OpenAPI 3.1 document",
        querystring: query({}),
        response: jsonResponses({ type: "object", description: "the OpenAPI document", additionalProperties: true }),
      },
    },
    async () => openApi(),
  );
  return app;
}
