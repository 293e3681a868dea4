/** `lets create`: a new community, its rules printed in plain words before anything is signed. */
import { checkMetadata, checkPolicy, genesisFloorNanoErg, ownerFromPublicKey, type CommunityMetadata, type Policy } from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { formatErg, parseErg } from "./amounts.ts";
import { committeeInWords, policyInWords } from "./describe.ts";
import { commonUsage, integerOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { committeeOption, metadataChanges, policyChanges, policyOptions, policyUsage, type PolicyValues } from "./policy-options.ts";
import { checkEconomicsSyntax, economicsForCreate, economicsOptions, economicsUsage, usageCheck, type EconomicsValues } from "./economics-options.ts";
import { Session } from "./session.ts";

const DEFAULTS = { decimals: 2, joinFeeNanoErg: 10_000_000n, collateralNanoErg: 100_000_000n, maxMembers: 100n } as const;

/** The policy and metadata the options describe, with defaults for what they leave out. */
function readRules(values: PolicyValues & EconomicsValues & { decimals?: string; "max-members"?: string }): { policy: Policy; metadata: CommunityMetadata } {
  if (values.name === undefined || values.symbol === undefined) throw new CliError("--name and --symbol are required", ExitCode.usage);
  if (values["credit-limit"] === undefined) throw new CliError("--credit-limit is required: how far below 0 a member may go", ExitCode.usage);
  checkEconomicsSyntax(values);
  const decimals = values.decimals === undefined ? DEFAULTS.decimals : Number(integerOption("decimals", values.decimals, 18n));
  const changes = policyChanges(values, decimals, values.symbol);
  const policy: Policy = {
    creditLimit: changes.creditLimit!,
    positiveCap: changes.positiveCap ?? 0n,
    joinFeeNanoErg: changes.joinFeeNanoErg ?? DEFAULTS.joinFeeNanoErg,
    collateralNanoErg: changes.collateralNanoErg ?? DEFAULTS.collateralNanoErg,
    maxMembers: values["max-members"] === undefined ? DEFAULTS.maxMembers : integerOption("max-members", values["max-members"], 1_000_000_000n),
    inactivityBlocks: changes.inactivityBlocks ?? 0n,
  };
  const economics = economicsForCreate(values, decimals, values.symbol, policy.creditLimit);
  if (economics) policy.economics = economics;
  const metadata: CommunityMetadata = { name: values.name, symbol: values.symbol, description: "", ...metadataChanges(values), decimals };
  usageCheck(() => checkPolicy(policy), values);
  usageCheck(() => checkMetadata(metadata));
  return { policy, metadata };
}

/** `lets create` */
export const createCommand: Command = {
  summary: "create a community: its rules, committee and currency",
  usage: `lets create --name NAME --symbol SYM --credit-limit N [rules] [key] [options]

  --name NAME             the community's name
  --symbol SYM            its currency symbol (1-12 characters, no spaces)
  --description TEXT      one line about it
  --decimals D            decimals of its currency (default 2): amounts like 12.50
${policyUsage}
  --max-members M         most members at a time, fixed forever (default ${DEFAULTS.maxMembers})
  --treasury-erg E        ERG the treasury starts with (default and least: its floor, below)
${economicsUsage}
${commonUsage}

  Defaults: no positive cap, join fee ${formatErg(DEFAULTS.joinFeeNanoErg)}, collateral ${formatErg(DEFAULTS.collateralNanoErg)}, no default
  path (inactivity 0), the committee is your own key. The rules are printed before signing.
  The treasury never holds less than its floor, a little more than the storage fee of the
  community box (about 2.4 ERG), so that storage rent can never take the box apart; the floor
  stays in the box for good (governance can withdraw only what is above it).
  Without any lever the community uses the plain contracts, the cheapest per payment; levers
  cannot be added later (governance may change an economics community's levers for future
  members). A lever left out of an economics community is off.
  Exit codes: 0 sent, 1 refused or failed, 2 bad usage.`,
  async run(args) {
    const values = parseActionArgs(args, {
      ...policyOptions,
      ...economicsOptions,
      decimals: { type: "string" },
      "max-members": { type: "string" },
      "treasury-erg": { type: "string" },
    });
    const session = new Session(values);
    const { policy, metadata } = readRules(values);
    const committeeGiven = committeeOption(values, session.network);
    const treasuryGiven = values["treasury-erg"] === undefined ? undefined : parseErg(values["treasury-erg"], "--treasury-erg");
    return session.run("required", async (key) => {
      const committee = committeeGiven ?? ownerFromPublicKey(key.publicKey);
      const floor = genesisFloorNanoErg({ policy, metadata, committee });
      const treasuryNanoErg = treasuryGiven ?? floor;
      session.info(`Creating ${metadata.name} (${metadata.symbol}), amounts with ${metadata.decimals} decimals. Its rules:`);
      for (const rule of policyInWords(policy, metadata)) session.info(`  - ${rule}`);
      session.info(
        policy.economics
          ? "  - economics levers: this community and its accounts use the economics contracts (docs/economics.md)"
          : "  - no economics levers: the plain contracts, the cheapest per payment (levers cannot be added later)",
      );
      session.info(`  - the committee, who may change these rules for future members (never an account), is ${committeeInWords(committee, session.network)}`);
      session.info(`  - the treasury starts with ${formatErg(treasuryNanoErg)} and never holds less than ${formatErg(floor)}, more than the storage fee of the community box, so storage rent can never take it apart`);
      const plan = await session.lets.planCreate(key, { policy, metadata, committee, treasuryNanoErg });
      const { unsigned, submitted } = await session.execute(key, plan);
      // A new token's id is the id of the first box the transaction spends.
      const communityId = unsigned.inputs[0]!.boxId;
      if (!submitted) {
        session.info(`once signed and sent, this creates community ${communityId}`);
        return ExitCode.ok;
      }
      session.result(
        [`created ${metadata.name}: community ${communityId}`, sentLine(submitted.id), `members join with: lets join --community ${communityId}`],
        { txId: submitted.id, communityId, metadata, policy, committee },
      );
      return ExitCode.ok;
    });
  },
};
