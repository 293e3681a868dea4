/**
 * Sweep (economics, anyone): the usage fees and demurrage accrued inside accounts move to the
 * community balance, with the demurrage due up to now charged on the way (docs/economics.md).
 * The community box comes first; each swept account is recreated unchanged but for its balance
 * (less the demurrage) and R9 (accrued 0, demurrage clock now).
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { TransactionBuilder } from "@fleet-sdk/core";
import type { Account } from "../account/account.ts";
import { successorRegisters } from "../community/community.ts";
import { demurrageDue } from "../economics.ts";
import { InvalidIntent, NothingToSweep, WrongCommunity } from "../errors.ts";
import { DEFAULT_FEE, finish, requireAccount, requireCommunity, requireWallet, totalValue, type BuildContext } from "./common.ts";
import { communitySuccessor } from "./community-successor.ts";
import { successor } from "./pay.ts";

/** Which accounts to sweep (all of one community). */
export interface SweepIntent {
  community: Box<Amount>;
  accounts: Box<Amount>[];
}

/** What sweeping one account moves to the community now. */
export interface SweepLeg {
  accountId: string;
  accrued: bigint;
  demurrage: bigint;
  /** accrued + demurrage: what the community balance gains from this account. */
  collected: bigint;
  /** The account's demurrage clock and carried remainder after the sweep. */
  chargedHeight: bigint;
  carry: bigint;
}

/** The least an account must hold in charges to be swept (the contract uses at least 1). */
export const sweepMinimum = (sweepMin: bigint): bigint => (sweepMin > 1n ? sweepMin : 1n);

/** What sweeping `account` at `height` collects. */
export function sweepLeg(account: Account, height: bigint): SweepLeg {
  const e = account.terms.economics;
  const economy = account.economy;
  if (!e || !economy) throw new InvalidIntent(`account ${account.accountId} has no economics to sweep`);
  const to = height > economy.chargedHeight ? height : economy.chargedHeight;
  const { due, carry } = demurrageDue(e, account.balance, economy.carry, economy.chargedHeight, to);
  return { accountId: account.accountId, accrued: economy.accrued, demurrage: due, collected: economy.accrued + due, chargedHeight: to, carry };
}

/**
 * Builds a sweep; the caller's wallet pays the fee. Refuses (`NothingToSweep`) an account whose
 * charges are below the community's sweep minimum: the contract would refuse it too.
 * @example
 * const tx = sweep({ community, accounts: [aliceBox, bobBox] }, { height, wallet });
 */
export function sweep(intent: SweepIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  const levers = community.policy.economics;
  if (!levers) throw new InvalidIntent("this community has no economics levers: nothing accrues to sweep");
  if (intent.accounts.length === 0) throw new InvalidIntent("a sweep needs at least one account");
  const wallet = requireWallet(ctx);
  const height = BigInt(ctx.height);
  const least = sweepMinimum(levers.sweepMin);
  const seen = new Set<string>();
  const swept = intent.accounts.map((box) => {
    const account = requireAccount(box);
    if (account.communityId !== community.communityId) throw new WrongCommunity(account.boxId, community.communityId, account.communityId);
    if (seen.has(account.accountId)) throw new InvalidIntent(`account ${account.accountId} appears twice`);
    seen.add(account.accountId);
    const leg = sweepLeg(account, height);
    if (leg.collected < least) throw new NothingToSweep(account.accountId, leg.collected, least);
    return { account, leg };
  });
  const collected = swept.reduce((sum, s) => sum + s.leg.collected, 0n);
  const next = communitySuccessor(
    community,
    {
      treasuryNanoErg: community.treasuryNanoErg,
      units: community.seatsLeft + 1n,
      registers: successorRegisters(community, { membersJoined: community.membersJoined, communityBalance: community.communityBalance + collected }),
      topUp: true,
    },
    ctx.height,
  );
  const outputs = swept.map(({ account, leg }) =>
    successor(account, account.balance - leg.demurrage, account.lastActiveHeight, account.valueNanoErg, {
      ...account.economy!,
      accrued: 0n,
      chargedHeight: leg.chargedHeight,
      carry: leg.carry,
    }),
  );
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const builder = new TransactionBuilder(ctx.height)
    .from([community.box, ...swept.map((s) => s.account.box)], { ensureInclusion: true })
    .from(wallet.utxos)
    .to([next, ...outputs])
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  const topUp = next.value - community.treasuryNanoErg;
  return finish(builder, totalValue(wallet.utxos), fee + (topUp > 0n ? topUp : 0n));
}
