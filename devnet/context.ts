/** What every route plugin of the devnet's server reads. */
import type { Chain } from "./chain.ts";
import type { Miner } from "./miner.ts";

/** What the routes share. */
export interface DevnetContext {
  chain: Chain;
  miner: Miner;
  launchTime: number;
}
