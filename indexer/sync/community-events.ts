/**
 * What a transaction that continues a community box did: admit a member (`join`), close accounts
 * (`leave`, `default`, or a dormant `close`), move the charges accrued in economics accounts to the
 * community balance (`sweep`: accounts spent with the community box and remade), recreate a
 * dormant box unchanged (`refresh`), or change the rules (`govern`). An exit is told apart by the
 * rule that allowed it at this height: a negative account past its inactivity window defaults, a
 * dormant box is closed, anything else left.
 */
import { dormantFrom } from "../../contracts/storage-rent.ts";
import type { AccountRecord, CommunityRecord, EventSite, LetsEvent } from "./lets-events.ts";
import type { TxInputs, TxOutputs } from "./outputs.ts";
import { communityChanges } from "./rent.ts";

/** The event of `account` closed by a transaction at `site` that leaves `community` behind. */
export function exitEvent(site: EventSite, community: CommunityRecord, account: AccountRecord): LetsEvent {
  const { accountId, balance, terms } = account;
  const inactive = terms.inactivityBlocks > 0n && BigInt(site.height) >= account.lastActiveHeight + terms.inactivityBlocks;
  if (balance < 0n && inactive) return { kind: "default", site, community, accountId, debt: -balance };
  if (site.height >= dormantFrom(account.creationHeight)) return { kind: "close", site, community, accountId, balance };
  return { kind: "leave", site, community, accountId };
}

/** Whether `after` recreates `before` unchanged: same registers and units, no less ERG. */
export const isRefresh = (before: CommunityRecord, after: CommunityRecord): boolean =>
  communityChanges(before, after).length === 0 && after.treasuryNanoErg >= before.treasuryNanoErg;

/** The events of every community box the transaction continued. */
export function communityEvents(site: EventSite, inputs: TxInputs, made: TxOutputs): LetsEvent[] {
  const events: LetsEvent[] = [];
  for (const before of inputs.communities) {
    const after = made.successors.find((c) => c.communityId === before.communityId);
    // An escrow's opening or closing moves a seat (docs/escrow.md): an escrow event, not a join, sweep or change of rules.
    if (!after || made.escrowSeats.has(before.boxId)) continue;
    const joined = made.accounts.find((a) => a.accountId === before.boxId);
    const spent = inputs.accounts.filter((a) => a.communityId === before.communityId);
    const swept = made.accounts.filter((a) => a.communityId === before.communityId && spent.some((s) => s.accountId === a.accountId));
    const exits = spent.filter((a) => !swept.some((s) => s.accountId === a.accountId));
    if (joined) events.push({ kind: "join", site, community: after, account: joined });
    for (const account of exits) events.push(exitEvent(site, after, account));
    if (swept.length > 0) events.push({ kind: "sweep", site, community: after, accounts: swept, collected: after.communityBalance - before.communityBalance });
    // A propose or accept spends the community box to seat gateways: a line event, not a change of rules.
    // So does a desk's opening (docs/desk.md): a desk event.
    if (!joined && spent.length === 0 && !made.lineOpens.has(before.boxId) && !made.deskOpens.has(before.boxId)) events.push({ kind: isRefresh(before, after) ? "refresh" : "govern", site, community: after });
  }
  return events;
}
