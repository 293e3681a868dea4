/** `GET /status`: where the sync is, against the followed node. */
import type { FastifyPluginAsync } from "fastify";
import { syncStatus } from "../../db/queries/status.ts";
import type { ApiContext } from "../context.ts";
import { nodeHeight } from "../node-height.ts";
import { count, hexId, height, jsonResponses, nullable, query, record, timeMs } from "../schemas.ts";
import { SYNC_STATES } from "../../sync/loop.ts";
import { COMPROMISE_KINDS, type CompromiseKind } from "../../db/schema.ts";

const syncLoopSchema = {
  ...record({
    state: { type: "string", enum: [...SYNC_STATES], description: "waiting-for-lock, syncing, backing-off (the last pass failed; retrying), halted (needs an operator), stopped" },
    lastError: { type: ["string", "null"], description: "why the last pass failed, or why the sync halted; null after a pass that succeeded" },
    lastAppliedAt: { ...nullable(timeMs), description: "wall-clock time the loop last applied or undid a block; null before it did" },
  }),
  type: ["object", "null"],
  description: "the sync loop writing this database; null when this API runs without one",
} as const;

const compromisesSchema = record({
  total: { ...count, description: "compromise flags in every community (0 while every community is sound)" },
  communities: { ...count, description: "communities with at least one flag" },
  byKind: record(Object.fromEntries(COMPROMISE_KINDS.map((k) => [k, count])) as Record<CompromiseKind, typeof count>, "flags of each kind"),
}, "what broke communities' guarantees: units outside their boxes, forged accounts, storage-rent spends");

export const statusSchema = record({
  height: { ...height, description: "the cursor: highest indexed block (0 before the first)" },
  blockId: { ...nullable(hexId), description: "the cursor block's id" },
  timestamp: { ...nullable(timeMs), description: "the cursor block's time" },
  nodeHeight: { ...nullable(height), description: "the node's /info fullHeight; null without a node, or if it does not answer within 2 s" },
  lag: { type: ["integer", "null"], description: "nodeHeight - height (negative while the node is behind, e.g. after a rollback)" },
  communities: { ...count, description: "communities with a valid genesis" },
  ignoredBoxes: { ...count, description: "look-alike boxes ignored (LETS scripts without a genuine community)" },
  compromises: compromisesSchema,
  sync: syncLoopSchema,
});

export const statusRoutes =
  ({ db, nodeUrl, syncStatus: loop }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/status",
      { schema: { summary: "Sync cursor, node height, lag and the sync loop's state", tags: ["status"], querystring: query({}), response: jsonResponses(statusSchema) } },
      async () => {
        const [sync, node] = await Promise.all([syncStatus(db), nodeHeight(nodeUrl)]);
        const { height, blockId, timestamp, communities, ignoredBoxes, compromises } = sync;
        const running = loop?.();
        const syncLoop = running ? { state: running.state, lastError: running.lastError, lastAppliedAt: running.lastAppliedAt } : null;
        return { height, blockId, timestamp, nodeHeight: node, lag: node === null ? null : node - height, communities, ignoredBoxes, compromises, sync: syncLoop };
      },
    );
  };
