/**
 * The devnet in its own thread: `startDevnet` on port 0, in memory or a fresh chain in the given
 * data directory, mining only on demand, its validation and mining timed inside the chain. Answers
 * requests for the timings, to clear them, and to close.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startDevnet } from "../../../devnet/start.ts";
import { timeChain } from "./devnet-times.ts";

const port = parentPort;
if (!port) throw new Error("devnet-worker.ts runs as a worker thread");
const { dataDir } = workerData as { dataDir: string | undefined };

const devnet = await startDevnet({ port: 0, dataDir, blockTimeMs: 0 });
const times = timeChain(devnet.chain);

port.on("message", (request: "times" | "reset" | "close") => {
  if (request === "times") port.postMessage({ times });
  else if (request === "reset") {
    times.validateMs.length = 0;
    times.mineMs.length = 0;
    port.postMessage({ reset: true });
  } else void devnet.close().then(() => port.postMessage({ closed: true }));
});
port.postMessage({ url: devnet.url });
