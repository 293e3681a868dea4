import { describe, expect, it } from "vitest";
import { ErgoAddress, ErgoBox, Network } from "@fleet-sdk/core";
import { createCommunity } from "$contracts/builders/create.ts";
import { describeCommittee } from "$contracts/committee.ts";
import { decodeCommunity } from "$contracts/community/community.ts";
import { devAccount } from "$ergo/keys.ts";
import { DEFAULT_VALUES, valuesFromFormData, type CreateFormValues } from "./fields.ts";
import { describeRules, FREE_JOIN_CAUTION, rulesSummary } from "./rules.ts";
import fc from "fast-check";
import { CREATE_FIELDS } from "./fields.ts";
import { committeeAddressesOf, largestAmountText, validateCreateForm } from "./validate.ts";

const [a, b, c] = [devAccount(0), devAccount(1), devAccount(2)];
const good: CreateFormValues = {
  ...DEFAULT_VALUES,
  name: "Kaikoura Dollars",
  symbol: "KCD",
  description: "A town's own currency",
  committee: `${a.address}\n${b.address}\n${c.address}`,
  threshold: "2",
};

const errorsOf = (changes: Partial<CreateFormValues>, network: "devnet" | "mainnet" = "devnet") => {
  const result = validateCreateForm({ ...good, ...changes }, network);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
};

