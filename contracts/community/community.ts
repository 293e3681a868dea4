/**
 * The community box: policy, committee, metadata, state and treasury, its registers, and
 * `decodeCommunity` for boxes read from a node.
 */
import type { Box, Amount } from "@fleet-sdk/common";
import { COMMUNITY_ECON_ERGO_TREE, COMMUNITY_ERGO_TREE, isCommunityTree } from "../scripts.ts";
import { ECONOMICS_FIELDS, type Economics } from "../economics.ts";
import { decoded, type Decoded } from "../decode-result.ts";
import { hex } from "@fleet-sdk/crypto";
import { longsConstant, readBytes, readLongs, readSigmaProp, textConstant } from "../registers.ts";

/** Rules for future joins, set by the committee (R4). */
export interface Policy {
  creditLimit: bigint;
  /** 0 means no cap. */
  positiveCap: bigint;
  joinFeeNanoErg: bigint;
  collateralNanoErg: bigint;
  /** Fixed at creation: the membership token's supply is maxMembers + 1. */
  maxMembers: bigint;
  /** 0 means no default path. */
  inactivityBlocks: bigint;
  /**
   * The economics levers (docs/economics.md). Present only in an economics community (the
   * economics trees); fixed at creation whether a community has them, never added or removed.
   */
  economics?: Economics;
}

/** Display metadata (R6, UTF-8 JSON); extra keys are kept. */
export interface CommunityMetadata {
  name: string;
  symbol: string;
  description: string;
  decimals: number;
  [extra: string]: unknown;
}

/** A community as its live box states it. */
export interface Community {
  boxId: string;
  communityId: string;
  /** Seats left: the token units in the box minus the anchor unit. */
  seatsLeft: bigint;
  policy: Policy;
  /** Serialized SigmaProp constant of the committee (hex). */
  committee: string;
  metadata: CommunityMetadata;
  membersJoined: bigint;
  communityBalance: bigint;
  treasuryNanoErg: bigint;
  /** The box's creation height: the clock of storage rent and of dormancy. */
  creationHeight: number;
  /**
   * The governance token's id (R8, plain version 9) once the community decides by member vote
   * (docs/governance.md); null while its committee governs.
   */
  governanceId: string | null;
  /**
   * Why R6 is not the metadata the layout asks for (not UTF-8 JSON, no name, ...), or null. The
   * community is kept: `metadata` then holds the raw text as its description.
   */
  metadataProblem: string | null;
  box: Box<Amount>;
}

/** Fields of a new or successor community box. */
export interface CommunityState {
  policy: Policy;
  committee: string;
  metadata: CommunityMetadata;
  membersJoined: bigint;
  communityBalance: bigint;
}

/** The policy as R4 holds it: 6 values, or 17 with economics. */
export const policyValues = (p: Policy): bigint[] => [
  p.creditLimit, p.positiveCap, p.joinFeeNanoErg, p.collateralNanoErg, p.maxMembers, p.inactivityBlocks,
  ...(p.economics ? ECONOMICS_FIELDS.map((f) => p.economics![f]) : []),
];

/** The community tree for a policy: with economics, the economics family. */
export const communityTreeFor = (policy: Policy): string => (policy.economics ? COMMUNITY_ECON_ERGO_TREE : COMMUNITY_ERGO_TREE);

/** Serializes the community registers R4..R7 in the public layout. */
export function communityRegisters(state: CommunityState): Record<"R4" | "R5" | "R6" | "R7", string> {
  return {
    R4: longsConstant(policyValues(state.policy)),
    R5: state.committee,
    R6: textConstant(JSON.stringify(state.metadata)),
    R7: longsConstant([state.membersJoined, state.communityBalance]),
  };
}

