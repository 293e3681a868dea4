/**
 * What the simulate benchmark measures beside the run itself, on the run's own chain before it
 * closes: the indexer alone (a second, fresh indexer syncing the trading blocks with nothing else
 * running), and the reference row (bare ergo-lib signing and `validate_tx` of one payment of the
 * same shape, on this thread).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Network } from "@fleet-sdk/core";
import { ErgoBox, ErgoBoxes, Transaction, validate_tx } from "ergo-lib-wasm-nodejs";
import { ownerFromPublicKey, pay } from "../../../contracts/index.ts";
import { stringifyJson } from "../../../ergo/json.ts";
import { signWithSecrets } from "../../../ergo/signer.ts";
import { BlockContext } from "../../../ergo/block-context.ts";
import { openDatabase } from "../../../indexer/db/connect.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { syncOnce } from "../../../indexer/sync/pass.ts";
import { LetsOverHttp } from "../../../client/lets-over-http.ts";
import { readTip } from "../chain/driver.ts";
import { DEV_MNEMONIC, KeyChain, type DerivedKey } from "../../../ergo/keys.ts";
import type { LiveRun } from "../run.ts";

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The indexer's own work on the trading blocks: a fresh PGlite database synced (`syncOnce`, the
 * sync loop's pass) up to the setup's last block untimed, then timed over the trading blocks, with
 * nothing else running.
 */
export async function indexAlone(live: LiveRun): Promise<{ blocks: number; ms: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), "bench-simulate-index-"));
  const db = await openDatabase({ dataDir });
  const node = new NodeClient(live.node.baseUrl);
  const syncTo = async (height: number, from: number) => {
    for (let at = from; at < height; ) at = (await syncOnce(db, node, { maxBlocks: height - at })).height;
  };
  try {
    await syncTo(live.startHeight, 0);
    const started = performance.now();
    await syncTo(live.endHeight, live.startHeight);
    return { blocks: live.endHeight - live.startHeight, ms: performance.now() - started };
  } finally {
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The devnet key that owns `owner`: simulation members are dev keys from index 10 on. */
function ownerKey(owner: string): DerivedKey {
  const keys = new KeyChain(DEV_MNEMONIC, Network.Testnet);
  for (let index = 10; index < 100_000; index++) if (ownerFromPublicKey(keys.key(index).publicKey) === owner) return keys.key(index);
  throw new Error(`no development key owns ${owner}`);
}

/** Median ms of signing one payment with `signWithSecrets` and of `validate_tx` on it (input boxes parsed beforehand), `runs` times after 3 warm-ups. */
export async function referencePayment(live: LiveRun, runs: number, feeNanoErg: bigint): Promise<{ signMs: number; validateMs: number; runs: number }> {
  const { accounts } = await new LetsOverHttp(live.node).community(live.communityId);
  const [payer, payee] = [...accounts].sort((a, b) => Number(b.balance - a.balance));
  const tip = await readTip(live.node);
  const unsigned = pay({ payer: payer!.box, payees: [{ account: payee!.box, amountUnits: 1n }] }, { height: tip.height, feeNanoErg });
  const key = ownerKey(payer!.owner);
  const block = new BlockContext(tip.height + 1, tip.headers, Date.now());
  const inputs = ErgoBoxes.empty();
  for (const input of unsigned.inputs) {
    const box = ErgoBox.from_json(stringifyJson(input));
    inputs.add(box);
    box.free();
  }
  const dataInputs = ErgoBoxes.empty();
  const sign: number[] = [];
  const validate: number[] = [];
  try {
    for (let run = 0; run < runs + 3; run++) {
      let started = performance.now();
      const signed = signWithSecrets(unsigned, [key.secretKey], block);
      const signMs = performance.now() - started;
      const tx = Transaction.from_json(stringifyJson(signed));
      started = performance.now();
      validate_tx(tx, block.context, inputs, dataInputs);
      const validateMs = performance.now() - started;
      tx.free();
      if (run < 3) continue;
      sign.push(signMs);
      validate.push(validateMs);
    }
  } finally {
    for (const owned of [inputs, dataInputs, block]) owned.free();
  }
  return { signMs: median(sign), validateMs: median(validate), runs };
}
