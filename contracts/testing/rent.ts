/**
 * Storage-rent spends in the test harness. Fleet mock-chain cannot model storage rent; ergo-lib
 * 0.28's `validate_tx` implements it as the Ergo node does (`checkExpiredBox`), so a rent spend is
 * judged by ergo-lib alone. After STORAGE_PERIOD_BLOCKS from a box's creationHeight, an input with
 * an EMPTY proof and context variable 127 = Short `i` may be spent without its script: if its
 * value is at most its storage fee (1,250,000 nanoERG per serialized byte of the spent box), the
 * spender may do anything with it, tokens included; otherwise output `i` must be created at
 * HEIGHT, keep at least value - fee, and keep every register but R0 (value) and R3 (creation
 * info). rent.spec.ts pins this, so an ergo-lib upgrade that changes it fails loudly.
 */
import type { Amount, Box, EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { serializeBox, SShort } from "@fleet-sdk/serializer";
import { Transaction, UnsignedTransaction } from "ergo-lib-wasm-nodejs";
import { withOwned, type Own } from "../../ergo/wasm.ts";
import { STORAGE_FEE_FACTOR } from "../scripts.ts";
import { boxesOf, ergoStateContext, ergoWallet, toJson, validateSigned, type HarnessResult, type SignOptions } from "./ergo-lib.ts";

type Output = EIP12UnsignedTransaction["outputs"][number];

/** The context variable that names the output of a rent spend (`StorageIndexVarId`). */
const STORAGE_INDEX_VAR = 127;

/** A rent spend: boxes spent by rent (each naming its output) first, then ordinary inputs signed by keys. */
export interface RentSpend {
  rent: { box: Box<string>; outputIndex: number }[];
  inputs?: Box<string>[];
  dataInputs?: Box<string>[];
  outputs: Output[];
}

/** The storage fee of a box in the UTXO set: its serialized bytes (with transactionId and index) × 1,250,000. */
export function storageFeeNanoErg(box: Box<Amount>): bigint {
  return BigInt(serializeBox(box).toBytes().length) * STORAGE_FEE_FACTOR;
}

function rentTransaction(spend: RentSpend): EIP12UnsignedTransaction {
  const rent = spend.rent.map(({ box, outputIndex }) => ({
    ...box,
    extension: { [STORAGE_INDEX_VAR]: SShort(outputIndex).toHex() },
  }));
  const ordinary = (spend.inputs ?? []).map((box) => ({ ...box, extension: {} }));
  return { inputs: [...rent, ...ordinary], dataInputs: spend.dataInputs ?? [], outputs: spend.outputs };
}

function sign(tx: EIP12UnsignedTransaction, rentCount: number, opts: SignOptions, own: Own): SignedTransaction {
  const proofs: Uint8Array[] = tx.inputs.map(() => new Uint8Array());
  if (tx.inputs.length > rentCount) {
    const unsigned = own(UnsignedTransaction.from_json(toJson(tx)));
    const wallet = ergoWallet(opts.secrets, own);
    const context = own(ergoStateContext(opts.height, opts.headers));
    const { inputs, data } = boxesOf(tx, own);
    for (let i = rentCount; i < tx.inputs.length; i++) {
      proofs[i] = own(own(wallet.sign_tx_input(i, context, unsigned, inputs, data)).spending_proof()).proof();
    }
  }
  // from_unsigned_tx consumes its argument, so it gets a copy that `own` does not free.
  const consumed = UnsignedTransaction.from_json(toJson(tx));
  return own(Transaction.from_unsigned_tx(consumed, proofs)).to_js_eip12() as SignedTransaction;
}

/** Signs `spend`'s ordinary inputs and judges it with ergo-lib at HEIGHT `opts.height`; never throws for a bad spend. */
export function signAndValidateRent(spend: RentSpend, opts: SignOptions): HarnessResult {
  const tx = rentTransaction(spend);
  let signed: SignedTransaction;
  try {
    signed = withOwned((own) => sign(tx, spend.rent.length, opts, own));
  } catch (error) {
    return { ok: false, stage: "sign", reason: error instanceof Error ? error.message : String(error) };
  }
  return validateSigned(signed, tx, opts);
}

/** `box` recreated by a rent spend in block `height`: script, tokens and registers kept, value less the fee. */
export function rentSuccessor(box: Box<string>, height: number): Output {
  const value = BigInt(box.value) - storageFeeNanoErg(box);
  return { value: value.toString(), ergoTree: box.ergoTree, creationHeight: height, assets: box.assets, additionalRegisters: box.additionalRegisters };
}

/** The rent spend that takes `box` whole (ERG and tokens) into one box of `taker` in the next block. */
export function takeByRent(world: { height: number }, box: Box<string>, taker: { ergoTree: string }): RentSpend {
  const output = { value: box.value, ergoTree: taker.ergoTree, creationHeight: world.height + 1, assets: box.assets, additionalRegisters: {} };
  return { rent: [{ box, outputIndex: 0 }], outputs: [output] };
}
