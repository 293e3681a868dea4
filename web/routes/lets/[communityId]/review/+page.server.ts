import { error } from "@sveltejs/kit";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { accountReviews } from "$lib/server/market.ts";
import type { PageServerLoad } from "./$types";

/** The indexer's largest page: the reviews of one member searched for this payment's. */
const REVIEWS_READ = 1000;

/**
 * `/lets/{communityId}/review?payment=&payee=&from=`: reviewing a payment `from` made to `payee`.
 * The payment is read from the indexer first: only a leg that account paid that payee can be
 * reviewed (the indexer refuses any other), and a leg reviewed already says so.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
  const communityId = requireHexId(params.communityId, "community");
  const payment = requireHexId(url.searchParams.get("payment") ?? "", "payment");
  const payee = requireHexId(url.searchParams.get("payee") ?? "", "payee");
  const from = requireHexId(url.searchParams.get("from") ?? "", "account");
  const indexer = indexerFor(locals);
  const [community, tx, payeeAccount] = await Promise.all([
    fromIndexer(`community ${communityId}`, () => indexer.community(communityId)),
    fromIndexer(`payment ${payment}`, () => indexer.transaction(payment)),
    fromIndexer(`account ${payee}`, () => indexer.account(payee)),
  ]);
  // A leg that credits its payee: a co-payer shows as a payee with a negative amount, and was paid nothing to review.
  const leg = tx.legs.find((l) => l.payer === from && l.payee === payee && l.amount > 0n);
  if (tx.communityId !== communityId || !leg) error(404, `No payment of account ${from.slice(0, 10)}… to ${payee.slice(0, 10)}… in transaction ${payment.slice(0, 10)}…`);
  const reviews = await fromIndexer("reviews", () => accountReviews(indexer, payee, { limit: REVIEWS_READ }));
  const already = reviews.items.find((r) => r.paymentTxId === payment && r.reviewer === from) ?? null;
  const { name, symbol, decimals } = community.metadata;
  return {
    community: { communityId, name, symbol, decimals },
    payment: { txId: payment, height: tx.height, timestamp: tx.timestamp, amount: leg.amount, payer: from, payee, payeeName: payeeAccount.name },
    already,
  };
};
