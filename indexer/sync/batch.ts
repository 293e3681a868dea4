/**
 * Pure: a run of consecutive blocks -> the rows they add and the spends they record, as one batch
 * written in one database transaction. Each block is decoded by `applyBlock` against the state
 * before it (the state loaded for the batch with the earlier blocks' changes on top), so the
 * result is exactly what writing the blocks one by one would give: a box created and spent within
 * the batch is inserted once, with its `spent_height` already set, instead of inserted and then
 * updated. The conservation invariant is checked after every block, from the live totals before
 * the batch and each block's changes (`checkBlocks`), except for communities with a compromise
 * flag, whose books are known to be broken.
 */
import { accountRow, communityRow, gatewayRow, lineRow, pendingJson, termsColumns } from "./records.ts";
import type { NewAccountBox, NewBatch, NewBatchBox, NewCommunityBox, NewEconomicsEvent, NewGatewayBox, NewLineBox, NewSettledOrder } from "../db/schema.ts";
import { applyBlock, type ChainBlock } from "./apply-block.ts";
import { addDeskRows, emptyDeskRows, spendDeskRow, type DeskRows } from "./desk-rows.ts";
import { addEscrowRows, emptyEscrowRows, spendEscrowRow, type EscrowRows } from "./escrow-rows.ts";
import { addUnderwritingRows, emptyUnderwritingRows, spendUnderwritingRow, type UnderwritingRows } from "./underwriting-rows.ts";
import { addLoanRows, emptyLoanRows, type LoanRows } from "./loan-rows.ts";
import { addGovernanceRows, emptyGovernanceRows, type GovernanceRows } from "./governance-rows.ts";
import { SyncHalted } from "./halted.ts";
import type { CrossPaymentEvent, EconomicsEvent, LetsEvent, LineEvent, MarketNoteEvent } from "./lets-events.ts";
import type { MemoryLetsState } from "./memory-state.ts";
import { worthOf } from "./payments.ts";
import { batchBoxRow, settlementRows } from "./settlement-rows.ts";

export type BatchBlock = ChainBlock & { header: ChainBlock["header"] & { parentId: string } };

/** What a community's live totals did in one block. */
interface BlockTotals {
  height: number;
  /** Change of the sum of its live balances (an economics account's worth: balance + accrued + unused allowance). */
  balanceDelta: bigint;
  /** Its communityBalance after the block, if its community box changed. */
  communityBalance?: bigint;
}

export interface BatchRows {
  blocks: { height: number; block_id: string; parent_id: string; timestamp: bigint }[];
  communities: { community_id: string; genesis_tx_id: string; created_height: number }[];
  communityBoxes: NewCommunityBox[];
  accountBoxes: NewAccountBox[];
  /** Boxes from before the batch that it spends, with the height. */
  accountSpends: { boxId: string; height: number }[];
  communitySpends: { boxId: string; height: number }[];
  events: { tx_id: string; seq: number; height: number; timestamp: bigint; kind: string; community_id: string; account_id: string | null; amount: bigint | null }[];
  payments: { tx_id: string; leg: number; height: number; timestamp: bigint; community_id: string; payer: string; payee: string; amount: bigint; erg_nano_erg: bigint }[];
  ignored: { box_id: string; tx_id: string; height: number; reason: string }[];
  compromises: { community_id: string; tx_id: string; height: number; kind: string; box_id: string; detail: string }[];
  paymentNotes: { tx_id: string; height: number; community_id: string; payer: string; memo: string | null; request_id: string | null }[];
  profiles: { account_id: string; tx_id: string; height: number; timestamp: bigint; community_id: string; name: string; about: string | null; link: string | null; position: number }[];
  refusedNotes: { tx_id: string; box_id: string; height: number; account_id: string; reason: string; note: string | null }[];
  /** Marketplace notes owners signed, in block order: checked against the database as they are written (market-write.ts). */
  market: MarketNoteEvent[];
  /** The place in its block of each transaction of a block that carries a marketplace note (a review's payment may be earlier in it). */
  positions: Map<string, number>;
  lines: { line_id: string; community_a: string; community_b: string; community_tree_hash: string; tx_id: string; created_height: number }[];
  lineBoxes: NewLineBox[];
  gatewayBoxes: NewGatewayBox[];
  lineSpends: { boxId: string; height: number }[];
  gatewaySpends: { boxId: string; height: number }[];
  lineEvents: (ReturnType<typeof termsColumns> & {
    line_id: string; tx_id: string; seq: number; height: number; timestamp: bigint; kind: string; side: number | null; shard: number | null; box_id: string;
    status: string; paused_a: boolean; paused_b: boolean; pending: string | null;
  })[];
  crossPayments: {
    tx_id: string; leg: number; height: number; timestamp: bigint; payer_community: string; payer: string; debit: bigint;
    payee_community: string; payee: string; received: bigint; line_ids: string;
  }[];
  crossHops: {
    tx_id: string; leg: number; hop: number; height: number; line_id: string; shard: number; from_side: number; from_community: string; to_community: string;
    sent: bigint; sender_fee: bigint; converted: bigint; receiver_fee: bigint; delivered: bigint;
  }[];
  economics: NewEconomicsEvent[];
  /** Batch boxes made, and those from before the batch it spends (contract version 5). */
  batchBoxes: NewBatchBox[];
  batchBoxSpends: { boxId: string; height: number }[];
  /** Settlements and the orders they carried. */
  settlements: NewBatch[];
  settledOrders: NewSettledOrder[];
  /** Exchange desks: their boxes, trades, events and the oracle pool boxes they read (desk-rows.ts). */
  desk: DeskRows;
  /** Escrows: their boxes, openings, closings, and the orders committed and settled (escrow-rows.ts). */
  escrow: EscrowRows;
  /** Underwriting: its boxes, offers and what each transaction did to each stake (underwriting-rows.ts). */
  underwriting: UnderwritingRows;
  /** ERG loans: their boxes, bonds and events, outside the books (loan-rows.ts). */
  loan: LoanRows;
  /** Member governance: the switch, proposals, votes and outcomes, outside the books (governance-rows.ts). */
  governance: GovernanceRows;
}

