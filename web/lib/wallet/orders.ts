/**
 * Payment orders from the browser (docs/batches.md): plan an order on the live accounts and the
 * orders already waiting, have the wallet's key sign it (the development wallet; Nautilus cannot),
 * hand it to the indexer's settlement service through this app's server, and follow what becomes
 * of it. And revoking: the owner raises its account's next order number in an ordinary owner-signed
 * spend (`contracts/builders/revoke.ts`), signed like any other wallet transaction.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { revoke } from "$contracts/builders/revoke.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import { orderToJson, type SignedOrder } from "$contracts/orders.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { predict } from "$ergo/predict.ts";
import { planOrder, type KnownOrder, type OrderStatus, type PlannedOrder } from "../orders/plan.ts";
import { liveAccount, type BoxHint } from "./actions.ts";
import { feeSource } from "./top-up.ts";
import type { ConnectedWallet } from "./wallet.ts";

/** What the member asks: pay `amountUnits` to the payee later, by an order valid for `validityBlocks`. */
export interface OrderIntent {
  communityId: string;
  payerAccountId: string;
  payeeAccountId: string;
  amountUnits: bigint;
  validityBlocks: number;
  payerHint?: BoxHint;
  payeeHint?: BoxHint;
}

/** An order ready to sign, with both live accounts and what they become once it settles. */
export interface PreparedOrder extends PlannedOrder {
  payer: Account;
  payee: Account;
  /** The chain tip it was planned at: its expiry counts from it. */
  height: number;
}

/** The indexer would not keep the order (its reason: a used number, an expired order, a bad signature...). */
export class OrderNotAccepted extends InvalidIntent {
  constructor(readonly orderId: string | null, readonly reason: string) {
    super(`The settlement service refused the order: ${reason}`);
  }
}

type WaitingJson = { orderId: string; payer: string; payee: string; amount: string; seq: string; expiry: string; status: OrderStatus };

/** The orders still waiting (pending or submitted) that `accountId` pays or receives. */
export async function fetchWaitingOrders(accountId: string): Promise<KnownOrder[]> {
  const response = await fetch(`/api/orders?account=${accountId}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`The orders waiting could not be read (HTTP ${response.status}).`);
  return ((await response.json()) as WaitingJson[]).map((o) => ({ ...o, amount: BigInt(o.amount), seq: BigInt(o.seq), expiry: BigInt(o.expiry) }));
}

/**
 * Plans an order from the live boxes (mempool applied) at `height` and the orders waiting for
 * either account; throws why it cannot settle before anything is signed (`planOrder`).
 */
export async function prepareOrder(node: NodeClient, intent: OrderIntent, height: number): Promise<PreparedOrder> {
  if (intent.payerAccountId === intent.payeeAccountId) throw new InvalidIntent("you cannot pay your own account");
  const [payer, payee, payerOrders, payeeOrders] = await Promise.all([
    liveAccount(node, intent.communityId, intent.payerAccountId, intent.payerHint),
    liveAccount(node, intent.communityId, intent.payeeAccountId, intent.payeeHint),
    fetchWaitingOrders(intent.payerAccountId),
    fetchWaitingOrders(intent.payeeAccountId),
  ]);
  const plan = planOrder({ payer, payee, orders: [...payerOrders, ...payeeOrders], amount: intent.amountUnits, height, validityBlocks: intent.validityBlocks });
  return { ...plan, payer, payee, height };
}

/** An order prepared for this wallet: also refuses a wallet that does not own the payer or cannot sign orders. */
export async function prepareOrderFor(wallet: ConnectedWallet, node: NodeClient, intent: OrderIntent): Promise<PreparedOrder> {
  if (!wallet.signsOrders) throw new InvalidIntent(`${wallet.label} cannot sign payment orders.`);
  const [address, height] = await Promise.all([wallet.changeAddress(), wallet.height()]);
  const prepared = await prepareOrder(node, intent, height);
  if (prepared.payer.owner !== ownerFromAddress(address)) throw new InvalidIntent(`account ${prepared.payer.accountId} is not owned by this wallet's address ${address}`);
  return prepared;
}

/** Hands the signed order to the indexer's settlement service; answers its id once kept. */
export async function submitOrder(signed: SignedOrder): Promise<string> {
  const response = await fetch("/api/orders", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(orderToJson(signed)) });
  if (!response.ok) {
    const detail = await response.json().then((b: { message?: string }) => b.message ?? "", () => "");
    throw new Error(`The order could not be handed to the settlement service (HTTP ${response.status}${detail ? `: ${detail}` : ""}).`);
  }
  const intake = (await response.json()) as { orderId: string | null; accepted: boolean; reason: string | null };
  if (!intake.accepted || !intake.orderId) throw new OrderNotAccepted(intake.orderId, intake.reason ?? "no reason given");
  return intake.orderId;
}

/** What became of an order, as the receipt shows it. */
export interface OrderProgress {
  status: OrderStatus;
  txId: string | null;
  height: number | null;
  reason: string | null;
}

/** The order's status now, or undefined when it cannot be read just now. */
export async function fetchOrderProgress(orderId: string): Promise<OrderProgress | undefined> {
  const response = await fetch(`/api/orders/${orderId}`, { cache: "no-store" }).catch(() => undefined);
  return response?.ok ? ((await response.json()) as OrderProgress) : undefined;
}

/**
 * Whether the payee's account is busy: the box the indexer last saw is spent by a transaction in
 * the node's mempool (the node no longer offers it with the pool applied). A payment now would
 * build on that unconfirmed box, and may conflict with another customer's; an order need not.
 */
export async function payeeBusy(node: NodeClient, boxId: string | null): Promise<boolean> {
  if (!boxId) return false;
  return (await node.boxWithPool(boxId)) === undefined;
}

/** A revocation ready to sign. */
export interface PreparedRevoke {
  unsigned: EIP12UnsignedTransaction;
  account: Account;
  feeFrom: "account" | "wallet";
  /** The account box it makes (the indexer may record no LETS transaction for an owner's own spend). */
  successorBoxId: string;
}

/**
 * Revokes every unsettled order of account `accountId` numbered below `nextSeq` (raises its R9),
 * from its live box; refuses a wallet that does not own it, and a number not above the live one.
 * The fee comes from the account's fee reserve while it can pay one, else from the wallet.
 */
export async function prepareRevoke(wallet: ConnectedWallet, node: NodeClient, communityId: string, accountId: string, nextSeq: bigint, hint: BoxHint = {}): Promise<PreparedRevoke> {
  const [account, ctx] = await Promise.all([liveAccount(node, communityId, accountId, hint), wallet.buildContext()]);
  if (account.owner !== ownerFromAddress(ctx.wallet.changeAddress)) {
    throw new InvalidIntent(`account ${account.accountId} is not owned by this wallet's address ${ctx.wallet.changeAddress}`);
  }
  if (account.nextSeq !== undefined && nextSeq <= account.nextSeq) {
    throw new InvalidIntent(`every order numbered below ${nextSeq} is settled or void already: the account's next order is number ${account.nextSeq}`);
  }
  const feeFrom = feeSource(account.valueNanoErg, account.terms.collateralNanoErg, {});
  const unsigned = revoke({ account: account.box, nextSeq }, feeFrom === "wallet" ? ctx : { height: ctx.height });
  const successor = predict(unsigned).outputs.find((box) => box.assets.some((token) => token.tokenId === communityId));
  if (!successor) throw new Error(`the revocation of account ${accountId} makes no account box`);
  return { unsigned, account, feeFrom, successorBoxId: successor.boxId };
}
