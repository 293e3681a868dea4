/**
 * The base of the errors the web app throws on purpose (settings, its build, the indexer or the
 * node not answering, a bad address), so they are told from bugs. The wallet's refusals
 * (`WalletError`, `NotLive`) extend the contracts' `LetsError` instead: the wallet screens explain
 * every refusal of the member's intent in one place (`wallet/messages.ts`), as the CLI does.
 */
export class WebError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
