// Member governance in plain words: the mode, the rules, the phase, the counts and the change before → after.
import { describe, expect, it } from "vitest";
import { committeeFromKeys } from "$contracts/committee.ts";
import { devAccount } from "$ergo/keys.ts";
import type { ChangeView, PolicyView, RulesView } from "./types.ts";
import {
  changeLines, changeTitle, committeeWords, lineText, modeOf, modeWords, passRule, phaseWords, ppmPercent, quorumProgress, quorumVotes, rulesSentences, sharePercent,
} from "./words.ts";

const ERG = 1_000_000_000n;
const units = { symbol: "KCD", decimals: 2 };
const rules: RulesView = { quorumPpm: 500_000n, majorityPpm: 500_000n, depositNanoErg: ERG / 10n, minWindowBlocks: 720n, maxWindowBlocks: 5_040n, vetoBlocks: 0n };
const policy: PolicyView = { creditLimit: 10_000n, positiveCap: 0n, joinFeeNanoErg: ERG / 100n, collateralNanoErg: ERG / 100n, maxMembers: 100n, inactivityBlocks: 0n };
const [alice, bob, carol] = [devAccount(0), devAccount(1), devAccount(2)];

describe("the rules in words", () => {
  it("writes parts per million as exact percentages", () => {
    expect(ppmPercent(500_000n)).toBe("50%");
    expect(ppmPercent(333_333n)).toBe("33.3333%");
    // A share of votes to one decimal, half up: 2 of 3, 1 of 3, all, none, 1 of 8.
    expect([sharePercent(2n, 3n), sharePercent(1n, 3n), sharePercent(5n, 5n), sharePercent(0n, 4n), sharePercent(1n, 8n)]).toEqual(["66.7%", "33.3%", "100%", "0%", "12.5%"]);
    expect(ppmPercent(1_000_000n)).toBe("100%");
    expect(ppmPercent(0n)).toBe("0%");
  });

  it("says when a proposal passes, with the votes the quorum needs (rounded up)", () => {
    expect(passRule(rules, 12n)).toBe(
      "A proposal passes when at least 50% of the 12 members vote (6 votes) and more than half of the for/against votes are for; abstentions count towards the quorum only.",
    );
    expect(quorumVotes(333_334n, 10n)).toBe(4n);
    expect(passRule({ quorumPpm: 0n, majorityPpm: 666_667n }, 3n)).toBe(
      "A proposal passes however few members vote and more than 66.6667% of the for/against votes are for; abstentions count towards the quorum only.",
    );
  });

  it("says the window, the deposit and the veto", () => {
    const s = rulesSentences(rules, 12n);
    expect(s[1]).toBe("Voting lasts from 720 blocks (about 24 hours) to 5,040 blocks (about 7 days), as the proposer chooses.");
    expect(s[2]).toBe("A proposer locks a deposit of 0.1 ERG: it comes back after the vote unless the vote misses its quorum, when it goes to the treasury.");
    expect(s[3]).toBe("Members decide alone: the committee has no veto.");
    expect(rulesSentences(rules, 12n, 1_758_750_001n)[2]).toBe(
      "A proposer locks a deposit of 0.1 ERG (in practice about 1.76 ERG, what the proposal box needs against storage rent): it comes back after the vote unless the vote misses its quorum, when it goes to the treasury.",
    );
    expect(rulesSentences(rules, 12n, ERG / 20n)[2]).toBe(s[2]);
    expect(rulesSentences({ ...rules, vetoBlocks: 1_440n, maxWindowBlocks: 720n }, 12n).slice(1, 4)).toEqual([
      "Voting lasts 720 blocks (about 24 hours).",
      expect.any(String),
      "The committee may veto a proposal that passed for 1,440 blocks (about 2 days) after its vote ends.",
    ]);
  });

  it("names the mode from the rules", () => {
    expect(modeOf(null)).toBe("committee");
    expect(modeOf(rules)).toBe("members");
    expect(modeOf({ vetoBlocks: 10n })).toBe("members-with-veto");
    expect(modeWords("members-with-veto", 720n).sentence).toContain("the committee may veto a proposal that passed for 720 blocks (about 24 hours)");
  });
});

