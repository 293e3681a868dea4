/**
 * `lets escrow release`, `refund` and `claim` (settling an open order: by the payer, the payee,
 * anyone after the deadline), and `close` and `refresh` (an escrow's end and its storage rent).
 * Each reads the escrow, prints what the settlement does as the contract will judge it at the next
 * block, then builds, signs and sends.
 */
import { ownerFromPublicKey, type Wallet } from "../../../contracts/index.ts";
import { closeEscrow, refreshEscrow } from "../../../contracts/builders/escrow-open.ts";
import { settleOrder, settlementOf, type SettleIntent } from "../../../contracts/builders/escrow-order.ts";
import { decodeEscrow, type Escrow, type SettleBy } from "../../../contracts/escrow/escrow.ts";
import type { Identity, KeyHolder, Plan } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { amountSyntax, formatErg, parseUnits } from "./amounts.ts";
import { idOption, parseActionArgs } from "./options.ts";
import { sentLine } from "./outcome.ts";
import { Session } from "./session.ts";
import { escrowById, escrowOptions, escrowsOwnedBy, orderById, ownEscrow, readEscrows, type EscrowState } from "./escrow-state.ts";
import { escrowJson, orderInWords, runEscrow } from "./escrow-words.ts";

type Values = Record<string, string | boolean | undefined>;

/** What a subcommand decided: the transaction and the lines around it. */
interface Step {
  plan: Plan;
  lines: string[];
  done: string;
  json: Record<string, unknown>;
}

/** What a subcommand decides from. */
interface Scene {
  state: EscrowState;
  key: Identity;
  values: Values;
  session: Session;
  wallet: Wallet;
}

/** A command on one community's escrows: read them, decide, print, sign with the wallet of `key`. */
async function onEscrows(args: readonly string[], extra: Record<string, { type: "string" }>, decide: (scene: Scene) => Step): Promise<number> {
  const values = parseActionArgs(args, { ...escrowOptions, ...extra }) as Values;
  const communityId = idOption("community", values.community as string | undefined);
  if (values.escrow !== undefined) idOption("escrow", values.escrow as string);
  if (values.order !== undefined) idOption("order", values.order as string);
  if (values.amount !== undefined) amountSyntax(values.amount as string, "--amount", { allowZero: true });
  const session = new Session(values);
  return runEscrow(session, "required", async (key: Identity | KeyHolder, known) => {
    const state = await readEscrows(session, communityId);
    known(state.view.community.metadata);
    const wallet = await session.lets.wallet(key);
    const step = decide({ state, key, values, session, wallet });
    for (const line of step.lines) session.info(line);
    const { submitted } = await session.execute(key, step.plan);
    if (!submitted) return ExitCode.ok;
    const escrow = decodeEscrow(submitted.signed.outputs[0]!);
    session.result([step.done, sentLine(submitted.id)], { txId: submitted.id, communityId, ...step.json, ...(escrow.ok ? { escrow: escrowJson(escrow.value) } : {}) });
    return ExitCode.ok;
  });
}

/** The settlement of `escrow`'s order by `by`: its effect in words (as judged at the next block) and its plan. */
function settlement({ state, session, wallet }: Scene, escrow: Escrow, by: SettleBy, releasedUnits?: bigint): Step {
  const order = escrow.order!;
  const units = session.units!;
  const amounts: { released: bigint; returned: bigint; kept?: bigint } = settlementOf({ by, ...(releasedUnits === undefined ? {} : { releasedUnits }) }, order, escrow.escrowId, state.tipHeight);
  const { released, returned } = amounts;
  // A claim of the minimum may leave the rest in the escrow as an order without a minimum, which anyone returns to the payer.
  const kept = amounts.kept ?? 0n;
  const rest = kept > 0n ? `${units(kept)} stays in the escrow, an order without a minimum: the payer may release it, or anyone return it ('lets escrow claim' again)` : `${units(returned)} back to the payer's account ${order.payerId}`;
  const box = (id: string) => state.view.accounts.find((a) => a.accountId === id)?.box;
  const payer = box(order.payerId);
  const payee = box(order.payeeId);
  const intent: SettleIntent = { escrow: escrow.box, by, ...(releasedUnits === undefined ? {} : { releasedUnits }), ...(payer ? { payer } : {}), ...(payee ? { payee } : {}) };
  const verb = { payer: "Releasing", payee: "Refunding", anyone: "Claiming the minimum of" }[by];
  return {
    lines: [
      `${verb} order ${escrow.boxId} (${orderInWords(order, state, units, session.network)}):`,
      `  ${units(released)} to the payee's account ${order.payeeId}, ${rest}`,
    ],
    done: `settled order ${escrow.boxId}: ${units(released)} to the payee, ${kept > 0n ? `${units(kept)} kept in the escrow` : `${units(returned)} back to the payer`}`,
    json: { orderId: escrow.boxId, escrowId: escrow.escrowId, by, released: released.toString(), returned: returned.toString(), kept: kept.toString() },
    plan: (height) => settleOrder(intent, { height, wallet }),
  };
}

