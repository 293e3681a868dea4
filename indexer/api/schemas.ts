/**
 * JSON schemas the routes share. Each is written once: fastify validates requests and serializes
 * responses with them, and `/docs` assembles the OpenAPI document from the same objects.
 * Amounts (and every value of a `Long` register) are decimal strings; heights and counts numbers.
 */
import type { Range } from "../db/queries/common.ts";
import { badRequest } from "./errors.ts";

/** Largest PostgreSQL `integer`: heights are stored as one. */
export const MAX_INT4 = 2_147_483_647;
export const MAX_PAGE = 1_000;

export const hexId = { type: "string", pattern: "^[0-9a-fA-F]{64}$", description: "64 hexadecimal digits (a 32-byte id)" } as const;
export const amount = { type: "string", pattern: "^-?[0-9]+$", description: "a whole number of units, in decimal" } as const;
export const height = { type: "integer", minimum: 0, maximum: MAX_INT4 } as const;
export const timeMs = { type: "integer", minimum: 0, maximum: 8_640_000_000_000_000, description: "ms since the Unix epoch" } as const;
export const count = { type: "integer", minimum: 0 } as const;
/** `schema` or null. Typed exactly, so `FromSchema` (indexer/api/types.ts) reads it. */
export const nullable = <const S extends { type: string }>(schema: S) =>
  ({ ...schema, type: [schema.type, "null"] }) as Omit<S, "type"> & { readonly type: readonly [S["type"], "null"] };

/** A payment leg's ERG part (a mixed payment): what the payee's owner received beside the units. */
export const ergPart = {
  ...nullable({ type: "string", pattern: amount.pattern }),
  description: "nanoERG the payee's owner received in the same transaction (a mixed payment), in decimal; \"0\" when none; null on a cross payment's leg and on a leg indexed before the indexer recorded it (a resync fills it)",
} as const;

/** Path parameters: each a hex id. */
export function idParams(...names: string[]) {
  return {
    type: "object",
    required: names,
    additionalProperties: false,
    properties: Object.fromEntries(names.map((name) => [name, hexId])),
  };
}

/** A query string with these parameters; unknown parameters are refused. */
export const query = (properties: Record<string, object>) => ({ type: "object", additionalProperties: false, properties });

export const format = { type: "string", enum: ["json", "csv"], default: "json", description: "csv: RFC 4180, header row, CRLF" } as const;
export type Format = "json" | "csv";
export const paging = {
  limit: { type: "integer", minimum: 1, maximum: MAX_PAGE, default: 100 },
  offset: { type: "integer", minimum: 0, maximum: MAX_INT4, default: 0 },
} as const;
export const order = { type: "string", enum: ["asc", "desc"], default: "desc" } as const;
export const range = {
  fromHeight: { ...height, description: "lowest block height, inclusive" },
  toHeight: { ...height, description: "highest block height, inclusive" },
  fromTime: { ...timeMs, description: "earliest block time (ms), inclusive" },
  toTime: { ...timeMs, description: "latest block time (ms), inclusive" },
} as const;

/** Query parameters after validation and defaults. */
export interface PageQuery {
  limit: number;
  offset: number;
  format: Format;
}
export type RangeQuery = Range;

/** The range of a query; refuses a range whose lower bound is above its upper bound. */
export function rangeOf(q: RangeQuery): Range {
  if (q.fromHeight !== undefined && q.toHeight !== undefined && q.fromHeight > q.toHeight) throw badRequest("fromHeight must not exceed toHeight");
  if (q.fromTime !== undefined && q.toTime !== undefined && q.fromTime > q.toTime) throw badRequest("fromTime must not exceed toTime");
  const { fromHeight, toHeight, fromTime, toTime } = q;
  return { fromHeight, toHeight, fromTime, toTime };
}

export const errorSchema = {
  type: "object",
  description: "an error",
  required: ["error", "reason", "detail"],
  properties: { error: { type: "integer" }, reason: { type: "string" }, detail: { type: "string" } },
} as const;

/**
 * An object schema whose every property is required and which has no others (fastify's serializer
 * drops any others anyway). Typed exactly, so `FromSchema` (indexer/api/types.ts) reads it.
 */
