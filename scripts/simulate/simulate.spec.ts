/**
 * A small seeded simulation end to end on the devnet (30 members, 10 days, every kind of event),
 * run twice: ground truth read independently of the simulator (live boxes decoded from the node,
 * the indexer's REST API, the report files), and the same seed giving the same economy.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LetsOverHttp } from "../../client/lets-over-http.ts";
import { csvRows } from "../../util/csv.ts";
import { ACCOUNT_COLUMNS, TRANSACTION_COLUMNS } from "./report/tables.ts";
import { REPORT_FILES, writeReport } from "./report/write.ts";
import { simulate, type LiveRun } from "./run.ts";
import { loadScenario } from "./scenario.ts";

interface IndexedPayment {
  payer: string;
  payee: string;
  amount: string;
}

/** What the chain and the indexer said at the end of a run, read without the simulator's code. */
interface Observed {
  chain: { balances: Map<string, bigint>; communityBalance: bigint };
  indexer: { accounts: { accountId: string; status: string; balance: string }[]; payments: IndexedPayment[]; communityBalance: string };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

async function observe(live: LiveRun): Promise<Observed> {
  const view = await new LetsOverHttp(live.node).community(live.communityId);
  const base = `${live.indexerUrl}/communities/${live.communityId}`;
  const payments: IndexedPayment[] = [];
  for (let offset = 0; ; offset += 1_000) {
    const page = await getJson<{ total: number; items: IndexedPayment[] }>(`${base}/payments?order=asc&limit=1000&offset=${offset}`);
    payments.push(...page.items);
    if (payments.length >= page.total) break;
  }
  return {
    chain: { balances: new Map(view.accounts.map((a) => [a.accountId, a.balance])), communityBalance: view.community.communityBalance },
    indexer: {
      accounts: (await getJson<{ items: Observed["indexer"]["accounts"] }>(`${base}/accounts?limit=1000`)).items,
      payments,
      communityBalance: (await getJson<{ communityBalance: string }>(base)).communityBalance,
    },
  };
}

interface Run {
  dir: string;
  observed: Observed;
  summary: Record<string, unknown> & { payments: { attempted: number; accepted: number; refused: number }; refusals: { total: number; byReason: Record<string, number> } };
  reconciled: boolean;
  files: Record<(typeof REPORT_FILES)[number], string>;
}

const scenarioFile = fileURLToPath(new URL("./testing/small.yaml", import.meta.url));

async function run(): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), "simulate-spec-"));
  let observed: Observed | undefined;
  const result = await simulate({ scenario: await loadScenario(scenarioFile), beforeClose: async (live) => void (observed = await observe(live)) });
  await writeReport(result, dir);
  const files = Object.fromEntries(await Promise.all(REPORT_FILES.map(async (f) => [f, await readFile(join(dir, f), "utf8")]))) as Run["files"];
  return { dir, observed: observed!, summary: JSON.parse(files["summary.json"]), reconciled: result.reconciliation.ok, files };
}

