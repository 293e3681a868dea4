/**
 * The confirmed UTXO set with the indexes the node's `/blockchain` routes need, and exact undo
 * for rollbacks. Pure bookkeeping: it trusts that what it applies was validated.
 */
import { blake2b256, hex, utf8 } from "@fleet-sdk/crypto";
import type { IndexedBox } from "./types.ts";
import type { NodeBox, NodeTransaction } from "../ergo/types.ts";

/** What the node's `/blockchain/token/byId` tells about a token. */
export interface TokenInfo {
  id: string;
  boxId: string;
  emissionAmount: bigint;
  name: string | null;
  description: string | null;
  decimals: number | null;
}

/** What applying a transaction changed, to undo it exactly. */
export interface Undo {
  spent: IndexedBox[];
  mintedTokenId?: string;
}

function eip4Text(register: string | undefined): string | null {
  // EIP-4 registers are Coll[Byte] constants: 0x0e, a VLQ length, then the bytes.
  if (!register?.startsWith("0e")) return null;
  try {
    const bytes = hex.decode(register.slice(2));
    let length = 0;
    let shift = 0;
    let i = 0;
    for (; i < bytes.length; i++) {
      length |= (bytes[i]! & 0x7f) << shift;
      shift += 7;
      if ((bytes[i]! & 0x80) === 0) break;
    }
    const body = bytes.slice(i + 1);
    return body.length === length ? new TextDecoder("utf-8", { fatal: true }).decode(body) : null;
  } catch {
    return null;
  }
}

/** The confirmed UTXO set. */
export class Ledger {
  readonly utxo = new Map<string, IndexedBox>();
  readonly tokens = new Map<string, TokenInfo>();
  private nextGlobalIndex = 0;
  /** A running digest of everything applied: the devnet's stand-in for the AVL+ state root. */
  digest = hex.encode(blake2b256(utf8.decode("lets-devnet")));

  /** Adds genesis boxes (no spending transaction). */
  addGenesis(boxes: NodeBox[]): void {
    for (const box of boxes) this.utxo.set(box.boxId, { ...box, inclusionHeight: 0, globalIndex: this.nextGlobalIndex++ });
  }

  /** Spends the inputs and adds the outputs of a validated transaction included at `height`. */
  apply(tx: NodeTransaction, height: number): Undo {
    const spent = tx.inputs.map((input) => {
      const box = this.utxo.get(input.boxId);
      if (!box) throw new Error(`ledger: input ${input.boxId} is not unspent`);
      this.utxo.delete(input.boxId);
      return box;
    });
    const mintedTokenId = this.registerMint(tx);
    for (const out of tx.outputs) {
      this.utxo.set(out.boxId, { ...out, inclusionHeight: height, globalIndex: this.nextGlobalIndex++ });
    }
    this.digest = hex.encode(blake2b256(utf8.decode(`${this.digest}:${tx.id}`)));
    return mintedTokenId ? { spent, mintedTokenId } : { spent };
  }

  /** Reverses `apply` (transactions of a block are undone last first). */
  undo(tx: NodeTransaction, undo: Undo, previousDigest: string): void {
    for (const out of tx.outputs) this.utxo.delete(out.boxId);
    for (const box of undo.spent) this.utxo.set(box.boxId, box);
    if (undo.mintedTokenId) this.tokens.delete(undo.mintedTokenId);
    this.nextGlobalIndex -= tx.outputs.length;
    this.digest = previousDigest;
  }

  private registerMint(tx: NodeTransaction): string | undefined {
    const tokenId = tx.inputs[0]?.boxId;
    if (!tokenId || this.tokens.has(tokenId)) return undefined;
    const holders = tx.outputs.filter((o) => o.assets.some((a) => a.tokenId === tokenId));
    if (holders.length === 0) return undefined;
    const emissionAmount = holders.flatMap((o) => o.assets).filter((a) => a.tokenId === tokenId).reduce((s, a) => s + a.amount, 0n);
    const first = holders[0]!;
    const decimals = Number(eip4Text(first.additionalRegisters.R6));
    this.tokens.set(tokenId, {
      id: tokenId,
      boxId: first.boxId,
      emissionAmount,
      name: eip4Text(first.additionalRegisters.R4),
      description: eip4Text(first.additionalRegisters.R5),
      decimals: Number.isInteger(decimals) ? decimals : null,
    });
    return tokenId;
  }
}
