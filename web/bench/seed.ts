/**
 * A large community written straight into an indexer database with the indexer's own writer
 * (`writeBatch` of the rows a sync would produce): `members` joins, then blocks of payments, each
 * payment spending the two accounts' boxes and creating their successors, as on the chain. The
 * first `profiles` members set a profile (a name, about and link) in block 2, and every tenth
 * payment carries a memo.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { writeBatch } from "../../indexer/sync/write-batch.ts";
import type { Database, NewAccountBox, NewCommunityBox } from "../../indexer/db/schema.ts";
import { emptyBatchRows } from "../../indexer/sync/batch.ts";

const DAY_MS = 86_400_000n;
const CREDIT_LIMIT = 100_000n;
const OWNER_PREFIX = "08cd02";

/** A deterministic 32-byte id (hex) for a label. */
const id = (label: string) => createHash("sha256").update(label).digest("hex");

export interface SeedPlan {
  members: number;
  /** Blocks of payments after the joins, one a day. */
  days: number;
  paymentsPerDay: number;
  /** How many members (the first ones) set a profile. */
  profiles: number;
}

export interface Seeded {
  communityId: string;
  accountIds: string[];
  payments: number;
  height: number;
}


export async function seedLargeCommunity(db: Kysely<Database>, plan: SeedPlan): Promise<Seeded> {
  const start = BigInt(Date.UTC(2026, 0, 5, 10));
  const rows = emptyBatchRows();
  const block = (height: number) =>
    rows.blocks.push({ height, block_id: id(`block ${height}`), parent_id: id(`block ${height - 1}`), timestamp: start + BigInt(height) * DAY_MS });
  const communityId = id("community");
  const genesisTx = id("genesis");
  const policy = { credit_limit: CREDIT_LIMIT, positive_cap: 0n, join_fee_nano_erg: 10_000_000n, collateral_nano_erg: 100_000_000n, max_members: 20_000n, inactivity_blocks: 0n };
  const metadata = JSON.stringify({ name: "Benchmark Dollars", symbol: "BCD", description: "10,000 members", decimals: 2 });
  const communityBox = (boxId: string, txId: string, height: number, joined: number): NewCommunityBox => ({
    box_id: boxId, community_id: communityId, tx_id: txId, ...policy, committee: `${OWNER_PREFIX}${"11".repeat(32)}`, metadata,
    members_joined: BigInt(joined), community_balance: 0n, seats_left: 20_000n - BigInt(joined), treasury_nano_erg: 1_000_000n + BigInt(joined) * 10_000_000n,
    created_height: height, spent_height: null, creation_height: height, metadata_problem: null,
  });

  block(1);
  rows.communities.push({ community_id: communityId, genesis_tx_id: genesisTx, created_height: 1 });
  rows.communityBoxes.push({ ...communityBox(id("community box 1"), genesisTx, 1, 0), spent_height: 2 });
  rows.events.push({ tx_id: genesisTx, seq: 0, height: 1, timestamp: start + DAY_MS, kind: "create", community_id: communityId, account_id: null, amount: null });

  // Every member joins in block 2 (as if the joins were chained in one block).
  block(2);
  rows.communityBoxes.push(communityBox(id("community box 2"), id("join 0"), 2, plan.members));
  const accountIds = Array.from({ length: plan.members }, (_, i) => id(`account ${i}`));
  const live = accountIds.map((accountId, i) => ({ accountId, balance: 0n, boxId: id(`box ${i} 0`), version: 0, lastActive: 2 }));
  const accountBox = (i: number, txId: string, height: number): NewAccountBox => {
    const a = live[i]!;
    return {
      box_id: a.boxId, account_id: a.accountId, community_id: communityId, tx_id: txId, owner: `${OWNER_PREFIX}${id(`owner ${i}`)}`,
      balance: a.balance, credit_limit: CREDIT_LIMIT, positive_cap: 0n, collateral_nano_erg: 100_000_000n, inactivity_blocks: 0n,
      joined_height: 2n, last_active_height: BigInt(a.lastActive), value_nano_erg: 101_000_000n, created_height: height, spent_height: null, creation_height: height,
    };
  };
  const boxRows = new Map<string, NewAccountBox>();
  for (let i = 0; i < plan.members; i++) {
    const txId = id(`join ${i}`);
    const row = accountBox(i, txId, 2);
    boxRows.set(row.box_id, row);
    rows.events.push({ tx_id: txId, seq: 0, height: 2, timestamp: start + 2n * DAY_MS, kind: "join", community_id: communityId, account_id: accountIds[i]!, amount: null });
    if (i < plan.profiles) {
      rows.profiles.push({
        account_id: accountIds[i]!, tx_id: id(`profile ${i}`), height: 2, timestamp: start + 2n * DAY_MS, community_id: communityId,
        name: `Member ${i % 500}`, about: `Offers and wants of member ${i}`, link: `https://member-${i}.example/`, position: 0,
      });
    }
  }

  let seed = 12_345;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  let payments = 0;
  for (let day = 1; day <= plan.days; day++) {
    const height = 2 + day;
    block(height);
    const timestamp = start + BigInt(height) * DAY_MS;
    const touched = new Set<number>();
    for (let p = 0; p < plan.paymentsPerDay; p++) {
      const payer = Math.floor(random() * plan.members);
      const payee = Math.floor(random() * plan.members);
      // One box per account per block keeps the history a chain of boxes without same-block chaining.
      if (payer === payee || touched.has(payer) || touched.has(payee)) continue;
      const amount = BigInt(1 + Math.floor(random() * 5_000));
      if (live[payer]!.balance - amount < -CREDIT_LIMIT) continue;
      touched.add(payer).add(payee);
      const txId = id(`payment ${day} ${p}`);
      for (const [i, delta] of [[payer, -amount], [payee, amount]] as const) {
        const a = live[i]!;
        boxRows.get(a.boxId)!.spent_height = height;
        a.balance += delta;
        a.version++;
        a.boxId = id(`box ${i} ${a.version}`);
        if (delta < 0n) a.lastActive = height;
        const row = accountBox(i, txId, height);
        boxRows.set(row.box_id, row);
      }
      rows.events.push({ tx_id: txId, seq: 0, height, timestamp, kind: "payment", community_id: communityId, account_id: accountIds[payer]!, amount });
      rows.payments.push({ tx_id: txId, leg: 0, height, timestamp, community_id: communityId, payer: accountIds[payer]!, payee: accountIds[payee]!, amount, erg_nano_erg: 0n });
      if (p % 10 === 0) rows.paymentNotes.push({ tx_id: txId, height, community_id: communityId, payer: accountIds[payer]!, memo: `payment ${day} ${p}`, request_id: null });
      payments++;
    }
  }
  rows.accountBoxes = [...boxRows.values()];
  await db.transaction().execute((trx) => writeBatch(trx, rows));
  return { communityId, accountIds, payments, height: 2 + plan.days };
}
