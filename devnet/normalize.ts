/**
 * A submitted transaction in the devnet's form (`NodeTransaction`) with its serialized sizes:
 * read by ergo-lib (exact, slow), or read from the JSON with Fleet's serializer when that provably
 * gives the same transaction (fast).
 */
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { serializeBox, serializeTransaction } from "@fleet-sdk/serializer";
import type { Transaction } from "ergo-lib-wasm-nodejs";
import type { NodeBox, NodeTransaction } from "../ergo/types.ts";
import { withOwned } from "../ergo/wasm.ts";

export type OutputJson = { value: string | bigint; assets: { tokenId: string; amount: string | bigint }[] } & Omit<NodeBox, "value" | "assets">;

/** A parsed transaction in the devnet's form, with its serialized size and each output's. */
export interface Normalized {
  tx: NodeTransaction;
  outputBytes: number[];
}

export function toNodeBox(json: OutputJson): NodeBox {
  return {
    boxId: json.boxId,
    value: BigInt(json.value),
    ergoTree: json.ergoTree,
    assets: json.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })),
    creationHeight: json.creationHeight,
    additionalRegisters: { ...json.additionalRegisters },
    transactionId: json.transactionId,
    index: json.index,
  };
}

/** The transaction as ergo-lib reads it. Exact, but slow: it re-serializes every ErgoTree three times. */
export function normalizeWithErgoLib(tx: Transaction): Normalized {
  return withOwned((own) => {
    const json = tx.to_js_eip12() as Omit<NodeTransaction, "outputs" | "size"> & { outputs: OutputJson[] };
    const outputs = own(tx.outputs());
    const outputBytes: number[] = [];
    for (let i = 0; i < outputs.len(); i++) outputBytes.push(own(outputs.get(i)).sigma_serialize_bytes().length);
    const size = tx.sigma_serialize_bytes().length;
    return { tx: { id: json.id, inputs: json.inputs, dataInputs: json.dataInputs, outputs: json.outputs.map(toNodeBox), size }, outputBytes };
  });
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const ID = /^[0-9a-fA-F]{64}$/;

function hexField(value: unknown, pattern = HEX): string {
  if (typeof value !== "string" || !pattern.test(value)) throw new Error("not plain hex");
  return value.toLowerCase();
}

/**
 * The same as `normalizeWithErgoLib`, read from the submitted JSON with Fleet's serializer, when
 * that is provably what ergo-lib parsed: the id of the JSON's bytes to sign equals `id`, ergo-lib's
 * id of the transaction (the bytes to sign hold everything but the proofs, which are plain hex
 * here). Returns undefined for anything else (extensions, unusual encodings); callers then ask
 * ergo-lib. Saves about a millisecond per payment.
 */
export function normalizeFromJson(input: unknown, id: string): Normalized | undefined {
  try {
    const body = input as { inputs: unknown[]; dataInputs?: unknown[]; outputs: unknown[] };
    const inputs = body.inputs.map((raw) => {
      const { boxId, spendingProof } = raw as { boxId: unknown; spendingProof?: { proofBytes?: unknown; extension?: unknown } };
      const extension = spendingProof?.extension;
      if (extension !== undefined && (typeof extension !== "object" || extension === null || Object.keys(extension).length > 0)) {
        throw new Error("an extension: leave it to ergo-lib");
      }
      return { boxId: hexField(boxId, ID), spendingProof: { proofBytes: hexField(spendingProof?.proofBytes), extension: {} } };
    });
    const dataInputs = (body.dataInputs ?? []).map((raw) => ({ boxId: hexField((raw as { boxId: unknown }).boxId, ID) }));
    const candidates = body.outputs.map((raw) => {
      const o = raw as { value: unknown; ergoTree: unknown; creationHeight: unknown; assets?: unknown[]; additionalRegisters?: Record<string, unknown> };
      if (!Number.isSafeInteger(o.creationHeight)) throw new Error("creationHeight is not an integer");
      const additionalRegisters: Record<string, string> = {};
      for (const [key, value] of Object.entries(o.additionalRegisters ?? {})) additionalRegisters[key] = hexField(value);
      return {
        value: BigInt(o.value as string | number | bigint),
        ergoTree: hexField(o.ergoTree),
        assets: (o.assets ?? []).map((raw) => {
          const a = raw as { tokenId: unknown; amount: unknown };
          return { tokenId: hexField(a.tokenId, ID), amount: BigInt(a.amount as string | number | bigint) };
        }),
        creationHeight: o.creationHeight as number,
        additionalRegisters,
      };
    });
    const toSign = serializeTransaction({ inputs: inputs.map((i) => ({ boxId: i.boxId, extension: {} })), dataInputs, outputs: candidates });
    if (hex.encode(blake2b256(toSign.toBytes())) !== id) return undefined;
    const outputBytes: number[] = [];
    const outputs = candidates.map((candidate, index) => {
      const bytes = serializeBox({ ...candidate, transactionId: id, index }).toBytes();
      outputBytes.push(bytes.length);
      const { value, ergoTree, assets, creationHeight, additionalRegisters } = candidate;
      return { boxId: hex.encode(blake2b256(bytes)), value, ergoTree, assets, creationHeight, additionalRegisters, transactionId: id, index };
    });
    const size = serializeTransaction({ id, inputs, dataInputs, outputs }).toBytes().length;
    return { tx: { id, inputs, dataInputs, outputs, size }, outputBytes };
  } catch {
    return undefined;
  }
}
