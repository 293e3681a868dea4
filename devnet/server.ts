/**
 * The devnet's HTTP server: the Ergo node REST API subset the project uses, with the node's paths,
 * JSON shapes, status codes and error bodies, plus development routes under `/devnet/`.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { parseJson, sourceText, stringifyJson } from "../ergo/json.ts";
import type { DevnetContext } from "./context.ts";
import { NodeError } from "./types.ts";
import { blockRoutes } from "./routes/blocks.ts";
import { transactionRoutes } from "./routes/transactions.ts";
import { utxoRoutes } from "./routes/utxo.ts";
import { blockchainRoutes } from "./routes/blockchain.ts";
import { infoRoutes } from "./routes/info.ts";
import { devnetRoutes } from "./routes/devnet.ts";

/** Largest request body accepted, in bytes (a transaction is at most 98,304 bytes serialized). */
export const BODY_LIMIT = 2 * 1024 * 1024;


/** The node's error body. */
export const errorBody = (status: number, reason: string, detail: string | null) => ({ error: status, reason, detail });

/** Builds the server (not listening yet). */
export function buildServer(ctx: DevnetContext): FastifyInstance {
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, undefined);
    try {
      const value = parseJson(text);
      if (typeof value === "object" && value !== null) sourceText.set(value, text);
      done(null, value);
    } catch (error) {
      // Like the node, string-bodied routes (addresses, trees) also take the bare string.
      if (/^[0-9A-Za-z]+$/.test(text.trim())) return done(null, text.trim());
      done(new NodeError(400, "bad.request", `The request content was malformed: ${(error as Error).message}`), undefined);
    }
  });
  app.setReplySerializer((payload) => stringifyJson(payload));
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(errorBody(404, "not-found", "The requested resource could not be found."));
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (error instanceof NodeError) return reply.code(error.status).send(errorBody(error.status, error.reason, error.detail));
    const status = error.statusCode;
    if (status === 413) return reply.code(413).send(errorBody(413, "payload-too-large", `The request body is larger than ${BODY_LIMIT} bytes`));
    if (status && status >= 400 && status < 500) return reply.code(400).send(errorBody(400, "bad.request", error.message));
    app.log.error(error);
    return reply.code(500).send(errorBody(500, "internal.error", error.message));
  });
  for (const routes of [infoRoutes, blockRoutes, transactionRoutes, utxoRoutes, blockchainRoutes, devnetRoutes]) {
    void app.register(routes(ctx));
  }
  return app;
}
