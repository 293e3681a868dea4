/**
 * Member governance from the shell (docs/governance.md): `lets governance switch` (committee),
 * `lets propose` (a member's account key), `lets vote`, `lets tally` (anyone), `lets execute`
 * (anyone; --veto for the committee), `lets proposal <id>` / `lets proposal close`, `lets proposals`.
 * Keys stay in this process; every bad input is refused before anything is signed.
 */
import { readFileSync } from "node:fs";
import { isCounted, LetsError, proposalPhase, voteBlocker, type ChangeIntent, type GovernanceRules, type VoteChoice } from "../../../contracts/index.ts";
import { GovernanceOverHttp } from "../../../client/governance.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { parseErg } from "./amounts.ts";
import { checkCommittee } from "./govern.ts";
import { proposalLines } from "./governance-words.ts";
import { commonUsage, idOption, integerOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { checkPolicySyntax, committeeOption, policyChanges, policyOptions } from "./policy-options.ts";
import { Session } from "./session.ts";

/** "50%", "66.7%" or a whole number of parts per million ("500000" or "500000ppm"). */
export function ppmOption(name: string, text: string | undefined): bigint {
  if (text === undefined) throw new CliError(`--${name} is required (a percent like 50% or parts per million)`, ExitCode.usage);
  const percent = /^(\d{1,3})(?:\.(\d{1,4}))?%$/.exec(text);
  const ppm = percent ? BigInt(percent[1]!) * 10_000n + BigInt((percent[2] ?? "").padEnd(4, "0")) : /^\d+(ppm)?$/.test(text) ? BigInt(text.replace("ppm", "")) : -1n;
  if (ppm < 0n || ppm > 1_000_000n) throw new CliError(`--${name} must be a percent from 0% to 100% or parts per million up to 1000000`, ExitCode.usage);
  return ppm;
}

/** `lets governance switch` */
export const governanceCommand: Command = {
  summary: "committee only: switch a community to member governance (once, for ever)",
  usage: `lets governance switch --community ID --quorum Q --majority M --deposit ERG --min-window N --max-window N [--veto N] [key] [options]

  --quorum Q              votes cast per seats taken: a percent (20%) or parts per million
  --majority M            a proposal passes when for > M of (for + against)
  --deposit ERG           the least ERG a proposer locks (the proposal box holds at least its storage floor)
  --min-window N, --max-window N   the voting window's bounds, in blocks
  --veto N                blocks after a vote in which the committee may veto (default 0: members decide alone)
${commonUsage}
  Exit codes: 0 sent, 1 refused (not the committee, already switched, an economics community), 2 bad usage.`,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== "switch") throw new CliError("usage: lets governance switch --community ID ... (see 'lets help governance')", ExitCode.usage);
    const values = parseActionArgs(rest, {
      community: { type: "string" }, quorum: { type: "string" }, majority: { type: "string" }, deposit: { type: "string" },
      "min-window": { type: "string" }, "max-window": { type: "string" }, veto: { type: "string" },
    });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const need = (name: string, text: string | undefined): string => {
      if (text === undefined) throw new CliError(`--${name} is required`, ExitCode.usage);
      return text;
    };
    const rules: GovernanceRules = {
      quorumPpm: ppmOption("quorum", values.quorum),
      majorityPpm: ppmOption("majority", values.majority),
      depositNanoErg: parseErg(need("deposit", values.deposit), "--deposit"),
      minWindowBlocks: integerOption("min-window", need("min-window", values["min-window"]), 2n ** 31n),
      maxWindowBlocks: integerOption("max-window", need("max-window", values["max-window"]), 2n ** 31n),
      vetoBlocks: values.veto === undefined ? 0n : integerOption("veto", values.veto, 2n ** 31n),
    };
    if (rules.minWindowBlocks > rules.maxWindowBlocks) throw new CliError("--min-window must not exceed --max-window", ExitCode.usage);
    return session.run("required", async (key) => {
      const { community } = await session.lets.community(communityId);
      if (community.governanceId !== null) throw new CliError(`${community.metadata.name} already switched: its members decide (lets proposals --community ${communityId})`, ExitCode.failure);
      if (community.policy.economics) throw new CliError(`${community.metadata.name} is an economics community: it stays with its committee`, ExitCode.failure);
      checkCommittee(community, key, session.unsigned, session.network);
      const gov = new GovernanceOverHttp(session.lets);
      session.info(`Switching ${community.metadata.name} to member governance (never undone)`);
      const { submitted } = await session.execute(key, await gov.planSwitch(key, communityId, rules));
      if (!submitted) return ExitCode.ok;
      session.result([`${community.metadata.name}: members decide from now on`, sentLine(submitted.id)], { txId: submitted.id, communityId, governanceId: community.boxId, rules });
      return ExitCode.ok;
    });
  },
};

