/** Rows <-> the records `applyBlock` reads and writes. Amounts come back from drivers as string or bigint. */
import type { AccountRecord, CommunityRecord } from "./lets-events.ts";
import type { AccountBoxRow, CommunityBoxRow, NewAccountBox, NewCommunityBox } from "../db/schema.ts";

const big = (value: bigint | string): bigint => BigInt(value);

/** A live account box row from an account record created at `height` by `txId`. */
export function accountRow(a: AccountRecord, txId: string, height: number): NewAccountBox {
  return {
    box_id: a.boxId, account_id: a.accountId, community_id: a.communityId, tx_id: txId, owner: a.owner,
    balance: a.balance, credit_limit: a.terms.creditLimit, positive_cap: a.terms.positiveCap,
    collateral_nano_erg: a.terms.collateralNanoErg, inactivity_blocks: a.terms.inactivityBlocks,
    joined_height: a.terms.joinedHeight, last_active_height: a.lastActiveHeight, value_nano_erg: a.valueNanoErg,
    created_height: height, spent_height: null, creation_height: a.creationHeight,
  };
}

/** The account record of a row. */
export function accountFromRow(r: AccountBoxRow): AccountRecord {
  return {
    boxId: r.box_id, accountId: r.account_id, communityId: r.community_id, owner: r.owner, balance: big(r.balance),
    terms: {
      creditLimit: big(r.credit_limit), positiveCap: big(r.positive_cap), collateralNanoErg: big(r.collateral_nano_erg),
      inactivityBlocks: big(r.inactivity_blocks), joinedHeight: big(r.joined_height),
    },
    lastActiveHeight: big(r.last_active_height),
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
    metadata_problem: c.metadataProblem,
  };
}

/** The community record of a row. */
export function communityFromRow(r: CommunityBoxRow): CommunityRecord {
  return {
    boxId: r.box_id, communityId: r.community_id, seatsLeft: big(r.seats_left), committee: r.committee,
    policy: {
      creditLimit: big(r.credit_limit), positiveCap: big(r.positive_cap), joinFeeNanoErg: big(r.join_fee_nano_erg),
      collateralNanoErg: big(r.collateral_nano_erg), maxMembers: big(r.max_members), inactivityBlocks: big(r.inactivity_blocks),
    },
    metadata: JSON.parse(r.metadata), metadataProblem: r.metadata_problem,
    membersJoined: big(r.members_joined), communityBalance: big(r.community_balance), treasuryNanoErg: big(r.treasury_nano_erg),
    creationHeight: r.creation_height,
  };
}
