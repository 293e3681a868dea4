import { describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import { migrateDown, migrateToLatest } from "./connect.ts";
import type { Database } from "./schema.ts";
import { BACKENDS } from "./testing.ts";

/** The indexes migration 0003 adds. */
const QUERY_INDEXES = [
  "account_boxes_created", "account_boxes_live", "account_boxes_spent", "community_boxes_created", "community_boxes_spent",
  "events_account", "events_closing", "payments_height",
];
/** Migration 0005 turns two of them into partial indexes. */
const REPLACED = { events_account: "events_closing_account", account_boxes_owner: "account_boxes_owner_live" };

/** What migration 0006 adds: box creation heights, the metadata problem, the compromises table. */
const columnsOf = async (db: Kysely<Database>, table: string) =>
  (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = ${table} order by column_name`.execute(db)).rows.map((r) => r.column_name);

describe.each(BACKENDS)("migrations on $name", ({ open }) => {
  it("migrate up to every LETS table, index and column, down step by step, and all the way down again", async () => {
    const { db, drop } = await open();
    try {
      const tables = async () =>
        (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely%' order by table_name`.execute(db)).rows.map((r) => r.table_name);
      const indexes = async () =>
        (await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'public' and indexname not like 'kysely%' order by indexname`.execute(db)).rows.map((r) => r.indexname);
      const closingKinds = async () =>
        (await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'events_closing'`.execute(db)).rows[0]?.indexdef;
      const letsTables = ["account_boxes", "blocks", "communities", "community_boxes", "events", "ignored_boxes", "payments", "pending_changes"];
      const notesTables = ["payment_notes", "profiles", "refused_notes"];
      const lineTables = ["cross_payment_hops", "cross_payments", "gateway_boxes", "line_boxes", "line_events", "lines"];
      const batchTables = ["batch_boxes", "batches", "payment_orders", "settled_orders", "unconfirmed_settlements"];
      const marketTables = ["listing_events", "listings", "payment_listings", "reviews", "shops"];
      const deskTables = ["desk_events", "desk_oracle_boxes", "desk_states", "desk_trades", "desks"];
      const escrowTables = ["escrow_boxes", "escrow_orders", "escrows"];
      const underwritingTables = ["underwriting_boxes", "underwriting_events", "underwriting_stakes"];
      const loanTables = ["loan_bonds", "loan_boxes", "loan_events", "loans"];
      const upTo0017 = [...letsTables, "compromises", ...notesTables, ...lineTables, "economics_events", ...batchTables, ...marketTables, ...deskTables, ...escrowTables];
      const governanceTables = ["governance_boxes", "governances", "proposal_boxes", "proposal_events", "proposals", "vote_boxes", "votes"];
      expect(await tables()).toEqual([...upTo0017, ...underwritingTables, ...loanTables, ...governanceTables].sort());
      const all = await indexes();
      const latestQueryIndexes = QUERY_INDEXES.map((name) => (name === "events_account" ? REPLACED.events_account : name));
      expect(all).toEqual(expect.arrayContaining([...latestQueryIndexes, REPLACED.account_boxes_owner, "compromises_community", "compromises_height", "compromises_pk"]));
      expect(all).not.toContain("events_account");
      expect(all).not.toContain("account_boxes_owner");
      expect(await closingKinds()).toMatch(/'close'/);
      expect(await columnsOf(db, "community_boxes")).toEqual(expect.arrayContaining(["creation_height", "metadata_problem"]));
      expect(await columnsOf(db, "account_boxes")).toContain("creation_height");
      expect(all).toEqual(expect.arrayContaining(["payment_notes_request", "profiles_account", "profiles_name", "refused_notes_height"]));

      expect(all).toEqual(expect.arrayContaining(["cross_payment_hops_line", "cross_payments_payer_community", "gateway_boxes_community", "line_boxes_line", "line_events_height"]));
      expect(await columnsOf(db, "line_events")).toContain("shard");
      expect(all).toEqual(expect.arrayContaining(["economics_events_pk", "economics_events_community", "economics_events_account", "economics_events_height"]));
      expect(await columnsOf(db, "community_boxes")).toEqual(expect.arrayContaining(["demurrage_ppm", "fee_bps", "allowance", "sweep_min"]));
      expect(await columnsOf(db, "account_boxes")).toEqual(expect.arrayContaining(["fee_bps", "newcomer_blocks", "accrued", "charged_height", "received", "allowance", "carry"]));
      expect(await columnsOf(db, "account_boxes")).toContain("next_seq");
      expect(all).toEqual(expect.arrayContaining(["batch_boxes_spent", "batches_community", "settled_orders_order", "settled_orders_height", "unconfirmed_settlements_order", "payment_orders_payer"]));
      expect(all).toEqual(expect.arrayContaining(["listings_search", "listings_place", "listing_events_height", "reviews_payee", "shops_height", "payment_listings_listing"]));
      expect(await columnsOf(db, "refused_notes")).toContain("note");
      expect(all).toEqual(expect.arrayContaining(["desks_community", "desk_states_desk", "desk_trades_account", "desk_events_community", "desk_oracle_boxes_height"]));
      expect(all).toEqual(expect.arrayContaining(["escrows_community", "escrow_boxes_escrow", "escrow_orders_payer", "escrow_orders_payee", "escrow_orders_settled"]));
      expect(all).toEqual(expect.arrayContaining(["underwriting_stakes_community", "underwriting_boxes_stake", "underwriting_events_stake"]));
      expect(await columnsOf(db, "account_boxes")).toEqual(expect.arrayContaining(["backed", "stake_keys"]));
      expect(all).toEqual(expect.arrayContaining(["loans_bank", "loans_business", "loans_investor", "loans_state", "loan_boxes_loan", "loan_bonds_loan", "loan_events_pk", "loan_events_height"]));
      expect(await columnsOf(db, "community_boxes")).toContain("governance_id");
      expect(all).toEqual(expect.arrayContaining(["governance_boxes_community", "proposals_community", "proposal_boxes_proposal", "vote_boxes_proposal", "votes_pk", "votes_account", "proposal_events_pk"]));
      await migrateDown(db, 1); // 0021
      expect(await tables()).toEqual([...upTo0017, ...underwritingTables, ...loanTables].sort());
      expect(await columnsOf(db, "community_boxes")).toContain("governance_id");
      await migrateDown(db, 1); // 0020
      expect(await columnsOf(db, "community_boxes")).not.toContain("governance_id");
      await migrateDown(db, 1); // 0019
      expect(await tables()).toEqual([...upTo0017, ...underwritingTables].sort());
      await migrateDown(db, 1); // 0018
      expect(await tables()).toEqual(upTo0017.sort());
      expect(await columnsOf(db, "account_boxes")).not.toContain("backed");
      await migrateDown(db, 1); // 0017
      expect(await tables()).toEqual([...letsTables, "compromises", ...notesTables, ...lineTables, "economics_events", ...batchTables, ...marketTables, ...deskTables].sort());
      await migrateDown(db, 1); // 0016
      expect(await tables()).toEqual([...letsTables, "compromises", ...notesTables, ...lineTables, "economics_events", ...batchTables, ...marketTables].sort());
      expect(await columnsOf(db, "payments")).toContain("erg_nano_erg");
      await migrateDown(db, 1); // 0015
      expect(await columnsOf(db, "payments")).not.toContain("erg_nano_erg");
      await migrateDown(db, 1); // 0014
      expect(await tables()).toEqual([...letsTables, "compromises", ...notesTables, ...lineTables, "economics_events", ...batchTables].sort());
      expect(await columnsOf(db, "refused_notes")).not.toContain("note");
      await migrateDown(db, 1); // 0013
      expect(await tables()).toEqual([...letsTables, "compromises", ...notesTables, ...lineTables, "economics_events"].sort());
      await migrateDown(db, 1); // 0012
      expect(await columnsOf(db, "account_boxes")).not.toContain("next_seq");
      expect(await columnsOf(db, "account_boxes")).toContain("accrued");
      await migrateDown(db, 1); // 0011
      expect(await tables()).toEqual([...letsTables, "compromises", ...notesTables, ...lineTables].sort());
      expect(await columnsOf(db, "community_boxes")).not.toContain("sweep_min");
      expect(await columnsOf(db, "account_boxes")).not.toContain("accrued");
      await migrateDown(db, 1); // 0010
      expect(await columnsOf(db, "line_events")).not.toContain("shard");
      expect(await tables()).toEqual([...letsTables, "compromises", ...notesTables, ...lineTables].sort());
      await migrateDown(db, 1); // 0009
      expect(await tables()).toEqual([...letsTables, "compromises", ...notesTables].sort());
      expect(await columnsOf(db, "profiles")).toContain("position");
      await migrateDown(db, 1); // 0008
      expect(await columnsOf(db, "profiles")).not.toContain("position");
      await migrateDown(db, 1); // 0007
      expect(await tables()).toEqual([...letsTables, "compromises"].sort());
      await migrateDown(db, 1); // 0006
      expect(await tables()).toEqual(letsTables);
      expect(await columnsOf(db, "community_boxes")).not.toContain("creation_height");
      expect(await columnsOf(db, "community_boxes")).not.toContain("metadata_problem");
      expect(await columnsOf(db, "account_boxes")).not.toContain("creation_height");
      expect(await closingKinds()).not.toMatch(/'close'/);
      await migrateDown(db, 1); // 0005
      const before0005 = await indexes();
      expect(before0005).toEqual(expect.arrayContaining(["events_account", "account_boxes_owner"]));
      expect(before0005).not.toContain(REPLACED.events_account);
      expect(before0005).not.toContain(REPLACED.account_boxes_owner);
      await migrateDown(db, 1); // 0004
      expect(await columnsOf(db, "pending_changes")).not.toContain("position");
      expect(await indexes()).toEqual(before0005);
      await migrateDown(db, 1); // 0003
      expect(await tables()).toEqual(letsTables);
      expect(await indexes()).toEqual(before0005.filter((name) => !QUERY_INDEXES.includes(name)));
      await migrateToLatest(db);
      expect(await indexes()).toEqual(all);
      expect(await columnsOf(db, "pending_changes")).toContain("position");

      await migrateDown(db);
      expect(await tables()).toEqual([]);
      expect(await indexes()).toEqual([]);
    } finally {
      await drop();
    }
  });

  it("0005 also finishes a database whose 0003 was the edited one (the new indexes already there, the old ones gone)", async () => {
    const { db, drop } = await open();
    try {
      await migrateDown(db, 17); // 0021, 0020, 0019, 0018, 0017, 0016, 0015, 0014, 0013, 0012, 0011, 0010, 0009, 0008, 0007, 0006, 0005
      // What the edited 0003 left: the partial indexes, and neither of the ones 0005 replaces.
      await sql`drop index events_account`.execute(db);
      await sql`drop index account_boxes_owner`.execute(db);
      await sql`create index events_closing_account on events (account_id) where kind in ('leave', 'default')`.execute(db);
      await sql`create index account_boxes_owner_live on account_boxes (owner) where spent_height is null`.execute(db);
      await migrateToLatest(db);
      const names = (await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'public'`.execute(db)).rows.map((r) => r.indexname);
      expect(names).toEqual(expect.arrayContaining(Object.values(REPLACED)));
      expect(names).not.toContain("events_account");
      expect(names).not.toContain("account_boxes_owner");
    } finally {
      await drop();
    }
  });

  it("0006 backfills the creation heights of rows made before it from the block that made them", async () => {
    const { db, drop } = await open();
    try {
      await migrateDown(db, 16); // 0021, 0020, 0019, 0018, 0017, 0016, 0015, 0014, 0013, 0012, 0011, 0010, 0009, 0008, 0007, 0006
      const id = (c: string) => c.repeat(64);
      const communityId = id("c");
      await sql`insert into community_boxes (box_id, tx_id, join_fee_nano_erg, max_members, inactivity_blocks, committee, metadata, members_joined,
        community_balance, seats_left, treasury_nano_erg, created_height, community_id, credit_limit, positive_cap, collateral_nano_erg, spent_height)
        values (${id("a")}, ${id("1")}, 0, 1, 0, '08cd', '{}', 0, 0, 1, 1000000, 42, ${communityId}, 1, 0, 0, null)`.execute(db);
      await sql`insert into account_boxes (box_id, account_id, community_id, tx_id, owner, balance, credit_limit, positive_cap, collateral_nano_erg,
        inactivity_blocks, joined_height, last_active_height, value_nano_erg, created_height, spent_height)
        values (${id("b")}, ${id("a")}, ${communityId}, ${id("2")}, '08cd', 0, 1, 0, 0, 0, 43, 43, 1000000, 43, null)`.execute(db);
      await migrateToLatest(db);
      expect(await db.selectFrom("community_boxes").select(["creation_height", "metadata_problem"]).execute()).toEqual([{ creation_height: 42, metadata_problem: null }]);
      expect(await db.selectFrom("account_boxes").select("creation_height").execute()).toEqual([{ creation_height: 43 }]);
      // 0011: boxes from before are plain, their economics columns null.
      expect(await db.selectFrom("account_boxes").select(["accrued", "fee_bps"]).execute()).toEqual([{ accrued: null, fee_bps: null }]);
      expect(await db.selectFrom("community_boxes").select(["allowance", "sweep_min"]).execute()).toEqual([{ allowance: null, sweep_min: null }]);
      // 0012: plain boxes from before had no R9, their order sequence null.
      expect(await db.selectFrom("account_boxes").select("next_seq").execute()).toEqual([{ next_seq: null }]);
    } finally {
      await drop();
    }
  });
});
