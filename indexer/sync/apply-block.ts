/**
 * Pure: a block plus the LETS state before it -> what the block means (events), how the state
 * changes, and what broke a community's guarantees (compromises). Boxes created and spent in the
 * same block are followed in order. Anything that looks like a LETS box but belongs to no valid
 * community is ignored and reported. A transaction whose first input is a batch box (contract
 * version 5) is a settlement of payment orders (`settlements.ts`): each order a payment leg.
 */
import type { Box } from "@fleet-sdk/common";
import { BATCH_ERGO_TREE } from "../../contracts/scripts.ts";
import { communityEvents } from "./community-events.ts";
import { crossHops, crossPayments } from "./cross-payments.ts";
import { deskActivities, oracleOutputs, spendDesks, type DeskActivity, type DeskRecord, type OracleBoxRecord } from "./desks.ts";
import { economicsEvents } from "./economics.ts";
import { escrowActivities, spendEscrows, type EscrowActivity, type EscrowRecord } from "./escrows.ts";
import type {
  AccountRecord, BatchBoxRecord, BlockChanges, CommunityRecord, Compromise, CrossPaymentEvent, EconomicsEvent, EventSite, GatewayRecord, Ignored, LetsEvent, LetsView, LineEvent,
  LineRecord, MarketNoteEvent, ProfileChange, RefusedNote,
} from "./lets-events.ts";
import { lineEvents, shardRefreshes } from "./line-events.ts";
import { classifyOutputs, type TxInputs } from "./outputs.ts";
import { refuseUnsigned, transactionNotes } from "./notes.ts";
import { paymentEvents, worthDeltas } from "./payments.ts";
import { addErgParts } from "./payment-erg.ts";
import { isRentSpend, rentOutcome, type ChainInput } from "./rent.ts";
import { decodeSettlement } from "./settlements.ts";
import { spendUnderwriting, underwritingActivities, underwritingOutputs, type UnderwritingActivity, type UnderwritingRecord } from "./underwriting.ts";

export type { ChainInput } from "./rent.ts";

/** The parts of a node block `applyBlock` reads (amounts may be number or bigint). */
export interface ChainBlock {
  header: { id: string; height: number; timestamp: number };
  transactions: ChainTransaction[];
}

/** A transaction as blocks and the mempool deliver it. */
export interface ChainTransaction {
  id: string;
  inputs: ChainInput[];
  /** The boxes it reads (a gateway path reads its line). The node always sends them; hand-built test blocks may leave them out. */
  dataInputs?: { boxId: string }[];
  outputs: RawBox[];
}

type RawBox = Omit<Box<bigint>, "value" | "assets"> & {
  value: number | bigint | string;
  assets?: { tokenId: string; amount: number | bigint | string }[];
};

const toBox = (raw: RawBox): Box<bigint> => ({
  ...raw,
  value: BigInt(raw.value),
  assets: (raw.assets ?? []).map((a) => ({ tokenId: a.tokenId, amount: BigInt(a.amount) })),
});

/** Block state: the view before the block with this block's changes on top. */
class Overlay {
  readonly communities = new Map<string, CommunityRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly lines = new Map<string, LineRecord>();
  readonly gateways = new Map<string, GatewayRecord>();
  readonly batchBoxes = new Map<string, BatchBoxRecord>();
  readonly spent = new Set<string>();
  readonly newCommunities = new Set<string>();
  readonly desks = new Map<string, DeskRecord>();
  readonly oracleBoxes = new Map<string, OracleBoxRecord>();
  readonly escrows = new Map<string, EscrowRecord>();
  readonly underwritings = new Map<string, UnderwritingRecord>();

  constructor(private readonly view: LetsView) {}

