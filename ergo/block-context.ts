/**
 * The state context of the next block, in Node (ergo-lib-wasm-nodejs): what the devnet validates
 * with and what Node code signs in. Built by `stateContext`, the one context rule.
 */
import * as ergoLib from "ergo-lib-wasm-nodejs";
import { stateContext, type StateContext } from "./context.ts";
import { GENESIS_PARENT_ID, makeHeader } from "./headers.ts";
import type { NodeHeader } from "./types.ts";

/**
 * The validation (and signing) context of the block at `height`, from up to ten last headers,
 * newest first. Before the first block, a placeholder header stands in for the missing ones.
 */
export class BlockContext {
  readonly context: StateContext;

  constructor(readonly height: number, last: readonly NodeHeader[], timestamp: number) {
    const headers = last.length > 0 ? last : [makeHeader({ parentId: GENESIS_PARENT_ID, height: 0, timestamp, transactionIds: [], stateDigest: "0".repeat(64) })];
    this.context = stateContext(ergoLib, headers, { height, timestamp, parentId: last[0]?.id ?? GENESIS_PARENT_ID });
  }

  free(): void {
    this.context.free();
  }
}
