/**
 * The OpenAPI document served at `/docs`, assembled from the JSON schemas the routes register
 * (collected by an `onRoute` hook), so the documentation cannot drift from what fastify
 * validates and serializes. OpenAPI 3.1: its schemas are JSON Schema, `type: [.., "null"]` included.
 */
import type { FastifyInstance, RouteOptions } from "fastify";

interface RouteSchema {
  summary?: string;
  description?: string;
  tags?: string[];
  params?: { properties?: Record<string, { description?: string }>; required?: string[] };
  querystring?: { properties?: Record<string, { description?: string }>; required?: string[] };
  body?: object;
  consumes?: string[];
  response?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

declare module "fastify" {
  /** Documentation keys of a route schema (fastify ignores them; `/docs` reads them). */
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    /** The media types of a body the route reads (default application/json). */
    consumes?: string[];
  }
}

type Document = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

function parameters(schema: RouteSchema) {
  const list: object[] = [];
  for (const [where, part] of [["path", schema.params], ["query", schema.querystring]] as const) {
    for (const [name, property] of Object.entries(part?.properties ?? {})) {
      const required = where === "path" || (part?.required ?? []).includes(name);
      list.push({ name, in: where, required, ...(property.description ? { description: property.description } : {}), schema: property });
    }
  }
  return list;
}

/** The request body: the route's body schema for JSON, a string for text/plain. */
function requestBody(schema: RouteSchema) {
  if (!schema.body) return {};
  const content = Object.fromEntries((schema.consumes ?? ["application/json"]).map((type) => [type, { schema: type.startsWith("text/") ? { type: "string" } : schema.body }]));
  return { requestBody: { required: true, content } };
}

function responses(schema: RouteSchema) {
  const out: Record<string, unknown> = {};
  for (const [code, response] of Object.entries(schema.response ?? {})) {
    const key = code.toUpperCase();
    if (response.content) {
      out[key] = { description: response.description ?? "", content: response.content };
    } else {
      const description = response.description ?? (key === "200" ? "success" : "an error");
      out[key] = { description, content: { "application/json": { schema: response } } };
    }
  }
  return out;
}

/** Starts collecting `app`'s routes (call before registering them); returns the document builder. */
export function collectOpenApi(app: FastifyInstance): () => Document {
  const routes: RouteOptions[] = [];
  app.addHook("onRoute", (route) => {
    if (route.schema) routes.push(route);
  });
  return () => {
    const paths: Document["paths"] = {};
    for (const route of routes) {
      const schema = route.schema as RouteSchema;
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
      for (const method of [route.method].flat()) {
        if (method === "HEAD") continue;
        paths[path] ??= {};
        paths[path][method.toLowerCase()] = {
          ...(schema.summary ? { summary: schema.summary } : {}),
          ...(schema.description ? { description: schema.description } : {}),
          ...(schema.tags ? { tags: schema.tags } : {}),
          parameters: parameters(schema),
          ...requestBody(schema),
          responses: responses(schema),
        };
      }
    }
    return {
      openapi: "3.1.0",
      info: {
        title: "LETS indexer API",
        version: "1",
        description: "A view of every LETS community on an Ergo chain, and payment orders handed to the indexer's settlement service. Amounts are decimal strings; see docs/indexer-api.md.",
      },
      paths,
    };
  };
}