  desk(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.desks.get(boxId) ?? this.view.desk(boxId));
  }

  escrow(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.escrows.get(boxId) ?? this.view.escrow(boxId));
  }

  underwriting(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.underwritings.get(boxId) ?? this.view.underwriting(boxId));
  }

  oracleBox(boxId: string) {
    return this.oracleBoxes.get(boxId) ?? this.view.oracleBox(boxId);
  }

  isOracleNft(nft: string) {
    return this.view.isOracleNft(nft) || [...this.desks.values()].some((d) => d.terms.oracleNft === nft || d.pending?.terms.oracleNft === nft);
  }

  community(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.communities.get(boxId) ?? this.view.community(boxId));
  }

  account(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.accounts.get(boxId) ?? this.view.account(boxId));
  }

  line(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.lines.get(boxId) ?? this.view.line(boxId));
  }

  gateway(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.gateways.get(boxId) ?? this.view.gateway(boxId));
  }

  batchBox(boxId: string) {
    return this.spent.has(boxId) ? undefined : (this.batchBoxes.get(boxId) ?? this.view.batchBox(boxId));
  }

  isValidCommunity(communityId: string) {
    return this.newCommunities.has(communityId) || this.view.isValidCommunity(communityId);
  }

  addCommunity(communityId: string) {
    this.newCommunities.add(communityId);
  }

  spend(boxId: string) {
    if (this.communities.delete(boxId) || this.accounts.delete(boxId) || this.lines.delete(boxId) || this.gateways.delete(boxId) || this.batchBoxes.delete(boxId) || this.desks.delete(boxId) || this.escrows.delete(boxId) || this.underwritings.delete(boxId)) return;
    this.spent.add(boxId);
  }
}

/** What a block reports besides its live boxes and events. */
interface Reports {
  ignored: Ignored[];
  compromises: Compromise[];
  profiles: ProfileChange[];
  market: MarketNoteEvent[];
  refusedNotes: RefusedNote[];
  lineEvents: LineEvent[];
  crossPayments: CrossPaymentEvent[];
  economics: EconomicsEvent[];
  deskActivities: DeskActivity[];
  oracleBoxes: OracleBoxRecord[];
  escrowActivities: EscrowActivity[];
  underwritingActivities: UnderwritingActivity[];
}

/** Spends the transaction's live LETS inputs; a rent spend is reported, and the output it kept (if any) noted. */
function readInputs(tx: ChainTransaction, outputs: Box<bigint>[], height: number, state: Overlay, reports: Reports): TxInputs {
  const inputs: TxInputs = { communities: [], accounts: [], rented: [], kept: new Map(), lines: [], gateways: [], desks: [], escrows: [] };
  for (const input of tx.inputs) {
    const lineBox = state.line(input.boxId) ?? state.gateway(input.boxId);
    if (lineBox) {
      state.spend(lineBox.boxId);
      // Lines and gateways hold two storage fees and may be refreshed when dormant: rent reaching
      // one means nobody looked after the line for years (docs/inter-lets.md, "Storage rent").
      if (isRentSpend(input, lineBox.creationHeight, height)) {
        const [what, communities] = "gatewayId" in lineBox
          ? [`a gateway (shard ${lineBox.shard}, side ${lineBox.side === 0 ? "A" : "B"})`, [lineBox.communityId]]
          : ["the line box", [lineBox.communityA, lineBox.communityB]];
        const detail = `storage rent spent ${what} of line ${lineBox.lineId} at height ${height} (box created at height ${lineBox.creationHeight})`;
        for (const communityId of communities) reports.compromises.push({ communityId, txId: tx.id, kind: "rent-spend", boxId: lineBox.boxId, detail });
      }
      if ("gatewayId" in lineBox) inputs.gateways.push(lineBox);
      else inputs.lines.push(lineBox);
      continue;
    }
    const box: AccountRecord | CommunityRecord | undefined = state.community(input.boxId) ?? state.account(input.boxId);
    if (!box) continue;
    state.spend(box.boxId);
    if (isRentSpend(input, box.creationHeight, height)) {
      const outcome = rentOutcome(input, box, outputs, height);
      if (outcome.keptBy !== undefined) inputs.kept.set(outcome.keptBy, box);
      else inputs.rented.push(box);
      reports.compromises.push({ communityId: box.communityId, txId: tx.id, kind: "rent-spend", boxId: box.boxId, detail: outcome.detail });
    } else if ("accountId" in box) inputs.accounts.push(box);
    else inputs.communities.push(box);
  }
  return inputs;
}

const communityOf = (e: LetsEvent) => ("communityId" in e ? e.communityId : e.community.communityId);

