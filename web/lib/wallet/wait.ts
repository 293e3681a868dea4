/**
 * Waiting in the browser until the indexer has what a transaction created, so a screen can move
 * on to the new community's page (or show the new account) once it really exists there.
 */

/** Polls `/api/indexed/{kind}/{id}` until it says indexed (true) or `timeoutMs` passes (false). */
export async function waitUntilIndexed(kind: "community" | "account", id: string, timeoutMs = 180_000, intervalMs = 1_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`/api/indexed/${kind}/${id}`, { cache: "no-store" }).catch(() => undefined);
    if (response?.ok && ((await response.json()) as { indexed: boolean }).indexed) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

async function blockOf(kind: "transaction" | "box", id: string, timeoutMs: number, intervalMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`/api/indexed/${kind}/${id}`, { cache: "no-store" }).catch(() => undefined);
    if (response?.ok) {
      const answer = (await response.json()) as { indexed: boolean; height?: number };
      if (answer.indexed && answer.height !== undefined) return answer.height;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return undefined;
}

/**
 * Polls `/api/indexed/transaction/{txId}` until the indexer has the transaction in a block;
 * answers that block's height, or undefined when `timeoutMs` passes.
 */
export function waitForBlock(txId: string, timeoutMs = 180_000, intervalMs = 1_000): Promise<number | undefined> {
  return blockOf("transaction", txId, timeoutMs, intervalMs);
}

/**
 * Polls `/api/indexed/box/{boxId}` until the indexer has the box (an account box a top-up or a
 * profile change made: the indexer keeps no transaction for those); answers its block's height,
 * or undefined when `timeoutMs` passes.
 */
export function waitForBoxBlock(boxId: string, timeoutMs = 180_000, intervalMs = 1_000): Promise<number | undefined> {
  return blockOf("box", boxId, timeoutMs, intervalMs);
}
