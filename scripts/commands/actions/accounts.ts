/** Finding the accounts a command names: by account id, or by the address (owner) that holds it. */
import { ownerFromPublicKey, type Account } from "../../../contracts/index.ts";
import type { CommunityView, Identity } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { parseAddress } from "../keys.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { isId } from "./options.ts";

/** The open account `accountId` of the community, or a clear refusal. */
export function accountById(view: CommunityView, accountId: string): Account {
  const account = view.accounts.find((a) => a.accountId === accountId.toLowerCase());
  if (!account) throw new CliError(`no open account ${accountId} in community ${view.community.communityId}`, ExitCode.failure);
  return account;
}

/** The open accounts an identity owns in the community. */
export const accountsOf = (view: CommunityView, who: Identity): Account[] =>
  view.accounts.filter((a) => a.owner === ownerFromPublicKey(who.publicKey));

/**
 * The account of `who` in the community: the only one it owns, or the one `accountId` names when
 * it owns several (or to be explicit).
 */
export function ownAccount(view: CommunityView, who: Identity, accountId?: string): Account {
  if (accountId !== undefined) {
    const account = accountById(view, accountId);
    if (account.owner !== ownerFromPublicKey(who.publicKey)) {
      throw new CliError(`account ${accountId} does not belong to ${who.address}`, ExitCode.failure);
    }
    return account;
  }
  const owned = accountsOf(view, who);
  if (owned.length === 0) {
    throw new CliError(`${who.address} has no account in community ${view.community.communityId}: 'lets join' first`, ExitCode.failure);
  }
  if (owned.length > 1) {
    throw new CliError(`${who.address} has ${owned.length} accounts here; name one with --account (${owned.map((a) => a.accountId).join(", ")})`, ExitCode.usage);
  }
  return owned[0]!;
}

/** Who a payment goes to: an account id, or an address whose one account in the community is meant. */
export type PayeeTarget = { accountId: string } | { owner: Identity };

/** Reads a `--to` value (checked now, before anything is fetched). */
export function parsePayeeTarget(to: string, network: NetworkName): PayeeTarget {
  return isId(to) ? { accountId: to.toLowerCase() } : { owner: parseAddress(to, network, "--to") };
}

/** The account a payee target names in the community. */
export function payeeAccount(view: CommunityView, target: PayeeTarget): Account {
  if ("accountId" in target) return accountById(view, target.accountId);
  const { address } = target.owner;
  const owned = accountsOf(view, target.owner);
  if (owned.length === 0) throw new CliError(`${address} has no account in community ${view.community.communityId}`, ExitCode.failure);
  if (owned.length > 1) {
    throw new CliError(`${address} has ${owned.length} accounts here; pay one by its account id (${owned.map((a) => a.accountId).join(", ")})`, ExitCode.usage);
  }
  return owned[0]!;
}
