/**
 * Communities and accounts in words and in JSON. The JSON has the fields (and the decimal-string
 * amounts) of the indexer API, so a script reads `lets show --json` and the API the same way.
 */
import { creditLeft, creditLimitAt, DORMANT_BLOCKS, describeCommittee, type Account, type Community, type CommunityMetadata, type Policy } from "../../../contracts/index.ts";
import { dormantFrom } from "../../../contracts/storage-rent.ts";
import { addressOfKey, ownerAddress } from "../../../ergo/addresses.ts";
import type { NetworkName } from "../../../ergo/network.ts";
import { formatErg, formatUnits } from "./amounts.ts";
import type { UnitFormat } from "./errors.ts";
import { blocksInWords } from "./durations.ts";
import { economicsInWords } from "./economics-words.ts";
import { accountEconomicsJson, leversFromJson, leversJson } from "./economics-json.ts";
import type { AccountJson as ApiAccount, Amount, CommunityJson as ApiCommunity, PolicyJson } from "../../../indexer/api/types.ts";

/** Amounts of a community as its members read them: "12.50 KCD". */
export const unitFormat = (metadata: CommunityMetadata): UnitFormat => (units) =>
  `${formatUnits(units, metadata.decimals)} ${metadata.symbol}`;

/** A single-key owner's address, else its SigmaProp hex (a committee has no single address). */
export const ownerAddressOrHex = (owner: string, network: NetworkName): string => ownerAddress(owner, network) ?? owner;

/** The committee in words: "3WxYz…" or "2 of 3: 3Wa…, 3Wb…, 3Wc…". */
export function committeeInWords(committee: string, network: NetworkName): string {
  const described = describeCommittee(committee);
  if (!described) return `a custom SigmaProp (${committee})`;
  const addresses = described.publicKeys.map((key) => addressOfKey(key, network));
  if (addresses.length === 1) return addresses[0]!;
  return `${described.threshold} of ${addresses.length}: ${addresses.join(", ")}`;
}

/** The rules of a policy, one plain sentence each. */
export function policyInWords(policy: Policy, metadata: CommunityMetadata): string[] {
  const units = unitFormat(metadata);
  return [
    `each member may go down to ${units(-policy.creditLimit)} (credit limit ${units(policy.creditLimit)})`,
    policy.positiveCap === 0n ? "no upper limit on balances" : `no balance may go above ${units(policy.positiveCap)} (positive cap)`,
    `joining costs a fee of ${formatErg(policy.joinFeeNanoErg)} to the treasury and locks ${formatErg(policy.collateralNanoErg)} of collateral, returned on leaving at balance 0`,
    `at most ${policy.maxMembers} members at a time`,
    ...(policy.joinFeeNanoErg === 0n && policy.collateralNanoErg === 0n ? ["joining is free: one person could take every seat with new keys"] : []),
    policy.inactivityBlocks === 0n
      ? "no default path: a member in debt is closed by others only when dormant (below)"
      : `a member below 0 who makes no payment and receives none for ${blocksInWords(policy.inactivityBlocks)} can be closed by anyone: the debt goes to the community balance, the collateral to the treasury, the rest of its ERG back to the member`,
    `an account nobody pays from or to for ${blocksInWords(BigInt(DORMANT_BLOCKS))} is dormant and can be closed by anyone, whatever its balance, before storage rent could take it apart: the balance goes to the community balance, the ERG back to the member`,
    ...(policy.economics ? economicsInWords(policy.economics, policy.creditLimit, units) : []),
  ];
}

/**
 * An account as the indexer API describes it (plus the owner's address), less the pending payment
 * orders: only the indexer's order book knows them, not a node's live boxes.
 */
export type AccountJson = Omit<ApiAccount, "pendingIn" | "pendingOut"> & { address: string };

/** A community as the indexer API describes it: the fields a node's live boxes give (the others need the chain's history). */
export type CommunityJson = Pick<
  ApiCommunity,
  | "communityId" | "boxId" | "committee" | "metadata" | "policy" | "members" | "membersJoined" | "seatsLeft" | "communityBalance" | "moneySupply"
  | "creditInUse" | "treasuryNanoErg"
>;

/** An amount as the API writes it. */
const text = (units: bigint): Amount => `${units}`;

/**
 * An open account from its live box. With `height`, an economics account's credit left counts
 * from its earned credit limit at that height and `economics` says how (docs/economics.md);
 * `creditLimit` stays the base.
 */
