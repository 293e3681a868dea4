/** Create: mint a new community's membership token into its genesis community box. */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { communityRegisters, type CommunityMetadata, type Policy } from "../community/community.ts";
import { COMMUNITY_ERGO_TREE, MIN_BOX_VALUE } from "../scripts.ts";
import { DEFAULT_FEE, finish, requireWallet, totalValue, type BuildContext } from "./common.ts";
import { checkMetadata, checkPolicy } from "./policy.ts";
import { InvalidIntent } from "../errors.ts";

/** What the committee decides when it creates a LETS. */
export interface CreateIntent {
  policy: Policy;
  metadata: CommunityMetadata;
  /** Serialized SigmaProp constant (see `ownerFromAddress` / `committeeFromKeys`). */
  committee: string;
  /** Initial treasury; at least the minimum box value. */
  treasuryNanoErg?: bigint;
}

/**
 * Builds the creation transaction. The community id is the id of the wallet box spent first;
 * the token supply is `maxMembers + 1` (one anchor unit never leaves the community box).
 * @example
 * const tx = createCommunity({ policy, metadata, committee: ownerFromAddress(addr) }, { height, wallet });
 */
export function createCommunity(intent: CreateIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  checkPolicy(intent.policy);
  checkMetadata(intent.metadata);
  if (!/^08[0-9a-f]+$/i.test(intent.committee)) throw new InvalidIntent("committee must be a SigmaProp constant");
  const wallet = requireWallet(ctx);
  const treasury = intent.treasuryNanoErg ?? MIN_BOX_VALUE;
  if (treasury < MIN_BOX_VALUE) throw new InvalidIntent(`treasury must be at least ${MIN_BOX_VALUE} nanoERG`);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;

  const community = new OutputBuilder(treasury, COMMUNITY_ERGO_TREE)
    .mintToken({ amount: intent.policy.maxMembers + 1n })
    .setAdditionalRegisters(
      communityRegisters({
        policy: intent.policy,
        committee: intent.committee,
        metadata: intent.metadata,
        membersJoined: 0n,
        communityBalance: 0n,
      }),
    );
  const builder = new TransactionBuilder(ctx.height)
    .from(wallet.utxos)
    .to(community)
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  return finish(builder, totalValue(wallet.utxos), treasury + fee);
}
