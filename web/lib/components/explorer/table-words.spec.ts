import { describe, expect, it } from "vitest";
import { ACCOUNT_SORTS } from "$lib/server/tables.ts";
import { membersOrder } from "./table-words.ts";

describe("membersOrder", () => {
  it("says every order in plain words, never a sort key", () => {
    expect(membersOrder("joinedHeight", "asc")).toBe("date joined, oldest first");
    expect(membersOrder("balance", "desc")).toBe("balance, highest first");
    for (const sort of ACCOUNT_SORTS) for (const order of ["asc", "desc"] as const) expect(membersOrder(sort, order)).not.toMatch(/Height|asc|desc/);
  });
});
