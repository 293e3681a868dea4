/**
 * The base of the errors the indexer throws on purpose (an API refusal, a halted sync, a lost
 * writer lock, a failed start or wait), so they are told from bugs; each subclass carries the data
 * that explains it.
 */
export class IndexerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
