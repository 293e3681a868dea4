/**
 * What the simulator needs from a chain: submit signed transactions, make blocks, the height a
 * transaction is built at, and the keys that fund it. Two drivers: the devnet the simulator starts
 * itself (it mines on demand), and any node at a URL (the driver waits for the node's blocks).
 */
import type { SignedTransaction } from "@fleet-sdk/common";
import type { NodeHeader } from "../../../ergo/types.ts";
import type { NodeClient } from "../../../ergo/node-client.ts";
import type { KeyChain, DerivedKey } from "../../../ergo/keys.ts";
import type { SigningTip } from "../../../ergo/signing-contexts.ts";

/** Time spent inside the node, when the driver can see it (the devnet it runs). */
export interface NodeTimes {
  /** Milliseconds of each `POST /transactions` validation inside the devnet. */
  validateMs: number[];
  /** Milliseconds of each mining call inside the devnet. */
  mineMs: number[];
}

export interface ChainDriver {
  readonly kind: "devnet" | "node";
  readonly nodeUrl: string;
  readonly node: NodeClient;
  readonly keys: KeyChain;
  /** Funds the members, founds the community (its committee), pays the fees of default closings. */
  readonly funder: DerivedKey;
  /** EIP-3 index of member 0's key; member i uses `firstMemberIndex + i`. */
  readonly firstMemberIndex: number;
  /** The tip height as last read or made. */
  readonly tipHeight: number;
  /** Reads the tip height and the newest headers (for signing contexts). */
  refresh(): Promise<number>;
  /** The context to sign a transaction built at `buildHeight` (it goes into block `buildHeight + 1`). */
  signingTip(buildHeight: number): SigningTip;
  /** Submits; resolves with the id, or throws the node's `NodeRequestError`. */
  submit(signed: SignedTransaction): Promise<string>;
  /** Returns once the tip is at least `height` and every transaction submitted so far is in a block. */
  mineTo(height: number): Promise<void>;
  /** The node's own timings, when the driver can see them. */
  nodeTimes(): Promise<NodeTimes | undefined>;
  /** Clears the node's timings (after setting up). */
  resetNodeTimes(): Promise<void>;
  close(): Promise<void>;
}

/** Reads the tip and the ten newest headers (newest first), as signing needs them. */
export async function readTip(node: NodeClient): Promise<{ height: number; headers: NodeHeader[] }> {
  const [info, headers] = await Promise.all([node.info(), node.lastHeaders(10)]);
  const newest = headers as unknown as NodeHeader[];
  return { height: Math.max(info.fullHeight, newest[0]?.height ?? 0), headers: newest };
}

/** A signing tip for the block after `buildHeight`, from the newest headers known. */
export function tipFor(buildHeight: number, headers: NodeHeader[]): SigningTip {
  return { height: buildHeight + 1, headers, timestamp: Math.max(Date.now(), (headers[0]?.timestamp ?? 0) + 1) };
}
