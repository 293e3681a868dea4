/**
 * Test helper: the signed transactions of a contracts `World` (real builders, both interpreters)
 * as blocks for `applyBlock`, edited copies of them for compromise cases (applyBlock validates no
 * script, so a block may hold what no node would accept), and a replay that keeps the LETS state.
 */
import type { SignedTransaction } from "@fleet-sdk/common";
import { blake2b256, hex, utf8 } from "@fleet-sdk/crypto";
import { SShort } from "@fleet-sdk/serializer";
import { applyBlock, type ChainBlock, type ChainTransaction } from "./apply-block.ts";
import type { BatchBlock } from "./batch.ts";
import type { BlockChanges } from "./lets-events.ts";
import { MemoryLetsState } from "./memory-state.ts";

/** An output as test blocks carry it. */
export type TestBox = ChainTransaction["outputs"][number];

/** The chain form of a signed transaction (a deep copy: edits never reach the world's own). */
export const chainTx = (signed: SignedTransaction | ChainTransaction): ChainTransaction => structuredClone(signed) as unknown as ChainTransaction;

/** A copy of `tx` changed by `edit`: the compromised twin of a real transaction. */
export function edited(tx: ChainTransaction | SignedTransaction, edit: (copy: ChainTransaction) => void): ChainTransaction {
  const copy = structuredClone(tx) as unknown as ChainTransaction;
  edit(copy);
  return copy;
}

/** A fresh 32-byte id derived from `seed` (box and transaction ids of hand-made outputs). */
export const testId = (seed: string): string => hex.encode(blake2b256(utf8.decode(seed)));

/** A copy of `box` under a new box id, with `changes`. */
export const copyBox = (box: TestBox, seed: string, changes: Partial<TestBox> = {}): TestBox => ({ ...structuredClone(box), boxId: testId(seed), ...changes });

/** The spending proof of a storage-rent spend naming output `index` (context variable 127, a Short). */
export const rentProof = (index = 0) => ({ proofBytes: "", extension: { "127": SShort(index).toHex() } });

/** A block of `transactions` at `height` (id and parent derived from the height). */
export function blockOf(height: number, ...transactions: ChainTransaction[]): BatchBlock {
  return { header: { id: testId(`block ${height}`), parentId: testId(`block ${height - 1}`), height, timestamp: 1_700_000_000_000 + height * 120_000 }, transactions };
}

/** Blocks applied in order to one LETS state, as the sync does. */
export class Replay {
  readonly state = new MemoryLetsState();

  /** What `tx` in a block at `height` would change, without applying it. */
  peek(tx: ChainTransaction | SignedTransaction, height: number): BlockChanges {
    return applyBlock(blockOf(height, chainTx(tx)), this.state);
  }

  /** Applies `tx` in a block at `height` and returns what it changed. */
  apply(tx: ChainTransaction | SignedTransaction, height: number): BlockChanges {
    const changes = this.peek(tx, height);
    this.state.apply(changes);
    return changes;
  }

  /** Applies a whole block. */
  applyBlock(block: ChainBlock): BlockChanges {
    const changes = applyBlock(block, this.state);
    this.state.apply(changes);
    return changes;
  }
}