export function record<const P extends Record<string, object>>(properties: P, description?: string) {
  const required = Object.keys(properties) as (keyof P & string)[];
  return { type: "object", ...(description === undefined ? {} : { description }), required, additionalProperties: false, properties } as const;
}

/** The levers an economics account fixed at join (R6 values 5..13; docs/economics.md): in an account and its boxes. */
export const accountLeverProperties = {
  demurragePpm: { ...amount, description: "demurrage: parts per million of a positive balance per demurragePeriod blocks" },
  demurragePeriod: { ...amount, description: "blocks per demurrage period (at least 1)" },
  feeBps: { ...amount, description: "usage fee: basis points of what a payer sends, rounded up" },
  feeMin: { ...amount, description: "the least usage fee of a payment that sends anything" },
  turnoverPpm: { ...amount, description: "earned credit limit: parts per million of what the account received" },
  stepUnits: { ...amount, description: "earned credit limit: units more per stepBlocks of membership" },
  stepBlocks: { ...amount, description: "blocks per step (0: no steps)" },
  maxCreditLimit: { ...amount, description: "the earned credit limit never exceeds this" },
  newcomerBlocks: { ...amount, description: "blocks after joining in which the allowance may be spent (at most half of each purchase)" },
} as const;

/** An economics account box's levers and R9 (docs/economics.md): in an account box, and at the heart of an account's `economics`. */
export const accountBoxEconomicsProperties = {
  terms: record(accountLeverProperties, "the levers fixed at join (R6 values 5..13)"),
  accrued: { ...amount, description: "R9: usage fees and demurrage charged, not yet swept into the community balance" },
  chargedHeight: { ...height, description: "R9: demurrage is charged up to this height" },
  received: { ...amount, description: "R9: everything the account has received (the earned limit's turnover; stops at 2^62)" },
  allowance: { ...amount, description: "R9: newcomer allowance not yet spent" },
  carry: { ...amount, description: "R9: the part of a unit of demurrage owed, in units of 1 / (1,000,000 × demurragePeriod)" },
} as const;

/** R4 values 6..16: the levers of an economics community (docs/economics.md); in a community and in each of its boxes. */
export const leversSchema = record(
  {
    ...accountLeverProperties,
    allowance: { ...amount, description: "units issued to each newcomer at join, from the community balance" },
    sweepMin: { ...amount, description: "the least charges an account must hold to be swept (at least 1 is used)" },
  },
  "the economics levers (R4 values 6..16)",
);

/** R4, a community's policy: in a community and in each of its boxes. */
export const policySchema = record(
  {
    creditLimit: amount, positiveCap: amount, joinFeeNanoErg: amount, collateralNanoErg: amount,
    maxMembers: amount, inactivityBlocks: amount,
    economics: { ...nullable(leversSchema), description: "the economics levers (R4 values 6..16) of an economics community; null for a plain one" },
  },
  "R4: positiveCap 0 means no cap; inactivityBlocks 0 means no default path",
);

/** R6, a community's display metadata: in a community and in each of its boxes. The only object that keeps keys it does not list. */
export const metadataSchema = {
  ...record(
    { name: { type: "string" }, symbol: { type: "string" }, description: { type: "string" }, decimals: { type: "integer", minimum: 0, maximum: 18 } },
    "R6, UTF-8 JSON; extra keys the creator put there are kept. When R6 is not valid metadata (see metadataProblem): name \"(unnamed community)\", symbol \"?\", the raw text as description, decimals 0",
  ),
  additionalProperties: true,
} as const;

/** Responses of a route that answers `body` as JSON. */
export const jsonResponses = (body: object) => ({ 200: body, "4xx": errorSchema, "5xx": errorSchema });

/** Responses of a list route: `body` as JSON, or its rows as CSV with `columns`. */
export function listResponses(body: object, columns: readonly string[]) {
  return {
    200: {
      description: "the list as JSON, or as CSV with ?format=csv",
      content: {
        "application/json": { schema: body },
        "text/csv": { schema: { type: "string", description: `CSV with the columns ${columns.join(",")}` } },
      },
    },
    "4xx": errorSchema,
    "5xx": errorSchema,
  };
}

/** A page of `item`s: total rows, the page's limit and offset, and the rows. */
export const pagedList = <const I extends object>(item: I) =>
  record({ total: count, limit: { type: "integer" }, offset: { type: "integer" }, items: { type: "array", items: item } });
