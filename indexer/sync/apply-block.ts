/**
 * Pure: a block plus the LETS state before it -> what the block means (events) and how the state
 * changes. Boxes created and spent in the same block are followed in order. Anything that looks
 * like a LETS box but belongs to no valid community is ignored and reported.
 */
import type { Box } from "@fleet-sdk/common";
import { decodeAccount } from "../../contracts/account/account.ts";
import { decodeCommunity } from "../../contracts/community/community.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE } from "../../contracts/scripts.ts";
import type { AccountRecord, BlockChanges, CommunityRecord, EventSite, Ignored, LetsEvent, LetsView } from "./lets-events.ts";
import { paymentEvents } from "./payments.ts";

/** The parts of a node block `applyBlock` reads (amounts may be number or bigint). */
export interface ChainBlock {
  header: { id: string; height: number; timestamp: number };
  transactions: ChainTransaction[];
}

export interface ChainTransaction {
  id: string;
  inputs: { boxId: string }[];
  outputs: RawBox[];
}

type RawBox = Omit<Box<bigint>, "value" | "assets"> & {
  value: number | bigint | string;
  assets?: { tokenId: string; amount: number | bigint | string }[];
};

const toBox = (raw: RawBox): Box<bigint> => ({
  ...raw,
  value: BigInt(raw.value),
  assets: (raw.assets ?? []).map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })),
});

/** Block state: the view before the block with this block's changes on top. */
class Overlay {
  readonly communities = new Map<string, CommunityRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly spent = new Set<string>();
  readonly newCommunities = new Set<string>();

  constructor(private readonly view: LetsView) {}

  community(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.communities.get(boxId) ?? this.view.community(boxId));
  }

  account(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.accounts.get(boxId) ?? this.view.account(boxId));
  }

  isValidCommunity(communityId: string) {
    return this.newCommunities.has(communityId) || this.view.isValidCommunity(communityId);
  }

  spend(boxId: string) {
    if (this.communities.delete(boxId) || this.accounts.delete(boxId)) return;
    this.spent.add(boxId);
  }
}

function genesisProblem(tx: ChainTransaction, community: CommunityRecord, outputs: Box<bigint>[]): string | undefined {
  if (community.communityId !== tx.inputs[0]?.boxId) return "community token not minted by this transaction";
  if (community.membersJoined !== 0n || community.communityBalance !== 0n) return "genesis state is not [0, 0]";
  const minted = outputs.flatMap((o) => o.assets).filter((a) => a.tokenId === community.communityId);
  if (minted.length !== 1) return "the minted membership token is split over several boxes";
  if (community.seatsLeft + 1n !== community.policy.maxMembers + 1n) return "token supply is not maxMembers + 1";
  return undefined;
}

function decodeTransaction(tx: ChainTransaction, site: EventSite, state: Overlay, ignored: Ignored[]): LetsEvent[] {
  const communitiesIn = tx.inputs.map((i) => state.community(i.boxId)).filter((c) => c !== undefined);
  const accountsIn = tx.inputs.map((i) => state.account(i.boxId)).filter((a) => a !== undefined);
  const outputs = tx.outputs.map(toBox);
  for (const box of [...communitiesIn, ...accountsIn]) state.spend(box.boxId);
  const events: LetsEvent[] = [];
  const communitiesOut: CommunityRecord[] = [];
  const accountsOut: AccountRecord[] = [];

  for (const box of outputs) {
    if (box.ergoTree === COMMUNITY_ERGO_TREE) {
      const decoded = decodeCommunity(box);
      if (!decoded.ok) {
        ignored.push({ boxId: box.boxId, txId: tx.id, reason: decoded.reason });
        continue;
      }
      const { box: _box, ...community } = decoded.value;
      const successor = communitiesIn.some((c) => c.communityId === community.communityId);
      const problem = successor ? undefined : genesisProblem(tx, community, outputs);
      if (problem || (!successor && state.isValidCommunity(community.communityId))) {
        ignored.push({ boxId: box.boxId, txId: tx.id, reason: problem ?? "second genesis of a community" });
        continue;
      }
      if (!successor) {
        state.newCommunities.add(community.communityId);
        events.push({ kind: "create", site, community });
      }
      communitiesOut.push(community);
    } else if (box.ergoTree === ACCOUNT_ERGO_TREE) {
      const decoded = decodeAccount(box);
      if (!decoded.ok || !state.isValidCommunity(decoded.value.communityId)) {
        ignored.push({ boxId: box.boxId, txId: tx.id, reason: decoded.ok ? "token of no valid community" : decoded.reason });
        continue;
      }
      const { box: _box, ...account } = decoded.value;
      accountsOut.push(account);
    }
  }

  for (const community of communitiesIn) {
    const after = communitiesOut.find((c) => c.communityId === community.communityId);
    if (!after) continue;
    const joined = accountsOut.find((a) => a.accountId === community.boxId);
    const exits = accountsIn.filter((a) => a.communityId === community.communityId);
    if (joined) events.push({ kind: "join", site, community: after, account: joined });
    for (const account of exits) {
      events.push(
        account.balance === 0n
          ? { kind: "leave", site, community: after, accountId: account.accountId }
          : { kind: "default", site, community: after, accountId: account.accountId, debt: -account.balance },
      );
    }
    if (!joined && exits.length === 0) events.push({ kind: "govern", site, community: after });
  }
  const paying = accountsIn.filter((a) => !communitiesIn.some((c) => c.communityId === a.communityId));
  events.push(...paymentEvents(site, paying, accountsOut));

  for (const community of communitiesOut) state.communities.set(community.boxId, community);
  for (const account of accountsOut) state.accounts.set(account.boxId, account);
  return events;
}

/** Derives the events and state changes of `block` from the LETS state `view` before it. */
export function applyBlock(block: ChainBlock, view: LetsView): BlockChanges {
  const state = new Overlay(view);
  const ignored: Ignored[] = [];
  const events: LetsEvent[] = [];
  for (const tx of block.transactions) {
    const site = { txId: tx.id, height: block.header.height, timestamp: block.header.timestamp, blockId: block.header.id };
    events.push(...decodeTransaction(tx, site, state, ignored));
  }
  return {
    events,
    spent: [...state.spent],
    communities: [...state.communities.values()],
    accounts: [...state.accounts.values()],
    ignored,
  };
}
