import { IndexerError } from "../errors.ts";

/** The sync must stop: continuing would corrupt the mirror (a fork too deep, a broken LETS invariant). */
export class SyncHalted extends IndexerError {}
