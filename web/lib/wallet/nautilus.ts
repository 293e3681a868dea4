/**
 * Connecting Nautilus (EIP-12): the extension injects `window.ergoConnector.nautilus`, possibly
 * after the page has loaded, and then dispatches `ergo-wallet:injected`; so we look, and if it is
 * not there yet we wait for that event a little while. Access is asked without creating the
 * global `ergo` object; the context comes from `getContext()`.
 */
import { INJECTED_EVENT, type Eip12Connector } from "./eip12.ts";
import { WalletError, translateWalletError } from "./errors.ts";
import { ConnectedWallet } from "./wallet.ts";

/** The part of `window` this module touches (an EventTarget with the connector on it). */
export type ConnectorHost = EventTarget & { ergoConnector?: { nautilus?: Eip12Connector } };

/** How long to wait for a late injection before saying Nautilus is not installed. */
export const INJECTION_WAIT_MS = 1_500;

/** Nautilus's connector if it is injected already. */
export const findNautilus = (host: ConnectorHost): Eip12Connector | undefined => host.ergoConnector?.nautilus;

/** Nautilus's connector, waiting up to `timeoutMs` for the extension to inject it. */
export function waitForNautilus(host: ConnectorHost, timeoutMs = INJECTION_WAIT_MS): Promise<Eip12Connector | undefined> {
  const now = findNautilus(host);
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      host.removeEventListener(INJECTED_EVENT, onInjected);
      resolve(findNautilus(host));
    };
    const onInjected = () => {
      if (findNautilus(host)) done();
    };
    const timer = setTimeout(done, timeoutMs);
    host.addEventListener(INJECTED_EVENT, onInjected);
  });
}

/**
 * Asks Nautilus for access (the extension shows its prompt the first time) and returns the
 * wallet. Throws `WalletError` "not-connected" when Nautilus is missing or access is refused.
 */
export async function connectNautilus(host: ConnectorHost, timeoutMs = INJECTION_WAIT_MS): Promise<ConnectedWallet> {
  const connector = await waitForNautilus(host, timeoutMs);
  if (!connector) {
    throw new WalletError("not-connected", "connect", "Nautilus is not installed in this browser (or is disabled). Install it from nautiluswallet.io, or use another wallet.");
  }
  let granted: boolean;
  try {
    granted = await connector.connect({ createErgoObject: false });
  } catch (error) {
    throw translateWalletError("connect", error);
  }
  if (!granted) throw new WalletError("not-connected", "connect", "Nautilus did not grant access to this site. Connect again and approve it in Nautilus.");
  try {
    return new ConnectedWallet("nautilus", "Nautilus", await connector.getContext());
  } catch (error) {
    throw translateWalletError("getContext", error);
  }
}
