/** The node reader of a request's server (one per node URL, reused). */
import { createNodeReader, type NodeReader } from "./node.ts";

const readers = new Map<string, NodeReader>();

export function nodeFor(locals: App.Locals): NodeReader {
  const url = locals.config.nodeUrl;
  let reader = readers.get(url);
  if (!reader) readers.set(url, (reader = createNodeReader(url)));
  return reader;
}
