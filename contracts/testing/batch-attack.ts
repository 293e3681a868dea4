/**
 * Helpers for the batch attack specs (contracts/attacks/batch-*.spec.ts, contract version 5): a
 * plain community whose members sign payment orders, the builder's settlement of a plan, and edits
 * of what the batch box reads (its context variables, decoded and re-encoded whole) and of the
 * accounts' successors, so each attack is the builder's batch with one thing changed.
 */
import { concatBytes, type Box } from "@fleet-sdk/common";
import { blake2b256, hex, randomBytes } from "@fleet-sdk/crypto";
import { decode, SBigInt, SColl, SGroupElement, SInt, SLong } from "@fleet-sdk/serializer";
import { secp256k1 } from "@noble/curves/secp256k1";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { Address, verify_signature } from "ergo-lib-wasm-nodejs";
import { withOwned } from "../../ergo/wasm.ts";
import { accountSuccessorRegisters, type Account } from "../account/account.ts";
import { DEFAULT_FEE } from "../builders/common.ts";
import type { Policy } from "../community/community.ts";
import { planSettlement, settle, type SettlementPlan } from "../builders/settle.ts";
import { ORDER_TAG, signOrder, uncheckedOrderMessage, type PaymentOrder, type SignedOrder } from "../orders.ts";
import { longConstant, readLong } from "../registers.ts";
import { BATCH_ERGO_TREE, MIN_BOX_VALUE } from "../scripts.ts";
import { Fixture } from "./community-fixture.ts";
import { ergoWallet } from "./ergo-lib.ts";
import { edit, type Output, type Tx } from "./tx-edit.ts";
import type { Member, World } from "./world.ts";

const Point = secp256k1.ProjectivePoint;
const N = secp256k1.CURVE.n;

/** What the batch box reads from its context variables 0..14 (batch.es), decoded. */
export interface BatchVars {
  n: number;
  payers: number[];
  payees: number[];
  amounts: bigint[];
  expiries: bigint[];
  /** Compressed points, hex. */
  commitments: string[];
  responses: bigint[];
  offsets: number[];
  sentSums: bigint[];
  byPayee: number[];
  inverse: number[];
  receivedSums: bigint[];
  sent: bigint[];
  received: bigint[];
  counts: number[];
}

const FIELDS = [
  "n", "payers", "payees", "amounts", "expiries", "commitments", "responses", "offsets", "sentSums",
  "byPayee", "inverse", "receivedSums", "sent", "received", "counts",
] as const satisfies readonly (keyof BatchVars)[];

const INTS = new Set<string>(["payers", "payees", "offsets", "byPayee", "inverse", "counts"]);
const LONGS = new Set<string>(["amounts", "expiries", "sentSums", "receivedSums", "sent", "received"]);

/** The batch variables of `tx` (its input 0). */
export function readVars(tx: Tx): BatchVars {
  const extension = tx.inputs[0]!.extension as Record<string, string | undefined>;
  const value = (id: number) => {
    const constant = decode(extension[String(id)]);
    if (!constant) throw new Error(`batch variable ${id} is missing`);
    return constant.data as unknown;
  };
  const vars = Object.fromEntries(FIELDS.map((name, id) => [name, value(id)])) as Record<string, unknown>;
  vars.commitments = (vars.commitments as Uint8Array[]).map((p) => hex.encode(p));
  return vars as unknown as BatchVars;
}

/** The context variables for `vars`. */
export function encodeVars(vars: BatchVars): Record<string, string> {
  const out: Record<string, string> = {};
  FIELDS.forEach((name, id) => {
    if (name === "n") out[id] = SInt(vars.n).toHex();
    else if (name === "commitments") out[id] = SColl(SGroupElement, vars.commitments.map((c) => hex.decode(c))).toHex();
    else if (name === "responses") out[id] = SColl(SBigInt, vars.responses).toHex();
    else if (INTS.has(name)) out[id] = SColl(SInt, vars[name] as number[]).toHex();
    else if (LONGS.has(name)) out[id] = SColl(SLong, vars[name] as bigint[]).toHex();
  });
  return out;
}

/** A copy of `tx` whose batch variables are changed by `change` (outputs untouched). */
export function withVars(tx: Tx, change: (vars: BatchVars) => void): Tx {
  return edit(tx, (draft) => {
    const vars = readVars(draft);
    change(vars);
    draft.inputs[0] = { ...draft.inputs[0]!, extension: encodeVars(vars) } as Tx["inputs"][number];
  });
}

