/**
 * The newest box of everything a fast client spends: each account, the community box, and the
 * wallet boxes it tracks, including outputs of transactions not yet mined. The simulator and the
 * devnet benchmark build every transaction from here instead of reading the node each time: that
 * is what lets many payments to one payee chain in one block, and what makes it fast.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { isAccountTree, isCommunityTree } from "../contracts/index.ts";
import { readBytes } from "../contracts/registers.ts";

/** A change to a map, and how to take it back. */
type Step = () => void;

/** Live boxes by what they are. */
export class LocalBoxes {
  community: Box<Amount> | undefined;
  private readonly accounts = new Map<string, Box<Amount>>();
  private readonly accountOfBox = new Map<string, string>();
  private readonly wallets = new Map<string, Map<string, Box<Amount>>>();
  private readonly walletOfBox = new Map<string, string>();

  /** Follows the wallet of `ergoTree` (a P2PK tree): its outputs in tracked transactions become its boxes. */
  track(ergoTree: string): void {
    if (!this.wallets.has(ergoTree)) this.wallets.set(ergoTree, new Map());
  }

  /** The newest box of account `accountId`. */
  account(accountId: string): Box<Amount> {
    const box = this.accounts.get(accountId);
    if (!box) throw new Error(`no live box for account ${accountId}`);
    return box;
  }

  /** The unspent boxes of a tracked wallet, oldest first. */
  wallet(ergoTree: string): Box<Amount>[] {
    return [...(this.wallets.get(ergoTree)?.values() ?? [])];
  }

  /** Takes boxes read from the node (wallet boxes of a tracked tree, account and community boxes). */
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

  private spend(boxId: string, journal: Step[]): void {
    const accountId = this.accountOfBox.get(boxId);
    if (accountId !== undefined) {
      this.accountOfBox.delete(boxId);
      journal.push(() => this.accountOfBox.set(boxId, accountId));
    }
    if (accountId !== undefined && this.accounts.get(accountId)?.boxId === boxId) {
      const box = this.accounts.get(accountId)!;
      this.accounts.delete(accountId);
      journal.push(() => this.accounts.set(accountId, box));
    }
    if (this.community?.boxId === boxId) {
      const box = this.community;
      this.community = undefined;
      journal.push(() => (this.community = box));
    }
    const tree = this.walletOfBox.get(boxId);
    const wallet = tree === undefined ? undefined : this.wallets.get(tree);
    const walletBox = wallet?.get(boxId);
    if (wallet && walletBox) {
      wallet.delete(boxId);
      this.walletOfBox.delete(boxId);
      journal.push(() => (wallet.set(boxId, walletBox), this.walletOfBox.set(boxId, tree!)));
    }
  }

  private create(box: Box<Amount>, journal: Step[]): void {
    if (isAccountTree(box.ergoTree)) {
      const accountId = readBytes("R7", box.additionalRegisters.R7);
      const before = this.accounts.get(accountId);
      this.accounts.set(accountId, box);
      this.accountOfBox.set(box.boxId, accountId);
      journal.push(() => {
        this.accountOfBox.delete(box.boxId);
        if (before) this.accounts.set(accountId, before);
        else this.accounts.delete(accountId);
      });
    } else if (isCommunityTree(box.ergoTree)) {
      const before = this.community;
      this.community = box;
      journal.push(() => (this.community = before));
    } else {
      const wallet = this.wallets.get(box.ergoTree);
      if (!wallet) return;
      wallet.set(box.boxId, box);
      this.walletOfBox.set(box.boxId, box.ergoTree);
      journal.push(() => (wallet.delete(box.boxId), this.walletOfBox.delete(box.boxId)));
    }
  }
}
