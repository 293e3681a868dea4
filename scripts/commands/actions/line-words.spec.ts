/**
 * The trade lines' flags and messages without a node: rates, caps, fees and shards parsed with the
 * flag named (exit 2 before anything is asked), the rate between smallest units and back, the
 * lines' typed refusals in words, and `lets line` / `lets pay --to-community` usage errors.
 */
import { describe, expect, it } from "vitest";
import { LineExposureExceeded, LineNotOpen, LinePaused, NoRoute, type CommunityMetadata, type LineTerms } from "../../../contracts/index.ts";
import { CliError } from "../command.ts";
import { lineCommand } from "./line.ts";
import { checkTermsSyntax, lineRefusal, parseBps, parseRate, parseShards, rateInWords, rawRate, termsFromFlags } from "./line-words.ts";
import { payCommand } from "./pay.ts";
import { runCommand } from "./testing.ts";

const KCD: CommunityMetadata = { name: "Kaikoura Dollars", symbol: "KCD", decimals: 2, description: "" };
const OTD: CommunityMetadata = { name: "Otago Dollars", symbol: "OTD", decimals: 2, description: "" };
const HRS: CommunityMetadata = { name: "Time Bank", symbol: "HRS", decimals: 0, description: "" };
const ID = "ab".repeat(32);
const OTHER = "cd".repeat(32);

