/**
 * `/lets/{communityId}/till/receipts.{csv|json}?account=…&day=YYYY-MM-DD`: the till's receipts of
 * a UTC day (today when no day is given), read from the chain and the node's mempool
 * (`till-receipts.ts`). JSON has amounts as decimal strings of base units and the payer's name;
 * CSV the page's values and the raw ones. A malformed day is a 400; an unknown account a 404; a node
 * that cannot say what is in its mempool a 503.
 */
import { error, json } from "@sveltejs/kit";
import { NodeRequestError } from "$ergo/node-client.ts";
import { formatDay } from "$lib/dates.ts";
import { accountOf } from "$lib/server/account-data.ts";
import { csvText } from "$lib/server/csv-tables.ts";
import { downloadFormat } from "$lib/server/download.ts";
import { fromIndexer } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { namesFor } from "$lib/server/names.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { dayReceipts, dayStart, receiptColumns } from "$lib/server/till-receipts.ts";
import type { RequestHandler } from "./$types";

export const GET: RequestHandler = async ({ locals, params, url }) => {
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const { community, account } = await accountOf(indexer, { communityId: params.communityId, accountId: url.searchParams.get("account") ?? "" });
  const day = url.searchParams.get("day") ?? formatDay(Date.now());
  const fromMs = dayStart(day);
  if (fromMs === undefined) error(400, "day is a UTC day written YYYY-MM-DD");
  let receipts;
  try {
    receipts = await fromIndexer(`receipts of ${account.accountId}`, () => dayReceipts(indexer, nodeFor(locals), account.accountId, fromMs));
  } catch (cause) {
    if (cause instanceof NodeRequestError) error(503, `The node could not say what is in its mempool (${cause.detail.slice(0, 120)})`);
    throw cause;
  }
  const names = await fromIndexer(`community ${community.communityId}`, () => namesFor(indexer, community.communityId, receipts.flatMap((r) => (r.payer ? [r.payer] : []))));
  const headers = { "cache-control": "no-store" };
  if (format === "json") {
    const items = receipts.map((r) => ({ ...r, amount: r.amount.toString(), payerName: r.payer === null ? null : (names.get(r.payer) ?? null) }));
    return json({ accountId: account.accountId, day, decimals: community.metadata.decimals, symbol: community.metadata.symbol, items }, { headers });
  }
  const text = csvText(receiptColumns({ decimals: community.metadata.decimals, network: locals.config.network, names }), receipts);
  const file = `receipts-${account.accountId.slice(0, 8)}-${day}.csv`;
  return new Response(text, { headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file}"` } });
};