export interface BatchPlan {
  rows: BatchRows;
  /** Communities whose totals some block changed, each with its per-block changes in order. */
  totals: Map<string, BlockTotals[]>;
  /** Communities flagged by a compromise in the batch, with the height of the first. */
  compromised: Map<string, number>;
}

const communityOf = (e: LetsEvent) => ("communityId" in e ? e.communityId : e.community.communityId);

/** The `events` columns an event fills. */
function eventColumns(event: LetsEvent): { account_id: string | null; amount: bigint | null } {
  switch (event.kind) {
    case "create":
    case "govern":
    case "refresh":
      return { account_id: null, amount: null };
    case "join":
      return { account_id: event.account.accountId, amount: null };
    case "leave":
      return { account_id: event.accountId, amount: null };
    case "default":
      return { account_id: event.accountId, amount: event.debt };
    case "close":
      return { account_id: event.accountId, amount: event.balance };
    case "payment":
      return { account_id: event.payer, amount: event.payees.reduce((s, p) => s + p.amount, 0n) };
    case "sweep":
      return { account_id: null, amount: event.collected };
    case "batch":
      return { account_id: null, amount: event.orders.reduce((s, o) => s + o.amount, 0n) };
  }
}

/** Rows of a block's line events and cross payments; cross payments' legs follow the transaction's local legs (`legs`). */
function addLineRows(rows: BatchRows, block: BatchBlock, lineEvents: LineEvent[], cross: CrossPaymentEvent[], legs: Map<string, number>, noted: Set<string>): void {
  const { height } = block.header;
  const timestamp = BigInt(block.header.timestamp);
  const seq = new Map<string, number>();
  for (const e of lineEvents) {
    const key = `${e.line.lineId} ${e.site.txId}`;
    const n = seq.get(key) ?? 0;
    seq.set(key, n + 1);
    const l = e.line;
    rows.lineEvents.push({
      line_id: l.lineId, tx_id: e.site.txId, seq: n, height, timestamp, kind: e.kind, side: e.side, shard: e.shard, box_id: l.boxId, status: l.status,
      paused_a: l.pausedA, paused_b: l.pausedB, pending: pendingJson(l.pending), ...termsColumns(l.terms),
    });
    if (e.kind === "proposed") {
      rows.lines.push({ line_id: l.lineId, community_a: l.communityA, community_b: l.communityB, community_tree_hash: l.communityTreeHash, tx_id: e.site.txId, created_height: height });
    }
  }
  for (const c of cross) {
    const leg = legs.get(c.site.txId) ?? 0;
    legs.set(c.site.txId, leg + 1);
    rows.crossPayments.push({
      tx_id: c.site.txId, leg, height, timestamp, payer_community: c.payerCommunity, payer: c.payer, debit: c.debit,
      payee_community: c.payeeCommunity, payee: c.payee, received: c.received, line_ids: c.hops.map((h) => h.lineId).join(","),
    });
    c.hops.forEach((h, hop) => rows.crossHops.push({
      tx_id: c.site.txId, leg, hop, height, line_id: h.lineId, shard: h.shard, from_side: h.from, from_community: h.fromCommunity, to_community: h.toCommunity,
      sent: h.sent, sender_fee: h.senderFee, converted: h.converted, receiver_fee: h.receiverFee, delivered: h.delivered,
    }));
    if ((c.memo !== undefined || c.requestId !== undefined) && !noted.has(c.site.txId)) {
      noted.add(c.site.txId);
      rows.paymentNotes.push({ tx_id: c.site.txId, height, community_id: c.payerCommunity, payer: c.payer, memo: c.memo ?? null, request_id: c.requestId ?? null });
    }
  }
}

