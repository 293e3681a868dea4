import { accountOf } from "$lib/server/account-data.ts";
import { csvDownload, downloadFormat, passThrough } from "$lib/server/download.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { accountReviews } from "$lib/server/market.ts";
import { reviewColumns } from "$lib/server/market-csv.ts";
import type { RequestHandler } from "./$types";

/** The indexer's largest page: a download holds the member's newest 1,000 reviews. */
const REVIEWS_DOWNLOADED = 1000;

/** The reviews of a member as a file: CSV with the reviewers' names, JSON as the indexer answers. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const format = downloadFormat(params.format);
  const indexer = indexerFor(locals);
  const { account } = await accountOf(indexer, params);
  const name = `reviews-${account.accountId.slice(0, 8)}`;
  const q = { limit: REVIEWS_DOWNLOADED };
  if (format === "json") return passThrough(indexer, "reviews", `/accounts/${account.accountId}/reviews`, q, format, name);
  const rows = async () => (await accountReviews(indexer, account.accountId, q)).items;
  return csvDownload(indexer, "reviews", account.communityId, locals.config.network, rows, reviewColumns, name, (reviews) => reviews.map((r) => r.reviewer));
};
