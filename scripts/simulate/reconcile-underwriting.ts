/**
 * Underwriting at the end of a run (docs/simulate.md, "Underwritten newcomers"), against the chain:
 * the stakes the simulator holds open are exactly the community's live underwriting boxes (token,
 * account, raise, value), and no offer is left; each open account's credit limit and sum backed are
 * the simulator's; and each settlement's transaction paid the committee and the underwriter exactly
 * what the simulator booked, in outputs tagged with the stake box's id.
 */
import { decodeAccount } from "../../contracts/account/account.ts";
import { bytesConstant } from "../../contracts/registers.ts";
import { UNDERWRITING_ERGO_TREE } from "../../contracts/scripts.ts";
import { decodeUnderwriting } from "../../contracts/underwriting/underwriting.ts";
import type { FoundTransaction, NodeClient } from "../../ergo/node-client.ts";
import type { SimEvent, UnderwritingDetail } from "./events.ts";
import type { Ledger } from "./ledger.ts";
import type { Check } from "./reconcile-postfactum.ts";

const MAX_LISTED = 20;

/** The stakes the run's accepted events leave open, by stake id, with the member each backs. */
export function openStakes(events: readonly SimEvent[]): Map<string, UnderwritingDetail & { member: number }> {
  const open = new Map<string, UnderwritingDetail & { member: number }>();
  for (const e of events) {
    const u = e.underwriting;
    if (e.kind !== "underwrite" || e.status !== "accepted" || !u) continue;
    if (u.step === "accept") open.set(u.stakeId, { ...u, member: e.member });
    if (u.step === "settle") open.delete(u.stakeId);
  }
  return open;
}

/** What the end of the run is checked against. */
export interface UnderwritingCheckInput {
  node: NodeClient;
  communityId: string;
  events: readonly SimEvent[];
  ledger: Ledger;
  accountOf: ReadonlyMap<number, string>;
  /** The committee's ergoTree (the funder's key) and each underwriter's, by index. */
  committeeTree: string;
  underwriterTrees: readonly string[];
  /** Chain heights of simulated block 0 and of the end: where a settlement's block is looked for. */
  startHeight: number;
  endHeight: number;
}

/** The transaction `txId` of simulated block `block`: in the first block from its build height that has it. */
async function settledIn(input: UnderwritingCheckInput, txId: string, block: number): Promise<FoundTransaction | undefined> {
  for (let height = Math.max(1, input.startHeight + block); height <= input.endHeight; height++) {
    const found = await input.node.transaction(txId, height);
    if (found) return found;
  }
  return input.node.transaction(txId);
}

/** The live stakes and the open accounts' limits against the chain. */
export async function underwritingChainCheck(input: UnderwritingCheckInput): Promise<Check> {
  const { node, communityId, events, ledger, accountOf } = input;
  const differences: string[] = [];
  const live = (await node.allUnspentByErgoTree(UNDERWRITING_ERGO_TREE)).flatMap((box) => {
    const d = decodeUnderwriting(box);
    return d.ok && d.value.communityId === communityId ? [d.value] : [];
  });
  const ours = openStakes(events);
  for (const box of live) {
    if (box.state === "offer") differences.push(`offer ${box.boxId}: live on chain, every offer of the simulator was accepted or refused`);
    const mine = box.stakeId ? ours.get(box.stakeId) : undefined;
    if (box.state === "active" && !mine) differences.push(`stake ${box.stakeId}: live on chain, settled or never accepted in the simulator`);
    if (mine && (mine.raise !== box.raise || mine.stakeNanoErg !== box.stakeNanoErg || accountOf.get(mine.member) !== box.accountId)) {
      differences.push(`stake ${box.stakeId}: raise ${mine.raise}, ${mine.stakeNanoErg} nanoERG for member ${mine.member} in the simulator; raise ${box.raise}, ${box.stakeNanoErg} nanoERG for account ${box.accountId} on chain`);
    }
  }
  for (const id of ours.keys()) if (!live.some((b) => b.stakeId === id)) differences.push(`stake ${id}: open in the simulator, not live on chain`);
  const accounts = new Map((await node.allUnspentByTokenId(communityId)).flatMap((box) => {
    const d = decodeAccount(box);
    return d.ok ? [[d.value.accountId, d.value] as const] : [];
  }));
  for (const a of ledger.accounts.values()) {
    if (a.status !== "open") continue;
    const onChain = accounts.get(accountOf.get(a.member)!);
    const backed = [...ours.values()].filter((s) => s.member === a.member).reduce((sum, s) => sum + s.raise, 0n);
    if (onChain && (onChain.terms.creditLimit !== a.creditLimit || (onChain.terms.backing?.backed ?? 0n) !== backed)) {
      differences.push(`member ${a.member}: limit ${a.creditLimit}, backed ${backed} in the simulator; limit ${onChain.terms.creditLimit}, backed ${onChain.terms.backing?.backed ?? 0n} on chain`);
    }
  }
  return { name: "underwriting stakes and limits = chain", ok: differences.length === 0, differences: differences.slice(0, MAX_LISTED) };
}

/** Each settlement's outputs against what the simulator booked: the committee's share and the underwriter's rest. */
export async function settlementsChainCheck(input: UnderwritingCheckInput): Promise<Check> {
  const differences: string[] = [];
  for (const e of input.events) {
    const u = e.underwriting;
    if (e.kind !== "underwrite" || e.status !== "accepted" || u?.step !== "settle" || !e.txId) continue;
    const found = await settledIn(input, e.txId, e.block);
    if (!found) {
      differences.push(`settlement of stake ${u.stakeId}: transaction ${e.txId} not found`);
      continue;
    }
    const tags = new Set(found.tx.inputs.map((i) => bytesConstant(i.boxId)));
    const tagged = found.tx.outputs.filter((o) => o.additionalRegisters.R4 !== undefined && tags.has(o.additionalRegisters.R4));
    const paid = (tree: string | undefined) => tagged.filter((o) => o.ergoTree === tree).reduce((sum, o) => sum + BigInt(o.value), 0n);
    const committee = paid(input.committeeTree);
    const underwriter = paid(input.underwriterTrees[u.underwriter]);
    if (committee !== u.lostNanoErg || underwriter !== u.returnedNanoErg) {
      differences.push(`stake ${u.stakeId}: ${u.lostNanoErg} to the committee and ${u.returnedNanoErg} back in the simulator; ${committee} and ${underwriter} in transaction ${e.txId}`);
    }
  }
  return { name: "underwriting settlements = chain", ok: differences.length === 0, differences: differences.slice(0, MAX_LISTED) };
}
