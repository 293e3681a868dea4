/**
 * Post-factum payments from the browser (docs/escrow.md), prepared like the other actions: read the
 * live escrow, account and community boxes from the node (never the indexer), build with the
 * contracts' builders, and refuse before anything is signed. Paying after delivery opens an escrow
 * first when the member has no idle one (its own signature: the deposit and the joining fee), then
 * commits the order; an open order is released by its payer, refunded by its payee, or claimed at
 * its minimum once its deadline has passed; an idle escrow closes back into a seat.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { closeEscrow, openEscrow } from "$contracts/builders/escrow-open.ts";
import { commitOrder, orderOf, settleOrder } from "$contracts/builders/escrow-order.ts";
import { decodeEscrow, type Escrow, type SettleBy } from "$contracts/escrow/escrow.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { predict } from "$ergo/predict.ts";
import type { CommitTerms } from "../escrow/terms.ts";
import { liveAccount, liveCommunity, type BoxHint } from "./actions.ts";
import { toEip12Box } from "./eip12.ts";
import type { ConnectedWallet } from "./wallet.ts";

/** The order's escrow box is no longer on the node: the order was settled meanwhile. */
export class OrderNotOpen extends InvalidIntent {
  constructor(readonly orderId: string) {
    super(`order ${orderId.slice(0, 12)}… is no longer open on the node: it was settled`);
  }
}

/** The escrows owned by `owner` (a serialized SigmaProp) in `communityId`, live on the node, mempool applied. */
export async function liveEscrowsOf(node: NodeClient, communityId: string, owner: string): Promise<Escrow[]> {
  const found: Escrow[] = [];
  for (const box of await node.allUnspentByTokenId(communityId)) {
    const decoded = decodeEscrow(toEip12Box(box));
    if (decoded.ok && decoded.value.communityId === communityId && decoded.value.owner === owner) found.push(decoded.value);
  }
  return found;
}

/** The live escrow `escrowId` of `communityId`, or undefined once closed. */
export async function liveEscrow(node: NodeClient, communityId: string, escrowId: string): Promise<Escrow | undefined> {
  for (const box of await node.allUnspentByTokenId(communityId)) {
    const decoded = decodeEscrow(toEip12Box(box));
    if (decoded.ok && decoded.value.escrowId === escrowId) return decoded.value;
  }
  return undefined;
}

function requireOwner(account: Account, changeAddress: string): void {
  if (account.owner !== ownerFromAddress(changeAddress)) throw new InvalidIntent(`account ${account.accountId} is not owned by this wallet's address ${changeAddress}`);
}

/** What paying after delivery will sign: the escrow's opening first when needed, then the commit. */
export interface PreparedPayAfterDelivery {
  payer: Account;
  height: number;
  /** The opening when the member has no idle escrow: its deposit (back on close) and the joining fee. */
  open: { unsigned: EIP12UnsignedTransaction; depositNanoErg: bigint; joinFeeNanoErg: bigint; escrowBoxId: string } | null;
  /** The commit, when an idle escrow exists now (else built once the opening is on the node). */
  commit: EIP12UnsignedTransaction | null;
}

/** The terms and the two accounts of a post-factum payment. */
export interface PayAfterDeliveryIntent {
  communityId: string;
  payerAccountId: string;
  payeeAccountId: string;
  terms: Pick<CommitTerms, "maxUnits" | "minimumUnits" | "blocks" | "reference">;
  payerHint?: BoxHint;
}

/**
 * Checks the order against the live payer account (the contract's rules: the credit limit, the
 * deadline's range) and builds what the wallet will sign. Throws every refusal before signing.
 */
