// Community economics through the API, on every backend, over the real chain of
// `sync/economics-chain.ts` (an economics community E with every lever, a plain community P): the
// levers and totals on the community, revenue per period of blocks, each account's R9 and earned
// credit limit at the indexed tip against the contracts' own formulas on the chain's boxes, the
// charges on payment legs and transactions (balances before read from the spent boxes), JSON and
// CSV, and the 400s. The plain community answers as before, with no economics.
import { beforeAll, describe, expect, it } from "vitest";
import { decodeAccount, type Account } from "../../contracts/account/account.ts";
import { creditLimitAt, legOf } from "../../contracts/builders/pay.ts";
import { earnedCreditLimit, worth } from "../../contracts/economics.ts";
import { BACKENDS } from "../db/testing.ts";
import { ECON_LEVERS, economicsChain, type EconomicsChain, type ExpectedCharge } from "../sync/economics-chain.ts";
import { BatchPipeline } from "../sync/pipeline.ts";
import { csvRows } from "../../util/csv.ts";
import type { ApiClient } from "./test-client.ts";
import { apiOver } from "./testing.ts";

let chain: EconomicsChain;
let E: string;
let P: string;
let tip: number;
/** Every expected economics event of the chain. */
let charges: ExpectedCharge[];
beforeAll(() => {
  chain = economicsChain();
  E = chain.econ.communityId;
  P = chain.plain.communityId;
  tip = chain.blocks.at(-1)!.header.height;
  charges = Object.values(chain.expected).flat();
});

const sum = (pick: (c: ExpectedCharge) => bigint, kind?: ExpectedCharge["kind"]) =>
  charges.filter((c) => kind === undefined || c.kind === kind).reduce((s, c) => s + pick(c), 0n).toString();
/** The live economics accounts on the chain. */
const liveAccounts = (): Account[] =>
  [...chain.econ.world.utxos.values()].map((b) => decodeAccount(b)).flatMap((d) => (d.ok && d.value.communityId === E ? [d.value] : []));
const column = (head: string[], row: string[], name: string) => row[head.indexOf(name)];

