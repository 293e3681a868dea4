/**
 * Buying units from the community's exchange desk and selling them back (docs/desk.md), prepared
 * like the other actions: read the live desk, account and (for a desk priced in dollars) oracle
 * pool box from the node, quote and build with the contracts' builders, and refuse before
 * anything is signed (`DeskLimitReached`, `ReserveTooLow`, `OraclePriceStale`, `SellIntoCredit`).
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import type { Account } from "$contracts/account/account.ts";
import { ownerFromAddress } from "$contracts/builders/common.ts";
import { buyFromDesk, quoteBuy, quoteSell, sellToDesk, type DeskQuote } from "$contracts/builders/desk-trade.ts";
import { activeTerms, decodeDesk, type Desk } from "$contracts/desk/desk.ts";
import { decodeOraclePool, type OraclePool } from "$contracts/desk/oracle.ts";
import { InvalidIntent } from "$contracts/errors.ts";
import type { NodeClient } from "$ergo/node-client.ts";
import { predict } from "$ergo/predict.ts";
import { explainDeskRefusal, sellIntoCreditWords } from "../desk/quote.ts";
import type { Units } from "../desk/words.ts";
import { liveAccount, type BoxHint } from "./actions.ts";
import { toEip12Box, type Eip12Box } from "./eip12.ts";
import { explainError } from "./messages.ts";
import type { ConnectedWallet } from "./wallet.ts";

/** The community has no live desk on the node. */
export class NoDesk extends InvalidIntent {
  constructor(readonly communityId: string) {
    super(`community ${communityId.slice(0, 12)}… has no exchange desk on the node`);
  }
}

/** A sell of more units than the seller holds: the desk never turns credit into ERG. */
export class SellIntoCredit extends InvalidIntent {
  constructor(readonly accountId: string, readonly balance: bigint, readonly attempted: bigint) {
    super(`account ${accountId.slice(0, 12)}… holds ${balance} units and cannot sell ${attempted}`);
  }
}

/** No box holds the oracle pool's NFT on the node. */
export class NoOracleBox extends InvalidIntent {
  constructor(readonly poolNft: string) {
    super(`no box of the oracle pool ${poolNft.slice(0, 12)}… is on the node`);
  }
}

/** What the member asks: buy a number of units, buy what some ERG buys, or sell units. */
export type DeskTradeRequest =
  | { side: "buy"; units: bigint }
  | { side: "buy"; payNanoErg: bigint }
  | { side: "sell"; units: bigint };

/** A trade ready to sign: the quote the contract will check, the oracle price it used, the account box it makes. */
export interface PreparedDeskTrade {
  unsigned: EIP12UnsignedTransaction;
  quote: DeskQuote;
  account: Account;
  desk: Desk;
  /** The chain tip the trade was built at; it is judged at the next block. */
  height: number;
  /** For a desk priced in dollars: the pool box read and its age at the next block. */
  oracle: { pool: OraclePool; ageBlocks: number; maxAgeBlocks: number } | null;
  /** The id of the account's new box (known before signing), to wait for its block. */
  successorBoxId: string;
}

/** The live desk of `communityId`, mempool applied. */
export async function liveDesk(node: NodeClient, communityId: string): Promise<Desk> {
  for (const box of await node.allUnspentByTokenId(communityId)) {
    const decoded = decodeDesk(toEip12Box(box));
    if (decoded.ok && decoded.value.communityId === communityId) return decoded.value;
  }
  throw new NoDesk(communityId);
}

/** The oracle pool's live box, found by its NFT (the pool box is the one whose first token it is). */
export async function liveOracleBox(node: NodeClient, poolNft: string): Promise<Eip12Box> {
  for (const chainBox of await node.allUnspentByTokenId(poolNft)) {
    const box = toEip12Box(chainBox);
    if (box.assets[0]?.tokenId.toLowerCase() === poolNft.toLowerCase()) return box;
  }
  throw new NoOracleBox(poolNft);
}

/**
 * Builds `request` for account `accountId` with this wallet: a buy is paid from the wallet (anyone
 * may credit an account, but the screen offers it for the wallet's own); a sell needs the wallet to
 * own the account. Every refusal is thrown here, before the wallet is asked to sign.
 */
export async function prepareDeskTrade(
  wallet: ConnectedWallet,
  node: NodeClient,
  communityId: string,
  accountId: string,
  request: DeskTradeRequest,
  hint: BoxHint = {},
): Promise<PreparedDeskTrade> {
  const [desk, account, ctx] = await Promise.all([liveDesk(node, communityId), liveAccount(node, communityId, accountId, hint), wallet.buildContext()]);
  if (account.owner !== ownerFromAddress(ctx.wallet.changeAddress)) {
    throw new InvalidIntent(`account ${account.accountId} is not owned by this wallet's address ${ctx.wallet.changeAddress}`);
  }
  const terms = activeTerms(desk, ctx.height + 1);
  const oracleBox = terms.oracleNft === "" ? undefined : await liveOracleBox(node, terms.oracleNft);
  const units = "units" in request ? request.units : undefined;
  if (request.side === "sell" && units !== undefined && units > account.balance) throw new SellIntoCredit(accountId, account.balance, units);
  const intent = { desk: desk.box, account: account.box, oracle: oracleBox, ...("payNanoErg" in request ? { payNanoErg: request.payNanoErg } : { units }) };
  const quote = request.side === "buy" ? quoteBuy(intent, ctx.height) : quoteSell(intent, ctx.height);
  const unsigned = request.side === "buy" ? buyFromDesk(intent, ctx) : sellToDesk(intent, ctx);
  const successor = predict(unsigned).outputs.find((box) => box.ergoTree === account.box.ergoTree && box.assets.some((t) => t.tokenId === communityId));
  if (!successor) throw new Error(`the trade of account ${accountId} makes no account box`);
  const pool = oracleBox ? decodeOraclePool(oracleBox, terms.oracleNft) : undefined;
  return {
    unsigned,
    quote,
    account,
    desk,
    height: ctx.height,
    oracle: pool ? { pool, ageBlocks: ctx.height + 1 - pool.creationHeight, maxAgeBlocks: Number(terms.maxOracleAge) } : null,
    successorBoxId: successor.boxId,
  };
}

/** A sentence for anything a desk trade stops on: the desk's refusals first, then the wallet's own words. */
export function explainDeskError(error: unknown, units: Units): string {
  if (error instanceof SellIntoCredit) return sellIntoCreditWords(error.balance, error.attempted, units);
  if (error instanceof NoOracleBox) return "Refused before signing: the oracle pool's box that prices this desk in dollars is not on the node, so no trade can be priced now.";
  if (error instanceof NoDesk) return "This community has no exchange desk on the node.";
  return explainDeskRefusal(error, units) ?? explainError(error, units);
}
