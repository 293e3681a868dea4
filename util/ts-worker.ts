/** Worker threads running TypeScript modules: the worker registers tsx's loader, then imports the module. */
import { Worker } from "node:worker_threads";

/** Starts `module` (a .ts file URL) in a worker thread of this process. */
export function startTsWorker(module: URL, workerData?: unknown): Worker {
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
