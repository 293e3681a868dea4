/**
 * Deterministic block headers and the two blockchain contexts built from them: ergo-lib's
 * `ErgoStateContext` and sigmastate-js's `BlockchainStateContext`.
 *
 * "Validated at height h" means what an Ergo node means: the transaction goes into block h, so
 * the pre-header (the block being built) has height h and scripts see `HEIGHT == h`; the ten last
 * headers are blocks h-1 .. h-10, newest first. Both interpreters take HEIGHT from the pre-header
 * (sigma-rust `make_context`: `height: state_ctx.pre_header.height`; sigmastate
 * `ErgoLikeContext.preHeader.height`). Note that Fleet's `new MockChain({ height })` is the tip, so
 * its scripts see `HEIGHT == height + 1`.
 *
 * Fields other than id, parentId, height and timestamp are copied from mainnet block 693479.
 */
import { createHash } from "node:crypto";
import type { NodeHeader as DevnetHeader } from "../../ergo/types.ts";
import {
  BlockHeader,
  BlockHeaders,
  ErgoStateContext,
  Parameters,
  PreHeader,
} from "ergo-lib-wasm-nodejs";
import {
  AvlTree$,
  GroupElement$,
  type AvlTree,
  type BlockchainStateContext,
  type Header,
} from "sigmastate-js/main";

/** A block header in the Ergo node REST API JSON shape, without the fields scripts never see. */
export type NodeHeader = Omit<DevnetHeader, "difficulty" | "size" | "extensionId" | "transactionsId" | "adProofsId">;

/** Number of last headers in a script's context (`CONTEXT.headers`), as on the node. */
export const LAST_HEADERS = 10;

const MAINNET_GENESIS_MS = 1_561_978_800_000;
const BLOCK_MS = 120_000;
const BLOCK_VERSION = 3;

const TEMPLATE = {
  nBits: 117_828_796,
  votes: "000000",
  adProofsRoot: "1130ce510264cd3707592f14631fbb994cb3624219f159b5cbf3119efcf25b8c",
  stateRoot: "37e32d56e08d94170f8c54ecee1e65d526841524773c3769ea4aaf8bd014d6c018",
  transactionsRoot: "57fb74737b99ea1f57e206ce76743e5970da060fed27cea6c8f50b7d587c8beb",
  extensionHash: "5fb2be1ff25d365daadbb3cd4908feceff097bb4ad8f6c7f1436a04ffa3bf5cd",
  powSolutions: {
    pk: "0274e729bb6615cbda94d9d176a2f1525068f12b330e38bbbf387232797dfd891f",
    w: "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
    n: "b8e6000bf8e4f5fc",
    d: 0,
  },
} as const;

// sigmastate-js.d.ts declares `fromDigest` as an instance method although it is called statically.
const avlTrees = AvlTree$ as unknown as { fromDigest(digestHex: string): AvlTree };

function headerId(height: number): string {
  return createHash("sha256").update(`lets-testing-header:${height}`).digest("hex");
}

/** The deterministic header of block `height` (heights below 0 are clamped to 0). */
export function headerJson(height: number): NodeHeader {
  const h = Math.max(0, height);
  return {
    ...TEMPLATE,
    powSolutions: { ...TEMPLATE.powSolutions },
    id: headerId(h),
    parentId: headerId(h - 1),
    version: BLOCK_VERSION,
    height: h,
    timestamp: MAINNET_GENESIS_MS + h * BLOCK_MS,
  };
}

/** The ten headers before block `height`, newest first, as a script at that height sees them. */
export function lastHeadersJson(height: number): NodeHeader[] {
  return Array.from({ length: LAST_HEADERS }, (_, i) => headerJson(height - 1 - i));
}

/**
 * ergo-lib's context for a transaction in block `height`; `headers` (ten, newest first) replace
 * the generated last headers, and the generated pre-header then points at `headers[0]`.
 */
export function ergoStateContext(height: number, headers?: NodeHeader[]): ErgoStateContext {
  const last = headers ?? lastHeadersJson(height);
  const pre = { ...headerJson(height), parentId: last[0]?.id ?? headerId(height - 1) };
  const preHeader = PreHeader.from_block_header(BlockHeader.from_json(JSON.stringify(pre)));
  // Genesis parameters: block version 1, but minValuePerByte (360) equals mainnet's.
  return new ErgoStateContext(preHeader, BlockHeaders.from_json(last), Parameters.default_parameters());
}

function sigmaHeader(h: NodeHeader): Header {
  return {
    id: h.id,
    version: h.version,
    parentId: h.parentId,
    ADProofsRoot: h.adProofsRoot,
    stateRoot: avlTrees.fromDigest(h.stateRoot),
    transactionsRoot: h.transactionsRoot,
    timestamp: BigInt(h.timestamp),
    nBits: BigInt(h.nBits),
    height: h.height,
    extensionRoot: h.extensionHash,
    minerPk: GroupElement$.fromPointHex(h.powSolutions.pk),
    powOnetimePk: GroupElement$.fromPointHex(h.powSolutions.w),
    powNonce: h.powSolutions.n,
    powDistance: BigInt(h.powSolutions.d),
    votes: h.votes,
  };
}

/** sigmastate-js's context for a transaction in block `height`, from the same headers as ergo-lib's. */
export function sigmaStateContext(height: number): BlockchainStateContext {
  const last = lastHeadersJson(height);
  return {
    sigmaLastHeaders: last.map(sigmaHeader),
    previousStateDigest: last[0]?.stateRoot ?? TEMPLATE.stateRoot,
    sigmaPreHeader: sigmaHeader(headerJson(height)),
  };
}
