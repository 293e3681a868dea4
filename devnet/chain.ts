/**
 * The devnet's chain: genesis, blocks, the UTXO ledger, the mempool, mining, rollback and forks.
 * Every transaction passes `validateTransaction` before it enters the mempool, and again when it
 * is mined for another height than it was validated for.
 */
import { GENESIS_PARENT_ID, makeHeader } from "../ergo/headers.ts";
import { genesisBoxes } from "./genesis.ts";
import { Ledger, type Undo } from "./ledger.ts";
import { Mempool } from "./mempool.ts";
import { BlockContext } from "../ergo/block-context.ts";
import { CONTEXT_HEADERS } from "../ergo/context.ts";
import { validateTransaction, type BoxLookup } from "./validate.ts";
import { NodeError, badRequest, type Block } from "./types.ts";
import type { NodeBox, NodeHeader, NodeTransaction } from "../ergo/types.ts";

/** Where a chain writes what it does (the data directory), if anywhere. */
export interface ChainStore {
  appendBlock(block: Block): void;
  rewriteBlocks(blocks: Block[]): void;
  appendOrphan(header: NodeHeader): void;
  saveMempool(txs: NodeTransaction[]): void;
}

const MAX_ROLLBACK = 200;

/** The chain. */
export class Chain {
  readonly ledger = new Ledger();
  readonly mempool = new Mempool();
  readonly blocks: Block[] = [];
  readonly genesis: NodeBox[] = genesisBoxes();
  /** Header ids per height, the best chain's first (as `/blocks/at` answers). */
  readonly idsAt = new Map<number, string[]>();
  /** Every block ever made, orphans included, by header id. */
  readonly byId = new Map<string, Block>();
  private readonly undos: { undo: Undo[]; digestBefore: string }[] = [];
  private context?: { tipId: string; block: BlockContext };
  private forks = 0;

  constructor(private readonly store?: ChainStore, private readonly now: () => number = Date.now) {
    this.ledger.addGenesis(this.genesis);
  }

  get height(): number {
    return this.blocks.length;
  }

  get tip(): NodeHeader | undefined {
    return this.blocks.at(-1)?.header;
  }

  /** The `count` newest headers, newest first. */
  lastHeaders(count: number): NodeHeader[] {
    return this.blocks.slice(Math.max(0, this.blocks.length - count)).map((b) => b.header).reverse();
  }

  /** Confirmed boxes plus mempool outputs, with mempool spends. */
  view(): BoxLookup {
    return {
      box: (id) => this.ledger.utxo.get(id) ?? this.mempool.box(id),
      spentBy: (id) => this.mempool.spentBy(id),
    };
  }

  /** Validation context of the next block (cached until the tip changes). */
  nextBlockContext(): BlockContext {
    const tipId = this.tip?.id ?? GENESIS_PARENT_ID;
    if (this.context?.tipId !== tipId) {
      this.context?.block.free();
      this.context = { tipId, block: new BlockContext(this.height + 1, this.lastHeaders(CONTEXT_HEADERS), this.nextTimestamp()) };
    }
    return this.context.block;
  }

  /** Validates `input` and adds it to the mempool; returns the normalized transaction. */
  submit(input: unknown): NodeTransaction {
    const tx = validateTransaction(input, this.view(), this.nextBlockContext());
    if (this.mempool.has(tx.id)) return tx;
    this.mempool.add(tx, this.height + 1);
    this.store?.saveMempool(this.mempool.list().map((e) => e.tx));
    return tx;
  }

  /** Validates `input` as `submit` would, without adding it. */
  check(input: unknown): NodeTransaction {
    return validateTransaction(input, this.view(), this.nextBlockContext());
  }

  /** Mines `count` blocks; each includes every valid mempool transaction. */
  mine(count = 1): Block[] {
    const mined: Block[] = [];
    for (let i = 0; i < count; i++) mined.push(this.mineOne());
    this.store?.saveMempool([]);
    return mined;
  }

  /**
   * Undoes the last `count` blocks; their transactions go back to the mempool if still valid, or,
   * with `dropTransactions`, are dropped with the whole mempool (so a test can mine a competing
   * branch with different transactions).
   */
  rollback(count: number, options: { dropTransactions?: boolean } = {}): void {
    const orphaned = this.unwind(count);
    if (!options.dropTransactions) this.readd(orphaned);
    // Otherwise a block mined next on the same parent in the same millisecond gets the orphan's id.
    this.forks += 1;
    this.store?.rewriteBlocks(this.blocks);
    this.store?.saveMempool(this.mempool.list().map((e) => e.tx));
  }

