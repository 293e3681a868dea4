/**
 * Which outputs of a transaction become live LETS boxes. A community box is live when it continues
 * a community input (one successor per community), starts a community with a valid genesis, or is
 * what a benign rent spend kept; an account box when its accountId comes from an account input of
 * its community or from the community box a join spent (each once), or a benign rent spend kept
 * it. Any other output holding a unit of a valid community's token is a compromise: the unit
 * escaped (`escaped-unit`), or it sits in an account box nobody opened (`forged-account`).
 * Look-alikes of no valid community are ignored with a reason, as are boxes of superseded versions.
 * Both families of account and community trees are LETS boxes (docs/economics.md); a box continues
 * only a box of its own family (the contracts keep a successor's script, and a join writes the
 * account tree of its community's family), and a unit in a box of the other family escaped.
 */
import type { Box } from "@fleet-sdk/common";
import { decodeAccount } from "../../contracts/account/account.ts";
import { decodeCommunity } from "../../contracts/community/community.ts";
import { decodeGateway, decodeLine } from "../../contracts/line/line.ts";
import { GATEWAY_B_ERGO_TREE, GATEWAY_ERGO_TREE, isAccountTree, isCommunityTree, LINE_ERGO_TREE } from "../../contracts/scripts.ts";
import { supersededVersion } from "../../contracts/versions.ts";
import { acceptDesk, decodeDeskOutput, isDeskTree, type DeskRecord } from "./desks.ts";
import { acceptEscrow, decodeEscrowOutput, isEscrowTree, type EscrowRecord } from "./escrows.ts";
import { genesisProblem } from "./genesis.ts";
import type { AccountRecord, CommunityRecord, Compromise, GatewayRecord, Ignored, LineRecord } from "./lets-events.ts";
import type { ChainInput } from "./rent.ts";

/** The LETS boxes a transaction spends, by how. */
export interface TxInputs {
  /** Community boxes spent through their contract (not by storage rent). */
  communities: CommunityRecord[];
  /** Account boxes spent through their contract. */
  accounts: AccountRecord[];
  /** Boxes spent by storage rent that no output kept whole. */
  rented: (AccountRecord | CommunityRecord)[];
  /** Output index -> the rent-spent box that output kept whole (a benign rent collection). */
  kept: Map<number, AccountRecord | CommunityRecord>;
  /** Live line boxes spent. */
  lines: LineRecord[];
  /** Live gateway boxes spent. */
  gateways: GatewayRecord[];
  /** Live desk boxes spent through their contract. */
  desks: DeskRecord[];
  /** Live escrow boxes spent through their contract. */
  escrows: EscrowRecord[];
}

/** The live LETS boxes a transaction makes. */
export interface TxOutputs {
  /** Successors of community inputs. */
  successors: CommunityRecord[];
  /** Communities this transaction creates (valid genesis). */
  created: CommunityRecord[];
  /** Account boxes of joins and payments. */
  accounts: AccountRecord[];
  /** Boxes benign rent spends kept: live, but no event. */
  kept: (AccountRecord | CommunityRecord)[];
  /** Line boxes: a line a propose made, or the successor of a line input. */
  lines: LineRecord[];
  /** Gateway boxes: those a propose or accept made, and successors of gateway inputs. */
  gateways: GatewayRecord[];
  /** Box ids of the community inputs a propose or accept spent (their successors are no `govern`). */
  lineOpens: Set<string>;
  /** Desk boxes: an opening's (deskId = the community input it spent) or a desk input's successor. */
  desks: DeskRecord[];
  /** Box ids of the community inputs a desk opening spent (their successors are no `govern`). */
  deskOpens: Set<string>;
  /** Escrow boxes: an opening's (escrowId = the community input it spent) or an escrow input's successor. */
  escrows: EscrowRecord[];
  /** Box ids of the community inputs an escrow opening or closing spent (their successors are no `govern`, `refresh` or `sweep`). */
  escrowSeats: Set<string>;
}

/** What the classification reads and tells about communities. */
export interface CommunityRegistry {
  isValidCommunity(communityId: string): boolean;
  /** Records a community created by this block. */
  addCommunity(communityId: string): void;
}

/** Where a transaction sits and what it reports besides its live boxes. */
export interface OutputSite {
  txId: string;
  height: number;
  inputs: readonly ChainInput[];
  ignored: Ignored[];
  compromises: Compromise[];
}

/** A P2PK tree: never a LETS contract of any version (most outputs are one; skip hashing them). */
const isP2pk = (tree: string) => tree.length === 72 && tree.startsWith("0008cd");

const RENT_MADE = (what: "an account" | "a community") => `${what} box made by a storage-rent spend that did not keep the spent box whole`;
const OTHER_FAMILY = (what: "an account" | "a community") => `${what} box of the other contract family than the box it continues (plain or economics)`;

