/** `GET /communities/{communityId}/accounts`, `GET /accounts/{accountId}`, `GET /accounts/by-owner/{address}`. */
import type { FastifyPluginAsync } from "fastify";
import { ownerFromAddress } from "../../../contracts/builders/common.ts";
import { ACCOUNT_ECONOMICS_FIELDS } from "../../../contracts/economics.ts";
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
import { fields, sendList, type Column } from "../csv.ts";
import { badRequest, found } from "../errors.ts";
import {
  accountBoxEconomicsProperties, amount, format, hexId, height, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record,
  type Format, type PageQuery,
} from "../schemas.ts";

/** The earned credit limit now and how it is made (contracts/economics.ts `earnedCreditLimit`). */
const creditLimitSchema = record({
  height: { ...height, description: "the latest indexed height, at which it is computed" },
  limit: { ...amount, description: "min(max, base + fromTurnover + fromSteps): how far below 0 the balance may go now" },
  base: { ...amount, description: "the creditLimit fixed at join" },
  fromTurnover: { ...amount, description: "floor(received × turnoverPpm / 1,000,000)" },
  fromSteps: { ...amount, description: "stepUnits × steps" },
  steps: { ...amount, description: "floor((height - joinedHeight) / stepBlocks); 0 without steps" },
  capped: { type: "boolean", description: "whether maxCreditLimit cut the sum" },
  max: { ...amount, description: "maxCreditLimit" },
}, "the earned credit limit at the latest indexed height");

/** An economics account's levers, R9 and what they mean now (docs/economics.md). */
const accountEconomicsSchema = record({
  ...accountBoxEconomicsProperties,
  worth: { ...amount, description: "balance + accrued + allowance: what the account is in the books; once closed, what the community balance took over" },
  demurrageDue: { ...nullable(amount), description: "demurrage due if the account were touched at the latest indexed height; null once closed" },
  newcomerUntilHeight: { ...height, description: "the last height at which the allowance may be spent (joinedHeight + newcomerBlocks)" },
  creditLimit: { ...nullable(creditLimitSchema), description: "the earned credit limit at the latest indexed height with its parts; null once closed" },
});

export const accountSchema = record({
  accountId: { ...hexId, description: "R7: the id of the community box its join spent; unique forever" },
  communityId: hexId,
  owner: { type: "string", description: "R4: the owner SigmaProp (hex, 08cd + public key)" },
  status: { type: "string", enum: [...ACCOUNT_STATUSES], description: "open; left (closed by its owner at 0); defaulted (closed in debt by anyone after inactivityBlocks); closed (closed as dormant by anyone)" },
  balance: { ...amount, description: "R5; for a defaulted account, the debt it left (negative); for one closed as dormant, the balance the community took over" },
  creditLimit: amount,
  positiveCap: { ...amount, description: "0: no cap" },
  creditLeft: { ...amount, description: "balance + creditLimit while open (with economics, the earned credit limit now); 0 once closed" },
  collateralNanoErg: amount,
  inactivityBlocks: { ...amount, description: "0: no default path" },
  joinedHeight: height,
  lastActiveHeight: { ...height, description: "R8: height of the owner's last debit" },
  nextSeq: {
    ...nullable(amount),
    description: "R9 of a plain account: the sequence number of its owner's next payment order (0 at join; docs/batches.md); once closed, the last its boxes recorded; null for an economics account",
  },
  pendingIn: { ...amount, description: "units of the payment orders it is to receive that wait for a settlement (status pending; docs/batches.md)" },
  pendingOut: { ...amount, description: "units of the payment orders it is to pay that wait for a settlement (status pending); a submitted settlement shows in pending instead" },
  valueNanoErg: { ...nullable(amount), description: "ERG in the live box; null once closed" },
  boxId: { ...nullable(hexId), description: "the live account box; null once closed" },
  closedHeight: { ...nullable(height), description: "height of the leave, default or dormant close; null while open" },
  dormantFromHeight: { ...nullable(height), description: "while open, the height from which anyone may close it as dormant (its box's creation height + the dormancy window); null once closed" },
  name: { ...nullable({ type: "string" }), description: "the display name its owner set last (in a transaction the owner signed); not unique; null when none" },
  about: { ...nullable({ type: "string" }), description: "the owner's short description; null when none" },
  link: { ...nullable({ type: "string" }), description: "the owner's web link (http or https); null when none" },
  economics: {
    ...nullable(accountEconomicsSchema),
    description: "an economics account's levers, R9 state and, at the latest indexed height, demurrage due and earned credit limit; null for a plain account. Closed: accrued and allowance as its exit handed them to the community",
  },
});

/**
 * CSV columns of account lists, in this order; then economics (empty for a plain account): R9,
 * what it means now, the levers; last a plain account's R9, nextSeq (empty for an economics one), and its pending payment orders in and out.
 */
export const ACCOUNT_COLUMNS: Column<AccountView>[] = [
  ...fields<AccountView>(
    "accountId", "communityId", "owner", "status", "balance", "creditLimit", "positiveCap", "creditLeft", "collateralNanoErg",
    "inactivityBlocks", "joinedHeight", "lastActiveHeight", "valueNanoErg", "boxId", "closedHeight", "dormantFromHeight", "name", "about", "link",
  ),
  ...(["accrued", "chargedHeight", "received", "allowance", "carry", "worth", "demurrageDue", "newcomerUntilHeight"] as const).map((key) => ({
    name: key,
    get: (a: AccountView) => a.economics?.[key] ?? null,
  })),
  ...(["limit", "fromTurnover", "fromSteps", "steps", "capped", "height"] as const).map((key) => ({
    name: `earnedCreditLimit${key === "limit" ? "" : key[0]!.toUpperCase() + key.slice(1)}`,
    get: (a: AccountView) => a.economics?.creditLimit?.[key] ?? null,
  })),
  ...ACCOUNT_ECONOMICS_FIELDS.map((key) => ({ name: key, get: (a: AccountView) => a.economics?.terms[key] ?? null })),
  ...fields<AccountView>("nextSeq", "pendingIn", "pendingOut"),
];

const pendingChangeSchema = record({
  txId: { ...hexId, description: "the unconfirmed transaction" },
  kind: { type: "string", enum: ["payment", "join", "leave", "default", "close", "sweep", "batch"], description: "batch: a batch settlement of payment orders (docs/batches.md)" },
  balanceChange: { ...amount, description: "how the account's balance would change (negative for what it pays; with economics, the fee and demurrage charged and the allowance spent included)" },
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
