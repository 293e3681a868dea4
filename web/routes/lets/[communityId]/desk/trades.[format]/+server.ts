import { deskDownload } from "$lib/server/desk-download.ts";
import type { RequestHandler } from "./$types";

/** The desk's trades as the indexer lists them, CSV or JSON. */
export const GET: RequestHandler = ({ locals, params }) => deskDownload(locals, params, "trades");
