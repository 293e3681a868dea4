/**
 * The whole product in one process, as `lets up` runs it: devnet, indexer (with its settlement
 * service of payment orders, paying from a development key of its own) and web app on 127.0.0.1,
 * plus the demo community. If any part fails to start, the parts already running are
 * stopped before the error is reported, so a port clash never leaves a half-started stack behind.
 */
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { streamLogger } from "../../indexer/log.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { DEV_ACCOUNT_COUNT, devAccount, type DevAccount } from "../../ergo/keys.ts";
import { startIndexer, type RunningIndexer } from "../../indexer/start.ts";
import { waitForNodeTip } from "../../indexer/wait.ts";
import { CliError } from "../commands/command.ts";
import { ensureWebBuild } from "../../web/build.ts";
import { startWeb, type WebServer } from "../../web/start.ts";
import { seedDemo, type SeedOutcome } from "./seed-demo.ts";

export interface StackOptions {
  ports: { node: number; indexer: number; web: number };
  devnetDir: string;
  indexerDir: string;
  /** Where the demo community's id is remembered; without it, no demo is seeded. */
  demoMarker?: string;
  databaseUrl?: string;
}

export interface Stack {
  devnet: Devnet;
  indexer: RunningIndexer;
  web: WebServer;
  demo?: SeedOutcome;
  /** Where the index lives, fit to print (no password). */
  database: string;
  close(): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The key of the indexer's settlement service: the development key after the documented ten, its own so no member's wallet is spent under it. */
export const SETTLER_INDEX = DEV_ACCOUNT_COUNT;
/** The settler's wallet is topped up to this when it holds less than a tenth of it (each settlement pays a fee). */
const SETTLER_FUNDS = 1_000n * 1_000_000_000n;

/** The settlement service's key, its wallet funded by the devnet's faucet when low. */
async function fundSettler(node: NodeClient): Promise<DevAccount> {
  const settler = devAccount(SETTLER_INDEX);
  const held = (await node.unspentByAddress(settler.address)).reduce((sum, box) => sum + box.value, 0n);
  if (held < SETTLER_FUNDS / 10n) await node.request("POST", "/devnet/fund", { address: settler.address, nanoErg: SETTLER_FUNDS.toString() });
  return settler;
}

function describeDatabase(databaseUrl: string | undefined, indexerDir: string): string {
  if (!databaseUrl) return `PGlite in ${indexerDir}`;
  const shown = new URL(databaseUrl);
  if (shown.password) shown.password = "***";
  return `PostgreSQL ${shown.toString()}`;
}

/** Runs `start`, turning its failure into one clear line naming the part. */
async function part<T>(name: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    throw new CliError(`${name} did not start: ${messageOf(error)}`, 1, { cause: error });
  }
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const running: Array<{ close(): Promise<void> }> = [];
  const close = async () => {
    for (const started of running.reverse()) await started.close().catch(() => undefined);
  };
  try {
    const devnet = await part("devnet", () => startDevnet({ port: options.ports.node, dataDir: options.devnetDir, blockTimeMs: 2_000 }));
    running.push(devnet);
    // The web build (first start, or after the sources changed) runs while the indexer starts and the demo is seeded.
    const building = part("web build", () => ensureWebBuild());
    building.catch(() => undefined);
    const settler = await part("settler's wallet", () => fundSettler(new NodeClient(devnet.url)));
    const indexer = await part("indexer", () =>
      startIndexer({
        nodeUrl: devnet.url, port: options.ports.indexer, databaseUrl: options.databaseUrl, dataDir: options.indexerDir, logger: streamLogger(undefined, "indexer: "),
        settlerSecretKey: settler.secretKey,
      }),
    );
    running.push(indexer);
    const demo = options.demoMarker === undefined ? undefined : await part("demo seed", () => seedDemo(new NodeClient(devnet.url), options.demoMarker!, async () => void devnet.chain.mine(1)));
    await part("indexer", () => waitForNodeTip(indexer, devnet.url, 120_000));
    await building;
    const web = await part("web", () => startWeb({ port: options.ports.web, indexerUrl: indexer.url, nodeUrl: devnet.url, network: "devnet" }));
    running.push(web);
    return { devnet, indexer, web, demo, database: describeDatabase(options.databaseUrl, options.indexerDir), close };
  } catch (error) {
    await close();
    throw error;
  }
}
