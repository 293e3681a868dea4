/** `GET /communities/{communityId}/profiles` (current) and `GET /accounts/{accountId}/profiles` (history). */
import type { FastifyPluginAsync } from "fastify";
import { communityProfiles, profileHistory, type ProfileView } from "../../db/queries/profiles.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { format, hexId, height, idParams, listResponses, nullable, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

export const profileSchema = record({
  accountId: hexId,
  communityId: hexId,
  name: { type: "string", description: "display name (1 to 40 characters); names are not unique: tell accounts apart by accountId" },
  about: { ...nullable({ type: "string" }), description: "short description, at most 280 characters" },
  link: { ...nullable({ type: "string" }), description: "an http or https address" },
  txId: { ...hexId, description: "the transaction that set it, signed by the account's owner" },
  height,
  timestamp: timeMs,
});

/** At most this many account ids in `accounts`: what one page of a table names, kept short enough for a URL. */
export const MAX_PROFILE_ACCOUNTS = 100;

const accountList = {
  type: "string",
  pattern: `^[0-9a-fA-F]{64}(,[0-9a-fA-F]{64}){0,${MAX_PROFILE_ACCOUNTS - 1}}$`,
  description: `only these accounts: 1 to ${MAX_PROFILE_ACCOUNTS} account ids, comma-separated (an account without a profile is left out)`,
} as const;

/** CSV columns, in this order. */
export const PROFILE_COLUMNS = fields<ProfileView>("accountId", "name", "about", "link", "txId", "height", "timestamp", "communityId");

export const profileRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: PageQuery & { accounts?: string } }>(
      "/communities/:communityId/profiles",
      {
        schema: {
          summary: "The current profile of every account of a community that set one (or of the accounts listed), by accountId",
          tags: ["accounts"],
          params: idParams("communityId"),
          querystring: query({ ...paging, format, accounts: accountList }),
          response: listResponses(pagedList(profileSchema), PROFILE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { limit, offset, format, accounts } = request.query;
        const accountIds = accounts === undefined ? undefined : [...new Set(accounts.toLowerCase().split(","))];
        const page = found(await communityProfiles(db, id, { limit, offset }, accountIds), "community", id);
        return sendList(reply, format, PROFILE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { accountId: string }; Querystring: PageQuery }>(
      "/accounts/:accountId/profiles",
      {
        schema: {
          summary: "Every profile an account's owner set, newest first (the first is the current one)",
          tags: ["accounts"],
          params: idParams("accountId"),
          querystring: query({ ...paging, format }),
          response: listResponses(pagedList(profileSchema), PROFILE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.accountId.toLowerCase();
        const { limit, offset, format } = request.query;
        const page = found(await profileHistory(db, id, { limit, offset }), "account", id);
        return sendList(reply, format, PROFILE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );
  };
