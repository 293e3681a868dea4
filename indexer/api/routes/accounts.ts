/** `GET /communities/{communityId}/accounts`, `GET /accounts/{accountId}`, `GET /accounts/by-owner/{address}`. */
import type { FastifyPluginAsync } from "fastify";
import { ownerFromAddress } from "../../../contracts/builders/common.ts";
import {
  ACCOUNT_SORTS,
  ACCOUNT_STATUSES,
  accountsByOwner,
  getAccount,
  listAccounts,
  type AccountSort,
  type AccountStatus,
  type AccountView,
} from "../../db/queries/accounts.ts";
import { pendingBalance, pendingChanges } from "../../db/queries/pending.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { badRequest, found } from "../errors.ts";
import {
  amount, format, hexId, height, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record,
  type Format, type PageQuery,
} from "../schemas.ts";

export const accountSchema = record({
  accountId: { ...hexId, description: "R7: the id of the community box its join spent; unique forever" },
  communityId: hexId,
  owner: { type: "string", description: "R4: the owner SigmaProp (hex, 08cd + public key)" },
  status: { type: "string", enum: [...ACCOUNT_STATUSES], description: "open; left (closed by its owner at 0); defaulted (closed in debt by anyone after inactivityBlocks); closed (closed as dormant by anyone)" },
  balance: { ...amount, description: "R5; for a defaulted account, the debt it left (negative); for one closed as dormant, the balance the community took over" },
  creditLimit: amount,
  positiveCap: { ...amount, description: "0: no cap" },
  creditLeft: { ...amount, description: "balance + creditLimit while open; 0 once closed" },
  collateralNanoErg: amount,
  inactivityBlocks: { ...amount, description: "0: no default path" },
  joinedHeight: height,
  lastActiveHeight: { ...height, description: "R8: height of the owner's last debit" },
  valueNanoErg: { ...nullable(amount), description: "ERG in the live box; null once closed" },
  boxId: { ...nullable(hexId), description: "the live account box; null once closed" },
  closedHeight: { ...nullable(height), description: "height of the leave, default or dormant close; null while open" },
  dormantFromHeight: { ...nullable(height), description: "while open, the height from which anyone may close it as dormant (its box's creation height + the dormancy window); null once closed" },
  name: { ...nullable({ type: "string" }), description: "the display name its owner set last (in a transaction the owner signed); not unique; null when none" },
  about: { ...nullable({ type: "string" }), description: "the owner's short description; null when none" },
  link: { ...nullable({ type: "string" }), description: "the owner's web link (http or https); null when none" },
});

/** CSV columns of account lists, in this order. */
export const ACCOUNT_COLUMNS = fields<AccountView>(
  "accountId", "communityId", "owner", "status", "balance", "creditLimit", "positiveCap", "creditLeft", "collateralNanoErg",
  "inactivityBlocks", "joinedHeight", "lastActiveHeight", "valueNanoErg", "boxId", "closedHeight", "dormantFromHeight", "name", "about", "link",
);

const pendingChangeSchema = record({
  txId: { ...hexId, description: "the unconfirmed transaction" },
  kind: { type: "string", enum: ["payment", "join", "leave", "default", "close"] },
  balanceChange: { ...amount, description: "how the account's balance would change (negative for what it pays)" },
  boxId: { ...nullable(hexId), description: "the unconfirmed account box the transaction leaves; null when it closes the account" },
});

export const accountDetail = {
  ...accountSchema,
  required: [...accountSchema.required, "pending", "pendingBalance"],
  properties: {
    ...accountSchema.properties,
    pending: {
      type: "array",
      description: "the account's changes in the node's mempool, in the order the node would apply them; the last boxId is the box to build on",
      items: pendingChangeSchema,
    },
    pendingBalance: { ...amount, description: "balance once every pending change is confirmed (= balance without any)" },
  },
} as const;

interface AccountListQuery extends PageQuery {
  sort: AccountSort;
  order: "asc" | "desc";
  status?: AccountStatus;
}

function ownerOf(address: string): string {
  try {
    return ownerFromAddress(address);
  } catch (error) {
    throw badRequest((error as Error).message);
  }
}

export const accountRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { communityId: string }; Querystring: AccountListQuery }>(
      "/communities/:communityId/accounts",
      {
        schema: {
          summary: "A community's accounts, sorted and paged",
          tags: ["accounts"],
          params: idParams("communityId"),
          querystring: query({
            sort: { type: "string", enum: [...ACCOUNT_SORTS], default: "joinedHeight" },
            order: { type: "string", enum: ["asc", "desc"], default: "asc" },
            status: { type: "string", enum: [...ACCOUNT_STATUSES], description: "only accounts in this status (default: all)" },
            ...paging,
            format,
          }),
          response: listResponses(pagedList(accountSchema), ACCOUNT_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const id = request.params.communityId.toLowerCase();
        const { format, ...listing } = request.query;
        const page = found(await listAccounts(db, id, listing), "community", id);
        return sendList(reply, format, ACCOUNT_COLUMNS, page.items, { ...page, limit: listing.limit, offset: listing.offset });
      },
    );

    app.get<{ Params: { accountId: string } }>(
      "/accounts/:accountId",
      {
        schema: {
          summary: "One account, open or closed",
          tags: ["accounts"],
          params: idParams("accountId"),
          querystring: query({}),
          response: jsonResponses(accountDetail),
        },
      },
      async (request) => {
        const id = request.params.accountId.toLowerCase();
        const account = found(await getAccount(db, id), "account", id);
        const pending = await pendingChanges(db, id);
        return { ...account, pending, pendingBalance: pendingBalance(account.balance, pending) };
      },
    );

    app.get<{ Params: { address: string }; Querystring: { format: Format } }>(
      "/accounts/by-owner/:address",
      {
        schema: {
          summary: "Every account of a P2PK address, in every community, oldest join first",
          tags: ["accounts"],
          params: {
            type: "object",
            required: ["address"],
            additionalProperties: false,
            properties: { address: { type: "string", minLength: 1, maxLength: 200, description: "a P2PK Ergo address" } },
          },
          querystring: query({ format }),
          response: listResponses(record({ owner: { type: "string" }, items: { type: "array", items: accountSchema } }), ACCOUNT_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const owner = ownerOf(request.params.address);
        const items = await accountsByOwner(db, owner);
        return sendList(reply, request.query.format, ACCOUNT_COLUMNS, items, { owner, items });
      },
    );
  };
