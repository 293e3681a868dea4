import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario, PRESETS, ScenarioError } from "./scenario.ts";

const minimal = {
  name: "mini",
  members: 10,
  days: 5,
  policy: { creditLimit: 100 },
  roles: { household: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 10 } } },
};

/** The message a document (with overrides) is refused with. */
function refusal(document: unknown, overrides = {}): string {
  try {
    parseScenario(document, "test.yaml", overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error("the scenario was accepted");
}

describe("presets", () => {
  it.each(PRESETS)("%s loads and validates", async (name) => {
    const scenario = await loadScenario(name);
    expect(scenario.name).toBe(name);
    expect(scenario.roles.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
  });

  it("village is 100 members for 90 days, market merchant-heavy, stress 2,000 members", async () => {
    const village = await loadScenario("village");
    expect([village.members, village.days]).toEqual([100, 90]);
    const market = await loadScenario("market");
    const merchants = market.roles.find((r) => r.name === "merchant")!;
    expect(merchants.share).toBe(Math.max(...market.roles.map((r) => r.share)));
    expect((await loadScenario("stress")).members).toBe(2_000);
  });
});

describe("parseScenario", () => {
  it("fills defaults and converts ERG to nanoERG exactly", () => {
    const s = parseScenario({ ...minimal, policy: { creditLimit: 100, joinFeeErg: "0.000000001", collateralErg: 2.5 } }, "test.yaml");
    expect(s.policy.joinFeeNanoErg).toBe(1n);
    expect(s.policy.collateralNanoErg).toBe(2_500_000_000n);
    expect(s.policy.positiveCap).toBe(0n);
    expect(s.policy.maxMembers).toBe(20n);
    expect(s.blocksPerDay).toBe(24);
    expect(s.txFeeNanoErg).toBe(1_100_000n);
    expect(s.roles[0]!.price).toEqual({ median: 10, spread: 0.5, min: 1, max: 200 });
  });

  it("applies overrides and checks them like the file", () => {
    const s = parseScenario(minimal, "test.yaml", { members: 12, seed: 9, creditLimit: 5n, joinFeeErg: "1", blocksPerDay: 6 });
    expect([s.members, s.seed, s.policy.creditLimit, s.policy.joinFeeNanoErg, s.blocksPerDay]).toEqual([12, 9, 5n, 1_000_000_000n, 6]);
    expect(refusal(minimal, { members: 1 })).toBe("scenario test.yaml: members: must be a whole number from 2 to 100000, got 1");
    expect(refusal(minimal, { joinFeeErg: "0.0000000001" })).toMatch(/policy\.joinFeeErg: must be an amount of ERG .*at most 9 decimals/);
  });

  it("names the field of every refusal", () => {
    expect(refusal({ ...minimal, memberz: 3 })).toMatch(/^scenario test\.yaml: memberz: unknown field \(expected one of: name, /);
    expect(refusal({ ...minimal, days: 0 })).toMatch(/days: must be a whole number from 1 to 3650, got 0/);
    expect(refusal({ ...minimal, policy: {} })).toBe("scenario test.yaml: policy.creditLimit: is required");
    expect(refusal({ ...minimal, policy: { creditLimit: "lots" } })).toMatch(/policy\.creditLimit: must be a whole number from 1 to .*, got "lots"/);
    expect(refusal({ ...minimal, policy: { creditLimit: 10, maxMembers: 5 } })).toBe("scenario test.yaml: policy.maxMembers: 5 is less than the 10 starting members");
    expect(refusal({ ...minimal, time: { startDate: "2026-02-30" } })).toMatch(/time\.startDate: 2026-02-30 is not a calendar date/);
    expect(refusal({ ...minimal, community: { symbol: "TWO WORDS" } })).toMatch(/community\.symbol: must be 1 to 12 characters without spaces/);
    expect(refusal([1, 2])).toBe("scenario test.yaml: must be an object");
  });

  it("checks the roles: shares summing to 1, someone to sell, known fields", () => {
    const roles = (r: unknown) => ({ ...minimal, roles: r });
    expect(refusal(roles({}))).toMatch(/roles: must map at least one role name/);
    expect(refusal(roles({ a: { share: 0.5, buysPerDay: 1, sellWeight: 1, price: { median: 5 } } }))).toMatch(/roles: the shares must sum to 1, they sum to 0\.5/);
    expect(refusal(roles({ a: { share: 1, buysPerDay: 1, sellWeight: 0, price: { median: 5 } } }))).toMatch(/at least one role with a share must have sellWeight > 0/);
    expect(refusal(roles({ a: { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 5, mode: 3 } } }))).toMatch(/roles\.a\.price\.mode: unknown field/);
    expect(refusal(roles({ a: { share: 1, buysPerDay: -1, sellWeight: 1, price: { median: 5 } } }))).toMatch(/roles\.a\.buysPerDay: must be a number from 0 to 1000, got -1/);
    expect(refusal(roles({ "Big Shop": { share: 1, buysPerDay: 1, sellWeight: 1, price: { median: 5 } } }))).toMatch(/roles\.Big Shop: role names are lower case/);
  });
});

describe("loadScenario", () => {
  it("reads JSON and YAML files and says what is wrong with a bad one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scenario-spec-"));
    await writeFile(join(dir, "a.json"), JSON.stringify(minimal));
    await writeFile(join(dir, "b.yml"), "name: b\nmembers: 3\ndays: 2\npolicy: { creditLimit: 7 }\nroles: { x: { share: 1, buysPerDay: 2, sellWeight: 1, price: { median: 3 } } }\n");
    await writeFile(join(dir, "bad.yaml"), "name: [unclosed\n");
    expect((await loadScenario(join(dir, "a.json"))).members).toBe(10);
    expect((await loadScenario(join(dir, "b.yml"))).policy.creditLimit).toBe(7n);
    await expect(loadScenario(join(dir, "bad.yaml"))).rejects.toThrow(/bad\.yaml: not valid YAML/);
    await expect(loadScenario(join(dir, "missing.yaml"))).rejects.toThrow(/missing\.yaml: cannot read it/);
    await expect(loadScenario("villag")).rejects.toThrow(/villag: not a preset \(village, market, stress, network, demurrage, shop\) nor a \.json\/\.yaml\/\.yml file/);
  });
});