describe("validateCreateForm", () => {
  it("turns a good form into a creation intent in whole units and nanoERG", () => {
    const result = validateCreateForm(good, "devnet");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.policy).toEqual({
      creditLimit: 50_000n, positiveCap: 0n, joinFeeNanoErg: 100_000_000n, collateralNanoErg: 1_000_000_000n, maxMembers: 1000n, inactivityBlocks: 0n,
    });
    expect(result.value.metadata).toEqual({ name: "Kaikoura Dollars", symbol: "KCD", description: "A town's own currency", decimals: 2 });
    expect(describeCommittee(result.value.committee)).toEqual({ threshold: 2, publicKeys: [a.publicKey, b.publicKey, c.publicKey] });
    expect(result.value.committeeAddresses).toEqual([a.address, b.address, c.address]);
  });

  it("gives an intent the contracts' builder accepts and that decodes back to the same community", () => {
    const result = validateCreateForm({ ...good, positiveCap: "2000", inactivityBlocks: "21600" }, "devnet");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const candidate = { ergoTree: a.ergoTree, creationHeight: 1, value: "10000000000", assets: [], additionalRegisters: {} };
    const utxo = new ErgoBox(candidate, "b".repeat(64), 0).toPlainObject("EIP-12");
    const tx = createCommunity(result.value, { height: 10, wallet: { utxos: [utxo], changeAddress: a.address } });
    const decoded = decodeCommunity(new ErgoBox(tx.outputs[0]!, "d".repeat(64), 0).toPlainObject("EIP-12"));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.value.policy).toEqual(result.value.policy);
    expect(decoded.value.metadata).toEqual(result.value.metadata);
  });

  it("names every field in error at once, each with its own message", () => {
    const errors = errorsOf({ name: " ", symbol: "K C D", decimals: "19", creditLimit: "", joinFeeErg: "-1", maxMembers: "0", committee: "", threshold: "x" });
    expect(errors).toEqual({
      name: "Enter a name.",
      symbol: "1 to 12 characters, no spaces.",
      decimals: "The number of decimals must be from 0 to 18.",
      creditLimit: "Enter an amount.",
      joinFeeErg: "The amount cannot be negative.",
      maxMembers: "The maximum number of members must be from 1 to 1000000000.",
      committee: "Enter at least one committee address.",
      threshold: "Enter the number of signatures as a whole number.",
    });
  });

  it("checks each field on its own: unreadable decimals do not make a cap of 50 too large", () => {
    expect(errorsOf({ decimals: "19", positiveCap: "50", creditLimit: "500" })).toEqual({ decimals: "The number of decimals must be from 0 to 18." });
    expect(errorsOf({ decimals: "x", creditLimit: "abc" }).creditLimit).toBe('"abc" is not a number: use digits and at most one point, like 12.50.');
    expect(errorsOf({ decimals: "x", creditLimit: "0" }).creditLimit).toBe("The amount must be more than 0.");
    // A symbol in error is not quoted in the amounts' messages.
    expect(errorsOf({ symbol: "K C D", decimals: "0", creditLimit: "1.5" }).creditLimit).toBe("Too precise: amounts take whole numbers only.");
  });

  it("gives each field the same message whatever other fields are in error (property)", () => {
    const broken: Partial<CreateFormValues> = {
      name: " ", symbol: "K C D", decimals: "19", creditLimit: "", positiveCap: "-1", joinFeeErg: "-1", collateralErg: "x",
      maxMembers: "0", inactivityBlocks: "y", committee: "not-an-address", threshold: "x",
    };
    const mixes = fc.record({
      field: fc.constantFrom(...CREATE_FIELDS),
      value: fc.constantFrom("50", "9.5", "0", "", "abc", "19", "2", "1e5"),
      others: fc.subarray([...CREATE_FIELDS]),
    });
    fc.assert(
      fc.property(mixes, ({ field, value, others }) => {
        // Fields another field is defined by (amounts by the decimals, signatures by the committee) stay as they are.
        const dependsOn: Partial<Record<string, string[]>> = {
          creditLimit: ["decimals"], positiveCap: ["decimals"], threshold: ["committee"],
          usageFeeMin: ["decimals"], stepUnits: ["decimals"], allowance: ["decimals"], sweepMin: ["decimals"],
          maxCreditLimit: ["decimals", "creditLimit", "symbol"],
        };
        const breakable = others.filter((o) => o !== field && !(dependsOn[field] ?? []).includes(o) && broken[o] !== undefined);
        const alone = validateCreateForm({ ...good, [field]: value }, "devnet");
        const withOthers = validateCreateForm({ ...good, ...Object.fromEntries(breakable.map((o) => [o, broken[o]])), [field]: value }, "devnet");
        const messageOf = (r: typeof alone) => (r.ok ? undefined : r.errors[field]);
        // The contracts' cross-field checks run only on an otherwise valid form; compare the fields' own messages.
        if (!alone.ok && Object.keys(alone.errors).length === 1 && messageOf(alone) !== undefined) expect(messageOf(withOthers)).toBe(messageOf(alone));
        if (alone.ok) expect(messageOf(withOthers)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it("warns, without refusing, when the decimals leave little room for amounts", () => {
    const at18 = validateCreateForm({ ...good, decimals: "18", creditLimit: "0.001" }, "devnet");
    expect(at18.ok).toBe(true);
    expect(at18.warnings.decimals).toBe(
      "With 18 decimals the largest amount is 9.22 KCD: every balance, limit and payment must fit. Fewer decimals leave more room.",
    );
    expect(errorsOf({ decimals: "18", creditLimit: "50" }).creditLimit).toBe("Too large: at most 9.223372036854775807 KCD.");
    expect(validateCreateForm({ ...good, decimals: "9" }, "devnet").warnings).toEqual({});
    expect(validateCreateForm({ ...good, decimals: "19" }, "devnet").warnings).toEqual({});
    expect(largestAmountText(18)).toBe("9.22");
    expect(largestAmountText(10)).toBe("922,337,203.68");
    expect(largestAmountText(1)).toBe("922,337,203,685,477,580");
    expect(largestAmountText(0)).toBe("9,223,372,036,854,775,807");
  });

  it("reads amounts at the chosen decimals and refuses what would need rounding", () => {
    expect(errorsOf({ decimals: "0", creditLimit: "500.5" }).creditLimit).toBe("Too precise: KCD amounts take whole numbers only.");
    expect(errorsOf({ joinFeeErg: "0.0000000001" }).joinFeeErg).toBe("Too precise: ERG amounts take at most 9 digits after the point.");
    expect(errorsOf({ creditLimit: "0" }).creditLimit).toBe("The amount must be more than 0.");
    const ok = validateCreateForm({ ...good, decimals: "0", creditLimit: "500" }, "devnet");
    expect(ok.ok && ok.value.policy.creditLimit).toBe(500n);
  });

  it("treats an empty or zero positive cap as no cap", () => {
    for (const positiveCap of ["", "0", " 0.00 "]) {
      const result = validateCreateForm({ ...good, positiveCap }, "devnet");
      expect(result.ok && result.value.policy.positiveCap).toBe(0n);
    }
  });

  it("checks committee addresses: network, single key, duplicates, k of n", () => {
    const mainnet = ErgoAddress.fromPublicKey(a.publicKey, Network.Mainnet).encode(Network.Mainnet);
    expect(errorsOf({ committee: mainnet, threshold: "1" }).committee).toBe(`${mainnet} is a mainnet address; this app works on devnet.`);
    expect(errorsOf({ committee: a.address, threshold: "1" }, "mainnet").committee).toBe(`${a.address} is a testnet address; this app works on mainnet.`);
    expect(errorsOf({ committee: "9notanaddress" }).committee).toBe("9notanaddress is not an Ergo address.");
    expect(errorsOf({ committee: `${a.address}, ${a.address}` }).committee).toBe(`${a.address} appears twice.`);
    expect(errorsOf({ threshold: "4" }).threshold).toBe("The number of signatures must be from 1 to 3.");
    expect(errorsOf({ threshold: "0" }).threshold).toBe("The number of signatures must be from 1 to 3.");
    const p2s = ErgoAddress.fromErgoTree("100104c801d191a37300", Network.Testnet).encode(Network.Testnet);
    expect(errorsOf({ committee: p2s, threshold: "1" }).committee).toBe(`${p2s} is not a single-key (P2PK) address.`);
    expect(committeeAddressesOf(` ${a.address},${b.address}\r\n\n${c.address} `)).toEqual([a.address, b.address, c.address]);
  });

  it("passes on the contracts' own limits: overflow bound and metadata size", () => {
    expect(errorsOf({ decimals: "0", creditLimit: "9000000000000000000", maxMembers: "1000" }).creditLimit).toMatch(/at most 4611686018427387 with 1000 members/);
    expect(errorsOf({ inactivityBlocks: "788401" }).inactivityBlocks).toBe("The inactivity window must be from 0 to 788400.");
    expect(validateCreateForm({ ...good, inactivityBlocks: "788400" }, "devnet").ok).toBe(true);
    expect(errorsOf({ description: "é".repeat(800) }).description).toMatch(/too long together/);
    expect(errorsOf({ description: "x".repeat(1001) }).description).toBe("At most 1000 characters.");
  });

  it("reads posted form data, missing fields as empty", () => {
    const data = new FormData();
    data.set("name", "Kaikoura Dollars");
    data.set("unknown", "ignored");
    const values = valuesFromFormData(data);
    expect(values.name).toBe("Kaikoura Dollars");
    expect(values.symbol).toBe("");
    expect(Object.keys(values)).not.toContain("unknown");
  });
});

describe("describeRules", () => {
  it("says the rules in plain words before signing", () => {
    const result = validateCreateForm({ ...good, positiveCap: "2000", inactivityBlocks: "21600" }, "devnet");
    if (!result.ok) throw new Error("invalid");
    const { policy, metadata } = result.value;
    expect(rulesSummary(policy, metadata)).toBe("A member may owe up to 500 KCD; joining costs 0.1 ERG plus 1 ERG collateral returned on leaving.");
    const rules = describeRules(policy, metadata, { addresses: result.value.committeeAddresses, threshold: 2 });
    expect(rules).toContain("Every member starts at 0 KCD and has a credit limit of 500 KCD: a balance may go down to -500 KCD, no further.");
    expect(rules).toContain("No member may hold more than 2,000 KCD.");
    expect(rules).toContain("At most 1,000 members at a time.");
    expect(rules.join(" ")).toMatch(/no payment and receives none for 21,600 blocks \(about 30 days on Ergo\)/);
    expect(rules.join(" ")).toMatch(/The committee is 2 of 3 keys/);
  });

  it("says when there is no cap, no collateral and no inactivity rule", () => {
    const result = validateCreateForm({ ...good, collateralErg: "0", committee: a.address, threshold: "1" }, "devnet");
    if (!result.ok) throw new Error("invalid");
    const { policy, metadata } = result.value;
    expect(rulesSummary(policy, metadata)).toBe("A member may owe up to 500 KCD; joining costs 0.1 ERG.");
    expect(rulesSummary({ ...policy, joinFeeNanoErg: 0n }, metadata)).toBe("A member may owe up to 500 KCD; joining is free.");
    expect(rulesSummary({ ...policy, joinFeeNanoErg: 0n, collateralNanoErg: 500_000_000n }, metadata)).toBe(
      "A member may owe up to 500 KCD; joining costs only 0.5 ERG collateral returned on leaving.",
    );
    const rules = describeRules(policy, metadata, { addresses: [a.address], threshold: 1 });
    expect(rules).toContain("There is no limit on how much a member may hold.");
    expect(rules).toContain("A member in debt is never closed for inactivity (only once dormant, below).");
    expect(rules.at(-1)).toMatch(/^An account nobody pays from or to for 788400 blocks \(about three years\) is dormant/);
    expect(rules).not.toContain(FREE_JOIN_CAUTION);
    expect(describeRules({ ...policy, joinFeeNanoErg: 0n }, metadata, { addresses: [a.address], threshold: 1 })).toContain(FREE_JOIN_CAUTION);
    expect(rules.join(" ")).toMatch(/The committee is one key/);
    expect(describeRules(policy, metadata, undefined).join(" ")).toMatch(/The committee is a custom spending condition/);
  });
});
