/**
 * `lets govern`: the committee changes the rules for future members, the metadata, the committee
 * itself, or withdraws treasury ERG. It can never touch an account.
 */
import { checkPolicy, describeCommittee, genesisFloorNanoErg, type Community, type CommunityMetadata, type GovernIntent, type Policy } from "../../../contracts/index.ts";
import type { Identity } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { formatErg, parseErg } from "./amounts.ts";
import { committeeInWords, policyInWords, unitFormat } from "./describe.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { checkPolicySyntax, committeeOption, metadataChanges, policyChanges, policyOptions, policyUsage } from "./policy-options.ts";
import { Session } from "./session.ts";
import { checkEconomicsSyntax, economicsOptions, economicsUsage, leverChanges, usageCheck, type EconomicsValues } from "./economics-options.ts";

/** Refuses a signer that cannot authorise the change alone (or, building unsigned, is not on the committee). */
export function checkCommittee(community: Community, who: Identity, unsigned: boolean, network: Session["network"]): void {
  const described = describeCommittee(community.committee);
  const members = committeeInWords(community.committee, network);
  if (!described) {
    if (unsigned) return;
    throw new CliError(`the committee is a custom SigmaProp this command cannot sign for: build with --unsigned`, ExitCode.failure);
  }
  if (!described.publicKeys.includes(who.publicKey.toLowerCase())) {
    throw new CliError(`${who.address} is not on the committee of this community (${members})`, ExitCode.failure);
  }
  if (described.threshold > 1 && !unsigned) {
    const needs = `${described.threshold} of ${described.publicKeys.length} keys`;
    throw new CliError(`the committee needs ${needs} to sign; this command signs with one: build with --unsigned for a multi-signature wallet`, ExitCode.failure);
  }
}

/**
 * The policy after the changes the options give, checked by the contracts' rules (exit 2, naming
 * the flag). A community created without levers cannot gain them: its accounts use the plain contracts.
 */
function governedPolicy(community: Community, values: EconomicsValues, base: Partial<Policy>): { policy: Policy; levers: GovernIntent["policy"] } {
  const { metadata } = community;
  const levers = leverChanges(values, metadata.decimals, metadata.symbol);
  const named = Object.keys(economicsOptions).filter((flag) => values[flag as keyof EconomicsValues] !== undefined);
  if (named.length > 0 && !community.policy.economics) {
    throw new CliError(
      `${named.map((f) => `--${f}`).join(", ")}: ${metadata.name} was created without economics levers and cannot gain them (its accounts use the plain contracts; levers are chosen at creation)`,
      ExitCode.failure,
    );
  }
  const policy: Policy = { ...community.policy, ...base };
  if (community.policy.economics) policy.economics = { ...community.policy.economics, ...levers };
  usageCheck(() => checkPolicy(policy), values);
  return { policy, levers: named.length > 0 ? { ...base, economics: levers } : base };
}

/** The changes in words: "credit limit: 100.00 KCD -> 150.00 KCD". */
function changesInWords(community: Community, policy: Policy, metadata: CommunityMetadata): string[] {
  const before = policyInWords(community.policy, community.metadata);
  const after = policyInWords(policy, metadata);
  const lines = after.flatMap((rule, i) => (rule === before[i] ? [] : [`  - ${rule} (was: ${before[i]})`]));
  for (const field of ["name", "symbol", "description"] as const) {
    if (metadata[field] !== community.metadata[field]) lines.push(`  - ${field}: '${community.metadata[field]}' -> '${metadata[field]}'`);
  }
  return lines;
}

