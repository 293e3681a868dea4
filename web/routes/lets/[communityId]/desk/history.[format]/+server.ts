import { deskDownload } from "$lib/server/desk-download.ts";
import type { RequestHandler } from "./$types";

/** The desk's reserve, units outstanding and coverage after each of its boxes, CSV or JSON. */
export const GET: RequestHandler = ({ locals, params }) => deskDownload(locals, params, "history");