/** `lets propose` */
export const proposeCommand: Command = {
  summary: "a member proposes a change for the members to vote on (a deposit is locked)",
  usage: `lets propose --community ID CHANGE [--window N] [key] [options]

  CHANGE is one of:
    policy fields: --credit-limit N, --positive-cap N, --join-fee-erg E, --collateral-erg E, --inactivity-blocks N
    --metadata FILE.json    new name/symbol/description (merged over the current metadata)
    --committee KEY... [--threshold K]   a new committee, as 'lets create' takes it
    --pay ERG --to ADDRESS  pay from the treasury
  --window N              blocks the vote runs (default: the rules' shortest)
${commonUsage}
  Exit codes: 0 sent, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { ...policyOptions, community: { type: "string" }, metadata: { type: "string" }, pay: { type: "string" }, to: { type: "string" }, window: { type: "string" } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    const policyGiven = checkPolicySyntax(values) > 0;
    const committee = committeeOption(values, session.network);
    if (values.name !== undefined || values.symbol !== undefined || values.description !== undefined) throw new CliError("propose metadata with --metadata FILE.json", ExitCode.usage);
    if ((values.pay === undefined) !== (values.to === undefined)) throw new CliError("--pay and --to go together", ExitCode.usage);
    const kinds = [policyGiven, values.metadata !== undefined, committee !== undefined, values.pay !== undefined].filter(Boolean).length;
    if (kinds !== 1) throw new CliError("give exactly one change: policy fields, --metadata, --committee or --pay with --to", ExitCode.usage);
    let metadataFile: Record<string, unknown> | undefined;
    if (values.metadata !== undefined) {
      try {
        metadataFile = JSON.parse(readFileSync(values.metadata, "utf8")) as Record<string, unknown>;
      } catch (error) {
        throw new CliError(`--metadata: cannot read JSON from ${values.metadata}: ${(error as Error).message}`, ExitCode.usage);
      }
    }
    const payNanoErg = values.pay === undefined ? undefined : parseErg(values.pay, "--pay");
    const windowBlocks = values.window === undefined ? undefined : integerOption("window", values.window, 2n ** 31n);
    return session.run("required", async (key) => {
      const gov = new GovernanceOverHttp(session.lets);
      const { community } = await session.lets.community(communityId);
      const account = await session.lets.account(communityId, key);
      const change: ChangeIntent = policyGiven
        ? { kind: "policy", policy: policyChanges(values, community.metadata.decimals, community.metadata.symbol) }
        : metadataFile ? { kind: "metadata", metadata: { ...community.metadata, ...metadataFile } }
          : committee ? { kind: "committee", committee }
            : { kind: "treasury", amountNanoErg: payNanoErg!, recipient: values.to! };
      session.info(`Proposing to ${community.metadata.name}: a ${change.kind} change`);
      const { submitted } = await session.execute(key, await gov.planPropose(key, account, change, windowBlocks));
      if (!submitted) return ExitCode.ok;
      const proposalId = submitted.unsigned.inputs[0]!.boxId;
      session.result([`proposed: ${proposalId}`, sentLine(submitted.id)], { txId: submitted.id, proposalId, communityId });
      return ExitCode.ok;
    });
  },
};

/** `lets vote` */
export const voteCommand: Command = {
  summary: "a member votes on a proposal with its account (once)",
  usage: `lets vote --proposal ID (--for | --against | --abstain) [key] [options]
${commonUsage}
  Exit codes: 0 sent, 1 refused (voted already, vote over, joined too late) or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { proposal: { type: "string" }, for: { type: "boolean" }, against: { type: "boolean" }, abstain: { type: "boolean" } });
    const session = new Session(values);
    const proposalId = idOption("proposal", values.proposal);
    const choices = (["for", "against", "abstain"] as const).filter((c) => values[c]);
    if (choices.length !== 1) throw new CliError("give one of --for, --against, --abstain", ExitCode.usage);
    const choice: VoteChoice = choices[0]!;
    return session.run("required", async (key) => {
      const gov = new GovernanceOverHttp(session.lets);
      const attempt = async () => {
        const proposal = await gov.proposal(proposalId);
        const account = await session.lets.account(proposal.communityId, key);
        const blocker = voteBlocker(proposal, account, (await session.lets.tip()).height + 1);
        if (blocker) throw new CliError(`cannot vote on ${proposalId}: ${blocker}`, ExitCode.failure);
        return session.execute(key, await gov.planVote(key, proposal, account, choice));
      };
      let sent;
      try {
        sent = await attempt();
      } catch (error) {
        // A builder's refusal stands; a node's rejection may be a concurrent vote that spent the box this one splits.
        if (error instanceof CliError || error instanceof LetsError) throw error;
        // A concurrent vote may have spent the box this one splits: read the list again, once.
        session.info(`retrying with fresh vote boxes (${(error as Error).message})`);
        sent = await attempt();
      }
      if (!sent.submitted) return ExitCode.ok;
      session.result([`voted ${choice} on ${proposalId}`, sentLine(sent.submitted.id)], { txId: sent.submitted.id, proposalId, choice });
      return ExitCode.ok;
    });
  },
};

