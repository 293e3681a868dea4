/**
 * Where `lets show` reads: the node itself (live boxes, mempool applied: open accounts only), or
 * an indexer's REST API (`--indexer URL`: closed accounts too, and accounts found by id or owner
 * without naming their community). Both answer in the indexer API's JSON shapes.
 */
import { parseJson } from "../../../ergo/json.ts";
import type { LetsOverHttp } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { ownerFromPublicKey } from "../../../contracts/index.ts";
import { accountJson, communityJson, ownerAddressOrHex, type AccountJson, type CommunityJson } from "./describe.ts";

/** Which accounts to show: all of the community, one by id, or those of an owner. */
export type AccountSelector = { kind: "all" } | { kind: "id"; accountId: string } | { kind: "owner"; address: string; publicKey: string };

/** What `lets show` shows: one community and accounts in it, or accounts and their communities. */
export type Shown = { community: CommunityJson; accounts: AccountJson[] } | { communities: CommunityJson[]; accounts: AccountJson[] };

/** Reads from the node: the community's live boxes. */
export async function showFromNode(lets: LetsOverHttp, communityId: string, select: AccountSelector, network: NetworkName): Promise<Shown> {
  const view = await lets.community(communityId);
  const accounts = view.accounts.filter((a) => {
    if (select.kind === "id") return a.accountId === select.accountId;
    if (select.kind === "owner") return a.owner === ownerFromPublicKey(select.publicKey);
    return true;
  });
  if (select.kind === "id" && accounts.length === 0) {
    throw new CliError(`no open account ${select.accountId} in community ${communityId} (for closed accounts, ask an indexer: --indexer URL)`, ExitCode.failure);
  }
  // An earned credit limit depends on the height: the node's, as the boxes are.
  const height = view.community.policy.economics ? BigInt(await lets.node.height()) : undefined;
  return { community: communityJson(view.community, view.accounts), accounts: accounts.map((a) => accountJson(a, network, height)) };
}

/** A GET on the indexer API; 404 becomes `undefined`, other failures one clear line. */
async function indexerGet<T>(base: string, path: string): Promise<T | undefined> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base));
  } catch (error) {
    throw new CliError(`cannot reach the indexer at ${base}: ${(error as Error).message}`, ExitCode.failure, { cause: error });
  }
  const text = await response.text();
  if (response.status === 404) return undefined;
  if (!response.ok) throw new CliError(`the indexer at ${base} answered ${response.status} to ${path}: ${text.slice(0, 200)}`, ExitCode.failure);
  return parseJson(text) as T;
}

const withAddress = (account: Omit<AccountJson, "address">, network: NetworkName): AccountJson => ({ ...account, address: ownerAddressOrHex(account.owner, network) });

/** Every open account of a community, page by page. */
async function openAccounts(base: string, communityId: string): Promise<Omit<AccountJson, "address">[]> {
  const all: Omit<AccountJson, "address">[] = [];
  for (let offset = 0; ; ) {
    const page = await indexerGet<{ total: number; items: Omit<AccountJson, "address">[] }>(base, `communities/${communityId}/accounts?status=open&limit=1000&offset=${offset}`);
    all.push(...(page?.items ?? []));
    offset += page?.items.length ?? 0;
    if (!page || page.items.length === 0 || offset >= page.total) return all;
  }
}

/** Reads from an indexer; `communityId` may be absent when accounts are chosen by id or owner. */
export async function showFromIndexer(base: string, communityId: string | undefined, select: AccountSelector, network: NetworkName): Promise<Shown> {
  const root = base.endsWith("/") ? base : `${base}/`;
  let accounts: Omit<AccountJson, "address">[];
  if (select.kind === "id") {
    const account = await indexerGet<Omit<AccountJson, "address">>(root, `accounts/${select.accountId}`);
    if (!account || (communityId !== undefined && account.communityId !== communityId)) {
      throw new CliError(`the indexer knows no account ${select.accountId}${communityId ? ` in community ${communityId}` : ""}`, ExitCode.failure);
    }
    accounts = [account];
  } else if (select.kind === "owner") {
    const owned = await indexerGet<{ items: Omit<AccountJson, "address">[] }>(root, `accounts/by-owner/${select.address}`);
    accounts = (owned?.items ?? []).filter((a) => communityId === undefined || a.communityId === communityId);
  } else {
    accounts = await openAccounts(root, communityId!);
  }
  const communityOf = async (id: string): Promise<CommunityJson> => {
    const community = await indexerGet<CommunityJson>(root, `communities/${id}`);
    if (!community) throw new CliError(`the indexer at ${base} knows no community ${id}`, ExitCode.failure);
    return community;
  };
  const shownAccounts = accounts.map((a) => withAddress(a, network));
  if (communityId !== undefined) return { community: await communityOf(communityId), accounts: shownAccounts };
  const ids = [...new Set(accounts.map((a) => a.communityId))];
  return { communities: await Promise.all(ids.map(communityOf)), accounts: shownAccounts };
}
