/**
 * The deposit a proposal locks, before it is built (docs/web.md "Governance"): the rules' deposit,
 * or more when the proposal box needs more to stay clear of storage rent (its script is large, so
 * on the default rules the box's own floor is usually what a proposer locks). The same measure the
 * builder takes (`rentSafeValue` over the proposal box), on a box of the same size. Pure.
 */
import { ErgoAddress } from "@fleet-sdk/core";
import { hex, utf8 } from "@fleet-sdk/crypto";
import { rentSafeValue } from "$contracts/builders/governance-common.ts";
import { GOVERNANCE_KEY_MIN, proposalRegisters, type ProposalChange } from "$contracts/governance/governance.ts";
import { PROPOSAL_ERGO_TREE } from "$contracts/scripts.ts";
import type { ChangeView, RulesView } from "./types.ts";
import { POLICY_FIELDS } from "./types.ts";

/** The change as the proposal box writes it, from what the form read. */
export function boxChangeOf(view: ChangeView): ProposalChange {
  switch (view.kind) {
    case "policy": return { kind: "policy", policy: POLICY_FIELDS.map((f) => view.after[f]) };
    case "metadata": return { kind: "metadata", metadataHex: hex.encode(utf8.decode(JSON.stringify(view.after))) };
    case "committee": return { kind: "committee", committee: view.after };
    case "treasury": return { kind: "treasury", amountNanoErg: view.amountNanoErg, recipientErgoTree: ErgoAddress.decode(view.recipient).ergoTree };
  }
}

/** What the proposal box will hold: the larger of the rules' deposit and the box's storage-safe value. */
export function proposalDeposit(view: ChangeView, rules: RulesView, seats: bigint, height: number, windowBlocks: bigint): { depositNanoErg: bigint; byStorage: boolean } {
  const opened = BigInt(height);
  const registers = proposalRegisters(
    {
      change: boxChangeOf(view), openedHeight: opened, endHeight: opened + windowBlocks, seats, quorumPpm: rules.quorumPpm,
      majorityPpm: rules.majorityPpm, vetoBlocks: rules.vetoBlocks, counts: { for: 0n, against: 0n, abstain: 0n },
    },
    GOVERNANCE_KEY_MIN,
    "00".repeat(32),
    // a one-key proposer: the account owners the web signs for
    `08cd02${"00".repeat(32)}`,
  );
  const token = "00".repeat(32);
  const safe = rentSafeValue(
    { value: 0n, ergoTree: PROPOSAL_ERGO_TREE, creationHeight: height, assets: [{ tokenId: token, amount: 1n }, { tokenId: token, amount: 1n }], additionalRegisters: registers },
    1,
  );
  return safe > rules.depositNanoErg ? { depositNanoErg: safe, byStorage: true } : { depositNanoErg: rules.depositNanoErg, byStorage: false };
}