/** `lets govern` */
export const governCommand: Command = {
  summary: "committee only: change the rules for future members, the metadata or the committee",
  usage: `lets govern --community ID [changes] [key] [options]

  --community ID          the community (its token id)
${policyUsage}
${economicsUsage.replace("any of them makes an economics community", "an economics community's only")}
  --name N, --symbol S    a new name or symbol
  --description TEXT      a new description
  --withdraw-erg E        ERG to take from the treasury to your wallet (it keeps its floor)
  --deposit-erg E         ERG from your wallet into the treasury (to restore its floor)
${commonUsage}

  Rule changes apply to members who join afterwards; existing accounts keep the terms they
  joined with (the sweep minimum applies to every sweep). A community created without levers
  cannot gain them. A committee of k > 1 keys cannot sign here: use --unsigned and a multi-signature wallet.
  Exit codes: 0 sent, 1 refused (not on the committee) or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { ...policyOptions, ...economicsOptions, community: { type: "string" }, "withdraw-erg": { type: "string" }, "deposit-erg": { type: "string" } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const policyGiven = checkPolicySyntax(values) + checkEconomicsSyntax(values);
    const committee = committeeOption(values, session.network);
    const withdrawNanoErg = values["withdraw-erg"] === undefined ? undefined : parseErg(values["withdraw-erg"], "--withdraw-erg");
    const depositNanoErg = values["deposit-erg"] === undefined ? undefined : parseErg(values["deposit-erg"], "--deposit-erg");
    if (withdrawNanoErg && depositNanoErg) throw new CliError("give --withdraw-erg or --deposit-erg, not both", ExitCode.usage);
    const metadataChange = metadataChanges(values);
    if (policyGiven + Object.keys(metadataChange).length === 0 && !committee && !withdrawNanoErg && !depositNanoErg) {
      throw new CliError("nothing to change: give a rule, metadata, --committee, --withdraw-erg or --deposit-erg", ExitCode.usage);
    }
    return session.run("required", async (key) => {
      const { community } = await session.lets.community(communityId);
      session.units = unitFormat(community.metadata);
      checkCommittee(community, key, session.unsigned, session.network);
      const policyChange = policyChanges(values, community.metadata.decimals, community.metadata.symbol);
      const governed = governedPolicy(community, values, policyChange);
      const changes: Omit<GovernIntent, "community"> = { policy: governed.levers, committee, withdrawNanoErg, depositNanoErg };
      const metadata = { ...community.metadata, ...metadataChange };
      if (Object.keys(metadataChange).length > 0) changes.metadata = metadata;
      const lines = changesInWords(community, governed.policy, metadata);
      if (committee) lines.push(`  - committee: ${committeeInWords(community.committee, session.network)} -> ${committeeInWords(committee, session.network)}`);
      if (withdrawNanoErg) lines.push(`  - withdraw ${formatErg(withdrawNanoErg)} of the treasury's ${formatErg(community.treasuryNanoErg)}`);
      if (depositNanoErg) lines.push(`  - deposit ${formatErg(depositNanoErg)} into the treasury's ${formatErg(community.treasuryNanoErg)}`);
      const floor = genesisFloorNanoErg({ policy: governed.policy, metadata, committee: committee ?? community.committee });
      const shortfall = floor - (community.treasuryNanoErg + (depositNanoErg ?? 0n) - (withdrawNanoErg ?? 0n));
      if (shortfall > 0n && !withdrawNanoErg) lines.push(`  - the treasury's floor (more than the storage fee of the box) becomes ${formatErg(floor)}: ${formatErg(shortfall)} more from your wallet`);
      session.info(`Governing ${community.metadata.name}:`);
      for (const line of lines.length > 0 ? lines : ["  (the values given equal the current ones)"]) session.info(line);
      const { submitted } = await session.execute(key, await session.lets.planGovern(communityId, key, changes));
      if (!submitted) return ExitCode.ok;
      session.result([`governed ${community.metadata.name}`, sentLine(submitted.id)], {
        txId: submitted.id,
        communityId,
        policy: governed.policy,
        metadata,
        committee: committee ?? community.committee,
        withdrawnNanoErg: (withdrawNanoErg ?? 0n).toString(),
        depositedNanoErg: (depositNanoErg ?? 0n).toString(),
      });
      return ExitCode.ok;
    });
  },
};
