/**
 * Underwriting in the sync (contract version 8, docs/underwriting.md). An underwriting box holds no
 * unit of its community: it is no member and counts nowhere in the books. The sync follows an
 * offer of a community it knows (any box of the underwriting script with well-formed registers; the
 * script lets only its underwriter cancel it and only its account's owner accept it), the stake an
 * acceptance makes (the one box holding the token minted with the offer's id, with the offer's
 * registers), and each refresh of it (the one successor of a stake input, same token and registers).
 *
 * What a transaction did to a stake: offered, accepted, refreshed; cancelled (an offer spent with no
 * stake made); withdrawn (a stake spent with no successor while its account lives on); exited (a
 * stake spent with its account's leave, default or dormant close): the committee received the value
 * of the outputs tagged with the stake box's id (R4) under the committee's key, the underwriter the
 * value of those under its key. A stake reached by storage rent is a compromise (anyone may refresh
 * a dormant stake first): it is not continued. An offer reached by storage rent ends as cancelled.
 */
import type { Box } from "@fleet-sdk/common";
import { ownerTree } from "../../contracts/builders/exit.ts";
import { bytesConstant, readBytes } from "../../contracts/registers.ts";
import { UNDERWRITING_ERGO_TREE } from "../../contracts/scripts.ts";
import { decodeUnderwriting, exitShares } from "../../contracts/underwriting/underwriting.ts";
import type { AccountRecord, CommunityRecord, Compromise, EventSite, Ignored, LetsEvent } from "./lets-events.ts";
import { spendTracked, type ChainInput } from "./rent.ts";
import type { StakeExitKind, UnderwritingActivity, UnderwritingRecord, UnderwritingView } from "./underwriting-records.ts";

export type { StakeEventKind, StakeExitKind, StakeState, UnderwritingActivity, UnderwritingRecord, UnderwritingView } from "./underwriting-records.ts";

/** Whether an output is under the underwriting tree. */
export const isUnderwritingTree = (tree: string): boolean => tree === UNDERWRITING_ERGO_TREE;

/** The communities the underwriting-script outputs among `outputs` name (R7): the sync must know whether each is valid. */
export function underwritingCommunityIds(outputs: readonly { ergoTree: string; additionalRegisters: Record<string, string | undefined> }[]): string[] {
  return outputs.flatMap((o) => {
    if (!isUnderwritingTree(o.ergoTree)) return [];
    try {
      return [readBytes("R7", o.additionalRegisters.R7)];
    } catch {
      return []; // not an underwriting box: applyBlock reports it
    }
  });
}

/** Spends the followed underwriting boxes among `inputs`: stakes through the rent-aware helper, offers plainly. */
export function spendUnderwriting(
  txId: string, inputs: readonly ChainInput[], height: number, state: UnderwritingView & { spend(boxId: string): void }, compromises: Compromise[],
): UnderwritingRecord[] {
  const active = { find: (boxId: string) => (state.underwriting(boxId)?.state === "active" ? state.underwriting(boxId) : undefined), spend: (boxId: string) => state.spend(boxId) };
  const stakes = spendTracked(txId, inputs, height, active, (s) => `the underwriting stake ${s.id} of account ${s.accountId}`, compromises);
  const offers: UnderwritingRecord[] = [];
  for (const input of inputs) {
    const offer = state.underwriting(input.boxId);
    if (offer?.state !== "offer") continue;
    state.spend(offer.boxId);
    offers.push(offer);
  }
  return [...offers, ...stakes];
}

const sameDeal = (a: UnderwritingRecord, b: Omit<UnderwritingRecord, "id" | "version">): boolean =>
  a.accountId === b.accountId && a.communityId === b.communityId && a.underwriter === b.underwriter && a.raise === b.raise && a.premium === b.premium &&
  a.premiumAccountId === b.premiumAccountId;

/**
 * The underwriting boxes among `outputs` the sync follows: offers of a known community, and the one
 * stake box of each offer or stake spent (its token the stake's id, its registers the offer's).
 * Any other box of the script is reported as ignored.
 */
