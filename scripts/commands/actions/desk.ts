/**
 * `lets desk`: a community's exchange desk (contract version 6, docs/desk.md) from the shell. The
 * committee opens it (`open`) and governs it (`announce`, `cancel`, `withdraw`: desk-admin.ts);
 * members buy units for ERG and sell them back (`buy`, `sell`); anyone deposits; `show` reads it.
 */
import {
  coverNanoErg,
  decodeDesk,
  decodeOraclePool,
  maxUnits,
  openDesk,
  outstandingUnits,
  OraclePriceStale,
  requireFreshOracle,
  type DeskTerms,
} from "../../../contracts/index.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { formatErg, parseErg } from "./amounts.ts";
import { unitFormat } from "./describe.ts";
import { blocksInWords } from "./durations.ts";
import { checkCommittee } from "./govern.ts";
import { commonUsage, idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import { announce, cancel, deposit, withdraw } from "./desk-admin.ts";
import { defaultPoolNft, deskOptions, nextTerms, oracleBox, readDesk, runDesk } from "./desk-state.ts";
import { deskTermOptions, deskTermUsage, perOption, termsFromFlags } from "./desk-terms.ts";
import { buy, sell } from "./desk-trade.ts";
import { changesInWords, deskJson, fractionInWords, rateInWords, termsInWords, unitsPerErgInWords } from "./desk-words.ts";

/** What a new desk takes unless a flag says otherwise (no fees, no member limit, a day of notice). */
const OPEN_DEFAULTS: Omit<DeskTerms, "rateNum" | "rateDen" | "issueLimit" | "maxUnits" | "oracleNft"> = {
  buyFeeBps: 0n, sellFeeBps: 0n, memberLimit: 0n, periodBlocks: 720n, noticeBlocks: 720n, maxOracleAge: 30n,
};

const usage = `lets desk open --community ID --rate R --per erg|usd --issue-limit N [terms] [--reserve E] [key]
       lets desk show --community ID [--json]
       lets desk buy --community ID (--amount N | --pay E) [--for ACCOUNT|ADDRESS] [--quote] [key]
       lets desk sell --community ID --amount N [--account ID] [--quote] [key]
       lets desk deposit --community ID --amount E [key]
       lets desk announce --community ID [terms] [--at HEIGHT] [key]
       lets desk cancel --community ID [key]
       lets desk withdraw --community ID --amount E [key]

  open                    committee: open the community's desk (one seat), with a first reserve
  show                    terms, the change announced and when it applies, units outstanding,
                          reserve, cover (what buying every unit back would pay) and coverage
  buy                     buy units for ERG from your wallet, into your account or --for another
  sell                    sell units of your account back for ERG, to your wallet
  deposit                 anyone: ERG from your wallet into the reserve (at least 0.001)
  announce                committee: new terms (the flags given; the rest stay), applying after
                          the desk's notice (or at --at HEIGHT, later)
  cancel                  committee: drop the announced change
  withdraw                committee: take reserve ERG above the cover, to your wallet

  --community ID          the community (its token id)
  --desk ID               which desk, when the community has several
${deskTermUsage}
  --reserve E             open: ERG from your wallet into the reserve (default: the least the
                          box must hold)
  --amount N              buy, sell: units (12.50); deposit, withdraw: ERG (1.5)
  --pay E                 buy: spend E ERG (fee included) on as many units as it buys
  --for ACCOUNT|ADDRESS   buy: the account credited (default: your own)
  --account ID            which of your accounts, if you have several
  --quote                 buy, sell: print the quote and sign nothing
  --at HEIGHT             announce: the height the change applies at (default: the earliest the
                          notice allows)
  --data DIR              where 'lets oracle publish' saved the pool NFT (default .lets)
${commonUsage}

  Defaults of open: no fees, no member limit (period 1d), notice 1d, oracle prices at most 30
  blocks old. A buy pays at least the units' cost plus the buy fee, rounded up; a sell is paid at
  most their worth less the sell fee, rounded down, while the reserve lasts. A desk in dollars
  reads the oracle pool box as a data input: a price older than its maximum age is refused.
  Exit codes: 0 sent or shown, 1 refused (a limit, the reserve, a stale price, not on the
  committee) or failed, 2 bad usage.`;

/** `lets desk open` */
async function open(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { ...deskOptions, ...deskTermOptions, reserve: { type: "string" } });
  const communityId = idOption("community", values.community);
  for (const flag of ["rate", "per", "issue-limit"] as const) if (values[flag] === undefined) throw new CliError(`--${flag} is required to open a desk`, ExitCode.usage);
  const per = perOption(values.per!);
  const reserveNanoErg = values.reserve === undefined ? undefined : parseErg(values.reserve, "--reserve");
  const session = new Session(values);
  return runDesk(session, "required", async (key, known) => {
    const { community } = await session.lets.community(communityId);
    known(community.metadata);
    session.units = unitFormat(community.metadata);
    checkCommittee(community, key, session.unsigned, session.network);
    const nft = per === "usd" && values["oracle-nft"] === undefined ? await defaultPoolNft(session, values.data) : "";
    const base: DeskTerms = { ...OPEN_DEFAULTS, rateNum: 1n, rateDen: 1n, issueLimit: 0n, maxUnits: maxUnits(community.policy.maxMembers), oracleNft: "" };
    const terms = termsFromFlags(values, community.metadata, base, () => nft);
    if (terms.oracleNft !== "" && !(await oracleBox(session, terms.oracleNft))) {
      throw new CliError(`no live box holds the oracle pool NFT ${terms.oracleNft} on ${session.nodeUrl} ('lets oracle show')`, ExitCode.failure);
    }
    session.info(`Opening an exchange desk for ${community.metadata.name}; its terms:`);
    for (const line of termsInWords(terms, community.metadata)) session.info(`  - ${line}`);
    session.info(`  - it takes one of the ${community.seatsLeft} seats left; your wallet pays ${reserveNanoErg === undefined ? "the least reserve the box must hold" : `a reserve of ${formatErg(reserveNanoErg)}`} and the fee`);
    const wallet = await session.lets.wallet(key);
    const { submitted } = await session.execute(key, (height) => openDesk({ community: community.box, terms, ...(reserveNanoErg === undefined ? {} : { reserveNanoErg }) }, { height, wallet }));
    if (!submitted) return ExitCode.ok;
    const opened = decodeDesk(submitted.signed.outputs[1]!);
    if (!opened.ok) throw new Error(`the opening's desk box does not decode: ${opened.reason}`);
    session.result(
      [`opened desk ${opened.value.deskId} for ${community.metadata.name} at ${rateInWords(terms, community.metadata)}, reserve ${formatErg(opened.value.reserveNanoErg)}`, sentLine(submitted.id)],
      { txId: submitted.id, desk: deskJson(opened.value) },
    );
    return ExitCode.ok;
  });
}

