/** The signing context of the block a transaction is for, kept while consecutive jobs share it. */
import type { NodeHeader } from "./types.ts";
import { BlockContext } from "./block-context.ts";

/** The chain as a signer needs it: the height of the block the transaction is for, and recent headers (newest first). */
export interface SigningTip {
  height: number;
  headers: NodeHeader[];
  timestamp: number;
}

/** One ergo-lib context at a time; a new one when the height or the headers change. */
export class SigningContexts {
  private cached: { key: string; block: BlockContext } | undefined;

  for(tip: SigningTip): BlockContext {
    const key = `${tip.height}:${tip.headers[0]?.id ?? "genesis"}`;
    if (this.cached?.key !== key) {
      this.cached?.block.free();
      this.cached = { key, block: new BlockContext(tip.height, tip.headers, tip.timestamp) };
    }
    return this.cached.block;
  }
}
