/**
 * The member's actions, each in two steps: prepare (read the live boxes from the node, build with
 * the contracts' builders; every refusal, such as a credit limit, is thrown here, before anything
 * is signed) and `signAndSubmit` (the wallet signs, the member may decline, the wallet sends).
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { decodeAccount, type Account } from "$contracts/account/account.ts";
import { decodeCommunity, type Community } from "$contracts/community/community.ts";
import { ownerFromAddress, type Wallet } from "$contracts/builders/common.ts";
import { createCommunity, type CreateIntent } from "$contracts/builders/create.ts";
import { join } from "$contracts/builders/join.ts";
import { leave } from "$contracts/builders/leave.ts";
import { pay, quotePayment, type PaymentQuote } from "$contracts/builders/pay.ts";
import { ergNanoErgOf } from "$contracts/builders/pay-erg.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import { toEip12Box, type Eip12Box } from "./eip12.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import type { ConnectedWallet } from "./wallet.ts";

/** The live box of a community or account was not found on the node (closed, or never existed). */
export class NotLive extends InvalidIntent {
  constructor(readonly what: "community" | "account", readonly id: string) {
    super(`no live ${what} ${id} on the node`);
  }
}

/** Where to look first: the box id the indexer last saw (it may have been spent since). */
export interface BoxHint {
  boxId?: string | null;
}

async function findLive<T>(node: NodeClient, communityId: string, hint: string | null | undefined, pick: (box: Eip12Box) => T | undefined): Promise<T | undefined> {
  if (hint) {
    const box = await node.boxWithPool(hint);
    const found = box && pick(toEip12Box(box));
    if (found) return found;
  }
  for (const box of await node.allUnspentByTokenId(communityId)) {
    const found = pick(toEip12Box(box));
    if (found) return found;
  }
  return undefined;
}

/** The live community box of `communityId`, mempool applied. */
export async function liveCommunity(node: NodeClient, communityId: string, hint: BoxHint = {}): Promise<Community> {
  const found = await findLive(node, communityId, hint.boxId, (box) => {
    const decoded = decodeCommunity(box);
    return decoded.ok && decoded.value.communityId === communityId ? decoded.value : undefined;
  });
  if (!found) throw new NotLive("community", communityId);
  return found;
}

/** The live box of account `accountId` of `communityId`, mempool applied. */
export async function liveAccount(node: NodeClient, communityId: string, accountId: string, hint: BoxHint = {}): Promise<Account> {
  const found = await findLive(node, communityId, hint.boxId, (box) => {
    const decoded = decodeAccount(box);
    return decoded.ok && decoded.value.communityId === communityId && decoded.value.accountId === accountId ? decoded.value : undefined;
  });
  if (!found) throw new NotLive("account", accountId);
  return found;
}

/** Refuses before signing when the wallet does not hold the key that owns `account`. */
function requireOwnedBy(account: Account, address: string): void {
  if (account.owner !== ownerFromAddress(address)) {
    throw new InvalidIntent(`account ${account.accountId} is not owned by this wallet's address ${address}`);
  }
}

/** A payment ready to sign, with both balances as they will be after it. */
export interface PreparedPayment {
  unsigned: EIP12UnsignedTransaction;
  payer: Account;
  payee: Account;
  payerBalanceAfter: bigint;
  payeeBalanceAfter: bigint;
  /**
   * Everything the payment charges at the height it is built for, as the contracts check it: in an
   * economics community the usage fee, demurrage, allowance used and the earned credit limit.
   */
  quote: PaymentQuote;
}

export interface PaymentIntent {
  communityId: string;
  payerAccountId: string;
  payeeAccountId: string;
  amountUnits: bigint;
  /** What the payment is for (at most 140 characters), written under the payer's signature. */
  memo?: string;
  /** The payment request it pays (32 hex digits), recorded the same way. */
  requestId?: string;
  /** The marketplace listing it pays for (its id; docs/marketplace.md), recorded the same way. */
  listingId?: string;
  /** Economics: units of the newcomer allowance to spend (default: as much as allowed; 0 keeps it). */
  allowanceUnits?: bigint;
  /** nanoERG to the payee's owner in the same transaction (a mixed payment); the wallet pays it and the fee. */
  ergNanoErg?: bigint;
  payerHint?: BoxHint;
  payeeHint?: BoxHint;
}