/** Adds the rows of a block's events; returns the number of payment legs of each transaction and the transactions with a note. */
function addEvents(rows: BatchRows, block: BatchBlock, events: LetsEvent[]): { legs: Map<string, number>; noted: Set<string> } {
  const { height } = block.header;
  const timestamp = BigInt(block.header.timestamp);
  const seq = new Map<string, number>();
  // Legs are numbered across the transaction: one that pays in two communities has two payment events.
  const legs = new Map<string, number>();
  const noted = new Set<string>();
  for (const e of events) {
    const n = seq.get(e.site.txId) ?? 0;
    seq.set(e.site.txId, n + 1);
    rows.events.push({ tx_id: e.site.txId, seq: n, height, timestamp, kind: e.kind, community_id: communityOf(e), ...eventColumns(e) });
    if (e.kind === "create") rows.communities.push({ community_id: e.community.communityId, genesis_tx_id: e.site.txId, created_height: height });
    if (e.kind === "payment" && (e.memo !== undefined || e.requestId !== undefined)) {
      rows.paymentNotes.push({ tx_id: e.site.txId, height, community_id: e.communityId, payer: e.payer, memo: e.memo ?? null, request_id: e.requestId ?? null });
      noted.add(e.site.txId);
    }
    if (e.kind === "payment") {
      const first = legs.get(e.site.txId) ?? 0;
      legs.set(e.site.txId, first + e.payees.length);
      e.payees.forEach((p, i) =>
        rows.payments.push({ tx_id: e.site.txId, leg: first + i, height, timestamp, community_id: e.communityId, payer: e.payer, payee: p.accountId, amount: p.amount, erg_nano_erg: p.ergNanoErg ?? 0n }),
      );
    }
    if (e.kind === "batch") {
      // Each order settled is a payment leg from its payer to its payee.
      const first = legs.get(e.site.txId) ?? 0;
      legs.set(e.site.txId, first + e.orders.length);
      e.orders.forEach((o, i) =>
        rows.payments.push({ tx_id: e.site.txId, leg: first + i, height, timestamp, community_id: e.communityId, payer: o.payer, payee: o.payee, amount: o.amount, erg_nano_erg: 0n }),
      );
      const { batch, orders } = settlementRows(e, timestamp, first);
      rows.settlements.push(batch);
      rows.settledOrders.push(...orders);
    }
  }
  return { legs, noted };
}

/** The `economics_events` rows of a block's economics events. */
export const economicsRows = (events: readonly EconomicsEvent[], timestamp: bigint): NewEconomicsEvent[] =>
  events.map((e) => ({
    tx_id: e.site.txId, account_id: e.accountId, height: e.site.height, timestamp, community_id: e.communityId, kind: e.kind, fee: e.fee,
    demurrage: e.demurrage, allowance_used: e.allowanceUsed, allowance_issued: e.allowanceIssued, allowance_returned: e.allowanceReturned, collected: e.collected,
  }));

