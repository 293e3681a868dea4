/** The indexer client of a request's server (one per indexer URL, reused). */
import { createIndexerClient, type IndexerClient } from "./indexer.ts";

const clients = new Map<string, IndexerClient>();

export function indexerFor(locals: App.Locals): IndexerClient {
  const url = locals.config.indexerUrl;
  let client = clients.get(url);
  if (!client) clients.set(url, (client = createIndexerClient(url)));
  return client;
}
