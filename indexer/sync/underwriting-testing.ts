/**
 * Test helper: underwriting's history (contract version 8, docs/underwriting.md) on a real chain of
 * the builders, both interpreters judging every transaction: uma's stake for alice offered and
 * accepted; uma's stake for carol accepted with a premium to bob, used, repaid and withdrawn; an
 * offer to bob cancelled; alice spends 150 units of her raise and defaults with her stake (the
 * committee gets its share, uma the rest); carol defaults unbacked; bob accepts a stake that stays.
 * Each transaction is kept as a block and replayed.
 */
import { closeDefaulted } from "../../contracts/builders/close-defaulted.ts";
import { cancelUnderwriting, withdrawUnderwriting } from "../../contracts/builders/underwrite.ts";
import { UnderwritingFixture } from "../../contracts/testing/underwriting-fixture.ts";
import type { Underwriting } from "../../contracts/underwriting/underwriting.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx, Replay } from "./block-testing.ts";
import type { BlockChanges } from "./lets-events.ts";

const ERG = 1_000_000_000n;

/** Where a transaction of the history went. */
export interface Site {
  txId: string;
  height: number;
}

/** An underwriting fixture whose transactions are blocks. */
export class UnderwritingChain {
  readonly f = new UnderwritingFixture();
  readonly replay = new Replay();
  readonly blocks: BatchBlock[] = [];
  readonly changes: BlockChanges[] = [];
  private recorded = 0;

  constructor() {
    this.f.world.submitted.forEach((tx, i) => this.recordAt(tx, 1_001 + i));
    this.recorded = this.f.world.submitted.length;
  }

  /** Runs one fixture step that submits exactly one transaction, keeps it as a block, and returns its result and where it went. */
  step<T>(run: () => T): T & { site: Site } {
    const result = run();
    const fresh = this.f.world.submitted.slice(this.recorded);
    if (fresh.length !== 1) throw new Error(`a step submits one transaction, this one ${fresh.length}`);
    this.recorded += 1;
    const tx = fresh[0]!;
    this.recordAt(tx, this.f.world.height);
    return { ...(result ?? {}), site: { txId: tx.id, height: this.f.world.height } } as T & { site: Site };
  }

  private recordAt(tx: (typeof this.f.world.submitted)[number], height: number): void {
    const block = blockOf(height, chainTx(tx));
    this.blocks.push(block);
    this.changes.push(this.replay.applyBlock(block));
  }
}

/** The whole history, with the stakes, transactions and values the specs check. */
export function underwritingHistory() {
  const c = new UnderwritingChain();
  const { f } = c;
  const wallet = (name: "uma" | string) => ({ height: f.world.height, wallet: f.world.wallet(name === "uma" ? f.uma : f.member(name)) });

  const ids = { alice: f.account("alice").accountId, bob: f.account("bob").accountId, carol: f.account("carol").accountId };
  const aliceOffer = c.step(() => f.offer("alice", 200n, 10n * ERG));
  const aliceStake = c.step(() => f.accept("alice", aliceOffer));
  const carolOffer = c.step(() => f.offer("carol", 100n, 5n * ERG, { premium: 5n, premiumTo: "bob" }));
  const carolStake = c.step(() => f.accept("carol", carolOffer, "bob"));
  const bobOffer = c.step(() => f.offer("bob", 100n, 5n * ERG));
  const cancelled = c.step(() => f.world.submit(cancelUnderwriting({ offer: f.world.box(bobOffer.boxId) }, wallet("uma")), [f.uma]));
  c.step(() => f.pay("carol", "bob", 150n)); // carol at -155: 55 of her 100 raised in use
  c.step(() => f.pay("bob", "carol", 160n)); // carol at +5
  const withdrawn = c.step(() =>
    f.world.submit(withdrawUnderwriting({ stake: f.world.box(carolStake.boxId), account: f.account("carol").box }, wallet("uma")), [f.uma]),
  );
  c.step(() => f.pay("alice", "bob", 250n)); // alice at -250: 150 below her un-raised floor of -100
  c.step(() => f.pay("carol", "bob", 60n)); // carol at -55, unbacked
  f.world.mine(60);
  const alice = f.account("alice");
  const aliceDefault = c.step(() =>
    f.world.submit(closeDefaulted({ community: f.communityBox(), accounts: [alice.box], stakes: [f.world.box(aliceStake.boxId)] }, wallet("bob")), [f.member("bob")]),
  );
  const carolDefault = c.step(() => f.world.submit(closeDefaulted({ community: f.communityBox(), accounts: [f.account("carol").box] }, wallet("bob")), [f.member("bob")]));
  const bobOffer2 = c.step(() => f.offer("bob", 100n, 5n * ERG));
  const bobStake = c.step(() => f.accept("bob", bobOffer2));
  const lost = (10n * ERG * 150n + 199n) / 200n;
  return {
    c, f, ids, aliceOffer, aliceStake, carolOffer, carolStake, bobOffer, cancelled, withdrawn, aliceDefault, carolDefault, bobOffer2, bobStake,
    aliceDefaulted: { lost, returned: 10n * ERG - lost },
  };
}

export type UnderwritingHistory = ReturnType<typeof underwritingHistory>;
export type { Underwriting };
