/**
 * Storage-rent spends of LETS boxes, as a block shows them: after STORAGE_PERIOD_BLOCKS from its
 * declared creation height anyone may spend a box with an empty proof, naming in context variable
 * 127 (a Short) the output that must keep its script, registers and tokens; a box whose value does
 * not cover the fee may be taken whole. The contracts keep every LETS box from ever getting there
 * (floors, dormant close and refresh), so a rent spend of one is a compromise either way: the
 * indexer says whether the named output kept everything (a benign collection that took ERG only).
 */
import type { Box } from "@fleet-sdk/common";
import { decode } from "@fleet-sdk/serializer";
import { decodeAccount } from "../../contracts/account/account.ts";
import { decodeCommunity } from "../../contracts/community/community.ts";
import { STORAGE_PERIOD_BLOCKS } from "../../contracts/parameters.ts";
import type { AccountRecord, CommunityRecord, Compromise } from "./lets-events.ts";

/** A transaction input as blocks and the mempool deliver it. */
export interface ChainInput {
  boxId: string;
  /** The node always sends it; hand-built test blocks may leave it out. */
  spendingProof?: { proofBytes: string; extension?: Record<string, string> };
}

/** The context variable a storage-rent spend names its successor output in. */
const RENT_VARIABLE = "127";
/** Type code of a Short constant. */
const SHORT = 3;

/** Whether `input` spends a box declared created at `creationHeight` by storage rent, in the block at `height`. */
export function isRentSpend(input: ChainInput, creationHeight: number, height: number): boolean {
  const proof = input.spendingProof;
  return proof !== undefined && proof.proofBytes === "" && proof.extension?.[RENT_VARIABLE] !== undefined && height - creationHeight >= STORAGE_PERIOD_BLOCKS;
}

/**
 * Spends the tracked member boxes (desks, escrows) among `inputs`: each found by `find` is spent in
 * the state and returned, unless storage rent spent it, which is a compromise (anyone may refresh
 * a dormant one first): it is not continued, so a box made in its place holds an escaped unit.
 */
export function spendTracked<R extends { boxId: string; communityId: string; creationHeight: number }>(
  txId: string, inputs: readonly ChainInput[], height: number,
  state: { find(boxId: string): R | undefined; spend(boxId: string): void }, name: (record: R) => string, compromises: Compromise[],
): R[] {
  const spent: R[] = [];
  for (const input of inputs) {
    const record = state.find(input.boxId);
    if (!record) continue;
    state.spend(record.boxId);
    if (!isRentSpend(input, record.creationHeight, height)) spent.push(record);
    else {
      const detail = `storage rent spent ${name(record)} at height ${height} (box created at height ${record.creationHeight})`;
      compromises.push({ communityId: record.communityId, txId, kind: "rent-spend", boxId: record.boxId, detail });
    }
  }
  return spent;
}

/** The output index a rent spend names (context variable 127, a Short), or undefined when it names none. */
export function rentOutputIndex(input: ChainInput): number | undefined {
  const value = input.spendingProof?.extension?.[RENT_VARIABLE];
  try {
    const constant = value === undefined ? undefined : decode(value);
    const index = constant?.type.code === SHORT ? constant.data : undefined;
    return typeof index === "number" && index >= 0 ? index : undefined;
  } catch {
    return undefined;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) === JSON.stringify(b, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));

/** The account fields (registers and token) `after` does not keep from `before`. */
export function accountChanges(before: AccountRecord, after: AccountRecord): string[] {
  const fields = ["communityId", "accountId", "owner", "balance", "terms", "lastActiveHeight", "economy", "nextSeq"] as const;
  return fields.filter((f) => !same(before[f], after[f]));
}

/** The community fields (registers and token) `after` does not keep from `before`. */
export function communityChanges(before: CommunityRecord, after: CommunityRecord): string[] {
  const fields = ["communityId", "seatsLeft", "policy", "committee", "metadata", "metadataProblem", "membersJoined", "communityBalance"] as const;
  return fields.filter((f) => !same(before[f], after[f]));
}

/** The outcome of one rent spend: the output that kept the box whole (benign), and the flag's text. */
export interface RentOutcome {
  /** The index of the output that kept the box's script, registers and tokens; undefined when none did. */
  keptBy: number | undefined;
  detail: string;
}

/** What became of `spent` (a live LETS box) rent-spent by `input` in the block at `height`. */
export function rentOutcome(input: ChainInput, spent: AccountRecord | CommunityRecord, outputs: Box<bigint>[], height: number): RentOutcome {
  const what = `storage rent collected at height ${height} from a box created at height ${spent.creationHeight}`;
  const index = rentOutputIndex(input);
  const output = index === undefined ? undefined : outputs[index];
  if (index === undefined || !output) return { keptBy: undefined, detail: `${what}: context variable 127 names no output, so nothing was kept` };
  const problem = keptProblem(spent, output);
  if (problem) return { keptBy: undefined, detail: `${what}: output ${index} ${problem}` };
  const taken = ("valueNanoErg" in spent ? spent.valueNanoErg : spent.treasuryNanoErg) - output.value;
  return { keptBy: index, detail: `${what}: output ${index} kept its script, registers and tokens and took ${taken} nanoERG (benign)` };
}

function keptProblem(spent: AccountRecord | CommunityRecord, output: Box<bigint>): string | undefined {
  if ("accountId" in spent) {
    const after = decodeAccount(output);
    if (!after.ok) return `is not the account box (${after.reason})`;
    const changed = accountChanges(spent, after.value);
    return changed.length > 0 ? `changed ${changed.join(", ")}` : undefined;
  }
  const after = decodeCommunity(output);
  if (!after.ok) return `is not the community box (${after.reason})`;
  const changed = communityChanges(spent, after.value);
  return changed.length > 0 ? `changed ${changed.join(", ")}` : undefined;
}
