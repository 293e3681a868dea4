/** `GET /shops` and `GET /communities/{communityId}/shops`: the map's shops (docs/marketplace.md). */
import type { FastifyPluginAsync } from "fastify";
import { listShops, type ShopView } from "../../db/queries/shops.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { format, hexId, height, idParams, listResponses, nullable, pagedList, paging, query, record, type PageQuery } from "../schemas.ts";

export const shopSchema = record({
  accountId: { ...hexId, description: "the merchant's account" },
  communityId: { ...hexId, description: "the merchant account's community" },
  name: { type: "string" },
  address: { type: "string" },
  lat: { type: "number" },
  lon: { type: "number" },
  hours: nullable({ type: "string" }),
  accepts: { type: "array", items: hexId, description: "other communities whose currency it takes (shown there only where its owner holds an open account)" },
  ownerName: { ...nullable({ type: "string" }), description: "the merchant account's current profile name" },
  txId: { ...hexId, description: "the transaction whose note set it" },
  height,
});

/** CSV columns, in this order (accepts joined by spaces). */
export const SHOP_COLUMNS = [
  ...fields<ShopView>("accountId", "communityId", "name", "address", "lat", "lon", "hours"),
  { name: "accepts", get: (s: ShopView) => s.accepts.join(" ") },
  ...fields<ShopView>("ownerName", "txId", "height"),
];

export const shopRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Querystring: PageQuery }>(
      "/shops",
      {
        schema: {
          summary: "Every open shop of every community, by name",
          tags: ["marketplace"],
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(shopSchema), SHOP_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const { limit, offset, format } = request.query;
        const page = (await listShops(db, undefined, { limit, offset }))!;
        return sendList(reply, format, SHOP_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { communityId: string }; Querystring: PageQuery }>(
      "/communities/:communityId/shops",
      {
        schema: {
          summary: "The open shops shown in a community: its members' and those that accept its currency whose owner holds an open account in it",
          tags: ["marketplace"],
          params: idParams("communityId"),
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(shopSchema), SHOP_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await listShops(db, id, { limit, offset }), "community", id);
        return sendList(reply, format, SHOP_COLUMNS, page.items, { ...page, limit, offset });
      },
    );
  };
