/**
 * `lets oracle`: an ERG/USD oracle pool box where there is none (the devnet), for exchange desks
 * priced in US dollars (docs/desk.md). `publish` mints the pool or posts a new price into it;
 * `show` reads the live box as a desk would. The pool NFT is remembered per node (oracle-state.ts).
 */
import { resolve } from "node:path";
import { InvalidIntent } from "../../../contracts/errors.ts";
import { LONG_MAX } from "../../../contracts/long.ts";
import { decodeOraclePool, freshUntilHeight, nanoErgPerUsdFromQuote, oracleAgeBlocks, usdPerErg, type OraclePool } from "../../../contracts/desk/oracle.ts";
import { publishedPoolNft, publishOraclePool } from "../../../contracts/desk/oracle-publish.ts";
import type { ChainBox } from "../../../ergo/node-client.ts";
import { CliError, ExitCode, type Command } from "../command.ts";
import { commonUsage, idOption, integerOption, parseActionArgs } from "./options.ts";
import { savedPoolNft, savePoolNft } from "./oracle-state.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";

const INT_MAX = 2n ** 31n - 1n;

const usage = `lets oracle publish (--usd-per-erg Q | --nano-erg-per-usd N) [--epoch E] [--nft ID | --new] [--data DIR] [key] [options]
       lets oracle show [--nft ID] [--max-age BLOCKS] [--data DIR] [--json] [--node URL]

  publish                 post a price: the first time mint a pool NFT into a new pool box,
                          later spend the pool box and recreate it (same NFT, new price and
                          epoch, created at the tip: fresh from the next block). Prints the NFT
  show                    the live pool box: price, epoch, the height it was posted at, its age

  --usd-per-erg Q         the price as quoted, US dollars per ERG (1.25); stored as nanoERG per
                          USD, rounded to the nearest whole nanoERG
  --nano-erg-per-usd N    the price exactly as R4 holds it, nanoERG per 1 USD (800000000)
  --epoch E               R5 (default: the box's epoch plus one, 1 for a new pool)
  --nft ID                the pool NFT (default: the pool saved for this node by 'publish')
  --new                   publish: mint a new pool even when one is saved
  --max-age BLOCKS        show: whether a desk taking prices at most BLOCKS old takes this one
  --data DIR              where the pool NFT is saved per node (default .lets: .lets/oracle-pools.json)
${commonUsage}

  The pool box is guarded by the publisher's key alone (kept apart from its wallet's boxes); only
  that key can publish into it. A desk takes the price while the box's creation height is at least
  HEIGHT - its maximum age, HEIGHT being the block that includes the desk's transaction; 'show'
  gives the age as a transaction sent now sees it (tip + 1 - creation height).
  Exit codes: 0 done, 1 refused (no pool, another key's pool) or failed, 2 bad usage.`;

/** The price flags: exactly one, exact decimal, refused with the flag named. */
function priceOption(values: { "usd-per-erg"?: string; "nano-erg-per-usd"?: string }): bigint {
  const quote = values["usd-per-erg"];
  const exact = values["nano-erg-per-usd"];
  if ((quote === undefined) === (exact === undefined)) throw new CliError("give the price once: --usd-per-erg Q or --nano-erg-per-usd N", ExitCode.usage);
  if (exact !== undefined) {
    if (!/^\d+$/.test(exact) || BigInt(exact) === 0n || BigInt(exact) > LONG_MAX) {
      throw new CliError(`--nano-erg-per-usd must be a whole number from 1 to ${LONG_MAX}, not '${exact}'`, ExitCode.usage);
    }
    return BigInt(exact);
  }
  try {
    return nanoErgPerUsdFromQuote(quote!);
  } catch (error) {
    if (error instanceof InvalidIntent) throw new CliError(`--usd-per-erg: ${error.message}`, ExitCode.usage, { cause: error });
    throw error;
  }
}

/** The live box holding the pool NFT, decoded, or undefined when no live box holds it. */
async function livePool(session: Session, poolNft: string): Promise<{ box: ChainBox; pool: OraclePool } | undefined> {
  const boxes = await session.lets.node.unspentByTokenId(poolNft, 2);
  if (boxes.length === 0) return undefined;
  if (boxes.length > 1) throw new CliError(`more than one live box holds ${poolNft}: it is no pool NFT`, ExitCode.failure);
  return { box: boxes[0]!, pool: decodeOraclePool(boxes[0]!, poolNft) };
}

/** The price in words: "1.25 USD per ERG (800000000 nanoERG per USD)". */
const priceInWords = (pool: Pick<OraclePool, "nanoErgPerUsd">): string => `${usdPerErg(pool)} USD per ERG (${pool.nanoErgPerUsd} nanoERG per USD)`;