/** `lets tally` */
export const tallyCommand: Command = {
  summary: "anyone counts a proposal's votes after its vote ended (one transaction per step)",
  usage: `lets tally --proposal ID [--max-votes N] [key] [options]
  The votes' ERG pays each step's fee; the rest goes to your address.
${commonUsage}`,
  async run(args) {
    const values = parseActionArgs(args, { proposal: { type: "string" }, "max-votes": { type: "string" } });
    const session = new Session(values);
    const proposalId = idOption("proposal", values.proposal);
    const maxVotes = values["max-votes"] === undefined ? undefined : Number(integerOption("max-votes", values["max-votes"], 376n));
    if (maxVotes === 0) throw new CliError("--max-votes must be at least 1", ExitCode.usage);
    return session.run("required", async (key) => {
      const gov = new GovernanceOverHttp(session.lets);
      const txIds: string[] = [];
      let proposal = await gov.proposal(proposalId);
      if (isCounted(proposal)) throw new CliError(`every vote on ${proposalId} is counted already`, ExitCode.failure);
      while (!isCounted(proposal)) {
        const { submitted } = await session.execute(key, await gov.planTally(proposal, key.address, maxVotes));
        if (!submitted) return ExitCode.ok;
        txIds.push(submitted.id);
        session.info(`tally step ${txIds.length}: ${submitted.id}`);
        proposal = await gov.proposal(proposalId);
      }
      const c = proposal.counts;
      session.result([`counted ${proposalId}: ${c.for} for, ${c.against} against, ${c.abstain} abstain in ${txIds.length} step(s)`], { txIds, proposalId, counts: c });
      return ExitCode.ok;
    });
  },
};

