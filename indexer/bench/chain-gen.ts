/**
 * A generated LETS chain for the indexer benchmark: one community, `members` members funded from
 * the devnet faucet and joined, then `payments` payments among them (one in ten to two payees),
 * all built by the real builders (`createCommunity`, `join`, `pay`) with deterministic choices.
 *
 * Not signed and not validated: signing and fully validating 200,000 payments would take about
 * twenty minutes, and the indexer reads neither proofs nor scripts. Everything else is as the
 * devnet makes it: transaction and box ids from the serialized bytes (the devnet's own
 * `normalizeFromJson`, which checks them), every spend against the devnet's UTXO `Ledger` (a
 * double spend throws), headers by the devnet's `makeHeader`, written one block a line in the
 * devnet's `blocks.jsonl` format. The first transaction of each kind is checked against ergo-lib's
 * id for the same unsigned transaction.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { ErgoAddress, Network, OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { serializeTransaction } from "@fleet-sdk/serializer";
import { ErgoHDKey } from "@fleet-sdk/wallet";
import { UnsignedTransaction } from "ergo-lib-wasm-nodejs";
import { decodeAccount, decodeCommunity } from "../../contracts/index.ts";
import { createCommunity, join, ownerFromPublicKey, pay, DEFAULT_FEE } from "../../contracts/index.ts";
import { MIN_BOX_VALUE } from "../../contracts/scripts.ts";
import { DEV_MNEMONIC, devAccount } from "../../ergo/keys.ts";
import { FAUCET_INDEX, genesisBoxes } from "../../devnet/genesis.ts";
import { GENESIS_PARENT_ID, makeHeader } from "../../ergo/headers.ts";
import { stringifyJson } from "../../ergo/json.ts";
import { Ledger } from "../../devnet/ledger.ts";
import { normalizeFromJson } from "../../devnet/normalize.ts";
import type { NodeBox, NodeHeader, NodeTransaction } from "../../ergo/types.ts";
import { Random } from "../../util/prng.ts";

export interface ChainPlan {
  members: number;
  payments: number;
  paymentsPerBlock: number;
  joinsPerBlock: number;
  /** Seed of the choices of payer, payees and amounts. */
  seed: number;
}

export interface ChainSummary extends ChainPlan {
  blocks: number;
  transactions: { create: number; fund: number; join: number; payment: number };
  communityId: string;
  /** Block times span this many ms, ending at `lastTimestamp`. */
  firstTimestamp: number;
  lastTimestamp: number;
}

/** Blocks of one year: the first block's time, and the gap between blocks. */
const START_MS = Date.UTC(2026, 0, 1);
const YEAR_MS = 365 * 86_400_000;
const POLICY = { creditLimit: 1_000_000n, positiveCap: 0n, joinFeeNanoErg: 10_000_000n, collateralNanoErg: 100_000_000n, inactivityBlocks: 0n };
const METADATA = { name: "Benchmark LETS", symbol: "BEN", description: "generated for bench:indexer", decimals: 2 };
/** ERG a member's account holds for payment fees: 90 payments as payer. */
const FEE_RESERVE = 90n * DEFAULT_FEE;
/** Outputs per funding transaction (about 60 bytes each, far below the 98 KB limit). */
const FUND_OUTPUTS = 500;

/** The unsigned transaction as the devnet stores a submitted one: ids from its bytes, empty proofs. */
export function toNodeTransaction(unsigned: EIP12UnsignedTransaction): NodeTransaction {
  const outputs = unsigned.outputs.map((o) => ({
    value: BigInt(o.value), ergoTree: o.ergoTree, creationHeight: o.creationHeight,
    assets: o.assets.map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })), additionalRegisters: { ...o.additionalRegisters },
  }));
  const toSign = { inputs: unsigned.inputs.map((i) => ({ boxId: i.boxId, extension: {} })), dataInputs: unsigned.dataInputs, outputs };
  const id = hex.encode(blake2b256(serializeTransaction(toSign).toBytes()));
  const body = { id, inputs: unsigned.inputs.map((i) => ({ boxId: i.boxId, spendingProof: { proofBytes: "", extension: {} } })), dataInputs: unsigned.dataInputs, outputs };
  const normalized = normalizeFromJson(body, id);
  if (!normalized) throw new Error(`generated transaction ${id} does not normalize`);
  return normalized.tx;
}

/** Throws unless ergo-lib gives the unsigned transaction the same id. */
function checkWithErgoLib(unsigned: EIP12UnsignedTransaction, tx: NodeTransaction): void {
  const parsed = UnsignedTransaction.from_json(stringifyJson({ ...unsigned, inputs: unsigned.inputs.map((i) => ({ boxId: i.boxId, extension: {} })) }));
  const id = parsed.id().to_str();
  parsed.free();
  if (id !== tx.id) throw new Error(`ergo-lib computes ${id} for generated transaction ${tx.id}`);
}

/** Compressed public keys of `count` members: children of the development key's EIP-3 branch, past the faucet. */
function memberKeys(count: number): string[] {
  const branch = ErgoHDKey.fromMnemonicSync(DEV_MNEMONIC).derive("m/44'/429'/0'/0");
  return Array.from({ length: count }, (_, i) => hex.encode(branch.deriveChild(FAUCET_INDEX + 1 + i).publicKey));
}

