/**
 * The development wallet in the browser: keys fetched at run time from the devnet-only endpoint
 * (never part of the app's JavaScript), the node reached through the web server's proxy, and
 * ergo-lib-wasm-browser imported on the first signature only.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { browserNode } from "../proxy.ts";
import { ConnectedWallet } from "../wallet.ts";
import type { PaymentOrder } from "$contracts/orders.ts";
import { createDevContext, createDevOrderSigner, type DevAccountKey } from "./context.ts";

/** The development accounts, or a clear error when this server is not on the devnet. */
export async function fetchDevAccounts(): Promise<DevAccountKey[]> {
  const response = await fetch("/api/dev-wallet/accounts", { cache: "no-store" });
  if (response.status === 404) throw new Error("The development wallet exists only on the devnet.");
  if (!response.ok) throw new Error(`The development accounts could not be loaded (HTTP ${response.status}).`);
  return (await response.json()) as DevAccountKey[];
}

/** What the member is asked to approve: a transaction, a message (a payment request), or a payment order. */
export type DevSignRequest =
  | { kind: "transaction"; transaction: EIP12UnsignedTransaction }
  | { kind: "message"; message: string }
  | { kind: "order"; order: PaymentOrder };

/** The development wallet of `account`; `confirm` shows the signature request to the member. */
export function browserDevWallet(account: DevAccountKey, confirm: (request: DevSignRequest) => Promise<boolean>): ConnectedWallet {
  const context = createDevContext({
    account,
    node: browserNode,
    loadErgoLib: () => import("ergo-lib-wasm-browser"),
    confirm: (transaction) => confirm({ kind: "transaction", transaction }),
    messages: { origin: location.origin, confirm: (message) => confirm({ kind: "message", message }) },
  });
  const orders = createDevOrderSigner(account, (order) => confirm({ kind: "order", order }));
  return new ConnectedWallet("dev", `Development wallet: account ${account.index}`, context, orders);
}