/** Whether a record is of the economics family (its tree is the economics one). */
const isEconomics = (r: AccountRecord | CommunityRecord): boolean => ("accountId" in r ? r.terms.economics : r.policy.economics) !== undefined;

/** Classifies `outputs` of a transaction that spends `inputs`. */
export function classifyOutputs(outputs: Box<bigint>[], inputs: TxInputs, registry: CommunityRegistry, site: OutputSite): TxOutputs {
  const made: TxOutputs = { successors: [], created: [], accounts: [], kept: [], lines: [], gateways: [], lineOpens: new Set(), desks: [], deskOpens: new Set(), escrows: [], escrowSeats: new Set() };
  const { seats, lineOutputs } = lineSeats(outputs, inputs, site);
  made.lines.push(...lineOutputs.values());
  for (const seat of seats.values()) if (seat.opening) made.lineOpens.add(seat.opening);
  const usedAccountIds = new Set<string>();
  const escaped = (box: Box<bigint>, where: string, ignoredReason?: string) => {
    const units = box.assets.filter((a) => registry.isValidCommunity(a.tokenId));
    for (const unit of units) {
      const detail = `${unit.amount} unit${unit.amount === 1n ? "" : "s"} of the community token in ${where}`;
      site.compromises.push({ communityId: unit.tokenId, txId: site.txId, kind: "escaped-unit", boxId: box.boxId, detail });
    }
    if (units.length === 0 && ignoredReason) site.ignored.push({ boxId: box.boxId, txId: site.txId, reason: ignoredReason });
  };

  const community = (box: Box<bigint>, index: number) => {
    const decoded = decodeCommunity(box);
    if (!decoded.ok) return escaped(box, `a community-script box that is not a community box (${decoded.reason})`, decoded.reason);
    const { box: _box, ...c } = decoded.value;
    const kept = inputs.kept.get(index);
    if (kept && "seatsLeft" in kept) return void made.kept.push(c);
    const continued = inputs.communities.find((i) => i.communityId === c.communityId);
    if (continued) {
      if (isEconomics(continued) !== isEconomics(c)) return escaped(box, OTHER_FAMILY("a community"));
      if (!made.successors.some((s) => s.communityId === c.communityId)) return void made.successors.push(c);
      return escaped(box, "a second community box of the community");
    }
    if (inputs.rented.some((r) => !("accountId" in r) && r.communityId === c.communityId)) return escaped(box, RENT_MADE("a community"));
    if (registry.isValidCommunity(c.communityId)) return escaped(box, "a community box that continues no community input of its transaction");
    const problem = genesisProblem(site.inputs, outputs, box, c, site.height);
    if (problem) return void site.ignored.push({ boxId: box.boxId, txId: site.txId, reason: problem });
    registry.addCommunity(c.communityId);
    made.created.push(c);
  };

  const account = (box: Box<bigint>, index: number) => {
    const decoded = decodeAccount(box);
    if (!decoded.ok) return escaped(box, `an account-script box that is not an account box (${decoded.reason})`, decoded.reason);
    const { box: _box, ...a } = decoded.value;
    if (!registry.isValidCommunity(a.communityId)) return void site.ignored.push({ boxId: box.boxId, txId: site.txId, reason: "token of no valid community" });
    const kept = inputs.kept.get(index);
    if (kept && "accountId" in kept) return void made.kept.push(a);
    const opener = [
      ...inputs.accounts.filter((i) => i.communityId === a.communityId && i.accountId === a.accountId),
      ...inputs.communities.filter((i) => i.communityId === a.communityId && i.boxId === a.accountId),
    ][0];
    if (inputs.rented.some((r) => "accountId" in r && r.accountId === a.accountId)) return escaped(box, RENT_MADE("an account"));
    if (opener && isEconomics(opener) !== isEconomics(a)) return escaped(box, OTHER_FAMILY("an account"));
    if (opener && !usedAccountIds.has(a.accountId)) {
      usedAccountIds.add(a.accountId);
      return void made.accounts.push(a);
    }
    const why = usedAccountIds.has(a.accountId) ? "a second account box for" : "an account box whose accountId comes from no account input or join of its transaction:";
    site.compromises.push({ communityId: a.communityId, txId: site.txId, kind: "forged-account", boxId: box.boxId, detail: `${why} accountId ${a.accountId}` });
  };

  const gateway = (box: Box<bigint>) => {
    const decoded = decodeGateway(box);
    if (!decoded.ok) return escaped(box, `a gateway-script box that is not a gateway box (${decoded.reason})`, decoded.reason);
    const { box: _box, ...g } = decoded.value;
    const seat = seats.get(g.gatewayId);
    if (seat && !seat.used && seat.communityId === g.communityId) {
      seat.used = true;
      return void made.gateways.push(g);
    }
    escaped(box, "a gateway box that no propose or accept of a valid community, nor a gateway input, of its transaction made");
  };

  const desk = (box: Box<bigint>) => {
    const decoded = decodeDeskOutput(box);
    if (!decoded.ok) return escaped(box, `a desk-script box that is not a desk box (${decoded.reason})`, decoded.reason);
    const live = acceptDesk(decoded.desk, inputs.desks, inputs.communities, made.desks);
    if (!live) return escaped(box, "a desk box that no opening by its community, nor a desk input, of its transaction made");
    if (live.version === 0) made.deskOpens.add(live.deskId);
    made.desks.push(live);
  };

  const escrow = (box: Box<bigint>) => {
    const decoded = decodeEscrowOutput(box);
    if (!decoded.ok) return escaped(box, `an escrow-script box that is not an escrow box (${decoded.reason})`, decoded.reason);
    const live = acceptEscrow(decoded.escrow, inputs.escrows, inputs.communities, inputs.accounts, made.escrows);
    if (!live) return escaped(box, "an escrow box that no opening by its community, nor an escrow input, of its transaction made");
    if (live.version === 0) made.escrowSeats.add(live.escrowId);
    made.escrows.push(live);
  };

  outputs.forEach((box, index) => {
    if (isDeskTree(box.ergoTree)) return desk(box);
    if (isEscrowTree(box.ergoTree)) return escrow(box);
    if (box.ergoTree === GATEWAY_ERGO_TREE || box.ergoTree === GATEWAY_B_ERGO_TREE) return gateway(box);
    if (box.ergoTree === LINE_ERGO_TREE) {
      if (!lineOutputs.has(index)) escaped(box, "a line-script box", "a line box that no propose of a valid community, nor a live line input, of its transaction made");
      return;
    }
    if (isCommunityTree(box.ergoTree)) return community(box, index);
    if (isAccountTree(box.ergoTree)) return account(box, index);
    const version = isP2pk(box.ergoTree) ? undefined : supersededVersion(box.ergoTree);
    if (version === undefined) return escaped(box, "a box of another script");
    const reason = `contract version ${version} (superseded)`;
    escaped(box, `a box of ${reason}`, reason);
  });
  // A closing gives the seat back to the community box it spends.
  for (const closed of inputs.escrows.filter((e) => !made.escrows.some((m) => m.escrowId === e.escrowId))) {
    const seat = inputs.communities.find((c) => c.communityId === closed.communityId);
    if (seat) made.escrowSeats.add(seat.boxId);
  }
  return made;
}

