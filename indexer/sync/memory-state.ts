/** LETS state in memory: the `LetsView` that `applyBlock` reads, updated with its changes. */
import type { AccountRecord, BatchBoxRecord, BlockChanges, CommunityRecord, GatewayRecord, LetsView, LineRecord } from "./lets-events.ts";
import type { DeskRecord, OracleBoxRecord } from "./desk-records.ts";
import type { EscrowRecord } from "./escrow-records.ts";
import type { UnderwritingRecord } from "./underwriting-records.ts";
import { LiveLoans } from "./loans.ts";
import { LiveGovernance } from "./governance.ts";

/** Live community, account, line, gateway and batch boxes, and the valid communities seen so far. */
export class MemoryLetsState implements LetsView {
  readonly communities = new Map<string, CommunityRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly lines = new Map<string, LineRecord>();
  readonly gateways = new Map<string, GatewayRecord>();
  readonly batchBoxes = new Map<string, BatchBoxRecord>();
  readonly validCommunities = new Set<string>();
  /** Live desks, oracle pool boxes seen, and the pool NFTs desks name (docs/desk.md). */
  readonly desks = new Map<string, DeskRecord>();
  readonly oracleBoxes = new Map<string, OracleBoxRecord>();
  readonly oracleNfts = new Set<string>();
  /** Live escrows (docs/escrow.md). */
  readonly escrows = new Map<string, EscrowRecord>();
  /** Live underwriting offers and stakes (docs/underwriting.md). */
  readonly underwritings = new Map<string, UnderwritingRecord>();
  /** Live ERG loan and bond boxes (docs/loans.md): outside the LETS books, read and updated by the loan sync alone (loans.ts). */
  readonly loans = new LiveLoans();
  /** Live governance, proposal and vote boxes (docs/governance.md): outside the books, read and updated by the governance sync alone (governance.ts). */
  readonly governance = new LiveGovernance();

  community(boxId: string) {
    return this.communities.get(boxId);
  }

  account(boxId: string) {
    return this.accounts.get(boxId);
  }

  line(boxId: string) {
    return this.lines.get(boxId);
  }

  gateway(boxId: string) {
    return this.gateways.get(boxId);
  }

  batchBox(boxId: string) {
    return this.batchBoxes.get(boxId);
  }

  desk(boxId: string) {
    return this.desks.get(boxId);
  }

  escrow(boxId: string) {
    return this.escrows.get(boxId);
  }

  underwriting(boxId: string) {
    return this.underwritings.get(boxId);
  }

  oracleBox(boxId: string) {
    return this.oracleBoxes.get(boxId);
  }

  isOracleNft(nft: string) {
    return this.oracleNfts.has(nft);
  }

  /** Whether the state holds `boxId` live, of any kind. */
  has(boxId: string): boolean {
    return this.desks.has(boxId) || this.escrows.has(boxId) || this.underwritings.has(boxId) || this.accounts.has(boxId) || this.communities.has(boxId) || this.gateways.has(boxId) || this.lines.has(boxId) || this.batchBoxes.has(boxId);
  }

  isValidCommunity(communityId: string) {
    return this.validCommunities.has(communityId);
  }

  /** Applies what `applyBlock` derived. */
  apply(changes: BlockChanges): void {
    for (const boxId of changes.spent) {
      this.communities.delete(boxId);
      this.accounts.delete(boxId);
      this.lines.delete(boxId);
      this.gateways.delete(boxId);
      this.batchBoxes.delete(boxId);
      this.desks.delete(boxId);
      this.escrows.delete(boxId);
      this.underwritings.delete(boxId);
    }
    for (const event of changes.events) if (event.kind === "create") this.validCommunities.add(event.community.communityId);
    for (const community of changes.communities) this.communities.set(community.boxId, community);
    for (const account of changes.accounts) this.accounts.set(account.boxId, account);
    for (const line of changes.lines) this.lines.set(line.boxId, line);
    for (const gateway of changes.gateways) this.gateways.set(gateway.boxId, gateway);
    for (const box of changes.batchBoxes) this.batchBoxes.set(box.boxId, box);
    for (const desk of changes.desks) {
      this.desks.set(desk.boxId, desk);
      for (const nft of [desk.terms.oracleNft, desk.pending?.terms.oracleNft ?? ""]) if (nft !== "") this.oracleNfts.add(nft);
    }
    for (const box of changes.oracleBoxes) this.oracleBoxes.set(box.boxId, box);
    for (const escrow of changes.escrows) this.escrows.set(escrow.boxId, escrow);
    for (const stake of changes.underwritings) this.underwritings.set(stake.boxId, stake);
  }

  /** The live account of `accountId`. */
  accountById(accountId: string): AccountRecord | undefined {
    return [...this.accounts.values()].find((a) => a.accountId === accountId);
  }
}