describe.each(BACKENDS)("economics through the API on $name", ({ open }) => {
  let api: ApiClient;

  beforeAll(async () => {
    const served = await apiOver(open, async (db) => {
      const pipeline = new BatchPipeline(db);
      await pipeline.add(chain.blocks);
      await pipeline.finish();
    });
    api = served.api;
    return served.close;
  });

  it("shows an economics community's levers and totals, which balance, and a plain community with none", async () => {
    const e = (await api.get(`/communities/${E}`)).body;
    expect(e.policy.economics).toEqual(Object.fromEntries(Object.entries(ECON_LEVERS).map(([k, v]) => [k, `${v}`])));
    const live = liveAccounts();
    expect(e.economics).toEqual({
      fees: sum((c) => c.fee), demurrage: sum((c) => c.demurrage), swept: sum((c) => c.collected, "sweep"), collectedAtExit: sum((c) => c.collected, "exit"),
      outstanding: live.reduce((s, a) => s + a.economy!.accrued, 0n).toString(),
      allowanceIssued: sum((c) => c.allowanceIssued), allowanceSpent: sum((c) => c.allowanceUsed), allowanceReturned: sum((c) => c.allowanceReturned),
      allowanceOutstanding: live.reduce((s, a) => s + a.economy!.allowance, 0n).toString(),
    });
    const n = (k: string) => BigInt(e.economics[k]);
    expect(n("fees") + n("demurrage")).toBe(n("swept") + n("collectedAtExit") + n("outstanding"));
    expect(n("allowanceIssued")).toBe(n("allowanceSpent") + n("allowanceReturned") + n("allowanceOutstanding"));
    expect([n("fees"), n("demurrage"), n("swept"), n("collectedAtExit"), n("outstanding"), n("allowanceReturned")].every((v) => v > 0n)).toBe(true);
    expect(e).toMatchObject({ communityBalance: `${chain.econ.community().communityBalance}`, imbalance: "0", members: 2 });
    const p = (await api.get(`/communities/${P}`)).body;
    expect([p.policy.economics, p.economics, p.imbalance]).toEqual([null, null, "0"]);

    const csv = await api.get("/communities?format=csv");
    const [head, ...rows] = csvRows(csv.text, { crlf: true });
    expect(head!.slice(-20).join(",")).toBe("demurragePpm,demurragePeriod,feeBps,feeMin,turnoverPpm,stepUnits,stepBlocks,maxCreditLimit,newcomerBlocks,allowance,sweepMin,"
      + "fees,demurrage,swept,collectedAtExit,outstanding,allowanceIssued,allowanceSpent,allowanceReturned,allowanceOutstanding");
    const row = (id: string) => rows.find((r) => r[0] === id)!;
    expect(head!.slice(-20).map((name) => column(head!, row(E), name))).toEqual([...Object.values(e.policy.economics), ...Object.values(e.economics)]);
    expect(row(P).slice(-20)).toEqual(Array(20).fill(""));
  });

  it("tells revenue per period of blocks: the periods add up to the totals, the sweep in its period, what accounts hold after each", async () => {
    const e = (await api.get(`/communities/${E}`)).body;
    const r = (await api.get(`/communities/${E}/revenue?bucket=100`)).body;
    expect(r).toMatchObject({ communityId: E, bucket: 100, fromHeight: e.createdHeight, toHeight: tip });
    expect(r.items[0].fromHeight).toBe(e.createdHeight);
    expect(r.items.at(-1).toHeight).toBe(tip);
    for (const [i, item] of r.items.entries()) if (i > 0) expect(item.fromHeight).toBe(r.items[i - 1].toHeight + 1);
    for (const key of ["fees", "demurrage", "swept", "collectedAtExit", "allowanceIssued", "allowanceSpent", "allowanceReturned"]) {
      expect(r.items.reduce((s: bigint, b: Record<string, string>) => s + BigInt(b[key]!), 0n).toString(), key).toBe(e.economics[key]);
    }
    expect([r.items.at(-1).outstanding, r.items.at(-1).allowanceOutstanding]).toEqual([e.economics.outstanding, e.economics.allowanceOutstanding]);
    const sweepPeriod = r.items.find((b: { fromHeight: number; toHeight: number }) => b.fromHeight <= chain.at.sweep! && chain.at.sweep! <= b.toHeight);
    expect(BigInt(sweepPeriod.swept)).toBe(chain.expected.sweep!.reduce((s, c) => s + c.collected, 0n));
    expect(r.items.some((b: { fees: string }) => b.fees === "0")).toBe(true); // the empty periods are there

    // A range: its ends clip the periods; what accounts held before it carries in.
    const from = chain.at.bobPaysTwo!;
    const part = (await api.get(`/communities/${E}/revenue?bucket=7&fromHeight=${from}&toHeight=${chain.at.sweep}`)).body;
    expect([part.items[0].fromHeight, part.items.at(-1).toHeight]).toEqual([from, chain.at.sweep]);
    const before = (await api.get(`/communities/${E}/revenue?bucket=1000000&toHeight=${from - 1}`)).body.items.at(-1);
    const first = part.items[0];
    expect(BigInt(first.outstanding)).toBe(BigInt(before.outstanding) + BigInt(first.fees) + BigInt(first.demurrage) - BigInt(first.swept) - BigInt(first.collectedAtExit));
    const csv = await api.get(`/communities/${E}/revenue?bucket=100&format=csv`);
    const [head, ...rows] = csvRows(csv.text, { crlf: true });
    expect(head!.join(",")).toBe("fromHeight,toHeight,fees,demurrage,swept,collectedAtExit,allowanceIssued,allowanceSpent,allowanceReturned,outstanding,allowanceOutstanding");
    expect(rows).toEqual(r.items.map((b: Record<string, unknown>) => head!.map((h) => String(b[h]))));
    const plain = (await api.get(`/communities/${P}/revenue?bucket=100`)).body.items;
    expect(plain.every((b: Record<string, unknown>) => b.fees === "0" && b.outstanding === "0" && b.allowanceIssued === "0")).toBe(true);
  });

  it("refuses bad revenue queries with a clear 400, and an unknown community with a 404", async () => {
    const cases: [string, number, RegExp][] = [
      [`/communities/${E}/revenue?bucket=0`, 400, /^bucket must be an integer 1\.\.2147483647$/],
      [`/communities/${E}/revenue?bucket=day`, 400, /^bucket must be an integer/],
      [`/communities/${E}/revenue?fromHeight=9&toHeight=8`, 400, /^fromHeight must not exceed toHeight$/],
      [`/communities/${E}/revenue?bucket=1&fromHeight=0&toHeight=5000`, 400, /^bucket 1 splits heights 0\.\.5000 into 5001 periods, more than 1000: use a larger bucket or a narrower fromHeight\.\.toHeight$/],
      [`/communities/${E}/revenue?interval=day`, 400, /^unknown query parameter "interval"$/],
      [`/communities/${"ab".repeat(32)}/revenue`, 404, /^no community/],
    ];
    for (const [url, status, detail] of cases) {
      const reply = await api.get(url);
      expect([reply.status, reply.body.detail], url).toEqual([status, expect.stringMatching(detail)]);
    }
  });

  it("shows each account's R9, worth, demurrage due and earned credit limit at the indexed tip, as the contracts compute them from its box", async () => {
    for (const account of liveAccounts()) {
      const a = (await api.get(`/accounts/${account.accountId}`)).body;
      const e = account.economy!;
      const terms = { ...account.terms.economics!, creditLimit: account.terms.creditLimit, joinedHeight: account.terms.joinedHeight };
      const limit = earnedCreditLimit(terms, e.received, BigInt(tip));
      expect(creditLimitAt(account, BigInt(tip))).toBe(limit.limit);
      expect(a.economics).toEqual({
        terms: Object.fromEntries(Object.entries(account.terms.economics!).map(([k, v]) => [k, `${v}`])),
        accrued: `${e.accrued}`, chargedHeight: Number(e.chargedHeight), received: `${e.received}`, allowance: `${e.allowance}`, carry: `${e.carry}`,
        worth: `${worth(account.balance, e)}`, demurrageDue: `${legOf(account, {}, BigInt(tip)).demurrage}`,
        newcomerUntilHeight: Number(account.terms.joinedHeight + ECON_LEVERS.newcomerBlocks),
        creditLimit: {
          height: tip, limit: `${limit.limit}`, base: `${limit.base}`, fromTurnover: `${limit.fromTurnover}`, fromSteps: `${limit.fromSteps}`,
          steps: `${limit.steps}`, capped: limit.capped, max: `${limit.max}`,
        },
      });
      expect(a.creditLeft).toBe(`${account.balance + limit.limit}`);
    }
    const bob = (await api.get(`/accounts/${chain.accounts.bob}`)).body.economics;
    expect([BigInt(bob.creditLimit.fromTurnover) > 0n, BigInt(bob.creditLimit.fromSteps) > 0n]).toEqual([true, true]);
    // Carol left: what her exit handed the community, no limit or demurrage any more.
    const carol = (await api.get(`/accounts/${chain.accounts.carol}`)).body;
    const exit = chain.expected.carolLeaves![0]!;
    expect(carol).toMatchObject({ status: "left", balance: "0", creditLeft: "0" });
    expect(carol.economics).toMatchObject({
      accrued: `${exit.collected}`, allowance: `${exit.allowanceReturned}`, worth: `${exit.collected + exit.allowanceReturned}`, demurrageDue: null, creditLimit: null,
    });
    expect((await api.get(`/accounts/${chain.accounts.dave}`)).body).toMatchObject({ economics: null, nextSeq: "0" }); // a plain account's R9

    const json = (await api.get(`/communities/${E}/accounts`)).body.items;
    const [head, ...rows] = csvRows((await api.get(`/communities/${E}/accounts?format=csv`)).text, { crlf: true });
    expect(head!.slice(19, -3).join(",")).toBe("accrued,chargedHeight,received,allowance,carry,worth,demurrageDue,newcomerUntilHeight,earnedCreditLimit,earnedCreditLimitFromTurnover,"
      + "earnedCreditLimitFromSteps,earnedCreditLimitSteps,earnedCreditLimitCapped,earnedCreditLimitHeight,demurragePpm,demurragePeriod,feeBps,feeMin,turnoverPpm,stepUnits,stepBlocks,maxCreditLimit,newcomerBlocks");
    for (const item of json) {
      const row = rows.find((r) => r[0] === item.accountId)!;
      const e = item.economics;
      expect(["accrued", "received", "allowance", "worth", "earnedCreditLimit", "feeBps", "nextSeq"].map((n) => column(head!, row, n)))
        .toEqual([e.accrued, e.received, e.allowance, e.worth, e.creditLimit?.limit ?? "", e.terms.feeBps, ""]);
      expect(item.nextSeq).toBeNull(); // R9 is the economics state, no order sequence
    }
    expect(head!.slice(-3)).toEqual(["nextSeq", "pendingIn", "pendingOut"]);
    const [, ...plainRows] = csvRows((await api.get(`/communities/${P}/accounts?format=csv`)).text, { crlf: true });
    expect(plainRows.length).toBeGreaterThan(0);
    for (const row of plainRows) expect([row.slice(19, -3).every((f) => f === ""), ...row.slice(-3)]).toEqual([true, "0", "0", "0"]);
  });

  it("puts the charges on the payment legs: what moved as the amount, the payer's charges once, each payee's own; none in the plain community", async () => {
    const items = (await api.get(`/communities/${E}/payments?order=asc`)).body.items;
    const legsOf = (name: string) => items.filter((l: { txId: string }) => l.txId === chain.tx[name]);
    const quoted = (name: string, accountId: string) => chain.expected[name]!.find((c) => c.accountId === accountId)!;
    for (const name of ["aliceToBob", "aliceToCarol", "bobPaysTwo", "forgedNote", "carolToZero", "afterSweep"]) {
      const legs = legsOf(name);
      expect(legs.length, name).toBeGreaterThan(0);
      const payer = quoted(name, legs[0].payer);
      legs.forEach((leg: { leg: number; payee: string; economics: Record<string, string> }, i: number) => {
        const payee = quoted(name, leg.payee);
        expect(leg.economics, `${name} leg ${leg.leg}`).toEqual({
          payerFee: `${i === 0 ? payer.fee : 0n}`, payerDemurrage: `${i === 0 ? payer.demurrage : 0n}`, payerAllowanceUsed: `${i === 0 ? payer.allowanceUsed : 0n}`,
          payeeFee: "0", payeeDemurrage: `${payee.demurrage}`, payeeAllowanceUsed: "0",
        });
      });
    }
    expect(legsOf("aliceToBob").map((l: { amount: string }) => l.amount)).toEqual(["50"]);
    expect(legsOf("forgedNote").map((l: { payee: string; amount: string }) => [l.payee, l.amount])).toEqual([[chain.accounts.bob, "1"]]);
    const fees = items.reduce((s: bigint, l: { economics: { payerFee: string; payeeFee: string } }) => s + BigInt(l.economics.payerFee) + BigInt(l.economics.payeeFee), 0n);
    expect(fees.toString()).toBe(sum((c) => c.fee));
    const plain = (await api.get(`/communities/${P}/payments`)).body.items;
    expect(plain.map((l: Record<string, unknown>) => [l.amount, "economics" in l])).toEqual([["7", false]]);
    const [head, ...rows] = csvRows((await api.get(`/communities/${E}/payments?order=asc&format=csv`)).text, { crlf: true });
    expect(head!.slice(-6).join(",")).toBe("payerFee,payerDemurrage,payerAllowanceUsed,payeeFee,payeeDemurrage,payeeAllowanceUsed");
    expect(rows.map((r) => r.slice(-6))).toEqual(items.map((l: { economics: Record<string, string> }) => Object.values(l.economics)));
    const [, plainRow] = csvRows((await api.get(`/communities/${P}/payments?format=csv`)).text, { crlf: true });
    expect(plainRow!.slice(-6)).toEqual(["", "", "", "", "", ""]);
  });

  it("explains each economics transaction: its charges per account, and balances before equal to the boxes it spent", async () => {
    for (const [name, txId] of Object.entries(chain.tx)) {
      // A top-up is no LETS event (nothing moved): its demurrage is in the totals, the revenue and the account's history.
      if (name === "topUp") {
        expect((await api.get(`/transactions/${txId}`)).status).toBe(404);
        continue;
      }
      const tx = (await api.get(`/transactions/${txId}`)).body;
      const expected = chain.expected[name]!;
      if (expected.length === 0) expect(tx.economics, name).toBeUndefined();
      else expect(tx.economics.map(({ communityId: _c, ...e }: Record<string, string>) => e), name).toEqual(
        expected.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, `${v}`]))).sort((a, b) => (a.accountId! < b.accountId! ? -1 : 1)),
      );
      const block = chain.blocks.find((b) => b.transactions[0]!.id === txId)!;
      for (const input of block.transactions[0]!.inputs) {
        const box = await api.get(`/boxes/${input.boxId}`);
        if (box.status !== 200 || box.body.kind !== "account") continue;
        const change = tx.accounts.find((a: { accountId: string }) => a.accountId === box.body.accountId);
        if (change?.closed === false) expect(change.balanceBefore, `${name} ${box.body.accountId}`).toBe(box.body.balance);
      }
    }
    const sweep = (await api.get(`/transactions/${chain.tx.sweep}`)).body;
    expect(sweep).toMatchObject({ kind: "sweep", events: [{ kind: "sweep", accountId: null, amount: sum((c) => c.collected, "sweep") }], legs: [] });
    expect((await api.get(`/transactions/${chain.tx.plain}`)).body.economics).toBeUndefined();
  });

  it("decodes economics boxes, and marks a sweep in an account's balance history", async () => {
    const bob = liveAccounts().find((a) => a.accountId === chain.accounts.bob)!;
    const box = (await api.get(`/boxes/${bob.boxId}`)).body;
    expect(box.economics).toMatchObject({ accrued: `${bob.economy!.accrued}`, chargedHeight: Number(bob.economy!.chargedHeight), terms: { feeBps: `${ECON_LEVERS.feeBps}` } });
    expect((await api.get(`/boxes/${chain.econ.community().boxId}`)).body.policy.economics).toMatchObject({ allowance: "40", sweepMin: "1" });
    const dave = (await api.get(`/boxes/${chain.plain.account("dave").boxId}`)).body;
    expect([dave.economics, (await api.get(`/boxes/${chain.plain.community().boxId}`)).body.policy.economics]).toEqual([null, null]);
    const history = (await api.get(`/accounts/${chain.accounts.bob}/history`)).body.items;
    expect(history.filter((p: { kind: string }) => p.kind === "sweep").map((p: { height: number }) => p.height)).toEqual([chain.at.sweep]);
  });
});
