/** Opening an exchange desk (docs/desk.md): the committee gives one seat to a desk box. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { deskRegisters, type DeskTerms } from "../desk/desk.ts";
import { CommunityFull, InvalidIntent, WrongCommunity } from "../errors.ts";
import { DESK_ERGO_TREE, COMMUNITY_ERGO_TREE } from "../scripts.ts";
import { communitySuccessor } from "./community-successor.ts";
import { requireCommunity, type BuildContext } from "./common.ts";
import { walletPaidTx } from "./line-common.ts";
import { checkDeskTerms, deskFloorNanoErg } from "./desk-common.ts";
import { maxUnits } from "./policy.ts";

// The policy, committee, metadata and state, byte for byte: the contract keeps them all.
const sameRegisters = (box: Box<Amount>) => {
  const r = box.additionalRegisters as Record<"R4" | "R5" | "R6" | "R7", string>;
  return { R4: r.R4, R5: r.R5, R6: r.R6, R7: r.R7 };
};

/** What the committee opens: the terms (maxUnits comes from the community) and the first reserve. */
export interface OpenDeskIntent {
  community: Box<Amount>;
  terms: Omit<DeskTerms, "maxUnits">;
  /** ERG from the wallet into the reserve; at least the box's storage floor (added if less). */
  reserveNanoErg?: bigint;
}

/**
 * Builds the opening: the community box (one seat fewer) at output 0, the desk at output 1. The
 * community's committee signs. The desk's id is the spent community box's id.
 */
export function openDesk(intent: OpenDeskIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (community.box.ergoTree !== COMMUNITY_ERGO_TREE) {
    throw new WrongCommunity(community.box.boxId, "a plain community", "an economics community: desks are for plain communities (docs/desk.md)");
  }
  if (community.seatsLeft < 1n) throw new CommunityFull(community.communityId, community.policy.maxMembers);
  const terms: DeskTerms = { ...intent.terms, oracleNft: intent.terms.oracleNft.toLowerCase(), maxUnits: maxUnits(community.policy.maxMembers) };
  checkDeskTerms(terms);
  const registers = deskRegisters({
    terms, pending: null, balance: 0n, committee: community.committee, deskId: community.boxId, ledger: { period: 0n, buyers: [] },
  });
  const candidate = { value: 0n, ergoTree: DESK_ERGO_TREE, creationHeight: ctx.height, assets: [{ tokenId: community.communityId, amount: 1n }], additionalRegisters: registers };
  const floor = deskFloorNanoErg(candidate, 1);
  const reserve = intent.reserveNanoErg ?? floor;
  if (reserve < 0n) throw new InvalidIntent("reserveNanoErg cannot be negative");
  const value = reserve < floor ? floor : reserve;
  const successor = communitySuccessor(
    community,
    { treasuryNanoErg: community.treasuryNanoErg, units: community.seatsLeft, registers: sameRegisters(community.box) },
    ctx.height,
  );
  const desk = new OutputBuilder(value, DESK_ERGO_TREE)
    .addTokens({ tokenId: community.communityId, amount: 1n })
    .setAdditionalRegisters(registers)
    .setCreationHeight(ctx.height);
  return walletPaidTx({ inputs: [community.box], outputs: [successor, desk] }, ctx, value);
}
