/**
 * The base of the errors the LETS client throws on purpose (a community the node does not have),
 * so a caller can tell them from bugs. The contracts' refusals (`LetsError`) and the node's
 * (`NodeRequestError`) pass through it unchanged.
 */
export class ClientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
