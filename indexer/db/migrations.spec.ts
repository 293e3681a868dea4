import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateDown } from "./connect.ts";
import { BACKENDS } from "./testing.ts";

describe.each(BACKENDS)("migrations on $name", ({ open }) => {
  it("migrate up to every LETS table and all the way down again", async () => {
    const { db, drop } = await open();
    try {
      const tables = async () =>
        (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely%' order by table_name`.execute(db)).rows.map((r) => r.table_name);
      expect(await tables()).toEqual(["account_boxes", "blocks", "communities", "community_boxes", "events", "ignored_boxes", "payments", "pending_changes"]);
      await migrateDown(db);
      expect(await tables()).toEqual([]);
    } finally {
      await drop();
    }
  });
});
