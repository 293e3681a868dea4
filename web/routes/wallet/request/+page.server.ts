/**
 * `/wallet/request?community=..&account=..&amount=..&memo=..`: a payment request at a counter.
 * The member's account and an amount in the community's units become a link to the pay screen,
 * pre-filled, and its QR code (drawn here on the server, so the page needs no script for it).
 */
import { error } from "@sveltejs/kit";
import QRCode from "qrcode";
import { AmountError, formatAmount, parseAmount } from "$lib/amount.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import type { PageServerLoad } from "./$types";

const MAX_MEMO = 140;

export const load: PageServerLoad = async ({ url, locals }) => {
  const communityId = requireHexId(url.searchParams.get("community") ?? "", "community");
  const accountId = requireHexId(url.searchParams.get("account") ?? "", "account");
  const indexer = indexerFor(locals);
  const [community, account] = await Promise.all([
    fromIndexer("community", () => indexer.community(communityId)),
    fromIndexer("account", () => indexer.account(accountId)),
  ]);
  if (account.communityId !== communityId) error(404, "No such account in this community");
  const { decimals, symbol, name } = community.metadata;
  const amountText = (url.searchParams.get("amount") ?? "").trim();
  const memo = (url.searchParams.get("memo") ?? "").trim().slice(0, MAX_MEMO);
  const base = { community: { communityId, name, symbol, decimals }, accountId, open: account.status === "open", amountText, memo };
  if (amountText === "") return { ...base, amountError: null, request: null };
  let amountUnits: bigint;
  try {
    amountUnits = parseAmount(amountText, decimals, { positive: true, symbol });
  } catch (cause) {
    if (!(cause instanceof AmountError)) throw cause;
    return { ...base, amountError: cause.reason, request: null };
  }
  const amount = formatAmount(amountUnits, decimals, { trimZeros: true });
  const query = new URLSearchParams({ community: communityId, to: accountId, amount, ...(memo ? { memo } : {}) });
  const link = `${url.origin}/pay?${query}`;
  const qrSvg = await QRCode.toString(link, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { ...base, amountError: null, request: { link, qrSvg, amount: formatAmount(amountUnits, decimals, { symbol }) } };
};