/** Reads policy values in R4 order. */
export function policyFromValues(values: readonly bigint[]): Policy {
  const [creditLimit, positiveCap, joinFeeNanoErg, collateralNanoErg, maxMembers, inactivityBlocks] =
    values as [bigint, bigint, bigint, bigint, bigint, bigint];
  const policy: Policy = { creditLimit, positiveCap, joinFeeNanoErg, collateralNanoErg, maxMembers, inactivityBlocks };
  if (values.length > 6) {
    policy.economics = Object.fromEntries(ECONOMICS_FIELDS.map((f, i) => [f, values[6 + i]!])) as unknown as Economics;
  }
  return policy;
}

function parseMetadata(text: string): CommunityMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("R6: metadata is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("R6: metadata must be a JSON object");
  const m = value as Record<string, unknown>;
  if (typeof m.name !== "string" || typeof m.symbol !== "string") throw new Error("R6: metadata needs name and symbol");
  const decimals = m.decimals ?? 0;
  if (typeof decimals !== "number" || !Number.isInteger(decimals) || decimals < 0 || decimals > 18) {
    throw new Error("R6: decimals must be an integer 0..18");
  }
  return { ...m, name: m.name, symbol: m.symbol, description: typeof m.description === "string" ? m.description : "", decimals };
}

/**
 * Reads R6 leniently: the committee may write any bytes there, and a community must not vanish
 * from view (nor its members lose the way to leave) because of its metadata. Text that is not the
 * expected JSON becomes the description of an unnamed community, with the problem stated.
 */
export function readMetadata(r6Hex: string): { metadata: CommunityMetadata; metadataProblem: string | null } {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(hex.decode(r6Hex));
  try {
    return { metadata: parseMetadata(text), metadataProblem: null };
  } catch (error) {
    const fallback = { name: "(unnamed community)", symbol: "?", description: text, decimals: 0 };
    return { metadata: fallback, metadataProblem: error instanceof Error ? error.message : String(error) };
  }
}

/** Decodes a community box, or says why the box is not a well-formed community. */
export function decodeCommunity(box: Box<Amount>): Decoded<Community> {
  return decoded(() => {
    if (!isCommunityTree(box.ergoTree)) throw new Error("not the community script");
    const econ = box.ergoTree === COMMUNITY_ECON_ERGO_TREE;
    const [token, ...others] = box.assets;
    if (!token || others.length > 0) throw new Error("a community box holds exactly its membership token");
    const r = box.additionalRegisters;
    if (r.R9 !== undefined) throw new Error("R9: must be empty");
    if (r.R8 !== undefined && econ) throw new Error("R8: must be empty in an economics community");
    const governanceId = r.R8 === undefined ? null : readBytes("R8", r.R8);
    if (governanceId !== null && governanceId.length !== 64 && governanceId.length !== 0) throw new Error("R8: a governance id has 32 bytes");
    const [membersJoined, communityBalance] = readLongs("R7", r.R7, 2) as [bigint, bigint];
    return {
      boxId: box.boxId,
      communityId: token.tokenId,
      seatsLeft: BigInt(token.amount) - 1n,
      policy: policyFromValues(readLongs("R4", r.R4, econ ? 6 + ECONOMICS_FIELDS.length : 6)),
      committee: readSigmaProp("R5", r.R5),
      ...readMetadata(readBytes("R6", r.R6)),
      membersJoined,
      communityBalance,
      treasuryNanoErg: BigInt(box.value),
      creationHeight: box.creationHeight,
      governanceId: governanceId || null,
      box,
    };
  });
}

/**
 * Registers of the community box that succeeds `community` with a new state. R4..R6 are copied
 * byte for byte: the contract compares serialized registers, and re-encoding metadata JSON could
 * change its bytes.
 */
export function successorRegisters(
  community: Community,
  state: { membersJoined: bigint; communityBalance: bigint },
): Record<"R4" | "R5" | "R6" | "R7", string> {
  const r = community.box.additionalRegisters;
  return {
    R4: r.R4 as string,
    R5: r.R5 as string,
    R6: r.R6 as string,
    R7: longsConstant([state.membersJoined, state.communityBalance]),
  };
}
