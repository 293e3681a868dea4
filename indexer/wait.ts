/**
 * Waiting for the indexer to catch up: for callers that write to the chain and then read the
 * indexer (the simulator, `lets up`, browser tests). The source is a running indexer or sync loop
 * in this process, or an indexer's base URL (read through `GET /status`).
 */
import { NodeClient } from "../ergo/node-client.ts";
import type { RunningSync } from "./sync/loop.ts";
import { IndexerError } from "./errors.ts";

/** What can be asked for the cursor: an in-process sync loop (or an indexer holding one), or an indexer's URL. */
export type CursorSource = string | RunningSync | { sync: RunningSync };

/** The indexer did not reach the height in time, or its sync halted; carries what it last saw. */
export class IndexerWaitError extends IndexerError {
  constructor(
    message: string,
    readonly targetHeight: number,
    readonly lastHeight: number | null,
  ) {
    super(message);
  }
}

interface Seen {
  height: number | null;
  /** Why waiting longer is pointless (the sync halted), if it is. */
  halted?: string;
}

async function readCursor(source: CursorSource): Promise<Seen> {
  if (typeof source !== "string") {
    const status = ("sync" in source ? source.sync : source).status();
    return { height: status.cursorHeight, halted: status.state === "halted" ? (status.lastError ?? "halted") : undefined };
  }
  try {
    const response = await fetch(new URL("/status", source), { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return { height: null };
    const body = (await response.json()) as { height?: number; sync?: { state?: string; lastError?: string | null } | null };
    const halted = body.sync?.state === "halted" ? (body.sync.lastError ?? "halted") : undefined;
    return { height: typeof body.height === "number" ? body.height : null, halted };
  } catch {
    return { height: null };
  }
}

/** Resolves with the cursor height once it is at least `height`; throws `IndexerWaitError` after `timeoutMs` or if the sync halts. */
export async function waitForHeight(source: CursorSource, height: number, timeoutMs = 30_000, pollMs = 20): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await readCursor(source);
    if (seen.height !== null && seen.height >= height) return seen.height;
    if (seen.halted !== undefined) throw new IndexerWaitError(`the indexer's sync halted at height ${seen.height}: ${seen.halted}`, height, seen.height);
    if (Date.now() >= deadline) throw new IndexerWaitError(`the indexer did not reach height ${height} within ${timeoutMs} ms (at ${seen.height ?? "unknown"})`, height, seen.height);
    await new Promise((done) => setTimeout(done, pollMs));
  }
}

/** Waits until the indexer has the node's current tip (the node's height when called); resolves with that height. */
export async function waitForNodeTip(source: CursorSource, nodeUrl: string, timeoutMs = 30_000): Promise<number> {
  const height = await new NodeClient(nodeUrl).height();
  await waitForHeight(source, height, timeoutMs);
  return height;
}