/** The message and exit code a parse throws. */
function refusal(parse: () => unknown): [number, string] {
  try {
    parse();
  } catch (error) {
    if (error instanceof CliError) return [error.exitCode, error.message];
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("--rate", () => {
  it.each([
    ["3/2", 3n, 2n],
    ["6/4", 3n, 2n],
    ["2", 2n, 1n],
    ["1.5", 3n, 2n],
    ["0.25", 1n, 4n],
  ])("reads %s as %i/%i, reduced", (text, num, den) => {
    expect(parseRate(text)).toEqual({ num, den });
  });

  it.each(["", "abc", "3/", "/2", "-1", "1e3", "1,5", "3/2/1", " 3/2"])("refuses '%s', naming --rate (exit 2)", (text) => {
    expect(refusal(() => parseRate(text))).toEqual([2, `--rate must be a rate like 3/2, 2 or 1.5 (one of A's units in B's units), not '${text}'`]);
  });

  it.each(["0", "0/3", "3/0", "0.0"])("refuses a zero rate '%s'", (text) => {
    expect(refusal(() => parseRate(text))).toEqual([2, `--rate must be more than 0, not '${text}'`]);
  });

  it("is kept between smallest units: the same with equal decimals, scaled when they differ", () => {
    expect(rawRate({ num: 3n, den: 2n }, 2, 2)).toEqual({ rateNum: 3n, rateDen: 2n });
    // 1 HRS (no decimals) = 20 KCD: one HRS unit is 2,000 KCD cents.
    expect(rawRate({ num: 20n, den: 1n }, 0, 2)).toEqual({ rateNum: 2000n, rateDen: 1n });
    expect(rawRate({ num: 1n, den: 20n }, 2, 0)).toEqual({ rateNum: 1n, rateDen: 2000n });
    expect(rateInWords({ rateNum: 2000n, rateDen: 1n }, HRS, KCD)).toBe("1 HRS = 20 KCD");
    expect(rateInWords({ rateNum: 3n, rateDen: 2n }, KCD, OTD)).toBe("1 KCD = 3/2 OTD");
  });

  it("refuses a rate the contracts cannot hold (more than 10^9 on either side)", () => {
    expect(refusal(() => rawRate({ num: 1n, den: 1_000_000_007n }, 2, 2))).toEqual([
      2,
      "--rate: 1/1000000007 is too precise: between the smallest units it is 1/1000000007, and each side may be at most 1000000000",
    ]);
  });
});

describe("--fee-a, --fee-b, --shards", () => {
  it("takes basis points from 0 to 9999", () => {
    expect(parseBps("0", "--fee-a")).toBe(0n);
    expect(parseBps("9999", "--fee-b")).toBe(9_999n);
    for (const bad of ["10000", "-1", "1.5", "1%", ""]) {
      expect(refusal(() => parseBps(bad, "--fee-b"))).toEqual([2, `--fee-b must be a whole number of basis points from 0 to 9999 (100 = 1%), not '${bad}'`]);
    }
  });

  it("takes 1 to 16 shards", () => {
    expect(parseShards("1")).toBe(1n);
    expect(parseShards("16")).toBe(16n);
    for (const bad of ["0", "17", "two", "1.0"]) expect(refusal(() => parseShards(bad))).toEqual([2, `--shards must be a whole number from 1 to 16, not '${bad}'`]);
  });
});

describe("the terms from the flags", () => {
  const base: LineTerms = { rateNum: 3n, rateDen: 2n, capA: 10_000n, capB: 8_000n, feeA: 100n, feeB: 50n, shards: 2n };

  it("a proposal: caps in the other side's units, fees of 1 bp and one shard by default; not both fees 0", () => {
    expect(termsFromFlags({ rate: "3/2", "cap-a": "100", "cap-b": "80.5" }, KCD, OTD)).toEqual({ rateNum: 3n, rateDen: 2n, capA: 10_000n, capB: 8_050n, feeA: 1n, feeB: 1n, shards: 1n });
    expect(termsFromFlags({ rate: "3/2", "cap-a": "100", "cap-b": "80.5", "fee-b": "0" }, KCD, OTD)).toMatchObject({ feeA: 1n, feeB: 0n });
    expect(refusal(() => termsFromFlags({ rate: "3/2", "cap-a": "100", "cap-b": "80.5", "fee-a": "0", "fee-b": "0" }, KCD, OTD))).toEqual([2, "--fee-a and --fee-b cannot both be 0: a line takes at least 1 basis point on one side"]);
    // --cap-a is in B's units: a time bank with no decimals.
    expect(termsFromFlags({ rate: "1/20", "cap-a": "5", "cap-b": "100" }, KCD, HRS).capA).toBe(5n);
    expect(refusal(() => termsFromFlags({ "cap-a": "1.5", rate: "1", "cap-b": "1" }, KCD, HRS))).toEqual([2, "--cap-a: Too precise: HRS amounts take whole numbers only."]);
  });

  it("a proposal names every required flag it lacks", () => {
    expect(refusal(() => termsFromFlags({ "fee-a": "10" }, KCD, OTD))).toEqual([2, "a proposal needs --rate, --cap-a, --cap-b"]);
  });

  it("a change keeps every term not given", () => {
    expect(termsFromFlags({ "fee-a": "200" }, KCD, OTD, base)).toEqual({ ...base, feeA: 200n });
    expect(termsFromFlags({ rate: "2", "cap-b": "0" }, KCD, OTD, base)).toEqual({ ...base, rateNum: 2n, rateDen: 1n, capB: 0n });
  });

  it("checks the syntax of each flag before the node is asked, and counts them", () => {
    expect(checkTermsSyntax({ rate: "3/2", "fee-a": "5" })).toBe(2);
    expect(refusal(() => checkTermsSyntax({ "cap-b": "-4" }))).toEqual([2, expect.stringMatching(/^--cap-b: /)]);
  });
});

describe("the lines' refusals in words", () => {
  const names = (id: string) => (id === ID ? { communityId: ID, metadata: KCD } : id === OTHER ? { communityId: OTHER, metadata: OTD } : { communityId: id });
  const line = "ef".repeat(32);

  it("LinePaused names the community and how it resumes", () => {
    expect(lineRefusal(new LinePaused(line, OTHER), names)).toBe(`line ${line} is paused by Otago Dollars: it takes no payments into that community until its committee resumes it ('lets line resume')`);
  });

  it("LineNotOpen says what is missing", () => {
    expect(lineRefusal(new LineNotOpen(line, "proposed"), names)).toBe(`line ${line} is proposed, not open: the partner's committee has not accepted it ('lets line accept')`);
    expect(lineRefusal(new LineNotOpen(line, "closed"), names)).toBe(`line ${line} is closed, not open: it takes no more payments`);
  });

  it("LineExposureExceeded names the shard and its cap", () => {
    expect(lineRefusal(new LineExposureExceeded(line, 1, 5_000n, -5_100n), names)).toBe(
      `line ${line} shard 1: the payment would take the receiving community's gateway to -5100 units, past the shard's exposure cap of 5000 units (the cap divided among the shards); pay less, or ask the committees to raise the cap ('lets line change')`,
    );
  });

  it("NoRoute names both communities (by id when the node lacks one) and where to look", () => {
    const unknown = "12".repeat(32);
    expect(lineRefusal(new NoRoute(ID, unknown), names)).toBe(
      `no route from Kaikoura Dollars to community ${unknown}: no open line or pair of lines joins them ('lets line list --community ${ID}' shows its lines)`,
    );
  });

  it("leaves other errors alone", () => {
    expect(lineRefusal(new Error("x"), names)).toBeUndefined();
  });
});

describe("lets line and lets pay --to-community: usage refused before the node is asked (exit 2)", () => {
  // No node listens here: each refusal comes from the arguments alone.
  const off = ["--node", "http://127.0.0.1:9"];
  const cases: [string[], string | ReturnType<typeof expect.stringMatching>][] = [
    [[], "name what to do: lets line propose|accept|pause|resume|change|close|accept-change|cancel|refresh|show|list (lets line --help)"],
    [["frob"], "unknown subcommand 'frob': lets line propose|accept|pause|resume|change|close|accept-change|cancel|refresh|show|list"],
    [["propose", "--partner", OTHER, "--rate", "1", "--cap-a", "1", "--cap-b", "1", "--dev-account", "0"], "--community is required"],
    [["propose", "--community", ID, "--rate", "1", "--cap-a", "1", "--cap-b", "1", "--dev-account", "0"], "--partner is required"],
    [["propose", "--community", ID, "--partner", ID, "--rate", "1", "--cap-a", "1", "--cap-b", "1", "--dev-account", "0"], "--partner must be another community than --community"],
    [["propose", "--community", ID, "--partner", OTHER, "--cap-a", "1", "--dev-account", "0"], "a proposal needs --rate, --cap-b"],
    [["propose", "--community", ID, "--partner", OTHER, "--rate", "x", "--cap-a", "1", "--cap-b", "1", "--dev-account", "0"], "--rate must be a rate like 3/2, 2 or 1.5 (one of A's units in B's units), not 'x'"],
    [["propose", "--community", ID, "--partner", OTHER, "--rate", "1", "--cap-a", "1", "--cap-b", "1", "--shards", "20", "--dev-account", "0"], "--shards must be a whole number from 1 to 16, not '20'"],
    [["propose", "--community", ID, "--partner", OTHER, "--rate", "1", "--cap-a", "1", "--cap-b", "1", "--fee-a", "1%", "--dev-account", "0"], "--fee-a must be a whole number of basis points from 0 to 9999 (100 = 1%), not '1%'"],
    [["accept", "--dev-account", "5"], "--line is required"],
    [["pause", "--line", "xyz", "--dev-account", "5"], "--line must be an id of 64 hex digits, not 'xyz'"],
    [["change", "--line", ID, "--dev-account", "0"], "nothing to change: give --rate, --cap-a, --cap-b, --fee-a or --fee-b, or --withdraw (to close: 'lets line close')"],
    [["change", "--line", ID, "--shards", "3", "--dev-account", "0"], "--shards cannot change: a line's shards are fixed when it is proposed"],
    [["change", "--line", ID, "--fee-a", "3", "--withdraw", "--dev-account", "0"], "give new terms or --withdraw, not both"],
    [["close", "--line", ID, "--rate", "2", "--dev-account", "0"], expect.stringMatching(/^Unknown option '--rate'\./)],
    [["show", "--line", ID, "--unsigned"], "this reads; it has no transaction to print (--unsigned)"],
    [["list", "--community", "nope"], "--community must be an id of 64 hex digits, not 'nope'"],
  ];

  it.each(cases)("lets line %j", async (args, message) => {
    const run = await runCommand(lineCommand, [...args, ...off]);
    expect([run.code, run.stderr]).toEqual([2, message]);
  });

  it("lets pay --to-community takes an id", async () => {
    const run = await runCommand(payCommand, ["--community", ID, "--to-community", "B", "--to", ID, "--amount", "1", "--dev-account", "1", ...off]);
    expect([run.code, run.stderr]).toEqual([2, "--to-community must be an id of 64 hex digits, not 'B'"]);
  });
});