/** Rows of a batch that adds nothing yet. */
export function emptyBatchRows(): BatchRows {
  return {
    blocks: [], communities: [], communityBoxes: [], accountBoxes: [], accountSpends: [], communitySpends: [], events: [], payments: [], ignored: [], compromises: [],
    paymentNotes: [], profiles: [], refusedNotes: [], market: [], positions: new Map(), lines: [], lineBoxes: [], gatewayBoxes: [], lineSpends: [], gatewaySpends: [],
    lineEvents: [], crossPayments: [], crossHops: [], economics: [], batchBoxes: [], batchBoxSpends: [], settlements: [], settledOrders: [], desk: emptyDeskRows(), escrow: emptyEscrowRows(), underwriting: emptyUnderwritingRows(), loan: emptyLoanRows(), governance: emptyGovernanceRows(),
  };
}

/**
 * Applies `blocks` in order on `state` (the live boxes the batch reads, loaded before it; it ends
 * holding the state after the last block) and plans the rows.
 */
export function planBatch(blocks: readonly BatchBlock[], state: MemoryLetsState): BatchPlan {
  const rows = emptyBatchRows();
  const totals = new Map<string, BlockTotals[]>();
  const compromised = new Map<string, number>();
  const newAccounts = new Map<string, NewAccountBox>();
  const newCommunities = new Map<string, NewCommunityBox>();
  const newLines = new Map<string, NewLineBox>();
  const newGateways = new Map<string, NewGatewayBox>();
  const newBatchBoxes = new Map<string, NewBatchBox>();
  for (const block of blocks) {
    const { height } = block.header;
    const changes = applyBlock(block, state);
    const txOf = new Map(block.transactions.flatMap((t) => t.outputs.map((o) => [o.boxId, t.id] as const)));
    const delta = new Map<string, BlockTotals>();
    const totalsOf = (communityId: string) => delta.get(communityId) ?? delta.set(communityId, { height, balanceDelta: 0n }).get(communityId)!;
    for (const boxId of changes.spent) {
      if (state.batchBox(boxId)) {
        const created = newBatchBoxes.get(boxId);
        if (created) created.spent_height = height;
        else rows.batchBoxSpends.push({ boxId, height });
        continue;
      }
      // A desk is a member: its balance is in the books (docs/desk.md).
      const desk = spendDeskRow(rows.desk, state, boxId, height);
      if (desk) {
        totalsOf(desk.communityId).balanceDelta -= desk.balance;
        continue;
      }
      // So is an escrow (docs/escrow.md).
      const escrow = spendEscrowRow(rows.escrow, state, boxId, height);
      if (escrow) {
        totalsOf(escrow.communityId).balanceDelta -= escrow.balance;
        continue;
      }
      // An underwriting box holds no unit: it is outside the books (docs/underwriting.md).
      if (spendUnderwritingRow(rows.underwriting, state, boxId, height)) continue;
      const gateway = state.gateway(boxId);
      if (gateway || state.line(boxId)) {
        if (gateway) totalsOf(gateway.communityId).balanceDelta -= gateway.balance;
        const created = newGateways.get(boxId) ?? newLines.get(boxId);
        if (created) created.spent_height = height;
        else (gateway ? rows.gatewaySpends : rows.lineSpends).push({ boxId, height });
        continue;
      }
      const account = state.account(boxId);
      if (account) totalsOf(account.communityId).balanceDelta -= worthOf(account);
      const created = newAccounts.get(boxId) ?? newCommunities.get(boxId);
      if (created) created.spent_height = height;
      else (account ? rows.accountSpends : rows.communitySpends).push({ boxId, height });
    }
    for (const account of changes.accounts) {
      totalsOf(account.communityId).balanceDelta += worthOf(account);
      const row = accountRow(account, txOf.get(account.boxId) ?? "", height);
      newAccounts.set(account.boxId, row);
      rows.accountBoxes.push(row);
    }
    for (const community of changes.communities) {
      totalsOf(community.communityId).communityBalance = community.communityBalance;
      const row = communityRow(community, txOf.get(community.boxId) ?? "", height);
      newCommunities.set(community.boxId, row);
      rows.communityBoxes.push(row);
    }
    for (const gateway of changes.gateways) {
      totalsOf(gateway.communityId).balanceDelta += gateway.balance;
      const row = gatewayRow(gateway, txOf.get(gateway.boxId) ?? "", height);
      newGateways.set(gateway.boxId, row);
      rows.gatewayBoxes.push(row);
    }
    for (const box of changes.batchBoxes) {
      const row = batchBoxRow(box, txOf.get(box.boxId) ?? "", height);
      newBatchBoxes.set(box.boxId, row);
      rows.batchBoxes.push(row);
    }
    for (const line of changes.lines) {
      const row = lineRow(line, txOf.get(line.boxId) ?? "", height);
      newLines.set(line.boxId, row);
      rows.lineBoxes.push(row);
    }
    for (const desk of changes.desks) totalsOf(desk.communityId).balanceDelta += desk.balance;
    addDeskRows(rows.desk, changes, height, BigInt(block.header.timestamp), txOf);
    for (const escrow of changes.escrows) totalsOf(escrow.communityId).balanceDelta += escrow.balance;
    addEscrowRows(rows.escrow, changes, height, BigInt(block.header.timestamp), txOf);
    addUnderwritingRows(rows.underwriting, changes, height, BigInt(block.header.timestamp), txOf);
    addLoanRows(rows.loan, block, state.loans);
    addGovernanceRows(rows.governance, block, state.governance, changes.communities);
    for (const e of changes.events) totalsOf(communityOf(e));
    state.apply(changes);
    rows.blocks.push({ height, block_id: block.header.id, parent_id: block.header.parentId, timestamp: BigInt(block.header.timestamp) });
    const { legs, noted } = addEvents(rows, block, changes.events);
    addLineRows(rows, block, changes.lineEvents, changes.crossPayments, legs, noted);
    rows.economics.push(...economicsRows(changes.economics, BigInt(block.header.timestamp)));
    rows.ignored.push(...changes.ignored.map((i) => ({ box_id: i.boxId, tx_id: i.txId, height, reason: i.reason })));
    for (const p of changes.profiles) {
      const { name, about, link } = p.profile;
      rows.profiles.push({ account_id: p.accountId, tx_id: p.site.txId, height, timestamp: BigInt(block.header.timestamp), community_id: p.communityId, name, about: about ?? null, link: link ?? null, position: p.position });
    }
    rows.refusedNotes.push(...changes.refusedNotes.map((r) => ({ tx_id: r.txId, box_id: r.boxId, height, account_id: r.accountId, reason: r.reason, note: r.note ?? null })));
    rows.market.push(...changes.market);
    if (changes.market.length > 0) block.transactions.forEach((t, position) => rows.positions.set(t.id, position));
    for (const c of changes.compromises) {
      rows.compromises.push({ community_id: c.communityId, tx_id: c.txId, height, kind: c.kind, box_id: c.boxId, detail: c.detail });
      if (!compromised.has(c.communityId)) compromised.set(c.communityId, height);
    }
    for (const [communityId, t] of delta) totals.set(communityId, [...(totals.get(communityId) ?? []), t]);
  }
  return { rows, totals, compromised };
}

