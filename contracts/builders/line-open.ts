/**
 * Opening a trade line (docs/inter-lets.md), double opt-in in two transactions, each signed by one
 * committee alone: community A's committee proposes (mints the line token, creates the line box
 * and A's gateways), community B's committee accepts (creates B's gateways, opens the line).
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import type { Community } from "../community/community.ts";
import { CommunityFull, InvalidIntent, InvalidPolicy } from "../errors.ts";
import { gatewayRegisters, lineRegisters, type Line, type LineTerms, type Side } from "../line/line.ts";
import { gatewayFloorNanoErg, lineFloorNanoErg } from "../line/floors.ts";
import { LONG_MAX } from "../long.ts";
import { COMMUNITY_ERGO_TREE, gatewayTreeOf, LINE_ERGO_TREE, MAX_RATE, MAX_SHARDS } from "../scripts.ts";
import { communitySuccessor } from "./community-successor.ts";
import { requireCommunity, requireWallet, type BuildContext } from "./common.ts";
import { maxUnits } from "./policy.ts";
import { lineValue, requireGateway, requireLine, walletPaidTx } from "./line-common.ts";

/** What community A's committee proposes to community B. */
export interface ProposeLineIntent {
  community: Box<Amount>;
  partnerCommunityId: string;
  terms: LineTerms;
}

/** Refuses terms the contracts would refuse, naming the field. */
export function checkLineTerms(terms: LineTerms): void {
  const within = (field: keyof LineTerms, low: bigint, high: bigint) => {
    const v = terms[field];
    if (typeof v !== "bigint" || v < low || v > high) throw new InvalidPolicy(field, `must be a whole number from ${low} to ${high}, got ${String(v)}`);
  };
  within("rateNum", 1n, MAX_RATE);
  within("rateDen", 1n, MAX_RATE);
  within("capA", 0n, LONG_MAX / 2n);
  within("capB", 0n, LONG_MAX / 2n);
  within("feeA", 0n, 9_999n);
  within("feeB", 0n, 9_999n);
  within("shards", 1n, BigInt(MAX_SHARDS));
  // Without a fee a loop through the line's gateways would move nobody's units and need no signer.
  if (terms.feeA + terms.feeB < 1n) throw new InvalidPolicy("feeA", "feeA and feeB cannot both be 0: a line takes a fee of at least 1 basis point on one side");
}

const treeHash = (): string => hex.encode(blake2b256(hex.decode(COMMUNITY_ERGO_TREE)));

function gateways(community: Community, lineId: string, side: Side, shards: number, height: number): OutputBuilder[] {
  const value = gatewayFloorNanoErg(side);
  return Array.from({ length: shards }, (_, shard) =>
    new OutputBuilder(value, gatewayTreeOf(side))
      .addTokens({ tokenId: community.communityId, amount: 1n })
      .setAdditionalRegisters(gatewayRegisters({ lineId, side, shard, balance: 0n, feesHeld: 0n, maxUnits: maxUnits(community.policy.maxMembers) }))
      .setCreationHeight(height),
  );
}

function seatsFor(community: Community, shards: bigint): bigint {
  // Each gateway takes a seat; the anchor unit stays.
  if (community.seatsLeft < shards) throw new CommunityFull(community.communityId, community.policy.maxMembers);
  return community.seatsLeft + 1n - shards;
}

/**
 * Community A's committee proposes a line; the wallet pays the line box's and gateways' ERG and
 * the fee. The line token's id is the community box's id (the first input).
 * @example
 * const tx = proposeLine({ community: a, partnerCommunityId: b.communityId, terms }, { height, wallet });
 */
