/**
 * Trade lines between communities (docs/inter-lets.md): the line box and its gateways, their
 * registers, decoders for boxes read from a node, and the conversion rules the gateway contract
 * enforces (floor for the converted amount, ceiling for fees: rounding never favours the payer).
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decoded, type Decoded } from "../decode-result.ts";
import { bytesConstant, longConstant, longsConstant, readBytes, readLong, readLongs } from "../registers.ts";
import { GATEWAY_B_ERGO_TREE, GATEWAY_ERGO_TREE, LINE_ERGO_TREE } from "../scripts.ts";
import { decode, SColl, SLong } from "@fleet-sdk/serializer";

/** Which community of a line: side 0 is A (the proposer), side 1 is B. */
export type Side = 0 | 1;

/** The agreed terms of a line (R5). 1 A-unit = rateNum / rateDen B-units. */
export interface LineTerms {
  rateNum: bigint;
  rateDen: bigint;
  /** How far A may go into deficit to B: B-units held by B's gateways, all shards together. */
  capA: bigint;
  /** How far B may go into deficit to A, in A-units. */
  capB: bigint;
  /** Fee of each community in basis points of what crosses, charged by the sending side to its payer and by the receiving side from its payee. */
  feeA: bigint;
  feeB: bigint;
  /** Gateway pairs, fixed at propose: at most one cross payment per shard per transaction. */
  shards: bigint;
}

export type LineStatus = "proposed" | "open" | "closed";
const STATUSES: LineStatus[] = ["proposed", "open", "closed"];

/** A change one committee proposed and the other may accept (R7). */
export type PendingChange = { proposer: Side; kind: "terms"; terms: LineTerms } | { proposer: Side; kind: "close" };

