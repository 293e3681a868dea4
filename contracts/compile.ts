/**
 * Build-time compilation of the ErgoScript sources into `contracts/compiled.json`.
 * Run with `npm run compile:contracts`; `compile.spec.ts` recompiles and fails when the committed
 * file is stale. Nothing at run time loads the compiler: builders and decoders read the JSON.
 *
 * The two trees refer to each other. The community tree embeds the account tree (to recognise
 * accounts); the account tree recognises the community tree by the bytes around that embedded
 * copy: `communityHole` (where the account tree starts) and `communityRest` (the hash of the rest).
 * Those depend only on the account tree's length, not its content, so compiling the account with
 * placeholders of the same encoded size, then with the real values, reaches a fixed point.
 *
 * The account and community sources compile twice, into two families: plain (`//#else` blocks)
 * and economics (`//#if econ` blocks, docs/economics.md). The plain family is what every
 * community without levers uses, so its payments carry none of the economics bytes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compile } from "@fleet-sdk/compiler";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { SBigInt, SColl, SByte, SInt, SLong } from "@fleet-sdk/serializer";
import {
  CONTRACT_PARAMETERS,
  GOVERNANCE_KEY_MAX,
  GOVERNANCE_KEY_MIN,
  GOVERNANCE_VOTE_UNITS,
  STORAGE_PERIOD_BLOCKS,
  type CompiledContracts,
} from "./parameters.ts";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const source = (name: string) => readFileSync(here(`./${name}/${name}.es`), "utf8");

/** The two families of account and community trees. */
export type Family = "plain" | "econ";

/**
 * Keeps the lines of `family`: those between `//#if econ` and `//#else` (or `//#endif`) only for
 * econ, those between `//#else` and `//#endif` only for plain; the marker lines go. No nesting.
 */
export function preprocess(text: string, family: Family): string {
  let block: "if" | "else" | undefined;
  const kept: string[] = [];
  for (const line of text.split("\n")) {
    const marker = line.trim();
    if (marker === "//#if econ") {
      if (block) throw new Error("nested //#if econ");
      block = "if";
    } else if (marker === "//#else") {
      if (block !== "if") throw new Error("//#else without //#if econ");
      block = "else";
    } else if (marker === "//#endif") {
      if (!block) throw new Error("//#endif without //#if econ");
      block = undefined;
    } else if (!block || (block === "if") === (family === "econ")) {
      kept.push(line);
    }
  }
  if (block) throw new Error("//#if econ without //#endif");
  return kept.join("\n");
}

/** Hash of an ErgoTree's template (for trees without segregated constants: the tree body). */
export function templateHash(ergoTree: string): string {
  // Header byte 0x00: no segregated constants, no size; the template is everything after it.
  return hex.encode(blake2b256(hex.decode(ergoTree.slice(2))));
}

function compileOne(script: string, map: Record<string, string>): string {
  // Version 0 without segregated constants is the smallest encoding; every payment carries two
  // copies of the account tree, so its bytes are the main size cost of a payment.
  return compile(script, { version: 0, segregateConstants: false, map }).toHex();
}

const P = CONTRACT_PARAMETERS;
const shared = {
  maxAgeBlocks: SInt(P.maxAgeBlocks).toHex(),
  storagePeriod: SInt(STORAGE_PERIOD_BLOCKS).toHex(),
  minBoxValue: SLong(P.minBoxValueNanoErg).toHex(),
  dormantBlocks: SInt(P.dormantBlocks).toHex(),
};

interface Hole {
  communityHole: number;
  communityRest: string;
}

function compileAccount(family: Family, hole: Hole): string {
  return compileOne(preprocess(source("account"), family), {
    ...shared,
    communityHole: SInt(hole.communityHole).toHex(),
    communityRest: SColl(SByte, hex.decode(hole.communityRest)).toHex(),
    batchHash: treeHash(batchTree()),
    underwritingHash: treeHash(underwritingTree()),
  });
}

// The underwriting box knows no account or community tree (it finds its account by token and id),
// so the account recognises it by its hash (version 8, docs/underwriting.md).
const underwritingTree = (): string =>
  compileOne(source("underwriting"), {
    maxAgeBlocks: shared.maxAgeBlocks,
    dormantBlocks: shared.dormantBlocks,
    floorFactor: SLong(P.storageFeeFactor * P.lineFloorFees).toHex(),
    maxBackers: SInt(P.maxBackers).toHex(),
  });

/** The domain tag in front of every payment order a key signs (docs/batches.md). */
export const ORDER_TAG = "lets/order/v5";

// The batch tree knows no account tree (it reads the accounts' tree from its second input), so
// the account recognises it by its plain hash.
const batchTree = (): string =>
  compileOne(source("batch"), {
    maxAgeBlocks: shared.maxAgeBlocks,
    batchAgeBlocks: SInt(P.batchAgeBlocks).toHex(),
    orderTag: SColl(SByte, new TextEncoder().encode(ORDER_TAG)).toHex(),
  });