describe("network scenarios", () => {
  const network = {
    communities: { alpha: { name: "Alpha", symbol: "ALP" }, beta: { buysAcross: 0.2 }, gamma: { buysAcross: 0.5, sellsAcross: 0.1 } },
    lines: [
      { a: "alpha", b: "beta", capA: 100, capB: 200 },
      { a: "beta", b: "gamma", rateNum: 2, rateDen: 1, capA: 300, capB: 40, feeA: 100, feeB: 50, shards: 2 },
    ],
  };
  const withNetwork = (n: unknown) => ({ ...minimal, network: n });
  const edit = (change: (n: typeof network & Record<string, unknown>) => void) => {
    const copy = structuredClone(network) as typeof network & Record<string, unknown>;
    change(copy);
    return withNetwork(copy);
  };

  it("reads communities and lines with their defaults; a scenario without one has none", () => {
    expect(parseScenario(minimal, "test.yaml").network).toBeUndefined();
    const s = parseScenario(withNetwork(network), "test.yaml");
    expect(s.network!.communities).toEqual([
      { key: "alpha", name: "Alpha", symbol: "ALP", description: "", buysAcross: 0, sellsAcross: 1 },
      { key: "beta", name: "beta", symbol: "BETA", description: "", buysAcross: 0.2, sellsAcross: 1 },
      { key: "gamma", name: "gamma", symbol: "GAMMA", description: "", buysAcross: 0.5, sellsAcross: 0.1 },
    ]);
    expect(s.network!.lines).toEqual([
      { key: "alpha-beta", a: 0, b: 1, terms: { rateNum: 1n, rateDen: 1n, capA: 100n, capB: 200n, feeA: 1n, feeB: 1n, shards: 1n } },
      { key: "beta-gamma", a: 1, b: 2, terms: { rateNum: 2n, rateDen: 1n, capA: 300n, capB: 40n, feeA: 100n, feeB: 50n, shards: 2n } },
    ]);
  });

  it("the network preset: three communities, two lines, gamma buying across and selling little", async () => {
    const s = await loadScenario("network");
    expect(s.network!.communities.map((c) => c.key)).toEqual(["alpha", "beta", "gamma"]);
    expect(s.network!.lines.map((l) => l.key)).toEqual(["alpha-beta", "beta-gamma"]);
    const gamma = s.network!.communities[2]!;
    expect(gamma.buysAcross).toBeGreaterThan(s.network!.communities[0]!.buysAcross);
    expect(gamma.sellsAcross).toBeLessThan(1);
  });

  it.each([
    [withNetwork([]), "network: must be an object"],
    [withNetwork({ communities: network.communities, lines: network.lines, hubs: 1 }), "network.hubs: unknown field (expected one of: communities, lines)"],
    [edit((n) => (n.communities = { alpha: {} } as never)), "network.communities: must name 2 to 8 communities, got 1"],
    [edit((n) => ((n.communities as Record<string, unknown>).Delta = {})), "network.communities.Delta: community names are 1 to 16 lower case letters and digits, starting with a letter"],
    [edit((n) => ((n.communities.gamma as Record<string, unknown>).buysAcross = 1.5)), "network.communities.gamma.buysAcross: must be a number from 0 to 1, got 1.5"],
    [edit((n) => ((n.communities.beta as Record<string, unknown>).colour = "red")), "network.communities.beta.colour: unknown field (expected one of: name, symbol, description, buysAcross, sellsAcross)"],
    [edit((n) => (n.lines = [])), "network.lines: must list 1 to 16 lines"],
    [edit((n) => ((n.lines[1] as Record<string, unknown>).b = "delta")), 'network.lines[1].b: names no community of the network (alpha, beta, gamma), got "delta"'],
    [edit((n) => ((n.lines[1] as Record<string, unknown>).b = "beta")), "network.lines[1].b: a line joins two different communities"],
    [edit((n) => n.lines.push({ a: "beta", b: "alpha", capA: 1, capB: 1 })), "network.lines[2].b: a second line between beta and alpha"],
    [edit((n) => ((n.lines[0] as Record<string, unknown>).capA = -1)), "network.lines[0].capA: must be a whole number from 0 to 4294967296, got -1"],
    [edit((n) => delete (n.lines[0] as Record<string, unknown>).capB), "network.lines[0].capB: is required"],
    [edit((n) => ((n.lines[1] as Record<string, unknown>).feeA = 10_000)), "network.lines[1].feeA: must be a whole number from 0 to 9999, got 10000"],
    [edit((n) => Object.assign(n.lines[1] as Record<string, unknown>, { feeA: 0, feeB: 0 })), "network.lines[1].feeB: feeA and feeB cannot both be 0 (a line takes at least 1 basis point on one side)"],
    [edit((n) => ((n.lines[1] as Record<string, unknown>).shards = 17)), "network.lines[1].shards: must be a whole number from 1 to 16, got 17"],
    [edit((n) => ((n.lines[1] as Record<string, unknown>).rateNum = 0)), "network.lines[1].rateNum: must be a whole number from 1 to 1000000000, got 0"],
    [edit((n) => ((n.lines[1] as Record<string, unknown>).speed = 3)), "network.lines[1].speed: unknown field (expected one of: a, b, rateNum, rateDen, capA, capB, feeA, feeB, shards)"],
    [edit((n) => (n.lines = [n.lines[0]!])), "network.communities.gamma: has no line to another community"],
  ])("refuses a bad network, naming the field: %#", (document, message) => {
    expect(refusal(document)).toBe(`scenario test.yaml: ${message}`);
  });

  it("refuses a policy that leaves no seats for the gateways", () => {
    expect(refusal({ ...withNetwork(network), policy: { creditLimit: 100, maxMembers: 12 } })).toBe(
      "scenario test.yaml: policy.maxMembers: 12 leaves no seat for the 3 gateways of beta beside its 10 starting members",
    );
  });
});