/** `lets oracle publish` */
async function publish(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, {
    "usd-per-erg": { type: "string" },
    "nano-erg-per-usd": { type: "string" },
    epoch: { type: "string" },
    nft: { type: "string" },
    new: { type: "boolean" },
    data: { type: "string" },
  });
  const nanoErgPerUsd = priceOption(values);
  const epoch = values.epoch === undefined ? undefined : Number(integerOption("epoch", values.epoch, INT_MAX));
  if (values.new && values.nft !== undefined) throw new CliError("--new mints a pool; --nft names an existing one: give one of them", ExitCode.usage);
  const givenNft = values.nft === undefined ? undefined : idOption("nft", values.nft);
  const dataDir = resolve(values.data ?? ".lets");
  const session = new Session(values);
  return session.run("required", async (key) => {
    const savedNft = values.new || givenNft ? undefined : await savedPoolNft(dataDir, session.nodeUrl);
    const poolNft = givenNft ?? savedNft;
    const live = poolNft === undefined ? undefined : await livePool(session, poolNft);
    if (givenNft && !live) throw new CliError(`no live box holds pool NFT ${givenNft} on ${session.nodeUrl}`, ExitCode.failure);
    if (savedNft && !live) session.info(`the saved pool ${savedNft} is not on this node (a new chain?): minting a new pool`);
    const wallet = await session.lets.wallet(key);
    const plan = (height: number) => publishOraclePool({ nanoErgPerUsd, epoch, publisherPublicKey: key.publicKey, pool: live?.box }, { height, wallet });
    const { unsigned, submitted } = await session.execute(key, plan);
    const nft = publishedPoolNft(unsigned);
    if (!submitted) {
      session.info(`once signed and sent, this ${live ? "updates" : "mints"} oracle pool ${nft}`);
      return ExitCode.ok;
    }
    await savePoolNft(dataDir, session.nodeUrl, nft);
    const pool = decodeOraclePool(submitted.signed.outputs[0]!, nft);
    session.result(
      [`${live ? "updated" : "minted"} oracle pool ${nft}: ${priceInWords(pool)}, epoch ${pool.epoch}, posted at height ${pool.creationHeight}`, sentLine(submitted.id)],
      { txId: submitted.id, minted: !live, ...poolJson(pool) },
    );
    return ExitCode.ok;
  });
}

/** A pool as JSON: amounts as decimal strings. */
const poolJson = (pool: OraclePool) => ({ poolNft: pool.poolNft, boxId: pool.boxId, nanoErgPerUsd: pool.nanoErgPerUsd.toString(), usdPerErg: usdPerErg(pool), epoch: pool.epoch, creationHeight: pool.creationHeight });

/** `lets oracle show` */
async function show(args: readonly string[]): Promise<number> {
  const values = parseActionArgs(args, { nft: { type: "string" }, "max-age": { type: "string" }, data: { type: "string" } });
  if (values.unsigned) throw new CliError("this reads; it has no transaction to print (--unsigned)", ExitCode.usage);
  const maxAge = values["max-age"] === undefined ? undefined : Number(integerOption("max-age", values["max-age"], INT_MAX));
  const givenNft = values.nft === undefined ? undefined : idOption("nft", values.nft);
  const dataDir = resolve(values.data ?? ".lets");
  const session = new Session(values);
  return session.run("optional", async () => {
    const poolNft = givenNft ?? (await savedPoolNft(dataDir, session.nodeUrl));
    if (poolNft === undefined) throw new CliError(`no pool saved for ${session.nodeUrl}: pass --nft ID, or publish one with 'lets oracle publish'`, ExitCode.usage);
    const live = await livePool(session, poolNft);
    if (!live) throw new CliError(`no live box holds pool NFT ${poolNft} on ${session.nodeUrl}`, ExitCode.failure);
    const { pool } = live;
    const tipHeight = await session.lets.node.height();
    const ageBlocks = oracleAgeBlocks(pool, tipHeight + 1);
    const lines = [
      `oracle pool ${pool.poolNft}, box ${pool.boxId}`,
      `price: ${priceInWords(pool)}`,
      `epoch: ${pool.epoch ?? "none (R5 is not an Int)"}`,
      `posted at height ${pool.creationHeight}; the tip is ${tipHeight}, so a transaction sent now sees it ${ageBlocks} block${ageBlocks === 1 ? "" : "s"} old`,
    ];
    let freshness = {};
    if (maxAge !== undefined) {
      const until = freshUntilHeight(pool, maxAge);
      const fresh = ageBlocks <= maxAge;
      lines.push(fresh ? `fresh for a desk taking prices at most ${maxAge} blocks old, in blocks up to ${until}` : `stale for a desk taking prices at most ${maxAge} blocks old: it took it in blocks up to ${until}`);
      freshness = { maxAgeBlocks: maxAge, freshUntilHeight: until, fresh };
    }
    session.result(lines, { ...poolJson(pool), tipHeight, ageBlocks, ...freshness });
    return ExitCode.ok;
  });
}

const subcommands: Record<string, (args: readonly string[]) => Promise<number>> = { publish, show };

/** `lets oracle` */
export const oracleCommand: Command = {
  summary: "an ERG/USD oracle pool box for desks priced in dollars: publish a price, show the box",
  usage,
  async run(args) {
    const [name, ...rest] = args;
    if (name === undefined || name.startsWith("-")) {
      throw new CliError(`name what to do: lets oracle ${Object.keys(subcommands).join("|")} (lets oracle --help)`, ExitCode.usage);
    }
    const sub = subcommands[name];
    if (!sub) throw new CliError(`unknown subcommand '${name}': lets oracle ${Object.keys(subcommands).join("|")}`, ExitCode.usage);
    return sub(rest);
  },
};
