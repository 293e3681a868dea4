/**
 * Child process of the indexer benchmark: the devnet's node REST server over a generated chain.
 * The blocks are loaded with the devnet's own `Chain.replay` (which trusts stored blocks, as the
 * devnet does with its data directory), read line by line: a 200,000-payment chain is ~800 MB of
 * JSON, more than one JavaScript string can hold, so the devnet's whole-file loader cannot take it.
 * Mines nothing. Prints `node <url> <height>` once listening; exits when stdin closes.
 *
 *   node --import tsx indexer/bench/serve-chain.ts <blocks.jsonl>
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Chain } from "../../devnet/chain.ts";
import { Miner } from "../../devnet/miner.ts";
import { buildServer } from "../../devnet/server.ts";
import type { Block } from "../../devnet/types.ts";
import { parseJson } from "../../ergo/json.ts";

/** Blocks per `replay` call. */
const BATCH = 50;

/** `value` and `amount` as bigint wherever JSON made them numbers, as the devnet's store reads them. */
function amountsToBigint(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => amountsToBigint(v));
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = amountsToBigint(v, k);
    return value;
  }
  if ((key === "value" || key === "amount") && typeof value === "number") return BigInt(value);
  return value;
}

async function main(file: string): Promise<void> {
  const chain = new Chain();
  let batch: Block[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    batch.push(amountsToBigint(parseJson(line)) as Block);
    if (batch.length === BATCH) {
      chain.replay(batch, []);
      batch = [];
    }
  }
  chain.replay(batch, []);
  const server = buildServer({ chain, miner: new Miner(chain, { blockTimeMs: 0, instant: false }), launchTime: Date.now() });
  const url = await server.listen({ port: 0, host: "127.0.0.1" });
  process.stdout.write(`node ${url} ${chain.height}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
}

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: serve-chain.ts <blocks.jsonl>\n");
  process.exit(2);
}
await main(file);
