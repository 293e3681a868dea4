/**
 * Ledger rules of the Ergo node (ErgoTransaction.validateStateless / validateStateful) that an
 * interpreter of the harness skips, applied by the harness itself so that no test result can
 * silently depend on them:
 *
 * - `txInputsUnique`: no box may be spent twice in one transaction. Neither sigmastate (Fleet
 *   mock-chain) nor sigma-rust (ergo-lib 0.28 `validate_tx`) checks it, so the harness refuses
 *   such a transaction for both, before either runs.
 * - `txBoxSize` (rule 120): every output box, serialized with its transaction id and index, is at
 *   most 4,096 bytes (`MaxBoxSize`).
 * - `txMonotonicHeight` (rule 124, EIP-39): no output's creation height is below the creation
 *   height of any input.
 *
 * ergo-lib's `validate_tx` applies the last two as the node does; mock-chain applies neither. So
 * `World.judge` adds them to mock-chain's verdict only (`mockChainLedgerRefusal`), and ergo-lib
 * keeps its own: if this module and ergo-lib ever differ, `agreed()` throws.
 */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { serializeBox, SigmaByteWriter } from "@fleet-sdk/serializer";

/** The node's `MaxBoxSize`: the most bytes a box may take, with its transaction id and index. */
export const MAX_BOX_BYTES = 4_096;

type Output = EIP12UnsignedTransaction["outputs"][number];

/** Why the node refuses inputs that spend a box twice, or undefined when every input is distinct. */
export function duplicateInputRefusal(inputs: readonly { boxId: string }[]): string | undefined {
  const first = new Map<string, number>();
  for (const [index, { boxId }] of inputs.entries()) {
    const earlier = first.get(boxId);
    if (earlier !== undefined) return `txInputsUnique: box ${boxId} is spent by inputs ${earlier} and ${index}`;
    first.set(boxId, index);
  }
  return undefined;
}

/**
 * The size of output `index` once created: the transaction id's content does not change it. The
 * writer has room past the limit (Fleet's default stops at 4,096 bytes), so oversized boxes measure.
 */
export function outputBytes(outputs: readonly Output[], index: number): number {
  const box = { ...outputs[index]!, boxId: "", transactionId: "00".repeat(32), index } as Box<string>;
  return serializeBox(box, new SigmaByteWriter(4 * MAX_BOX_BYTES)).toBytes().length;
}

/** Why the node refuses an output larger than 4,096 bytes, or undefined when every output fits. */
export function boxSizeRefusal(outputs: readonly Output[]): string | undefined {
  for (const index of outputs.keys()) {
    const bytes = outputBytes(outputs, index);
    if (bytes > MAX_BOX_BYTES) return `txBoxSize: output ${index} is ${bytes} bytes, at most ${MAX_BOX_BYTES}`;
  }
  return undefined;
}

/** Why the node refuses an output dated before an input, or undefined when none is. */
export function monotonicHeightRefusal(tx: Pick<EIP12UnsignedTransaction, "inputs" | "outputs">): string | undefined {
  if (tx.inputs.length === 0) return undefined;
  const newest = Math.max(...tx.inputs.map((input) => input.creationHeight));
  const index = tx.outputs.findIndex((output) => output.creationHeight < newest);
  if (index < 0) return undefined;
  return `txMonotonicHeight: output ${index} is dated ${tx.outputs[index]!.creationHeight}, below the newest input's creation height ${newest}`;
}

/** The first ledger rule mock-chain skips and `tx` breaks (box size, monotonic height), if any. */
export function mockChainLedgerRefusal(tx: Pick<EIP12UnsignedTransaction, "inputs" | "outputs">): string | undefined {
  return boxSizeRefusal(tx.outputs) ?? monotonicHeightRefusal(tx);
}
