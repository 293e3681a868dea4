/**
 * The till in the browser: a sale's request made and signed by the shop account's owner key (the
 * same canonical text and link as every payment request, `contracts/payment-request.ts`), and the
 * day's receipts read from the web server (`/lets/{id}/till/receipts.json`, from the chain).
 */
import { newRequestId, requestQuery, type PaymentRequest } from "$contracts/payment-request.ts";
import { signRequest, type Auth } from "../wallet/requests.ts";
import type { ShownRequest } from "./sale.ts";

/** The shop: which account of which community is paid, and the community's units. */
export interface Shop {
  communityId: string;
  accountId: string;
  /** The account owner's address: its key signs the requests. */
  owner: string;
  decimals: number;
}

/** Makes a fresh request of `amountUnits` (and `memo`) to the shop, has the owner's key sign it, and answers it as the till shows it; the link opens the pay screen at `origin`. */
export async function signSale(auth: Auth, shop: Shop, origin: string, amountUnits: bigint, memo: string | null): Promise<ShownRequest> {
  const request: PaymentRequest = {
    communityId: shop.communityId,
    payeeAccountId: shop.accountId,
    amountUnits,
    decimals: shop.decimals,
    requestId: newRequestId(),
    ...(memo !== null ? { memo } : {}),
  };
  const signature = await signRequest(auth, shop.owner, request);
  return { requestId: request.requestId, amountUnits, memo, link: `${origin}/pay?${requestQuery(request, signature)}`, expiresAtMs: null };
}

/** One receipt as the receipts route answers it (amounts as decimal strings of base units). */
export interface ReceiptJson {
  txId: string;
  status: "pending" | "confirmed";
  height: number | null;
  timestamp: number | null;
  amount: string;
  payer: string | null;
  payerName: string | null;
  memo: string | null;
  requestId: string | null;
}

/** The receipts of the shop's account today (UTC), newest first, pending first; undefined when they cannot be read just now. */
export async function fetchReceipts(shop: Pick<Shop, "communityId" | "accountId">): Promise<ReceiptJson[] | undefined> {
  const response = await fetch(`/lets/${shop.communityId}/till/receipts.json?account=${shop.accountId}`, { cache: "no-store" }).catch(() => undefined);
  if (!response?.ok) return undefined;
  return ((await response.json()) as { items: ReceiptJson[] }).items;
}
