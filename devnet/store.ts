/**
 * The devnet's data directory: `blocks.jsonl` (one mined block a line, appended), `orphans.jsonl`
 * (headers of rolled-back blocks) and `mempool.json`. Written with bigint-safe JSON; rewrites go
 * through a temporary file and a rename so a crash never leaves half a file.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChainStore } from "./chain.ts";
import { parseJson, stringifyJson } from "../ergo/json.ts";
import type { Block } from "./types.ts";
import type { NodeHeader, NodeTransaction } from "../ergo/types.ts";

/** How long a mempool change may wait before it is written (a crash loses at most this much of the pool). */
const MEMPOOL_WRITE_DELAY_MS = 200;

/** What a data directory holds. */
export interface StoredChain {
  blocks: Block[];
  orphans: NodeHeader[];
  mempool: NodeTransaction[];
}

function readLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => normalize(parseJson(line)) as T);
}

/** Turns the `value` and `amount` fields back into bigint wherever JSON made them numbers. */
function normalize(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, k)]));
  }
  if ((key === "value" || key === "amount") && (typeof value === "number" || typeof value === "bigint")) return BigInt(value);
  return value;
}

/** A data directory that a `Chain` writes to. */
export class DirectoryStore implements ChainStore {
  private readonly blocksFile: string;
  private readonly orphansFile: string;
  private readonly mempoolFile: string;
  private pendingMempool: NodeTransaction[] | undefined;
  private mempoolTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.blocksFile = join(dir, "blocks.jsonl");
    this.orphansFile = join(dir, "orphans.jsonl");
    this.mempoolFile = join(dir, "mempool.json");
  }

  /** Reads everything back. */
  load(): StoredChain {
    this.flush();
    const mempool = existsSync(this.mempoolFile) ? (normalize(parseJson(readFileSync(this.mempoolFile, "utf8"))) as NodeTransaction[]) : [];
    return { blocks: readLines<Block>(this.blocksFile), orphans: readLines<NodeHeader>(this.orphansFile), mempool };
  }

  appendBlock(block: Block): void {
    appendFileSync(this.blocksFile, stringifyJson(block) + "\n");
  }

  rewriteBlocks(blocks: Block[]): void {
    this.atomicWrite(this.blocksFile, blocks.map((b) => stringifyJson(b) + "\n").join(""));
  }

  appendOrphan(header: NodeHeader): void {
    appendFileSync(this.orphansFile, stringifyJson(header) + "\n");
  }

  /**
   * Remembers the mempool and writes it a moment later: a burst of submissions then costs one
   * write instead of one rewrite of the whole pool per transaction (quadratic in the pool's size).
   * `flush()` writes at once; the devnet calls it when it stops.
   */
  saveMempool(txs: NodeTransaction[]): void {
    this.pendingMempool = txs;
    this.mempoolTimer ??= setTimeout(() => this.flush(), MEMPOOL_WRITE_DELAY_MS).unref();
  }

  /** Writes a mempool that `saveMempool` still holds. */
  flush(): void {
    if (this.mempoolTimer) clearTimeout(this.mempoolTimer);
    this.mempoolTimer = undefined;
    if (this.pendingMempool === undefined) return;
    const txs = this.pendingMempool;
    this.pendingMempool = undefined;
    this.atomicWrite(this.mempoolFile, stringifyJson(txs));
  }

  /** Deletes the chain (`lets devnet --reset`). */
  reset(): void {
    this.pendingMempool = undefined;
    this.flush();
    for (const file of [this.blocksFile, this.orphansFile, this.mempoolFile]) rmSync(file, { force: true });
  }

  private atomicWrite(file: string, text: string): void {
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  }
}
