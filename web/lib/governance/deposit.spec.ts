// The deposit shown before a proposal is signed equals what the builder puts in the proposal box.
import { describe, expect, it } from "vitest";
import type { ChangeIntent } from "$contracts/builders/governance-propose.ts";
import { committeeFromKeys } from "$contracts/committee.ts";
import { GovernanceFixture, TEST_RULES } from "$contracts/testing/governance-fixture.ts";
import { devAccount } from "$ergo/keys.ts";
import { proposalDeposit } from "./deposit.ts";
import type { ChangeView } from "./types.ts";
import { policyView } from "./words.ts";

const ERG = 1_000_000_000n;

describe("the deposit before signing", () => {
  const f = new GovernanceFixture();
  const community = f.community();
  const seats = community.policy.maxMembers - community.seatsLeft;
  const metadata = { ...community.metadata, name: "Renamed Dollars" };
  const committee = committeeFromKeys([devAccount(1).publicKey, devAccount(2).publicKey], 1);
  const cases: [string, ChangeIntent, ChangeView][] = [
    ["a rule change", { kind: "policy", policy: { joinFeeNanoErg: 0n } }, { kind: "policy", before: null, after: { ...policyView(community.policy), joinFeeNanoErg: 0n } }],
    ["a metadata change", { kind: "metadata", metadata }, { kind: "metadata", before: null, after: metadata }],
    ["a committee", { kind: "committee", committee }, { kind: "committee", before: null, after: committee }],
    ["a treasury payment", { kind: "treasury", amountNanoErg: ERG / 100n, recipient: devAccount(3).address }, { kind: "treasury", amountNanoErg: ERG / 100n, recipient: devAccount(3).address, treasuryBeforeNanoErg: null }],
  ];

  it.each(cases)("is the proposal box's value the builder makes for %s", (_, change, view) => {
    const tx = f.proposeTx("alice", change, 50n);
    const estimate = proposalDeposit(view, TEST_RULES, seats, f.world.height, 50n);
    expect(estimate).toEqual({ depositNanoErg: BigInt(tx.outputs[1]!.value), byStorage: true });
  });

  it("is the rules' deposit when that is more", () => {
    const [, , view] = cases[0]!;
    const rules = { ...TEST_RULES, depositNanoErg: 50n * ERG };
    expect(proposalDeposit(view, rules, seats, f.world.height, 50n)).toEqual({ depositNanoErg: 50n * ERG, byStorage: false });
  });
});
