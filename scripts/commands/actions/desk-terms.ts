/**
 * The exchange desk's terms on the command line (docs/desk.md): a rate as people say it ("1.10 KCD
 * per ERG", "1.10 KCD per USD") turned exactly into the contract's fraction, fees as percentages,
 * periods and notices as blocks or days, limits in the community's units. Each flag is refused
 * with its name (exit 2); the contracts' own bounds come from `checkDeskTerms`.
 */
import { checkDeskTerms, InvalidPolicy, MAX_DESK_RATE, type CommunityMetadata, type DeskTerms } from "../../../contracts/index.ts";
import { CliError, ExitCode } from "../command.ts";
import { formatUnits, parseUnits } from "./amounts.ts";

/** nanoERG in one ERG: a fixed rate's denominator is in nanoERG. */
const NANO_PER_ERG = 1_000_000_000n;

/** The flags that set terms, for `open` and `announce`. */
export const deskTermOptions = {
  rate: { type: "string" },
  per: { type: "string" },
  "oracle-nft": { type: "string" },
  "buy-fee": { type: "string" },
  "sell-fee": { type: "string" },
  "issue-limit": { type: "string" },
  "member-limit": { type: "string" },
  period: { type: "string" },
  notice: { type: "string" },
  "max-oracle-age": { type: "string" },
} as const;

/** The term flags as parsed. */
export type DeskTermValues = { [K in keyof typeof deskTermOptions]?: string };

/** Usage lines of the term flags. */
export const deskTermUsage = `  --rate R                units of the community for one ERG (--per erg) or one US dollar
                          (--per usd), as a decimal: 1.10
  --per erg|usd           a fixed rate in ERG, or priced in US dollars by the ERG/USD oracle pool
  --oracle-nft ID         with --per usd: the pool NFT (default: the pool 'lets oracle publish'
                          saved for this node)
  --buy-fee F             fee on buys, a percentage (1%, 0.25%) or basis points (25bp)
  --sell-fee F            fee on sells, likewise
  --issue-limit N         the most units outstanding at once (issued and not bought back)
  --member-limit N        the most units one member may buy per period (0: no limit)
  --period P              the member limit's period: blocks (720) or 12h, 1d, 1w
  --notice P              how long an announced change waits before it applies: blocks or 1d...
  --max-oracle-age P      the oldest oracle price the desk takes: blocks or 1h...`;

/** Greatest common divisor of two positive bigints. */
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** Which currency a rate is in: a fixed rate per ERG, or per US dollar through the oracle. */
export type RateCurrency = "erg" | "usd";

/** `--per`: erg or usd. */
export function perOption(text: string): RateCurrency {
  const per = text.toLowerCase();
  if (per !== "erg" && per !== "usd") throw new CliError(`--per must be erg or usd, not '${text}'`, ExitCode.usage);
  return per;
}

/**
 * `--rate R --per erg|usd` as the contract's fraction: `rateNum` base units for `rateDen × price`
 * nanoERG. R units per ERG are R × 10^decimals base units per 1e9 nanoERG; R units per USD the same
 * per one USD (price: nanoERG per USD). Exact, reduced.
 */
export function rateTerms(text: string, per: RateCurrency, decimals: number): { rateNum: bigint; rateDen: bigint } {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  if (!match || whole + fraction === "" || fraction.length > 18) {
    throw new CliError(`--rate must be a positive decimal, units per ${per.toUpperCase()} like 1.10, not '${text}'`, ExitCode.usage);
  }
  const scaled = BigInt(whole + fraction);
  if (scaled === 0n) throw new CliError(`--rate must be above 0, not '${text}'`, ExitCode.usage);
  const num = scaled * 10n ** BigInt(decimals);
  const den = 10n ** BigInt(fraction.length) * (per === "erg" ? NANO_PER_ERG : 1n);
  const d = gcd(num, den);
  const rate = { rateNum: num / d, rateDen: den / d };
  if (rate.rateNum > MAX_DESK_RATE || rate.rateDen > MAX_DESK_RATE) {
    throw new CliError(`--rate: ${text} per ${per.toUpperCase()} is ${rate.rateNum}/${rate.rateDen} in the contract's terms, past its bound of ${MAX_DESK_RATE}`, ExitCode.usage);
  }
  return rate;
}

/** A fee flag: "1%", "0.25%" (at most two places: whole basis points), "25bp" or "25bps". */
export function feeOption(flag: string, text: string): bigint {
  const percent = /^(\d+)(?:\.(\d{1,2}))?\s*%$/.exec(text.trim());
  const bp = /^(\d+)\s*bps?$/i.exec(text.trim());
  let bps: bigint | undefined;
  if (percent) bps = BigInt(percent[1]!) * 100n + BigInt((percent[2] ?? "").padEnd(2, "0"));
  else if (bp) bps = BigInt(bp[1]!);
  if (bps === undefined) throw new CliError(`--${flag} must be a percentage like 1% or 0.25%, or basis points like 25bp, not '${text}'`, ExitCode.usage);
  if (bps > 9_999n) throw new CliError(`--${flag} must be below 100% (at most 9999bp), not '${text}'`, ExitCode.usage);
  return bps;
}