/**
 * Builds a payment from live boxes at `height` (the fee comes from the payer's account ERG, or from
 * `funds` when given: a payment with an ERG part needs them, and without them, as in a preview, its
 * ERG part is checked but left out of the unsigned transaction), its
 * memo, request id and listing id in the payer's input, and quotes its charges at that height (an economics
 * community's usage fee, demurrage and allowance). Throws `CreditLimitExceeded`, `PositiveCapExceeded`,
 * `InvalidAmount`, a too-long memo... before any signature.
 */
export async function preparePayment(node: NodeClient, intent: PaymentIntent, height: number, funds?: Wallet): Promise<PreparedPayment> {
  if (intent.payerAccountId === intent.payeeAccountId) throw new InvalidIntent("you cannot pay your own account");
  const [payer, payee] = await Promise.all([
    liveAccount(node, intent.communityId, intent.payerAccountId, intent.payerHint),
    liveAccount(node, intent.communityId, intent.payeeAccountId, intent.payeeHint),
  ]);
  const payIntent = {
    payer: payer.box,
    payees: [{ account: payee.box, amountUnits: intent.amountUnits, ergNanoErg: ergNanoErgOf("ergNanoErg", intent.ergNanoErg) }],
    memo: intent.memo,
    requestId: intent.requestId,
    listingId: intent.listingId,
    allowanceUnits: intent.allowanceUnits,
  };
  const quote = quotePayment(payIntent, height);
  const unsigned = funds ? pay(payIntent, { height, wallet: funds }) : pay({ ...payIntent, payees: [{ ...payIntent.payees[0]!, ergNanoErg: 0n }] }, { height });
  return { unsigned, payer, payee, payerBalanceAfter: quote.payer.balanceAfter, payeeBalanceAfter: quote.payees[0]!.balanceAfter, quote };
}

/** A payment prepared for this wallet: also refuses when the wallet does not own the payer. */
export async function preparePaymentFor(wallet: ConnectedWallet, node: NodeClient, intent: PaymentIntent): Promise<PreparedPayment> {
  const [address, height] = await Promise.all([wallet.changeAddress(), wallet.height()]);
  const funds = (intent.ergNanoErg ?? 0n) > 0n ? (await wallet.buildContext()).wallet : undefined;
  const prepared = await preparePayment(node, intent, height, funds);
  requireOwnedBy(prepared.payer, address);
  return prepared;
}

/** The join transaction for the wallet's primary address: fee and collateral from the wallet. */
export async function prepareJoin(wallet: ConnectedWallet, node: NodeClient, communityId: string, hint: BoxHint = {}): Promise<{ unsigned: EIP12UnsignedTransaction; community: Community }> {
  const [community, ctx] = await Promise.all([liveCommunity(node, communityId, hint), wallet.buildContext()]);
  const unsigned = join({ community: community.box, owner: ownerFromAddress(ctx.wallet.changeAddress) }, ctx);
  return { unsigned, community };
}

/**
 * The leave transaction of one of the wallet's accounts (throws `BalanceNotZero` unless at 0). A
 * backed account's stakes (`stakeIds`, their token ids) settle with it, read from the node by
 * token id; the builder refuses when one its terms name is missing.
 */
export async function prepareLeave(
  wallet: ConnectedWallet, node: NodeClient, communityId: string, accountId: string,
  hints: { community?: BoxHint; account?: BoxHint } = {}, stakeIds: string[] = [],
): Promise<{ unsigned: EIP12UnsignedTransaction; account: Account }> {
  const [community, account, ctx, stakeBoxes] = await Promise.all([
    liveCommunity(node, communityId, hints.community),
    liveAccount(node, communityId, accountId, hints.account),
    wallet.buildContext(),
    Promise.all(stakeIds.map(async (id) => (await node.unspentByTokenId(id, 1)).map(toEip12Box))),
  ]);
  requireOwnedBy(account, ctx.wallet.changeAddress);
  return { unsigned: leave({ community: community.box, account: account.box, stakes: stakeBoxes.flat() }, ctx), account };
}

/** The creation transaction; the new community's id is the id of its first input. */
export async function prepareCreate(wallet: ConnectedWallet, intent: CreateIntent): Promise<{ unsigned: EIP12UnsignedTransaction; communityId: string }> {
  const unsigned = createCommunity(intent, await wallet.buildContext());
  return { unsigned, communityId: unsigned.inputs[0]!.boxId };
}

/** Signs in the wallet (the member may decline) and sends; answers the transaction id. */
export async function signAndSubmit(wallet: ConnectedWallet, unsigned: EIP12UnsignedTransaction): Promise<string> {
  return wallet.submit(await wallet.sign(unsigned));
}