  /**
   * Replaces the last `count` blocks by `count + 1` new ones, as a competing longer chain would.
   * The orphaned (and pending) transactions go into the first new block for which they are valid:
   * one built at the old tip records heights above the fork point, so it is only valid again a
   * few blocks later. Whatever is still invalid at the new tip is dropped, as a node drops it.
   */
  fork(count: number): Block[] {
    let waiting = this.unwind(count);
    this.store?.rewriteBlocks(this.blocks);
    this.forks += 1;
    const mined: Block[] = [];
    for (let i = 0; i <= count; i++) {
      waiting = this.readd(waiting);
      mined.push(this.mineOne());
    }
    this.readd(waiting);
    this.store?.saveMempool(this.mempool.list().map((e) => e.tx));
    return mined;
  }

  /** Loads blocks from a store without validating them again (they were validated when mined). */
  replay(blocks: Block[], orphans: NodeHeader[]): void {
    for (const block of blocks) {
      // The digest before the block, for rollbacks: read it before applying the block's transactions.
      const digestBefore = this.ledger.digest;
      this.pushBlock(block, block.transactions.map((tx) => this.ledger.apply(tx, block.header.height)), digestBefore);
    }
    // Each rollback or fork orphaned at least one block: salts of later blocks stay distinct across restarts.
    this.forks = orphans.length;
    for (const header of orphans) this.byId.set(header.id, { header, transactions: [] });
    for (const header of orphans) this.idsAt.set(header.height, [...(this.idsAt.get(header.height) ?? []), header.id]);
  }

  /** Pops the last `count` blocks and empties the mempool; returns their transactions in order. */
  private unwind(count: number): NodeTransaction[] {
    if (!Number.isInteger(count) || count < 1 || count > Math.min(MAX_ROLLBACK, this.height)) {
      throw badRequest(`can roll back 1 to ${Math.min(MAX_ROLLBACK, this.height)} blocks, not ${count}`);
    }
    const orphaned: NodeTransaction[] = [];
    for (let i = 0; i < count; i++) orphaned.unshift(...this.popBlock());
    return [...orphaned, ...this.mempool.drain()];
  }

  /** Submits `txs` again in order; returns those not valid for the next block. */
  private readd(txs: NodeTransaction[]): NodeTransaction[] {
    return txs.filter((tx) => {
      try {
        this.submit(tx);
        return false;
      } catch (error) {
        if (!(error instanceof NodeError)) throw error;
        return true;
      }
    });
  }

  private mineOne(): Block {
    const height = this.height + 1;
    const digestBefore = this.ledger.digest;
    const included: NodeTransaction[] = [];
    const undo: Undo[] = [];
    const entries = this.mempool.list();
    this.mempool.drain();
    for (const { tx, validatedFor } of entries) {
      const valid = validatedFor === height ? tx : this.revalidate(tx);
      if (!valid || !valid.inputs.every((i) => this.ledger.utxo.has(i.boxId))) continue;
      undo.push(this.ledger.apply(valid, height));
      included.push(valid);
    }
    const header = makeHeader({
      parentId: this.tip?.id ?? GENESIS_PARENT_ID,
      height,
      timestamp: this.nextTimestamp(),
      transactionIds: included.map((t) => t.id),
      stateDigest: this.ledger.digest,
      salt: this.forks > 0 ? `fork-${this.forks}` : undefined,
    });
    const block = { header, transactions: included };
    this.pushBlock(block, undo, digestBefore);
    this.store?.appendBlock(block);
    return block;
  }

  private revalidate(tx: NodeTransaction): NodeTransaction | undefined {
    const view: BoxLookup = { box: (id) => this.ledger.utxo.get(id), spentBy: () => undefined };
    try {
      return validateTransaction(tx, view, this.nextBlockContext());
    } catch (error) {
      if (error instanceof NodeError) return undefined;
      throw error;
    }
  }

  private pushBlock(block: Block, undo: Undo[], digestBefore: string): void {
    this.blocks.push(block);
    this.undos.push({ undo, digestBefore });
    this.byId.set(block.header.id, block);
    this.idsAt.set(block.header.height, [block.header.id, ...(this.idsAt.get(block.header.height) ?? [])]);
  }

  private popBlock(): NodeTransaction[] {
    const block = this.blocks.pop()!;
    const { undo, digestBefore } = this.undos.pop()!;
    for (let i = block.transactions.length - 1; i >= 0; i--) {
      this.ledger.undo(block.transactions[i]!, undo[i]!, i === 0 ? digestBefore : this.ledger.digest);
    }
    this.ledger.digest = digestBefore;
    this.store?.appendOrphan(block.header);
    return block.transactions;
  }

  private nextTimestamp(): number {
    return Math.max(this.now(), (this.tip?.timestamp ?? 0) + 1);
  }
}
