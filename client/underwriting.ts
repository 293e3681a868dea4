/**
 * Underwriting over a node's REST API (docs/underwriting.md): reading offers and stakes (every live
 * box under the underwriting script, `POST /blockchain/box/unspent/byErgoTree`, decoded; a stake
 * also by its token id), and the plans of the underwriter's and the member's transactions. Same two
 * steps as `LetsOverHttp`: a `planX` reads what the transaction needs and returns a `Plan`.
 *
 * Exits find the stakes they must settle in `stakes.ts` (`stakeBoxesOf`): every stake of a backed account.
 */
import type { Account } from "../contracts/account/account.ts";
import {
  acceptUnderwriting, cancelUnderwriting, offerUnderwriting, refreshUnderwriting, withdrawUnderwriting, type OfferIntent,
} from "../contracts/builders/underwrite.ts";
import type { Underwriting } from "../contracts/underwriting/underwriting.ts";
import type { Identity, LetsOverHttp, Plan } from "./lets-over-http.ts";
import { allUnderwriting } from "./stakes.ts";

/** Underwriting over HTTP, on top of a `LetsOverHttp` (its node, wallets and signing). */
export class UnderwritingOverHttp {
  constructor(readonly lets: LetsOverHttp) {}

  /** The live offers and stakes of a community (or of one account in it). */
  async of(communityId: string, accountId?: string): Promise<Underwriting[]> {
    return (await allUnderwriting(this.lets.node)).filter((u) => u.communityId === communityId && (accountId === undefined || u.accountId === accountId));
  }

  /** An underwriter offering `raiseUnits` to an account for `stakeNanoErg`; its wallet pays the stake. */
  async planOffer(underwriter: Identity, intent: Omit<OfferIntent, "account"> & { account: Account }): Promise<Plan> {
    const wallet = await this.lets.wallet(underwriter);
    return (height) => offerUnderwriting({ ...intent, account: intent.account.box }, { height, wallet });
  }

  /** The member accepting `offer` for its account (and paying the premium to `premiumAccount`). */
  async planAccept(member: Identity, offer: Underwriting, account: Account, premiumAccount?: Account): Promise<Plan> {
    const wallet = await this.lets.wallet(member);
    return (height) => acceptUnderwriting({ offer: offer.box, account: account.box, ...(premiumAccount ? { premiumAccount: premiumAccount.box } : {}) }, { height, wallet });
  }

  /** The underwriter taking its stake back while the raise is not in use. */
  async planWithdraw(underwriter: Identity, stake: Underwriting, account: Account): Promise<Plan> {
    const wallet = await this.lets.wallet(underwriter);
    return (height) => withdrawUnderwriting({ stake: stake.box, account: account.box }, { height, wallet });
  }

  /** The underwriter cancelling an offer not yet accepted. */
  async planCancel(underwriter: Identity, offer: Underwriting): Promise<Plan> {
    const wallet = await this.lets.wallet(underwriter);
    return (height) => cancelUnderwriting({ offer: offer.box }, { height, wallet });
  }

  /** Anyone recreating a dormant stake. */
  async planRefresh(caller: Identity, stake: Underwriting): Promise<Plan> {
    const wallet = await this.lets.wallet(caller);
    return (height) => refreshUnderwriting({ stake: stake.box }, { height, wallet });
  }
}
