/** LETS state in memory: the `LetsView` that `applyBlock` reads, updated with its changes. */
import type { AccountRecord, BlockChanges, CommunityRecord, LetsView } from "./lets-events.ts";

/** Live community and account boxes, and the valid communities seen so far. */
export class MemoryLetsState implements LetsView {
  readonly communities = new Map<string, CommunityRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly validCommunities = new Set<string>();

  community(boxId: string) {
    return this.communities.get(boxId);
  }

  account(boxId: string) {
    return this.accounts.get(boxId);
  }

  isValidCommunity(communityId: string) {
    return this.validCommunities.has(communityId);
  }

  /** Applies what `applyBlock` derived. */
  apply(changes: BlockChanges): void {
    for (const boxId of changes.spent) {
      this.communities.delete(boxId);
      this.accounts.delete(boxId);
    }
    for (const event of changes.events) if (event.kind === "create") this.validCommunities.add(event.community.communityId);
    for (const community of changes.communities) this.communities.set(community.boxId, community);
    for (const account of changes.accounts) this.accounts.set(account.boxId, account);
  }

  /** The live account of `accountId`. */
  accountById(accountId: string): AccountRecord | undefined {
    return [...this.accounts.values()].find((a) => a.accountId === accountId);
  }
}
