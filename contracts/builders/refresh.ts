/** Refresh: anyone recreates a dormant community box unchanged, resetting its storage-rent clock. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { NotDormant } from "../errors.ts";
import { dormantFrom, isDormant } from "../storage-rent.ts";
import { requireCommunity, type BuildContext } from "./common.ts";
import { communitySuccessor, spendCommunityAlone } from "./community-successor.ts";

/** Which community box to refresh. */
export interface RefreshIntent {
  community: Box<Amount>;
}

/**
 * Builds the refresh: the same registers, tokens and treasury in a box created now; the caller's
 * wallet pays the fee. A community that joins, leaves or governs at least once in the dormancy
 * window never needs it.
 * @example
 * const tx = refreshCommunity({ community }, { height, wallet });
 */
export function refreshCommunity(intent: RefreshIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (!isDormant(community.creationHeight, ctx.height)) throw new NotDormant(community.boxId, dormantFrom(community.creationHeight));
  const r = community.box.additionalRegisters;
  const successor = communitySuccessor(
    community,
    {
      treasuryNanoErg: community.treasuryNanoErg,
      units: community.seatsLeft + 1n,
      registers: { R4: r.R4 as string, R5: r.R5 as string, R6: r.R6 as string, R7: r.R7 as string },
    },
    ctx.height,
  );
  return spendCommunityAlone(community, successor, ctx);
}
