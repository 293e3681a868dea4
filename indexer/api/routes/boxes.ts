/** `GET /boxes/{boxId}`: a LETS box, decoded. */
import type { FastifyPluginAsync } from "fastify";
import { getBox } from "../../db/queries/boxes.ts";
import type { ApiContext } from "../context.ts";
import { found } from "../errors.ts";
import { accountBoxEconomicsProperties, amount, hexId, height, idParams, jsonResponses, metadataSchema, nullable, policySchema, query, record } from "../schemas.ts";

const site = {
  boxId: hexId,
  txId: { ...hexId, description: "the transaction that created the box" },
  createdHeight: height,
  spentHeight: { ...nullable(height), description: "null while the box is live" },
  creationHeight: { ...height, description: "the box's own declared creation height: the clock of storage rent and dormancy" },
} as const;

const accountBoxSchema = record({
  kind: { type: "string", enum: ["account"] },
  ...site,
  accountId: hexId,
  communityId: hexId,
  owner: { type: "string", description: "R4: the owner SigmaProp (hex)" },
  balance: amount,
  creditLimit: amount,
  positiveCap: amount,
  collateralNanoErg: amount,
  inactivityBlocks: amount,
  joinedHeight: height,
  lastActiveHeight: height,
  nextSeq: { ...nullable(amount), description: "R9 of a plain account: the sequence number of its owner's next payment order (docs/batches.md); null for an economics account" },
  valueNanoErg: amount,
  economics: { ...nullable(record(accountBoxEconomicsProperties)), description: "an economics account's levers (R6 values 5..13) and R9; null for a plain account" },
}, "an account box");

const communityBoxSchema = record({
  kind: { type: "string", enum: ["community"] },
  ...site,
  communityId: hexId,
  committee: { type: "string", description: "R5: the committee SigmaProp (hex)" },
  metadata: metadataSchema,
  policy: policySchema,
  membersJoined: amount,
  communityBalance: amount,
  seatsLeft: amount,
  treasuryNanoErg: amount,
  metadataProblem: { type: ["string", "null"], description: "why R6 is not valid metadata (metadata is then a fallback holding the raw text); null when it is" },
}, "a community box");

/** An account or community box (`kind` tells which). */
export const boxSchema = { oneOf: [accountBoxSchema, communityBoxSchema] } as const;

export const boxRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { boxId: string } }>(
      "/boxes/:boxId",
      {
        schema: {
          summary: "An account or community box the indexer saw, spent or live, decoded",
          tags: ["transactions"],
          params: idParams("boxId"),
          querystring: query({}),
          response: jsonResponses(boxSchema),
        },
      },
      async (request) => {
        const id = request.params.boxId.toLowerCase();
        return found(await getBox(db, id), "LETS box", id);
      },
    );
  };
