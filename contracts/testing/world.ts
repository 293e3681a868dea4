/**
 * A small in-memory chain for contract tests: a UTXO set, members with keys and funded wallets,
 * and `judge`, which runs a transaction through two independent interpreters (sigmastate via
 * Fleet mock-chain, and sigma-rust via ergo-lib `validate_tx`) at HEIGHT = tip + 1, as a node
 * validates a mempool transaction. Accepted transactions are applied with the box ids ergo-lib
 * computed, so later transactions spend real outputs. A transaction that spends a box twice is
 * rejected for both interpreters without running them: the node's `txInputsUnique` rule, which
 * neither interpreter checks (inputs-unique.ts).
 */
import type { Box, EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { ErgoAddress } from "@fleet-sdk/core";
import { execute, MockChain, mockUTxO, type KeyedMockChainParty } from "@fleet-sdk/mock-chain";
import { ownerFromPublicKey, type Wallet } from "../builders/common.ts";
import { signAndValidate, sigmaStateContext, type HarnessResult } from "./ergo-lib.ts";
import { hex } from "@fleet-sdk/crypto";
import { duplicateInputRefusal } from "./inputs-unique.ts";

/** A member (or committee key, or outsider) with a key and a P2PK wallet. */
export interface Member {
  name: string;
  party: KeyedMockChainParty;
  address: string;
  ergoTree: string;
  /** Owner SigmaProp constant (hex) for account registers. */
  owner: string;
}

/** What each interpreter said about a transaction. */
export interface Verdict {
  mock: { ok: boolean; reason?: string };
  ergoLib: HarnessResult;
}

/** True when both interpreters accepted; throws when they disagree. */
export function agreed(verdict: Verdict): boolean {
  if (verdict.mock.ok !== verdict.ergoLib.ok) {
    const lib = verdict.ergoLib.ok ? "accepted" : `rejected (${verdict.ergoLib.stage}: ${verdict.ergoLib.reason})`;
    throw new Error(`interpreters disagree: mock-chain ${verdict.mock.ok ? "accepted" : `rejected (${verdict.mock.reason})`}, ergo-lib ${lib}`);
  }
  return verdict.mock.ok;
}

const keyChain = new MockChain();

/** The in-memory chain. */
export class World {
  readonly utxos = new Map<string, Box<string>>();
  /** Every accepted transaction, signed, in order. */
  readonly submitted: SignedTransaction[] = [];

  constructor(public height = 1_000) {}

  /** A new member whose wallet holds `nanoErg` in one box. */
  member(name: string, nanoErg = 100_000_000_000n): Member {
    const party = keyChain.newParty(name);
    const address = party.address.encode();
    const member = { name, party, address, ergoTree: party.ergoTree, owner: ownerFromPublicKey(hex.encode(party.key.publicKey)) };
    this.fund(member, nanoErg);
    return member;
  }

  /** Adds a wallet box for `member`. */
  fund(member: Member, nanoErg: bigint): void {
    const box = mockUTxO({ ergoTree: member.ergoTree, value: nanoErg, creationHeight: this.height });
    this.add({ ...box, value: box.value.toString(), assets: [] });
  }

  /** Adds any box to the UTXO set (for attack set-ups: look-alike boxes). */
  add(box: Box<string>): Box<string> {
    this.utxos.set(box.boxId, box);
    return box;
  }

  /** The EIP-12 view of `member`'s wallet. */
  wallet(member: Member): Wallet {
    const utxos = [...this.utxos.values()].filter((b) => b.ergoTree === member.ergoTree);
    return { utxos, changeAddress: ErgoAddress.fromErgoTree(member.ergoTree).encode() };
  }

  /** A live box by id. */
  box(boxId: string): Box<string> {
    const box = this.utxos.get(boxId);
    if (!box) throw new Error(`box ${boxId} is not unspent`);
    return box;
  }

  /** Runs `tx` through both interpreters, signed only by `signers`; both refuse a box spent twice. */
  judge(tx: EIP12UnsignedTransaction, signers: Member[]): Verdict {
    const duplicate = duplicateInputRefusal(tx.inputs);
    if (duplicate) return { mock: { ok: false, reason: duplicate }, ergoLib: { ok: false, stage: "validate", reason: duplicate } };
    const next = this.height + 1;
    const keys = signers.map((s) => s.party.key);
    const result = execute(tx, keys, { context: sigmaStateContext(next) });
    const mock = result.success ? { ok: true } : { ok: false, reason: result.reason.message };
    const ergoLib = signAndValidate(tx, { secrets: signers.map((s) => s.party.key.privateKey as Uint8Array), height: next });
    return { mock, ergoLib };
  }

  /** Judges `tx`; when both interpreters accept, spends its inputs, adds its outputs, mines a block. */
  submit(tx: EIP12UnsignedTransaction, signers: Member[]): { outputs: Box<string>[]; bytes: number; signed: SignedTransaction } {
    const spent = tx.inputs.find((input) => !this.utxos.has(input.boxId));
    if (spent) throw new Error(`double spend: box ${spent.boxId} is not unspent`);
    const verdict = this.judge(tx, signers);
    if (!agreed(verdict) || !verdict.ergoLib.ok) {
      const reason = verdict.ergoLib.ok ? "" : verdict.ergoLib.reason;
      throw new Error(`transaction rejected: ${reason}`);
    }
    for (const input of tx.inputs) this.utxos.delete(input.boxId);
    const outputs = verdict.ergoLib.signed.outputs as Box<string>[];
    for (const output of outputs) this.add(output);
    this.height += 1;
    this.submitted.push(verdict.ergoLib.signed);
    return { outputs, bytes: verdict.ergoLib.bytes, signed: verdict.ergoLib.signed };
  }

  /** Advances the chain by `blocks` empty blocks. */
  mine(blocks: number): void {
    this.height += blocks;
  }
}
