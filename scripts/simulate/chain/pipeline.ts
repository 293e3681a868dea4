/**
 * The transaction pipeline: transactions are built and handed over in model order; they are signed
 * concurrently (signing threads) and submitted strictly in order, each only once the chain has
 * reached the height it was built at (so a simulated block's payments land in that block). A
 * transaction the node refuses is counted with the node's reason, and so is every queued one built
 * on its outputs; their effects on the ledger and the local boxes are undone.
 */
import { performance } from "node:perf_hooks";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { NodeRequestError } from "../../../ergo/node-client.ts";
import type { Undo } from "../ledger.ts";
import type { ChainDriver } from "./driver.ts";
import type { Predicted } from "../../../ergo/predict.ts";
import type { Signature, SignerPool } from "../../../ergo/signer-pool.ts";

/** A built transaction on its way to the chain. */
export interface Entry {
  unsigned: EIP12UnsignedTransaction;
  predicted: Predicted;
  secretKeys: string[];
  /** The simulated block it belongs to (-1: setup); the chain is sealed between blocks. */
  block: number;
  /** The height it was built at; it goes into the block after. */
  buildHeight: number;
  /** Reverts the ledger, local boxes and event outcome if the node refuses it (or a transaction it spends from). */
  undo: Undo;
  /** Records a refusal by the node (`reason`), after `undo`. */
  refused(reason: string): void;
}

/** Where the pipeline's time went, in milliseconds per call. */
export interface PipelineTimes {
  signMs: number[];
  submitMs: number[];
  mineMs: number[];
}

/** The node's refusal in the vocabulary of the report (docs/simulate.md, refusals). */
export function nodeRefusalReason(error: NodeRequestError): string {
  if (/double spend/i.test(error.detail)) return "node: contention (box already spent in the mempool)";
  if (/not in the UTXO set|not found/i.test(error.detail)) return "node: input box missing";
  if (/validation failed|script/i.test(error.detail)) return "node: script or proof refused";
  return `node: ${error.status} ${error.reason}`;
}

/** A transaction dropped because one it spends from was refused. */
export const DEPENDS_ON_REFUSED = "node: spends an output of a refused transaction";

interface Queued extends Entry {
  signature: Promise<Signature>;
}

export class Pipeline {
  readonly times: PipelineTimes = { signMs: [], submitMs: [], mineMs: [] };
  private readonly queue: Queued[] = [];
  private running: Promise<void> = Promise.resolve();
  private active = false;
  /** The simulated block whose transactions are being submitted. */
  private block = Number.NEGATIVE_INFINITY;
  private failure: unknown;
  private wakeProducer: (() => void) | undefined;
  submitted = 0;

  constructor(
    private readonly driver: ChainDriver,
    private readonly signer: SignerPool,
    private readonly maxQueued = 256,
  ) {}

  /** Starts the timings and the submitted count afresh (after the setup). */
  resetCounts(): void {
    for (const list of Object.values(this.times)) list.length = 0;
    this.submitted = 0;
  }

  /** Hands a built transaction over: signing starts now, submission in turn. */
  push(entry: Entry): void {
    if (this.failure) throw this.failure;
    const signature = this.signer.sign(entry.unsigned, entry.secretKeys, this.driver.signingTip(entry.buildHeight));
    signature.catch(() => undefined);
    this.queue.push({ ...entry, signature });
    if (!this.active) {
      this.active = true;
      this.running = this.run();
    }
  }

  /** Resolves when there is room in the queue (back pressure on the model). */
  async room(): Promise<void> {
    while (this.queue.length >= this.maxQueued && !this.failure) await new Promise<void>((done) => (this.wakeProducer = done));
    if (this.failure) throw this.failure;
  }

  /** Waits until everything handed over is submitted, then until it is all in blocks and the chain is at `height` or higher. */
  async flush(height: number): Promise<void> {
    while (this.active) await this.running;
    if (this.failure) throw this.failure;
    await this.mineTo(height);
  }

  private async mineTo(height: number): Promise<void> {
    const started = performance.now();
    await this.driver.mineTo(height);
    this.times.mineMs.push(performance.now() - started);
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const entry = this.queue[0]!;
        if (entry.block !== this.block) {
          // The previous simulated block is complete: seal it (and any empty ones after it).
          await this.mineTo(entry.buildHeight);
          this.block = entry.block;
        }
        const { signed, ms } = await entry.signature;
        this.times.signMs.push(ms);
        const started = performance.now();
        try {
          const id = await this.driver.submit(signed);
          if (id !== entry.predicted.id) throw new Error(`the node accepted ${id}, but the transaction was predicted as ${entry.predicted.id}`);
          this.queue.shift();
          this.submitted += 1;
        } catch (error) {
          if (!(error instanceof NodeRequestError) || error.status !== 400) throw error;
          this.refuse(nodeRefusalReason(error));
        } finally {
          this.times.submitMs.push(performance.now() - started);
        }
        this.wakeProducer?.();
      }
    } catch (error) {
      this.failure = error;
      this.wakeProducer?.();
    } finally {
      this.active = false;
    }
  }

  /** The head was refused: drop it and every queued transaction spending its outputs (transitively), undoing them newest first. */
  private refuse(reason: string): void {
    const head = this.queue.shift()!;
    const poisoned = new Set(head.predicted.outputs.map((o) => o.boxId));
    const dropped: Queued[] = [];
    const kept = this.queue.filter((entry) => {
      if (!entry.unsigned.inputs.some((input) => poisoned.has(input.boxId))) return true;
      for (const output of entry.predicted.outputs) poisoned.add(output.boxId);
      dropped.push(entry);
      return false;
    });
    this.queue.splice(0, this.queue.length, ...kept);
    for (const entry of dropped.reverse()) {
      entry.undo();
      entry.refused(DEPENDS_ON_REFUSED);
    }
    head.undo();
    head.refused(reason);
  }
}
