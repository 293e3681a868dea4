/**
 * A signing thread: signs EIP-12 unsigned transactions with ergo-lib (`signWithSecrets`), for the
 * block height it is given. Started by `SignerPool`; keys arrive with each job and are never stored.
 */
import { performance } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { signWithSecrets } from "./signer.ts";
import type { SignJob, SignReply } from "./signer-pool.ts";
import { SigningContexts } from "./signing-contexts.ts";

const port = parentPort;
if (!port) throw new Error("sign-worker.ts runs as a worker thread");

const contexts = new SigningContexts();

port.on("message", (job: SignJob) => {
  try {
    const block = contexts.for(job);
    const started = performance.now();
    const signed = signWithSecrets(job.unsigned, job.secretKeys, block);
    port.postMessage({ job: job.job, signed, ms: performance.now() - started } satisfies SignReply);
  } catch (error) {
    port.postMessage({ job: job.job, error: error instanceof Error ? error.message : String(error) } satisfies SignReply);
  }
});
port.postMessage("ready");
