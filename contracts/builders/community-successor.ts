/** The successor community box every community path creates, checked against the rent floor. */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import type { Community } from "../community/community.ts";
import { InvalidIntent, TreasuryBelowFloor } from "../errors.ts";
import { MAX_COMMUNITY_BYTES } from "../scripts.ts";
import { boxBytes, boxFeeNanoErg } from "../storage-rent.ts";
import { DEFAULT_FEE, finish, requireWallet, totalValue, type BuildContext } from "./common.ts";

/** What changes in a successor: treasury, free seats (token units incl. the anchor), registers. */
export interface SuccessorFields {
  treasuryNanoErg: bigint;
  units: bigint;
  /** R8 (member governance's id, docs/governance.md) is copied from the community when left out. */
  registers: Record<"R4" | "R5" | "R6" | "R7", string> & { R8?: string };
  /** Whether governance writes it (the contract then bounds its size to MAX_COMMUNITY_BYTES). */
  governed?: boolean;
  /**
   * Raise the treasury to the floor when it is below (storage rent took a fee from a box nobody
   * refreshed): the caller's wallet pays the difference. Without it, such a treasury is refused.
   */
  topUp?: boolean;
}

/** The node's limit on any box. */
const MAX_BOX_BYTES = 4_096;

/**
 * The successor box at `height`; throws `TreasuryBelowFloor` unless its value exceeds its own
 * storage fee, which the contract demands on every path, and `InvalidIntent` when it would be
 * larger than governance may make it.
 */
export function communitySuccessor(community: Community, fields: SuccessorFields, height: number): OutputBuilder {
  // Every path keeps the governance id; only the switch writes it (with R8 in `fields`).
  const kept = community.box.additionalRegisters.R8;
  const registers = fields.registers.R8 === undefined && kept !== undefined ? { ...fields.registers, R8: kept } : fields.registers;
  fields = { ...fields, registers };
  const candidate = {
    value: fields.treasuryNanoErg,
    ergoTree: community.box.ergoTree,
    creationHeight: height,
    assets: [{ tokenId: community.communityId, amount: fields.units }],
    additionalRegisters: fields.registers,
  };
  // Governance may write at most MAX_COMMUNITY_BYTES; the other paths only grow what is left room for.
  const bytes = boxBytes(candidate);
  const most = fields.governed ? MAX_COMMUNITY_BYTES : MAX_BOX_BYTES;
  if (bytes > most) throw new InvalidIntent(`the community box would be ${bytes} bytes; at most ${most} (shorter metadata or a smaller committee)`);
  const floor = boxFeeNanoErg(candidate) + 1n; // the successor is output 0
  const below = fields.treasuryNanoErg < floor;
  if (below && !fields.topUp) throw new TreasuryBelowFloor(floor, fields.treasuryNanoErg);
  // The floor depends on the value's own encoding: a larger value may take a byte more.
  let value = fields.treasuryNanoErg;
  while (value <= boxFeeNanoErg({ ...candidate, value })) value = boxFeeNanoErg({ ...candidate, value }) + 1n;
  return new OutputBuilder(value, community.box.ergoTree)
    .addTokens({ tokenId: community.communityId, amount: fields.units })
    .setAdditionalRegisters(fields.registers)
    .setCreationHeight(height);
}

/**
 * A transaction that spends the community box alone (with the caller's wallet for the fee) into
 * `successor`: governance and refresh. `receivedNanoErg` is what the treasury gives the wallet,
 * `paidNanoErg` what the wallet puts in besides the fee.
 */
export function spendCommunityAlone(
  community: Community,
  successor: OutputBuilder,
  ctx: BuildContext,
  amounts: { receivedNanoErg?: bigint; paidNanoErg?: bigint } = {},
): EIP12UnsignedTransaction {
  const wallet = requireWallet(ctx);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const builder = new TransactionBuilder(ctx.height)
    .from(community.box, { ensureInclusion: true })
    .from(wallet.utxos)
    .to(successor)
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  return finish(builder, totalValue(wallet.utxos) + (amounts.receivedNanoErg ?? 0n), fee + (amounts.paidNanoErg ?? 0n));
}
