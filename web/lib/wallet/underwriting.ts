/**
 * Underwriting from the browser (docs/underwriting.md), prepared like the other actions: read the
 * live offer, stake and account boxes from the node (never the indexer), build with the contracts'
 * builders, and refuse before anything is signed. The underwriter offers, cancels an offer and
 * withdraws a stake; the member accepts an offer (paying its premium, if any).
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { acceptUnderwriting, cancelUnderwriting, offerUnderwriting, withdrawUnderwriting } from "$contracts/builders/underwrite.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import { decodeUnderwriting, withdrawBlocker, type Underwriting } from "$contracts/underwriting/underwriting.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { liveAccount, type BoxHint } from "./actions.ts";
import { toEip12Box } from "./eip12.ts";
import type { ConnectedWallet } from "./wallet.ts";

/** The offer or stake is no longer on the node: accepted, cancelled, withdrawn or settled meanwhile. */
export class StakeNotLive extends InvalidIntent {
  constructor(readonly stakeId: string, readonly expected: "offer" | "active") {
    super(`${expected === "offer" ? "offer" : "stake"} ${stakeId.slice(0, 12)}… is no longer ${expected === "offer" ? "open" : "live"} on the node`);
  }
}

/** Where the indexer last saw an offer or a stake: its id and its live box. */
export interface StakeRef {
  stakeId: string;
  boxId: string;
}

/**
 * The live box of an offer (its box id is its id) or of an active stake (its box, else the one box
 * holding its token, after a refresh), decoded, mempool applied.
 */
export async function liveUnderwriting(node: NodeClient, ref: StakeRef, expected: "offer" | "active"): Promise<Underwriting> {
  const pick = (box: Parameters<typeof toEip12Box>[0] | undefined) => {
    const decoded = box && decodeUnderwriting(toEip12Box(box));
    return decoded && decoded.ok && decoded.value.state === expected && (expected === "offer" ? decoded.value.boxId === ref.stakeId : decoded.value.stakeId === ref.stakeId)
      ? decoded.value : undefined;
  };
  const found = pick(await node.boxWithPool(ref.boxId)) ?? (expected === "active" ? (await node.unspentByTokenId(ref.stakeId, 1)).map(pick).find(Boolean) : undefined);
  if (!found) throw new StakeNotLive(ref.stakeId, expected);
  return found;
}

/** The serialized SigmaProp of the wallet's key: the underwriter of what it offers. */
export const underwriterOf = (changeAddress: string): string => ownerFromAddress(changeAddress);

function requireUnderwriter(stake: Underwriting, changeAddress: string): void {
  if (stake.underwriter !== underwriterOf(changeAddress)) throw new InvalidIntent("this offer or stake belongs to another key than this wallet's");
}

/** An offer to back `accountId`, as the form read it. */
export interface OfferRequest {
  communityId: string;
  accountId: string;
  accountHint?: BoxHint;
  raiseUnits: bigint;
  stakeNanoErg: bigint;
  premiumUnits: bigint;
  premiumAccountId: string | undefined;
}

/** Builds the offer from the backed account's live box; the builder refuses a stake below the least, a raise past the cap. */
export async function prepareOffer(wallet: ConnectedWallet, node: NodeClient, request: OfferRequest): Promise<{ unsigned: EIP12UnsignedTransaction; account: Account }> {
  const [ctx, account] = await Promise.all([wallet.buildContext(), liveAccount(node, request.communityId, request.accountId, request.accountHint)]);
  if (request.premiumAccountId) await liveAccount(node, request.communityId, request.premiumAccountId);
  const unsigned = offerUnderwriting({
    account: account.box,
    underwriter: underwriterOf(ctx.wallet.changeAddress),
    raiseUnits: request.raiseUnits,
    stakeNanoErg: request.stakeNanoErg,
    premiumUnits: request.premiumUnits,
    premiumAccountId: request.premiumAccountId,
  }, ctx);
  return { unsigned, account };
}

/** Builds the member's acceptance of the live offer `ref` on its live account, with the premium's payee when it asks one. */
export async function prepareAccept(wallet: ConnectedWallet, node: NodeClient, communityId: string, ref: StakeRef, accountHint: BoxHint = {}): Promise<{ unsigned: EIP12UnsignedTransaction; offer: Underwriting; account: Account }> {
  const offer = await liveUnderwriting(node, ref, "offer");
  const [ctx, account, premiumAccount] = await Promise.all([
    wallet.buildContext(),
    liveAccount(node, communityId, offer.accountId, accountHint),
    offer.premium > 0n ? liveAccount(node, communityId, offer.premiumAccountId) : Promise.resolve(undefined),
  ]);
  if (account.owner !== ownerFromAddress(ctx.wallet.changeAddress)) throw new InvalidIntent(`account ${account.accountId} is not owned by this wallet's address ${ctx.wallet.changeAddress}`);
  const unsigned = acceptUnderwriting({ offer: offer.box, account: account.box, premiumAccount: premiumAccount?.box }, ctx);
  return { unsigned, offer, account };
}

/** Builds the underwriter's cancellation of its open offer `ref`: the stake back to the wallet. */
export async function prepareCancel(wallet: ConnectedWallet, node: NodeClient, ref: StakeRef): Promise<EIP12UnsignedTransaction> {
  const [ctx, offer] = await Promise.all([wallet.buildContext(), liveUnderwriting(node, ref, "offer")]);
  requireUnderwriter(offer, ctx.wallet.changeAddress);
  return cancelUnderwriting({ offer: offer.box }, ctx);
}

/** A live stake and its account as the node has them, and why the stake cannot be withdrawn now (or undefined). */
export async function withdrawState(node: NodeClient, communityId: string, ref: StakeRef & { accountId: string }): Promise<{ stake: Underwriting; account: Account; blocker: string | undefined }> {
  const [stake, account] = await Promise.all([liveUnderwriting(node, ref, "active"), liveAccount(node, communityId, ref.accountId)]);
  return { stake, account, blocker: withdrawBlocker(account, stake) };
}

/** Builds the underwriter's withdrawal of stake `ref` from its account; refused while the raise is in use. */
export async function prepareWithdraw(wallet: ConnectedWallet, node: NodeClient, communityId: string, ref: StakeRef & { accountId: string }): Promise<EIP12UnsignedTransaction> {
  const [ctx, state] = await Promise.all([wallet.buildContext(), withdrawState(node, communityId, ref)]);
  requireUnderwriter(state.stake, ctx.wallet.changeAddress);
  return withdrawUnderwriting({ stake: state.stake.box, account: state.account.box }, ctx);
}
