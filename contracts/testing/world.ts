/**
 * A small in-memory chain for contract tests: a UTXO set, members with keys and funded wallets,
 * and `judge`, which runs a transaction through two independent interpreters (sigmastate via
 * Fleet mock-chain, and sigma-rust via ergo-lib `validate_tx`) at HEIGHT = tip + 1, as a node
 * validates a mempool transaction. Accepted transactions are applied with the box ids ergo-lib
 * computed, so later transactions spend real outputs. The harness applies the node's ledger rules
 * an interpreter skips (ledger-rules.ts): a transaction that spends a box twice is rejected for
 * both without running them (`txInputsUnique`, which neither checks), and mock-chain's verdict is
 * completed with the box size limit and the monotonic creation height, which ergo-lib checks
 * itself. Storage-rent spends, which mock-chain cannot model, go through `judgeRent` /
 * `rentSpend` instead (rent.ts).
 */
import type { Box, EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { ErgoAddress } from "@fleet-sdk/core";
import { execute, MockChain, mockUTxO, type KeyedMockChainParty } from "@fleet-sdk/mock-chain";
import { ownerFromPublicKey, type Wallet } from "../builders/common.ts";
import { signAndValidate, sigmaStateContext, type HarnessResult } from "./ergo-lib.ts";
import { hex } from "@fleet-sdk/crypto";
import { duplicateInputRefusal, mockChainLedgerRefusal } from "./ledger-rules.ts";
import { signAndValidateRent, type RentSpend } from "./rent.ts";

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

/** An applied transaction: its outputs with their ids, its size, and the signed transaction. */
export interface Submitted {
  outputs: Box<string>[];
  bytes: number;
  signed: SignedTransaction;
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
    this.addBox({ ergoTree: member.ergoTree, value: nanoErg });
  }

  /** Adds a box created at the tip, for set-ups that need a particular script, tokens or registers. */
  addBox(mock: Parameters<typeof mockUTxO>[0]): Box<string> {
    const box = mockUTxO({ creationHeight: this.height, ...mock });
    const assets = box.assets.map((t) => ({ tokenId: t.tokenId, amount: t.amount.toString() }));
    return this.add({ ...box, value: box.value.toString(), assets });
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

  /**
   * Runs `tx` through both interpreters, signed only by `signers`. Both refuse a box spent twice;
   * mock-chain also refuses what the node's box size and monotonic height rules refuse (its
   * script verdict comes first: a script that refuses is named rather than the ledger rule).
   */
  judge(tx: EIP12UnsignedTransaction, signers: Member[]): Verdict {
    const duplicate = duplicateInputRefusal(tx.inputs);
    if (duplicate) return { mock: { ok: false, reason: duplicate }, ergoLib: { ok: false, stage: "validate", reason: duplicate } };
    const next = this.height + 1;
    const keys = signers.map((s) => s.party.key);
    const result = execute(tx, keys, { context: sigmaStateContext(next) });
    const ledger = result.success ? mockChainLedgerRefusal(tx) : undefined;
    const mock = !result.success ? { ok: false, reason: result.reason.message } : ledger ? { ok: false, reason: ledger } : { ok: true };
    const ergoLib = signAndValidate(tx, { secrets: signers.map((s) => s.party.key.privateKey as Uint8Array), height: next });
    return { mock, ergoLib };
  }

  /** Judges `tx`; when both interpreters accept, spends its inputs, adds its outputs, mines a block. */
  submit(tx: EIP12UnsignedTransaction, signers: Member[]): Submitted {
    this.requireUnspent(tx.inputs);
    const verdict = this.judge(tx, signers);
    if (!agreed(verdict) || !verdict.ergoLib.ok) {
      const reason = verdict.ergoLib.ok ? "" : verdict.ergoLib.reason;
      throw new Error(`transaction rejected: ${reason}`);
    }
    return this.apply(verdict.ergoLib);
  }

  /** Judges a storage-rent spend at HEIGHT = tip + 1 with ergo-lib, which models rent as the node does. */
  judgeRent(spend: RentSpend, signers: Member[]): HarnessResult {
    return signAndValidateRent(spend, { secrets: signers.map((s) => s.party.key.privateKey as Uint8Array), height: this.height + 1 });
  }

  /** Judges a rent spend; when accepted, applies it like `submit`, so later transactions spend its outputs. */
  rentSpend(spend: RentSpend, signers: Member[]): Submitted {
    this.requireUnspent([...spend.rent.map((r) => r.box), ...(spend.inputs ?? [])]);
    const result = this.judgeRent(spend, signers);
    if (!result.ok) throw new Error(`rent spend rejected: ${result.reason}`);
    return this.apply(result);
  }

  private requireUnspent(inputs: { boxId: string }[]): void {
    const spent = inputs.find((input) => !this.utxos.has(input.boxId));
    if (spent) throw new Error(`double spend: box ${spent.boxId} is not unspent`);
  }

  private apply({ signed, bytes }: { signed: SignedTransaction; bytes: number }): Submitted {
    for (const input of signed.inputs) this.utxos.delete(input.boxId);
    const outputs = signed.outputs as Box<string>[];
    for (const output of outputs) this.add(output);
    this.height += 1;
    this.submitted.push(signed);
    return { outputs, bytes, signed };
  }

  /** Advances the chain by `blocks` empty blocks. */
  mine(blocks: number): void {
    this.height += blocks;
  }
}