/** `lets execute` */
export const executeCommand: Command = {
  summary: "anyone carries out a passed proposal; --veto: the committee vetoes it in its window",
  usage: `lets execute --proposal ID [--veto] [key] [options]
${commonUsage}
  Exit codes: 0 sent, 1 refused (not passed, not counted, still vetoable, past its deadline), 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, { proposal: { type: "string" }, veto: { type: "boolean" } });
    const session = new Session(values);
    const proposalId = idOption("proposal", values.proposal);
    return session.run("required", async (key) => {
      const gov = new GovernanceOverHttp(session.lets);
      const proposal = await gov.proposal(proposalId);
      if (values.veto) {
        const { community } = await session.lets.community(proposal.communityId);
        checkCommittee(community, key, session.unsigned, session.network);
      }
      const how = values.veto ? "veto" : "execute";
      const { submitted } = await session.execute(key, await gov.planClose(key, proposal, how));
      if (!submitted) return ExitCode.ok;
      session.result([`${values.veto ? "vetoed" : "executed"} ${proposalId}`, sentLine(submitted.id)], { txId: submitted.id, proposalId, how });
      return ExitCode.ok;
    });
  },
};

/** `lets proposal ID` / `lets proposal close ID` */
export const proposalCommand: Command = {
  summary: "show a proposal in plain words, or close it (refund when rejected, forfeit when no quorum or expired)",
  usage: `lets proposal ID [options]
lets proposal close ID [key] [options]
${commonUsage}`,
  async run(args) {
    const closing = args[0] === "close";
    const values = parseActionArgs(closing ? args.slice(2) : args.slice(1), {});
    const session = new Session(values);
    const proposalId = idOption("proposal", closing ? args[1] : args[0]);
    const action = async (key: Parameters<Session["execute"]>[0] | undefined): Promise<number> => {
      const gov = new GovernanceOverHttp(session.lets);
      const proposal = await gov.proposal(proposalId);
      const { height } = await session.lets.tip();
      if (!closing) {
        const { community } = await session.lets.community(proposal.communityId);
        session.result(proposalLines(proposal, height, community, session.network), proposal);
        return ExitCode.ok;
      }
      const phase = proposalPhase(proposal, height + 1);
      const how = phase === "rejected" ? "refund" : phase === "no-quorum" || phase === "expired" ? "forfeit" : undefined;
      if (!how) throw new CliError(`proposal ${proposalId} cannot be closed while ${phase} (see 'lets proposal ${proposalId}')`, ExitCode.failure);
      const { submitted } = await session.execute(key!, await gov.planClose(key!, proposal, how));
      if (!submitted) return ExitCode.ok;
      session.result([`closed ${proposalId}: ${how === "refund" ? "deposit back to the proposer" : "deposit to the treasury"}`, sentLine(submitted.id)], { txId: submitted.id, proposalId, how });
      return ExitCode.ok;
    };
    return closing ? session.run("required", action) : session.run("optional", action);
  },
};

/** `lets proposals --community ID` */
export const proposalsCommand: Command = {
  summary: "a community's live proposals in plain words",
  usage: `lets proposals --community ID [options]
${commonUsage}`,
  async run(args) {
    const values = parseActionArgs(args, { community: { type: "string" } });
    const session = new Session(values);
    const communityId = idOption("community", values.community);
    return session.run("optional", async () => {
      const gov = new GovernanceOverHttp(session.lets);
      const [governance, proposals, tip] = await Promise.all([gov.governance(communityId), gov.proposals(communityId), session.lets.tip()]);
      if (!governance) {
        session.result([`community ${communityId}: its committee decides (no member governance)`], { communityId, governed: false, proposals: [] });
        return ExitCode.ok;
      }
      const { community } = await session.lets.community(communityId);
      const lines = proposals.length === 0 ? ["no live proposals"] : proposals.flatMap((p) => proposalLines(p, tip.height, community, session.network));
      session.result(lines, { communityId, governed: true, rules: governance.rules, proposals });
      return ExitCode.ok;
    });
  },
};
