/** The compiled contracts, read from the committed `compiled.json` (no compiler at run time). */
import compiled from "./compiled.json" with { type: "json" };
import type { CompiledContracts } from "./parameters.ts";

const contracts: CompiledContracts = compiled;

/** ErgoTree (hex) of every account box of every community. */
export const ACCOUNT_ERGO_TREE = contracts.account.ergoTree;
/** ErgoTree (hex) of every community box. */
export const COMMUNITY_ERGO_TREE = contracts.community.ergoTree;
/** The economics family (docs/economics.md): accounts and communities with the levers. */
export const ACCOUNT_ECON_ERGO_TREE = contracts.accountEcon.ergoTree;
export const COMMUNITY_ECON_ERGO_TREE = contracts.communityEcon.ergoTree;
/** Whether a tree is an account (either family), or a community box (either family). */
export const isAccountTree = (tree: string): boolean => tree === ACCOUNT_ERGO_TREE || tree === ACCOUNT_ECON_ERGO_TREE;
export const isCommunityTree = (tree: string): boolean => tree === COMMUNITY_ERGO_TREE || tree === COMMUNITY_ECON_ERGO_TREE;
/** The account tree that belongs with a community tree. */
export const accountTreeOf = (communityTree: string): string =>
  communityTree === COMMUNITY_ECON_ERGO_TREE ? ACCOUNT_ECON_ERGO_TREE : ACCOUNT_ERGO_TREE;
/** ErgoTree (hex) of the batch settlement box (version 5, docs/batches.md): anyone may create one. */
export const BATCH_ERGO_TREE = contracts.batch.ergoTree;
export const BATCH_TEMPLATE_HASH = contracts.batch.templateHash;
/** A batch settlement records activity at most this many blocks old (the settler writes it, not the owner). */
export const BATCH_AGE_BLOCKS = contracts.parameters.batchAgeBlocks;
/** ErgoTree (hex) of every trade line box and every gateway box (docs/inter-lets.md). */
export const LINE_ERGO_TREE = contracts.line.ergoTree;
export const GATEWAY_ERGO_TREE = contracts.gateway.ergoTree;
export const GATEWAY_B_ERGO_TREE = contracts.gatewayB.ergoTree;
/** The gateway tree of a line's side: A's end checks the pair, B's end leans on it. */
export const gatewayTreeOf = (side: 0 | 1): string => (side === 0 ? GATEWAY_ERGO_TREE : GATEWAY_B_ERGO_TREE);
/** Largest numerator or denominator of a line's rate, and most shards of a line. */
export const MAX_RATE = BigInt(contracts.parameters.maxRate);
export const MAX_SHARDS = contracts.parameters.maxShards;
/** Line and gateway boxes hold more than this many storage fees (docs/inter-lets.md, "Storage rent"). */
export const LINE_FLOOR_FEES = BigInt(contracts.parameters.lineFloorFees);
/** Template hashes, for the node's `byTemplateHash` style look-ups. */
export const ACCOUNT_TEMPLATE_HASH = contracts.account.templateHash;
export const COMMUNITY_TEMPLATE_HASH = contracts.community.templateHash;
export const ACCOUNT_ECON_TEMPLATE_HASH = contracts.accountEcon.templateHash;
export const COMMUNITY_ECON_TEMPLATE_HASH = contracts.communityEcon.templateHash;
export const LINE_TEMPLATE_HASH = contracts.line.templateHash;
export const GATEWAY_TEMPLATE_HASH = contracts.gateway.templateHash;
export const GATEWAY_B_TEMPLATE_HASH = contracts.gatewayB.templateHash;
/** ErgoTree (hex) of every exchange desk box (version 6, docs/desk.md), its template hash, its bounds. */
export const DESK_ERGO_TREE = contracts.desk.ergoTree;
export const DESK_TEMPLATE_HASH = contracts.desk.templateHash;
export const MAX_DESK_RATE = BigInt(contracts.parameters.maxDeskRate);
export const MAX_DESK_LEDGER = contracts.parameters.maxDeskLedger;
/** ErgoTree (hex) of every escrow box (version 7, docs/escrow.md), its template hash, the payee's claim window. */
export const ESCROW_ERGO_TREE = contracts.escrow.ergoTree;
export const ESCROW_TEMPLATE_HASH = contracts.escrow.templateHash;
export const ESCROW_GRACE_BLOCKS = contracts.parameters.escrowGraceBlocks;
/** ErgoTree (hex) of every underwriting box (version 8, docs/underwriting.md), its template hash, its bound. */
export const UNDERWRITING_ERGO_TREE = contracts.underwriting.ergoTree;
export const UNDERWRITING_TEMPLATE_HASH = contracts.underwriting.templateHash;
export const MAX_BACKERS = contracts.parameters.maxBackers;
/** ErgoTree (hex) of every loan box and every bond box (docs/loans.md), and their template hashes. */
export const LOAN_ERGO_TREE = contracts.loan.ergoTree;
export const LOAN_TEMPLATE_HASH = contracts.loan.templateHash;
export const BOND_ERGO_TREE = contracts.bond.ergoTree;
export const BOND_TEMPLATE_HASH = contracts.bond.templateHash;
/** Blocks the investor keeps to claim from the bond after the last instalment's grace window. */
export const LOAN_CLAIM_WINDOW_BLOCKS = contracts.parameters.loanClaimWindowBlocks;
/** ErgoTrees (hex) of member governance (version 9, docs/governance.md): governance, proposal and vote boxes. */
export const GOVERNANCE_ERGO_TREE = contracts.governance.ergoTree;
export const GOVERNANCE_TEMPLATE_HASH = contracts.governance.templateHash;
export const PROPOSAL_ERGO_TREE = contracts.proposal.ergoTree;
export const PROPOSAL_TEMPLATE_HASH = contracts.proposal.templateHash;
export const VOTE_ERGO_TREE = contracts.vote.ergoTree;
export const VOTE_TEMPLATE_HASH = contracts.vote.templateHash;
/** Blocks after a proposal's veto window in which it may be tallied and executed. */
export const GOVERNANCE_EXEC_BLOCKS = contracts.parameters.governanceExecBlocks;
/** The least ERG in a vote box and the head of a vote list: the votes pay for their tally. */
export const GOVERNANCE_VOTE_NANOERG = BigInt(contracts.parameters.governanceVoteNanoErg);
/** Creation heights (and recorded heights) may lag the current height by at most this much. */
export const MAX_AGE_BLOCKS = contracts.parameters.maxAgeBlocks;
/** ERG an account keeps above its collateral. */
export const MIN_BOX_VALUE = BigInt(contracts.parameters.minBoxValueNanoErg);
/** The contract version of these trees (docs/contracts.md, "Versions"). */
export const CONTRACT_VERSION = contracts.parameters.version;
/** A box nobody spent for this many blocks is dormant: closable (account) or refreshable (community) by anyone. */
export const DORMANT_BLOCKS = contracts.parameters.dormantBlocks;
/** nanoERG of storage fee per byte per storage period that the community box's floor covers. */
export const STORAGE_FEE_FACTOR = BigInt(contracts.parameters.storageFeeFactor);
/** Upper bound of the ERG amounts of a policy. */
export const MAX_NANO_ERG = BigInt(contracts.parameters.maxNanoErg);
/** The largest community box governance may write (room for every field that grows below 4,096 bytes). */
export const MAX_COMMUNITY_BYTES = contracts.parameters.maxCommunityBytes;
