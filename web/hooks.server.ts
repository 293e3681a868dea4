/**
 * Every request: its settings into `locals`, the security headers and CSP onto the answer.
 */
import { randomBytes } from "node:crypto";
import type { Handle, HandleServerError } from "@sveltejs/kit";
import { configFor } from "$lib/server/config.ts";
import { STATIC_HEADERS, addNonce, contentSecurityPolicy } from "$lib/server/security.ts";

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.config = configFor(event.platform?.req);
  const nonce = randomBytes(16).toString("base64");
  let response = await resolve(event, { transformPageChunk: ({ html }) => addNonce(html, nonce) });
  try {
    setHeaders(response.headers, nonce, event.locals.config);
  } catch {
    // An answer passed through from fetch() has immutable headers: copy it, then add ours.
    response = new Response(response.body, response);
    setHeaders(response.headers, nonce, event.locals.config);
  }
  return response;
};

function setHeaders(headers: Headers, nonce: string, config: App.Locals["config"]): void {
  for (const [name, value] of Object.entries(STATIC_HEADERS)) headers.set(name, value);
  headers.set("content-security-policy", contentSecurityPolicy(nonce, config));
}

/** Unexpected failures: logged once on stderr; the page shows a plain message, never the error's text. */
export const handleError: HandleServerError = ({ error, status, message, event }) => {
  if (status !== 404) process.stderr.write(`${new Date().toISOString()} error web: ${event.request.method} ${event.url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return { message: status === 404 ? "Not found" : message };
};
