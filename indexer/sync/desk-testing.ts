/**
 * Test helper: an exchange desk's history (contract version 6, docs/desk.md) on a real chain of the
 * builders, both interpreters judging every transaction: a community with a fixed-rate desk,
 * buys (one paid by another member), a sell, a deposit, a change announced and applied by the
 * first trade after its notice, a withdrawal above cover, a change announced and cancelled, a
 * committee change, an oracle pool minted and the desk moved to it by the new committee (announced,
 * the pool's price posted, applied by the buy), an oracle-priced buy; each transaction kept as a
 * block and replayed. (Governing a desk priced by an oracle without the pool box as a data input
 * fails in the contract: its price is evaluated eagerly, so the history governs before the move.)
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { buyFromDesk, sellToDesk } from "../../contracts/builders/desk-trade.ts";
import { depositToDesk, governDesk } from "../../contracts/builders/desk-govern.ts";
import { publishedPoolNft, publishOraclePool } from "../../contracts/desk/oracle-publish.ts";
import { DeskFixture } from "../../contracts/testing/desk-fixture.ts";
import type { Member } from "../../contracts/testing/world.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx, Replay } from "./block-testing.ts";
import type { BlockChanges } from "./lets-events.ts";

export const ERG = 1_000_000_000n;

/** A desk fixture whose transactions are blocks. */
export class DeskChain {
  readonly f = new DeskFixture();
  readonly replay = new Replay();
  readonly blocks: BatchBlock[] = [];

  constructor() {
    this.f.world.submitted.forEach((tx, i) => this.record(tx, 1_001 + i));
  }

  get height(): number {
    return this.f.world.height;
  }

  ctx(member: Member) {
    return { height: this.f.world.height, wallet: this.f.world.wallet(member) };
  }

  /** Judges `tx`, mines it, keeps it as a block and returns what the block changed. */
  submit(tx: EIP12UnsignedTransaction, signers: Member[]): BlockChanges & { txId: string } {
    const { signed } = this.f.world.submit(tx, signers);
    return { ...this.record(signed, this.f.world.height), txId: signed.id };
  }

  private record(tx: SignedTransaction, height: number): BlockChanges {
    const block = blockOf(height, chainTx(tx));
    this.blocks.push(block);
    return this.replay.applyBlock(block);
  }

  buy(name: string, units: bigint, payer = name, oracle?: ReturnType<DeskFixture["deskBox"]>) {
    const intent = { desk: this.f.deskBox(), account: this.f.account(name).box, units, ...(oracle ? { oracle } : {}) };
    return this.submit(buyFromDesk(intent, this.ctx(this.f.member(payer))), [this.f.member(payer)]);
  }

  sell(name: string, units: bigint) {
    return this.submit(sellToDesk({ desk: this.f.deskBox(), account: this.f.account(name).box, units }, this.ctx(this.f.member(name))), [this.f.member(name)]);
  }

  govern(intent: Omit<Parameters<typeof governDesk>[0], "desk">, committee: Member = this.f.committee) {
    return this.submit(governDesk({ desk: this.f.deskBox(), ...intent }, this.ctx(committee)), [committee]);
  }
}

/** The whole history, with the transactions and values the specs check. */
export function deskHistory() {
  const c = new DeskChain();
  const { f } = c;
  const opened = { txId: c.blocks.at(-1)!.transactions[0]!.id, height: c.blocks.at(-1)!.header.height, desk: f.deskOf() };
  const buyAlice = c.buy("alice", 100n);
  const buyCarol = c.submit(buyFromDesk({ desk: f.deskBox(), account: f.account("carol").box, payNanoErg: ERG }, c.ctx(f.member("bob"))), [f.member("bob")]);
  const sellAlice = c.sell("alice", 40n);
  const deposit = c.submit(depositToDesk({ desk: f.deskBox(), nanoErg: 20n * ERG }, c.ctx(f.member("bob"))), [f.member("bob")]);
  const announce = c.govern({ announce: { terms: { rateNum: 22n } } });
  const effective = f.deskOf().pending!.effectiveHeight;
  f.world.mine(Number(effective) - f.world.height - 1);
  const applied = c.buy("alice", 10n);
  const withdraw = c.govern({ withdrawNanoErg: ERG });
  const later = c.govern({ announce: { terms: { sellFeeBps: 200n } } });
  const cancel = c.govern({ cancel: true });
  const newCommittee = f.world.member("new committee");
  const committee = c.govern({ committee: newCommittee.owner });
  // The oracle: a pool minted, the desk moved to it (the notice running), the price posted, applied by a buy.
  const publisher = f.world.member("publisher");
  const publisherPublicKey = hex.encode(publisher.party.key.publicKey);
  const mint = publishOraclePool({ nanoErgPerUsd: 800_000_000n, publisherPublicKey }, c.ctx(publisher));
  const nft = publishedPoolNft(mint);
  c.submit(mint, [publisher]);
  const toOracle = c.govern({ announce: { terms: { oracleNft: nft, rateNum: 100n, rateDen: 1n } } }, newCommittee);
  const poolBox = () => [...f.world.utxos.values()].find((b) => b.assets[0]?.tokenId === nft)!;
  const price = 500_000_000n; // 2 USD per ERG
  const post = c.submit(publishOraclePool({ nanoErgPerUsd: price, publisherPublicKey, pool: poolBox() }, c.ctx(publisher)), [publisher]);
  f.world.mine(Number(f.deskOf().pending!.effectiveHeight) - f.world.height - 1);
  const oracleBuy = c.buy("bob", 50n, "bob", poolBox());
  return { c, f, opened, buyAlice, buyCarol, sellAlice, deposit, announce, effective, applied, withdraw, nft, toOracle, post, price, oracleBuy, later, cancel, committee, newCommittee, poolBoxId: poolBox().boxId };
}

export type DeskHistory = ReturnType<typeof deskHistory>;