/** Live totals of a community before the batch. */
export interface LiveTotals {
  /** Sum of the live balances of its accounts (an economics account's worth), its gateways, its desk and its escrows. */
  balances: bigint;
  communityBalance: bigint;
}

/**
 * Checks `sum(balances) + communityBalance = 0` (balances of accounts and gateways; with economics, accounts' worths:
 * `sum(balances) + sum(accrued) + sum(unused allowances) + communityBalance = 0`) after every block of the batch for every
 * community the block touched, from `totals` (the live totals before the batch; a community
 * missing from it, created in the batch, starts at 0 and 0), which it leaves holding the totals
 * after the batch. A violation in a community without a compromise flag (in `flagged`, or raised
 * by the batch at or before that block) would mean a contract bug: `SyncHalted`. A flagged
 * community's books are known to be broken; its imbalance is served, and the sync goes on.
 */
export function checkBlocks(plan: BatchPlan, totals: Map<string, LiveTotals>, flagged: ReadonlySet<string> = new Set()): void {
  for (const [communityId, blocks] of plan.totals) {
    let { balances, communityBalance } = totals.get(communityId) ?? { balances: 0n, communityBalance: 0n };
    const flaggedFrom = flagged.has(communityId) ? 0 : (plan.compromised.get(communityId) ?? Infinity);
    for (const block of blocks) {
      balances += block.balanceDelta;
      communityBalance = block.communityBalance ?? communityBalance;
      const total = balances + communityBalance;
      if (total !== 0n && block.height < flaggedFrom) throw new SyncHalted(`community ${communityId} at height ${block.height}: sum of balances + communityBalance = ${total}, not 0`);
    }
    totals.set(communityId, { balances, communityBalance });
  }
}