/** A line as its live box states it. */
export interface Line {
  boxId: string;
  lineId: string;
  communityA: string;
  communityB: string;
  /** blake2b256 of the community tree both communities run (written at propose). */
  communityTreeHash: string;
  terms: LineTerms;
  status: LineStatus;
  pausedA: boolean;
  pausedB: boolean;
  pending: PendingChange | null;
  valueNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

/** One side of one shard, inside one community. */
export interface Gateway {
  boxId: string;
  communityId: string;
  lineId: string;
  side: Side;
  shard: number;
  /** Trade position + fees held, in this community's units: what the community's books count. */
  balance: bigint;
  feesHeld: bigint;
  /** The trade position alone: positive = this community paid in (the partner's claim on it). */
  position: bigint;
  maxUnits: bigint;
  gatewayId: string;
  valueNanoErg: bigint;
  creationHeight: number;
  box: Box<Amount>;
}

export const termsList = (t: LineTerms): bigint[] => [t.rateNum, t.rateDen, t.capA, t.capB, t.feeA, t.feeB, t.shards];
const termsOf = ([rateNum, rateDen, capA, capB, feeA, feeB, shards]: bigint[]): LineTerms =>
  ({ rateNum, rateDen, capA, capB, feeA, feeB, shards }) as LineTerms;

/** Registers of a line box. */
export function lineRegisters(line: {
  communityA: string; communityB: string; communityTreeHash: string; terms: LineTerms;
  status: LineStatus; pausedA: boolean; pausedB: boolean; pending: PendingChange | null;
}): Record<"R4" | "R5" | "R6" | "R7", string> {
  const pending = line.pending === null ? []
    : line.pending.kind === "close" ? [BigInt(line.pending.proposer), 1n, ...termsList(line.terms)]
    : [BigInt(line.pending.proposer), 0n, ...termsList(line.pending.terms)];
  return {
    R4: bytesConstant(line.communityA + line.communityB + line.communityTreeHash),
    R5: longsConstant(termsList(line.terms)),
    R6: longsConstant([BigInt(STATUSES.indexOf(line.status)), line.pausedA ? 1n : 0n, line.pausedB ? 1n : 0n]),
    R7: longsConstant(pending),
  };
}

/** Registers of a gateway box. */
export function gatewayRegisters(g: { lineId: string; side: Side; shard: number; balance: bigint; feesHeld: bigint; maxUnits: bigint }): Record<"R4" | "R5" | "R6" | "R7", string> {
  const tail = [g.side, g.shard].map((n) => n.toString(16).padStart(2, "0")).join("");
  return {
    R4: longsConstant([g.maxUnits]),
    R5: longConstant(g.balance),
    R6: longConstant(g.feesHeld),
    R7: bytesConstant(g.lineId + tail),
  };
}

function readLongList(register: string, value: string | undefined): bigint[] {
  const c = value === undefined ? undefined : (() => { try { return decode(value); } catch { return undefined; } })();
  if (!c || c.type.toString() !== "SColl[SLong]" || SColl(SLong, c.data as bigint[]).toHex() !== value!.toLowerCase()) {
    throw new Error(`${register}: expected SColl[SLong]`);
  }
  return c.data as bigint[];
}

/** Decodes a line box, or says why it is not a well-formed line. */
export function decodeLine(box: Box<Amount>): Decoded<Line> {
  return decoded(() => {
    if (box.ergoTree !== LINE_ERGO_TREE) throw new Error("not the line script");
    const [token, ...others] = box.assets;
    if (!token || others.length > 0 || BigInt(token.amount) !== 1n) throw new Error("a line holds exactly its line token");
    const r = box.additionalRegisters;
    if (r.R8 !== undefined) throw new Error("R8: must be empty");
    const ids = readBytes("R4", r.R4);
    if (ids.length !== 192) throw new Error("R4: expected 96 bytes");
    const terms = termsOf(readLongs("R5", r.R5, 7));
    const [status, pausedA, pausedB] = readLongs("R6", r.R6, 3) as [bigint, bigint, bigint];
    if (status < 0n || status > 2n || pausedA < 0n || pausedA > 1n || pausedB < 0n || pausedB > 1n) throw new Error("R6: state out of range");
    const p = readLongList("R7", r.R7);
    let pending: PendingChange | null = null;
    if (p.length === 9) {
      const proposer = Number(p[0]) as Side;
      if (proposer !== 0 && proposer !== 1) throw new Error("R7: proposer side out of range");
      pending = p[1] === 1n ? { proposer, kind: "close" } : { proposer, kind: "terms", terms: termsOf(p.slice(2)) };
    } else if (p.length !== 0) throw new Error("R7: a pending change has 9 values");
    return {
      boxId: box.boxId,
      lineId: token.tokenId,
      communityA: ids.slice(0, 64),
      communityB: ids.slice(64, 128),
      communityTreeHash: ids.slice(128),
      terms,
      status: STATUSES[Number(status)]!,
      pausedA: pausedA === 1n,
      pausedB: pausedB === 1n,
      pending,
      valueNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** Decodes a gateway box, or says why it is not a well-formed gateway. */
export function decodeGateway(box: Box<Amount>): Decoded<Gateway> {
  return decoded(() => {
    if (box.ergoTree !== GATEWAY_ERGO_TREE && box.ergoTree !== GATEWAY_B_ERGO_TREE) throw new Error("not a gateway script");
    const [token, ...others] = box.assets;
    if (!token || others.length > 0 || BigInt(token.amount) !== 1n) throw new Error("a gateway holds exactly one unit of its community token");
    const r = box.additionalRegisters;
    if (r.R8 !== undefined) throw new Error("R8: must be empty");
    const [maxUnits] = readLongs("R4", r.R4, 1) as [bigint];
    const balance = readLong("R5", r.R5);
    const feesHeld = readLong("R6", r.R6);
    const gatewayId = readBytes("R7", r.R7);
    if (gatewayId.length !== 68) throw new Error("R7: expected 34 bytes");
    const side = parseInt(gatewayId.slice(64, 66), 16);
    if (side !== (box.ergoTree === GATEWAY_ERGO_TREE ? 0 : 1)) throw new Error("R7: the side does not match the script (A's end runs gateway, B's gateway-b)");
    return {
      boxId: box.boxId,
      communityId: token.tokenId,
      lineId: gatewayId.slice(0, 64),
      side,
      shard: parseInt(gatewayId.slice(66, 68), 16),
      balance,
      feesHeld,
      position: balance - feesHeld,
      maxUnits,
      gatewayId,
      valueNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      box,
    };
  });
}

/** The community on `side` of a line. */
export const communityOf = (line: Pick<Line, "communityA" | "communityB">, side: Side): string =>
  side === 0 ? line.communityA : line.communityB;

/** ceil(amount × bps / 10,000): a fee rounds up, against the payer. */
export const feeOn = (amount: bigint, bps: bigint): bigint => (amount * bps + 9_999n) / 10_000n;

/** floor(amount × rate) for what `from` sends: A to B at rateNum/rateDen, B to A at the inverse. */
export function convert(terms: LineTerms, from: Side, amount: bigint): bigint {
  return from === 0 ? (amount * terms.rateNum) / terms.rateDen : (amount * terms.rateDen) / terms.rateNum;
}

/** What one hop does with `amount` units sent from side `from`. */
export interface HopQuote {
  from: Side;
  /** Units that cross, in the sender's units (the sender gateway's position rises by this). */
  sent: bigint;
  /** The sending community's fee, paid on top of `sent`. */
  senderFee: bigint;
  /** floor(sent × rate), in the receiver's units (the receiver gateway's position falls by this). */
  converted: bigint;
  /** The receiving community's fee, kept out of `converted`. */
  receiverFee: bigint;
  /** What reaches the receiving community's payee (or the next hop). */
  delivered: bigint;
}

/** The hop for `sent` units crossing from side `from`. */
export function quoteHop(terms: LineTerms, from: Side, sent: bigint): HopQuote {
  const senderFee = feeOn(sent, from === 0 ? terms.feeA : terms.feeB);
  const converted = convert(terms, from, sent);
  const receiverFee = feeOn(converted, from === 0 ? terms.feeB : terms.feeA);
  return { from, sent, senderFee, converted, receiverFee, delivered: converted - receiverFee };
}

/**
 * The largest `sent` whose total (sent + its fee) fits in `available`: what an intermediate
 * community forwards of what it received. The rest (0 or a unit or two) is charged as fee, so the
 * intermediate community's books stay exact.
 */
export function largestSendable(available: bigint, bps: bigint): bigint {
  let sent = (available * 10_000n) / (10_000n + bps);
  while (sent > 0n && sent + feeOn(sent, bps) > available) sent -= 1n;
  while (sent + 1n + feeOn(sent + 1n, bps) <= available) sent += 1n;
  return sent;
}
