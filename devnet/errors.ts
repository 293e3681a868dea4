/** The base of the errors the devnet throws on purpose (a refusal with the node's error body), so they are told from bugs. */
export class DevnetError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
