/**
 * Test helper for the marketplace specs: `SettlementChain` (communities A and B, a settler) with
 * a member's marketplace notes written by the top-up and pay builders, and a listing to publish.
 */
import type { Kysely } from "kysely";
import { pay } from "../../contracts/builders/pay.ts";
import { topUp } from "../../contracts/builders/top-up.ts";
import type { Listing } from "../../contracts/market/listing.ts";
import type { MarketIntent } from "../../contracts/market/market-notes.ts";
import type { Database } from "../db/schema.ts";
import type { BatchBlock } from "./batch.ts";
import type { BlockChanges } from "./lets-events.ts";
import { BatchPipeline } from "./pipeline.ts";
import { SettlementChain } from "./settlement-testing.ts";

/** A listing valid for 1,000 blocks after `height`, with `overrides`. */
export const listing = (height: number, overrides: Partial<Listing> = {}): Listing => ({
  kind: "offer", title: "Fresh bread", category: "food", price: { type: "fixed", units: "12" }, expiryHeight: height + 1_000, ...overrides,
});

/** The chain of `SettlementChain` with members' marketplace notes. */
export class MarketChain extends SettlementChain {
  /** `name` writes `market` on its own account input (a top-up that adds nothing else); returns the input's box id. */
  note(name: string, market: MarketIntent): { boxId: string; changes: BlockChanges } {
    const boxId = this.account(name).boxId;
    const changes = this.submit(topUp({ account: this.account(name).box, market }, this.ctx()), [this.member(name)]);
    return { boxId, changes };
  }

  /** `name` publishes `l` (default: a bread offer); returns the listing's id. */
  publish(name: string, l: Listing = listing(this.world.height)): string {
    return this.note(name, { listing: { op: "publish", listing: l } }).boxId;
  }

  /** `payer` pays `payee` `amount` units, for `listingId` if given; returns the transaction id. */
  pay(payer: string, payee: string, amount: bigint, listingId?: string): string {
    const tx = pay({ payer: this.account(payer).box, payees: [{ account: this.account(payee).box, amountUnits: amount }], ...(listingId ? { listingId } : {}) }, this.ctx());
    this.submit(tx, [this.member(payer)]);
    return this.blocks.at(-1)!.transactions[0]!.id;
  }

  /** The transaction id of the last block's first transaction. */
  lastTxId(): string {
    return this.blocks.at(-1)!.transactions[0]!.id;
  }
}

/** Syncs `blocks` into `db` through the sync's pipeline, in one batch. */
export async function syncBlocks(db: Kysely<Database>, blocks: BatchBlock[]): Promise<void> {
  const pipeline = new BatchPipeline(db);
  await pipeline.add(blocks);
  await pipeline.finish();
}

/** Syncs `blocks` one batch per block, as a node at its tip is followed. */
export async function syncBlockByBlock(db: Kysely<Database>, blocks: BatchBlock[]): Promise<void> {
  const pipeline = new BatchPipeline(db);
  for (const block of blocks) await pipeline.add([block]);
  await pipeline.finish();
}

/** Every marketplace row, in key order: for row-for-row comparison. */
export async function marketDump(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const plain = (rows: object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])));
  return {
    listings: plain(await db.selectFrom("listings").selectAll().orderBy("id").execute()),
    listing_events: plain(await db.selectFrom("listing_events").selectAll().orderBy("listing_id").orderBy("tx_id").execute()),
    reviews: plain(await db.selectFrom("reviews").selectAll().orderBy("payment_tx_id").orderBy("reviewer").orderBy("payee").execute()),
    shops: plain(await db.selectFrom("shops").selectAll().orderBy("account_id").orderBy("tx_id").execute()),
    payment_listings: plain(await db.selectFrom("payment_listings").selectAll().orderBy("tx_id").orderBy("payer").execute()),
    refused_notes: plain(await db.selectFrom("refused_notes").selectAll().orderBy("tx_id").orderBy("box_id").orderBy("reason").execute()),
  };
}