/** Blocks in a unit of `--period`, `--notice` and `--max-oracle-age` (2-minute blocks). */
const BLOCKS_PER: Record<string, bigint> = { b: 1n, block: 1n, blocks: 1n, h: 30n, d: 720n, w: 5_040n };

/** A duration flag: blocks ("720"), or hours, days, weeks of 2-minute blocks ("12h", "1d", "1w"). */
export function blocksOption(flag: string, text: string): bigint {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  const per = match ? BLOCKS_PER[(match[2] || "b").toLowerCase()] : undefined;
  if (!match || per === undefined) throw new CliError(`--${flag} must be blocks (720) or a duration like 12h, 1d or 1w, not '${text}'`, ExitCode.usage);
  return BigInt(match[1]!) * per;
}

/**
 * The terms the flags set, over `base` (the desk's active terms for an announcement, defaults for
 * an opening). `oracleNft` is what `--per usd` prices by; a rate needs `--per` unless `base` has a
 * kind already. Checked by the contracts' rules, reported under the flag.
 */
export function termsFromFlags(values: DeskTermValues, metadata: Pick<CommunityMetadata, "decimals">, base: DeskTerms, oracleNft: () => string): DeskTerms {
  const terms: DeskTerms = { ...base };
  const per = values.per === undefined ? undefined : perOption(values.per);
  if (per !== undefined && values.rate === undefined) throw new CliError("--per needs --rate: the rate in that currency", ExitCode.usage);
  if (values.rate !== undefined) {
    const currency = per ?? (base.oracleNft === "" ? "erg" : "usd");
    Object.assign(terms, rateTerms(values.rate, currency, metadata.decimals));
    terms.oracleNft = currency === "erg" ? "" : values["oracle-nft"]?.toLowerCase() ?? (base.oracleNft || oracleNft());
  } else if (values["oracle-nft"] !== undefined) {
    if (base.oracleNft === "") throw new CliError("--oracle-nft is for a desk priced in US dollars: give --rate R --per usd", ExitCode.usage);
    terms.oracleNft = values["oracle-nft"].toLowerCase();
  }
  if (values["oracle-nft"] !== undefined && per === "erg") throw new CliError("--oracle-nft is for --per usd; a rate per ERG uses no oracle", ExitCode.usage);
  if (values["buy-fee"] !== undefined) terms.buyFeeBps = feeOption("buy-fee", values["buy-fee"]);
  if (values["sell-fee"] !== undefined) terms.sellFeeBps = feeOption("sell-fee", values["sell-fee"]);
  const units = (flag: "issue-limit" | "member-limit") => parseUnits(values[flag]!, metadata.decimals, `--${flag}`, { allowZero: true });
  if (values["issue-limit"] !== undefined) terms.issueLimit = units("issue-limit");
  if (values["member-limit"] !== undefined) terms.memberLimit = units("member-limit");
  if (values.period !== undefined) terms.periodBlocks = blocksOption("period", values.period);
  if (values.notice !== undefined) terms.noticeBlocks = blocksOption("notice", values.notice);
  if (values["max-oracle-age"] !== undefined) terms.maxOracleAge = blocksOption("max-oracle-age", values["max-oracle-age"]);
  checkTermsUnderFlags(terms, metadata.decimals);
  return terms;
}

/** The flag that sets each field, for the contracts' refusals. */
const FLAG_OF: Record<keyof DeskTerms, string> = {
  rateNum: "--rate", rateDen: "--rate", buyFeeBps: "--buy-fee", sellFeeBps: "--sell-fee", issueLimit: "--issue-limit",
  periodBlocks: "--period", memberLimit: "--member-limit", noticeBlocks: "--notice", maxOracleAge: "--max-oracle-age",
  maxUnits: "--issue-limit", oracleNft: "--oracle-nft",
};

/** `checkDeskTerms`, its refusal named by the flag (exit 2). */
function checkTermsUnderFlags(terms: DeskTerms, decimals: number): void {
  try {
    checkDeskTerms(terms);
  } catch (error) {
    if (!(error instanceof InvalidPolicy)) throw error;
    const flag = FLAG_OF[error.field as keyof DeskTerms] ?? error.field;
    // A limit past the community's bound on any balance, said in its units.
    const limit = error.field === "issueLimit" || error.field === "memberLimit" ? terms[error.field] : undefined;
    const why = limit === undefined ? error.reason : `at most ${formatUnits(terms.maxUnits, decimals)} (no balance may go past it), not ${formatUnits(limit, decimals)}`;
    throw new CliError(`${flag}: ${why}`, ExitCode.usage, { cause: error });
  }
}