/** `lets escrow release`: the payer settles its open order. */
export const release = (args: readonly string[]): Promise<number> =>
  onEscrows(args, { amount: { type: "string" } }, (scene) => {
    const { state, key, values } = scene;
    if (values.amount === undefined) throw new CliError("--amount is required: the units the payee gets (0 is allowed after the payee's claim window)", ExitCode.usage);
    const amount = parseUnits(values.amount as string, state.view.community.metadata.decimals, "--amount", { allowZero: true });
    const open = values.escrow === undefined ? escrowsOwnedBy(state, key).filter((e) => e.order) : [ownEscrow(state, key, values.escrow as string)!];
    if (open.length === 0) throw new CliError(`${key.address} has no open order in ${state.view.community.metadata.name} to release`, ExitCode.failure);
    if (open.length > 1) throw new CliError(`${key.address} has ${open.length} open orders here; name the escrow with --escrow (${open.map((e) => e.escrowId).join(", ")})`, ExitCode.usage);
    const escrow = open[0]!;
    if (!escrow.order) throw new CliError(`escrow ${escrow.escrowId} holds no open order`, ExitCode.failure);
    return settlement(scene, escrow, "payer", amount);
  });

/** `lets escrow refund`: the payee gives the whole order back. */
export const refund = (args: readonly string[]): Promise<number> =>
  onEscrows(args, { order: { type: "string" } }, (scene) => {
    const { state, key, values } = scene;
    const escrow = orderById(state, idOption("order", values.order as string | undefined));
    const payee = state.view.accounts.find((a) => a.accountId === escrow.order.payeeId);
    if (!payee || payee.owner !== ownerFromPublicKey(key.publicKey)) {
      throw new CliError(`only the payee refunds: order ${escrow.boxId} is committed to account ${escrow.order.payeeId}, not to an account of ${key.address}`, ExitCode.failure);
    }
    return settlement(scene, escrow, "payee");
  });

/** `lets escrow claim`: anyone settles an order at its minimum once its deadline has passed. */
export const claim = (args: readonly string[]): Promise<number> =>
  onEscrows(args, { order: { type: "string" } }, (scene) => settlement(scene, orderById(scene.state, idOption("order", scene.values.order as string | undefined)), "anyone"));

/** `lets escrow close`: the owner gives an idle escrow's seat back (anyone, a dormant one's). */
export const close = (args: readonly string[]): Promise<number> =>
  onEscrows(args, {}, ({ state, key, values, wallet }) => {
    const named = values.escrow as string | undefined;
    const escrow = named === undefined ? ownEscrow(state, key, undefined) : escrowById(state, named);
    if (!escrow) throw new CliError(`${key.address} has no escrow in ${state.view.community.metadata.name} to close`, ExitCode.failure);
    const asStranger = escrow.owner !== ownerFromPublicKey(key.publicKey);
    const to = asStranger ? "its owner (less the least a box holds)" : "your wallet";
    return {
      lines: [`Closing escrow ${escrow.escrowId}: its seat goes back to ${state.view.community.metadata.name}, its deposit of ${formatErg(escrow.depositNanoErg)} to ${to}`],
      done: `closed escrow ${escrow.escrowId}`,
      json: { escrowId: escrow.escrowId, closed: true },
      plan: (height) => closeEscrow({ community: state.view.community.box, escrow: escrow.box, asStranger }, { height, wallet }),
    };
  });

/** `lets escrow refresh`: anyone recreates a dormant escrow unchanged. */
export const refresh = (args: readonly string[]): Promise<number> =>
  onEscrows(args, {}, ({ state, values, wallet }) => {
    const escrow = escrowById(state, idOption("escrow", values.escrow as string | undefined));
    return {
      lines: [`Refreshing escrow ${escrow.escrowId} (box created at block ${escrow.creationHeight}): recreated unchanged at the next block; your wallet pays the fee`],
      done: `refreshed escrow ${escrow.escrowId}`,
      json: { escrowId: escrow.escrowId },
      plan: (height) => refreshEscrow({ escrow: escrow.box }, { height, wallet }),
    };
  });
