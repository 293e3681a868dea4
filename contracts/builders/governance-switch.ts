/**
 * The switch to member governance (docs/governance.md): the committee's last governance act. The
 * community box keeps everything and gains the governance token's id in R8, for ever; the token is
 * minted here (its id is the community box's) into a new governance box holding the voting rules.
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder } from "@fleet-sdk/core";
import { GovernanceRefused, InvalidIntent } from "../errors.ts";
import { governanceRegisters, rulesProblem, type GovernanceRules } from "../governance/governance.ts";
import { bytesConstant } from "../registers.ts";
import { COMMUNITY_ERGO_TREE, GOVERNANCE_ERGO_TREE } from "../scripts.ts";
import { requireCommunity, type BuildContext } from "./common.ts";
import { communitySuccessor } from "./community-successor.ts";
import { rentSafeValue } from "./governance-common.ts";
import { walletPaidTx } from "./line-common.ts";

export interface SwitchIntent {
  community: Box<Amount>;
  rules: GovernanceRules;
  /** How many proposals the governance box can ever open (default 1,000,000,000). */
  proposals?: bigint;
}

export const DEFAULT_PROPOSALS = 1_000_000_000n;

/**
 * Builds the switch; the community's committee must sign it. The community box is spent first (the
 * governance token's id is its id).
 * @example
 * const tx = switchToMemberGovernance({ community, rules }, { height, wallet });
 */
export function switchToMemberGovernance(intent: SwitchIntent, ctx: BuildContext): EIP12UnsignedTransaction {
  const community = requireCommunity(intent.community);
  if (community.box.ergoTree !== COMMUNITY_ERGO_TREE) {
    throw new GovernanceRefused(`community ${community.communityId}`, "switch to member governance", "an economics community stays with its committee (its contract is version 4)");
  }
  if (community.governanceId !== null) {
    throw new GovernanceRefused(`community ${community.communityId}`, "switch to member governance", "its members already decide");
  }
  const problem = rulesProblem(intent.rules);
  if (problem) throw new InvalidIntent(`governance rules: ${problem}`);
  const proposals = intent.proposals ?? DEFAULT_PROPOSALS;
  if (proposals < 1n || proposals > 2n ** 62n) throw new InvalidIntent("proposals: between 1 and 2^62");
  const governanceId = community.boxId;
  const r = community.box.additionalRegisters;
  const successor = communitySuccessor(
    community,
    {
      treasuryNanoErg: community.treasuryNanoErg,
      units: community.seatsLeft + 1n,
      registers: { R4: r.R4!, R5: r.R5!, R6: r.R6!, R7: r.R7!, R8: bytesConstant(governanceId) },
      governed: true,
      topUp: true,
    },
    ctx.height,
  );
  const registers = governanceRegisters(intent.rules, community.communityId);
  const candidate = {
    value: 0n, ergoTree: GOVERNANCE_ERGO_TREE, creationHeight: ctx.height,
    assets: [{ tokenId: governanceId, amount: proposals }], additionalRegisters: registers,
  };
  const value = rentSafeValue(candidate, 1);
  const governance = new OutputBuilder(value, GOVERNANCE_ERGO_TREE)
    .mintToken({ amount: proposals })
    .setAdditionalRegisters(registers)
    .setCreationHeight(ctx.height);
  const topUp = BigInt(successor.value) - community.treasuryNanoErg;
  return walletPaidTx({ inputs: [community.box], outputs: [successor, governance] }, ctx, value + topUp);
}
