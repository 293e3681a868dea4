/** Join: anyone pays the fee and locks the collateral and gets an account; no committee. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { accountRegisters, type AccountTerms } from "../account/account.ts";
import { ACCOUNT_ECONOMICS_FIELDS, type AccountEconomicsTerms } from "../economics.ts";
import { successorRegisters } from "../community/community.ts";
import { CommunityFull, InvalidIntent } from "../errors.ts";
import { keysProblem } from "../committee.ts";
import { accountTreeOf, MIN_BOX_VALUE } from "../scripts.ts";
import { communitySuccessor } from "./community-successor.ts";
import { maxUnits } from "./policy.ts";
import { DEFAULT_FEE, finish, requireCommunity, requireWallet, totalValue, type BuildContext } from "./common.ts";

/** Who joins which community. */
export interface JoinIntent {
  community: Box<Amount>;
  /** Serialized SigmaProp constant of the new member (see `ownerFromAddress`). */
  owner: string;
  /** ERG put in the account above collateral + minimum, to pay future payment fees; default 10 fees. */
  feeReserveNanoErg?: bigint;
}

/**
 * Builds the join transaction: the community box gains the fee and gives one unit to a new
 * account at balance 0, whose id is the spent community box id.
 * @example
 * const tx = join({ community: box, owner: ownerFromAddress(addr) }, { height, wallet });
 */
export function join(intent: JoinIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (community.seatsLeft < 1n) throw new CommunityFull(community.communityId, community.policy.maxMembers);
  const problem = keysProblem(intent.owner);
  if (problem) throw new InvalidIntent(`owner ${problem}`);
  const wallet = requireWallet(ctx);
  const { policy } = community;
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const height = BigInt(ctx.height);
  const reserve = intent.feeReserveNanoErg ?? 10n * DEFAULT_FEE;
  if (reserve < 0n) throw new InvalidIntent("feeReserveNanoErg cannot be negative");
  const accountValue = policy.collateralNanoErg + MIN_BOX_VALUE + reserve;
  const allowance = policy.economics?.allowance ?? 0n;
  const terms: AccountTerms = {
    creditLimit: policy.creditLimit,
    // "No cap" in the policy is the largest cap in the account (the contract insists).
    positiveCap: policy.positiveCap === 0n ? maxUnits(policy.maxMembers) : policy.positiveCap,
    collateralNanoErg: policy.collateralNanoErg,
    inactivityBlocks: policy.inactivityBlocks,
    joinedHeight: height,
  };
  if (policy.economics) {
    const levers = policy.economics;
    terms.economics = Object.fromEntries(ACCOUNT_ECONOMICS_FIELDS.map((f) => [f, levers[f]])) as unknown as AccountEconomicsTerms;
  }

  const successor = communitySuccessor(
    community,
    {
      treasuryNanoErg: community.treasuryNanoErg + policy.joinFeeNanoErg,
      units: community.seatsLeft,
      // A newcomer's allowance is issued from the community balance (docs/economics.md).
      registers: successorRegisters(community, { membersJoined: community.membersJoined + 1n, communityBalance: community.communityBalance - allowance }),
      topUp: true,
    },
    ctx.height,
  );
  const account = new OutputBuilder(accountValue, accountTreeOf(community.box.ergoTree))
    .addTokens({ tokenId: community.communityId, amount: 1n })
    .setAdditionalRegisters(
      accountRegisters({
        owner: intent.owner,
        balance: 0n,
        terms,
        accountId: community.boxId,
        lastActiveHeight: height,
        ...(policy.economics ? { economy: { accrued: 0n, chargedHeight: height, received: 0n, allowance, carry: 0n } } : {}),
      }),
    );
  const builder = new TransactionBuilder(ctx.height)
    .from(intent.community, { ensureInclusion: true })
    .from(wallet.utxos)
    .to([successor, account])
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  // What the wallet pays: the joining fee (and any top-up of a treasury rent reduced), the account, the fee.
  const needed = successor.value - community.treasuryNanoErg + accountValue + fee;
  return finish(builder, totalValue(wallet.utxos), needed);
}