/** A Long register of an account output (R5 balance, R8 lastActive, R9 nextSeq). */
export const longOf = (out: Output, name: "R5" | "R8" | "R9"): bigint => readLong(name, out.additionalRegisters[name]);

/** Adds `delta` to a Long register of `out`. */
export function addLong(out: Output, name: "R5" | "R8" | "R9", delta: bigint): void {
  out.additionalRegisters = { ...out.additionalRegisters, [name]: longConstant(longOf(out, name) + delta) };
}

/** Writes a Long register of `out`. */
export function setLongReg(out: Output, name: "R5" | "R8" | "R9", value: bigint): void {
  out.additionalRegisters = { ...out.additionalRegisters, [name]: longConstant(value) };
}

/** The secret key of a world member (32 bytes). */
export const secretOf = (m: Member): Uint8Array => m.party.key.privateKey as Uint8Array;

/** `plan` with its balances recomputed from its accounts and legs (after an edit of the legs). */
export function rebalanced(plan: SettlementPlan): SettlementPlan {
  const balances = plan.accounts.map((a) => a.balance);
  for (const leg of plan.legs) {
    balances[leg.payer]! -= leg.order.amount;
    balances[leg.payee]! += leg.order.amount;
  }
  return { ...plan, balances };
}

/**
 * A plain community (alice, bob, carol, dave, mallory by default, or the members of an existing
 * `fixture` by name) and a settler with a wallet.
 */
export function batchSetup(opts: { members?: string[]; policy?: Policy; fixture?: Fixture } = {}) {
  const names = opts.fixture ? opts.fixture.members.map((m) => m.name) : (opts.members ?? ["alice", "bob", "carol", "dave", "mallory"]);
  const f = opts.fixture ?? new Fixture({ members: names, ...(opts.policy ? { policy: opts.policy } : {}) });
  const w = f.world;
  const settler = w.member("settler");
  /** An unsigned order from `from` to `to`, by default the payer's next and valid for 100 blocks. */
  const order = (from: string, to: string, amount: bigint, fields: Partial<PaymentOrder> = {}): PaymentOrder => ({
    communityId: f.communityId,
    payer: f.account(from).accountId,
    payee: f.account(to).accountId,
    amount,
    seq: f.account(from).nextSeq!,
    expiry: BigInt(w.height + 100),
    ...fields,
  });
  /** The same order signed by its payer (or by `signer`). */
  const signed = (from: string, to: string, amount: bigint, fields: Partial<PaymentOrder> = {}, signer = from): SignedOrder =>
    signOrder(order(from, to, amount, fields), secretOf(f.member(signer)));
  const boxes = (accounts: string[] = names) => accounts.map((n) => f.account(n).box);
  /** planSettlement over `accounts` (every member by default), refusing nothing. */
  const plan = (orders: SignedOrder[], accounts?: string[]): SettlementPlan => {
    const p = planSettlement(boxes(accounts), orders, w.height);
    if (p.refused.length > 0) throw new Error(`plan refused: ${p.refused.map((r) => r.error.message).join("; ")}`);
    return p;
  };
  const verifier = (creationHeight = w.height): Box<string> => w.addBox({ ergoTree: BATCH_ERGO_TREE, value: MIN_BOX_VALUE, creationHeight });
  /** The builder's settlement of `p` spending `box` (a fresh batch box by default). */
  const build = (p: SettlementPlan, box: Box<string> = verifier()): Tx =>
    settle({ verifier: box, plan: p }, { height: w.height, wallet: w.wallet(settler) });
  /** Index of the successor of `name` among the outputs (= its input index - 1). */
  const at = (p: SettlementPlan, name: string): number => {
    const index = p.accounts.findIndex((a) => a.accountId === f.account(name).accountId);
    if (index < 0) throw new Error(`${name} is not in the batch`);
    return index;
  };
  return { f, w, settler, signers: [settler], order, signed, boxes, plan, verifier, build, at };
}

export type BatchSetup = ReturnType<typeof batchSetup>;

/** The order message with any tag and any Long fields (negative amounts too), unchecked. */
export function rawOrderMessage(o: PaymentOrder, tag: string = ORDER_TAG): Uint8Array {
  return uncheckedOrderMessage(o, tag);
}

const toScalar = (bytes: Uint8Array) => BigInt(`0x${hex.encode(bytes)}`);
const mod = (x: bigint) => ((x % N) + N) % N;

