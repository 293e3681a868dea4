/** When the devnet mines: on an interval (`--block-time`), at once per transaction (`--instant`), or on demand. */
import type { Chain } from "./chain.ts";

export interface MinerOptions {
  /** Milliseconds between blocks; 0 mines only on demand. */
  blockTimeMs: number;
  /** Mine a block as soon as a transaction is accepted. */
  instant: boolean;
}

/** Drives mining for a chain. */
export class Miner {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly chain: Chain, readonly options: MinerOptions) {}

  start(): void {
    if (this.options.instant || this.options.blockTimeMs <= 0 || this.timer) return;
    this.timer = setInterval(() => this.chain.mine(1), this.options.blockTimeMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Called after a transaction enters the mempool. */
  accepted(): void {
    if (this.options.instant) this.chain.mine(1);
  }
}