describe("a proposal's state in words", () => {
  const p = { endHeight: 1_000n, vetoBlocks: 100n };

  it("says the phase with the blocks left", () => {
    expect(phaseWords("voting", p, 880)).toBe("Voting until block 1000 (120 blocks left, about 4 hours).");
    expect(phaseWords("vetoable", p, 1_050)).toBe("Passed. The committee may veto it until block 1100 (50 blocks left, about 100 minutes); then anyone may carry it out.");
    expect(phaseWords("executable", p, 1_100)).toBe("Passed. Anyone may carry it out until block 22700 (21,600 blocks left, about 30 days).");
    expect(phaseWords("no-quorum", p, 1_100)).toBe("Failed: too few members voted. Anyone may close it; the deposit goes to the treasury.");
    expect(phaseWords("tallying", p, 1_001)).toContain("Anyone may tally");
  });

  it("measures the votes against the quorum", () => {
    expect(quorumProgress({ for: 2n, against: 1n, abstain: 0n }, 12n, 500_000n)).toEqual({ cast: 3n, needed: 6n, reached: false, percent: 50 });
    expect(quorumProgress({ for: 4n, against: 1n, abstain: 1n }, 12n, 500_000n)).toMatchObject({ reached: true, percent: 100 });
    expect(quorumProgress({ for: 0n, against: 0n, abstain: 0n }, 12n, 0n)).toMatchObject({ needed: 0n, reached: true, percent: 100 });
  });
});

describe("the change before → after", () => {
  it("shows only the rules that change, each in its unit", () => {
    const change: ChangeView = { kind: "policy", before: policy, after: { ...policy, joinFeeNanoErg: 0n, creditLimit: 15_000n } };
    expect(changeLines(change, units, "devnet").map(lineText)).toEqual(["Credit limit: 100.00 KCD → 150.00 KCD", "Join fee: 0.01 ERG → 0 ERG"]);
    expect(changeTitle(change)).toBe("Change the credit limit, join fee");
  });

  it("shows every rule when the value before is unknown", () => {
    const lines = changeLines({ kind: "policy", before: null, after: { ...policy, inactivityBlocks: 21_600n } }, units, "devnet");
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.label === "Inactivity window")).toEqual({ label: "Inactivity window", before: null, after: "21,600 blocks (about 30 days)" });
    expect(lineText(lines[1]!)).toBe("Balance cap: none");
  });

  it("says a treasury payment and the treasury before and after", () => {
    const change: ChangeView = { kind: "treasury", amountNanoErg: 5n * ERG, recipient: alice.address, treasuryBeforeNanoErg: 12n * ERG };
    expect(changeLines(change, units, "devnet").map(lineText)).toEqual([`Payment: the treasury pays 5 ERG to ${alice.address}`, "Treasury: 12 ERG → 7 ERG"]);
    expect(changeTitle(change)).toBe("Pay 5 ERG from the treasury");
  });

  it("names committees by their addresses and threshold", () => {
    const one = committeeFromKeys([alice.publicKey], 1);
    const two = committeeFromKeys([bob.publicKey, carol.publicKey, alice.publicKey], 2);
    expect(committeeWords(one, "devnet")).toBe(alice.address);
    expect(changeLines({ kind: "committee", before: one, after: two }, units, "devnet")).toEqual([
      { label: "Committee", before: alice.address, after: `2 of 3: ${bob.address}, ${carol.address}, ${alice.address}` },
    ]);
  });

  it("shows the metadata fields that change", () => {
    const before = { name: "Kaikoura", symbol: "KCD", description: "Local", decimals: 2 };
    const lines = changeLines({ kind: "metadata", before, after: { ...before, name: "Kaikōura Dollars", website: "https://k.nz" } }, units, "devnet");
    expect(lines.map(lineText)).toEqual(["Name: Kaikoura → Kaikōura Dollars", 'Metadata "website": (none) → https://k.nz']);
  });
});
