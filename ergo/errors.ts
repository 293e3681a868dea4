/**
 * The base of the errors ergo/ throws on purpose (a node's refusal, a bad mnemonic), so a caller
 * can tell them from bugs; each subclass carries the data that explains it. Browser-safe.
 */
export class ErgoError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
