import type { ErgoBox } from "ergo-lib-wasm-nodejs";

/**
 * Parsed boxes by id, the most recently used last. Parsing a box from JSON costs ergo-lib ~0.2 ms
 * (its ErgoTree); taking a validated transaction's outputs and handing a parsed box to `validate_tx`
 * costs ~0.01 ms. A box id is the hash of the box's bytes, so a cached box is always the right
 * one, for any chain in the process. Evicted boxes are freed.
 */
export class ParsedBoxes {
  private readonly boxes = new Map<string, ErgoBox>();

  constructor(private readonly capacity: number) {}

  get(boxId: string): ErgoBox | undefined {
    const box = this.boxes.get(boxId);
    if (box) {
      this.boxes.delete(boxId);
      this.boxes.set(boxId, box);
    }
    return box;
  }

  set(boxId: string, box: ErgoBox): void {
    this.boxes.get(boxId)?.free();
    this.boxes.delete(boxId);
    this.boxes.set(boxId, box);
    for (const [oldest, evicted] of this.boxes) {
      if (this.boxes.size <= this.capacity) break;
      this.boxes.delete(oldest);
      evicted.free();
    }
  }
}

/** The process-wide cache `validateTransaction` uses. */
export const parsedBoxes = new ParsedBoxes(1_024);
