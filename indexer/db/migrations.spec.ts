import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateDown, migrateToLatest } from "./connect.ts";
import { BACKENDS } from "./testing.ts";

/** The indexes migration 0003 adds. */
const QUERY_INDEXES = [
  "account_boxes_created", "account_boxes_live", "account_boxes_owner_live", "account_boxes_spent", "community_boxes_created", "community_boxes_spent",
  "events_closing", "events_closing_account", "payments_height",
];

describe.each(BACKENDS)("migrations on $name", ({ open }) => {
  it("migrate up to every LETS table, index and column, down step by step, and all the way down again", async () => {
    const { db, drop } = await open();
    try {
      const tables = async () =>
        (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely%' order by table_name`.execute(db)).rows.map((r) => r.table_name);
      const indexes = async () =>
        (await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'public' and indexname not like 'kysely%' order by indexname`.execute(db)).rows.map((r) => r.indexname);
      const letsTables = ["account_boxes", "blocks", "communities", "community_boxes", "events", "ignored_boxes", "payments", "pending_changes"];
      expect(await tables()).toEqual(letsTables);
      const all = await indexes();
      expect(all).toEqual(expect.arrayContaining(QUERY_INDEXES));

      const pendingColumns = async () =>
        (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'pending_changes' order by column_name`.execute(db)).rows.map((r) => r.column_name);
      expect(await pendingColumns()).toContain("position");

      await migrateDown(db, 1);
      expect(await pendingColumns()).not.toContain("position");
      expect(await indexes()).toEqual(all);
      await migrateDown(db, 1);
      expect(await tables()).toEqual(letsTables);
      expect(await indexes()).toEqual([...all.filter((name) => !QUERY_INDEXES.includes(name)), "account_boxes_owner"].sort());
      await migrateToLatest(db);
      expect(await indexes()).toEqual(all);
      expect(await pendingColumns()).toContain("position");

      await migrateDown(db);
      expect(await tables()).toEqual([]);
      expect(await indexes()).toEqual([]);
    } finally {
      await drop();
    }
  });
});
