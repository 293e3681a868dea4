/** The node client of a request's server (one per node URL, reused). */
import { NodeClient } from "$ergo/node-client.ts";

/** How long the transaction page waits for the node on each request. */
const TIMEOUT_MS = 10_000;

const clients = new Map<string, NodeClient>();

export function nodeFor(locals: App.Locals): NodeClient {
  const url = locals.config.nodeUrl;
  let client = clients.get(url);
  if (!client) clients.set(url, (client = new NodeClient(url, undefined, { timeoutMs: TIMEOUT_MS })));
  return client;
}
