/**
 * Opening, closing and refreshing an escrow (docs/escrow.md). Opening: a member gives one seat of
 * the community to an idle escrow box it owns, paying the joining fee into the treasury. Closing:
 * the seat goes back and the deposit to the owner. Refresh: a dormant escrow recreated unchanged.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { decodeEscrow, escrowRegisters, REFERENCE_MAX_BYTES, type Escrow } from "../escrow/escrow.ts";
import { LONG_MAX } from "../long.ts";
import { CommunityFull, InvalidIntent, NotALetsBox, NotDormant, WrongCommunity } from "../errors.ts";
import { COMMUNITY_ERGO_TREE, ESCROW_ERGO_TREE, LINE_FLOOR_FEES, MIN_BOX_VALUE, STORAGE_FEE_FACTOR } from "../scripts.ts";
import { boxFeeNanoErg, dormantFrom, isDormant } from "../storage-rent.ts";
import { communitySuccessor } from "./community-successor.ts";
import { requireAccount, requireCommunity, type BuildContext } from "./common.ts";
import { walletPaidTx } from "./line-common.ts";
import { successor } from "./pay.ts";
import { ownerTree } from "./exit.ts";

const sameRegisters = (box: Box<Amount>) => {
  const r = box.additionalRegisters as Record<"R4" | "R5" | "R6" | "R7", string>;
  return { R4: r.R4, R5: r.R5, R6: r.R6, R7: r.R7 };
};

/** Decodes an escrow box or throws `NotALetsBox`. */
export function requireEscrow(box: Box<Amount>): Escrow {
  const result = decodeEscrow(box);
  if (!result.ok) throw new NotALetsBox(box.boxId, "escrow", result.reason);
  return result.value;
}

/** The least deposit an escrow box like `candidate` may hold: one nanoERG above twice its storage fee with eight bytes of room. */
export function escrowFloorNanoErg(candidate: Parameters<typeof boxFeeNanoErg>[0], index = 0): bigint {
  // Judged at a value as long as the largest, so the value's own encoding never tips it.
  return (boxFeeNanoErg({ ...candidate, value: 1n << 62n }, index) + 8n * STORAGE_FEE_FACTOR) * LINE_FLOOR_FEES + 1n;
}

/** The escrow box that succeeds `escrow` with `order` (null: idle), its deposit kept (at least the floor). */
export function escrowSuccessor(escrow: Escrow, order: Escrow["order"], height: number, index: number): OutputBuilder {
  const registers = escrowRegisters({ owner: escrow.owner, escrowId: escrow.escrowId, order });
  const candidate = { value: 0n, ergoTree: ESCROW_ERGO_TREE, creationHeight: height, assets: [{ tokenId: escrow.communityId, amount: 1n }], additionalRegisters: registers };
  const floor = escrowFloorNanoErg(candidate, index);
  const value = escrow.depositNanoErg < floor ? floor : escrow.depositNanoErg;
  return new OutputBuilder(value, ESCROW_ERGO_TREE)
    .addTokens({ tokenId: escrow.communityId, amount: 1n })
    .setAdditionalRegisters(registers)
    .setCreationHeight(height);
}

/** What a member opens: its account (whose owner will own the escrow) in a plain community. */
export interface OpenEscrowIntent {
  community: Box<Amount>;
  account: Box<Amount>;
  /** ERG from the wallet as the deposit; at least the floor of the largest box an order can make (raised to it if less). */
  depositNanoErg?: bigint;
}

/**
 * Builds the opening: the community box (one seat fewer, the joining fee more) at output 0, the
 * member's account unchanged but for its activity at output 1, the idle escrow at output 2. The
 * account's owner signs; the wallet pays the fee, the joining fee and the deposit.
 */
