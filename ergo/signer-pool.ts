/**
 * Signing in worker threads: ergo-lib signs a payment in about 5 ms, as long as the devnet takes to
 * validate it, so signing on its own thread roughly doubles what one process reaches on two cores.
 * With `threads: 0` it signs on the calling thread (simpler to profile; slower).
 */
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { signWithSecrets } from "./signer.ts";
import { SigningContexts, type SigningTip } from "./signing-contexts.ts";
import { startTsWorker } from "../util/ts-worker.ts";

export type { SigningTip } from "./signing-contexts.ts";

/** A job sent to a signing thread. */
export interface SignJob extends SigningTip {
  job: number;
  unsigned: EIP12UnsignedTransaction;
  secretKeys: string[];
}

export type SignReply = { job: number; signed: SignedTransaction; ms: number } | { job: number; error: string };

/** A signature and the milliseconds the signing took inside its thread. */
export interface Signature {
  signed: SignedTransaction;
  ms: number;
}

interface Waiter {
  resolve(signature: Signature): void;
  reject(error: Error): void;
  worker: number;
}

/** Worker threads that sign; jobs go to the thread with the fewest waiting. */
export class SignerPool {
  private readonly waiting = new Map<number, Waiter>();
  private readonly load: number[];
  private next = 0;

  private constructor(private readonly workers: Worker[]) {
    this.load = workers.map(() => 0);
    workers.forEach((worker, index) => {
      worker.on("message", (reply: SignReply | "ready") => {
        if (reply === "ready") return;
        const waiter = this.waiting.get(reply.job);
        this.waiting.delete(reply.job);
        this.load[index]! -= 1;
        if ("error" in reply) waiter?.reject(new Error(`signing failed: ${reply.error}`));
        else waiter?.resolve(reply);
      });
      worker.on("error", (error) => {
        for (const [job, waiter] of this.waiting) {
          if (waiter.worker !== index) continue;
          this.waiting.delete(job);
          waiter.reject(error);
        }
      });
    });
  }

  /** Starts `threads` signing threads (0: sign on the calling thread). */
  static async start(threads: number): Promise<SignerPool> {
    const workers = Array.from({ length: threads }, () => startTsWorker(new URL("./sign-worker.ts", import.meta.url)));
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => (w.once("message", resolve), w.once("error", reject)))));
    return new SignerPool(workers);
  }

  /** Signs `unsigned` with `secretKeys` for the block at `tip.height`. */
  sign(unsigned: EIP12UnsignedTransaction, secretKeys: string[], tip: SigningTip): Promise<Signature> {
    if (this.workers.length === 0) return Promise.resolve(signHere(unsigned, secretKeys, tip));
    const job = this.next++;
    const worker = this.load.indexOf(Math.min(...this.load));
    this.load[worker]! += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(job, { resolve, reject, worker });
      this.workers[worker]!.postMessage({ ...tip, job, unsigned, secretKeys } satisfies SignJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const contexts = new SigningContexts();

function signHere(unsigned: EIP12UnsignedTransaction, secretKeys: string[], tip: SigningTip): Signature {
  const block = contexts.for(tip);
  const started = performance.now();
  return { signed: signWithSecrets(unsigned, secretKeys, block), ms: performance.now() - started };
}
