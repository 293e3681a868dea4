/** Shared shape of the exit paths (leave, default): community first, then the exiting accounts. */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import type { Account } from "../account/account.ts";
import { successorRegisters, type Community } from "../community/community.ts";
import { WrongCommunity } from "../errors.ts";
import { COMMUNITY_ERGO_TREE } from "../scripts.ts";
import { DEFAULT_FEE, finish, requireWallet, totalValue, type BuildContext } from "./common.ts";

/** Builds the transaction that closes `accounts`; `forfeit` says whose ERG joins the treasury. */
export function buildExit(
  community: Community,
  accounts: Account[],
  forfeit: (account: Account) => boolean,
  ctx: BuildContext,
): EIP12UnsignedTransaction {
  for (const account of accounts) {
    if (account.communityId !== community.communityId) {
      throw new WrongCommunity(account.boxId, community.communityId, account.communityId);
    }
  }
  const wallet = requireWallet(ctx);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const forfeited = accounts.filter(forfeit).reduce((sum, a) => sum + a.valueNanoErg, 0n);
  const balances = accounts.reduce((sum, a) => sum + a.balance, 0n);
  const successor = new OutputBuilder(community.treasuryNanoErg + forfeited, COMMUNITY_ERGO_TREE)
    .addTokens({ tokenId: community.communityId, amount: community.seatsLeft + 1n + BigInt(accounts.length) })
    .setAdditionalRegisters(
      successorRegisters(community, {
        membersJoined: community.membersJoined,
        communityBalance: community.communityBalance + balances,
      }),
    );
  const contractInputs: Box<Amount>[] = [community.box, ...accounts.map((a) => a.box)];
  const builder = new TransactionBuilder(ctx.height)
    .from(contractInputs, { ensureInclusion: true })
    .from(wallet.utxos)
    .to(successor)
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  const freed = totalValue(accounts.map((a) => a.box)) - forfeited;
  return finish(builder, totalValue(wallet.utxos) + freed, fee);
}
