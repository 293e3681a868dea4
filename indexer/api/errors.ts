/**
 * The one place errors become HTTP. Every error body is `{ error, reason, detail }` (the Ergo
 * node's shape): 400 `bad.request` for anything wrong with the request, 404 `not-found` for an
 * unknown id or route, 500 `internal.error` only for our own bugs. Input never reaches a 500:
 * parameters are bounded by their schemas, and a database "data exception" (SQLSTATE class 22,
 * e.g. a value out of a column's range) is the request's fault, so it is a 400 too.
 */
import type { FastifyError, FastifyReply, FastifySchemaValidationError } from "fastify";
import { IndexerError } from "../errors.ts";

/** An error with its HTTP status, reason and detail. */
export class ApiError extends IndexerError {
  constructor(readonly status: number, readonly reason: string, readonly detail: string) {
    super(detail);
  }
}

export const badRequest = (detail: string): ApiError => new ApiError(400, "bad.request", detail);
export const notFound = (detail: string): ApiError => new ApiError(404, "not-found", detail);

/** `value`, or a 404 saying which `what` was not found. */
export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw notFound(`no ${what} ${id}`);
  return value;
}

/** The error body. */
export interface ErrorBody {
  error: number;
  reason: string;
  detail: string;
}

const REASONS: Record<number, string> = {
  404: "not-found",
  405: "method-not-allowed",
  406: "not-acceptable",
  413: "payload-too-large",
  414: "uri-too-long",
  415: "unsupported-media-type",
};

/** The status and body an error becomes. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof ApiError) return { error: error.status, reason: error.reason, detail: error.detail };
  const e = error as Partial<FastifyError> & { code?: unknown };
  if (e.validation) return { error: 400, reason: "bad.request", detail: String(e.message) };
  if (typeof e.code === "string" && e.code.startsWith("22") && e.code.length === 5) {
    return { error: 400, reason: "bad.request", detail: "a parameter is out of range for the data it selects" };
  }
  const status = e.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { error: status, reason: REASONS[status] ?? "bad.request", detail: String(e.message ?? "bad request") };
  }
  return { error: 500, reason: "internal.error", detail: "the indexer failed to answer; the error is in its log" };
}

/** Sends `error` as its error body (always JSON, even if a CSV reply was under way). */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const body = errorBody(error);
  if (body.error >= 500) reply.log.error(error);
  return reply.code(body.error).type("application/json; charset=utf-8").send(body);
}

/** At most 100 characters of something the client sent, for a detail. */
const clip = (text: string): string => (text.length > 100 ? `${text.slice(0, 100)}...` : text);

interface VerboseError extends FastifySchemaValidationError {
  parentSchema?: { type?: unknown; minimum?: number; maximum?: number; description?: string };
}

/** A schema validation failure as a sentence a client can act on ("limit must be an integer 1..1000"). */
export function validationError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const error = errors[0] as VerboseError | undefined;
  if (!error) return badRequest(`invalid ${dataVar}`);
  const name = clip(error.instancePath.replace(/^\//, "")) || dataVar;
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema ?? {};
  const where = dataVar === "querystring" ? "query" : "path";
  switch (error.keyword) {
    case "additionalProperties":
      return badRequest(`unknown ${where} parameter "${clip(String(params.additionalProperty))}"`);
    case "required":
      return badRequest(`${String(params.missingProperty)} is required`);
    case "enum":
      return badRequest(`${name} must be one of: ${(params.allowedValues as unknown[]).join(", ")}`);
    case "type":
    case "minimum":
    case "maximum":
      if (schema.type === "integer") return badRequest(`${name} must be an integer ${schema.minimum}..${schema.maximum}`);
      return badRequest(`${name} ${error.message}`);
    case "pattern":
      return badRequest(`${name} must be ${schema.description ?? `like ${String(params.pattern)}`}`);
    default:
      return badRequest(`${name} ${error.message ?? "is invalid"}`);
  }
}
