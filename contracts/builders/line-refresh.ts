/**
 * Refreshing a trade line (docs/inter-lets.md): anyone recreates a line, or the ends of one shard,
 * that nobody spent for `DORMANT_BLOCKS`, unchanged at the current height, so storage rent never
 * reaches the line token or a gateway's seat. A shard idle that long takes no payment until it is
 * refreshed (gateway.es); A's end of a proposal B never accepted is refreshed alone. The caller's
 * wallet pays the fee, and tops each box back up to its floor when rent already took a fee from it.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { InvalidIntent, NotDormant } from "../errors.ts";
import type { Gateway } from "../line/line.ts";
import { STORAGE_PERIOD_BLOCKS } from "../parameters.ts";
import { LINE_ERGO_TREE, gatewayTreeOf } from "../scripts.ts";
import { dormantFrom, isDormant } from "../storage-rent.ts";
import type { BuildContext } from "./common.ts";
import { gatewayValue, lineValue, requireGateway, requireLine, walletPaidTx } from "./line-common.ts";

/** The same box, script, token and registers, created at `height` with `value`. */
const recreated = (box: Box<Amount>, tree: string, value: bigint, height: number) =>
  new OutputBuilder(value, tree)
    .addTokens(box.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })))
    .setAdditionalRegisters(box.additionalRegisters as Record<string, string>)
    .setCreationHeight(height);

function refreshTx(inputs: Box<Amount>[], outputs: OutputBuilder[], dataInputs: Box<Amount>[], ctx: BuildContext): EIP12UnsignedTransaction {
  const topUps = outputs.reduce((s, o) => s + BigInt(o.value), 0n) - inputs.reduce((s, b) => s + BigInt(b.value), 0n);
  return walletPaidTx({ inputs, outputs, dataInputs }, ctx, topUps);
}

/**
 * Recreates a dormant line box.
 * @example
 * const tx = refreshLine({ line }, { height, wallet });
 */
export function refreshLine(intent: { line: Box<Amount> }, ctx: BuildContext): EIP12UnsignedTransaction {
  const line = requireLine(intent.line);
  if (!isDormant(line.creationHeight, ctx.height)) throw new NotDormant(line.boxId, dormantFrom(line.creationHeight));
  return refreshTx([line.box], [recreated(line.box, LINE_ERGO_TREE, lineValue(line), ctx.height)], [], ctx);
}

/** The line (read) and the ends of the shard to refresh: B's when it has one. */
export interface RefreshShardIntent {
  line: Box<Amount>;
  gatewayA: Box<Amount>;
  /** Absent for a proposal B never accepted (or cancelled): A's end is then refreshed alone. */
  gatewayB?: Box<Amount>;
}

/**
 * Recreates the ends of a shard when one of them is dormant: both (B's end is only ever spent
 * with A's), or A's alone when there is no B end.
 * @example
 * const tx = refreshShard({ line, gatewayA, gatewayB }, { height, wallet });
 */
export function refreshShard(intent: RefreshShardIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const line = requireLine(intent.line);
  const ends: Gateway[] = [requireGateway(intent.gatewayA), ...(intent.gatewayB ? [requireGateway(intent.gatewayB)] : [])];
  ends.forEach((g, side) => {
    if (g.lineId !== line.lineId || g.side !== side || g.shard !== ends[0]!.shard) {
      throw new InvalidIntent(`box ${g.boxId} is not ${side === 0 ? "A" : "B"}'s end of shard ${ends[0]!.shard} of line ${line.lineId}`);
    }
  });
  // B's end goes only with an A end storage rent could not have spent (gateway-b.es).
  if (ends.length === 2 && ends[0]!.creationHeight <= ctx.height + 1 - STORAGE_PERIOD_BLOCKS) {
    throw new InvalidIntent(`A's end ${ends[0]!.boxId} is older than a storage period: refresh it alone first (no gatewayB), then both ends`);
  }
  const oldest = ends.reduce((a, b) => (b.creationHeight < a.creationHeight ? b : a));
  if (!isDormant(oldest.creationHeight, ctx.height)) throw new NotDormant(oldest.boxId, dormantFrom(oldest.creationHeight));
  const outputs = ends.map((g) => recreated(g.box, gatewayTreeOf(g.side), gatewayValue(g), ctx.height));
  return refreshTx(ends.map((g) => g.box), outputs, [line.box], ctx);
}
