/** The report's opening paragraph: what happened, in sentences a person reads in ten seconds. */
import type { Summary } from "./summary.ts";

const number = (value: number | string) => Number(value).toLocaleString("en-GB");
const plural = (n: number | string, one: string, many: string) => `${number(n)} ${Number(n) === 1 ? one : many}`;
const percent = (share: number | null) => (share === null ? "n/a" : share > 0 && share < 0.001 ? "under 0.1%" : `${(share * 100).toFixed(1)}%`);

/** The most frequent refusal reason, or undefined. */
function topReason(byReason: Record<string, number>): [string, number] | undefined {
  return Object.entries(byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
}

/** Sentences about the run, from its summary. */
export function narrative(summary: Summary): string[] {
  const { scenario, payments, refusals, members, creditUtilisation, gini, defaults, velocity } = summary;
  const symbol = scenario.community.symbol;
  const sentences = [
    `Over ${summary.daysRun} simulated days, ${number(members.atStart)} starting members of ${scenario.community.name} made ${plural(payments.accepted, "payment", "payments")} worth ${number(payments.volumeUnits)} ${symbol} (a median of ${payments.medianUnits ?? 0} ${symbol}), every one a transaction on chain.`,
  ];
  const top = topReason(refusals.byReason);
  if (top) {
    sentences.push(`${plural(refusals.total, "attempt was", "attempts were")} refused (${percent(payments.attempted === 0 ? null : payments.refused / payments.attempted)} of payments); the most common reason was "${top[0]}" (${number(top[1])}).`);
  } else {
    sentences.push("No attempt was refused.");
  }
  sentences.push(
    `At the end ${percent(creditUtilisation.end)} of the credit the open members could use was in use (at most ${percent(creditUtilisation.max)} on any day), and the money supply turned over ${(velocity.overRun ?? 0).toFixed(2)} times during the run.`,
    `${plural(members.joined, "member", "members")} joined, ${number(members.left)} left and ${plural(defaults.count, "account was", "accounts were")} closed in default, leaving ${number(defaults.debtUnits)} ${symbol} of debt with the community (community balance ${summary.communityBalance}).`,
    `Balances are ${gini.balances < 0.2 ? "evenly" : gini.balances < 0.4 ? "moderately unevenly" : "very unevenly"} spread (Gini ${gini.balances} of balance plus credit limit); ${percent(summary.shareAtFloor.near)} of open members are within 5% of their credit floor.`,
  );
  if (summary.economics) {
    const e = summary.economics;
    sentences.push(
      `The levers charged ${number(e.feesUnits)} ${symbol} of usage fees and ${number(e.demurrageUnits)} ${symbol} of demurrage; ${number(e.sweptUnits)} ${symbol} were swept into the community balance in ${plural(e.sweeps.transactions, "sweep", "sweeps")}, newcomers spent ${number(e.allowance.usedUnits)} of ${number(e.allowance.issuedUnits)} ${symbol} of allowance, and balances, accrued charges, allowances and the community balance sum to ${e.books.sum}.`,
    );
  }
  if (summary.network) {
    const { cross, communities, lines } = summary.network;
    const capped = cross.refusedByReason["line exposure cap"] ?? 0;
    sentences.push(
      `${communities.length} communities traded over ${plural(lines.length, "line", "lines")}: ${plural(cross.accepted, "payment", "payments")} crossed to another community (${number(cross.twoHops)} through two lines), and ${plural(capped, "was", "were")} refused because a line's exposure cap was reached; each community's accounts, gateways and community balance sum to 0${communities.every((c) => c.zeroSum.ok) ? "" : " (NOT in every community: see summary.json)"}.`,
    );
  }
  return sentences;
}