/** The batch contract's challenge: the last 31 bytes of blake2b256(a ‖ message ‖ key). */
export const challengeOf = (commitment: Uint8Array, message: Uint8Array, key: Uint8Array): bigint =>
  toScalar(blake2b256(concatBytes(commitment, message, key)).slice(1));

/**
 * The order scheme's Schnorr signature on any `message` with secret `sk` (a scalar), the response
 * reduced mod n; `accept` may refuse a draw (e.g. to want a response at or above 2^255).
 */
export function schnorrSign(message: Uint8Array, sk: bigint, accept: (z: bigint) => boolean = (z) => z < 1n << 255n) {
  const key = Point.BASE.multiply(sk).toRawBytes(true);
  for (;;) {
    const r = mod(toScalar(randomBytes(32)));
    if (r === 0n) continue;
    const a = Point.BASE.multiply(r).toRawBytes(true);
    const z = mod(r + sk * challengeOf(a, message, key));
    if (accept(z)) return { commitment: hex.encode(a), response: z };
  }
}

/** `o` signed over a message of another form (another tag, or any bytes), by the payer's key. */
export function signedOver(o: PaymentOrder, message: Uint8Array, secret: Uint8Array): SignedOrder {
  return { ...o, signature: schnorrSign(message, toScalar(secret)) };
}

/** A leg whose order is `o` (fields and signature) in a copy of `plan`, balances recomputed. */
export function withOrder(plan: SettlementPlan, leg: number, o: SignedOrder): SettlementPlan {
  const legs = plan.legs.map((l, j) => (j === leg ? { ...l, order: o } : l));
  return rebalanced({ ...plan, legs });
}

/** `box` as an output: the same value, script, tokens and registers, created at `height`. */
export function copyOut(box: Box<string>, height: number): Output {
  return { value: box.value, ergoTree: box.ergoTree, creationHeight: height, assets: box.assets, additionalRegisters: box.additionalRegisters };
}

/** A copy of `tx` that also spends `box` as input `input` and recreates it unchanged as output `output`. */
export function withPassenger(tx: Tx, box: Box<string>, input: number, output: number, height: number): Tx {
  return edit(tx, (d) => {
    d.inputs.splice(input, 0, { ...box, extension: {} } as Tx["inputs"][number]);
    d.outputs.splice(output, 0, copyOut(box, height));
  });
}

/** Moves the world to `height` (the next block is `height + 1`). */
export function mineTo(w: World, height: number): void {
  if (height < w.height) throw new Error(`the world is already at ${w.height}`);
  w.mine(height - w.height);
}

/**
 * A signature of `member` over `message` in Ergo's own scheme (the wallets' signMessage: the
 * challenge from the sigma tree and the message), rewritten as an order signature (a, z) with
 * a = g^z · key^-e, so that it satisfies the Schnorr equation for the challenge Ergo used.
 */
export function ergoMessageSignature(member: Member, message: Uint8Array): { commitment: string; response: bigint } {
  const key = Point.fromHex(hex.encode(member.party.key.publicKey));
  for (;;) {
    const proof = withOwned((own) => {
      const address = own(Address.from_base58(member.address));
      const bytes = ergoWallet([secretOf(member)], own).sign_message_using_p2pk(address, message);
      if (!verify_signature(address, message, bytes)) throw new Error("ergo-lib made an invalid signature");
      return bytes;
    });
    const e = toScalar(proof.slice(0, 24));
    const z = toScalar(proof.slice(24));
    if (z >= 1n << 255n) continue;
    const a = Point.BASE.multiply(z).add(key.multiply(e).negate());
    return { commitment: hex.encode(a.toRawBytes(true)), response: z };
  }
}

/**
 * The owner's revocation: an owner-signed spend of its own account box that only raises R9
 * (nextSeq) to `nextSeq` and marks activity now, as the payment path allows the owner.
 */
export function revokeTx(w: World, account: Account, owner: Member, nextSeq: bigint): Tx {
  const out = new OutputBuilder(account.valueNanoErg, account.box.ergoTree)
    .addTokens({ tokenId: account.communityId, amount: 1n })
    .setAdditionalRegisters(accountSuccessorRegisters(account, account.balance, BigInt(w.height), undefined, nextSeq));
  const wallet = w.wallet(owner);
  return new TransactionBuilder(w.height)
    .from([account.box, ...wallet.utxos], { ensureInclusion: true })
    .to(out)
    .payFee(DEFAULT_FEE)
    .sendChangeTo(wallet.changeAddress)
    .build()
    .toEIP12Object();
}
