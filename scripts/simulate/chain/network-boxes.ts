/**
 * The newest box of everything a network simulation spends, outputs of unmined transactions
 * included: every community box (by community id), every account, every line and gateway, and the
 * tracked wallets. One store for all communities, so a cross payment (accounts of two communities,
 * gateways of one or two lines) and the funder's wallet stay consistent; each community's actions
 * see it through a `CommunityBoxes` view, which has what `ChainActions` needs of `LocalBoxes`.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE, GATEWAY_B_ERGO_TREE, GATEWAY_ERGO_TREE, LINE_ERGO_TREE } from "../../../contracts/scripts.ts";
import { readBytes } from "../../../contracts/registers.ts";
import type { BoxStore } from "./actions.ts";

type Step = () => void;

/** What kind of box a live box is, and its key in its map. */
type Kind = "community" | "account" | "line" | "gateway" | "wallet";

export class NetworkBoxes {
  private readonly byKind: Record<Kind, Map<string, Box<Amount>>> = {
    community: new Map(),
    account: new Map(),
    line: new Map(),
    gateway: new Map(),
    wallet: new Map(),
  };
  /** Box id -> where it is kept (kind and key). */
  private readonly where = new Map<string, { kind: Kind; key: string }>();
  private readonly trackedTrees = new Set<string>();

  track(ergoTree: string): void {
    this.trackedTrees.add(ergoTree);
  }

  community(communityId: string): Box<Amount> | undefined {
    return this.byKind.community.get(communityId);
  }

  account(accountId: string): Box<Amount> {
    const box = this.byKind.account.get(accountId);
    if (!box) throw new Error(`no live box for account ${accountId}`);
    return box;
  }

  line(lineId: string): Box<Amount> {
    const box = this.byKind.line.get(lineId);
    if (!box) throw new Error(`no live box for line ${lineId}`);
    return box;
  }

  /** The live gateway boxes (every line, both sides). */
  gateways(): Box<Amount>[] {
    return [...this.byKind.gateway.values()];
  }

  /** The unspent boxes of a tracked wallet, oldest first. */
  wallet(ergoTree: string): Box<Amount>[] {
    return [...this.byKind.wallet.values()].filter((box) => box.ergoTree === ergoTree);
  }

  add(boxes: readonly Box<Amount>[]): void {
    this.apply([], boxes);
  }

  /** Applies a transaction: its inputs are spent, its outputs live. Returns what takes it back. */
  apply(inputIds: readonly string[], outputs: readonly Box<Amount>[]): () => void {
    const journal: Step[] = [];
    for (const id of inputIds) this.spend(id, journal);
    for (const box of outputs) this.create(box, journal);
    return () => {
      for (let i = journal.length - 1; i >= 0; i--) journal[i]!();
    };
  }

  /** A view for one community's actions; it learns its community id from the first community box it creates. */
  view(): CommunityBoxes {
    return new CommunityBoxes(this);
  }

  private spend(boxId: string, journal: Step[]): void {
    const at = this.where.get(boxId);
    if (!at) return;
    this.where.delete(boxId);
    const map = this.byKind[at.kind];
    const box = map.get(at.key);
    const live = box?.boxId === boxId;
    if (live) map.delete(at.key);
    journal.push(() => {
      this.where.set(boxId, at);
      if (live) map.set(at.key, box!);
    });
  }

  private create(box: Box<Amount>, journal: Step[]): void {
    const kind = kindOf(box, this.trackedTrees);
    if (!kind) return;
    const key = kind === "account" || kind === "gateway" ? readBytes("R7", box.additionalRegisters.R7) : kind === "wallet" ? box.boxId : box.assets[0]!.tokenId;
    const map = this.byKind[kind];
    const before = map.get(key);
    map.set(key, box);
    this.where.set(box.boxId, { kind, key });
    journal.push(() => {
      this.where.delete(box.boxId);
      if (before) map.set(key, before);
      else map.delete(key);
    });
  }
}

function kindOf(box: Box<Amount>, tracked: ReadonlySet<string>): Kind | undefined {
  if (box.ergoTree === ACCOUNT_ERGO_TREE) return "account";
  if (box.ergoTree === COMMUNITY_ERGO_TREE) return "community";
  if (box.ergoTree === LINE_ERGO_TREE) return "line";
  if (box.ergoTree === GATEWAY_ERGO_TREE || box.ergoTree === GATEWAY_B_ERGO_TREE) return "gateway";
  return tracked.has(box.ergoTree) ? "wallet" : undefined;
}

/** One community's view of the shared store. */
export class CommunityBoxes implements BoxStore {
  communityId: string | undefined;

  constructor(readonly store: NetworkBoxes) {}

  get community(): Box<Amount> | undefined {
    return this.communityId === undefined ? undefined : this.store.community(this.communityId);
  }

  account(accountId: string): Box<Amount> {
    return this.store.account(accountId);
  }

  wallet(ergoTree: string): Box<Amount>[] {
    return this.store.wallet(ergoTree);
  }

  track(ergoTree: string): void {
    this.store.track(ergoTree);
  }

  add(boxes: readonly Box<Amount>[]): void {
    this.store.add(boxes);
  }

  apply(inputIds: readonly string[], outputs: readonly Box<Amount>[]): () => void {
    const founded = this.communityId === undefined ? outputs.find((o) => o.ergoTree === COMMUNITY_ERGO_TREE) : undefined;
    if (founded) this.communityId = founded.assets[0]!.tokenId;
    const undo = this.store.apply(inputIds, outputs);
    return founded ? () => (undo(), (this.communityId = undefined)) : undo;
  }
}
