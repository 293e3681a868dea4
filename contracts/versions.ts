/**
 * Contract versions: the trees of earlier versions, so that readers can tell a box of a superseded
 * version from a look-alike and ignore it with that reason. No mainnet deployment exists, so
 * earlier versions are not spendable by today's builders (docs/contracts.md, "Versions").
 */
import { blake2b256, hex } from "@fleet-sdk/crypto";
import {
  ACCOUNT_ECON_TEMPLATE_HASH,
  ACCOUNT_TEMPLATE_HASH,
  COMMUNITY_ECON_TEMPLATE_HASH,
  COMMUNITY_TEMPLATE_HASH,
  CONTRACT_VERSION,
} from "./scripts.ts";

/** One version's template hashes (blake2b256 of the tree without its header byte). */
export interface ContractVersion {
  version: number;
  accountTemplateHash: string;
  communityTemplateHash: string;
  /** Since version 4, the economics family's trees (docs/economics.md). */
  accountEconTemplateHash?: string;
  communityEconTemplateHash?: string;
  /** What changed, in a line. */
  summary: string;
}

/** Every version, oldest first; the last is the one these sources compile to. */
export const CONTRACT_VERSIONS: readonly ContractVersion[] = [
  {
    version: 1,
    accountTemplateHash: "d947c9624b003927e5299d6e69d2a25549c7537cf2ba1097899faa4abd436514",
    communityTemplateHash: "ac7590665283b576624605fd5c5278e2bd40a5af13b176a60e86b19f987704cc",
    summary: "first contracts: join, pay, leave, default, govern",
  },
  {
    version: 2,
    accountTemplateHash: "ee6cc52c61efdb717a2bb67cebb01a63946fe054549ffa1b93aea298a725ccbb",
    communityTemplateHash: "51e7bd62d22e98d26b929c00014d7c0cb37eac4d3b4c3d6242e4136026bc1ff0",
    summary: "storage rent: genuine community on exit, rent floor, dormant close and refresh; fair default; bounded governance; key-only owners",
  },
  {
    version: 3,
    accountTemplateHash: "d0a8b412c0897335c5d3bfa52286e77c690b209d1048479166d6bccaeffe388e",
    communityTemplateHash: "a754aa7055690da1e002606f7f56d541ef058df20ff630fc6d5aa82541426260",
    summary: "trade lines between communities: line and gateway boxes; an account counts every holder of a membership unit; propose and accept a line",
  },
  {
    version: 4,
    // The plain trees were version 3's, byte for byte; the economics trees are still current.
    accountTemplateHash: "d0a8b412c0897335c5d3bfa52286e77c690b209d1048479166d6bccaeffe388e",
    communityTemplateHash: "a754aa7055690da1e002606f7f56d541ef058df20ff630fc6d5aa82541426260",
    accountEconTemplateHash: ACCOUNT_ECON_TEMPLATE_HASH,
    communityEconTemplateHash: COMMUNITY_ECON_TEMPLATE_HASH,
    summary: "community economics: a second family of account and community trees with demurrage, usage fees, earned credit limits and newcomer allowances; the plain trees are version 3's, byte for byte",
  },
  {
    version: 5,
    accountTemplateHash: "41182f41d66e54d685753fde3306c523c67472a86bec73dabe1d7baded22d556",
    communityTemplateHash: "21995cc69387a3a02655b7bd57bd6b43d452eef574095529bf2bf117f8906f29",
    accountEconTemplateHash: ACCOUNT_ECON_TEMPLATE_HASH,
    communityEconTemplateHash: COMMUNITY_ECON_TEMPLATE_HASH,
    summary: "batch settlement of signed payment orders (plain family): the batch box checks a whole batch once; a plain account's R9 is its order sequence; the economics trees are version 4's, byte for byte",
  },
  {
    version: 6,
    accountTemplateHash: "571e7f8f784efee93c3092610eb95147442110b8bcf7c83eca83e0b148eb1e50",
    communityTemplateHash: "8293731b1f1a469bbecf9f29bbc9f3272e200e4e087c3e10981dedaed42c57f5",
    accountEconTemplateHash: ACCOUNT_ECON_TEMPLATE_HASH,
    communityEconTemplateHash: COMMUNITY_ECON_TEMPLATE_HASH,
    summary: "exchange desk (plain family): the committee may give a seat to a desk box that sells units for ERG at a governed rate (fixed, or in US dollars from the oracle pool) and buys them back; the account tree changes only by the community hash it recognises; the economics trees are version 4's, byte for byte",
  },
  {
    version: 7,
    accountTemplateHash: "e1290ea5bce3287443aa3456608a727d5d488db63617cc617879459f7bf6b181",
    communityTemplateHash: "dca997175f378bc82db09eb5934a75dc86880638412d85fce93d3545d0425191",
    accountEconTemplateHash: ACCOUNT_ECON_TEMPLATE_HASH,
    communityEconTemplateHash: COMMUNITY_ECON_TEMPLATE_HASH,
    summary: "escrows for post-factum payments (plain family): a member may give a seat to an escrow box that holds units committed to an order until the payer releases them, the payee refunds them or the deadline passes; the account tree changes only by the community hash it recognises; the economics trees are version 4's, byte for byte",
  },
  {
    version: 8,
    accountTemplateHash: "06b5342128b4fd186cd60427cd1a10a5c3015c85e6c671c8e16c663b60c0617e",
    communityTemplateHash: "1a0a4632ea6e7a4696c875daf9ac416eda393f5174d7c8367e9fbb0cc4e3bdb6",
    accountEconTemplateHash: ACCOUNT_ECON_TEMPLATE_HASH,
    communityEconTemplateHash: COMMUNITY_ECON_TEMPLATE_HASH,
    summary: "underwriting (plain family): an underwriter's stake raises one account's credit limit at the community's price of credit; an underwriting box bound to the account decides every change of its terms, and its exit settles every stake (the share of the raise in use to the committee); the community tree changes only by the account tree it embeds; the economics trees are version 4's, byte for byte",
  },
  {
    version: CONTRACT_VERSION,
    accountTemplateHash: ACCOUNT_TEMPLATE_HASH,
    communityTemplateHash: COMMUNITY_TEMPLATE_HASH,
    accountEconTemplateHash: ACCOUNT_ECON_TEMPLATE_HASH,
    communityEconTemplateHash: COMMUNITY_ECON_TEMPLATE_HASH,
    summary: "member governance (plain family): the committee may switch a community, once and for ever, to decisions by member vote (R8 holds the governance token's id); then a proposal spent beside the community box is its only authority, and makes exactly its stated change after a vote with quorum and majority; the account tree changes only by the community hash it recognises; the economics trees are version 4's, byte for byte",
  },
];

const CURRENT_HASHES = new Set([ACCOUNT_TEMPLATE_HASH, COMMUNITY_TEMPLATE_HASH, ACCOUNT_ECON_TEMPLATE_HASH, COMMUNITY_ECON_TEMPLATE_HASH]);

/** The last earlier version a LETS-looking tree belongs to, or undefined (current or not ours). */
export function supersededVersion(ergoTree: string): number | undefined {
  if (!/^00[0-9a-f]+$/i.test(ergoTree)) return undefined;
  const hash = hex.encode(blake2b256(hex.decode(ergoTree.slice(2))));
  // A tree may be in more than one version (the economics trees did not change in version 5): a current one is never superseded.
  if (CURRENT_HASHES.has(hash)) return undefined;
  // The plain trees of versions 3 and 4 are the same: their boxes are named after the last, version 4.
  const found = [...CONTRACT_VERSIONS].reverse().find(
    (v) => v.version !== CONTRACT_VERSION && (v.accountTemplateHash === hash || v.communityTemplateHash === hash),
  );
  return found?.version;
}
