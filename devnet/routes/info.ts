/** `GET /info` and `GET /script/addressToTree/{address}`. */
import type { FastifyPluginAsync } from "fastify";
import type { DevnetContext } from "../context.ts";
import { treeOf } from "./common.ts";

/** Mainnet's current parameters; the devnet validates with the same minimum value per byte. */
export const NODE_PARAMETERS = {
  blockVersion: 3,
  storageFeeFactor: 1_250_000,
  minValuePerByte: 360,
  maxBlockSize: 1_271_009,
  maxBlockCost: 8_001_091,
  tokenAccessCost: 100,
  inputCost: 2_407,
  dataInputCost: 100,
  outputCost: 197,
};

export const infoRoutes =
  ({ chain, launchTime }: DevnetContext): FastifyPluginAsync =>
  async (app) => {
    app.get("/info", async () => {
      const tip = chain.tip;
      return {
        name: "lets-devnet",
        appVersion: "6.0.4-lets-devnet",
        network: "devnet",
        fullHeight: chain.height,
        headersHeight: chain.height,
        maxPeerHeight: chain.height,
        bestFullHeaderId: tip?.id ?? null,
        previousFullHeaderId: tip?.parentId ?? null,
        bestHeaderId: tip?.id ?? null,
        stateRoot: tip?.stateRoot ?? null,
        stateType: "utxo",
        stateVersion: tip?.id ?? null,
        isMining: true,
        peersCount: 0,
        unconfirmedCount: chain.mempool.size,
        difficulty: 1,
        headersScore: chain.height,
        fullBlocksScore: chain.height,
        genesisBlockId: chain.blocks[0]?.header.id ?? null,
        currentTime: Date.now(),
        launchTime,
        lastSeenMessageTime: Date.now(),
        isExplorer: true,
        eip27Supported: true,
        eip37Supported: true,
        parameters: { height: chain.height, ...NODE_PARAMETERS },
      };
    });

    app.get<{ Params: { address: string } }>("/script/addressToTree/:address", async (request) => ({
      tree: treeOf(request.params.address),
    }));
  };
