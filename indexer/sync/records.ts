/** Rows <-> the records `applyBlock` reads and writes. Amounts come back from drivers as string or bigint. */
import type { AccountEconomicsTerms, AccountEconomy, Economics } from "../../contracts/economics.ts";
import type { LineTerms, PendingChange, Side } from "../../contracts/line/line.ts";
import type { AccountRecord, CommunityRecord, GatewayRecord, LineRecord } from "./lets-events.ts";
import type {
  AccountBoxRow, AccountEconomicsColumns, CommunityBoxRow, CommunityLeversColumns, GatewayBoxRow, LineBoxRow, NewAccountBox, NewCommunityBox, NewGatewayBox, NewLineBox,
} from "../db/schema.ts";

const big = (value: bigint | string): bigint => BigInt(value);

/** Lever (camelCase) -> column, in register order: the account's nine, then the community's two more. */
const ACCOUNT_LEVER_COLUMNS = {
  demurragePpm: "demurrage_ppm", demurragePeriod: "demurrage_period", feeBps: "fee_bps", feeMin: "fee_min", turnoverPpm: "turnover_ppm",
  stepUnits: "step_units", stepBlocks: "step_blocks", maxCreditLimit: "max_credit_limit", newcomerBlocks: "newcomer_blocks",
} as const satisfies Record<keyof AccountEconomicsTerms, keyof AccountEconomicsColumns & keyof CommunityLeversColumns>;
const LEVER_COLUMNS = { ...ACCOUNT_LEVER_COLUMNS, allowance: "allowance", sweepMin: "sweep_min" } as const satisfies Record<keyof Economics, keyof CommunityLeversColumns>;
const ECONOMY_COLUMNS = {
  accrued: "accrued", chargedHeight: "charged_height", received: "received", allowance: "allowance", carry: "carry",
} as const satisfies Record<keyof AccountEconomy, keyof AccountEconomicsColumns>;

/** `fields` of `values` (absent: every column null) as the columns `names` gives them. */
function columnsOf<K extends string, C extends string>(names: Record<K, C>, values: Record<K, bigint> | undefined): Record<C, bigint | null> {
  return Object.fromEntries(Object.entries<C>(names).map(([field, column]) => [column, values ? values[field as K] : null])) as Record<C, bigint | null>;
}

/** The fields of `names` read from a row's columns, or undefined when the first is null (a plain box). */
function fieldsOf<K extends string, C extends string>(names: Record<K, C>, row: Record<C, bigint | string | null>): Record<K, bigint> | undefined {
  const entries = Object.entries<C>(names);
  if (row[entries[0]![1]] === null) return undefined;
  return Object.fromEntries(entries.map(([field, column]) => [field, big(row[column]!)])) as Record<K, bigint>;
}

/** The economics columns of an account record (all null for a plain account). */
export const accountEconomicsColumns = (a: AccountRecord): Record<keyof AccountEconomicsColumns, bigint | null> => ({
  ...columnsOf(ACCOUNT_LEVER_COLUMNS, a.terms.economics),
  ...columnsOf(ECONOMY_COLUMNS, a.economy),
});

/** The lever columns of a policy (all null for a plain community). */
export const leverColumns = (economics: Economics | undefined): Record<keyof CommunityLeversColumns, bigint | null> => columnsOf(LEVER_COLUMNS, economics);

/** The levers of a community row, or undefined for a plain community. */
export const leversOf = (row: Record<keyof CommunityLeversColumns, bigint | string | null>): Economics | undefined => fieldsOf(LEVER_COLUMNS, row);

/** A live account box row from an account record created at `height` by `txId`. */
export function accountRow(a: AccountRecord, txId: string, height: number): NewAccountBox {
  return {
    box_id: a.boxId, account_id: a.accountId, community_id: a.communityId, tx_id: txId, owner: a.owner,
    balance: a.balance, credit_limit: a.terms.creditLimit, positive_cap: a.terms.positiveCap,
    collateral_nano_erg: a.terms.collateralNanoErg, inactivity_blocks: a.terms.inactivityBlocks,
    joined_height: a.terms.joinedHeight, last_active_height: a.lastActiveHeight, value_nano_erg: a.valueNanoErg,
    created_height: height, spent_height: null, creation_height: a.creationHeight, next_seq: a.nextSeq ?? null, ...accountEconomicsColumns(a),
    backed: a.terms.backing?.backed ?? null, stake_keys: a.terms.backing ? a.terms.backing.stakes.join(",") : null,
  };
}

/** The account record of a row. */
export function accountFromRow(r: AccountBoxRow): AccountRecord {
  const economics = fieldsOf(ACCOUNT_LEVER_COLUMNS, r);
  const economy = fieldsOf(ECONOMY_COLUMNS, r);
  return {
    boxId: r.box_id, accountId: r.account_id, communityId: r.community_id, owner: r.owner, balance: big(r.balance),
    terms: {
      creditLimit: big(r.credit_limit), positiveCap: big(r.positive_cap), collateralNanoErg: big(r.collateral_nano_erg),
      inactivityBlocks: big(r.inactivity_blocks), joinedHeight: big(r.joined_height), ...(economics ? { economics } : {}),
      ...(r.backed === null || r.stake_keys === null ? {} : { backing: { backed: big(r.backed), stakes: r.stake_keys.split(",") } }),
    },
    lastActiveHeight: big(r.last_active_height),
    ...(economy ? { economy } : {}),
    ...(r.next_seq === null ? {} : { nextSeq: big(r.next_seq) }),
    valueNanoErg: big(r.value_nano_erg),
    creationHeight: r.creation_height,
  };
}