export function proposeLine(intent: ProposeLineIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (community.policy.economics) throw new InvalidIntent("an economics community cannot open trade lines: its accounts do not count gateways in their books (docs/economics.md)");
  checkLineTerms(intent.terms);
  if (!/^[0-9a-f]{64}$/.test(intent.partnerCommunityId)) throw new InvalidIntent(`partnerCommunityId must be 64 lowercase hex digits, got ${intent.partnerCommunityId}`);
  if (intent.partnerCommunityId === community.communityId) throw new InvalidIntent("a line joins two different communities");
  requireWallet(ctx);
  const shards = intent.terms.shards;
  const lineId = community.boxId;
  const line = new OutputBuilder(lineFloorNanoErg(), LINE_ERGO_TREE)
    .mintToken({ amount: 1n })
    .setAdditionalRegisters(lineRegisters({
      communityA: community.communityId, communityB: intent.partnerCommunityId, communityTreeHash: treeHash(),
      terms: intent.terms, status: "proposed", pausedA: false, pausedB: false, pending: null,
    }))
    .setCreationHeight(ctx.height);
  const successor = communitySuccessor(
    community,
    { treasuryNanoErg: community.treasuryNanoErg, units: seatsFor(community, shards), registers: keptRegisters(community), topUp: true },
    ctx.height,
  );
  return openTx([community.box], [successor, line, ...gateways(community, lineId, 0, Number(shards), ctx.height)], ctx);
}

/** Community B's committee accepts a line proposed to it. */
export interface AcceptLineIntent {
  community: Box<Amount>;
  line: Box<Amount>;
  /** A's end of shard 0, created by A's propose: read so B's contract knows the line is A's. */
  gatewayA: Box<Amount>;
}

/**
 * Community B's committee accepts: B's gateways are created, the line opens.
 * @example
 * const tx = acceptLine({ community: b, line, gatewayA }, { height, wallet });
 */
export function acceptLine(intent: AcceptLineIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (community.policy.economics) throw new InvalidIntent("an economics community cannot open trade lines: its accounts do not count gateways in their books (docs/economics.md)");
  const line: Line = requireLine(intent.line);
  if (line.communityB !== community.communityId) {
    throw new InvalidIntent(`line ${line.lineId} was proposed to community ${line.communityB}, not ${community.communityId}`);
  }
  if (line.status !== "proposed") throw new InvalidIntent(`line ${line.lineId} is ${line.status}; only a proposed line can be accepted`);
  if (line.communityTreeHash !== treeHash()) throw new InvalidIntent(`line ${line.lineId} was proposed by a community of another contract version`);
  const gatewayA = requireGateway(intent.gatewayA);
  if (gatewayA.lineId !== line.lineId || gatewayA.side !== 0 || gatewayA.shard !== 0 || gatewayA.communityId !== line.communityA) {
    throw new InvalidIntent(`box ${gatewayA.boxId} is not A's end of shard 0 of line ${line.lineId} (it is side ${gatewayA.side}, shard ${gatewayA.shard} of line ${gatewayA.lineId})`);
  }
  requireWallet(ctx);
  const successor = communitySuccessor(
    community,
    { treasuryNanoErg: community.treasuryNanoErg, units: seatsFor(community, line.terms.shards), registers: keptRegisters(community), topUp: true },
    ctx.height,
  );
  const opened = new OutputBuilder(lineValue(line), LINE_ERGO_TREE)
    .addTokens({ tokenId: line.lineId, amount: 1n })
    .setAdditionalRegisters(lineRegisters({ ...line, status: "open", pausedA: false, pausedB: false }))
    .setCreationHeight(ctx.height);
  return openTx([community.box, line.box], [successor, opened, ...gateways(community, line.lineId, 1, Number(line.terms.shards), ctx.height)], ctx, [intent.gatewayA]);
}

function keptRegisters(community: Community): Record<"R4" | "R5" | "R6" | "R7", string> {
  const r = community.box.additionalRegisters;
  return { R4: r.R4!, R5: r.R5!, R6: r.R6!, R7: r.R7! };
}

function openTx(inputs: Box<Amount>[], outputs: OutputBuilder[], ctx: BuildContext, dataInputs: Box<Amount>[] = []): EIP12UnsignedTransaction {
  // The wallet pays what the outputs hold beyond the inputs (the new boxes, any top-up).
  const fromWallet = outputs.reduce((s, o) => s + BigInt(o.value), 0n) - inputs.reduce((s, b) => s + BigInt(b.value), 0n);
  return walletPaidTx({ inputs, outputs, dataInputs }, ctx, fromWallet);
}