const rent = { lineFloorFactor: SLong(P.storageFeeFactor * P.lineFloorFees).toHex() };
const gatewayTree = (): string => compileOne(source("gateway"), { ...shared, ...rent });
const treeHash = (tree: string) => SColl(SByte, blake2b256(hex.decode(tree))).toHex();
// B's end recognises A's end by its tree's hash; A's end needs nothing of B's tree.
const gatewayBTree = (): string => compileOne(source("gateway-b"), { gatewayAHash: treeHash(gatewayTree()), storagePeriod: shared.storagePeriod });
// The line recognises B's end (made by B's accept) by its tree's hash; neither end knows the line's.
const lineTree = (): string => compileOne(source("line"), { ...shared, ...rent, maxRate: SLong(P.maxRate).toHex(), gatewayBHash: treeHash(gatewayBTree()) });

// The desk knows no account or community tree (it finds its member by token, as accounts do), so
// the community recognises it by its plain hash.
const deskTree = (): string =>
  compileOne(source("desk"), {
    ...shared,
    deskFloorFactor: SLong(P.storageFeeFactor * P.lineFloorFees).toHex(),
    maxRate: SLong(P.maxDeskRate).toHex(),
    maxLedger: SInt(P.maxDeskLedger).toHex(),
  });

// The escrow knows no account or community tree (it finds its members by token, and the community
// box as the one box spent first that gains its unit), so the community recognises it by its hash.
const escrowTree = (): string =>
  compileOne(source("escrow"), {
    ...shared,
    floorFactor: SLong(P.storageFeeFactor * P.lineFloorFees).toHex(),
    graceBlocks: SLong(BigInt(P.escrowGraceBlocks)).toHex(),
  });

// ERG loans (docs/loans.md): no community token, no account or community tree. The bond
// recognises its loan by the loan tree's hash and the loan token; the loan knows no bond.
const loanTree = (): string =>
  compileOne(source("loan"), {
    maxAgeBlocks: shared.maxAgeBlocks,
    floorFactor: SLong(P.storageFeeFactor * P.lineFloorFees).toHex(),
    claimWindowBlocks: SLong(BigInt(P.loanClaimWindowBlocks)).toHex(),
  });
const bondTree = (): string =>
  compileOne(source("bond"), {
    maxAgeBlocks: shared.maxAgeBlocks,
    floorFactor: SLong(P.storageFeeFactor * P.lineFloorFees).toHex(),
    loanHash: treeHash(loanTree()),
  });

// Member governance (version 9, docs/governance.md). The vote and proposal trees find each other by
// the proposal's token; the governance box checks what it opens by their hashes; all three know the
// plain account and community trees by their hashes (a box holding a community unit under another
// script, a desk or an escrow, is no member and no community).
const keys = {
  keyMin: SBigInt(GOVERNANCE_KEY_MIN).toHex(),
  keyMax: SBigInt(GOVERNANCE_KEY_MAX).toHex(),
};
const plainHashes = (plain: Pair) => ({ accountHash: treeHash(plain.account), communityHash: treeHash(plain.community) });
const voteNanoErg = SLong(P.governanceVoteNanoErg).toHex();
const voteTree = (plain: Pair): string =>
  compileOne(source("vote"), { maxAgeBlocks: shared.maxAgeBlocks, accountHash: plainHashes(plain).accountHash, voteNanoErg });
const proposalTree = (plain: Pair): string =>
  compileOne(source("proposal"), {
    maxAgeBlocks: shared.maxAgeBlocks,
    keyMax: keys.keyMax,
    execBlocks: SLong(BigInt(P.governanceExecBlocks)).toHex(),
    communityHash: plainHashes(plain).communityHash,
  });
const governanceTree = (plain: Pair): string =>
  compileOne(source("governance"), {
    ...keys,
    ...plainHashes(plain),
    maxAgeBlocks: shared.maxAgeBlocks,
    dormantBlocks: shared.dormantBlocks,
    storageFeeFactor: SLong(P.storageFeeFactor).toHex(),
    voteUnits: SLong(GOVERNANCE_VOTE_UNITS).toHex(),
    voteNanoErg,
    proposalHash: treeHash(proposalTree(plain)),
    voteHash: treeHash(voteTree(plain)),
  });

function compileCommunity(family: Family, account: string): string {
  return compileOne(preprocess(source("community"), family), {
    ...shared,
    escrowHash: treeHash(escrowTree()),
    deskHash: treeHash(deskTree()),
    deskFloorFactor: SLong(P.storageFeeFactor * P.lineFloorFees).toHex(),
    maxDeskRate: SLong(P.maxDeskRate).toHex(),
    lineHash: treeHash(lineTree()),
    gatewayHash: treeHash(gatewayTree()),
    gatewayBHash: treeHash(gatewayBTree()),
    maxRate: SLong(P.maxRate).toHex(),
    lineFloorFactor: SLong(P.storageFeeFactor * P.lineFloorFees).toHex(),
    maxShards: SLong(BigInt(P.maxShards)).toHex(),
    storageFeeFactor: SLong(P.storageFeeFactor).toHex(),
    maxNanoErg: SLong(P.maxNanoErg).toHex(),
    maxCommunityBytes: SInt(P.maxCommunityBytes).toHex(),
    accountScript: SColl(SByte, hex.decode(account)).toHex(),
  });
}