/** The price the desk would use now, and whether the oracle's is fresh (undefined: no live pool box). */
async function priceNow(session: Session, terms: DeskTerms, tipHeight: number): Promise<{ price: bigint; stale: string | undefined } | undefined> {
  if (terms.oracleNft === "") return { price: 1n, stale: undefined };
  const box = await oracleBox(session, terms.oracleNft);
  if (!box) return undefined;
  const pool = decodeOraclePool(box, terms.oracleNft);
  try {
    requireFreshOracle(pool, tipHeight + 1, Number(terms.maxOracleAge));
    return { price: pool.nanoErgPerUsd, stale: undefined };
  } catch (error) {
    if (!(error instanceof OraclePriceStale)) throw error;
    return { price: pool.nanoErgPerUsd, stale: `stale: posted at height ${pool.creationHeight}, older than ${terms.maxOracleAge} blocks at the next block` };
  }
}

/** `lets desk show` */
async function show(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, deskOptions);
  if (values.unsigned) throw new CliError("this reads; it has no transaction to print (--unsigned)", ExitCode.usage);
  const communityId = idOption("community", values.community);
  const deskId = values.desk === undefined ? undefined : idOption("desk", values.desk);
  const session = new Session(values);
  return runDesk(session, "optional", async (_key, known) => {
    const state = await readDesk(session, communityId, deskId);
    const { desk, tipHeight } = state;
    const { metadata } = state.view.community;
    known(metadata);
    const units = unitFormat(metadata);
    const terms = nextTerms(state);
    const now = await priceNow(session, terms, tipHeight);
    const outstanding = outstandingUnits(desk);
    const cover = now === undefined ? undefined : coverNanoErg(terms, outstanding, now.price);
    const coverage = cover === undefined || cover === 0n ? undefined : fractionInWords(desk.reserveNanoErg, cover, 2).replace("about ", "");
    const lines = [`desk ${desk.deskId} of ${metadata.name} (${communityId}), box ${desk.boxId}`, ...termsInWords(terms, metadata).map((l) => `  ${l}`)];
    if (terms.oracleNft !== "") {
      lines.push(now === undefined ? "  oracle price: no live pool box" : `  oracle price: ${now.price} nanoERG per USD, so ${unitsPerErgInWords(terms, now.price, metadata)}${now.stale ? ` (${now.stale})` : ""}`);
    }
    const pending = desk.pending;
    if (pending && BigInt(tipHeight) + 1n < pending.effectiveHeight) {
      const inBlocks = pending.effectiveHeight - BigInt(tipHeight);
      lines.push(`pending change, applying at height ${pending.effectiveHeight} (in ${blocksInWords(inBlocks)}):`, ...changesInWords(terms, pending.terms, metadata).map((l) => `  ${l}`));
    } else if (pending) {
      lines.push(`the change announced for height ${pending.effectiveHeight} applies now (the next transaction writes it into the box)`);
    } else lines.push("pending change: none");
    lines.push(
      `units outstanding: ${units(outstanding)} (issued and not bought back; ${units(terms.issueLimit - outstanding)} more may be issued)`,
      `reserve: ${formatErg(desk.reserveNanoErg)}`,
      cover === undefined ? "cover: unknown without the oracle price" : `cover: ${formatErg(cover)} (what buying back every outstanding unit at the sell price pays)`,
      coverage === undefined ? "coverage: no units outstanding" : `coverage: ${coverage} (reserve / cover)`,
      `this period's buyers: ${desk.ledger.buyers.length}`,
    );
    session.result(lines, {
      desk: deskJson(desk),
      tipHeight,
      activeTerms: deskJson({ ...desk, terms }).terms,
      price: now?.price.toString() ?? null,
      priceStale: now?.stale !== undefined,
      outstanding: outstanding.toString(),
      coverNanoErg: cover?.toString() ?? null,
      coverage: coverage ?? null,
    });
    return ExitCode.ok;
  });
}

const subcommands: Record<string, (args: readonly string[]) => Promise<number>> = { open, show, buy, sell, deposit, announce, cancel, withdraw };

/** `lets desk` */
export const deskCommand: Command = {
  summary: "a community's exchange desk: open, show, buy, sell, deposit, announce, cancel, withdraw",
  usage,
  async run(args) {
    const [name, ...rest] = args;
    if (name === undefined || name.startsWith("-")) {
      throw new CliError(`name what to do: lets desk ${Object.keys(subcommands).join("|")} (lets desk --help)`, ExitCode.usage);
    }
    const sub = subcommands[name];
    if (!sub) throw new CliError(`unknown subcommand '${name}': lets desk ${Object.keys(subcommands).join("|")}`, ExitCode.usage);
    return sub(rest);
  },
};
