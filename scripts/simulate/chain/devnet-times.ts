/** Times the devnet's own work (validation on submit, mining) inside its chain object. */
import { performance } from "node:perf_hooks";
import type { Chain } from "../../../devnet/chain.ts";
import type { NodeTimes } from "./driver.ts";

/** Wraps `chain.submit` and `chain.mine` so each call's milliseconds land in the returned lists. */
export function timeChain(chain: Chain): NodeTimes {
  const times: NodeTimes = { validateMs: [], mineMs: [] };
  const submit = chain.submit.bind(chain);
  const mine = chain.mine.bind(chain);
  chain.submit = (input) => {
    const started = performance.now();
    try {
      return submit(input);
    } finally {
      times.validateMs.push(performance.now() - started);
    }
  };
  chain.mine = (count) => {
    const started = performance.now();
    try {
      return mine(count);
    } finally {
      times.mineMs.push(performance.now() - started);
    }
  };
  return times;
}
