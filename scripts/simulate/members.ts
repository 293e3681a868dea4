/** The people in a simulation: who they are (role, defaulter or not) and their standing in the model. */
import type { Random } from "../../util/prng.ts";
import type { Role, Scenario } from "./scenario.ts";
import { memberName } from "./member-name.ts";

/** A member of the simulated community (an agent). Ids are 0, 1, 2, ... in order of arrival. */
export interface Member {
  id: number;
  /** Stable, readable name: `m0001` for id 0; what the reports use as source and target. */
  name: string;
  role: Role;
  /** Index of its community in the scenario's network; 0 without a network. */
  community: number;
  /** Will run up a debt on `defaultDay` and vanish. */
  defaulter: boolean;
  defaultDay: number | null;
  /** Stopped trading (a defaulter after the spree): never buys, never picked as a seller. */
  vanished: boolean;
}

export { memberName } from "./member-name.ts";

/** Draws a new member's role and default plan. */
export function drawMember(id: number, scenario: Scenario, random: Random, firstDay: number, community = 0): Member {
  const role = scenario.roles[random.weighted(scenario.roles.map((r) => r.share))]!;
  const defaulter = random.chance(scenario.defaulters.share);
  // A defaulter defaults on a day after it arrived: uniform over the rest of the run.
  const defaultDay = defaulter ? firstDay + random.int(Math.max(1, scenario.days - firstDay)) : null;
  return { id, name: memberName(id), role, community, defaulter, defaultDay, vanished: false };
}

/** A sale price of `role`, in whole units. */
export function drawPrice(role: Role, random: Random): bigint {
  const { median, spread, min, max } = role.price;
  const price = Math.round(random.logNormal(median, spread));
  return BigInt(Math.min(max, Math.max(min, price)));
}
