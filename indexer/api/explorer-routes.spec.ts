// The routes the explorer reads (transactions, boxes, distribution, counterparties, balance
// history) over a synced devnet history, on every backend, each checked against the chain
// (LetsOverHttp decodes the live boxes) or against an oracle computed here from the payment legs.
// Every JSON answer is validated against /docs by the test client.
import { beforeAll, describe, expect, it } from "vitest";
import { ownerOf } from "../../client/lets-over-http.ts";
import { BACKENDS, type TestDatabase } from "../db/testing.ts";
import type { Column } from "./csv.ts";
import { BUCKET_COLUMNS } from "./routes/distribution.ts";
import { COUNTERPARTY_COLUMNS } from "./routes/counterparties.ts";
import { HISTORY_COLUMNS } from "./routes/history.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOverHistory, historyForThisFile, MEMBERS, PAYMENTS, type Name } from "./testing.ts";
import { csvRows } from "../../util/csv.ts";

const history = historyForThisFile();

interface Leg {
  txId: string;
  leg: number;
  height: number;
  payer: string;
  payee: string;
  amount: string;
}

const UNKNOWN = "cd".repeat(32);
const delta = (accountId: string, l: Leg) => (l.payee === accountId ? BigInt(l.amount) : 0n) - (l.payer === accountId ? BigInt(l.amount) : 0n);

/** The histogram's definition: equal-width buckets of whole units over [min, max], at most `buckets`. */
function expectedBuckets(balances: bigint[], buckets: number) {
  const min = balances.reduce((a, b) => (b < a ? b : a));
  const max = balances.reduce((a, b) => (b > a ? b : a));
  const span = max - min + 1n;
  const n = BigInt(buckets) < span ? BigInt(buckets) : span;
  const width = (span + n - 1n) / n;
  const out: { from: string; to: string; count: number }[] = [];
  for (let from = min; from <= max; from += width) {
    const to = from + width - 1n > max ? max : from + width - 1n;
    out.push({ from: from.toString(), to: to.toString(), count: balances.filter((b) => b >= from && b <= to).length });
  }
  return { width: width.toString(), items: out };
}

/** Round buckets as the API documents them: the smallest 1-2-5 width that needs at most max(buckets, 2), edges at its multiples. */
function expectedRoundBuckets(balances: bigint[], buckets: number) {
  const min = balances.reduce((a, b) => (b < a ? b : a));
  const max = balances.reduce((a, b) => (b > a ? b : a));
  const floorDiv = (a: bigint, b: bigint) => (a % b < 0n ? a / b - 1n : a / b);
  const widths = Array.from({ length: 20 }, (_, e) => [1n, 2n, 5n].map((m) => m * 10n ** BigInt(e))).flat();
  const width = widths.find((w) => floorDiv(max, w) - floorDiv(min, w) + 1n <= BigInt(Math.max(buckets, 2)))!;
  const out: { from: string; to: string; count: number }[] = [];
  for (let from = floorDiv(min, width) * width; from <= max; from += width) {
    const to = from + width - 1n;
    out.push({ from: from.toString(), to: to.toString(), count: balances.filter((b) => b >= from && b <= to).length });
  }
  return { width: width.toString(), items: out };
}

