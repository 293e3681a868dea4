import { describe, expect, it } from "vitest";
import { CliError } from "./command.ts";
import { formatContractSummaries, summarizeCompiledContracts } from "./contracts.ts";

const templateHash = "ab".repeat(32);
const valid = {
  account: { ergoTree: "1000d801", templateHash },
  community: { ergoTree: "100204a00b08cd", templateHash },
  batch: { ergoTree: "1000d8010101", templateHash },
  accountEcon: { ergoTree: "1000d80101", templateHash },
  communityEcon: { ergoTree: "100204a00b08cd01", templateHash },
  line: { ergoTree: "10", templateHash },
  gateway: { ergoTree: "1001", templateHash },
  gatewayB: { ergoTree: "100101", templateHash },
};

describe("summarizeCompiledContracts", () => {
  it("reports the ErgoTree size in bytes, not hex characters", () => {
    const summaries = summarizeCompiledContracts(valid, "compiled.json");
    expect(summaries).toEqual([
      { name: "account", templateHash, ergoTreeBytes: 4 },
      { name: "community", templateHash, ergoTreeBytes: 7 },
      { name: "batch", templateHash, ergoTreeBytes: 6 },
      { name: "accountEcon", templateHash, ergoTreeBytes: 5 },
      { name: "communityEcon", templateHash, ergoTreeBytes: 8 },
      { name: "line", templateHash, ergoTreeBytes: 1 },
      { name: "gateway", templateHash, ergoTreeBytes: 2 },
      { name: "gatewayB", templateHash, ergoTreeBytes: 3 },
    ]);
  });

  it("rejects a file without a community entry, naming the file", () => {
    expect(() => summarizeCompiledContracts({ account: valid.account }, "compiled.json")).toThrow(
      new CliError('compiled.json: no "community" entry'),
    );
  });

  it("rejects a file of version 4 and earlier, without the batch tree", () => {
    const { batch: _batch, ...version4 } = valid;
    expect(() => summarizeCompiledContracts(version4, "compiled.json")).toThrow(new CliError('compiled.json: no "batch" entry'));
  });

  it("rejects an ErgoTree that is not whole bytes of hex", () => {
    const odd = { ...valid, account: { ...valid.account, ergoTree: "100" } };
    expect(() => summarizeCompiledContracts(odd, "compiled.json")).toThrow(/account\.ergoTree/);
  });

  it("rejects a missing template hash", () => {
    const missing = { ...valid, community: { ergoTree: "1000" } };
    expect(() => summarizeCompiledContracts(missing, "compiled.json")).toThrow(
      /community\.templateHash/,
    );
  });
});

describe("formatContractSummaries", () => {
  it("aligns the columns under a header", () => {
    const text = formatContractSummaries(summarizeCompiledContracts(valid, "compiled.json"));
    const lines = text.split("\n");
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^contract +template hash +ErgoTree$/);
    const column = lines[0]?.indexOf("template hash");
    for (const line of lines.slice(1)) expect(line.indexOf(templateHash)).toBe(column);
  });
});
