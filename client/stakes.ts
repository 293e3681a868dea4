/**
 * The live underwriting boxes a node holds (docs/underwriting.md), and the stakes an exit must
 * settle: every stake of a backed account, found by the underwriting script with R5 = the
 * accountId. Apart from `underwriting.ts` so that `LetsOverHttp`'s exits can use it.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import type { Account } from "../contracts/account/account.ts";
import { UNDERWRITING_ERGO_TREE } from "../contracts/scripts.ts";
import { decodeUnderwriting, stakeKey, type Underwriting } from "../contracts/underwriting/underwriting.ts";
import type { NodeClient } from "../ergo/node-client.ts";
import { ClientError } from "./errors.ts";

/** Every live, well-formed underwriting box (offers and stakes), mempool applied. */
export async function allUnderwriting(node: NodeClient): Promise<Underwriting[]> {
  return (await node.allUnspentByErgoTree(UNDERWRITING_ERGO_TREE)).flatMap((box) => {
    const d = decodeUnderwriting(box);
    return d.ok ? [d.value] : [];
  });
}

/** An account's stake named in its terms has no live box: the exit cannot be built. */
export class StakeMissing extends ClientError {
  constructor(readonly accountId: string, readonly key: string) {
    super(`account ${accountId} is backed by a stake (key ${key}) that has no live box on this node`);
  }
}

/**
 * The stake boxes an exit of `accounts` must settle: for each backed account, the live stake its
 * terms name (found by the underwriting script with R5 = the accountId). None is read when no
 * account is backed.
 */
export async function stakeBoxesOf(node: NodeClient, accounts: readonly Account[]): Promise<Box<Amount>[]> {
  const backed = accounts.filter((a) => (a.terms.backing?.stakes.length ?? 0) > 0);
  if (backed.length === 0) return [];
  const live = (await allUnderwriting(node)).filter((u) => u.state === "active");
  return backed.flatMap((a) =>
    a.terms.backing!.stakes.map((key) => {
      const stake = live.find((u) => u.accountId === a.accountId && stakeKey(u.stakeId!) === key);
      if (!stake) throw new StakeMissing(a.accountId, key);
      return stake.box;
    }),
  );
}
