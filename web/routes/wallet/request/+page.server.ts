/**
 * `/wallet/request?community=..&account=..`: the till. The member types an amount, a memo and how
 * long the request may be paid; the browser makes a fresh id and has the account's owner key sign
 * the request (the wallet's `auth`), then opens this page again with the signed request in its
 * address (`amount`, `memo`, `id`, `expires`, `signed`, `proof`). This server checks that
 * signature, draws the pay link's QR code (so it needs no script) and says whether the request is
 * paid; the page then asks again until it is. Reopening the address shows it paid.
 */
import { error } from "@sveltejs/kit";
import QRCode from "qrcode";
import { InvalidIntent } from "$contracts/errors.ts";
import { readRequestQuery, requestQuery } from "$contracts/payment-request.ts";
import { ownerAddress } from "$ergo/addresses.ts";
import { AmountError, displayAmount, parseAmount } from "$lib/amount.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { checkRequestSignature } from "$lib/server/request-signature.ts";
import { requestStatus } from "$lib/server/request-status.ts";
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
  const base = {
    community: { communityId, name, symbol, decimals },
    accountId,
    accountName: account.name,
    open: account.status === "open",
    owner: ownerAddress(account.owner, locals.config.network) ?? null,
    amountText,
    memo,
  };
  if (!url.searchParams.has("id")) {
    // Without a script the form arrives here unsigned: check the amount, and say signing needs the wallet.
    if (amountText === "") return { ...base, amountError: null, request: null, requestError: null, unsigned: false };
    try {
      parseAmount(amountText, decimals, { positive: true, symbol });
      return { ...base, amountError: null, request: null, requestError: null, unsigned: true };
    } catch (cause) {
      if (!(cause instanceof AmountError)) throw cause;
      return { ...base, amountError: cause.reason, request: null, requestError: null, unsigned: false };
    }
  }
  const query = new URLSearchParams(url.searchParams);
  query.set("to", accountId);
  let read;
  try {
    read = readRequestQuery(query, decimals);
  } catch (cause) {
    if (!(cause instanceof InvalidIntent)) throw cause;
    return { ...base, amountError: null, request: null, requestError: `This request's address is damaged: ${cause.message}.`, unsigned: false };
  }
  const r = read.request;
  const check = checkRequestSignature(r, read.signature, account.owner, locals.config.network);
  const link = `${url.origin}/pay?${requestQuery(r, read.signature)}`;
  const qrSvg = check.valid ? await QRCode.toString(link, { type: "svg", errorCorrectionLevel: "M", margin: 2 }) : null;
  const asked = { communityId, payeeAccountId: accountId, requestId: r.requestId, amountUnits: r.amountUnits };
  const status = await requestStatus(indexer, nodeFor(locals), asked).catch(() => null);
  return {
    ...base,
    amountError: null,
    requestError: null,
    unsigned: false,
    request: {
      link,
      qrSvg,
      requestId: r.requestId,
      amountUnits: r.amountUnits.toString(),
      amount: displayAmount(r.amountUnits, decimals, { symbol }),
      memo: r.memo ?? null,
      expiresAtMs: r.expiresAtMs ?? null,
      signed: check.valid,
      reason: check.valid ? null : check.reason,
      status,
    },
  };
};
