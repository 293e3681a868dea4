import { describe, expect, it } from "vitest";
import type { IndexerClient } from "./indexer.ts";
import type { Page, Profile, ProfilesQuery } from "./indexer-types.ts";
import { ACCOUNTS_PER_CALL, namesFor, namesOf } from "./names.ts";

const hex = (n: number) => n.toString(16).padStart(64, "0");
/** A community where every account with an even number set a profile named after it. */
const profile = (n: number): Profile => ({ accountId: hex(n), communityId: "c", name: `Member ${n}`, about: null, link: null, txId: hex(n + 1), height: 3, timestamp: 0 });
const ALL = Array.from({ length: 2_500 }, (_, n) => n).filter((n) => n % 2 === 0).map(profile);

/** An indexer that answers the profiles call as the API does, and records each query. */
function fakeIndexer() {
  const calls: ProfilesQuery[] = [];
  const profiles = async (_communityId: string, q: ProfilesQuery = {}): Promise<Page<Profile>> => {
    calls.push(q);
    const rows = q.accounts ? ALL.filter((p) => q.accounts!.includes(p.accountId)) : ALL;
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 100;
    return { total: rows.length, limit, offset, items: rows.slice(offset, offset + limit) };
  };
  return { calls, indexer: { profiles } as unknown as IndexerClient };
}

describe("namesFor", () => {
  it("names a page's accounts in one call for those accounts only, each id asked once", async () => {
    const { calls, indexer } = fakeIndexer();
    const names = await namesFor(indexer, "c", [hex(2), hex(3), hex(2), hex(4)]);
    expect([...names]).toEqual([[hex(2), "Member 2"], [hex(4), "Member 4"]]);
    expect(calls).toEqual([{ accounts: [hex(2), hex(3), hex(4)], limit: ACCOUNTS_PER_CALL }]);
  });

  it("asks nothing for no accounts", async () => {
    const { calls, indexer } = fakeIndexer();
    expect((await namesFor(indexer, "c", [])).size).toBe(0);
    expect(calls).toEqual([]);
  });

  it("reads the community's whole list, a thousand a page, for more accounts than one call takes", async () => {
    const { calls, indexer } = fakeIndexer();
    const ids = Array.from({ length: ACCOUNTS_PER_CALL + 1 }, (_, n) => hex(n));
    const names = await namesFor(indexer, "c", ids);
    expect(names.size).toBe(ALL.length);
    expect(names.get(hex(2_498))).toBe("Member 2498");
    expect(calls.map((q) => [q.accounts, q.offset])).toEqual([[undefined, 0], [undefined, 1_000]]);
  });
});

describe("namesOf", () => {
  it("keeps the names of the accounts shown only, as a plain object", () => {
    const names = new Map([[hex(2), "Member 2"], [hex(4), "Member 4"]]);
    expect(namesOf(names, [hex(4), hex(5)])).toEqual({ [hex(4)]: "Member 4" });
  });
});
