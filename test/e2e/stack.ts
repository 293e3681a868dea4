/**
 * The real stack for the browser tests, in this process: a devnet that mines only when a test
 * asks (so nothing races a block interval), the indexer on in-memory PGlite following it, and the
 * built web app on the devnet network (built first when build/ is older than its sources). One
 * stack per spec file.
 */
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { silentLogger } from "../../indexer/log.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { startIndexer, type RunningIndexer } from "../../indexer/start.ts";
import { waitForNodeTip } from "../../indexer/wait.ts";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { startWeb, type WebServer } from "../../web/start.ts";
import { until } from "../../util/until.ts";

export interface E2eStack {
  devnet: Devnet;
  indexer: RunningIndexer;
  web: WebServer;
  node: NodeClient;
  /** Contract actions straight against the node, for history a test only needs as a backdrop. */
  lets: LetsOverHttp;
  nodeUrl: string;
  webUrl: string;
  /** Mines `blocks` blocks now and resolves once the indexer has the new tip; answers the height. */
  mine(blocks?: number): Promise<number>;
  /** The ids of the node's unconfirmed transactions, in pool order. */
  mempool(): string[];
  /** Resolves with the mempool once it holds `count` transactions (someone in the browser signed). */
  waitForMempool(count: number, timeoutMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

/** How long the indexer may take to reach the node's tip after a block. */
const INDEXER_WAIT_MS = 30_000;

/** The shop map's tiles in the tests: a local port nothing listens on, so no test reaches outside and maps show without tiles. */
export const NO_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png";

/** Starts devnet, indexer and web; `close()` stops them in reverse order. */
export async function startE2eStack(): Promise<E2eStack> {
  const devnet = await startDevnet({ port: 0, blockTimeMs: 0, instant: false });
  const closers: (() => Promise<void>)[] = [() => devnet.close()];
  const close = async () => {
    for (const stop of closers.reverse()) await stop();
  };
  try {
    const nodeUrl = devnet.url;
    const node = new NodeClient(nodeUrl);
    const indexer = await startIndexer({ nodeUrl, port: 0, pollMs: 25, logger: silentLogger });
    closers.push(() => indexer.close());
    const web = await startWeb({ port: 0, indexerUrl: indexer.url, nodeUrl, network: "devnet", mapTiles: NO_TILES });
    closers.push(() => web.close());
    const mempool = () => devnet.chain.mempool.list().map((entry) => entry.tx.id);
    // Height 1 first, so the indexer has a cursor before any test reads a page.
    await node.request("POST", "/devnet/mine", { blocks: 1 });
    await waitForNodeTip(indexer, nodeUrl, INDEXER_WAIT_MS);
    return {
      devnet,
      indexer,
      web,
      node,
      lets: new LetsOverHttp(node),
      nodeUrl,
      webUrl: web.url,
      async mine(blocks = 1) {
        await node.request("POST", "/devnet/mine", { blocks });
        return waitForNodeTip(indexer, nodeUrl, INDEXER_WAIT_MS);
      },
      mempool,
      waitForMempool: (count, timeoutMs = 30_000) =>
        until(`${count} transaction(s) in the node's mempool`, mempool, (txs) => txs.length >= count, { timeoutMs }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
