/**
 * One wallet interface for the screens, over any EIP-12 context (Nautilus's, or the development
 * wallet's, which speaks the same API). Every call's failure becomes a `WalletError` translated
 * for the method that failed, so screens show one kind of message whatever the wallet.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import type { PaymentOrder, SignedOrder } from "$contracts/orders.ts";
import type { Eip12AuthResult, Eip12Box, Eip12Context, Eip12Method } from "./eip12.ts";
import { translateWalletError, WalletError } from "./errors.ts";

/** Which wallet signs: the Nautilus extension, or the development wallet (devnet only). */
export type WalletKind = "nautilus" | "dev";

/** What the builders take as `ctx`: the chain height and the wallet's boxes and change address. */
export interface WalletBuildContext {
  height: number;
  wallet: { utxos: Eip12Box[]; changeAddress: string };
}

/** Signs payment orders with a wallet's key (the development wallet only: docs/wallet.md). */
export type OrderSigner = (order: PaymentOrder) => Promise<SignedOrder>;

/** A connected wallet. */
export class ConnectedWallet {
  constructor(
    readonly kind: WalletKind,
    /** Shown to the member, e.g. "Nautilus" or "Development wallet: account 2". */
    readonly label: string,
    private readonly context: Eip12Context,
    /** Signs payment orders; none for Nautilus, which signs transactions and its own message format only. */
    private readonly orderSigner?: OrderSigner,
  ) {}

  /** Whether this wallet can sign payment orders (docs/batches.md): the development wallet can, Nautilus cannot. */
  get signsOrders(): boolean {
    return this.orderSigner !== undefined;
  }

  /** Asks the wallet to sign a payment order with the payer account's key; the member may decline. */
  signOrder(order: PaymentOrder): Promise<SignedOrder> {
    return this.call("sign_order", () => {
      if (!this.orderSigner) throw new WalletError("internal", "sign_order", `${this.label} cannot sign payment orders: it signs transactions and its own message format only.`);
      return this.orderSigner(order);
    });
  }

  private async call<T>(method: Eip12Method, run: (context: Eip12Context) => Promise<T>): Promise<T> {
    try {
      return await run(this.context);
    } catch (error) {
      throw translateWalletError(method, error);
    }
  }

  /** The wallet's primary address: the owner of the accounts it opens. */
  changeAddress(): Promise<string> {
    return this.call("get_change_address", (c) => c.get_change_address());
  }

  /** The wallet's unspent boxes (an empty wallet may answer `undefined`). */
  async utxos(): Promise<Eip12Box[]> {
    return (await this.call("get_utxos", (c) => c.get_utxos())) ?? [];
  }

  /** The chain height as the wallet's node sees it. */
  height(): Promise<number> {
    return this.call("get_current_height", (c) => c.get_current_height());
  }

  /** Asks the wallet to sign; the member may decline. */
  sign(transaction: EIP12UnsignedTransaction): Promise<SignedTransaction> {
    return this.call("sign_tx", (c) => c.sign_tx(transaction));
  }

  /** Sends a signed transaction through the wallet; answers its id. */
  submit(transaction: SignedTransaction): Promise<string> {
    return this.call("submit_tx", (c) => c.submit_tx(transaction));
  }

  /**
   * Asks the wallet to sign `message` with the key of `address` (EIP-28 style `auth`); the member
   * may decline. A wallet without `auth` says so rather than failing obscurely.
   */
  auth(address: string, message: string): Promise<Eip12AuthResult> {
    return this.call("auth", (c) => {
      if (!c.auth) throw new WalletError("internal", "auth", `${this.label} cannot sign messages (it has no auth method): update it, or use another wallet.`);
      return c.auth(address, message);
    });
  }

  /** Height, boxes and change address in one go, for builders that spend wallet ERG. */
  async buildContext(): Promise<WalletBuildContext> {
    const [height, utxos, changeAddress] = await Promise.all([this.height(), this.utxos(), this.changeAddress()]);
    return { height, wallet: { utxos, changeAddress } };
  }
}
