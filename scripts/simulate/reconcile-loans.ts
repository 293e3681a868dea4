/**
 * The loan book at the end of a run (docs/simulate.md, "A loan book"), against the chain: every
 * loan the simulator still holds open is a live loan box with the same tranches drawn, repaid and
 * claimed totals and investor, beside a bond holding what the simulator says; every loan it
 * released is gone; and every party's wallet holds what the terms of its own steps say it should
 * (funding, less principal, bonds and fees, plus tranches, repayments, claims and released bonds).
 */
import { decodeBond, decodeLoan } from "../../contracts/loan/loan.ts";
import { BOND_ERGO_TREE, LOAN_ERGO_TREE, ownerFromPublicKey } from "../../contracts/index.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import type { BookLoan } from "./chain/loan-actions.ts";
import type { Check } from "./reconcile-postfactum.ts";

const MAX_LISTED = 20;

/** The simulator's loans against the live loan and bond boxes. */
export async function loanBookChainCheck(node: NodeClient, book: readonly BookLoan[]): Promise<Check> {
  const loans = new Map((await node.allUnspentByErgoTree(LOAN_ERGO_TREE)).flatMap((box) => {
    const d = decodeLoan(box);
    return d.ok ? [[d.value.loanId, d.value] as const] : [];
  }));
  const bonds = new Map((await node.allUnspentByErgoTree(BOND_ERGO_TREE)).flatMap((box) => {
    const d = decodeBond(box);
    return d.ok ? [[d.value.loanId, d.value] as const] : [];
  }));
  const differences: string[] = [];
  for (const l of book) {
    if (!l.loanId) continue;
    const onChain = loans.get(l.loanId);
    if (l.released) {
      if (onChain || bonds.has(l.loanId)) differences.push(`loan ${l.loanId}: released in the simulator, live on chain`);
      continue;
    }
    if (!onChain) {
      differences.push(`loan ${l.loanId}: open in the simulator, no live loan box on chain`);
      continue;
    }
    const investor = l.funded ? ownerFromPublicKey(l.investor.publicKey) : null;
    const ours = `drawn ${l.drawn}, repaid ${l.repaidNanoErg}, claimed ${l.claimedNanoErg}, bond ${l.bondNanoErg}`;
    const theirs = `drawn ${onChain.drawn}, repaid ${onChain.repaidNanoErg}, claimed ${onChain.claimedNanoErg}, bond ${bonds.get(l.loanId)?.valueNanoErg ?? "missing"}`;
    if (ours !== theirs || onChain.investor !== investor) differences.push(`loan ${l.loanId}: ${ours} in the simulator, ${theirs} on chain`);
  }
  return { name: "loan book = chain", ok: differences.length === 0, differences: differences.slice(0, MAX_LISTED) };
}

/** Every loan party's wallet on chain against what the simulator expects it to hold. */
export async function loanWalletsCheck(node: NodeClient, expected: ReadonlyMap<string, bigint>): Promise<Check> {
  const differences: string[] = [];
  for (const [address, nanoErg] of expected) {
    const held = (await node.unspentByAddress(address)).reduce((s, b) => s + BigInt(b.value), 0n);
    if (held !== nanoErg) differences.push(`${address}: ${nanoErg} nanoERG in the simulator, ${held} on chain`);
  }
  return { name: "loan parties' ERG = chain", ok: differences.length === 0, differences: differences.slice(0, MAX_LISTED) };
}
