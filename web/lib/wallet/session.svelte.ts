/**
 * The browser's wallet session: which wallet is connected (remembered across pages and visits),
 * its address, and the development wallet's pending signature request that the sign dialog shows.
 * Browser only: nothing here runs during server rendering.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { PaymentOrder, SignedOrder } from "$contracts/orders.ts";
import { signAndSubmit } from "./actions.ts";
import { browserDevWallet, fetchDevAccounts, type DevSignRequest } from "./dev/browser.ts";
import type { Eip12AuthResult } from "./eip12.ts";
import { explainError } from "./messages.ts";
import { connectNautilus, findNautilus, type ConnectorHost } from "./nautilus.ts";
import type { ConnectedWallet } from "./wallet.ts";

const STORAGE_KEY = "lets.wallet";
type Saved = { kind: "nautilus" } | { kind: "dev"; index: number };

/** A signature the development wallet asks the member to approve or decline: a transaction or a message. */
export type Approval = DevSignRequest & {
  /** What the screen says the signature does, e.g. "Pay 12.50 KCD to account 3f2a…". */
  purpose: string;
  answer(approved: boolean): void;
};

class WalletSession {
  wallet = $state.raw<ConnectedWallet | undefined>(undefined);
  address = $state<string | undefined>(undefined);
  approval = $state.raw<Approval | undefined>(undefined);
  connecting = $state(false);
  error = $state<string | undefined>(undefined);
  private purpose = "";
  private restored = false;

  private async use(connect: () => Promise<ConnectedWallet>, saved: Saved): Promise<void> {
    this.connecting = true;
    this.error = undefined;
    try {
      const wallet = await connect();
      this.address = await wallet.changeAddress();
      this.wallet = wallet;
      localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    } catch (error) {
      this.error = explainError(error);
    } finally {
      this.connecting = false;
    }
  }

  /** Connects Nautilus (its prompt appears the first time). */
  connectNautilus(): Promise<void> {
    return this.use(() => connectNautilus(window as unknown as ConnectorHost), { kind: "nautilus" });
  }

  /** Connects the development wallet of account `index` (devnet only). */
  connectDev(index: number): Promise<void> {
    return this.use(async () => {
      const account = (await fetchDevAccounts()).find((a) => a.index === index);
      if (!account) throw new Error(`There is no development account ${index}.`);
      return browserDevWallet(account, (request) => this.ask(request));
    }, { kind: "dev", index });
  }

  disconnect(): void {
    this.wallet = undefined;
    this.address = undefined;
    localStorage.removeItem(STORAGE_KEY);
  }

  /** Reconnects the wallet of an earlier visit, once per page load; a wallet gone quietly stays off. */
  async restore(network: string): Promise<void> {
    if (this.restored || this.wallet) return;
    this.restored = true;
    let saved: Saved | undefined;
    try {
      saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Saved | undefined;
    } catch {
      saved = undefined;
    }
    if (saved?.kind === "dev" && network === "devnet") await this.connectDev(saved.index);
    if (saved?.kind === "nautilus" && findNautilus(window as unknown as ConnectorHost)) await this.connectNautilus();
    if (this.error) {
      this.disconnect();
      this.error = undefined;
    }
  }

  /** Signs (the member may decline) and submits through the connected wallet; answers the tx id. */
  async signAndSubmit(unsigned: EIP12UnsignedTransaction, purpose: string): Promise<string> {
    if (!this.wallet) throw new Error("Connect a wallet first.");
    this.purpose = purpose;
    return signAndSubmit(this.wallet, unsigned);
  }

  /** Signs `message` with the key of `address` (EIP-28 style `auth`; the member may decline). */
  async auth(address: string, message: string, purpose: string): Promise<Eip12AuthResult> {
    if (!this.wallet) throw new Error("Connect a wallet first.");
    this.purpose = purpose;
    return this.wallet.auth(address, message);
  }

  /** Signs a payment order with the payer account's key (the development wallet only; the member may decline). */
  async signOrder(order: PaymentOrder, purpose: string): Promise<SignedOrder> {
    if (!this.wallet) throw new Error("Connect a wallet first.");
    this.purpose = purpose;
    return this.wallet.signOrder(order);
  }

  private ask(request: DevSignRequest): Promise<boolean> {
    return new Promise((resolve) => {
      this.approval = {
        ...request,
        purpose: this.purpose,
        answer: (approved) => {
          this.approval = undefined;
          resolve(approved);
        },
      };
    });
  }
}

/** The one wallet session of this browser tab. */
export const walletSession = new WalletSession();