describe.each(BACKENDS)("the explorer's routes on $name", ({ open }) => {
  let database: TestDatabase;
  let api: ApiClient;
  let A: string;
  let legs: Leg[];

  beforeAll(async () => {
    const served = await apiOverHistory(open, history);
    ({ database, api } = served);
    return served.close;
  });
  beforeAll(async () => {
    A = history.communityId;
    legs = (await api.get(`/communities/${A}/payments?order=asc&limit=1000`)).body.items;
  });

  const get = async (url: string) => {
    const reply = await api.get(url);
    expect(reply.status, url).toBe(200);
    return reply.body;
  };

  it("shows each payment: its legs as paid, and every balance before and after, the after being the box it created", async () => {
    const { accounts: live } = await history.lets.community(A);
    for (const [i, payment] of PAYMENTS.entries()) {
      const txId = legs.find((l) => l.height === history.paymentHeights[i] && l.payer === history.accountIds[payment.payer])!.txId;
      const tx = await get(`/transactions/${txId.toUpperCase()}`);
      expect(tx).toMatchObject({ txId, height: history.paymentHeights[i], communityId: A, kind: "payment" });
      expect(tx.blockId).toMatch(/^[0-9a-f]{64}$/);
      expect(tx.events).toEqual([{ seq: 0, kind: "payment", communityId: A, accountId: history.accountIds[payment.payer], amount: payment.payees.reduce((s, [, a]) => s + a, 0n).toString() }]);
      expect(tx.legs).toEqual(payment.payees.map(([name, amount], leg) => ({ leg, payer: history.accountIds[payment.payer], payee: history.accountIds[name], amount: amount.toString(), ergNanoErg: "0" })));
      const touched: Name[] = [payment.payer, ...payment.payees.map(([name]) => name)];
      expect(tx.accounts.map((a: { accountId: string }) => a.accountId).sort()).toEqual(touched.map((n) => history.accountIds[n]).sort());
      for (const change of tx.accounts) {
        const box = tx.boxes.find((b: { boxId: string }) => b.boxId === change.boxId);
        expect(box).toMatchObject({ kind: "account", accountId: change.accountId, txId, createdHeight: tx.height, balance: change.balanceAfter, owner: change.owner });
        const moved = tx.legs.reduce((s: bigint, l: Leg) => s + delta(change.accountId, l), 0n);
        expect(BigInt(change.balanceAfter) - BigInt(change.balanceBefore)).toBe(moved);
        // The balance before is the balance after the account's previous change (its history's point just before).
        const points = (await get(`/accounts/${change.accountId}/history?limit=1000`)).items;
        const previous = points.filter((p: { height: number }) => p.height < tx.height).at(-1);
        expect(previous.balance).toBe(change.balanceBefore);
        const chain = live.find((a) => a.boxId === change.boxId);
        if (chain) expect(change.balanceAfter).toBe(chain.balance.toString());
      }
    }
  });

  it("tells a creation, a join, a leave and a default apart, with opened and closed accounts", async () => {
    const community = await get(`/communities/${A}`);
    const created = await get(`/transactions/${community.genesisTxId}`);
    expect(created).toMatchObject({ kind: "create", height: community.createdHeight, legs: [], accounts: [] });
    expect(created.boxes).toMatchObject([{ kind: "community", communityId: A, txId: community.genesisTxId, membersJoined: "0", metadata: community.metadata }]);

    const alicePoints = (await get(`/accounts/${history.accountIds.alice}/history`)).items;
    expect(alicePoints[0]).toMatchObject({ kind: "join", balance: "0" });
    const join = await get(`/transactions/${alicePoints[0].txId}`);
    expect(join.kind).toBe("join");
    expect(join.accounts).toEqual([{ accountId: history.accountIds.alice, owner: ownerOf(MEMBERS.alice), opened: true, closed: false, balanceBefore: null, balanceAfter: "0", boxId: expect.any(String) }]);
    // Five joins in one block: each join's community box but the last was spent in that block, so not kept.
    expect(join.boxes.map((b: { kind: string }) => b.kind)).toContain("account");

    for (const [name, kind, before] of [["erin", "leave", "0"], ["dave", "default", "-40"]] as const) {
      const last = (await get(`/accounts/${history.accountIds[name]}/history?order=desc&limit=1`)).items[0];
      expect(last).toMatchObject({ kind, balance: before });
      const tx = await get(`/transactions/${last.txId}`);
      expect(tx).toMatchObject({ kind, height: (await get(`/accounts/${history.accountIds[name]}`)).closedHeight });
      expect(tx.accounts).toEqual([{ accountId: history.accountIds[name], owner: ownerOf(MEMBERS[name]), opened: false, closed: true, balanceBefore: before, balanceAfter: null, boxId: null }]);
      expect(tx.boxes).toMatchObject([{ kind: "community", communityId: A }]);
    }
  });

  it("answers 404 for an unknown transaction or box and 400 for a malformed id", async () => {
    expect(await api.get(`/transactions/${UNKNOWN}`)).toMatchObject({ status: 404, body: { detail: `no LETS transaction ${UNKNOWN}` } });
    expect(await api.get(`/boxes/${UNKNOWN}`)).toMatchObject({ status: 404, body: { detail: `no LETS box ${UNKNOWN}` } });
    expect(await api.get("/transactions/xyz")).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/^txId must be 64 hexadecimal digits/) } });
    expect(await api.get("/boxes/12")).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/^boxId must be 64 hexadecimal digits/) } });
  });

  it("decodes a box, live or spent, as the chain made it", async () => {
    const { accounts, community } = await history.lets.community(A);
    for (const account of accounts) {
      expect(await get(`/boxes/${account.boxId}`)).toMatchObject({
        kind: "account", boxId: account.boxId, accountId: account.accountId, owner: account.owner, balance: account.balance.toString(),
        valueNanoErg: account.valueNanoErg.toString(), spentHeight: null, lastActiveHeight: Number(account.lastActiveHeight),
        nextSeq: String(account.nextSeq),
      });
    }
    expect(await get(`/boxes/${community.boxId}`)).toMatchObject({ kind: "community", communityId: A, spentHeight: null, treasuryNanoErg: community.treasuryNanoErg.toString() });
    const joinTx = (await get(`/accounts/${history.accountIds.bob}/history`)).items[0].txId;
    const joinBox = (await get(`/transactions/${joinTx}`)).boxes.find((b: { kind: string }) => b.kind === "account");
    const spent = await get(`/boxes/${joinBox.boxId}`);
    expect(spent).toEqual(joinBox);
    expect(spent.spentHeight).toBeGreaterThanOrEqual(spent.createdHeight);
  });

  it("buckets the open balances exactly as the histogram's definition says, for any number of buckets", async () => {
    const balances = (await history.lets.community(A)).accounts.map((a) => a.balance);
    for (const buckets of [1, 2, 3, 7, 24, 29, 1000]) {
      const d = await get(`/communities/${A}/distribution?buckets=${buckets}`);
      const expected = expectedBuckets(balances, buckets);
      expect(d).toEqual({
        communityId: A, members: 3, negative: 1, zero: 0, positive: 2, min: "-2", max: "26", bucketWidth: expected.width, items: expected.items,
      });
    }
    expect((await get(`/communities/${A}/distribution`)).items).toEqual(expectedBuckets(balances, 24).items);
  });

  it("with edges=round, buckets start at multiples of a 1-2-5 width, the smallest that fits", async () => {
    const balances = (await history.lets.community(A)).accounts.map((a) => a.balance);
    for (const buckets of [1, 2, 3, 7, 24, 1000]) {
      const d = await get(`/communities/${A}/distribution?buckets=${buckets}&edges=round`);
      const expected = expectedRoundBuckets(balances, buckets);
      expect(d).toMatchObject({ members: 3, min: "-2", max: "26", bucketWidth: expected.width, items: expected.items });
      expect(d.items.every((b: { from: string }) => BigInt(b.from) % BigInt(expected.width) === 0n)).toBe(true);
    }
  });

  it("buckets balances at the ends of a Long exactly, and answers an empty community with no buckets", async () => {
    const extremes = [-(2n ** 63n), -1n, 0n, 5n, 2n ** 63n - 1n];
    const db = database.db;
    const communityId = "ef".repeat(32);
    await db.insertInto("communities").values({ community_id: communityId, genesis_tx_id: UNKNOWN, created_height: 0 }).execute();
    const empty = await get(`/communities/${communityId}/distribution`);
    expect(empty).toMatchObject({ members: 0, min: null, max: null, bucketWidth: null, items: [] });
    const box = (i: number, balance: bigint) => ({
      box_id: `${i}`.padStart(64, "e"), account_id: `${i}`.padStart(64, "f"), community_id: communityId, tx_id: UNKNOWN, owner: "08cd", balance,
      credit_limit: 0n, positive_cap: 0n, collateral_nano_erg: 0n, inactivity_blocks: 0n, joined_height: 0n, last_active_height: 0n,
      value_nano_erg: 0n, created_height: 0, spent_height: null, creation_height: 0,
    });
    await db.insertInto("account_boxes").values(extremes.map((b, i) => box(i, b))).execute();
    try {
      for (const buckets of [1, 3, 4, 1000]) {
        const d = await get(`/communities/${communityId}/distribution?buckets=${buckets}`);
        const expected = expectedBuckets(extremes, buckets);
        expect(d).toMatchObject({ members: 5, negative: 2, zero: 1, positive: 2, min: (-(2n ** 63n)).toString(), max: (2n ** 63n - 1n).toString() });
        expect(d.items).toEqual(expected.items);
        expect(d.items.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(5);
        const round = await get(`/communities/${communityId}/distribution?buckets=${buckets}&edges=round`);
        expect(round.items).toEqual(expectedRoundBuckets(extremes, buckets).items);
      }
    } finally {
      await db.deleteFrom("account_boxes").where("community_id", "=", communityId).execute();
      await db.deleteFrom("communities").where("community_id", "=", communityId).execute();
    }
  });

  it("lists counterparties as the legs add up, sorted either way by every column, paged", async () => {
    for (const name of Object.keys(MEMBERS) as Name[]) {
      const id = history.accountIds[name];
      const mine = legs.filter((l) => l.payer === id || l.payee === id);
      const expected = new Map<string, { paid: bigint; received: bigint; payments: number; lastHeight: number }>();
      for (const l of mine) {
        const other = l.payer === id ? l.payee : l.payer;
        const row = expected.get(other) ?? { paid: 0n, received: 0n, payments: 0, lastHeight: 0 };
        const d = delta(id, l);
        expected.set(other, { paid: row.paid + (d < 0n ? -d : 0n), received: row.received + (d > 0n ? d : 0n), payments: row.payments + 1, lastHeight: Math.max(row.lastHeight, l.height) });
      }
      const page = await get(`/accounts/${id}/counterparties?limit=1000`);
      expect(page.total).toBe(expected.size);
      for (const row of page.items) {
        const e = expected.get(row.accountId)!;
        const owner = (await get(`/accounts/${row.accountId}`)).owner;
        expect(row).toEqual({ accountId: row.accountId, owner, paid: e.paid.toString(), received: e.received.toString(), net: (e.received - e.paid).toString(), payments: e.payments, lastHeight: e.lastHeight });
      }
      for (const sort of ["payments", "paid", "received", "net", "lastHeight"]) {
        for (const order of ["asc", "desc"]) {
          const items = (await get(`/accounts/${id}/counterparties?sort=${sort}&order=${order}`)).items;
          const key = (r: Record<string, string | number>) => BigInt(r[sort]!);
          const sorted = [...items].sort((a, b) => {
            const byKey = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
            return byKey !== 0 ? (order === "asc" ? byKey : -byKey) : a.accountId < b.accountId ? -1 : 1;
          });
          expect(items).toEqual(sorted);
          if (items.length > 1) expect((await get(`/accounts/${id}/counterparties?sort=${sort}&order=${order}&limit=1&offset=1`)).items).toEqual([items[1]]);
        }
      }
    }
    expect(await get(`/accounts/${history.accountIds.bob}/counterparties?offset=50`)).toMatchObject({ total: 2, items: [] });
  });

  it("gives each account's balance after every block that changed it, ending at its balance now", async () => {
    for (const name of Object.keys(MEMBERS) as Name[]) {
      const id = history.accountIds[name];
      const account = await get(`/accounts/${id}`);
      const points = await get(`/accounts/${id}/history?limit=1000`);
      expect(points.total).toBe(points.items.length);
      expect(points.items[0]).toMatchObject({ kind: "join", balance: "0" });
      expect(points.items[0].height).toBeGreaterThanOrEqual(account.joinedHeight);
      expect(points.items.at(-1).balance).toBe(account.balance);
      // Oracle: the running sum of the legs at the end of each block with a leg.
      let balance = 0n;
      const byHeight = new Map<number, string>();
      for (const l of legs.filter((x) => x.payer === id || x.payee === id)) byHeight.set(l.height, (balance += delta(id, l)).toString());
      const payments = points.items.filter((p: { kind: string }) => p.kind === "payment");
      expect(payments.map((p: { height: number; balance: string }) => [p.height, p.balance])).toEqual([...byHeight.entries()]);
      const newestFirst = (await get(`/accounts/${id}/history?order=desc`)).items;
      expect(newestFirst).toEqual([...points.items].reverse());
    }
  });

  it("refuses bad parameters of the new routes with a reason, and 404s unknown ids", async () => {
    const bad: [string, RegExp][] = [
      [`/communities/${A}/distribution?buckets=0`, /^buckets must be an integer 1\.\.1000$/],
      [`/communities/${A}/distribution?buckets=1001`, /^buckets must be an integer 1\.\.1000$/],
      [`/communities/${A}/distribution?bins=5`, /^unknown query parameter "bins"$/],
      [`/accounts/${history.accountIds.bob}/counterparties?sort=owner`, /^sort must be one of: payments, paid, received, net, lastHeight$/],
      [`/accounts/${history.accountIds.bob}/history?order=up`, /^order must be one of: asc, desc$/],
      [`/transactions/${UNKNOWN}?format=csv`, /^unknown query parameter "format"$/],
    ];
    for (const [url, detail] of bad) expect(await api.get(url), url).toMatchObject({ status: 400, body: { error: 400, reason: "bad.request", detail: expect.stringMatching(detail) } });
    for (const url of [`/communities/${UNKNOWN}/distribution`, `/accounts/${UNKNOWN}/counterparties`, `/accounts/${UNKNOWN}/history`]) {
      expect((await api.get(url)).status, url).toBe(404);
    }
  });

  const lists: [string, () => string, Column<never>[], string][] = [
    ["distribution", () => `/communities/${A}/distribution?buckets=5`, BUCKET_COLUMNS as Column<never>[], "from,to,count"],
    ["counterparties", () => `/accounts/${history.accountIds.alice}/counterparties?sort=net`, COUNTERPARTY_COLUMNS as Column<never>[], "accountId,owner,paid,received,net,payments,lastHeight"],
    ["balance history", () => `/accounts/${history.accountIds.dave}/history`, HISTORY_COLUMNS as Column<never>[], "height,timestamp,txId,balance,kind"],
  ];

  it.each(lists)("answers %s as CSV with the documented columns, row for row the JSON", async (_what, url, columns, header) => {
    const json = await get(url());
    const csv = await api.get(`${url()}${url().includes("?") ? "&" : "?"}format=csv`);
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    const [head, ...rows] = csvRows(csv.text, { crlf: true });
    expect(head!.join(",")).toBe(header);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(json.items.map((item: never) => columns.map((c) => String(c.get(item)))));
  });
});
