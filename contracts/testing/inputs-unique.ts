/**
 * The Ergo node's `txInputsUnique` rule (ErgoTransaction.validateStateless): no box may be spent
 * twice in one transaction. Neither sigmastate (Fleet mock-chain) nor sigma-rust (ergo-lib 0.28
 * `validate_tx`) checks it, so the harness does, and no test result can silently depend on it.
 */

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
