/**
 * An exchange desk in words and in JSON (docs/desk.md): the rate as people say it ("1.10 KCD per
 * ERG"), the terms, the position (units outstanding, reserve, cover), and the desk's typed
 * refusals as one line each.
 */
import {
  DeskLimitReached,
  OracleBoxInvalid,
  OraclePriceStale,
  ReserveTooLow,
  type CommunityMetadata,
  type Desk,
  type DeskTerms,
} from "../../../contracts/index.ts";
import { CliError, ExitCode } from "../command.ts";
import { formatErg } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { blocksInWords } from "./durations.ts";

const NANO_PER_ERG = 1_000_000_000n;

/** A fraction as a decimal with at most `places` places, trailing zeros dropped; "about" when it does not end there. */
export function fractionInWords(num: bigint, den: bigint, places = 9): string {
  const scale = 10n ** BigInt(places);
  const scaled = (num * scale) / den;
  const exact = (num * scale) % den === 0n;
  const fraction = (scaled % scale).toString().padStart(places, "0").replace(/0+$/, "");
  const text = `${scaled / scale}${fraction === "" ? "" : `.${fraction}`}`;
  return exact ? text : `about ${text}`;
}

/** The currency a desk's rate is in. */
export const currencyOf = (t: Pick<DeskTerms, "oracleNft">): "ERG" | "USD" => (t.oracleNft === "" ? "ERG" : "USD");

/** "1.1 KCD per ERG" (fixed) or "1.1 KCD per USD" (the oracle's price). */
export function rateInWords(t: DeskTerms, metadata: CommunityMetadata): string {
  const scale = t.oracleNft === "" ? NANO_PER_ERG : 1n;
  const units = fractionInWords(t.rateNum * scale, t.rateDen * 10n ** BigInt(metadata.decimals));
  return `${units} ${metadata.symbol} per ${currencyOf(t)}`;
}

/** Units per ERG at the price: "about 4.4 KCD per ERG at 0.8 ERG per USD" for a desk in dollars. */
export function unitsPerErgInWords(t: DeskTerms, price: bigint, metadata: CommunityMetadata): string {
  return `${fractionInWords(t.rateNum * NANO_PER_ERG, t.rateDen * price * 10n ** BigInt(metadata.decimals))} ${metadata.symbol} per ERG`;
}

/** Basis points as a percentage: "1%", "0.25%". */
export const percent = (bps: bigint): string => `${fractionInWords(bps, 100n, 2)}%`;

/** The terms, one plain line each. */
export function termsInWords(t: DeskTerms, metadata: CommunityMetadata): string[] {
  const units = unitFormat(metadata);
  return [
    `rate: ${rateInWords(t, metadata)} (${t.rateNum} base units for ${t.rateDen} ${t.oracleNft === "" ? "nanoERG" : "× the oracle's nanoERG per USD"})`,
    ...(t.oracleNft === "" ? [] : [`oracle pool: ${t.oracleNft}, prices at most ${blocksInWords(t.maxOracleAge)} old`]),
    `fees: ${percent(t.buyFeeBps)} on buys, ${percent(t.sellFeeBps)} on sells`,
    `issue limit: ${units(t.issueLimit)} outstanding at most`,
    t.memberLimit === 0n ? "member limit: none" : `member limit: ${units(t.memberLimit)} per member every ${blocksInWords(t.periodBlocks)}`,
    `notice of changes: ${blocksInWords(t.noticeBlocks)}`,
  ];
}

/** Terms in JSON: every number a decimal string. */
export const termsJson = (t: DeskTerms) => ({
  rateNum: t.rateNum.toString(), rateDen: t.rateDen.toString(), buyFeeBps: t.buyFeeBps.toString(), sellFeeBps: t.sellFeeBps.toString(),
  issueLimit: t.issueLimit.toString(), periodBlocks: t.periodBlocks.toString(), memberLimit: t.memberLimit.toString(),
  noticeBlocks: t.noticeBlocks.toString(), maxOracleAge: t.maxOracleAge.toString(), maxUnits: t.maxUnits.toString(), oracleNft: t.oracleNft,
});

/** A desk in JSON as its box states it. */
export const deskJson = (d: Desk) => ({
  deskId: d.deskId,
  boxId: d.boxId,
  communityId: d.communityId,
  terms: termsJson(d.terms),
  pending: d.pending && { terms: termsJson(d.pending.terms), effectiveHeight: d.pending.effectiveHeight.toString() },
  balance: d.balance.toString(),
  outstanding: (d.balance < 0n ? -d.balance : 0n).toString(),
  reserveNanoErg: d.reserveNanoErg.toString(),
  committee: d.committee,
  ledger: { period: d.ledger.period.toString(), buyers: d.ledger.buyers.map((b) => ({ accountId: b.accountId, issued: b.issued.toString() })) },
  creationHeight: d.creationHeight,
});

/** What changes between two terms, in words ("rate: 1.1 KCD per ERG -> 1.2 KCD per ERG"). */
export function changesInWords(before: DeskTerms, after: DeskTerms, metadata: CommunityMetadata): string[] {
  const a = termsInWords(before, metadata);
  const b = termsInWords(after, metadata);
  const was = (line: string | undefined) => (line === undefined ? "none" : line.slice(line.indexOf(": ") + 2));
  const lines = b.flatMap((line, i) => (line === a[i] ? [] : [`${line} (was ${was(a[i])})`]));
  return lines.length > 0 ? lines : ["(the terms given equal the active ones)"];
}

/**
 * The desk's typed refusals as one line (exit 1), in the community's units; anything else is
 * returned unchanged for the session's own mapping.
 */
export function deskRefusal(error: unknown, metadata: CommunityMetadata | undefined): unknown {
  const units = metadata ? unitFormat(metadata) : (u: bigint) => `${u} units`;
  const refuse = (text: string) => new CliError(`refused before signing: ${text}`, ExitCode.failure, { cause: error });
  if (error instanceof DeskLimitReached) {
    const what = {
      issue: `the desk would pass its issue limit: it may issue ${units(error.allowed)} more, not ${units(error.attempted)}`,
      member: `this member may buy ${units(error.allowed)} more this period (the desk's member limit), not ${units(error.attempted)}`,
      ledger: "the desk has served as many members as it can track this period: try again next period",
      cap: `the desk may take back ${units(error.allowed)} more, not ${units(error.attempted)} (no member's balance may go past the community's bound)`,
    }[error.limit];
    return refuse(what);
  }
  if (error instanceof ReserveTooLow) {
    return refuse(`the desk's reserve holds ${formatErg(error.reserveNanoErg)}: paying ${formatErg(error.wantedNanoErg)} would leave less than ${formatErg(error.floorNanoErg)}, the least it must keep`);
  }
  if (error instanceof OraclePriceStale) {
    return refuse(`the oracle price is stale: pool ${error.poolNft} last posted at height ${error.boxHeight}, ${error.height - error.boxHeight} blocks before the next block; the desk takes prices at most ${error.maxAgeBlocks} blocks old (publish a new one: 'lets oracle publish')`);
  }
  if (error instanceof OracleBoxInvalid) return refuse(error.message);
  return error;
}
