/** The simulation's event log: every attempted join, payment, leave and default, with its outcome. */

export type EventKind = "join" | "payment" | "leave" | "default" | "sweep" | "top-up" | "revoke" | "desk" | "postfactum" | "underwrite";

/** One attempted action. Blocks are simulated blocks (day × blocksPerDay + block of the day); -1 is the setup before day 0. */
export interface SimEvent {
  kind: EventKind;
  block: number;
  /** The member who joins, leaves or defaults, or the payer. */
  member: number;
  /** The payee of a payment. */
  payee?: number;
  /**
   * Units paid (the payer's units), the debt a default leaves, the allowance issued at an economics
   * join, or what a sweep collects from the account (accrued charges and demurrage due).
   */
  amountUnits?: bigint;
  /** What the economics levers charged (payments, sweeps and top-ups of an economics community). */
  charges?: Charges;
  /** A payment to another community, through trade lines (the simulator's networks). */
  cross?: CrossDetail;
  /** A payment by signed order: settled (accepted, `block` the settling block) or refused at settlement. */
  order?: OrderDetail;
  /** A trade with the exchange desk: `amountUnits` bought (the member's balance rose) or sold, for `nanoErg`. */
  desk?: { side: "buy" | "sell"; nanoErg: bigint };
  /** A step of a post-factum payment (`member` the payer, `payee` the payee); `amountUnits` is what the step moves out of the payer's account (a commit's max). */
  postFactum?: PostFactumDetail;
  /** A step of an underwriting (`member` the underwritten member; docs/underwriting.md). */
  underwriting?: UnderwritingDetail;
  /** A revocation: the payer's account's new nextSeq (every unsettled order below it is void). */
  nextSeq?: bigint;
  status: "accepted" | "refused";
  /** Why it was refused: a rule the builders enforce, or the node's answer. */
  reason?: string;
  /** The transaction id, once accepted. */
  txId?: string;
}

/** What one step of a post-factum payment did (docs/escrow.md). */
export interface PostFactumDetail {
  step: "open" | "commit" | "release" | "refund" | "claim";
  escrowId: string;
  /** The order: the box id of the open escrow box its commit made (absent for an opening). */
  orderId?: string;
  /** A commit's terms. */
  max?: bigint;
  minimum?: bigint;
  deadline?: bigint;
  /** A settlement: units to the payee, and back to the payer. */
  released?: bigint;
  returned?: bigint;
  /** After a claim of the minimum, what stays in the escrow as an order without a minimum (0: none). */
  kept?: bigint;
  /** The order the kept rest becomes: the box id of the escrow box the claim made. */
  remainderOrderId?: string;
}

/** What one step of an underwriting did: the offer, its acceptance, or the stake settled at the account's exit. */
export interface UnderwritingDetail {
  step: "offer" | "accept" | "settle";
  /** Which underwriter (0, 1, ...). */
  underwriter: number;
  /** The stake's token id: the offer's box id. */
  stakeId: string;
  raise: bigint;
  stakeNanoErg: bigint;
  /** A settlement: what the committee received (the stake's share of the raise in use), and what went back to the underwriter. */
  lostNanoErg?: bigint;
  returnedNanoErg?: bigint;
}

/** A payment order (docs/batches.md) as the simulator signed it. */
export interface OrderDetail {
  /** Hash of the signed message (`orderId`), the id the indexer gives it too. */
  orderId: string;
  /** The payer's sequence number it carries. */
  seq: bigint;
  /** Simulated block the payer signed it in. */
  signedBlock: number;
  /** Last chain height at which it may be settled. */
  expiryHeight: bigint;
}

/** One line crossed by a cross payment: the amounts of `quoteHop` (contracts/line/line.ts). */
export interface CrossHopDetail {
  /** Index of the line in the scenario's network. */
  line: number;
  shard: number;
  /** Side the payment crossed from: 0 = the line's community a, 1 = b. */
  from: 0 | 1;
  sent: bigint;
  senderFee: bigint;
  converted: bigint;
  receiverFee: bigint;
}

/** What a cross payment did: the payer's debit (amount and its community's fee), what the payee received, the hops. */
export interface CrossDetail {
  debitUnits: bigint;
  receivedUnits: bigint;
  hops: CrossHopDetail[];
}

/**
 * An economics transaction's charges and the earned credit limits after it. For a sweep or a
 * top-up, `demurrage` is the account's and the payee's fields are 0.
 */
export interface Charges {
  /** Demurrage charged to the payer (or the swept or topped-up account). */
  demurrage: bigint;
  /** Usage fee the payer paid. */
  fee: bigint;
  /** Allowance the payer spent. */
  allowanceUsed: bigint;
  /** Demurrage charged to the payee. */
  payeeDemurrage: bigint;
  /** Credit limits after the transaction (the earned limits). */
  creditLimit: bigint;
  payeeCreditLimit: bigint;
}

type Attempt = Omit<SimEvent, "status" | "reason">;

/** Appends events and keeps running counts for progress output. */
export class EventLog {
  readonly events: SimEvent[] = [];
  paymentsAccepted = 0;
  refusals = 0;

  accepted(event: Attempt): SimEvent {
    const entry: SimEvent = { ...event, status: "accepted" };
    this.events.push(entry);
    if (entry.kind === "payment") this.paymentsAccepted++;
    return entry;
  }

  refused(event: Omit<Attempt, "txId">, reason: string): SimEvent {
    const entry: SimEvent = { ...event, status: "refused", reason };
    this.events.push(entry);
    this.refusals++;
    return entry;
  }

  /** Turns an accepted event into a refused one: the node refused its transaction after all. */
  refusedLater(event: SimEvent, reason: string): void {
    if (event.status !== "accepted") return;
    if (event.kind === "payment") this.paymentsAccepted--;
    this.refusals++;
    event.status = "refused";
    event.reason = reason;
    delete event.txId;
  }
}
