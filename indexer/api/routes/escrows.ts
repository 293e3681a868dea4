/**
 * Escrows for post-factum payments (docs/escrow.md): `GET /communities/{communityId}/escrows`,
 * `/communities/{communityId}/escrow-orders`, `/accounts/{accountId}/escrow-orders` and
 * `/escrow-orders/{orderId}`. An order's id is the box id of the open escrow box its commit created.
 */
import { nullable, record, hexId, amount, height, timeMs } from "../schemas.ts";

const outcome = {
  ...nullable({ type: "string", enum: ["released", "refunded", "claimed"] }),
  description:
    "null while open; refunded: nothing reached the payee and the payee signed before the deadline; claimed: settled after the deadline at exactly the minimum without the payer; else released",
} as const;

export const escrowSchema = record({
  escrowId: { ...hexId, description: "R7: the community box its opening spent; the escrow's name as a counterparty in payment legs" },
  communityId: hexId,
  owner: { type: "string", pattern: "^[0-9a-f]+$", description: "R8: the owner's key, a serialized SigmaProp (hex)" },
  accountId: { ...hexId, description: "the account of the member who opened it" },
  boxId: { ...hexId, description: "the live escrow box, or the last one once closed" },
  depositNanoErg: { ...amount, description: "the ERG the escrow box holds" },
  balance: { ...amount, description: "R5: the units of the open order, 0 when idle" },
  openOrderId: { ...nullable(hexId), description: "the order it holds, or null when idle" },
  openedHeight: height,
  openedTxId: hexId,
  openedTimestamp: timeMs,
  closedHeight: nullable(height),
  closedTxId: nullable(hexId),
});

export const escrowOrderSchema = record({
  orderId: { ...hexId, description: "the box id of the open escrow box its commit created" },
  escrowId: hexId,
  communityId: hexId,
  payerId: hexId,
  payeeId: hexId,
  maxUnits: { ...amount, description: "units committed: the most the payee can receive" },
  minimumUnits: { ...amount, description: "units anyone may settle to the payee once the deadline has passed" },
  deadline: { type: "integer", minimum: 0, description: "the height after which anyone may settle at the minimum" },
  reference: { type: "string", pattern: "^([0-9a-f]{2}){0,64}$", description: "R9: up to 64 bytes (hex) naming what was ordered" },
  committedHeight: height,
  committedTxId: hexId,
  committedTimestamp: timeMs,
  status: { type: "string", enum: ["open", "settled"] },
  settledHeight: nullable(height),
  settledTxId: nullable(hexId),
  settledTimestamp: nullable(timeMs),
  releasedUnits: { ...nullable(amount), description: "units the settlement gave the payee; null while open" },
  returnedUnits: { ...nullable(amount), description: "units the settlement gave back to the payer; null while open" },
  outcome,
});

export const accountEscrowOrderSchema = record({
  ...escrowOrderSchema.properties,
  role: { type: "string", enum: ["payer", "payee"], description: "the account's side of the order" },
});
