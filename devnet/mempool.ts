/**
 * Unconfirmed transactions in arrival order. Outputs of pooled transactions can be spent by later
 * ones (chaining); the first transaction to spend a box wins.
 */
import type { NodeBox, NodeTransaction } from "../ergo/types.ts";

interface Entry {
  tx: NodeTransaction;
  /** Height of the block the transaction was last validated for. */
  validatedFor: number;
}

/** The mempool. */
export class Mempool {
  private readonly entries = new Map<string, Entry>();
  private readonly outputs = new Map<string, NodeBox>();
  private readonly spent = new Map<string, string>();

  get size(): number {
    return this.entries.size;
  }

  has(txId: string): boolean {
    return this.entries.has(txId);
  }

  get(txId: string): NodeTransaction | undefined {
    return this.entries.get(txId)?.tx;
  }

  /** Transactions in arrival order, with the height each was validated for. */
  list(): Entry[] {
    return [...this.entries.values()];
  }

  /** An output of a pooled transaction. */
  box(boxId: string): NodeBox | undefined {
    return this.outputs.get(boxId);
  }

  /** The pooled transaction spending `boxId`, if any. */
  spentBy(boxId: string): string | undefined {
    return this.spent.get(boxId);
  }

  add(tx: NodeTransaction, validatedFor: number): void {
    this.entries.set(tx.id, { tx, validatedFor });
    for (const input of tx.inputs) this.spent.set(input.boxId, tx.id);
    for (const out of tx.outputs) this.outputs.set(out.boxId, out);
  }

  /** Removes transactions (mined or dropped) and their bookkeeping. */
  remove(txIds: Iterable<string>): void {
    for (const id of txIds) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      this.entries.delete(id);
      for (const input of entry.tx.inputs) if (this.spent.get(input.boxId) === id) this.spent.delete(input.boxId);
      for (const out of entry.tx.outputs) this.outputs.delete(out.boxId);
    }
  }

  /** Empties the pool and returns what it held, in order. */
  drain(): NodeTransaction[] {
    const txs = [...this.entries.values()].map((e) => e.tx);
    this.entries.clear();
    this.outputs.clear();
    this.spent.clear();
    return txs;
  }
}