/** Where `account` sits in `community` and the hash of everything else; it must appear once. */
export function holeOf(community: string, account: string): Hole {
  const at = community.indexOf(account);
  if (at < 0 || at % 2 !== 0 || community.indexOf(account, at + 1) >= 0) {
    throw new Error("the account tree must appear exactly once in the community tree");
  }
  const rest = hex.decode(community.slice(0, at) + community.slice(at + account.length));
  return { communityHole: at / 2, communityRest: hex.encode(blake2b256(rest)) };
}

interface Pair {
  account: string;
  community: string;
  hole: Hole;
}

/** One family's account and community trees, at their fixed point. */
function compilePair(family: Family): Pair {
  // A placeholder offset with the same encoded size as real ones (two bytes) and a zero hash.
  let hole: Hole = { communityHole: 100, communityRest: "00".repeat(32) };
  let account = compileAccount(family, hole);
  let community = compileCommunity(family, account);
  for (let round = 0; round < 4; round++) {
    hole = holeOf(community, account);
    const next = compileAccount(family, hole);
    const nextCommunity = compileCommunity(family, next);
    const check = holeOf(nextCommunity, next);
    account = next;
    community = nextCommunity;
    if (check.communityHole === hole.communityHole && check.communityRest === hole.communityRest) {
      return { account, community, hole };
    }
  }
  throw new Error(`the ${family} account and community trees did not reach a fixed point`);
}

/** Compiles every contract with the protocol parameters; deterministic for a given compiler. */
export function compileContracts(): CompiledContracts {
  return output(compilePair("plain"), compilePair("econ"));
}

const described = (tree: string) => ({ ergoTree: tree, templateHash: templateHash(tree), bytes: tree.length / 2 });

function output(plain: Pair, econ: Pair): CompiledContracts {
  return {
    parameters: {
      version: P.version,
      maxAgeBlocks: P.maxAgeBlocks,
      minBoxValueNanoErg: P.minBoxValueNanoErg.toString(),
      dormantBlocks: P.dormantBlocks,
      storageFeeFactor: P.storageFeeFactor.toString(),
      maxNanoErg: P.maxNanoErg.toString(),
      maxCommunityBytes: P.maxCommunityBytes,
      maxRate: P.maxRate.toString(),
      maxShards: P.maxShards,
      lineFloorFees: P.lineFloorFees.toString(),
      maxDeskRate: P.maxDeskRate.toString(),
      maxDeskLedger: P.maxDeskLedger,
      escrowGraceBlocks: P.escrowGraceBlocks,
      maxBackers: P.maxBackers,
      loanClaimWindowBlocks: P.loanClaimWindowBlocks,
      governanceExecBlocks: P.governanceExecBlocks,
      governanceVoteNanoErg: P.governanceVoteNanoErg.toString(),
      ...plain.hole,
      orderTag: ORDER_TAG,
      batchAgeBlocks: P.batchAgeBlocks,
      econCommunityHole: econ.hole.communityHole,
      econCommunityRest: econ.hole.communityRest,
    },
    account: described(plain.account),
    community: described(plain.community),
    accountEcon: described(econ.account),
    communityEcon: described(econ.community),
    batch: described(batchTree()),
    line: described(lineTree()),
    gateway: described(gatewayTree()),
    gatewayB: described(gatewayBTree()),
    desk: described(deskTree()),
    escrow: described(escrowTree()),
    underwriting: described(underwritingTree()),
    loan: described(loanTree()),
    bond: described(bondTree()),
    governance: described(governanceTree(plain)),
    proposal: described(proposalTree(plain)),
    vote: described(voteTree(plain)),
  };
}

/** Path of the committed data file. */
export const COMPILED_PATH = here("./compiled.json");

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const compiled = compileContracts();
  writeFileSync(COMPILED_PATH, JSON.stringify(compiled, null, 2) + "\n");
  process.stdout.write(
    `account ${compiled.account.bytes} B, community ${compiled.community.bytes} B, batch ${compiled.batch.bytes} B, economics account ${compiled.accountEcon.bytes} B and community ${compiled.communityEcon.bytes} B, line ${compiled.line.bytes} B, gateways ${compiled.gateway.bytes} + ${compiled.gatewayB.bytes} B, desk ${compiled.desk.bytes} B, escrow ${compiled.escrow.bytes} B, underwriting ${compiled.underwriting.bytes} B, loan ${compiled.loan.bytes} B, bond ${compiled.bond.bytes} B, governance ${compiled.governance.bytes} B, proposal ${compiled.proposal.bytes} B, vote ${compiled.vote.bytes} B -> ${COMPILED_PATH}\n`,
  );
}
