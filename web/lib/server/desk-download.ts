/**
 * The desk page's downloads (`/lets/{communityId}/desk/{trades,events,history}.{csv,json}`): the
 * indexer's own answer passed through, CSV and JSON alike (amounts in base units and nanoERG).
 */
import { downloadFormat, passThrough } from "./download.ts";
import { requireHexId } from "./http-errors.ts";
import { indexerFor } from "./indexer-for.ts";

/** The desk tables a page offers as files. */
export type DeskTable = "trades" | "events" | "history";

/** The most rows one file holds: the indexer's largest page. */
const ALL_ROWS = 1_000;

export function deskDownload(locals: App.Locals, params: { communityId: string; format: string }, table: DeskTable): Promise<Response> {
  const communityId = requireHexId(params.communityId, "community");
  const format = downloadFormat(params.format);
  const path = `/communities/${communityId}/desk/${table}`;
  return passThrough(indexerFor(locals), `exchange desk of ${communityId}`, path, { limit: ALL_ROWS }, format, `desk-${table}-${communityId.slice(0, 8)}`);
}