export function openEscrow(intent: OpenEscrowIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (community.box.ergoTree !== COMMUNITY_ERGO_TREE) {
    throw new WrongCommunity(community.box.boxId, "a plain community", "an economics community: escrows are for plain communities (docs/escrow.md)");
  }
  const account = requireAccount(intent.account);
  if (account.communityId !== community.communityId) throw new WrongCommunity(account.boxId, community.communityId, account.communityId);
  // The last free seat stays for a join: with it gone the community box would hold exactly one unit,
  // which the account script takes for a member (whose R5 is no balance) and refuses.
  if (community.seatsLeft < 2n) {
    throw new CommunityFull(community.communityId, community.policy.maxMembers, "the last free seat is kept for a join; an escrow needs two free seats");
  }
  const registers = escrowRegisters({ owner: account.owner, escrowId: community.boxId, order: null });
  // The deposit covers the floor of the largest box an order can make (its registers at their
  // longest), so no commit ever needs a top-up and the deposit shown at opening is the whole of it.
  const largest = escrowRegisters({
    owner: account.owner, escrowId: community.boxId,
    order: { max: LONG_MAX, minimum: LONG_MAX, deadline: LONG_MAX, payerId: "00".repeat(32), payeeId: "00".repeat(32), reference: "00".repeat(REFERENCE_MAX_BYTES) },
  });
  const candidate = { value: 0n, ergoTree: ESCROW_ERGO_TREE, creationHeight: ctx.height, assets: [{ tokenId: community.communityId, amount: 1n }], additionalRegisters: largest };
  const floor = escrowFloorNanoErg(candidate, 2);
  const asked = intent.depositNanoErg ?? floor;
  if (asked < 0n) throw new InvalidIntent("depositNanoErg cannot be negative");
  const deposit = asked < floor ? floor : asked;
  const fee = community.policy.joinFeeNanoErg;
  const next = communitySuccessor(
    community,
    { treasuryNanoErg: community.treasuryNanoErg + fee, units: community.seatsLeft, registers: sameRegisters(community.box) },
    ctx.height,
  );
  const escrow = new OutputBuilder(deposit, ESCROW_ERGO_TREE)
    .addTokens({ tokenId: community.communityId, amount: 1n })
    .setAdditionalRegisters(registers)
    .setCreationHeight(ctx.height);
  const accountOut = successor(account, account.balance, BigInt(ctx.height), account.valueNanoErg);
  return walletPaidTx({ inputs: [community.box, account.box], outputs: [next, accountOut, escrow] }, ctx, deposit + fee);
}

/** What closes: the community box and an idle escrow; `dormant` when someone other than the owner closes it. */
export interface CloseEscrowIntent {
  community: Box<Amount>;
  escrow: Box<Amount>;
  /** Close a dormant escrow without its owner: the deposit, less the minimum box value, goes to the owner. */
  asStranger?: boolean;
}

/**
 * Builds the closing: the community box (one seat more) at output 0; the deposit goes to the
 * wallet's change (the owner closes) or to the owner (a dormant escrow closed by anyone).
 */
export function closeEscrow(intent: CloseEscrowIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  const escrow = requireEscrow(intent.escrow);
  if (escrow.communityId !== community.communityId) throw new WrongCommunity(escrow.boxId, community.communityId, escrow.communityId);
  if (escrow.order) throw new InvalidIntent(`escrow ${escrow.escrowId.slice(0, 12)}… holds an open order of ${escrow.order.max} units: settle it first`);
  const next = communitySuccessor(
    community,
    { treasuryNanoErg: community.treasuryNanoErg, units: community.seatsLeft + 2n, registers: sameRegisters(community.box) },
    ctx.height,
  );
  const outputs = [next];
  if (intent.asStranger) {
    if (!isDormant(escrow.creationHeight, ctx.height)) throw new NotDormant(escrow.boxId, dormantFrom(escrow.creationHeight));
    outputs.push(new OutputBuilder(escrow.depositNanoErg - MIN_BOX_VALUE, ownerTree(escrow.owner)).setCreationHeight(ctx.height));
  }
  return walletPaidTx({ inputs: [community.box, escrow.box], outputs }, ctx, 0n);
}

/** Anyone: a dormant escrow recreated unchanged at the current height, out of storage rent's reach. */
export function refreshEscrow(intent: { escrow: Box<Amount> }, ctx: BuildContext): EIP12UnsignedTransaction {
  const escrow = requireEscrow(intent.escrow);
  if (!isDormant(escrow.creationHeight, ctx.height)) throw new NotDormant(escrow.boxId, dormantFrom(escrow.creationHeight));
  const out = escrowSuccessor(escrow, escrow.order, ctx.height, 0);
  const topUp = BigInt(out.value) - escrow.depositNanoErg;
  return walletPaidTx({ inputs: [escrow.box], outputs: [out] }, ctx, topUp);
}
