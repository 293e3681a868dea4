import { downloadFormat, passThrough } from "$lib/server/download.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { pageParams } from "$lib/server/paging.ts";
import type { RequestHandler } from "./$types";

/** The communities page's rows as a file. */
export const GET: RequestHandler = ({ locals, params, url }) =>
  passThrough(indexerFor(locals), "communities", "/communities", pageParams(url), downloadFormat(params.format), "communities");
