/**
 * The one place indexer failures become HTTP answers of the web app: an unknown id is a 404 page,
 * a bad filter a 400 with the indexer's reason, an indexer that does not answer a 503. Never a 500.
 */
import { error } from "@sveltejs/kit";
import { IndexerRequestError, IndexerNotFound, IndexerUnreachable } from "./indexer.ts";

/** An id as the API takes it: 64 hex digits. */
export const isHexId = (value: string): boolean => /^[0-9a-fA-F]{64}$/.test(value);

/** Throws SvelteKit's 404 unless `value` is a well-formed id (a malformed id is an unknown one). */
export function requireHexId(value: string, what: string): string {
  if (!isHexId(value)) error(404, `No ${what} ${value.slice(0, 80)}`);
  return value.toLowerCase();
}

/** Runs an indexer call; maps its failures to error pages, naming `what` for a 404. */
export async function fromIndexer<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof IndexerNotFound) error(404, `No ${what}`);
    if (cause instanceof IndexerUnreachable) error(503, "The indexer does not answer; try again in a moment");
    if (cause instanceof IndexerRequestError && cause.status === 400) error(400, `Bad request: ${cause.detail}`);
    if (cause instanceof IndexerRequestError) error(502, `The indexer failed: ${cause.detail}`);
    throw cause;
  }
}

/** `fromIndexer` for a call already made (one of several started together). */
export const settledFromIndexer = <T>(what: string, result: PromiseSettledResult<T>): Promise<T> =>
  fromIndexer(what, () => (result.status === "fulfilled" ? Promise.resolve(result.value) : Promise.reject(result.reason)));
