/**
 * The settler of payment orders (docs/simulate.md, "Payment orders"): a key of the simulation's
 * mnemonic, funded by the funder in the setup, that creates the first batch box; each batch it
 * settles creates the next. Its wallet pays every batch's fee.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { TransactionBuilder } from "@fleet-sdk/core";
import { serializeTransaction } from "@fleet-sdk/serializer";
import { verifierOutput } from "../../../contracts/builders/settle.ts";
import { BATCH_ERGO_TREE, MIN_BOX_VALUE } from "../../../contracts/scripts.ts";
import type { DerivedKey } from "../../../ergo/keys.ts";
import { predict } from "../../../ergo/predict.ts";
import type { Scenario } from "../scenario.ts";
import type { ActionContext, ChainActions } from "./actions.ts";

/** EIP-3 index of the settler's key (m/44'/429'/0'/0/2000000000): far from the funder's and the members'. */
export const SETTLER_KEY_INDEX = 2_000_000_000;
/** Bytes of a single key's proof (a Schnorr signature), which the unsigned bytes leave out. */
const PROOF_BYTES = 56;

/** The settler's key. */
export const settlerKey = (ctx: ActionContext): DerivedKey => ctx.driver.keys.key(SETTLER_KEY_INDEX);

/** ERG the settler is given: a fee for one batch in every settling block of the run, 50 more, and room for batch boxes and change. */
export function settlerNanoErg(scenario: Scenario): bigint {
  const every = scenario.orders?.settler.everyBlocks ?? 1;
  const settlements = BigInt(Math.ceil((scenario.days * scenario.blocksPerDay) / every) + 50);
  return settlements * scenario.txFeeNanoErg + 10n * MIN_BOX_VALUE;
}

/** Before day 0: the funder funds the settler, and the settler creates the first batch box. */
export function setUpSettler(ctx: ActionContext, actions: ChainActions, height: number): void {
  const settler = settlerKey(ctx);
  ctx.boxes.track(settler.ergoTree);
  ctx.boxes.track(BATCH_ERGO_TREE);
  fundSettler(ctx, actions, -1, height);
  const first = new TransactionBuilder(height)
    .from(ctx.boxes.wallet(settler.ergoTree))
    .to(verifierOutput())
    .payFee(ctx.scenario.txFeeNanoErg)
    .sendChangeTo(settler.address)
    .build()
    .toEIP12Object();
  actions.send(first, predict(first), [settler.secretKey], -1, height, undefined, () => () => {});
}

/** The funder sends the settler `settlerNanoErg` (in the setup, and again whenever its wallet runs low). */
export function fundSettler(ctx: ActionContext, actions: ChainActions, block: number, height: number): void {
  const settler = settlerKey(ctx);
  const funding = actions.funding([{ address: settler.address, nanoErg: settlerNanoErg(ctx.scenario) }], height);
  actions.send(funding.unsigned, funding.predicted, [ctx.driver.funder.secretKey], block, height, undefined, () => () => {});
}

/** Whether the settler's wallet still pays a few batches. */
export function settlerFunded(ctx: ActionContext): boolean {
  const held = ctx.boxes.wallet(settlerKey(ctx).ergoTree).reduce((sum, box) => sum + BigInt(box.value), 0n);
  return held >= 5n * (ctx.scenario.txFeeNanoErg + MIN_BOX_VALUE);
}

/** Bytes of the minimal two's-complement form of a non-negative BigInt, as ErgoScript serializes it. */
const bigIntBytes = (value: bigint): number => Math.floor(value.toString(2).length / 8) + 1;

/**
 * An upper bound of a settlement's signed size: its unsigned bytes, a proof for each of the
 * settler's inputs (those past the batch box and the `accounts`), and every order's response as
 * long as it can be (so the bound depends on the orders, not on the signatures' random nonces).
 */
export function signedBytes(unsigned: EIP12UnsignedTransaction, accounts: number, responses: readonly bigint[]): number {
  const walletInputs = unsigned.inputs.length - 1 - accounts;
  const padding = responses.reduce((sum, z) => sum + 32 - bigIntBytes(z), 0);
  return serializeTransaction(unsigned).toBytes().length + walletInputs * PROOF_BYTES + padding;
}
