/**
 * Batch settlements (contract version 5, docs/batches.md). A transaction whose first input is a
 * batch box settles signed payment orders between the accounts at inputs 1..n; its legs are that
 * input's context variables 0..14 (contracts/batch/batch.es). Each order is rebuilt as the batch
 * script checked it: the community and both account ids from the spent accounts (R7), the amount
 * and expiry of its leg, the sequence number `payer's nextSeq + offset`, and the signature. The
 * chain already verified every signature, so nothing is verified here; the order id is the hash of
 * the signed message (`orderId`), the same id the payer's wallet and the API give it.
 */
import type { Box } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { decode } from "@fleet-sdk/serializer";
import { orderId } from "../../contracts/orders.ts";
import type { ChainInput } from "./rent.ts";
import type { AccountRecord, SettledOrder } from "./lets-events.ts";
import { worthOf } from "./payments.ts";

/** What a settlement did, as its legs say. */
export interface Settlement {
  communityId: string;
  orders: SettledOrder[];
  /** The single key the change went to (`08cd` + key), or null. */
  settler: string | null;
}

/** The type of each context variable of the batch input, as the serializer names it. */
const VARIABLE_TYPES = [
  "SInt", "SColl[SInt]", "SColl[SInt]", "SColl[SLong]", "SColl[SLong]", "SColl[SGroupElement]", "SColl[SBigInt]",
  "SColl[SInt]", "SColl[SLong]", "SColl[SInt]", "SColl[SInt]", "SColl[SLong]", "SColl[SLong]", "SColl[SLong]", "SColl[SInt]",
] as const;

/** Variables 0..14 of `input`, decoded, or undefined when one is missing or of another type. */
function variables(input: ChainInput | undefined): unknown[] | undefined {
  const extension = input?.spendingProof?.extension;
  if (!extension) return undefined;
  const values: unknown[] = [];
  for (const [index, type] of VARIABLE_TYPES.entries()) {
    const text = extension[String(index)];
    try {
      const constant = text === undefined ? undefined : decode(text);
      if (constant?.type.toString() !== type) return undefined;
      values.push(constant.data);
    } catch {
      return undefined;
    }
  }
  return values;
}

/** A P2PK output's key as an owner is written (`08cd` + key). */
const P2PK_TREE = /^0008cd(0[23][0-9a-f]{64})$/;

/** The accounts at inputs 1..n: spent plain accounts of one community, or undefined. */
function accountsAt(tx: { inputs: ChainInput[] }, n: number, spent: ReadonlyMap<string, AccountRecord>): AccountRecord[] | undefined {
  const accounts: AccountRecord[] = [];
  for (let a = 1; a <= n; a++) {
    const account = spent.get(tx.inputs[a]?.boxId ?? "");
    if (!account || account.nextSeq === undefined || (a > 1 && account.communityId !== accounts[0]!.communityId)) return undefined;
    accounts.push(account);
  }
  return accounts;
}

/** The orders of the legs in `vars` over `accounts`, or undefined when a leg is out of range. */
function ordersOf(vars: unknown[], accounts: AccountRecord[]): SettledOrder[] | undefined {
  const [, payers, payees, amounts, expiries, commitments, responses, offsets] = vars as [number, number[], number[], bigint[], bigint[], Uint8Array[], bigint[], number[]];
  if (payers.length < 1 || [payees, amounts, expiries, commitments, responses, offsets].some((column) => column.length !== payers.length)) return undefined;
  const orders: SettledOrder[] = [];
  for (let j = 0; j < payers.length; j++) {
    const payer = accounts[payers[j]! - 1];
    const payee = accounts[payees[j]! - 1];
    if (!payer || !payee) return undefined;
    const order = {
      communityId: payer.communityId, payer: payer.accountId, payee: payee.accountId, amount: amounts[j]!, seq: payer.nextSeq! + BigInt(offsets[j]!),
      expiry: expiries[j]!, signature: { commitment: hex.encode(commitments[j]!), response: responses[j]! },
    };
    try {
      orders.push({ ...order, orderId: orderId(order) });
    } catch {
      return undefined; // out of range: no batch script accepted this
    }
  }
  return orders;
}

/** Whether `orders` explain every account's change: its balance by exactly its legs, its sequence by its orders. */
function explains(orders: readonly SettledOrder[], accounts: readonly AccountRecord[], made: readonly AccountRecord[]): boolean {
  const moved = new Map<string, bigint>();
  for (const o of orders) {
    moved.set(o.payer, (moved.get(o.payer) ?? 0n) - o.amount);
    moved.set(o.payee, (moved.get(o.payee) ?? 0n) + o.amount);
  }
  return accounts.every((before) => {
    const after = made.find((a) => a.accountId === before.accountId && a.communityId === before.communityId);
    const count = BigInt(orders.filter((o) => o.payer === before.accountId).length);
    return after !== undefined && worthOf(after) - worthOf(before) === (moved.get(before.accountId) ?? 0n) && after.nextSeq === before.nextSeq! + count;
  });
}

/**
 * The settlement `tx` makes, given the accounts it spends (by box id), the accounts it makes and its
 * outputs (the accounts' successors first), or undefined when its first input's variables do not
 * describe one over these accounts or do not explain every account's change (then the transaction
 * is read like any other).
 */
export function decodeSettlement(tx: { inputs: ChainInput[] }, spent: ReadonlyMap<string, AccountRecord>, made: readonly AccountRecord[], outputs: readonly Box<bigint>[]): Settlement | undefined {
  const vars = variables(tx.inputs[0]);
  const n = vars?.[0] as number | undefined;
  const accounts = vars && n !== undefined && n >= 1 ? accountsAt(tx, n, spent) : undefined;
  const orders = accounts && ordersOf(vars!, accounts);
  if (!accounts || !orders || !explains(orders, accounts, made)) return undefined;
  const change = outputs.slice(n).map((o) => P2PK_TREE.exec(o.ergoTree)?.[1]).find((key) => key !== undefined);
  return { communityId: accounts[0]!.communityId, orders, settler: change === undefined ? null : `08cd${change}` };
}
