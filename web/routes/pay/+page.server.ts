/**
 * `/pay?community=..&to=..&amount=..&memo=..&id=..&expires=..&signed=..&proof=..`: the pay screen,
 * pre-filled from a payment request link, or `/pay?community=..&listing=..` from a listing: its
 * author, and its fixed price are read from the indexer, not the link. The community comes from the indexer (its name and
 * units). A link with an id is a payment request: this server checks who signed it (the payee
 * account's owner key, over exactly the link's fields), whether it has expired, and whether the
 * chain has it paid already (in blocks, or on its way in the mempool). A link with an amount but no
 * valid signature is shown with a warning, and paid only as a plain payment once confirmed.
 */
import { InvalidIntent } from "$contracts/errors.ts";
import { isExpired, readRequestQuery, type PaymentRequest, type RequestSignature } from "$contracts/payment-request.ts";
import { displayAmount, formatAmount } from "$lib/amount.ts";
import { fromIndexer, requireHexId } from "$lib/server/http-errors.ts";
import { IndexerNotFound, type IndexerClient } from "$lib/server/indexer.ts";
import { indexerFor } from "$lib/server/indexer-for.ts";
import { getListing } from "$lib/server/market.ts";
import { unitsOf } from "$lib/server/lines.ts";
import { nodeFor } from "$lib/server/node-for.ts";
import { checkRequestSignature } from "$lib/server/request-signature.ts";
import { requestStatus } from "$lib/server/request-status.ts";
import type { RequestStatusJson } from "$lib/wallet/requests.ts";
import type { PageServerLoad } from "./$types";

const MAX_MEMO = 140;

/** A link's payment request as the page shows it. */
export interface RequestView {
  requestId: string;
  payeeAccountId: string;
  payeeName: string | null;
  amountUnits: string;
  amount: string;
  memo: string | null;
  expiresAtMs: number | null;
  expired: boolean;
  /** Signed by the payee account's owner key; else `reason` says what is wrong. */
  signed: boolean;
  reason: string | null;
  /** How far it is paid, or null when the indexer or node could not say. */
  status: RequestStatusJson | null;
}

/** What the link asks, when it is a payment request (an id), or a payment with an amount and no request. */
export type LinkRequest = { kind: "request"; request: RequestView } | { kind: "unsigned"; reason: string } | null;

async function viewOf(locals: App.Locals, indexer: IndexerClient, r: PaymentRequest, signature: RequestSignature | undefined, symbol: string): Promise<LinkRequest> {
  const payee = await fromIndexer("payee account", () => indexer.account(r.payeeAccountId).catch((e: unknown) => (e instanceof IndexerNotFound ? undefined : Promise.reject(e))));
  if (!payee || payee.communityId !== r.communityId) return { kind: "unsigned", reason: "its payee is no account of this community" };
  const check = checkRequestSignature(r, signature, payee.owner, locals.config.network);
  const asked = { communityId: r.communityId, payeeAccountId: r.payeeAccountId, requestId: r.requestId, amountUnits: r.amountUnits };
  const status = await requestStatus(indexer, nodeFor(locals), asked).catch(() => null);
  return {
    kind: "request",
    request: {
      requestId: r.requestId,
      payeeAccountId: r.payeeAccountId,
      payeeName: payee.name,
      amountUnits: r.amountUnits.toString(),
      amount: displayAmount(r.amountUnits, r.decimals, { symbol }),
      memo: r.memo ?? null,
      expiresAtMs: r.expiresAtMs ?? null,
      expired: isExpired(r, Date.now()),
      signed: check.valid,
      reason: check.valid ? null : check.reason,
      status,
    },
  };
}

export const load: PageServerLoad = async ({ url, locals }) => {
  const text = (name: string, max = 200) => (url.searchParams.get(name) ?? "").trim().slice(0, max);
  const prefill = { to: text("to"), amount: text("amount", 40), memo: text("memo", MAX_MEMO), from: text("from", 64) };
  const communityParam = url.searchParams.get("community");
  if (!communityParam) return { community: null, prefill, link: null, listing: null, partners: [] };
  const communityId = requireHexId(communityParam, "community");
  const indexer = indexerFor(locals);
  const c = await fromIndexer("community", () => indexer.community(communityId));
  const { name, symbol, decimals } = c.metadata;
  // An economics community has no payment orders (docs/batches.md): the pay screen says so.
  const community = { communityId, name, symbol, decimals, economics: c.policy.economics !== null };
  let link: LinkRequest = null;
  if (url.searchParams.has("id")) {
    try {
      const read = readRequestQuery(url.searchParams, decimals);
      link = await viewOf(locals, indexer, read.request, read.signature, symbol);
    } catch (error) {
      if (!(error instanceof InvalidIntent)) throw error;
      link = { kind: "unsigned", reason: `the link is damaged: ${error.message}` };
    }
  } else if (prefill.amount !== "") {
    link = { kind: "unsigned", reason: "the link carries no signature" };
  }
  const listing = url.searchParams.has("listing") ? await listingOf(indexer, url.searchParams.get("listing")!, communityId, decimals) : null;
  const filled = listing ? { ...prefill, to: listing.accountId, amount: listing.amount ?? prefill.amount } : prefill;
  return { community, prefill: filled, link, listing, partners: await partnersOf(indexer, communityId) };
};

/** The listing a payment is for: who is paid, and its price when fixed; null when it is another community's (a 404 when there is none). */
async function listingOf(indexer: IndexerClient, listingId: string, communityId: string, decimals: number) {
  const id = requireHexId(listingId, "listing");
  const l = await fromIndexer(`listing ${id}`, () => getListing(indexer, id));
  if (l.communityId !== communityId) return null;
  const amount = l.price.type === "fixed" && l.price.units !== null ? formatAmount(BigInt(l.price.units), decimals) : null;
  return { id: l.id, accountId: l.accountId, authorName: l.authorName, title: l.title, active: l.status === "active", amount };
}

/**
 * The communities a member could pay into over trade lines: the partners of this community's lines
 * and their partners (a route is one line or two), in any state (the pay screen says why a paused
 * or unopened line does not take the payment). A partner the indexer does not know has no lines
 * to follow and no units (`unitsOf` leaves it out): nobody can be paid there from this screen.
 */
async function partnersOf(indexer: IndexerClient, communityId: string) {
  const own = await fromIndexer("trade lines", () => indexer.communityLines(communityId, { limit: 1000 }));
  const first = [...new Set(own.items.map((l) => l.partnerCommunityId))];
  const linesOf = (id: string) => indexer.communityLines(id, { limit: 1000 }).catch((cause: unknown) => {
    if (cause instanceof IndexerNotFound) return { items: [] };
    throw cause;
  });
  const second = await Promise.all(first.map((id) => fromIndexer("trade lines", () => linesOf(id))));
  const ids = new Set([...first, ...second.flatMap((p) => p.items.map((l) => l.partnerCommunityId))]);
  ids.delete(communityId);
  const units = await fromIndexer("partner communities", () => unitsOf(indexer, ids));
  return Object.values(units).sort((a, b) => a.name.localeCompare(b.name));
}
