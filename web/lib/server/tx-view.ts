/**
 * A transaction as the explorer shows it: every box decoded by the contracts' decoders (account,
 * community, miner fee, or anything else), and for each LETS account it touches, the balance
 * before and after. Pure: boxes and payment legs in, a view out.
 */
import { decodeEscrow } from "$contracts/escrow/escrow.ts";
import type { Box } from "@fleet-sdk/common";
import { ErgoAddress, FEE_CONTRACT } from "@fleet-sdk/core";
import { decodeAccount, decodeCommunity } from "$contracts/index.ts";
import { BATCH_ERGO_TREE } from "$contracts/scripts.ts";
import { legDelta } from "./leg-delta.ts";
import { ownerAddress } from "$ergo/addresses.ts";
import type { IndexedBox, PaymentLeg, Transaction } from "./indexer-types.ts";
import { addressNetwork, type NetworkName } from "$ergo/network.ts";

/** A box as the transaction page shows it: an account, a community, the miner fee or anything else, decoded. */
export type DescribedBox =
  | {
      kind: "account"; boxId: string; valueNanoErg: bigint; accountId: string; communityId: string; owner: string;
      ownerAddress: string | undefined; balance: bigint; creditLimit: bigint; positiveCap: bigint; joinedHeight: bigint; lastActiveHeight: bigint;
    }
  | {
      kind: "community"; boxId: string; valueNanoErg: bigint; communityId: string; name: string; symbol: string; decimals: number;
      membersJoined: bigint; communityBalance: bigint; seatsLeft: bigint;
    }
  | { kind: "fee"; boxId: string; valueNanoErg: bigint }
  /** A batch box (contract version 5, docs/batches.md): spent first by a batch settlement, whose script checks the whole batch. */
  | { kind: "batch"; boxId: string; valueNanoErg: bigint }
  /** An escrow box (contract version 7, docs/escrow.md): idle, or holding an order (an open box's id is the order's id). */
  | {
      kind: "escrow"; boxId: string; valueNanoErg: bigint; escrowId: string; communityId: string; balance: bigint;
      order: { max: bigint; minimum: bigint; deadline: bigint; payerId: string; payeeId: string } | null;
    }
  | { kind: "other"; boxId: string; valueNanoErg: bigint; address: string | undefined; tokens: { tokenId: string; amount: bigint }[] };

/** What a box is, decoded. */
export function describeBox(box: Box<bigint>, network: NetworkName): DescribedBox {
  const base = { boxId: box.boxId, valueNanoErg: box.value };
  const account = decodeAccount(box);
  if (account.ok) {
    const a = account.value;
    return {
      kind: "account", ...base, accountId: a.accountId, communityId: a.communityId, owner: a.owner, ownerAddress: ownerAddress(a.owner, network),
      balance: a.balance, creditLimit: a.terms.creditLimit, positiveCap: a.terms.positiveCap, joinedHeight: a.terms.joinedHeight, lastActiveHeight: a.lastActiveHeight,
    };
  }
  const community = decodeCommunity(box);
  if (community.ok) {
    const c = community.value;
    return {
      kind: "community", ...base, communityId: c.communityId, name: c.metadata.name, symbol: c.metadata.symbol, decimals: c.metadata.decimals,
      membersJoined: c.membersJoined, communityBalance: c.communityBalance, seatsLeft: c.seatsLeft,
    };
  }
  const escrow = decodeEscrow(box);
  if (escrow.ok) {
    const e = escrow.value;
    const order = e.order && { max: e.order.max, minimum: e.order.minimum, deadline: e.order.deadline, payerId: e.order.payerId, payeeId: e.order.payeeId };
    return { kind: "escrow", ...base, escrowId: e.escrowId, communityId: e.communityId, balance: e.balance, order };
  }
  if (box.ergoTree === FEE_CONTRACT) return { kind: "fee", ...base };
  if (box.ergoTree === BATCH_ERGO_TREE) return { kind: "batch", ...base };
  let address: string | undefined;
  try {
    address = ErgoAddress.fromErgoTree(box.ergoTree, addressNetwork(network)).encode();
  } catch {
    address = undefined;
  }
  return { kind: "other", ...base, address, tokens: box.assets.map((a) => ({ tokenId: a.tokenId, amount: a.amount })) };
}

export interface AccountChange {
  accountId: string;
  /** Undefined for an account the transaction opened. */
  before: bigint | undefined;
  /** Undefined for an account the transaction closed (a leave or default). */
  after: bigint | undefined;
}

/**
 * Each account output's balance before and after. The before is the spent account box's balance
 * when it is known (`spent`, decoded from the node or the indexer): exact whatever the transaction
 * charged (an economics community's usage fee, demurrage and allowance, a sweep's demurrage);
 * else it is derived from the payment legs. An account whose id is one of the inputs' box ids was
 * opened here: a join spends the community box whose id becomes the new account's id.
 */
