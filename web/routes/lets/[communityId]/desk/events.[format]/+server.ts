import { deskDownload } from "$lib/server/desk-download.ts";
import type { RequestHandler } from "./$types";

/** The desk's openings, deposits, withdrawals and announced changes, CSV or JSON. */
export const GET: RequestHandler = ({ locals, params }) => deskDownload(locals, params, "events");
