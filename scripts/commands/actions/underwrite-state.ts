/**
 * Where `lets underwrite` finds what it acts on, on any node: a community, its live offers and
 * stakes (every box under the underwriting script naming it, mempool applied), an offer by its box
 * id and a stake by its token id or box id; and the offers and stakes in words and in JSON, with
 * what each backed account's limit is made of (the limit it joined with, the sum backed, the part
 * of the raise in use).
 */
import { baseCreditLimit, type Account } from "../../../contracts/account/account.ts";
import type { Underwriting } from "../../../contracts/underwriting/underwriting.ts";
import type { CommunityView } from "../../../client/lets-over-http.ts";
import { UnderwritingOverHttp } from "../../../client/underwriting.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { CliError, ExitCode } from "../command.ts";
import { formatErg } from "./amounts.ts";
import { ownerAddressOrHex } from "./describe.ts";
import type { UnitFormat } from "./errors.ts";
import type { Session } from "./session.ts";

/** A community, its live offers and stakes, and the chain tip, as the node shows them now. */
export interface UnderwritingState {
  view: CommunityView;
  boxes: Underwriting[];
  tipHeight: number;
}

/** Reads the community, its underwriting boxes and the tip together. */
export async function readUnderwriting(session: Session, communityId: string): Promise<UnderwritingState> {
  const [view, boxes, tipHeight] = await Promise.all([
    session.lets.community(communityId),
    new UnderwritingOverHttp(session.lets).of(communityId),
    session.lets.node.height(),
  ]);
  return { view, boxes, tipHeight };
}

/** The live offer `boxId` names, or a clear refusal (an accepted stake is named as such). */
export function offerById(state: UnderwritingState, boxId: string): Underwriting {
  const box = state.boxes.find((u) => u.boxId === boxId);
  if (!box) throw new CliError(`no offer ${boxId} in ${state.view.community.metadata.name} on this node: it was accepted or cancelled already, or the id is not an offer's ('lets underwrite list' shows them)`, ExitCode.failure);
  if (box.state !== "offer") throw new CliError(`box ${boxId} is an accepted stake (token ${box.stakeId}), not an offer`, ExitCode.failure);
  return box;
}

/** The live stake an id names: its token id (the stake id) or its current box id. */
export function stakeById(state: UnderwritingState, id: string): Underwriting {
  const box = state.boxes.find((u) => u.stakeId === id || u.boxId === id);
  if (!box) throw new CliError(`no stake ${id} in ${state.view.community.metadata.name} on this node: it was withdrawn or settled already, or the id is neither a stake's token nor its box ('lets underwrite list' shows them)`, ExitCode.failure);
  if (box.state !== "active") throw new CliError(`box ${id} is an offer not yet accepted: cancel it with 'lets underwrite cancel --offer ${box.boxId}'`, ExitCode.failure);
  return box;
}

/** The units of a backed account's raise that its debt uses: the debt below the limit it joined with, at most the sum backed. */
export function raiseInUse(account: Account): bigint {
  const backed = account.terms.backing?.backed ?? 0n;
  const below = -account.balance - baseCreditLimit(account.terms);
  return below <= 0n ? 0n : below > backed ? backed : below;
}

/** An offer or a stake in JSON: amounts as decimal strings. */
export const underwritingJson = (u: Underwriting) => ({
  boxId: u.boxId,
  state: u.state,
  stakeId: u.stakeId,
  accountId: u.accountId,
  communityId: u.communityId,
  underwriter: u.underwriter,
  raise: u.raise.toString(),
  premium: u.premium.toString(),
  premiumAccountId: u.premiumAccountId,
  stakeNanoErg: u.stakeNanoErg.toString(),
  creationHeight: u.creationHeight,
});

/** A backed (or offered) account in JSON: its limit and what makes it. */
export const backingJson = (a: Account) => ({
  accountId: a.accountId,
  balance: a.balance.toString(),
  creditLimit: a.terms.creditLimit.toString(),
  baseCreditLimit: baseCreditLimit(a.terms).toString(),
  backed: (a.terms.backing?.backed ?? 0n).toString(),
  raiseInUse: raiseInUse(a).toString(),
});

/** One offer or stake in words. */
export function underwritingInWords(u: Underwriting, units: UnitFormat, network: NetworkName): string {
  const what = u.state === "offer" ? `offer ${u.boxId}` : `stake ${u.stakeId} (box ${u.boxId})`;
  const premium = u.premium > 0n ? `, premium ${units(u.premium)} to account ${u.premiumAccountId}` : "";
  return `${what}: raise ${units(u.raise)} for ${formatErg(u.stakeNanoErg)} by ${ownerAddressOrHex(u.underwriter, network)}${premium}`;
}

/** An account's limit in words: "limit 300.00 KCD = 100.00 KCD joined with + 200.00 KCD backed, 150.00 KCD of it in use". */
export function backingInWords(a: Account, units: UnitFormat): string {
  const backed = a.terms.backing?.backed ?? 0n;
  return `account ${a.accountId} at ${units(a.balance)}: limit ${units(a.terms.creditLimit)} = ${units(baseCreditLimit(a.terms))} joined with + ${units(backed)} backed; ${units(raiseInUse(a))} of the raise in use`;
}