export function accountChanges(
  outputs: readonly DescribedBox[], legs: readonly PaymentLeg[], inputBoxIds: readonly string[], spent: readonly (DescribedBox | undefined)[] = [],
): AccountChange[] {
  return outputs.flatMap((o): AccountChange[] => {
    if (o.kind !== "account") return [];
    if (inputBoxIds.includes(o.accountId)) return [{ accountId: o.accountId, before: undefined, after: o.balance }];
    const input = spent.find((i): i is Extract<DescribedBox, { kind: "account" }> => i?.kind === "account" && i.accountId === o.accountId);
    const delta = legs.reduce((sum, l) => sum + legDelta(o.accountId, l), 0n);
    return [{ accountId: o.accountId, before: input ? input.balance : o.balance - delta, after: o.balance }];
  });
}

/**
 * A box as the indexer decoded it, in the page's shape: for spent inputs a node without the extra
 * index no longer serves. A community box's value is its treasury.
 */
export function fromIndexedBox(box: IndexedBox, network: NetworkName): DescribedBox {
  if (box.kind === "account") {
    return {
      kind: "account", boxId: box.boxId, valueNanoErg: box.valueNanoErg, accountId: box.accountId, communityId: box.communityId, owner: box.owner,
      ownerAddress: ownerAddress(box.owner, network), balance: box.balance, creditLimit: box.creditLimit, positiveCap: box.positiveCap,
      joinedHeight: BigInt(box.joinedHeight), lastActiveHeight: BigInt(box.lastActiveHeight),
    };
  }
  return {
    kind: "community", boxId: box.boxId, valueNanoErg: box.treasuryNanoErg, communityId: box.communityId, name: box.metadata.name,
    symbol: box.metadata.symbol, decimals: box.metadata.decimals, membersJoined: box.membersJoined, communityBalance: box.communityBalance,
    seatsLeft: box.seatsLeft,
  };
}

/** The indexer's legs in the shape of the payments tables. */
export const legsOf = (tx: Transaction): PaymentLeg[] =>
  tx.legs.map((l) => ({ ...l, txId: tx.txId, height: tx.height, timestamp: tx.timestamp, communityId: tx.communityId, memo: tx.memo, requestId: tx.requestId }));

/** The accounts a transaction closed (no output box of theirs), with the balance they had: 0 after a leave, the debt after a default. */
export const closedAccounts = (tx: Transaction): AccountChange[] =>
  tx.accounts.filter((a) => a.closed).map((a) => ({ accountId: a.accountId, before: a.balanceBefore ?? undefined, after: undefined }));

/**
 * An owner's top-up (more ERG, a profile, or both): every account box made again from its own
 * spent box with the same balance, and no community box. A payment not yet indexed has no legs
 * but changes balances, so it is not one.
 */
export function isTopUp(outputs: readonly DescribedBox[], spent: readonly (DescribedBox | undefined)[]): boolean {
  const accounts = outputs.filter((o) => o.kind === "account");
  if (accounts.length === 0 || outputs.some((o) => o.kind === "community")) return false;
  return accounts.every((o) => spent.some((i) => i?.kind === "account" && i.accountId === o.accountId && i.balance === o.balance));
}

export type TxKind = "create" | "join" | "payment" | "leave" | "default" | "close" | "govern" | "refresh" | "top-up" | "community update" | "batch" | "other";

/** What the transaction did, from its decoded outputs (and the inputs it spent, where known), its legs, and the community's genesis. */
export function transactionKind(
  txId: string, outputs: readonly DescribedBox[], legs: readonly PaymentLeg[], changes: readonly AccountChange[], genesisTxId?: string,
  spent: readonly (DescribedBox | undefined)[] = [],
): TxKind {
  if (genesisTxId === txId) return "create";
  // A batch settlement the indexer has not seen yet (in the mempool) spends a batch box first, and
  // settlers make the next one beside the accounts (the first input is often unconfirmed itself, so
  // the node no longer serves it once spent in the pool).
  if (spent[0]?.kind === "batch" || (outputs.some((o) => o.kind === "batch") && outputs.some((o) => o.kind === "account"))) return "batch";
  if (legs.length > 0) return "payment";
  if (changes.some((c) => c.before === undefined)) return "join";
  if (isTopUp(outputs, spent)) return "top-up";
  // A community box without accounts: a member left, an account was closed as defaulted, or the committee governed.
  if (outputs.some((o) => o.kind === "community") && !outputs.some((o) => o.kind === "account")) return "community update";
  return "other";
}
