/**
 * The settlement service (docs/batches.md): a loop that runs a round (`settler.ts`) when it starts,
 * after every block the mirror takes in, and when `wake()` says orders came; otherwise it polls the
 * mirror's tip every `pollMs`. It keeps nothing in memory a restart would miss: what is pending is
 * read from the database each round, and which settlements wait or landed from the node and the
 * chain tables, so it may be stopped at any moment and started again, or run twice.
 */
import { secp256k1 } from "@noble/curves/secp256k1";
import { hex } from "@fleet-sdk/crypto";
import { ErgoAddress } from "@fleet-sdk/core";
import { LetsOverHttp, type KeyHolder } from "../../client/lets-over-http.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import { indexedTip } from "../db/order-book.ts";
import type { Db } from "../db/queries/common.ts";
import { IndexerError } from "../errors.ts";
import { streamLogger, type Logger } from "../log.ts";
import { settleRound, type RoundOutcome, type SettleHooks } from "./settler.ts";

/** Orders per settlement unless told; one bigger than the node's largest transaction is planned again with fewer. */
export const DEFAULT_MAX_ORDERS = 100;

export interface SettlerOptions {
  db: Db;
  node: NodeClient;
  /** The settler's secret key (32 bytes, hex): its wallet pays every settlement's fee. */
  secretKey: string;
  /** How often to look for a new block (default 500 ms). */
  pollMs?: number;
  maxOrders?: number;
  logger?: Logger;
  hooks?: SettleHooks;
  /** Told of every round that submitted something (tests). */
  onRound?: (outcome: RoundOutcome) => void;
}

export interface RunningSettler {
  /** The settler's key and addresses. */
  settler: KeyHolder & { ergoTree: string };
  /** Runs a round soon (new orders came). */
  wake(): void;
  /** Ends the loop after the round under way. */
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

/** The settler's key is not a secp256k1 secret key. */
export class InvalidSettlerKey extends IndexerError {
  constructor() {
    super("the settler's secret key must be 32 bytes of hex, a secp256k1 secret key");
  }
}

/** The key holder of a secret key (hex); its address is only read for its tree, so the network does not matter. */
export function settlerOf(secretKey: string): KeyHolder & { ergoTree: string } {
  let publicKey: string;
  try {
    if (!/^[0-9a-fA-F]{64}$/.test(secretKey)) throw new InvalidSettlerKey();
    publicKey = hex.encode(secp256k1.getPublicKey(hex.decode(secretKey.toLowerCase()), true));
  } catch {
    throw new InvalidSettlerKey();
  }
  const address = ErgoAddress.fromPublicKey(publicKey);
  return { secretKey: secretKey.toLowerCase(), publicKey, address: address.encode(), ergoTree: address.ergoTree };
}

/** Starts the loop; it runs until `stop()`. */
export function startSettler(options: SettlerOptions): RunningSettler {
  const { db, pollMs = 500, maxOrders = DEFAULT_MAX_ORDERS, logger = streamLogger(undefined, "settle: "), hooks, onRound } = options;
  const settler = settlerOf(options.secretKey);
  const lets = new LetsOverHttp(options.node);
  let stopping = false;
  let woken = true;
  let nudge: () => void = () => {};
  const sleep = (ms: number) =>
    new Promise<void>((done) => {
      const timer = setTimeout(done, ms);
      nudge = () => (clearTimeout(timer), done());
    });

  async function run(): Promise<void> {
    let seenTip = -1;
    while (!stopping) {
      try {
        const tip = await indexedTip(db);
        if (tip !== seenTip || woken) {
          seenTip = tip;
          woken = false;
          const outcome = await settleRound({ db, lets, settler, maxOrders, logger, hooks });
          if (outcome.submitted.length > 0) onRound?.(outcome);
        }
      } catch (error) {
        logger.warn(`settlement round: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!stopping && !woken) await sleep(pollMs);
    }
  }

  const done = run();
  return {
    settler,
    done,
    wake() {
      woken = true;
      nudge();
    },
    async stop() {
      stopping = true;
      nudge();
      await done;
    },
  };
}