export async function preparePayAfterDelivery(wallet: ConnectedWallet, node: NodeClient, intent: PayAfterDeliveryIntent): Promise<PreparedPayAfterDelivery> {
  const ctx = await wallet.buildContext();
  const payer = await liveAccount(node, intent.communityId, intent.payerAccountId, intent.payerHint);
  requireOwner(payer, ctx.wallet.changeAddress);
  await liveAccount(node, intent.communityId, intent.payeeAccountId);
  const deadline = BigInt(ctx.height) + intent.terms.blocks;
  const commitIntent = { payeeId: intent.payeeAccountId, maxUnits: intent.terms.maxUnits, minimumUnits: intent.terms.minimumUnits, deadline, reference: intent.terms.reference };
  orderOf({ ...commitIntent, escrow: payer.box, payer: payer.box }, payer, ctx.height);
  const idle = (await liveEscrowsOf(node, intent.communityId, payer.owner)).find((e) => e.order === null);
  if (idle) return { payer, height: ctx.height, open: null, commit: commitOrder({ ...commitIntent, escrow: idle.box, payer: payer.box }, ctx) };
  const community = await liveCommunity(node, intent.communityId);
  const unsigned = openEscrow({ community: community.box, account: payer.box }, ctx);
  const escrowOut = predict(unsigned).outputs[2]!;
  return {
    payer,
    height: ctx.height,
    open: { unsigned, depositNanoErg: BigInt(escrowOut.value), joinFeeNanoErg: community.policy.joinFeeNanoErg, escrowBoxId: escrowOut.boxId },
    commit: null,
  };
}

/** The commit of `intent` on the member's idle escrow as the node has it now (after an opening, mempool applied). */
export async function prepareCommit(wallet: ConnectedWallet, node: NodeClient, intent: PayAfterDeliveryIntent): Promise<EIP12UnsignedTransaction> {
  const prepared = await preparePayAfterDelivery(wallet, node, intent);
  if (!prepared.commit) throw new InvalidIntent("the escrow just opened is not on the node yet; try again in a moment");
  return prepared.commit;
}

/** A settlement of an open order, ready to sign: who settles, and the units to the payee. */
export interface SettleRequest {
  communityId: string;
  /** The order id: the box id of the open escrow box. */
  orderId: string;
  by: SettleBy;
  releasedUnits?: bigint;
}

/** Builds a release (payer), refund (payee) or claim (anyone, from the payee's wallet) of an open order from its live box. */
export async function prepareSettle(wallet: ConnectedWallet, node: NodeClient, request: SettleRequest): Promise<{ unsigned: EIP12UnsignedTransaction; escrow: Escrow }> {
  const chainBox = await node.boxWithPool(request.orderId);
  const decoded = chainBox && decodeEscrow(toEip12Box(chainBox));
  if (!decoded?.ok || !decoded.value.order) throw new OrderNotOpen(request.orderId);
  const escrow = decoded.value;
  const order = escrow.order!;
  // A claim needs no payer account (the payer may have left): the builder says when one is missing.
  const [ctx, payer, payee] = await Promise.all([
    wallet.buildContext(),
    liveAccount(node, request.communityId, order.payerId).catch((error: unknown) => (request.by === "payer" ? Promise.reject(error) : undefined)),
    liveAccount(node, request.communityId, order.payeeId),
  ]);
  if (request.by === "payer") requireOwner(payer!, ctx.wallet.changeAddress);
  if (request.by === "payee") requireOwner(payee, ctx.wallet.changeAddress);
  const unsigned = settleOrder({ escrow: escrow.box, payer: payer?.box, payee: payee.box, by: request.by, releasedUnits: request.releasedUnits }, ctx);
  return { unsigned, escrow };
}

/** Builds the closing of the member's idle escrow `escrowId`: its seat back to the community, its deposit to the wallet. */
export async function prepareClose(wallet: ConnectedWallet, node: NodeClient, communityId: string, escrowId: string): Promise<EIP12UnsignedTransaction> {
  const [ctx, escrow, community] = await Promise.all([wallet.buildContext(), liveEscrow(node, communityId, escrowId), liveCommunity(node, communityId)]);
  if (!escrow) throw new InvalidIntent(`escrow ${escrowId.slice(0, 12)}… is not on the node: it is closed`);
  if (escrow.owner !== ownerFromAddress(ctx.wallet.changeAddress)) throw new InvalidIntent("this escrow belongs to another key than this wallet's");
  return closeEscrow({ community: community.box, escrow: escrow.box }, ctx);
}
