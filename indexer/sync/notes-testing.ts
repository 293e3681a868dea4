/**
 * Test helper for the notes attack specs: community A (alice, bob, carol) and community B (dave,
 * erin) in ONE contracts world, so that one transaction can spend accounts of both and still be
 * judged by both interpreters; every accepted transaction is kept as a block at the height it was
 * mined and replayed into a LETS state, for `applyBlock` specs and for the sync's pipeline alike.
 */
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { decodeAccount, type Account } from "../../contracts/account/account.ts";
import { createCommunity } from "../../contracts/builders/create.ts";
import { join } from "../../contracts/builders/join.ts";
import { Fixture, TEST_METADATA, TEST_POLICY } from "../../contracts/testing/community-fixture.ts";
import type { Member, World } from "../../contracts/testing/world.ts";
import { COMMUNITY_ERGO_TREE } from "../../contracts/scripts.ts";
import type { ChainTransaction } from "./apply-block.ts";
import type { BatchBlock } from "./batch.ts";
import { blockOf, chainTx, Replay } from "./block-testing.ts";
import type { BlockChanges } from "./lets-events.ts";

/** One unsigned transaction that does what each of `txs` does (each balanced on its own). */
export const merge = (...txs: EIP12UnsignedTransaction[]): EIP12UnsignedTransaction => ({
  inputs: txs.flatMap((t) => t.inputs),
  dataInputs: txs.flatMap((t) => t.dataInputs),
  outputs: txs.flatMap((t) => t.outputs),
});

/** Two communities in one world, their history as blocks, and the LETS state after them. */
export class TwoCommunities {
  readonly a = new Fixture({ members: ["alice", "bob", "carol"] });
  readonly world: World = this.a.world;
  readonly replay = new Replay();
  readonly blocks: BatchBlock[] = [];
  readonly bId: string;
  private readonly people = new Map<string, Member>();

  constructor() {
    this.a.world.submitted.forEach((tx, i) => this.record(tx, 1_001 + i));
    for (const m of this.a.members) this.people.set(m.name, m);
    const committee = this.world.member("committee of B");
    const metadata = { ...TEST_METADATA, name: "Other Dollars", symbol: "OTH" };
    const create = createCommunity({ policy: TEST_POLICY, metadata, committee: committee.owner }, this.ctx(committee));
    this.bId = create.inputs[0]!.boxId;
    this.submit(create, [committee]);
    for (const name of ["dave", "erin"]) {
      const member = this.world.member(name);
      this.people.set(name, member);
      this.submit(join({ community: this.communityBox(this.bId), owner: member.owner }, this.ctx(member)), [member]);
    }
  }

  member(name: string): Member {
    const member = this.people.get(name) ?? this.world.member(name);
    this.people.set(name, member);
    return member;
  }

  /** The build context at the tip, with `member`'s wallet when given. */
  ctx(member?: Member) {
    return { height: this.world.height, ...(member ? { wallet: this.world.wallet(member) } : {}) };
  }

  /** The live account `name` owns (in A for alice, bob and carol, in B for dave and erin). */
  account(name: string): Account {
    const owner = this.member(name).owner.toLowerCase();
    for (const box of this.world.utxos.values()) {
      const decoded = decodeAccount(box);
      if (decoded.ok && decoded.value.owner === owner) return decoded.value;
    }
    throw new Error(`no live account for ${name}`);
  }

  communityBox(communityId: string) {
    const box = [...this.world.utxos.values()].find((b) => b.ergoTree === COMMUNITY_ERGO_TREE && b.assets[0]?.tokenId === communityId);
    if (!box) throw new Error(`no live community box of ${communityId}`);
    return box;
  }

  /** Judges `tx` with both interpreters, mines it, and returns what its block changed. */
  submit(tx: EIP12UnsignedTransaction, signers: Member[]): BlockChanges {
    return this.record(this.world.submit(tx, signers).signed, this.world.height);
  }

  /** Keeps `txs`, in this order, as one block at `height` and replays it. */
  record(tx: SignedTransaction | ChainTransaction, height: number, ...more: (SignedTransaction | ChainTransaction)[]): BlockChanges {
    const block = blockOf(height, ...[tx, ...more].map(chainTx));
    this.blocks.push(block);
    return this.replay.applyBlock(block);
  }
}
