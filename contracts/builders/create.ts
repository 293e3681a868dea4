/** Create: mint a new community's membership token into its genesis community box. */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { keysProblem } from "../committee.ts";
import { communityRegisters, communityTreeFor, type CommunityMetadata, type Policy } from "../community/community.ts";
import { InvalidIntent, TreasuryBelowFloor } from "../errors.ts";
import { MAX_COMMUNITY_BYTES } from "../scripts.ts";
import { boxBytes, communityFloorNanoErg } from "../storage-rent.ts";
import { DEFAULT_FEE, finish, requireWallet, totalValue, type BuildContext } from "./common.ts";
import { checkMetadata, checkPolicy } from "./policy.ts";

/** What the committee decides when it creates a LETS. */
export interface CreateIntent {
  policy: Policy;
  metadata: CommunityMetadata;
  /** Serialized SigmaProp constant (see `ownerFromAddress` / `committeeFromKeys`). */
  committee: string;
  /** Initial treasury; at least `genesisFloorNanoErg(intent)`, which is also the default. */
  treasuryNanoErg?: bigint;
}

/**
 * The least treasury the community box of `intent` may be created with: the storage fee of the
 * box at its largest, so that storage rent can never take it apart (docs/contracts.md, "Storage
 * rent"). Governance cannot withdraw below the floor of the rules it writes.
 */
export function genesisFloorNanoErg(intent: Omit<CreateIntent, "treasuryNanoErg">): bigint {
  const { R4, R5, R6 } = communityRegisters({ ...intent, membersJoined: 0n, communityBalance: 0n });
  return communityFloorNanoErg({ R4, R5, R6 }, communityTreeFor(intent.policy));
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
  const problem = keysProblem(intent.committee);
  if (problem) throw new InvalidIntent(`committee ${problem}`);
  const wallet = requireWallet(ctx);
  const registers = communityRegisters({ ...intent, membersJoined: 0n, communityBalance: 0n });
  // With economics levers the community (and its accounts) use the economics trees.
  const tree = communityTreeFor(intent.policy);
  const genesis = { value: 0n, ergoTree: tree, creationHeight: ctx.height, assets: [{ tokenId: "00".repeat(32), amount: intent.policy.maxMembers + 1n }], additionalRegisters: registers };
  const bytes = boxBytes(genesis);
  if (bytes > MAX_COMMUNITY_BYTES) throw new InvalidIntent(`the community box would be ${bytes} bytes; at most ${MAX_COMMUNITY_BYTES} (shorter metadata or a smaller committee)`);
  const floor = genesisFloorNanoErg(intent);
  const treasury = intent.treasuryNanoErg ?? floor;
  if (treasury < floor) throw new TreasuryBelowFloor(floor, treasury);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;

  const community = new OutputBuilder(treasury, tree)
    .mintToken({ amount: intent.policy.maxMembers + 1n })
    .setAdditionalRegisters(registers);
  const builder = new TransactionBuilder(ctx.height)
    .from(wallet.utxos)
    .to(community)
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  return finish(builder, totalValue(wallet.utxos), treasury + fee);
}
