/**
 * The desk's upkeep (docs/desk.md): `deposit` (anyone: ERG into the reserve) and the committee's
 * `announce` (new terms after the notice), `cancel` (drop the announced change) and `withdraw`
 * (reserve above the cover). Each is printed in words before it is signed.
 */
import { decodeDesk, depositToDesk, describeCommittee, governDesk, MIN_BOX_VALUE, type DeskTerms, type GovernDeskIntent } from "../../../contracts/index.ts";
import type { Identity } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { formatErg, parseErg } from "./amounts.ts";
import { committeeInWords, unitFormat } from "./describe.ts";
import { idOption, integerOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import { defaultPoolNft, deskOptions, nextTerms, oracleFor, readDesk, runDesk, type DeskState } from "./desk-state.ts";
import { deskTermOptions, termsFromFlags } from "./desk-terms.ts";
import { changesInWords, deskJson } from "./desk-words.ts";
import { LONG_MAX } from "../../../contracts/long.ts";

/** Refuses a signer who cannot govern the desk alone (or, building unsigned, is not on its committee). */
function checkDeskCommittee(state: DeskState, who: Identity, session: Session): void {
  const described = describeCommittee(state.desk.committee);
  if (!described) {
    if (session.unsigned) return;
    throw new CliError("the desk's committee is a custom SigmaProp this command cannot sign for: build with --unsigned", ExitCode.failure);
  }
  if (!described.publicKeys.includes(who.publicKey.toLowerCase())) {
    throw new CliError(`${who.address} is not on the desk's committee (${committeeInWords(state.desk.committee, session.network)})`, ExitCode.failure);
  }
  if (described.threshold > 1 && !session.unsigned) {
    throw new CliError(`the desk's committee needs ${described.threshold} of ${described.publicKeys.length} keys to sign: build with --unsigned for a multi-signature wallet`, ExitCode.failure);
  }
}

/** A command on one desk: read it, check the flags against it, print, sign with the wallet of `key`. */
async function onDesk(
  args: readonly string[],
  extra: Record<string, { type: "string" | "boolean" }>,
  committee: boolean,
  act: (state: DeskState, values: Record<string, string | boolean | undefined>, session: Session) => Promise<{ intent: Omit<GovernDeskIntent, "desk">; lines: string[]; done: string } | { deposit: bigint; lines: string[]; done: string }>,
): Promise<number> {
  const values = parseActionArgs(args, { ...deskOptions, ...extra }) as Record<string, string | boolean | undefined>;
  const communityId = idOption("community", values.community as string | undefined);
  const deskId = values.desk === undefined ? undefined : idOption("desk", values.desk as string);
  const session = new Session(values);
  return runDesk(session, "required", async (key, known) => {
    const state = await readDesk(session, communityId, deskId);
    known(state.view.community.metadata);
    session.units = unitFormat(state.view.community.metadata);
    if (committee) checkDeskCommittee(state, key, session);
    const step = await act(state, values, session);
    for (const line of step.lines) session.info(line);
    const wallet = await session.lets.wallet(key);
    const desk = state.desk.box;
    const { submitted } = await session.execute(key, (height) =>
      "deposit" in step ? depositToDesk({ desk, nanoErg: step.deposit }, { height, wallet }) : governDesk({ desk, ...step.intent }, { height, wallet }));
    if (!submitted) return ExitCode.ok;
    const after = decodeDesk(submitted.signed.outputs[0]!);
    if (!after.ok) throw new Error(`the desk's successor does not decode: ${after.reason}`);
    session.result([step.done, `the reserve holds ${formatErg(after.value.reserveNanoErg)}`, sentLine(submitted.id)], {
      txId: submitted.id, communityId, deskId: state.desk.deskId, desk: deskJson(after.value),
    });
    return ExitCode.ok;
  });
}

/** An ERG `--amount` of a deposit or withdrawal. */
function ergAmount(values: Record<string, string | boolean | undefined>): bigint {
  if (values.amount === undefined) throw new CliError("--amount is required: ERG (1.5)", ExitCode.usage);
  const nanoErg = parseErg(values.amount as string, "--amount");
  if (nanoErg === 0n) throw new CliError("--amount must be more than 0 ERG", ExitCode.usage);
  return nanoErg;
}

/** `lets desk deposit` */
export const deposit = (args: readonly string[]): Promise<number> =>
  onDesk(args, { amount: { type: "string" } }, false, async (state, values) => {
    const nanoErg = ergAmount(values);
    if (nanoErg < MIN_BOX_VALUE) throw new CliError(`--amount: a deposit is at least ${formatErg(MIN_BOX_VALUE)}`, ExitCode.usage);
    return { deposit: nanoErg, lines: [`Depositing ${formatErg(nanoErg)} into the reserve of the desk of ${state.view.community.metadata.name} (${formatErg(state.desk.reserveNanoErg)} now)`], done: `deposited ${formatErg(nanoErg)}` };
  });

/** `lets desk withdraw` */
export const withdraw = (args: readonly string[]): Promise<number> =>
  onDesk(args, { amount: { type: "string" } }, true, async (state, values, session) => {
    const nanoErg = ergAmount(values);
    const oracle = await oracleFor(session, state.desk, state.tipHeight);
    return {
      intent: { withdrawNanoErg: nanoErg, ...(oracle ? { oracle } : {}) },
      lines: [`Withdrawing ${formatErg(nanoErg)} of the ${formatErg(state.desk.reserveNanoErg)} reserve of the desk of ${state.view.community.metadata.name} to your wallet`],
      done: `withdrew ${formatErg(nanoErg)}`,
    };
  });

/** `lets desk cancel` */
export const cancel = (args: readonly string[]): Promise<number> =>
  onDesk(args, {}, true, async (state) => {
    const pending = state.desk.pending;
    if (!pending || BigInt(state.tipHeight) + 1n >= pending.effectiveHeight) throw new CliError("no announced change to cancel: nothing is pending, or it applies already", ExitCode.failure);
    return { intent: { cancel: true }, lines: [`Cancelling the change announced for height ${pending.effectiveHeight}`], done: "cancelled the announced change" };
  });

/** `lets desk announce` */
export const announce = (args: readonly string[]): Promise<number> =>
  onDesk(args, { ...deskTermOptions, at: { type: "string" } }, true, async (state, values, session) => {
    const { metadata } = state.view.community;
    const active = nextTerms(state);
    const given = Object.keys(deskTermOptions).filter((flag) => values[flag] !== undefined);
    if (given.length === 0) throw new CliError("nothing to announce: give new terms (--rate, --buy-fee, ...)", ExitCode.usage);
    const wantsPool = values.per === "usd" && values["oracle-nft"] === undefined && active.oracleNft === "";
    const nft = wantsPool ? await defaultPoolNft(session, values.data as string | undefined) : "";
    const terms: DeskTerms = termsFromFlags(values as Record<string, string | undefined>, metadata, active, () => nft);
    const earliest = BigInt(state.tipHeight) + 1n + active.noticeBlocks;
    const at = values.at === undefined ? earliest : integerOption("at", values.at as string, LONG_MAX);
    if (at < earliest) throw new CliError(`--at: the desk gives ${active.noticeBlocks} blocks of notice, so a change sent now applies at height ${earliest} at the earliest`, ExitCode.usage);
    return {
      intent: { announce: { terms, effectiveHeight: at } },
      lines: [`Announcing new terms for the desk of ${metadata.name}, applying at height ${at}:`, ...changesInWords(active, terms, metadata).map((l) => `  - ${l}`)],
      done: `announced new terms, applying at height ${at}`,
    };
  });
