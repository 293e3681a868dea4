/**
 * Single mutations of the successors a batch creates (OUTPUTS(0..n-1)): each register R4..R9, the
 * ERG value (up, paid from the settler's change, or down, to the fee), the tokens, the script, the
 * creation height, and the successors' order and number. ERG stays balanced (testing/tx-edit.ts)
 * and a token that appears is minted by the transaction itself, so only a script can refuse.
 */
import { hex } from "@fleet-sdk/crypto";
import { SInt } from "@fleet-sdk/serializer";
import { bytesConstant, longConstant, longsConstant, readBytes, readLong, readLongs } from "../registers.ts";
import { LONG_MAX, LONG_MIN } from "../long.ts";
import { BATCH_AGE_BLOCKS, BATCH_ERGO_TREE, COMMUNITY_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import {
  appendFunded, changeIndex, dropOutput, dustOf, lowerValue, moveErg, output, removeRegister, setRegister, valueOf, type Tx,
} from "../testing/tx-edit.ts";
import type { BatchDraw } from "./batch-draw.ts";
import type { BatchBase } from "./batch-pool.ts";
import type { BatchMutation } from "./batch-var-mutations.ts";
import { editLongs, otherOwner, shifted, wrongTyped, type Env } from "./mutation-kinds.ts";

/** A successor's index: account a of the batch is OUTPUTS(a). */
const target = (base: BatchBase, d: BatchDraw) => d.int(0, base.plan.accounts.length - 1);

/** A mutation of one successor, drawn among the batch's accounts. */
function onSuccessor(name: string, edit: (tx: Tx, index: number, d: BatchDraw, env: Env) => void): BatchMutation {
  return { name, applies: () => true, apply: (tx, base, d, env) => edit(tx, target(base, d), d, env) };
}

const long = (tx: Tx, index: number, name: "R5" | "R8" | "R9") => readLong(name, output(tx, index).additionalRegisters[name]);

const owner = onSuccessor("R4 owner", (tx, i, d, env) => {
  const out = output(tx, i);
  setRegister(out, "R4", d.chance(70) ? otherOwner(d, env, out.additionalRegisters.R4!) : wrongTyped(d));
});

const balance = onSuccessor("R5 balance", (tx, i, d) => {
  const old = long(tx, i, "R5");
  const next = d.pick([shifted(d, old, 5n), shifted(d, old, 100n), shifted(d, old, LONG_MAX), LONG_MIN, LONG_MAX]);
  setRegister(output(tx, i), "R5", next === old ? longConstant(old + 1n) : longConstant(next));
});

const terms = onSuccessor("R6 terms", (tx, i, d) => {
  const out = output(tx, i);
  setRegister(out, "R6", longsConstant(editLongs(d, readLongs("R6", out.additionalRegisters.R6, 5), 100n)));
});

const accountId = onSuccessor("R7 accountId", (tx, i, d) => {
  const out = output(tx, i);
  const old = readBytes("R7", out.additionalRegisters.R7);
  const others = tx.outputs.flatMap((o) => (o !== out && o.ergoTree === out.ergoTree && o.additionalRegisters.R7 ? [readBytes("R7", o.additionalRegisters.R7)] : []));
  const next = d.pick([hex.encode(d.bytes(32)), old.slice(0, -2), `${old}00`, ...others]);
  setRegister(out, "R7", bytesConstant(next === old ? hex.encode(d.bytes(32)) : next));
});

/**
 * Around the edges of the rule (activity about now, within batchAgeBlocks, never below the last
 * recorded; kept by a payee not in debt): some stay within it.
 */
const lastActive = onSuccessor("R8 lastActive", (tx, i, d, env) => {
  const old = long(tx, i, "R8");
  const h = BigInt(env.height);
  const was = readLong("R8", tx.inputs[i + 1]!.additionalRegisters.R8);
  const recent = h - BigInt(BATCH_AGE_BLOCKS);
  const next = d.pick([old - d.big(1n, 10n), old + d.big(1n, 10n), h + d.big(1n, 5n), recent - d.big(0n, 3n), h - d.big(0n, BigInt(MAX_AGE_BLOCKS)), was, was - 1n]);
  setRegister(output(tx, i), "R8", d.chance(15) ? wrongTyped(d) : longConstant(next === old ? old - 1n : next));
});

const nextSeq = onSuccessor("R9 nextSeq", (tx, i, d) => {
  const old = long(tx, i, "R9");
  const variants = [longConstant(old + d.big(1n, 3n)), longConstant(old - d.big(1n, 3n)), longConstant(LONG_MAX), longConstant(-1n), longsConstant([old]), SInt(Number(old)).toHex()];
  setRegister(output(tx, i), "R9", d.pick(variants));
});

const dropR9 = onSuccessor("R9 removed", (tx, i) => removeRegister(output(tx, i), "R9"));

/** More ERG in an account, paid from the settler's change: allowed (value kept means at least kept). */
const valueUp = onSuccessor("value up", (tx, i, d) => {
  const change = output(tx, changeIndex(tx)!);
  moveErg(change, output(tx, i), d.big(1n, 1_000_000_000n));
});

const valueDown = onSuccessor("value down", (tx, i, d) => {
  const out = output(tx, i);
  lowerValue(tx, i, d.big(dustOf(out), valueOf(out) - 1n));
});

const tokenAmount = onSuccessor("token amount", (tx, i, d) => {
  const token = output(tx, i).assets[0]!;
  token.amount = (BigInt(token.amount) + d.big(1n, 3n)).toString();
});

/** A token minted by this very transaction (its id is the first input's), so the ledger allows it. */
const tokenId = onSuccessor("token id", (tx, i) => {
  output(tx, i).assets[0]!.tokenId = tx.inputs[0]!.boxId;
});

const extraToken = onSuccessor("token extra", (tx, i, d) => {
  output(tx, i).assets.push({ tokenId: tx.inputs[0]!.boxId, amount: d.big(1n, 1_000n).toString() });
});

/** The unit leaves: burnt (the ledger allows burning). */
const noToken = onSuccessor("token removed", (tx, i) => {
  output(tx, i).assets = [];
});

const script = onSuccessor("script", (tx, i, d, env) => {
  output(tx, i).ergoTree = d.pick([COMMUNITY_ERGO_TREE, BATCH_ERGO_TREE, ...env.p2pkTrees]);
});

const creationHeight = onSuccessor("creation height", (tx, i, d, env) => {
  output(tx, i).creationHeight = env.height - d.pick([10_000, MAX_AGE_BLOCKS + d.int(1, 3_000)]);
});

const swap: BatchMutation = {
  name: "successors: two swapped",
  applies: (base) => base.plan.accounts.length >= 2,
  apply(tx, base, d) {
    const i = target(base, d);
    const j = (i + d.int(1, base.plan.accounts.length - 1)) % base.plan.accounts.length;
    [tx.outputs[i], tx.outputs[j]] = [tx.outputs[j]!, tx.outputs[i]!];
  },
};

const drop = onSuccessor("successors: one dropped", (tx, i) => dropOutput(tx, i));

const duplicate = onSuccessor("successors: one twice", (tx, i) => appendFunded(tx, structuredClone(output(tx, i))));

export const OUTPUT_MUTATIONS: readonly BatchMutation[] = [
  owner, balance, terms, accountId, lastActive, nextSeq, dropR9, valueUp, valueDown, tokenAmount, tokenId, extraToken, noToken, script,
  creationHeight, swap, drop, duplicate,
];
