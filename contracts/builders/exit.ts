/**
 * Shared shape of the exit paths (leave, default, dormant close): the community box first, then the
 * closing accounts. The community contract pays the owner of a closed account at OUTPUTS(i) for the
 * account at INPUTS(i), so the outputs follow the inputs: successor, then one payout per account.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, SAFE_MIN_BOX_VALUE, TransactionBuilder } from "@fleet-sdk/core";
import type { Account } from "../account/account.ts";
import { successorRegisters, type Community } from "../community/community.ts";
import { InvalidIntent, WrongCommunity } from "../errors.ts";
import { bytesConstant } from "../registers.ts";
import { exitShares, stakeKey, type Underwriting } from "../underwriting/underwriting.ts";
import { MIN_BOX_VALUE } from "../scripts.ts";
import { worth } from "../economics.ts";
import { isDormant } from "../storage-rent.ts";
import { DEFAULT_FEE, finish, requireWallet, totalValue, type BuildContext } from "./common.ts";
import { communitySuccessor } from "./community-successor.ts";

/** How an account leaves: by its owner (ERG to the wallet) or closed by anyone (ERG to the owner). */
export type ExitKind = "leave" | "close";

/** The collateral a negative account forfeits to the treasury (all of its ERG if it holds less). */
export function forfeitNanoErg(account: Account): bigint {
  if (account.balance >= 0n) return 0n;
  const collateral = account.terms.collateralNanoErg;
  return account.valueNanoErg < collateral ? account.valueNanoErg : collateral;
}

/**
 * What the owner of a closed account must receive: its ERG less the forfeit and less the minimum
 * box value, which the closer keeps for the fee.
 */
export function payoutNanoErg(account: Account): bigint {
  return account.valueNanoErg - forfeitNanoErg(account) - MIN_BOX_VALUE;
}

/** The ErgoTree that pays an owner SigmaProp (what `owner.propBytes` is in the contracts). */
export const ownerTree = (owner: string): string => `00${owner}`;

function payout(account: Account): OutputBuilder {
  const owed = payoutNanoErg(account);
  return new OutputBuilder(owed > SAFE_MIN_BOX_VALUE ? owed : SAFE_MIN_BOX_VALUE, ownerTree(account.owner));
}

/**
 * The stakes that must settle with `accounts` (docs/underwriting.md): every stake an account's
 * terms name, found among `stakes`; refuses when one is missing or a stake backs no exiting account.
 */
export function stakesFor(accounts: Account[], stakes: Underwriting[]): Underwriting[] {
  const byKey = new Map(stakes.filter((s) => s.stakeId).map((s) => [`${s.accountId}:${stakeKey(s.stakeId!)}`, s]));
  const needed = accounts.flatMap((a) =>
    (a.terms.backing?.stakes ?? []).map((key) => {
      const stake = byKey.get(`${a.accountId}:${key}`);
      if (!stake) throw new InvalidIntent(`account ${a.accountId} is underwritten: its stake ${key}… must settle with it; give its box`);
      return stake;
    }),
  );
  if (needed.length !== stakes.length) throw new InvalidIntent("a stake given backs none of the closing accounts");
  return needed;
}

/** A stake's outputs at an exit: the committee's share and the underwriter's, each naming the stake (R4). */
function stakeOutputs(account: Account, stake: Underwriting, committee: string): OutputBuilder[] {
  const { lost, returned } = exitShares(account, stake.stakeNanoErg);
  const tagged = (value: bigint, owner: string) =>
    new OutputBuilder(value > SAFE_MIN_BOX_VALUE ? value : SAFE_MIN_BOX_VALUE, ownerTree(owner)).setAdditionalRegisters({ R4: bytesConstant(stake.boxId) });
  // The committee underwrote: one output, the whole stake (the contract counts no output twice).
  if (ownerTree(committee) === ownerTree(stake.underwriter)) return [tagged(stake.stakeNanoErg, committee)];
  return [...(lost > 0n ? [tagged(lost, committee)] : []), ...(returned > 0n ? [tagged(returned, stake.underwriter)] : [])];
}

/** Builds the transaction that closes `accounts` (and settles their stakes); the caller's wallet pays the fee. */
export function buildExit(community: Community, accounts: Account[], kind: ExitKind, ctx: BuildContext, given: Underwriting[] = []): EIP12UnsignedTransaction {
  for (const account of accounts) {
    if (account.communityId !== community.communityId) {
      throw new WrongCommunity(account.boxId, community.communityId, account.communityId);
    }
  }
  const stakes = stakesFor(accounts, given);
  const wallet = requireWallet(ctx);
  const fee = ctx.feeNanoErg ?? DEFAULT_FEE;
  const forfeited = accounts.reduce((sum, a) => sum + forfeitNanoErg(a), 0n);
  // Balances, and with economics the accrued charges and unused allowances, become the community's.
  const balances = accounts.reduce((sum, a) => sum + worth(a.balance, a.economy), 0n);
  const successor = communitySuccessor(
    community,
    {
      treasuryNanoErg: community.treasuryNanoErg + forfeited,
      units: community.seatsLeft + 1n + BigInt(accounts.length),
      registers: successorRegisters(community, {
        membersJoined: community.membersJoined,
        communityBalance: community.communityBalance + balances,
      }),
      topUp: true,
    },
    ctx.height,
  );
  // A dormant account may be closed by anyone, so the contract wants its owner paid even when the
  // owner is the one leaving.
  // With stakes, owners are paid at their places too: a stake's outputs may not sit at an exiting
  // account's place (OUTPUTS(i) for the account at INPUTS(i)), so those places must be filled.
  const paid = kind === "close" || stakes.length > 0 || accounts.some((a) => isDormant(a.creationHeight, ctx.height));
  const payouts = paid ? accounts.map(payout) : [];
  const settled = stakes.flatMap((s) => stakeOutputs(accounts.find((a) => a.accountId === s.accountId)!, s, community.committee));
  const contractInputs: Box<Amount>[] = [community.box, ...accounts.map((a) => a.box), ...stakes.map((s) => s.box)];
  const builder = new TransactionBuilder(ctx.height)
    .from(contractInputs, { ensureInclusion: true })
    .from(wallet.utxos)
    .to([successor, ...payouts, ...settled])
    .sendChangeTo(wallet.changeAddress)
    .payFee(fee);
  if (stakes.length > 0) builder.burnTokens(stakes.map((s) => ({ tokenId: s.stakeId!, amount: 1n })));
  const toOwners = [...payouts, ...settled].reduce((sum, p) => sum + p.value, 0n);
  const freed = totalValue([...accounts, ...stakes].map((a) => a.box)) - forfeited - toOwners;
  const topUp = successor.value - community.treasuryNanoErg - forfeited;
  return finish(builder, totalValue(wallet.utxos) + freed, fee + (topUp > 0n ? topUp : 0n));
}
