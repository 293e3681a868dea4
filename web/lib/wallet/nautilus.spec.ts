/**
 * The Nautilus adapter against a connector that behaves as Nautilus's injected script does
 * (src/extension/content-scripts/injected.ts): `connect` resolves a boolean, `getContext` rejects
 * with `{ code: -3, info: "Not connected." }` before access, the context's methods reject with
 * `{ code, info }` objects, and injection ends with the `ergo-wallet:injected` event.
 */
import { describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { INJECTED_EVENT, type Eip12Connector, type Eip12Context } from "./eip12.ts";
import { WalletError } from "./errors.ts";
import { connectNautilus, waitForNautilus, type ConnectorHost } from "./nautilus.ts";
import { ConnectedWallet } from "./wallet.ts";

const context: Eip12Context = {
  get_utxos: async () => undefined,
  get_change_address: async () => "3WvsT2Gm4EpsM9Pg18PdY6XyhNNMqXDsvJTbbf6ihLvAmSb7u5RN",
  get_current_height: async () => 1234,
  sign_tx: async (_tx: EIP12UnsignedTransaction): Promise<SignedTransaction> => Promise.reject({ code: 2, info: "User rejected." }),
  submit_tx: async () => Promise.reject({ code: 1, info: "Transaction is invalid." }),
};

/** A connector with Nautilus's behaviour; `grant` decides what the user answers in the prompt. */
function nautilusLike(grant: boolean): Eip12Connector & { asked: unknown[] } {
  let connected = false;
  const asked: unknown[] = [];
  return {
    asked,
    async connect(options) {
      asked.push(options);
      connected = grant;
      return grant;
    },
    getContext: () => (connected ? Promise.resolve(context) : Promise.reject({ code: -3, info: "Not connected." })),
    isConnected: async () => connected,
    disconnect: async () => true,
  };
}

const inject = (host: ConnectorHost, connector: Eip12Connector) => {
  host.ergoConnector = { ...host.ergoConnector, nautilus: connector };
  host.dispatchEvent(new CustomEvent(INJECTED_EVENT, { detail: "nautilus" }));
};

describe("connectNautilus", () => {
  it("asks for access without the global ergo object and wraps the context", async () => {
    const host: ConnectorHost = new EventTarget();
    const connector = nautilusLike(true);
    inject(host, connector);
    const wallet = await connectNautilus(host);
    expect(connector.asked).toEqual([{ createErgoObject: false }]);
    expect(wallet.kind).toBe("nautilus");
    expect(await wallet.height()).toBe(1234);
    expect(await wallet.utxos()).toEqual([]);
  });

  it("finds a connector injected after the page loaded, on the injected event", async () => {
    const host: ConnectorHost = new EventTarget();
    const found = waitForNautilus(host, 5_000);
    setTimeout(() => inject(host, nautilusLike(true)), 10);
    expect(await found).toBeDefined();
  });

  it("says Nautilus is not installed when nothing is injected in time", async () => {
    const error = await connectNautilus(new EventTarget(), 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WalletError);
    expect((error as WalletError).kind).toBe("not-connected");
    expect((error as WalletError).message).toMatch(/Nautilus is not installed/);
  });

  it("says access was refused when the user does not grant it", async () => {
    const host: ConnectorHost = new EventTarget();
    inject(host, nautilusLike(false));
    const error = (await connectNautilus(host).catch((e: unknown) => e)) as WalletError;
    expect(error.kind).toBe("not-connected");
    expect(error.method).toBe("connect");
  });

  it("translates the context's errors per method", async () => {
    const host: ConnectorHost = new EventTarget();
    inject(host, nautilusLike(true));
    const wallet = await connectNautilus(host);
    const tx = { inputs: [], dataInputs: [], outputs: [] } as unknown as EIP12UnsignedTransaction;
    const declined = (await wallet.sign(tx).catch((e: unknown) => e)) as WalletError;
    expect([declined.kind, declined.method]).toEqual(["declined", "sign_tx"]);
    const refused = (await wallet.submit({} as SignedTransaction).catch((e: unknown) => e)) as WalletError;
    expect([refused.kind, refused.method]).toEqual(["submit-refused", "submit_tx"]);
  });

  it("passes auth through to the context, reads Cancel as a decline, and says so when the wallet has no auth", async () => {
    const signed = { signedMessage: "hello;https://shop.example;1764684300;ab", proof: "00ff" };
    const asked: [string, string][] = [];
    const withAuth = new ConnectedWallet("nautilus", "Nautilus", { ...context, auth: async (address, message) => (asked.push([address, message]), signed) });
    expect(await withAuth.auth("3Wabc", "hello")).toEqual(signed);
    expect(asked).toEqual([["3Wabc", "hello"]]);
    // Nautilus's AuthView answers Cancel with Refused "User rejected.".
    const cancelled = new ConnectedWallet("nautilus", "Nautilus", { ...context, auth: () => Promise.reject({ code: -3, info: "User rejected." }) });
    const declined = (await cancelled.auth("3Wabc", "hello").catch((e: unknown) => e)) as WalletError;
    expect([declined.kind, declined.method]).toEqual(["declined", "auth"]);
    const none = (await new ConnectedWallet("nautilus", "Nautilus", context).auth("3Wabc", "hello").catch((e: unknown) => e)) as WalletError;
    expect([none.kind, none.message]).toEqual(["internal", "Nautilus cannot sign messages (it has no auth method): update it, or use another wallet."]);
  });
});
