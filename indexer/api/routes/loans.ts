/**
 * ERG loans (docs/loans.md): `GET /loans` (the loan market: every loan with its terms and its
 * status now, filtered by state and party), `GET /loans/{loanId}` (one loan's schedule against
 * what happened) and `GET /banks/{bankId}` (a bank's record across the loans it offered). A party
 * is named by its key (a serialized SigmaProp or a compressed public key, hex) or its P2PK address.
 */
import type { FastifyPluginAsync } from "fastify";
import { ownerFromAddress } from "../../../contracts/builders/common.ts";
import { getBank, getLoan, listLoans, type LoanView } from "../../db/queries/loans.ts";
import type { LoanStateName } from "../../db/loan-schema.ts";
import type { ApiContext } from "../context.ts";
import { fields, sendList } from "../csv.ts";
import { badRequest, found } from "../errors.ts";
import { amount, count, format, height, hexId, idParams, jsonResponses, listResponses, nullable, pagedList, paging, query, record, timeMs, type PageQuery } from "../schemas.ts";

const longText = { type: "string", pattern: "^-?[0-9]+$", description: "a Long register value, in decimal" } as const;
const sigmaProp = { type: "string", pattern: "^[0-9a-f]+$", description: "a serialized SigmaProp (hex)" } as const;
const party = {
  type: "string", minLength: 1, maxLength: 200, pattern: "^[0-9A-Za-z]+$",
  description: "a key (a serialized SigmaProp, 08cd + a compressed public key, or the public key alone, hex) or a P2PK address",
} as const;

const STATES = ["offered", "funded", "repaid", "defaulted", "cancelled", "released"] as const;
const STATUSES = ["open", "current", "due", "late", "claimable", "repaid", "cancelled", "released"] as const;

const loanProperties = {
  loanId: { ...hexId, description: "the loan token's id: the offer's first input's id" },
  bank: { ...sigmaProp, description: "R7: the bank's key" },
  business: { ...sigmaProp, description: "R8: the borrowing business's key" },
  investor: { ...nullable(sigmaProp), description: "R9: the investor's key once funded; null while offered" },
  state: {
    type: "string", enum: STATES,
    description: "offered (unfunded), funded, repaid (every instalment repaid, bond not yet released), defaulted (the investor claimed from the bond), cancelled, released",
  },
  status: {
    type: "string", enum: STATUSES,
    description: "at `height`: open (unfunded), current (nothing due unpaid), due (an instalment due at this height unpaid), late (past due, within grace), claimable (past grace: the investor may claim from the bond), repaid, cancelled, released",
  },
  principalNanoErg: { ...amount, description: "every tranche" },
  totalOwedNanoErg: { ...amount, description: "every instalment (principal and interest)" },
  trancheCount: count,
  instalmentCount: count,
  graceBlocks: { ...longText, description: "blocks after an instalment's due height before the investor may claim it from the bond" },
  firstDueHeight: longText,
  lastDueHeight: longText,
  drawn: { ...count, description: "tranches the business drew" },
  repaidNanoErg: amount,
  claimedNanoErg: { ...amount, description: "what the investor claimed from the bond" },
  dueNowNanoErg: { ...amount, description: "due by `height` and neither repaid nor claimed" },
  claimableNanoErg: { ...amount, description: "what the investor may claim from the bond at `height` (before the bond's own limit)" },
  outstandingNanoErg: { ...amount, description: "the total owed less what was repaid or claimed" },
  nextDueHeight: { ...nullable(longText), description: "the due height of the first instalment not yet paid; null when none or ended" },
  bondPostedNanoErg: { ...amount, description: "the bond box at the offer (the bond and its storage floor)" },
  bondNanoErg: { ...amount, description: "what the live bond box holds; 0 once released or cancelled" },
  bondPaidOutNanoErg: { ...amount, description: "what left the bond to the investor in claims" },
  bondReturnedNanoErg: { ...nullable(amount), description: "what the bond gave back to the bank at its release or cancel" },
  boxId: { ...hexId, description: "the live loan box, or the last one once ended" },
  valueNanoErg: { ...amount, description: "the ERG the loan box holds: the bank's deposit and the undrawn principal" },
  offeredHeight: height,
  offeredTxId: hexId,
  offeredTimestamp: timeMs,
  fundedHeight: nullable(height),
  endedHeight: nullable(height),
  endedTxId: nullable(hexId),
  height: { ...height, description: "the HEIGHT statuses are judged at: the indexed tip + 1" },
} as const;

export const loanSchema = record(loanProperties);

const trancheSchema = record({
  index: count,
  amountNanoErg: amount,
  unlockHeight: { ...longText, description: "drawable from this height, or earlier with the bank's signature" },
  drawnHeight: nullable(height),
  drawnTxId: nullable(hexId),
  milestone: { type: ["boolean", "null"], description: "drawn before its unlock height (the bank signed); null until drawn" },
});

const instalmentSchema = record({
  index: count,
  amountNanoErg: amount,
  dueHeight: longText,
  graceEndHeight: { ...longText, description: "the last height of its grace; claimable from the bond after it" },
  paidNanoErg: { ...amount, description: "what repayments and claims covered of it (they cover instalments in order)" },
  claimedNanoErg: { ...amount, description: "of that, what bond claims covered" },
  paidHeight: { ...nullable(height), description: "the block that covered it in full" },
  paidTxId: nullable(hexId),
  status: {
    type: "string", enum: ["upcoming", "due", "late", "claimable", "paid", "paid-late", "claimed", "unpaid", "open"],
    description: "paid (by its due height), paid-late, claimed (in part or whole from the bond); unpaid so far: upcoming, due, late (within grace), claimable, unpaid (the loan ended), open (unfunded)",
  },
});