/** Writes the chain to `file` (one block a line) and returns what it holds. */
export async function generateChain(plan: ChainPlan, file: string, onBlock?: (height: number, total: number) => void): Promise<ChainSummary> {
  const out = createWriteStream(file);
  const ledger = new Ledger();
  const genesis = genesisBoxes();
  ledger.addGenesis(genesis);
  const joinBlocks = Math.ceil(plan.members / plan.joinsPerBlock);
  const totalBlocks = 1 + joinBlocks + Math.ceil(plan.payments / plan.paymentsPerBlock);
  const gapMs = Math.floor(YEAR_MS / totalBlocks);
  let tip: NodeHeader | undefined;
  let pending: NodeTransaction[] = [];
  const counts = { create: 0, fund: 0, join: 0, payment: 0 };
  const checked = new Set<string>();

  /** The chain's height: what builders are given for the next block. */
  const height = () => tip?.height ?? 0;
  const add = (kind: keyof typeof counts, unsigned: EIP12UnsignedTransaction): NodeTransaction => {
    const tx = toNodeTransaction(unsigned);
    if (!checked.has(kind)) {
      checkWithErgoLib(unsigned, tx);
      checked.add(kind);
    }
    ledger.apply(tx, height() + 1);
    pending.push(tx);
    counts[kind] += 1;
    return tx;
  };
  const mine = async () => {
    const h = height() + 1;
    const header = makeHeader({
      parentId: tip?.id ?? GENESIS_PARENT_ID, height: h, timestamp: START_MS + (h - 1) * gapMs,
      transactionIds: pending.map((t) => t.id), stateDigest: ledger.digest,
    });
    if (!out.write(stringifyJson({ header, transactions: pending }) + "\n")) await once(out, "drain");
    tip = header;
    pending = [];
    onBlock?.(h, totalBlocks);
  };

  // Block 1: dev account 0 creates the community; the faucet funds every member.
  const founder = devAccount(0);
  const founderBox = genesis.find((b) => b.ergoTree === founder.ergoTree)!;
  const create = add("create", createCommunity(
    { policy: { ...POLICY, maxMembers: BigInt(plan.members) }, metadata: METADATA, committee: ownerFromPublicKey(founder.publicKey) },
    { height: 0, wallet: { utxos: [founderBox], changeAddress: founder.address } },
  ));
  const communityId = create.inputs[0]!.boxId;
  let communityBox = create.outputs.find((o) => decodeCommunity(o).ok)!;
  const keys = memberKeys(plan.members);
  const addresses = keys.map((pk) => ErgoAddress.fromPublicKey(pk, Network.Testnet));
  const joinCost = POLICY.joinFeeNanoErg + POLICY.collateralNanoErg + MIN_BOX_VALUE + FEE_RESERVE + DEFAULT_FEE;
  const faucet = devAccount(FAUCET_INDEX);
  let faucetBox: NodeBox = genesis.find((b) => b.ergoTree === faucet.ergoTree)!;
  const wallets: NodeBox[] = [];
  for (let first = 0; first < plan.members; first += FUND_OUTPUTS) {
    const outputs = addresses.slice(first, first + FUND_OUTPUTS).map((address) => new OutputBuilder(joinCost, address));
    const fund = add("fund", new TransactionBuilder(0).from([faucetBox]).to(outputs).sendChangeTo(faucet.address).payFee(DEFAULT_FEE).build().toEIP12Object());
    wallets.push(...fund.outputs.slice(0, outputs.length));
    faucetBox = fund.outputs.find((o) => o.ergoTree === faucet.ergoTree)!;
  }
  await mine();

  // Joins, chained on the community box.
  const accounts: NodeBox[] = [];
  for (let i = 0; i < plan.members; i++) {
    const owner = ownerFromPublicKey(keys[i]!);
    const tx = add("join", join(
      { community: communityBox, owner, feeReserveNanoErg: FEE_RESERVE },
      { height: height(), wallet: { utxos: [wallets[i]!], changeAddress: addresses[i]!.encode(Network.Testnet) } },
    ));
    communityBox = tx.outputs.find((o) => decodeCommunity(o).ok)!;
    accounts.push(tx.outputs.find((o) => decodeAccount(o).ok)!);
    if ((i + 1) % plan.joinsPerBlock === 0 || i + 1 === plan.members) await mine();
  }

  // Payments among the members, chained on their account boxes.
  const random = new Random(plan.seed, "bench:indexer payments");
  const next = () => random.next();
  const pick = () => random.int(plan.members);
  const floor = POLICY.collateralNanoErg + MIN_BOX_VALUE + DEFAULT_FEE;
  for (let n = 0; n < plan.payments; n++) {
    let payer = pick();
    while (accounts[payer]!.value < floor) payer = (payer + 1) % plan.members;
    const payees = new Set<number>();
    const legs = next() < 0.1 ? 2 : 1;
    while (payees.size < legs) {
      const payee = pick();
      if (payee !== payer) payees.add(payee);
    }
    const order = [...payees];
    const tx = add("payment", pay(
      { payer: accounts[payer]!, payees: order.map((p) => ({ account: accounts[p]!, amountUnits: 1n + BigInt(Math.floor(next() * 100)) })) },
      { height: height() },
    ));
    [payer, ...order].forEach((member, i) => (accounts[member] = tx.outputs[i]!));
    if ((n + 1) % plan.paymentsPerBlock === 0 || n + 1 === plan.payments) await mine();
  }
  out.end();
  await once(out, "finish");
  return { ...plan, blocks: height(), transactions: counts, communityId, firstTimestamp: START_MS, lastTimestamp: tip!.timestamp };
}
