/**
 * Who signs payment orders (docs/wallet.md): the development wallet does, with its account's key
 * after the member approves, and a decline says so; Nautilus cannot, and says that instead of
 * failing obscurely.
 */
import { describe, expect, it } from "vitest";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { verifyOrder, type PaymentOrder } from "$contracts/orders.ts";
import { devAccount } from "$ergo/keys.ts";
import { createDevOrderSigner } from "./dev/context.ts";
import type { Eip12Context } from "./eip12.ts";
import { WalletError } from "./errors.ts";
import { ConnectedWallet } from "./wallet.ts";

const account = devAccount(1);
const key = { index: 1, address: account.address, secretKey: account.secretKey };
const order: PaymentOrder = { communityId: "c".repeat(64), payer: "a".repeat(64), payee: "b".repeat(64), amount: 250n, seq: 0n, expiry: 1_720n };
const context = {} as Eip12Context; // no EIP-12 call is made here

describe("signing payment orders", () => {
  it("the development wallet signs with its account's key once the member approves: the contract's check verifies it", async () => {
    const shown: PaymentOrder[] = [];
    const wallet = new ConnectedWallet("dev", "Development wallet: account 1", context, createDevOrderSigner(key, async (o) => (shown.push(o), true)));
    expect(wallet.signsOrders).toBe(true);
    const signed = await wallet.signOrder(order);
    expect(shown).toEqual([order]);
    expect(verifyOrder(signed, ownerFromAddress(account.address))).toBe(true);
    expect(verifyOrder(signed, ownerFromAddress(devAccount(2).address))).toBe(false);
  });

  it("a declined order is the wallet's 'declined', and nothing is signed", async () => {
    const wallet = new ConnectedWallet("dev", "Development wallet: account 1", context, createDevOrderSigner(key, async () => false));
    const refused = await wallet.signOrder(order).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WalletError);
    expect((refused as WalletError).kind).toBe("declined");
    expect((refused as WalletError).message).toBe("You declined in the wallet, so nothing was signed or sent.");
  });

  it("Nautilus cannot sign orders, and says so", async () => {
    const wallet = new ConnectedWallet("nautilus", "Nautilus", context);
    expect(wallet.signsOrders).toBe(false);
    const refused = await wallet.signOrder(order).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WalletError);
    expect((refused as WalletError).message).toBe("Nautilus cannot sign payment orders: it signs transactions and its own message format only.");
  });
});
