/**
 * `lets desk` on a real devnet (blocks mined on demand), run in process: the committee opens a
 * fixed-rate desk, members buy (by units, by ERG, for another account) and sell, the member limit
 * and the reserve refuse with one line, show reports the position, an announced rate applies only
 * after its notice; then a desk priced in US dollars by `lets oracle publish`'s pool, a buy at its
 * price and a stale price refused. Bad flags are refused with their names before the node is asked.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type Devnet } from "../../../devnet/start.ts";
import { devAccount } from "../../../ergo/keys.ts";
import { NodeClient } from "../../../ergo/node-client.ts";
import { createCommand } from "./create.ts";
import { deskCommand } from "./desk.ts";
import { joinCommand } from "./join.ts";
import { oracleCommand } from "./oracle.ts";
import { runCommand } from "./testing.ts";

const ERG = 1_000_000_000n;
const bob = devAccount(2);

interface Shown {
  desk: { deskId: string; boxId: string; terms: Record<string, string>; pending: { effectiveHeight: string } | null; reserveNanoErg: string; balance: string };
  activeTerms: Record<string, string>;
  outstanding: string;
  coverNanoErg: string | null;
  coverage: string | null;
  tipHeight: number;
}
interface Traded { txId: string; units: string; nanoErg: string; accountId: string; accountBalanceAfter: string }

describe("lets desk on a devnet", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let dataDir = "";
  const ids = { fixed: "", dollars: "" };
  const on = () => ["--node", devnet.url];
  const mine = (blocks = 1) => node.request<{ height: number }>("POST", "/devnet/mine", { blocks });
  const desk = (...args: string[]) => runCommand(deskCommand, [...args, ...on()]);
  async function json<T>(...args: string[]): Promise<T> {
    const run = await desk(...args, "--json");
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as T;
  }
  async function community(name: string, symbol: string): Promise<string> {
    const created = await runCommand(createCommand, ["--dev-account", "0", "--name", name, "--symbol", symbol, "--credit-limit", "100", "--json", ...on()]);
    expect(created.code, created.stderr).toBe(0);
    await mine();
    const id = (JSON.parse(created.stdout) as { communityId: string }).communityId;
    for (const member of ["1", "2"]) expect((await runCommand(joinCommand, ["--community", id, "--dev-account", member, ...on()])).code).toBe(0);
    await mine();
    return id;
  }

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    dataDir = await mkdtemp(join(tmpdir(), "lets-desk-"));
    ids.fixed = await community("Kaikoura Dollars", "KCD");
    ids.dollars = await community("Otago Dollars", "OTD");
  });

  afterAll(async () => {
    await devnet?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses bad flags with their names (exit 2)", async () => {
    const open = (...flags: string[]) => desk("open", "--community", ids.fixed, "--dev-account", "0", ...flags);
    const cases: [string[], string][] = [
      [["--rate", "1,10", "--per", "erg", "--issue-limit", "10"], "--rate must be a positive decimal"],
      [["--rate", "1.10", "--per", "eur", "--issue-limit", "10"], "--per must be erg or usd, not 'eur'"],
      [["--rate", "1.10", "--per", "erg"], "--issue-limit is required"],
      [["--rate", "1.10", "--per", "erg", "--issue-limit", "10", "--buy-fee", "1"], "--buy-fee must be a percentage like 1%"],
      [["--rate", "1.10", "--per", "erg", "--issue-limit", "10", "--sell-fee", "100%"], "--sell-fee must be below 100%"],
      [["--rate", "1.10", "--per", "erg", "--issue-limit", "10", "--period", "1 fortnight"], "--period must be blocks (720) or a duration"],
      [["--rate", "1.10", "--per", "erg", "--issue-limit", "10.001"], "--issue-limit"],
      [["--rate", "1.10", "--per", "erg", "--issue-limit", "10", "--member-limit", "5", "--period", "0"], "--period: a member limit needs a period"],
      [["--rate", "1.10", "--per", "erg", "--issue-limit", "10", "--oracle-nft", "ab".repeat(32)], "--oracle-nft is for --per usd"],
    ];
    for (const [flags, message] of cases) {
      const run = await open(...flags);
      expect(run.code, flags.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
    }
    const buy = await desk("buy", "--community", ids.fixed, "--dev-account", "1", "--amount", "1", "--pay", "1");
    expect([buy.code, buy.stderr]).toEqual([2, "give what to buy once: --amount N (units) or --pay E (ERG)"]);
    const none = await desk("show", "--community", ids.fixed);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Kaikoura Dollars has no exchange desk on this node");
  });

  it("opens a fixed desk at 1.10 KCD per ERG: the committee signs, the rate reduced exactly", async () => {
    const stranger = await desk("open", "--community", ids.fixed, "--dev-account", "1", "--rate", "1.10", "--per", "erg", "--issue-limit", "1000");
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain("is not on the committee of this community");
    const opened = await json<{ desk: Shown["desk"] }>(
      "open", "--community", ids.fixed, "--dev-account", "0", "--rate", "1.10", "--per", "erg", "--buy-fee", "1%", "--sell-fee", "1%",
      "--issue-limit", "1000", "--member-limit", "300", "--period", "1d", "--notice", "10", "--max-oracle-age", "30", "--reserve", "5",
    );
    // 110 base units per 1e9 nanoERG, reduced.
    expect(opened.desk.terms).toMatchObject({ rateNum: "11", rateDen: "100000000", buyFeeBps: "100", sellFeeBps: "100", issueLimit: "100000", memberLimit: "30000", periodBlocks: "720", noticeBlocks: "10", oracleNft: "" });
    expect(opened.desk.reserveNanoErg).toBe((5n * ERG).toString());
    await mine();
  });

  it("buys by units and by ERG (for another member), sells back; the rounding is the desk's", async () => {
    const quote = await desk("buy", "--community", ids.fixed, "--dev-account", "1", "--amount", "12.5", "--quote");
    expect(quote.code, quote.stderr).toBe(0);
    expect(quote.stdout).toContain("Buying 12.50 KCD from the desk of Kaikoura Dollars at 1.1 KCD per ERG");
    const bought = await json<Traded>("buy", "--community", ids.fixed, "--dev-account", "1", "--amount", "12.5");
    expect(bought.units).toBe("1250");
    expect(BigInt(bought.nanoErg)).toBe((1250n * 100_000_000n * 10_000n + 11n * 9_900n - 1n) / (11n * 9_900n));
    const gift = await json<Traded>("buy", "--community", ids.fixed, "--dev-account", "1", "--pay", "1", "--for", bob.address);
    expect(gift.units).toBe("108"); // floor(1 ERG × 1.10 × 0.99) at 2 decimals
    await mine();
    const sold = await json<Traded>("sell", "--community", ids.fixed, "--dev-account", "1", "--amount", "2.50");
    expect(BigInt(sold.nanoErg)).toBe((250n * 100_000_000n * 9_900n) / (11n * 10_000n));
    expect(sold.accountBalanceAfter).toBe("1000");
    await mine();
    const shown = await json<Shown>("show", "--community", ids.fixed);
    expect(shown.outstanding).toBe(String(1250 + 108 - 250));
    expect(BigInt(shown.desk.reserveNanoErg)).toBe(5n * ERG + BigInt(bought.nanoErg) + BigInt(gift.nanoErg) - BigInt(sold.nanoErg));
    expect(BigInt(shown.coverNanoErg!)).toBe((1108n * 100_000_000n * 9_900n + 11n * 10_000n - 1n) / (11n * 10_000n));
    const text = await desk("show", "--community", ids.fixed);
    expect(text.stdout).toContain("units outstanding: 11.08 KCD");
    expect(text.stdout).toMatch(/coverage: \d+\.\d+ \(reserve \/ cover\)/);
  });

  it("--quote --json prints the quote alone; --unsigned with --address builds the buy for a wallet, spending the desk box", async () => {
    const quoted = await json<{ deskId: string; quote: { side: string; units: string; nanoErg: string } }>("buy", "--community", ids.fixed, "--dev-account", "2", "--amount", "1", "--quote");
    expect(quoted.quote).toMatchObject({ side: "buy", units: "100" });
    const shown = await json<Shown>("show", "--community", ids.fixed);
    const run = await desk("buy", "--community", ids.fixed, "--address", bob.address, "--amount", "1", "--unsigned");
    expect(run.code, run.stderr).toBe(0);
    const unsigned = JSON.parse(run.stdout) as { inputs: { boxId: string }[]; outputs: { value: string }[] };
    expect(unsigned.inputs[0]!.boxId).toBe(shown.desk.boxId);
    expect(BigInt(unsigned.outputs[0]!.value)).toBe(BigInt(shown.desk.reserveNanoErg) + BigInt(quoted.quote.nanoErg));
    expect(run.stderr).toContain("Buying 1.00 KCD from the desk of Kaikoura Dollars");
  });

  it("refuses past the member limit, a withdrawal below cover, a cancel with nothing announced (exit 1, one line)", async () => {
    const greedy = await desk("buy", "--community", ids.fixed, "--dev-account", "1", "--amount", "290");
    expect(greedy.code).toBe(1);
    expect(greedy.stderr).toBe("refused before signing: this member may buy 287.50 KCD more this period (the desk's member limit), not 290.00 KCD");
    const shown = await json<Shown>("show", "--community", ids.fixed);
    const reserve = BigInt(shown.desk.reserveNanoErg);
    const tooMuch = (reserve - BigInt(shown.coverNanoErg!) + 1n).toString();
    const erg = `${tooMuch.slice(0, -9) || "0"}.${tooMuch.slice(-9).padStart(9, "0")}`;
    const withdraw = await desk("withdraw", "--community", ids.fixed, "--dev-account", "0", "--amount", erg);
    expect(withdraw.code).toBe(1);
    expect(withdraw.stderr).toMatch(/^refused before signing: the desk's reserve holds [\d.]+ ERG: paying [\d.]+ ERG would leave less than [\d.]+ ERG/);
    const cancel = await desk("cancel", "--community", ids.fixed, "--dev-account", "0");
    expect([cancel.code, cancel.stderr]).toEqual([1, "no announced change to cancel: nothing is pending, or it applies already"]);
    const deposited = await json<{ desk: Shown["desk"] }>("deposit", "--community", ids.fixed, "--dev-account", "2", "--amount", "2");
    expect(BigInt(deposited.desk.reserveNanoErg)).toBe(reserve + 2n * ERG);
    await mine();
  });

  it("announces 1.20 KCD per ERG: pending for the notice, then applied", async () => {
    const stranger = await desk("announce", "--community", ids.fixed, "--dev-account", "1", "--rate", "1.20");
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain("is not on the desk's committee");
    const early = await desk("announce", "--community", ids.fixed, "--dev-account", "0", "--rate", "1.20", "--at", "1");
    expect(early.code).toBe(2);
    expect(early.stderr).toContain("--at: the desk gives 10 blocks of notice");
    const tip = await node.height();
    const announced = await desk("announce", "--community", ids.fixed, "--dev-account", "0", "--rate", "1.20", "--buy-fee", "0.5%");
    expect(announced.code, announced.stderr).toBe(0);
    expect(announced.stdout).toContain(`announced new terms, applying at height ${tip + 11}`);
    expect(announced.stdout).toContain("rate: 1.2 KCD per ERG");
    await mine();
    const pending = await json<Shown>("show", "--community", ids.fixed);
    expect(pending.desk.pending?.effectiveHeight).toBe(String(tip + 11));
    expect(pending.activeTerms.rateNum).toBe("11");
    expect((await desk("show", "--community", ids.fixed)).stdout).toContain(`pending change, applying at height ${tip + 11}`);
    await mine(10);
    const applied = await json<Shown>("show", "--community", ids.fixed);
    expect(applied.activeTerms).toMatchObject({ rateNum: "3", rateDen: "25000000", buyFeeBps: "50" });
    const bought = await json<Traded>("buy", "--community", ids.fixed, "--dev-account", "2", "--amount", "12");
    expect(BigInt(bought.nanoErg)).toBe((1200n * 25_000_000n * 10_000n + 3n * 9_950n - 1n) / (3n * 9_950n));
    await mine();
    const written = await json<Shown>("show", "--community", ids.fixed);
    expect(written.desk.pending).toBeNull();
    expect(written.desk.terms.rateNum).toBe("3");
  });

  it("opens a desk priced in US dollars by the saved oracle pool, buys at its price, refuses a stale price", async () => {
    const published = await runCommand(oracleCommand, ["publish", "--usd-per-erg", "1.25", "--dev-account", "6", "--data", dataDir, ...on()]);
    expect(published.code, published.stderr).toBe(0);
    await mine();
    const opened = await json<{ desk: Shown["desk"] }>(
      "open", "--community", ids.dollars, "--dev-account", "0", "--rate", "1.10", "--per", "usd", "--issue-limit", "1000", "--max-oracle-age", "5", "--data", dataDir, "--reserve", "1",
    );
    expect(opened.desk.terms).toMatchObject({ rateNum: "110", rateDen: "1", maxOracleAge: "5" });
    expect(opened.desk.terms.oracleNft).toMatch(/^[0-9a-f]{64}$/);
    await mine();
    // 11 OTD at 1.10 per USD is 10 USD; at 1.25 USD per ERG that is 8 ERG.
    const bought = await json<Traded>("buy", "--community", ids.dollars, "--dev-account", "1", "--amount", "11");
    expect(bought.nanoErg).toBe((8n * ERG).toString());
    await mine(6);
    const stale = await desk("buy", "--community", ids.dollars, "--dev-account", "1", "--amount", "1");
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^refused before signing: the oracle price is stale: pool [0-9a-f]{64} last posted at height \d+/);
  });
});
