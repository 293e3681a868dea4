/**
 * Small helpers for the trade-line attack specs (contracts/attacks/lines-adversary*.spec.ts): read and
 * write the Long registers of gateway and account outputs, find a gateway output by id, and build
 * the transactions anyone may make with boxes of someone else's (a plain refresh, a forged box).
 */
import type { Amount, Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, RECOMMENDED_MIN_FEE_VALUE, TransactionBuilder } from "@fleet-sdk/core";
import { accountRegisters, type AccountTerms } from "../account/account.ts";
import { pay } from "../builders/pay.ts";
import { bytesConstant, readBytes, readLong, longConstant } from "../registers.ts";
import { agreed, type Member, type World } from "./world.ts";

type Tx = EIP12UnsignedTransaction;
type Output = Tx["outputs"][number];

/** The Long in register `name` of `box`. */
export const longOf = (box: { additionalRegisters: Record<string, string | undefined> }, name: "R5" | "R6" | "R8"): bigint =>
  readLong(name, box.additionalRegisters[name]);

/** Writes Long `value` into register `name` of `out`. */
export function setLong(out: Output, name: "R5" | "R6" | "R8", value: bigint): void {
  out.additionalRegisters = { ...out.additionalRegisters, [name]: longConstant(value) };
}

/** Adds `delta` to the Long in register `name` of `out`. */
export function addLong(out: Output, name: "R5" | "R6", delta: bigint): void {
  setLong(out, name, longOf(out, name) + delta);
}

/** The output whose R7 holds `id` (a gateway id or an accountId). */
export function outById(tx: Tx, id: string): Output {
  const out = tx.outputs.find((o) => {
    try {
      return readBytes("R7", o.additionalRegisters.R7) === id;
    } catch {
      return false;
    }
  });
  if (!out) throw new Error(`no output with R7 ${id}`);
  return out;
}

/** R7 of a box, as hex (gateway id or accountId). */
export const idOf = (box: { additionalRegisters: Record<string, string | undefined> }): string =>
  readBytes("R7", box.additionalRegisters.R7);

/** `box` recreated unchanged (script, tokens, registers, value) at `height`. */
export function copyOf(box: Box<Amount>, height: number): OutputBuilder {
  return new OutputBuilder(BigInt(box.value), box.ergoTree)
    .addTokens(box.assets.map((t) => ({ tokenId: t.tokenId, amount: BigInt(t.amount) })))
    .setAdditionalRegisters(box.additionalRegisters)
    .setCreationHeight(height);
}

/**
 * A transaction by `payer` (who pays the fee from a plain wallet box) that spends `boxes` and
 * recreates each unchanged at the tip, plus any `extra` outputs; data inputs `data`.
 */
export function rewriteTx(world: World, payer: Member, boxes: Box<Amount>[], opts: { extra?: OutputBuilder[]; data?: Box<Amount>[] } = {}): Tx {
  const wallet = world.wallet(payer).utxos.filter((b) => b.assets.length === 0);
  const builder = new TransactionBuilder(world.height)
    .from([...boxes, ...wallet], { ensureInclusion: true })
    .to([...boxes.map((b) => copyOf(b, world.height)), ...(opts.extra ?? [])])
    .sendChangeTo(payer.address)
    .payFee(RECOMMENDED_MIN_FEE_VALUE);
  if (opts.data?.length) builder.withDataFrom(opts.data);
  return builder.build().toEIP12Object();
}

/** Judges `tx`; applies it when both interpreters accept. For attack chains that stop at the first refusal. */
export function applied(w: World, tx: Tx, signers: Member[]): boolean {
  if (!agreed(w.judge(tx, signers))) return false;
  w.submit(tx, signers);
  return true;
}

/** A plain transaction of `m`'s wallet spending `boxes` into `outputs` (no script of ours in the way). */
export function walletTx(w: World, m: Member, boxes: Box<Amount>[], outputs: OutputBuilder[]): Tx {
  const wallet = w.wallet(m).utxos.filter((b) => b.assets.length === 0);
  return new TransactionBuilder(w.height)
    .from([...boxes, ...wallet], { ensureInclusion: true })
    .to(outputs)
    .sendChangeTo(m.address)
    .payFee(RECOMMENDED_MIN_FEE_VALUE)
    .build()
    .toEIP12Object();
}

/**
 * The end of an escape: the unit of `communityId` that reached `mallory`'s own box is written into a
 * forged account of `amount` units (shaped like `like`), which then pays `like` those units. Each
 * step runs only if the one before was accepted.
 */
export function payWithEscapedUnit(w: World, mallory: Member, communityId: string, like: Box<Amount>, terms: AccountTerms, amount: bigint): void {
  const unit = [...w.utxos.values()].find((b) => b.ergoTree === mallory.ergoTree && b.assets[0]?.tokenId === communityId);
  if (!unit) return;
  const forgedId = "ee".repeat(32);
  const fake = new OutputBuilder(BigInt(like.value), like.ergoTree)
    .addTokens({ tokenId: communityId, amount: 1n })
    .setAdditionalRegisters(accountRegisters({ owner: mallory.owner, balance: amount, terms, accountId: forgedId, lastActiveHeight: BigInt(w.height) }))
    .setCreationHeight(w.height);
  if (!applied(w, walletTx(w, mallory, [unit], [fake]), [mallory])) return;
  const forged = [...w.utxos.values()].find((b) => b.assets[0]?.tokenId === communityId && b.additionalRegisters.R7 === bytesConstant(forgedId))!;
  applied(w, pay({ payer: forged, payees: [{ account: like, amountUnits: amount }] }, { height: w.height, wallet: w.wallet(mallory) }), [mallory]);
}
