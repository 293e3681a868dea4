/**
 * The `desk` part of a scenario (docs/simulate.md, "The exchange desk"): the committee opens an
 * exchange desk at the start (contract version 6, docs/desk.md), and each day a share of members
 * turns to it: one short of units (well below 0) buys some for ERG, one long (well above 0) sells
 * some back. Desks are for plain communities, so not with levers, orders or a network.
 */
import { Fields, ScenarioError } from "./scenario-fields.ts";

/** The desk's terms and how members use it, validated. Amounts in base units. */
export interface DeskSpec {
  /** Share of trading members who, each day, go to the desk (buy when short, sell when long). */
  share: number;
  /** Base units the desk sells for one ERG (a fixed rate: rateNum = unitsPerErg, rateDen = 1e9). */
  unitsPerErg: bigint;
  buyFeeBps: bigint;
  sellFeeBps: bigint;
  /** Most units outstanding at once; default: half of the starting members' credit limits together. */
  issueLimit: bigint;
  /** Most units one member buys per simulated day; default: the credit limit. */
  memberLimit: bigint;
  /** The first reserve the committee puts in. */
  reserveNanoErg: bigint;
}

const DESK = ["share", "unitsPerErg", "buyFeeBps", "sellFeeBps", "issueLimit", "memberLimit", "reserveErg"];
const MAX_UNITS = 2n ** 40n;

/** The `desk` section, or undefined when absent (or its share is 0: no desk, the run is what it was without it). */
export function readDesk(top: Fields, members: number, creditLimit: bigint): DeskSpec | undefined {
  if (top.raw.desk === undefined || top.raw.desk === null) return undefined;
  const desk = top.object("desk", DESK);
  const share = desk.number("share", undefined, 0, 1);
  if (share === 0) return undefined;
  return {
    share,
    unitsPerErg: desk.units("unitsPerErg", 100n, 1n, MAX_UNITS),
    buyFeeBps: desk.units("buyFeeBps", 100n, 0n, 9_999n),
    sellFeeBps: desk.units("sellFeeBps", 100n, 0n, 9_999n),
    issueLimit: desk.units("issueLimit", (BigInt(members) * creditLimit) / 2n, 0n, MAX_UNITS),
    memberLimit: desk.units("memberLimit", creditLimit, 0n, MAX_UNITS),
    reserveNanoErg: desk.erg("reserveErg", "10", 10_000_000n, 100_000n * 10n ** 9n),
  };
}

/** Rules between the desk and the rest of the scenario. */
export function checkDeskConsistency(source: string, s: { desk?: DeskSpec; policy: { economics?: unknown }; network?: unknown; orders?: unknown; behaviour: { topUpBelowPayments: number } }): void {
  if (!s.desk) return;
  const fail = (problem: string): never => {
    throw new ScenarioError(source, "desk", problem);
  };
  if (s.policy.economics) fail("an exchange desk is for plain communities: leave out desk or policy.economics");
  if (s.network) fail("an exchange desk is simulated in one community, not in a network");
  if (s.orders) fail("an exchange desk is not simulated with payment orders");
  if (s.behaviour.topUpBelowPayments > 0) fail("an exchange desk is not simulated with top-ups (behaviour.topUpBelowPayments)");
}

/** The `desk` section as summary.json shows it: amounts as strings. */
export const deskJson = (d: DeskSpec) => ({
  share: d.share,
  unitsPerErg: d.unitsPerErg.toString(),
  buyFeeBps: d.buyFeeBps.toString(),
  sellFeeBps: d.sellFeeBps.toString(),
  issueLimit: d.issueLimit.toString(),
  memberLimit: d.memberLimit.toString(),
  reserveNanoErg: d.reserveNanoErg.toString(),
});