export function underwritingOutputs(
  txId: string, outputs: readonly Box<bigint>[], spent: readonly UnderwritingRecord[], isValidCommunity: (id: string) => boolean, ignored: Ignored[],
): UnderwritingRecord[] {
  const made: UnderwritingRecord[] = [];
  for (const box of outputs) {
    if (!isUnderwritingTree(box.ergoTree)) continue;
    const decoded = decodeUnderwriting(box);
    if (!decoded.ok) {
      ignored.push({ boxId: box.boxId, txId, reason: `an underwriting-script box that is not an underwriting box (${decoded.reason})` });
      continue;
    }
    const { box: _box, ...u } = decoded.value;
    if (u.state === "offer") {
      if (isValidCommunity(u.communityId)) made.push({ ...u, id: u.boxId, version: 0 });
      else ignored.push({ boxId: box.boxId, txId, reason: `an underwriting offer for ${u.communityId}, no community the indexer knows` });
      continue;
    }
    const before = spent.find((s) => s.id === u.stakeId);
    if (!before || !sameDeal(before, u) || made.some((m) => m.id === before.id)) {
      ignored.push({ boxId: box.boxId, txId, reason: "an underwriting stake that no acceptance of a followed offer, nor a followed stake, of its transaction made" });
      continue;
    }
    made.push({ ...u, id: before.id, version: before.version + 1 });
  }
  return made;
}

const EXITS: ReadonlySet<string> = new Set(["leave", "default", "close"]);

/** The accounts of this transaction's exits, each with the kind of its exit. */
function exitsOf(events: readonly LetsEvent[]): Map<string, StakeExitKind> {
  const exits = new Map<string, StakeExitKind>();
  for (const e of events) if (EXITS.has(e.kind) && "accountId" in e && typeof e.accountId === "string") exits.set(e.accountId, e.kind as StakeExitKind);
  return exits;
}

/**
 * What an exit paid for `stake`: the value of the outputs tagged with its box id (R4) under the
 * committee's key and under the underwriter's. When the committee is the underwriter, the tagged
 * value is shared as the contract shares it (`exitShares` of the account as the exit spent it).
 */
function exitPayouts(stake: UnderwritingRecord, outputs: readonly Box<bigint>[], committee: string | undefined, account: AccountRecord | undefined) {
  const tag = bytesConstant(stake.boxId).toLowerCase();
  const tagged = outputs.filter((o) => (o.additionalRegisters.R4 ?? "").toLowerCase() === tag);
  const paidTo = (key: string) => tagged.filter((o) => o.ergoTree === ownerTree(key)).reduce((sum, o) => sum + o.value, 0n);
  if (committee !== undefined && committee === stake.underwriter && account) {
    // exitShares reads the account's balance and terms only, which the record keeps.
    const { lost } = exitShares(account as Parameters<typeof exitShares>[0], stake.stakeNanoErg);
    const total = paidTo(committee);
    return { lost: lost < total ? lost : total, returned: total > lost ? total - lost : 0n };
  }
  return { lost: committee === undefined ? 0n : paidTo(committee), returned: paidTo(stake.underwriter) };
}

interface Tx {
  spent: readonly UnderwritingRecord[];
  made: readonly UnderwritingRecord[];
  outputs: readonly Box<bigint>[];
  communitiesIn: readonly CommunityRecord[];
  accountsIn: readonly AccountRecord[];
  /** The transaction's events, before any compromise filter (its exits). */
  events: readonly LetsEvent[];
}

/** What a transaction did to the stakes it spent or made. */
export function underwritingActivities(site: EventSite, tx: Tx): UnderwritingActivity[] {
  const activities: UnderwritingActivity[] = [];
  for (const after of tx.made) {
    const before = tx.spent.find((s) => s.id === after.id);
    activities.push({ site, kind: !before ? "offered" : before.state === "offer" ? "accepted" : "refreshed", stake: after });
  }
  const exits = exitsOf(tx.events);
  for (const before of tx.spent) {
    if (tx.made.some((m) => m.id === before.id)) continue;
    if (before.state === "offer") {
      activities.push({ site, kind: "cancelled", stake: before });
      continue;
    }
    const exit = exits.get(before.accountId);
    if (!exit) {
      activities.push({ site, kind: "withdrawn", stake: before });
      continue;
    }
    const committee = tx.communitiesIn.find((c) => c.communityId === before.communityId)?.committee;
    const account = tx.accountsIn.find((a) => a.accountId === before.accountId && a.communityId === before.communityId);
    activities.push({ site, kind: "exited", stake: before, exit: { kind: exit, ...exitPayouts(before, tx.outputs, committee, account) } });
  }
  return activities;
}
