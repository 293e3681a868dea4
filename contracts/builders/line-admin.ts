/**
 * What the committees do with an open line (docs/inter-lets.md): pause or resume their side,
 * propose a change of terms or closing, accept the other side's proposal, or cancel a proposal
 * nobody accepted yet. Each is one transaction signed by one committee; the committee is read from
 * its community box, given as a data input.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { InvalidIntent, WrongCommunity } from "../errors.ts";
import { communityOf, lineRegisters, type Line, type LineTerms, type PendingChange, type Side } from "../line/line.ts";
import { LINE_ERGO_TREE } from "../scripts.ts";
import { requireCommunity, type BuildContext } from "./common.ts";
import { lineValue, requireLine, walletPaidTx } from "./line-common.ts";
import { checkLineTerms } from "./line-open.ts";

/** Which committee acts: the live community box of its side. */
export interface LineActor {
  line: Box<Amount>;
  community: Box<Amount>;
}

function sideOf(line: Line, communityBox: Box<Amount>): Side {
  const community = requireCommunity(communityBox);
  if (community.communityId === line.communityA) return 0;
  if (community.communityId === line.communityB) return 1;
  throw new WrongCommunity(communityBox.boxId, `${line.communityA} or ${line.communityB}`, community.communityId);
}

function requireOpen(line: Line): void {
  if (line.status !== "open") throw new InvalidIntent(`line ${line.lineId} is ${line.status}, not open`);
}

function rewrite(line: Line, next: Partial<Pick<Line, "terms" | "status" | "pausedA" | "pausedB" | "pending">>, actor: Box<Amount>, ctx: BuildContext): EIP12UnsignedTransaction {
  const value = lineValue(line);
  const out = new OutputBuilder(value, LINE_ERGO_TREE)
    .addTokens({ tokenId: line.lineId, amount: 1n })
    .setAdditionalRegisters(lineRegisters({ ...line, ...next }))
    .setCreationHeight(ctx.height);
  // The wallet pays the fee and tops the line back up to its floor if rent took a fee from it.
  return walletPaidTx({ inputs: [line.box], outputs: [out], dataInputs: [actor] }, ctx, value - line.valueNanoErg);
}

/**
 * Pauses (or resumes) payments into the acting committee's community; payments out continue.
 * @example
 * const tx = pauseLine({ line, community: myCommunityBox, paused: true }, { height, wallet });
 */
export function pauseLine(intent: LineActor & { paused: boolean }, ctx: BuildContext): EIP12UnsignedTransaction {
  const line = requireLine(intent.line);
  requireOpen(line);
  const side = sideOf(line, intent.community);
  return rewrite(line, side === 0 ? { pausedA: intent.paused } : { pausedB: intent.paused }, intent.community, ctx);
}

/** A change to propose (over any pending one): new terms (same shards), closing the line, or withdrawing one's own proposal (null). */
export type LineChange = { terms: LineTerms } | "close" | null;

/**
 * Proposes new terms or closing; the other committee accepts with `acceptLineChange`.
 * @example
 * const tx = proposeLineChange({ line, community, change: { terms: { ...line.terms, feeA: 50n } } }, { height, wallet });
 */
export function proposeLineChange(intent: LineActor & { change: LineChange }, ctx: BuildContext): EIP12UnsignedTransaction {
  const line = requireLine(intent.line);
  requireOpen(line);
  const proposer = sideOf(line, intent.community);
  let pending: PendingChange | null = null;
  if (intent.change === null && line.pending?.proposer !== proposer) {
    throw new InvalidIntent(line.pending ? "only the committee that proposed a change can withdraw it (propose your own to replace it)" : `line ${line.lineId} has no pending change to withdraw`);
  }
  if (intent.change === "close") pending = { proposer, kind: "close" };
  else if (intent.change !== null) {
    checkLineTerms(intent.change.terms);
    if (intent.change.terms.shards !== line.terms.shards) throw new InvalidIntent(`a line's shards are fixed at ${line.terms.shards}`);
    pending = { proposer, kind: "terms", terms: intent.change.terms };
  }
  return rewrite(line, { pending }, intent.community, ctx);
}

/**
 * The other committee accepts the pending change: the new terms apply, or the line closes.
 * @example
 * const tx = acceptLineChange({ line, community: partnerBox }, { height, wallet });
 */
export function acceptLineChange(intent: LineActor, ctx: BuildContext): EIP12UnsignedTransaction {
  const line = requireLine(intent.line);
  requireOpen(line);
  const side = sideOf(line, intent.community);
  const pending = line.pending;
  if (!pending) throw new InvalidIntent(`line ${line.lineId} has no pending change`);
  if (pending.proposer === side) {
    throw new InvalidIntent(`community ${communityOf(line, side)} proposed this change; the other committee must accept it`);
  }
  return rewrite(line, pending.kind === "close" ? { pending: null, status: "closed" } : { pending: null, terms: pending.terms }, intent.community, ctx);
}

/**
 * Community A's committee withdraws a proposal B has not accepted: the line closes before opening.
 * (Its gateways stay, at balance 0, holding their seats: docs/inter-lets.md.)
 */
export function cancelLine(intent: LineActor, ctx: BuildContext): EIP12UnsignedTransaction {
  const line = requireLine(intent.line);
  if (line.status !== "proposed") throw new InvalidIntent(`line ${line.lineId} is ${line.status}; only a proposal can be cancelled`);
  if (sideOf(line, intent.community) !== 0) throw new InvalidIntent("only the proposing committee can cancel a proposal");
  return rewrite(line, { status: "closed" }, intent.community, ctx);
}
