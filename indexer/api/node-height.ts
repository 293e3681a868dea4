/** The followed node's height for `/status`: its `/info` `fullHeight`, or null when it cannot be had in time. */

/** How long `/status` waits for the node. */
export const NODE_TIMEOUT_MS = 2_000;

/** The node's full height, or null: no node configured, unreachable, too slow, or a reply without a height. */
export async function nodeHeight(nodeUrl: string | undefined, timeoutMs = NODE_TIMEOUT_MS): Promise<number | null> {
  if (!nodeUrl) return null;
  try {
    const response = await fetch(new URL("/info", nodeUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    const info = (await response.json()) as { fullHeight?: unknown };
    return typeof info.fullHeight === "number" && Number.isSafeInteger(info.fullHeight) && info.fullHeight >= 0 ? info.fullHeight : null;
  } catch {
    return null;
  }
}