/** A live community box row from a community record. */
export function communityRow(c: CommunityRecord, txId: string, height: number): NewCommunityBox {
  const p = c.policy;
  return {
    box_id: c.boxId, community_id: c.communityId, tx_id: txId, credit_limit: p.creditLimit, positive_cap: p.positiveCap,
    join_fee_nano_erg: p.joinFeeNanoErg, collateral_nano_erg: p.collateralNanoErg, max_members: p.maxMembers,
    inactivity_blocks: p.inactivityBlocks, committee: c.committee, metadata: JSON.stringify(c.metadata),
    members_joined: c.membersJoined, community_balance: c.communityBalance, seats_left: c.seatsLeft,
    treasury_nano_erg: c.treasuryNanoErg, created_height: height, spent_height: null, creation_height: c.creationHeight,
    metadata_problem: c.metadataProblem, governance_id: c.governanceId, ...leverColumns(p.economics),
  };
}

/** The community record of a row. */
export function communityFromRow(r: CommunityBoxRow): CommunityRecord {
  const economics = leversOf(r);
  return {
    boxId: r.box_id, communityId: r.community_id, seatsLeft: big(r.seats_left), committee: r.committee,
    policy: {
      creditLimit: big(r.credit_limit), positiveCap: big(r.positive_cap), joinFeeNanoErg: big(r.join_fee_nano_erg),
      collateralNanoErg: big(r.collateral_nano_erg), maxMembers: big(r.max_members), inactivityBlocks: big(r.inactivity_blocks),
      ...(economics ? { economics } : {}),
    },
    metadata: JSON.parse(r.metadata), metadataProblem: r.metadata_problem,
    membersJoined: big(r.members_joined), communityBalance: big(r.community_balance), treasuryNanoErg: big(r.treasury_nano_erg),
    creationHeight: r.creation_height, governanceId: r.governance_id,
  };
}

/** The terms columns of a line's terms. */
export function termsColumns(t: LineTerms) {
  return { rate_num: t.rateNum, rate_den: t.rateDen, cap_a: t.capA, cap_b: t.capB, fee_a: t.feeA, fee_b: t.feeB, shards: t.shards };
}

/** The terms of a row's terms columns. */
export function termsOf(r: Pick<LineBoxRow, "rate_num" | "rate_den" | "cap_a" | "cap_b" | "fee_a" | "fee_b" | "shards">): LineTerms {
  return { rateNum: big(r.rate_num), rateDen: big(r.rate_den), capA: big(r.cap_a), capB: big(r.cap_b), feeA: big(r.fee_a), feeB: big(r.fee_b), shards: big(r.shards) };
}

/** A pending change as stored: JSON with the terms' amounts as strings, or null. */
export function pendingJson(p: PendingChange | null): string | null {
  if (p === null) return null;
  if (p.kind === "close") return JSON.stringify({ proposer: p.proposer, kind: "close" });
  const terms = Object.fromEntries(Object.entries(p.terms).map(([k, v]) => [k, v.toString()]));
  return JSON.stringify({ proposer: p.proposer, kind: "terms", terms });
}

/** The pending change of its stored JSON. */
export function pendingOf(text: string | null): PendingChange | null {
  if (text === null) return null;
  const p = JSON.parse(text) as { proposer: Side; kind: "terms" | "close"; terms?: Record<string, string> };
  if (p.kind === "close") return { proposer: p.proposer, kind: "close" };
  const terms = Object.fromEntries(Object.entries(p.terms!).map(([k, v]) => [k, BigInt(v)])) as unknown as LineTerms;
  return { proposer: p.proposer, kind: "terms", terms };
}

/** A line box row. */
export function lineRow(l: LineRecord, txId: string, height: number): NewLineBox {
  return {
    box_id: l.boxId, line_id: l.lineId, tx_id: txId, ...termsColumns(l.terms), status: l.status, paused_a: l.pausedA, paused_b: l.pausedB,
    pending: pendingJson(l.pending), value_nano_erg: l.valueNanoErg, creation_height: l.creationHeight, created_height: height, spent_height: null,
  };
}

/** The line record of a line box row and its line's row. */
export function lineFromRow(r: LineBoxRow, line: { community_a: string; community_b: string; community_tree_hash: string }): LineRecord {
  return {
    boxId: r.box_id, lineId: r.line_id, communityA: line.community_a, communityB: line.community_b, communityTreeHash: line.community_tree_hash,
    terms: termsOf(r), status: r.status as LineRecord["status"], pausedA: r.paused_a, pausedB: r.paused_b, pending: pendingOf(r.pending),
    valueNanoErg: big(r.value_nano_erg), creationHeight: r.creation_height,
  };
}

/** A gateway box row. */
export function gatewayRow(g: GatewayRecord, txId: string, height: number): NewGatewayBox {
  return {
    box_id: g.boxId, gateway_id: g.gatewayId, line_id: g.lineId, community_id: g.communityId, side: g.side, shard: g.shard, tx_id: txId,
    balance: g.balance, fees_held: g.feesHeld, position: g.position, max_units: g.maxUnits, value_nano_erg: g.valueNanoErg,
    creation_height: g.creationHeight, created_height: height, spent_height: null,
  };
}

/** The gateway record of a row. */
export function gatewayFromRow(r: GatewayBoxRow): GatewayRecord {
  return {
    boxId: r.box_id, gatewayId: r.gateway_id, lineId: r.line_id, communityId: r.community_id, side: r.side as Side, shard: r.shard,
    balance: big(r.balance), feesHeld: big(r.fees_held), position: big(r.position), maxUnits: big(r.max_units),
    valueNanoErg: big(r.value_nano_erg), creationHeight: r.creation_height,
  };
}
