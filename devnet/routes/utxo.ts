/** UTXO routes: confirmed boxes, boxes with the mempool applied, binary boxes, genesis. */
import type { FastifyPluginAsync } from "fastify";
import { hex } from "@fleet-sdk/crypto";
import { ErgoBox } from "ergo-lib-wasm-nodejs";
import { stringifyJson } from "../../ergo/json.ts";
import type { DevnetContext } from "../context.ts";
import { badRequest, notFound } from "../types.ts";
import type { NodeBox } from "../../ergo/types.ts";
import { idParam } from "./common.ts";

const plain = ({ boxId, value, ergoTree, assets, creationHeight, additionalRegisters, transactionId, index }: NodeBox): NodeBox => ({
  boxId, value, ergoTree, assets, creationHeight, additionalRegisters, transactionId, index,
});

export const utxoRoutes =
  ({ chain }: DevnetContext): FastifyPluginAsync =>
  async (app) => {
    const confirmed = (id: string) => {
      const box = chain.ledger.utxo.get(id.toLowerCase());
      if (!box) throw notFound(`box ${id} is not in the UTXO set`);
      return plain(box);
    };
    /** The UTXO set with the mempool applied: pooled outputs in, pool-spent boxes out. */
    const withPool = (id: string) => {
      const key = id.toLowerCase();
      const box = chain.view().box(key);
      return box && !chain.mempool.spentBy(key) ? plain(box) : undefined;
    };

    app.get<{ Params: { boxId: string } }>("/utxo/byId/:boxId", { schema: { params: idParam("boxId") } }, async (request) =>
      confirmed(request.params.boxId),
    );

    app.get<{ Params: { boxId: string } }>("/utxo/withPool/byId/:boxId", { schema: { params: idParam("boxId") } }, async (request) => {
      const box = withPool(request.params.boxId);
      if (!box) throw notFound(`box ${request.params.boxId} is not in the UTXO set with the mempool applied`);
      return box;
    });

    app.post("/utxo/withPool/byIds", async (request) => {
      const ids = request.body;
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string" && /^[0-9a-fA-F]{64}$/.test(id))) {
        throw badRequest("expected a JSON array of box ids");
      }
      return ids.map(withPool).filter((box) => box !== undefined);
    });

    app.get<{ Params: { boxId: string } }>("/utxo/byIdBinary/:boxId", { schema: { params: idParam("boxId") } }, async (request) => {
      const box = confirmed(request.params.boxId);
      const parsed = ErgoBox.from_json(stringifyJson(box));
      try {
        return { boxId: box.boxId, bytes: hex.encode(parsed.sigma_serialize_bytes()) };
      } finally {
        parsed.free();
      }
    });

    app.get("/utxo/genesis", async () => chain.genesis);
  };
