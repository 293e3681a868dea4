/**
 * Underwriting (contract version 8, docs/underwriting.md): `GET /underwriting` (stakes by community,
 * account, underwriter and state), `/underwriting/{stakeId}` (one stake and its history),
 * `/accounts/{accountId}/backing` and `/communities/{communityId}/underwriting`. A stake's id is the
 * box id of its offer, which is also the id of the token its acceptance minted.
 */
import type { FastifyPluginAsync } from "fastify";
import { communityExists } from "../../db/queries/common.ts";
import {
  getAccountBacking, getCommunityUnderwriting, getStake, listStakes, RECENT_DEFAULTS, type StakeFilter, type StakeView,
} from "../../db/queries/underwriting.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { found } from "../errors.ts";
import { amount, count, format, height, hexId, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

const STATES = ["offer", "active", "cancelled", "withdrawn", "returned", "settled"] as const;
const nanoErg = { ...amount, description: "nanoERG, in decimal" } as const;
const sigmaProp = { type: "string", pattern: "^([0-9a-fA-F]{2}){1,1024}$", description: "a serialized SigmaProp (hex), as in R4" } as const;

export const stakeSchema = record({
  stakeId: { ...hexId, description: "the box id of the offer, and the id of the token its acceptance minted" },
  communityId: hexId,
  accountId: { ...hexId, description: "R5: the account the stake backs" },
  underwriter: { ...sigmaProp, description: "R4: the underwriter's key, a serialized SigmaProp (hex)" },
  raise: { ...amount, description: "R6: units of credit the stake adds" },
  premium: { ...amount, description: "R6: units the member pays the premium account when accepting (0: none)" },
  premiumAccountId: { ...nullable(hexId), description: "R8: the account the premium goes to; null without a premium" },
  stakeNanoErg: { ...nanoErg, description: "the ERG the offer and the stake box hold" },
  state: {
    type: "string", enum: STATES,
    description: "offer: not accepted yet; active: backs the account; cancelled: the offer was taken back; withdrawn: the underwriter took the stake back; returned: settled at the account's exit, all of it to the underwriter; settled: settled at the exit, part or all of it to the committee",
  },
  boxId: { ...hexId, description: "the live underwriting box, or the last one once ended" },
  offeredHeight: height,
  offeredTxId: hexId,
  offeredTimestamp: timeMs,
  acceptedHeight: nullable(height),
  acceptedTxId: nullable(hexId),
  endedHeight: { ...nullable(height), description: "when it was cancelled, withdrawn or settled at an exit" },
  endedTxId: nullable(hexId),
  exitKind: { type: ["string", "null"], enum: ["leave", "default", "close", null], description: "the account's exit that settled it (close: the dormant close); null unless returned or settled" },
  lostNanoErg: { ...nullable(nanoErg), description: "what the exit paid the committee from the stake (its outputs tagged R4 = the stake box id); null unless returned or settled" },
  returnedNanoErg: { ...nullable(nanoErg), description: "what the exit paid back to the underwriter; null unless returned or settled" },
});

const historySchema = record({
  event: { type: "string", enum: ["offered", "accepted", "refreshed", "cancelled", "withdrawn", "exited"] },
  height,
  txId: hexId,
  timestamp: timeMs,
  boxId: { ...nullable(hexId), description: "the underwriting box the transaction made; null when it ended the stake" },
  stakeNanoErg: nanoErg,
});

export const stakeDetailSchema = record({ ...stakeSchema.properties, history: { type: "array", items: historySchema, description: "what each transaction did to the stake, oldest first" } });

const stakeList = { type: "array", items: stakeSchema } as const;
export const accountBackingSchema = record({
  accountId: hexId,
  communityId: hexId,
  live: { type: "boolean", description: "whether the account still has a box (false once it left, defaulted or was closed)" },
  balance: amount,
  creditLimit: { ...amount, description: "R6: the credit limit, raises included" },
  baseCreditLimit: { ...amount, description: "the credit limit without the raises: what the community granted" },
  backed: { ...amount, description: "R6: the units the live stakes raise" },
  raiseInUse: { ...amount, description: "the debt below the un-raised floor: min(backed, max(0, -balance - baseCreditLimit))" },
  stakesNanoErg: { ...nanoErg, description: "ERG locked in the live stakes" },
  liveStakes: { ...stakeList, description: "the stakes backing it now (state active)" },
  offers: { ...stakeList, description: "offers to it not accepted yet" },
  pastStakes: { ...stakeList, description: "cancelled, withdrawn, returned and settled stakes" },
});

const defaultSchema = record({
  accountId: hexId,
  height,
  txId: hexId,
  timestamp: timeMs,
  unitsWrittenOff: { ...amount, description: "the debt the default wrote off" },
  backed: { ...amount, description: "the units the stakes it settled raised" },
  carriedByUnderwriters: { ...amount, description: "the part of the debt below the un-raised floor, which the stakes paid for in ERG" },
  carriedByCommunity: { ...amount, description: "the rest of the debt" },
  lostNanoErg: { ...nanoErg, description: "ERG the stakes paid the committee" },
  stakes: count,
});

const defaultTotals = record({
  count, unitsWrittenOff: amount, carriedByUnderwriters: amount, carriedByCommunity: amount, lostNanoErg: nanoErg,
});

export const communityUnderwritingSchema = record({
  communityId: hexId,
  accounts: { ...count, description: "live accounts" },
  backedAccounts: { ...count, description: "live accounts with at least one stake" },
  baseCredit: { ...amount, description: "the sum of the live accounts' base credit limits: credit the community grants unbacked" },
  backedCredit: { ...amount, description: "the sum of the live stakes' raises: credit underwriters back" },
  raiseInUse: { ...amount, description: "the sum over live accounts of the raise in use" },
  liveStakes: count,
  stakesLockedNanoErg: { ...nanoErg, description: "ERG in the live stakes" },
  openOffers: count,
  offersNanoErg: { ...nanoErg, description: "ERG in offers not accepted yet" },
  committeeNanoErg: { ...nanoErg, description: "ERG the committee received from stakes at exits, all time" },
  returnedAtExitsNanoErg: { ...nanoErg, description: "ERG the underwriters received back at exits, all time" },
  defaults: record({
    backed: { ...defaultTotals, description: "defaults of accounts stakes backed" },
    unbacked: record({ count, unitsWrittenOff: amount }, "defaults of accounts no stake backed"),
  }),
  recentDefaults: { type: "array", items: defaultSchema, description: `the newest ${RECENT_DEFAULTS} defaults` },
});

export const STAKE_COLUMNS = fields<StakeView>(
  "stakeId", "communityId", "accountId", "underwriter", "raise", "premium", "premiumAccountId", "stakeNanoErg", "state", "boxId", "offeredHeight", "offeredTxId",
  "offeredTimestamp", "acceptedHeight", "acceptedTxId", "endedHeight", "endedTxId", "exitKind", "lostNanoErg", "returnedNanoErg",
);

interface StakeQuery extends PageQuery, StakeFilter {}

export const underwritingRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Querystring: StakeQuery }>(
      "/underwriting",
      {
        schema: {
          summary: "Underwriting stakes and offers, newest offered first, by community, account, underwriter and state", tags: ["underwriting"],
          querystring: query({
            communityId: { ...hexId, description: "only this community's" }, accountId: { ...hexId, description: "only those backing this account" },
            underwriter: { ...sigmaProp, description: "only this underwriter's (a serialized SigmaProp, hex)" },
            state: { type: "string", enum: STATES, description: "only stakes in this state" }, ...paging, format,
          }),
          response: listResponses(pagedList(stakeSchema), STAKE_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const { limit, offset, format, communityId, accountId, underwriter, state } = request.query;
        const filter: StakeFilter = {
          ...(communityId === undefined ? {} : { communityId: communityId.toLowerCase() }), ...(accountId === undefined ? {} : { accountId: accountId.toLowerCase() }),
          ...(underwriter === undefined ? {} : { underwriter: underwriter.toLowerCase() }), ...(state === undefined ? {} : { state }),
        };
        const page = await listStakes(db, filter, { limit, offset });
        return sendList(reply, format, STAKE_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { stakeId: string } }>(
      "/underwriting/:stakeId",
      { schema: { summary: "An underwriting stake (or offer) and its history", tags: ["underwriting"], params: idParams("stakeId"), querystring: query({}), response: jsonResponses(stakeDetailSchema) } },
      async (request) => {
        const id = request.params.stakeId.toLowerCase();
        return found(await getStake(db, id), "underwriting stake", id);
      },
    );

    app.get<{ Params: { accountId: string } }>(
      "/accounts/:accountId/backing",
      {
        schema: {
          summary: "An account's credit limit, the part of it stakes back, the raise in use, and its stakes", tags: ["underwriting"], params: idParams("accountId"),
          querystring: query({}), response: jsonResponses(accountBackingSchema),
        },
      },
      async (request) => {
        const id = request.params.accountId.toLowerCase();
        return found(await getAccountBacking(db, id), "account", id);
      },
    );

    app.get<{ Params: { communityId: string } }>(
      "/communities/:communityId/underwriting",
      {
        schema: {
          summary: "A community's backed and unbacked credit, its stakes, the ERG its committee received at exits, and its defaults with and without backing",
          tags: ["underwriting"], params: idParams("communityId"), querystring: query({}), response: jsonResponses(communityUnderwritingSchema),
        },
      },
      async (request) => {
        const id = request.params.communityId.toLowerCase();
        found((await communityExists(db, id)) || undefined, "community", id);
        return getCommunityUnderwriting(db, id);
      },
    );
  };