export function accountJson(account: Account, network: NetworkName, height?: bigint): AccountJson {
  return {
    accountId: account.accountId,
    communityId: account.communityId,
    owner: account.owner,
    address: ownerAddressOrHex(account.owner, network),
    status: "open",
    balance: text(account.balance),
    creditLimit: text(account.terms.creditLimit),
    positiveCap: text(account.terms.positiveCap),
    creditLeft: text(height === undefined ? creditLeft(account) : account.balance + creditLimitAt(account, height)),
    collateralNanoErg: text(account.terms.collateralNanoErg),
    inactivityBlocks: text(account.terms.inactivityBlocks),
    joinedHeight: Number(account.terms.joinedHeight),
    lastActiveHeight: Number(account.lastActiveHeight),
    nextSeq: account.nextSeq === undefined ? null : text(account.nextSeq),
    valueNanoErg: text(account.valueNanoErg),
    boxId: account.boxId,
    closedHeight: null,
    dormantFromHeight: dormantFrom(account.creationHeight),
    // A profile is in the transaction that set it, not in the box: only the indexer knows it.
    name: null,
    about: null,
    link: null,
    economics: height === undefined ? null : accountEconomicsJson(account, height),
  };
}

const policyJson = (p: Policy): PolicyJson => ({
  creditLimit: text(p.creditLimit),
  positiveCap: text(p.positiveCap),
  joinFeeNanoErg: text(p.joinFeeNanoErg),
  collateralNanoErg: text(p.collateralNanoErg),
  maxMembers: text(p.maxMembers),
  inactivityBlocks: text(p.inactivityBlocks),
  economics: leversJson(p.economics),
});

/** A policy from its JSON strings. */
export function policyFromJson(p: PolicyJson): Policy {
  const policy: Policy = {
    creditLimit: BigInt(p.creditLimit),
    positiveCap: BigInt(p.positiveCap),
    joinFeeNanoErg: BigInt(p.joinFeeNanoErg),
    collateralNanoErg: BigInt(p.collateralNanoErg),
    maxMembers: BigInt(p.maxMembers),
    inactivityBlocks: BigInt(p.inactivityBlocks),
  };
  const economics = leversFromJson(p.economics);
  return economics ? { ...policy, economics } : policy;
}

/** The community from its live box and open accounts, with the indexer's totals. */
export function communityJson(community: Community, accounts: readonly Account[]): CommunityJson {
  const positive = accounts.reduce((sum, a) => (a.balance > 0n ? sum + a.balance : sum), 0n);
  const negative = accounts.reduce((sum, a) => (a.balance < 0n ? sum - a.balance : sum), 0n);
  return {
    communityId: community.communityId,
    boxId: community.boxId,
    committee: community.committee,
    metadata: community.metadata,
    policy: policyJson(community.policy),
    members: accounts.length,
    membersJoined: text(community.membersJoined),
    seatsLeft: text(community.seatsLeft),
    communityBalance: text(community.communityBalance),
    moneySupply: text(positive),
    creditInUse: text(negative),
    treasuryNanoErg: text(community.treasuryNanoErg),
  };
}

/** One account on one line: balance, credit left, owner, id, and its status when closed; an open plain account's next payment order number last. */
export function accountLine(account: AccountJson, units: UnitFormat): string {
  const status = account.status === "open" ? `credit left ${units(BigInt(account.creditLeft))}` : `${account.status} at height ${account.closedHeight}`;
  const nextOrder = account.status === "open" && account.nextSeq !== null ? `  next order ${account.nextSeq}` : "";
  return `${units(BigInt(account.balance)).padStart(16)}  ${status}  ${account.address}  account ${account.accountId}${nextOrder}`;
}

/** A community in a few lines: name, rules, committee, treasury, totals. */
export function communityInWords(community: CommunityJson, network: NetworkName): string[] {
  const { metadata } = community;
  const units = unitFormat(metadata);
  const policy = policyFromJson(community.policy);
  const booked = policy.economics ? "allowances issued, charges swept and debts written off" : "debts written off by defaults";
  return [
    `${metadata.name} (${metadata.symbol}, ${metadata.decimals} decimals)  community ${community.communityId}`,
    ...(metadata.description ? [`  ${metadata.description}`] : []),
    "Rules:",
    ...policyInWords(policy, metadata).map((rule) => `  - ${rule}`),
    `Committee: ${committeeInWords(community.committee, network)}`,
    `Treasury: ${formatErg(BigInt(community.treasuryNanoErg))}`,
    `Members: ${community.members} now, ${community.membersJoined} joined ever, ${community.seatsLeft} seats left`,
    `Money in circulation: ${units(BigInt(community.moneySupply))}; community balance ${units(BigInt(community.communityBalance))} (${booked})`,
  ];
}
