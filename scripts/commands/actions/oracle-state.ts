/**
 * Where `lets oracle` remembers the pool it published, between runs: `oracle-pools.json` in the
 * CLI's data directory (`.lets/` by default, beside the devnet's chain), one pool NFT per node URL,
 * so a devnet and a testnet node each keep their own pool.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CliError, ExitCode } from "../command.ts";

/** The file's name inside the data directory. */
export const ORACLE_STATE_FILE = "oracle-pools.json";

interface OracleState {
  /** Pool NFT id by node URL. */
  pools: Record<string, string>;
}

async function load(dataDir: string): Promise<OracleState> {
  const path = join(dataDir, ORACLE_STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { pools: {} };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const pools = (parsed as Partial<OracleState> | undefined)?.pools;
  if (typeof pools !== "object" || pools === null || Object.values(pools).some((nft) => typeof nft !== "string")) {
    throw new CliError(`${path} is not a pool list ({"pools": {"<node URL>": "<pool NFT>"}}): fix or remove it, or pass --nft`, ExitCode.failure);
  }
  return { pools: { ...pools } };
}

/** The pool NFT saved for `nodeUrl`, if any. */
export async function savedPoolNft(dataDir: string, nodeUrl: string): Promise<string | undefined> {
  const { pools } = await load(dataDir);
  return Object.hasOwn(pools, nodeUrl) ? pools[nodeUrl] : undefined;
}

/** Remembers `poolNft` as the pool of `nodeUrl`, keeping the other nodes' pools (written whole, then renamed). */
export async function savePoolNft(dataDir: string, nodeUrl: string, poolNft: string): Promise<void> {
  const state = await load(dataDir);
  state.pools[nodeUrl] = poolNft;
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, ORACLE_STATE_FILE);
  await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}