/** Spends every batch box `tx` spends; returns the first input's, which makes it a settlement. */
function spendBatchBoxes(tx: ChainTransaction, state: Overlay): BatchBoxRecord | undefined {
  const first = state.batchBox(tx.inputs[0]?.boxId ?? "");
  for (const input of tx.inputs) if (state.batchBox(input.boxId)) state.spend(input.boxId);
  return first;
}

/** The batch boxes among `outputs`: anyone may make one, and a settlement makes the next. */
function addBatchBoxes(outputs: readonly Box<bigint>[], state: Overlay): void {
  for (const box of outputs) {
    if (box.ergoTree === BATCH_ERGO_TREE) state.batchBoxes.set(box.boxId, { boxId: box.boxId, valueNanoErg: box.value, creationHeight: box.creationHeight });
  }
}

/**
 * One transaction's events. A transaction that compromises a community is shown only as its flags:
 * it records no event of that community (a rent-recreated box is no `govern`, a payment to a forged
 * account no payment), while the boxes it made that the indexer accepts still replace those it spent.
 */
function decodeTransaction(tx: ChainTransaction, position: number, site: EventSite, state: Overlay, reports: Reports): LetsEvent[] {
  const outputs = tx.outputs.map(toBox);
  const flagsBefore = reports.compromises.length;
  const batchBox = spendBatchBoxes(tx, state);
  const inputs = readInputs(tx, outputs, site.height, state, reports);
  inputs.desks.push(...spendDesks(tx.id, tx.inputs, site.height, state, reports.compromises));
  inputs.escrows.push(...spendEscrows(tx.id, tx.inputs, site.height, state, reports.compromises));
  const stakesIn = spendUnderwriting(tx.id, tx.inputs, site.height, state, reports.compromises);
  const made = classifyOutputs(outputs, inputs, state, { txId: tx.id, height: site.height, inputs: tx.inputs, ...reports });
  addBatchBoxes(outputs, state);
  const stakesOut = underwritingOutputs(tx.id, outputs, stakesIn, (id) => state.isValidCommunity(id), reports.ignored);
  // A desk trade's account moves against the desk, not in a payment of its own (docs/desk.md).
  const desk = deskActivities(site, position, inputs.desks, made.desks, inputs.accounts, made.accounts, (tx.dataInputs ?? []).map((d) => d.boxId), state);
  // An order's payer and payee move against the escrow, not in a payment of their own (docs/escrow.md).
  const escrow = escrowActivities(site, { spent: inputs.escrows, made: made.escrows, accountsIn: inputs.accounts, accountsOut: made.accounts });
  const events: LetsEvent[] = made.created.map((community) => ({ kind: "create", site, community }));
  events.push(...communityEvents(site, inputs, made));
  const paying = inputs.accounts.filter((a) => !inputs.communities.some((c) => c.communityId === a.communityId) && !desk.traders.has(a.accountId) && !escrow.parties.has(a.accountId));
  const deltas = worthDeltas(paying, made.accounts);
  const cross = crossPayments(site, crossHops(inputs.gateways, made.gateways), new Map(paying.map((a) => [a.accountId, a])), deltas);
  const settlement = batchBox && decodeSettlement(tx, new Map(inputs.accounts.map((a) => [a.boxId, a])), made.accounts, outputs);
  const payments: LetsEvent[] = settlement
    ? [{ kind: "batch", site, ...settlement, batchBoxId: batchBox.boxId, accounts: made.accounts.filter((a) => a.communityId === settlement.communityId) }]
    : paymentEvents(site, paying, made.accounts, deltas);
  addErgParts(payments, paying, outputs);
  const notes = transactionNotes(site, position, tx.inputs, paying, made.accounts, new Set(cross.map((c) => c.payee)));
  // No owner signs in a settlement: whatever its account inputs say was written by the settler.
  if (settlement) refuseUnsigned(notes, tx.id, paying);
  for (const payment of [...payments, ...cross]) {
    const payer = "payer" in payment ? payment.payer : undefined;
    const note = payer === undefined ? undefined : notes.payments.get(payer);
    if (!note || payer === undefined) continue;
    Object.assign(payment, note);
    notes.payments.delete(payer);
  }
  for (const accountId of notes.payments.keys()) {
    const box = paying.find((a) => a.accountId === accountId)!;
    notes.refused.push({ txId: tx.id, boxId: box.boxId, accountId, reason: "a memo or payment request id on a transaction in which this account pays nobody" });
  }
  events.push(...payments, ...desk.payments, ...escrow.payments);
  for (const d of made.desks) state.desks.set(d.boxId, d);
  for (const e of made.escrows) state.escrows.set(e.boxId, e);
  for (const s of stakesOut) state.underwritings.set(s.boxId, s);
  // A stake's life is ERG moving under its own script: kept even in a transaction that compromises its community (docs/underwriting.md).
  reports.underwritingActivities.push(
    ...underwritingActivities(site, { spent: stakesIn, made: stakesOut, outputs, communitiesIn: inputs.communities, accountsIn: inputs.accounts, events }),
  );
  for (const pool of oracleOutputs(outputs, state)) {
    state.oracleBoxes.set(pool.boxId, pool);
    reports.oracleBoxes.push(pool);
  }
  for (const box of [...made.created, ...made.successors, ...made.accounts, ...made.kept]) {
    if ("accountId" in box) state.accounts.set(box.boxId, box);
    else state.communities.set(box.boxId, box);
  }
  for (const line of made.lines) state.lines.set(line.boxId, line);
  for (const gateway of made.gateways) state.gateways.set(gateway.boxId, gateway);
  const compromised = new Set(reports.compromises.slice(flagsBefore).map((c) => c.communityId));
  const sound = (line: LineRecord) => !compromised.has(line.communityA) && !compromised.has(line.communityB);
  for (const line of made.lines.filter(sound)) reports.lineEvents.push(...lineEvents(site, inputs.lines.find((l) => l.lineId === line.lineId), line));
  // A shard refreshed makes no line box: the line is the one the transaction made, else the one it read.
  const read = (tx.dataInputs ?? []).map((d) => state.line(d.boxId)).filter((l): l is LineRecord => l !== undefined);
  const lineOf = (lineId: string) => made.lines.find((l) => l.lineId === lineId) ?? read.find((l) => l.lineId === lineId);
  reports.lineEvents.push(...shardRefreshes(site, inputs.gateways, made.gateways, lineOf).filter((e) => sound(e.line)));
  reports.crossPayments.push(...cross.filter((c) => !compromised.has(c.payerCommunity) && !compromised.has(c.payeeCommunity)));
  reports.profiles.push(...notes.profiles.filter((p) => !compromised.has(p.communityId)));
  reports.market.push(...notes.market.filter((m) => !compromised.has(m.communityId)));
  reports.refusedNotes.push(...notes.refused);
  reports.deskActivities.push(...desk.activities.filter((a) => !compromised.has(a.desk.communityId)));
  reports.escrowActivities.push(...escrow.activities.filter((a) => !compromised.has(a.escrow.communityId)));
  const kept = events.filter((e) => !compromised.has(communityOf(e)));
  reports.economics.push(...economicsEvents(site, kept, inputs.accounts, made.accounts, paying).filter((e) => !compromised.has(e.communityId)));
  return kept;
}

/** Derives the events and state changes of `block` from the LETS state `view` before it. */
export function applyBlock(block: ChainBlock, view: LetsView): BlockChanges {
  const state = new Overlay(view);
  const reports: Reports = { ignored: [], compromises: [], profiles: [], market: [], refusedNotes: [], lineEvents: [], crossPayments: [], economics: [], deskActivities: [], oracleBoxes: [], escrowActivities: [], underwritingActivities: [] };
  const events: LetsEvent[] = [];
  for (const [position, tx] of block.transactions.entries()) {
    const site = { txId: tx.id, height: block.header.height, timestamp: block.header.timestamp, blockId: block.header.id };
    events.push(...decodeTransaction(tx, position, site, state, reports));
  }
  return {
    events,
    spent: [...state.spent],
    communities: [...state.communities.values()],
    accounts: [...state.accounts.values()],
    lines: [...state.lines.values()],
    gateways: [...state.gateways.values()],
    batchBoxes: [...state.batchBoxes.values()],
    desks: [...state.desks.values()],
    escrows: [...state.escrows.values()],
    underwritings: [...state.underwritings.values()],
    ...reports,
  };
}