/** CSV rows as objects keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = csvRows(text);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

const withoutIdsAndTimes = (summary: Record<string, unknown>) => ({ ...summary, chain: undefined, run: undefined });
const withoutColumn = (text: string, column: string) => {
  const rows = csvRows(text);
  const at = rows[0]!.indexOf(column);
  return rows.map((row) => row.filter((_, i) => i !== at));
};

describe("lets simulate on the devnet (30 members, 10 days, seed 7)", () => {
  let first: Run;
  let second: Run;

  beforeAll(async () => {
    first = await run();
    second = await run();
  }, 900_000);

  afterAll(async () => {
    for (const r of [first, second]) if (r) await rm(r.dir, { recursive: true, force: true });
  });

  it("reconciles the simulator's ledger with the chain and the indexer", () => {
    expect(first.reconciled).toBe(true);
    expect(first.summary.reconciliation).toMatchObject({ ok: true, checks: [{ name: "ledger sums to 0" }, { name: "ledger = chain" }, { name: "ledger = indexer" }] });
  });

  it("reports balances equal to the live account boxes and to the indexer, summing to 0 with the community balance", () => {
    const accounts = records(first.files["accounts.csv"]);
    const open = accounts.filter((a) => a.status === "open");
    const { chain, indexer } = first.observed;
    expect(chain.balances.size).toBe(open.length);
    for (const a of open) expect(chain.balances.get(a.accountId!), a.member).toBe(BigInt(a.balance!));
    const indexed = new Map(indexer.accounts.map((a) => [a.accountId, a]));
    expect(indexed.size).toBe(accounts.length);
    for (const a of accounts) expect(indexed.get(a.accountId!), a.member).toMatchObject({ status: a.status, balance: a.balance });
    expect([...chain.balances.values()].reduce((s, b) => s + b, chain.communityBalance)).toBe(0n);
    expect(first.summary.communityBalance).toBe(chain.communityBalance.toString());
    expect(indexer.communityBalance).toBe(chain.communityBalance.toString());
  });

  it("lists in transactions.csv exactly the payments the indexer found on chain", () => {
    const accountOf = new Map(records(first.files["accounts.csv"]).map((a) => [a.member!, a.accountId!]));
    const reported = records(first.files["transactions.csv"]).map((t) => `${accountOf.get(t.source!)} ${accountOf.get(t.target!)} ${t.weight}`);
    const onChain = first.observed.indexer.payments.map((p) => `${p.payer} ${p.payee} ${p.amount}`);
    expect(reported.length).toBe(first.summary.payments.accepted);
    expect([...onChain].sort()).toEqual([...reported].sort());
  });

  it("counts every refusal by reason, consistent with the payments attempted", () => {
    const { payments, refusals } = first.summary;
    expect(payments.attempted).toBe(payments.accepted + payments.refused);
    expect(Object.values(refusals.byReason).reduce((s, n) => s + n, 0)).toBe(refusals.total);
    const paymentRefusals = Object.entries(refusals.byReason).filter(([reason]) => reason.startsWith("payment: "));
    expect(paymentRefusals.reduce((s, [, n]) => s + n, 0)).toBe(payments.refused);
    expect(refusals.byReason["payment: credit limit"]).toBeGreaterThan(0);
    expect(refusals.byReason["payment: positive cap"]).toBeGreaterThan(0);
  });

  it("saw joins, leaves and defaults, each a transaction on chain", () => {
    const s = first.summary as unknown as { members: Record<string, number>; defaults: { count: number; debtUnits: string } };
    expect(s.members.joined).toBeGreaterThan(0);
    expect(s.members.left).toBeGreaterThan(0);
    expect(s.defaults.count).toBeGreaterThan(0);
    expect(BigInt(s.defaults.debtUnits)).toBe(-BigInt(first.summary.communityBalance as string));
    const statuses = records(first.files["accounts.csv"]).map((a) => a.status);
    expect(statuses.filter((x) => x === "left").length).toBe(s.members.left);
    expect(statuses.filter((x) => x === "defaulted").length).toBe(s.defaults.count);
  });

  it("writes the report files: the Sarafu header exactly, a self-contained page", () => {
    expect(csvRows(first.files["transactions.csv"])[0]).toEqual([...TRANSACTION_COLUMNS]);
    expect(first.files["transactions.csv"].split("\n")[0]).toBe("timeset,source,target,weight,token_name,transfer_subtype");
    expect(csvRows(first.files["accounts.csv"])[0]).toEqual([...ACCOUNT_COLUMNS]);
    for (const t of records(first.files["transactions.csv"])) {
      expect(t.timeset).toMatch(/^2026-02-\d\d \d\d:\d\d:\d\d$/);
      expect(t).toMatchObject({ token_name: "TST", transfer_subtype: "STANDARD" });
      expect(Number(t.weight)).toBeGreaterThan(0);
    }
    const html = first.files["report.html"];
    expect(html).toContain("uPlot");
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const data = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(data!).summary.payments.accepted).toBe(first.summary.payments.accepted);
  });

  it("replays the same economy from the same seed: identical reports apart from ids and times", () => {
    expect(withoutIdsAndTimes(second.summary)).toEqual(withoutIdsAndTimes(first.summary));
    expect(second.files["transactions.csv"]).toBe(first.files["transactions.csv"]);
    expect(withoutColumn(second.files["accounts.csv"], "accountId")).toEqual(withoutColumn(first.files["accounts.csv"], "accountId"));
  });
});
