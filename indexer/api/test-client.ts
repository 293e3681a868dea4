/**
 * Test client of the API: `inject`s a GET (or a POST) and checks every JSON answer against the
 * OpenAPI document the app serves at `/docs` (so docs, schemas and replies cannot drift apart) and
 * every error against the error body shape. CSV answers come back as text.
 */
import type { FastifyInstance } from "fastify";
import validatorModule from "openapi-response-validator";
import { expect } from "vitest";

// CommonJS with `exports.default`; take the class whichever way it loads.
const Validator = (validatorModule as unknown as { default?: typeof validatorModule }).default ?? validatorModule;
type Responses = ConstructorParameters<typeof validatorModule>[0]["responses"];

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read any field
  body: any;
}

interface Operation {
  responses: Record<string, unknown>;
}

export interface ApiClient {
  get(url: string): Promise<Answer>;
  /** POSTs `body`: JSON unless it is a string sent as `contentType` (text/plain). */
  post(url: string, body: unknown, contentType?: string): Promise<Answer>;
  /** The OpenAPI document. */
  docs: { paths: Record<string, { get?: Operation; post?: Operation }> };
}

/** The path template of `/docs` that `path` matches ("/accounts/by-owner/{address}" before "/accounts/{accountId}"). */
function templateOf(paths: string[], path: string): string | undefined {
  const matches = paths.filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
  return matches.sort((a, b) => b.replace(/\{[^}]+\}/g, "").length - a.replace(/\{[^}]+\}/g, "").length)[0];
}

export async function apiClient(app: FastifyInstance): Promise<ApiClient> {
  const docs = (await app.inject({ method: "GET", url: "/docs" })).json() as ApiClient["docs"];
  const validators = new Map<string, InstanceType<typeof validatorModule>>();
  const check = (method: "get" | "post", template: string, status: number, body: unknown) => {
    const responses = docs.paths[template]?.[method]?.responses;
    expect(responses, `no operation ${method.toUpperCase()} ${template}`).toBeDefined();
    let validator = validators.get(`${method} ${template}`);
    if (!validator) {
      validator = new Validator({ responses: responses as Responses });
      validators.set(`${method} ${template}`, validator);
    }
    const key = status === 200 ? "200" : status >= 500 ? "5XX" : "4XX";
    const result = validator.validateResponse(key, structuredClone(body));
    expect(result?.errors ?? [], `${method.toUpperCase()} ${template} ${status}`).toEqual([]);
  };
  const answerOf = (method: "get" | "post", url: string, reply: Awaited<ReturnType<FastifyInstance["inject"]>>): Answer => {
    const contentType = String(reply.headers["content-type"] ?? "");
    const answer: Answer = { status: reply.statusCode, contentType, text: reply.body, body: undefined };
    if (contentType.startsWith("application/json")) {
      answer.body = reply.json();
      if (reply.statusCode >= 400) expect(Object.keys(answer.body).sort()).toEqual(["detail", "error", "reason"]);
      const template = templateOf(Object.keys(docs.paths), new URL(url, "http://x").pathname);
      if (template) check(method, template, reply.statusCode, answer.body);
    }
    return answer;
  };
  return {
    docs,
    async get(url) {
      return answerOf("get", url, await app.inject({ method: "GET", url }));
    },
    async post(url, body, contentType) {
      const text = typeof body === "string" && contentType !== undefined;
      const payload = text ? body : JSON.stringify(body);
      const headers = { "content-type": text ? contentType : "application/json" };
      return answerOf("post", url, await app.inject({ method: "POST", url, payload, headers }));
    },
  };
}