const eventSchema = record({
  txId: hexId,
  height,
  timestamp: timeMs,
  kind: { type: "string", enum: ["offer", "fund", "draw", "repay", "claim", "release", "cancel", "rent"] },
  tranche: { ...nullable(count), description: "draw: the tranche's index" },
  amountNanoErg: { ...nullable(amount), description: "fund: the principal; draw: the tranche; repay, claim: the amount; rent: the ERG taken" },
  bondNanoErg: { ...nullable(amount), description: "offer: the bond posted; claim: what left the bond; release, cancel: what it gave back to the bank" },
  milestone: { type: ["boolean", "null"], description: "draw: before its unlock height" },
});

export const loanDetailSchema = record({
  ...loanProperties,
  tranches: { type: "array", items: trancheSchema },
  instalments: { type: "array", items: instalmentSchema },
  events: { type: "array", items: eventSchema, description: "in chain order" },
});

export const bankSchema = record({
  bank: { ...sigmaProp, description: "the bank's key" },
  height: { ...height, description: "the HEIGHT statuses are judged at: the indexed tip + 1" },
  loansMade: { ...count, description: "loans it offered" },
  open: { ...count, description: "offers nobody funded yet" },
  funded: count,
  active: { ...count, description: "funded and not yet released" },
  repaidOnTime: { ...count, description: "every instalment repaid by its due height" },
  repaidLate: { ...count, description: "every instalment repaid, some after its due height" },
  late: { ...count, description: "live, with an instalment past due unpaid and no claim yet" },
  defaulted: { ...count, description: "the investor claimed from the bond, or the loan was released short" },
  cancelled: count,
  principalLentNanoErg: { ...amount, description: "the principal of its funded loans" },
  bondPostedNanoErg: amount,
  bondPaidOutNanoErg: amount,
  firstOfferedHeight: nullable(height),
  lastOfferedHeight: nullable(height),
});

export const LOAN_COLUMNS = fields<LoanView>(
  "loanId", "bank", "business", "investor", "state", "status", "principalNanoErg", "totalOwedNanoErg", "trancheCount", "instalmentCount", "graceBlocks", "firstDueHeight",
  "lastDueHeight", "drawn", "repaidNanoErg", "claimedNanoErg", "dueNowNanoErg", "claimableNanoErg", "outstandingNanoErg", "nextDueHeight", "bondPostedNanoErg", "bondNanoErg",
  "bondPaidOutNanoErg", "bondReturnedNanoErg", "boxId", "valueNanoErg", "offeredHeight", "offeredTxId", "offeredTimestamp", "fundedHeight", "endedHeight", "endedTxId", "height",
);

/** A party's key (serialized SigmaProp, lower case) from a key, a public key or a P2PK address; 400 otherwise. */
export function partyKey(name: string, id: string): string {
  if (/^08cd0[23][0-9a-f]{64}$/i.test(id)) return id.toLowerCase();
  if (/^0[23][0-9a-f]{64}$/i.test(id)) return `08cd${id.toLowerCase()}`;
  try {
    return ownerFromAddress(id).toLowerCase();
  } catch (error) {
    throw badRequest(`${name}: not a key (08cd + a compressed public key, hex), a public key or a P2PK address: ${(error as Error).message}`);
  }
}

interface LoanQuery extends PageQuery {
  state?: "open" | LoanStateName;
  bank?: string;
  business?: string;
  investor?: string;
}

export const loanRoutes =
  ({ db }: ApiContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Querystring: LoanQuery }>(
      "/loans",
      {
        schema: {
          summary: "The loan market: every loan with its terms and its status now, newest offered first", tags: ["loans"],
          querystring: query({
            state: { type: "string", enum: ["open", ...STATES], description: "open: offers nobody funded yet (the same as offered)" },
            bank: party, business: party, investor: party, ...paging, format,
          }),
          response: listResponses(pagedList(loanSchema), LOAN_COLUMNS.map((c) => c.name)),
        },
      },
      async (request, reply) => {
        const { limit, offset, format, state, bank, business, investor } = request.query;
        const filter = {
          ...(state ? { state: state === "open" ? ("offered" as const) : state } : {}),
          ...(bank ? { bank: partyKey("bank", bank) } : {}),
          ...(business ? { business: partyKey("business", business) } : {}),
          ...(investor ? { investor: partyKey("investor", investor) } : {}),
        };
        const page = await listLoans(db, filter, { limit, offset });
        return sendList(reply, format, LOAN_COLUMNS, page.items, { ...page, limit, offset });
      },
    );

    app.get<{ Params: { loanId: string } }>(
      "/loans/:loanId",
      {
        schema: {
          summary: "A loan: its schedule against what happened (each instalment's due height and when it was paid, each tranche's unlock and when it was drawn, claims)",
          tags: ["loans"], params: idParams("loanId"), querystring: query({}), response: jsonResponses(loanDetailSchema),
        },
      },
      async (request) => {
        const id = request.params.loanId.toLowerCase();
        return found(await getLoan(db, id), "loan", id);
      },
    );

    app.get<{ Params: { bankId: string } }>(
      "/banks/:bankId",
      {
        schema: {
          summary: "A bank's record across the loans it offered: made, repaid on time, late, defaulted, bond posted and paid out", tags: ["loans"],
          params: { type: "object", required: ["bankId"], additionalProperties: false, properties: { bankId: party } }, querystring: query({}), response: jsonResponses(bankSchema),
        },
      },
      async (request) => {
        const key = partyKey("bankId", request.params.bankId);
        return found(await getBank(db, key), "bank", request.params.bankId);
      },
    );
  };