/** A gateway id a transaction may create a box for: its community, and the community input that opened it (propose or accept) if any. */
interface Seat {
  communityId: string;
  opening?: string;
  used: boolean;
}

/**
 * The lines a transaction makes (output index -> line) and the gateway ids it may create:
 * - propose: the first input is a live community box, and an output is a line box holding the
 *   token minted with that box's id, naming that community as A, proposed: side-0 gateways
 *   `lineId ++ [0, i]` for each shard, in that community;
 * - accept: a live proposed line input whose successor is open, with community B's box spent:
 *   side-1 gateways in B;
 * - any live line input: its first successor (same line token, line script) is the line;
 * - any live gateway input: one successor with its gateway id and community.
 */
function lineSeats(outputs: Box<bigint>[], inputs: TxInputs, site: OutputSite): { seats: Map<string, Seat>; lineOutputs: Map<number, LineRecord> } {
  const seats = new Map<string, Seat>();
  const lineOutputs = new Map<number, LineRecord>();
  const openSeats = (line: LineRecord, side: 0 | 1, community: CommunityRecord) => {
    for (let shard = 0; shard < Number(line.terms.shards); shard++) {
      const id = line.lineId + [side, shard].map((n) => n.toString(16).padStart(2, "0")).join("");
      if (!seats.has(id)) seats.set(id, { communityId: community.communityId, opening: community.boxId, used: false });
    }
  };
  const first = site.inputs[0]?.boxId;
  const proposer = inputs.communities.find((c) => c.boxId === first);
  const continued = new Set<string>();
  outputs.forEach((box, index) => {
    if (box.ergoTree !== LINE_ERGO_TREE) return;
    const decoded = decodeLine(box);
    if (!decoded.ok) return;
    const { box: _box, ...line } = decoded.value;
    const before = inputs.lines.find((l) => l.lineId === line.lineId);
    if (before) {
      if (continued.has(line.lineId)) return;
      continued.add(line.lineId);
      lineOutputs.set(index, line);
      const b = inputs.communities.find((c) => c.communityId === before.communityB);
      if (before.status === "proposed" && line.status === "open" && b) openSeats(line, 1, b);
      return;
    }
    if (proposer && line.lineId === proposer.boxId && line.communityA === proposer.communityId && line.status === "proposed" && !continued.has(line.lineId)) {
      continued.add(line.lineId);
      lineOutputs.set(index, line);
      openSeats(line, 0, proposer);
    }
  });
  for (const g of inputs.gateways) if (!seats.has(g.gatewayId)) seats.set(g.gatewayId, { communityId: g.communityId, used: false });
  return { seats, lineOutputs };
}
