// The proposal form: each kind read into the builder's change, every bad field refused in words before signing.
import { describe, expect, it } from "vitest";
import { committeeFromKeys } from "$contracts/committee.ts";
import { devAccount } from "$ergo/keys.ts";
import { formatAmount } from "$lib/amount.ts";
import { readProposal, typedFrom, type ProposalContext, type TypedProposal } from "./proposal-form.ts";
import { ergText } from "./words.ts";

const ERG = 1_000_000_000n;
const [alice, bob] = [devAccount(0), devAccount(1)];
const ctx: ProposalContext = {
  policy: { creditLimit: 10_000n, positiveCap: 0n, joinFeeNanoErg: ERG / 100n, collateralNanoErg: ERG / 100n, maxMembers: 100n, inactivityBlocks: 0n },
  metadata: { name: "Kaikoura", symbol: "KCD", description: "Local", decimals: 2 },
  committee: committeeFromKeys([alice.publicKey], 1),
  treasuryNanoErg: 12n * ERG,
  rules: { quorumPpm: 500_000n, majorityPpm: 500_000n, depositNanoErg: ERG / 10n, minWindowBlocks: 720n, maxWindowBlocks: 5_040n, vetoBlocks: 0n },
  network: "devnet",
};
const typed = (over: Partial<TypedProposal>): TypedProposal => ({ ...typedFrom(ctx, ergText, (v) => formatAmount(v, 2)), ...over });

describe("the proposal form", () => {
  it("starts from today's rules and the shortest window, which change nothing", () => {
    const t = typed({});
    expect(t).toMatchObject({ kind: "policy", window: "720", creditLimit: "100.00", positiveCap: "", joinFee: "0.01", collateral: "0.01", inactivityBlocks: "0" });
    expect(readProposal(t, ctx).errors).toEqual({ change: "Nothing changes: change at least one rule." });
  });

  it("reads a rule change into the builder's policy (maxMembers left out) and its before → after", () => {
    const read = readProposal(typed({ joinFee: "0", window: "1,440" }), ctx);
    expect(read.errors).toEqual({});
    expect(read.windowBlocks).toBe(1_440n);
    expect(read.change).toEqual({ kind: "policy", policy: { creditLimit: 10_000n, positiveCap: 0n, joinFeeNanoErg: 0n, collateralNanoErg: ERG / 100n, inactivityBlocks: 0n } });
    expect(read.view).toEqual({ kind: "policy", before: ctx.policy, after: { ...ctx.policy, joinFeeNanoErg: 0n } });
  });

  it("refuses bad rule fields in words", () => {
    const read = readProposal(typed({ creditLimit: "1.234", joinFee: "abc", inactivityBlocks: "-3", window: "10" }), ctx);
    expect(read.change).toBeUndefined();
    expect(read.errors.creditLimit).toMatch(/2 digits after the point/);
    expect(read.errors.joinFee).toBe('"abc" is not a number: use digits and at most one point, like 12.50.');
    expect(read.errors.inactivityBlocks).toBe("Enter the inactivity window as a whole number.");
    expect(read.errors.window).toBe("The voting window in blocks is from 720 to 5040.");
    expect(readProposal(typed({ positiveCap: "50" }), ctx).errors.positiveCap).toBe("The balance cap is at least the credit limit (or empty for none).");
  });

  it("reads a metadata change, keeping the decimals, and refuses an empty name or a spaced symbol", () => {
    const read = readProposal(typed({ kind: "metadata", name: " Kaikōura Dollars " }), ctx);
    expect(read.change).toEqual({ kind: "metadata", metadata: { name: "Kaikōura Dollars", symbol: "KCD", description: "Local", decimals: 2 } });
    const bad = readProposal(typed({ kind: "metadata", name: "", symbol: "K D" }), ctx);
    expect(bad.errors).toMatchObject({ name: "Enter a name.", symbol: "1 to 12 characters, no spaces." });
    expect(readProposal(typed({ kind: "metadata" }), ctx).errors.change).toBe("Nothing changes: edit the name, symbol or description.");
  });

  it("reads a committee of addresses and a threshold", () => {
    const read = readProposal(typed({ kind: "committee", committee: `${alice.address}\n${bob.address}`, threshold: "2" }), ctx);
    expect(read.change).toEqual({ kind: "committee", committee: committeeFromKeys([alice.publicKey, bob.publicKey], 2) });
    expect(readProposal(typed({ kind: "committee", committee: alice.address }), ctx).errors.change).toBe("Nothing changes: this is the committee now.");
    expect(readProposal(typed({ kind: "committee", committee: "nope" }), ctx).errors.committee).toBe("'nope' is not an Ergo address.");
    expect(readProposal(typed({ kind: "committee", committee: alice.address, threshold: "2" }), ctx).errors.threshold).toBe("The number of signatures is from 1 to 1.");
    expect(readProposal(typed({ kind: "committee", committee: "" }), ctx).errors.committee).toBe("Enter the new committee's addresses, one per line.");
  });

  it("reads a treasury payment and refuses one the treasury cannot make", () => {
    const read = readProposal(typed({ kind: "treasury", amount: "5", recipient: bob.address }), ctx);
    expect(read.change).toEqual({ kind: "treasury", amountNanoErg: 5n * ERG, recipient: bob.address });
    expect(read.view).toEqual({ kind: "treasury", amountNanoErg: 5n * ERG, recipient: bob.address, treasuryBeforeNanoErg: 12n * ERG });
    const bad = readProposal(typed({ kind: "treasury", amount: "12", recipient: "" }), ctx);
    expect(bad.errors).toEqual({ amount: "The treasury holds 12 ERG; a payment leaves at least its storage floor in it.", recipient: "Enter the address to pay." });
    expect(readProposal(typed({ kind: "treasury", amount: "0", recipient: bob.address }), ctx).errors.amount).toBe("A positive amount of ERG.");
    const mainnet = "9fRAWhdxEsTcdb8PhGNrZfwqa65zfkuYHAMmkQLcic1gdLSV5vA";
    expect(readProposal(typed({ kind: "treasury", amount: "1", recipient: mainnet }), ctx).errors.recipient).toBe("The recipient is an address of another network than devnet.");
  });
});
