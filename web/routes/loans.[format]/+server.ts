import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { enumParam } from "$lib/server/paging.ts";
import type { RequestHandler } from "./$types";

/** The most rows one file holds: the indexer's largest page. */
const ALL_ROWS = 1_000;

/** Every loan (`?state=open|funded|repaid|defaulted|cancelled|released`) as the indexer lists it, CSV or JSON. */
export const GET: RequestHandler = ({ locals, params, url }) => {
  const state = enumParam(url, "state", ["all", "open", "funded", "repaid", "defaulted", "cancelled", "released"] as const, "all");
  const query = { limit: ALL_ROWS, state: state === "all" ? undefined : state };
  return passThrough(indexerFor(locals), "loans", "/loans", query, downloadFormat(params.format), `loans${state === "all" ? "" : `-${state}`}`);
};
