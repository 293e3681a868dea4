/**
 * Where `lets escrow` finds what it acts on, on any node: a community's escrows among the live
 * boxes holding its token (mempool applied, decoded with `decodeEscrow`), an order by its id (the
 * box id of the open escrow box its commit created) or by its escrow's id; and the flags every
 * subcommand shares, checked before anything is fetched.
 */
import { blake2b256, hex, utf8 } from "@fleet-sdk/crypto";
import { ownerFromPublicKey } from "../../../contracts/index.ts";
import { decodeEscrow, REFERENCE_MAX_BYTES, type Escrow } from "../../../contracts/escrow/escrow.ts";
import type { CommunityView, Identity } from "../../../client/lets-over-http.ts";
import { CliError, ExitCode } from "../command.ts";
import { blocksOption } from "./desk-terms.ts";
import type { Session } from "./session.ts";

/** The most boxes read for one community (as `LetsOverHttp.findCommunity`). */
const MAX_PAGE = 16_384;

/** Options every `lets escrow` subcommand has. */
export const escrowOptions = { community: { type: "string" }, escrow: { type: "string" }, account: { type: "string" } } as const;

/** A community, its live escrows and the chain tip, as the node shows them now. */
export interface EscrowState {
  view: CommunityView;
  escrows: Escrow[];
  /** The chain tip; a transaction sent now is judged at `tipHeight + 1`. */
  tipHeight: number;
}

/** Reads the community, its escrows and the tip together. */
export async function readEscrows(session: Session, communityId: string): Promise<EscrowState> {
  const [view, boxes, tipHeight] = await Promise.all([
    session.lets.community(communityId),
    session.lets.node.unspentByTokenId(communityId, MAX_PAGE),
    session.lets.node.height(),
  ]);
  const escrows = boxes.flatMap((box) => {
    const d = decodeEscrow(box);
    return d.ok && d.value.communityId === communityId ? [d.value] : [];
  });
  return { view, escrows, tipHeight };
}

/** The escrows `who` owns (opened with its key). */
export const escrowsOwnedBy = (state: EscrowState, who: Identity): Escrow[] =>
  state.escrows.filter((e) => e.owner === ownerFromPublicKey(who.publicKey));

/** The live escrow `escrowId` names, or a clear refusal. */
export function escrowById(state: EscrowState, escrowId: string): Escrow {
  const escrow = state.escrows.find((e) => e.escrowId === escrowId);
  if (!escrow) throw new CliError(`no escrow ${escrowId} in ${state.view.community.metadata.name} on this node ('lets escrow show' lists yours)`, ExitCode.failure);
  return escrow;
}

/**
 * The escrow `who` means: `--escrow ID` (which must be its own), else its only escrow; undefined
 * when it has none (`idle`: its only idle one, for a commit).
 */
export function ownEscrow(state: EscrowState, who: Identity, escrowId: string | undefined, idle = false): Escrow | undefined {
  if (escrowId !== undefined) {
    const escrow = escrowById(state, escrowId);
    if (escrow.owner !== ownerFromPublicKey(who.publicKey)) throw new CliError(`escrow ${escrowId} belongs to another key than ${who.address}`, ExitCode.failure);
    return escrow;
  }
  const owned = escrowsOwnedBy(state, who).filter((e) => !idle || e.order === null);
  if (owned.length > 1) {
    throw new CliError(`${who.address} has ${owned.length} ${idle ? "idle " : ""}escrows here; name one with --escrow (${owned.map((e) => e.escrowId).join(", ")})`, ExitCode.usage);
  }
  return owned[0];
}

/** The open order an `--order` id names: the open escrow box's id, or the id of the escrow holding it. */
export function orderById(state: EscrowState, id: string): Escrow & { order: NonNullable<Escrow["order"]> } {
  const escrow = state.escrows.find((e) => e.boxId === id || e.escrowId === id);
  if (!escrow) throw new CliError(`no open order ${id} in ${state.view.community.metadata.name}: it was settled already, or the id is of neither an order nor an escrow`, ExitCode.failure);
  if (!escrow.order) throw new CliError(`escrow ${escrow.escrowId} holds no open order`, ExitCode.failure);
  return escrow as Escrow & { order: NonNullable<Escrow["order"]> };
}

/**
 * `--deadline`: a height ("1234"), blocks from the tip ("+30"), or a duration from the tip in
 * 2-minute blocks ("12h", "3d", "1w"). Judged against the contract's limits by the builder.
 */
export function deadlineOption(text: string, tipHeight: number): bigint {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return BigInt(trimmed);
  if (/^\+\d+$/.test(trimmed)) return BigInt(tipHeight) + BigInt(trimmed.slice(1));
  try {
    return BigInt(tipHeight) + blocksOption("deadline", trimmed);
  } catch {
    throw new CliError(`--deadline must be a height (1234), blocks from now (+30) or a duration like 12h, 3d or 1w, not '${text}'`, ExitCode.usage);
  }
}

/** `--reference`: hex of at most 64 bytes as given, any other text as its blake2b256 hash. */
export function referenceOption(text: string | undefined): string {
  if (text === undefined || text === "") return "";
  if (/^([0-9a-f]{2})+$/i.test(text)) {
    if (text.length > REFERENCE_MAX_BYTES * 2) throw new CliError(`--reference: at most ${REFERENCE_MAX_BYTES} bytes of hex (or text, which is hashed)`, ExitCode.usage);
    return text.toLowerCase();
  }
  return hex.encode(blake2b256(utf8.decode(text)));
}

/** Ergo's 2-minute blocks as a time from now: "about 40 minutes", "about 3 hours", "about 2 days". */
export function blocksFromNow(blocks: bigint): string {
  const minutes = Number(blocks) * 2;
  if (minutes < 120) return `about ${minutes} minutes`;
  if (minutes < 2_880) return `about ${Math.round(minutes / 60)} hours`;
  return `about ${Math.round(minutes / 1_440)} days`;
}

/** A height as people read it: 1,234. */
export const heightInWords = (height: bigint | number): string => Number(height).toLocaleString("en-US");
