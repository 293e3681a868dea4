/** `GET /status`: where the sync is, against the followed node. */
import type { FastifyPluginAsync } from "fastify";
import { syncStatus } from "../../db/queries/status.ts";
import type { ApiContext } from "../app.ts";
import { nodeHeight } from "../node-height.ts";
import { count, hexId, height, jsonResponses, nullable, query, record, timeMs } from "../schemas.ts";

export const statusSchema = record({
  height: { ...height, description: "the cursor: highest indexed block (0 before the first)" },
  blockId: { ...nullable(hexId), description: "the cursor block's id" },
  timestamp: { ...nullable(timeMs), description: "the cursor block's time" },
  nodeHeight: { ...nullable(height), description: "the node's /info fullHeight; null without a node, or if it does not answer within 2 s" },
  lag: { type: ["integer", "null"], description: "nodeHeight - height (negative while the node is behind, e.g. after a rollback)" },
  communities: { ...count, description: "communities with a valid genesis" },
  ignoredBoxes: { ...count, description: "look-alike boxes ignored (LETS scripts without a genuine community)" },
});

export const statusRoutes =
  ({ db, nodeUrl }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/status",
      { schema: { summary: "Sync cursor, node height and lag", tags: ["status"], querystring: query({}), response: jsonResponses(statusSchema) } },
      async () => {
        const [sync, node] = await Promise.all([syncStatus(db), nodeHeight(nodeUrl)]);
        const { height, blockId, timestamp, communities, ignoredBoxes } = sync;
        return { height, blockId, timestamp, nodeHeight: node, lag: node === null ? null : node - height, communities, ignoredBoxes };
      },
    );
  };
