/**
 * Ground truth at the end of a run: the simulator's ledger against the chain (every live account
 * box, decoded) and against the indexer's REST API. Every balance must be equal, every account in
 * one must be in the other with the same status, and `sum(balances) + communityBalance = 0` in all
 * three. Any difference is listed; the caller fails the run on it.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decodeAccount, decodeCommunity, decodeGateway } from "../../contracts/index.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import type { SimEvent } from "./events.ts";
import type { Ledger } from "./ledger.ts";

/** One comparison and what it found. */
export interface Check {
  name: string;
  ok: boolean;
  /** The differences, at most `MAX_LISTED`. */
  differences: string[];
}

export interface Reconciliation {
  ok: boolean;
  checks: Check[];
}

const MAX_LISTED = 20;
const PAGE = 500;

/** Balances by account id, and the community balance, as one source states them. */
interface View {
  open: Map<string, bigint>;
  closed: Map<string, { status: string; balance: bigint }>;
  communityBalance: bigint;
  /** Trade-line gateways by gateway id, balance and fees held; undefined where the source does not show them (the indexer). */
  gateways?: Map<string, { balance: bigint; feesHeld: bigint }>;
}

function ledgerView(ledger: Ledger, accountOf: Map<number, string>): View {
  const view: View = { open: new Map(), closed: new Map(), communityBalance: ledger.communityBalance, gateways: new Map(ledger.gateways) };
  for (const account of ledger.accounts.values()) {
    const id = accountOf.get(account.member)!;
    if (account.status === "open") view.open.set(id, account.balance);
    else view.closed.set(id, { status: account.status, balance: account.status === "left" ? 0n : account.balance });
  }
  return view;
}

async function chainView(node: NodeClient, communityId: string): Promise<View> {
  const view: View = { open: new Map(), closed: new Map(), communityBalance: 0n, gateways: new Map() };
  let communities = 0;
  for (let offset = 0; ; offset += PAGE) {
    // Node JSON parsed bigint-safe: values and token amounts arrive as bigint, which the decoders take.
    const boxes = await node.request<Box<Amount>[]>("GET", `/blockchain/box/unspent/byTokenId/${communityId}?offset=${offset}&limit=${PAGE}&sortDirection=asc`);
    for (const box of boxes) {
      const community = decodeCommunity(box);
      if (community.ok) {
        communities++;
        view.communityBalance = community.value.communityBalance;
      }
      const account = decodeAccount(box);
      if (account.ok) view.open.set(account.value.accountId, account.value.balance);
      const gateway = decodeGateway(box);
      if (gateway.ok && gateway.value.communityId === communityId) view.gateways!.set(gateway.value.gatewayId, { balance: gateway.value.balance, feesHeld: gateway.value.feesHeld });
    }
    if (boxes.length < PAGE) break;
  }
  if (communities !== 1) throw new Error(`the chain holds ${communities} live community boxes for ${communityId}`);
  return view;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface IndexedAccount {
  accountId: string;
  status: string;
  balance: string;
}

async function indexerView(indexerUrl: string, communityId: string): Promise<View & { payments: number }> {
  const base = `${indexerUrl.replace(/\/$/, "")}/communities/${communityId}`;
  const community = await getJson<{ communityBalance: string }>(base);
  const view: View = { open: new Map(), closed: new Map(), communityBalance: BigInt(community.communityBalance) };
  for (let offset = 0; ; offset += 1_000) {
    const page = await getJson<{ total: number; items: IndexedAccount[] }>(`${base}/accounts?limit=1000&offset=${offset}`);
    for (const a of page.items) {
      if (a.status === "open") view.open.set(a.accountId, BigInt(a.balance));
      else view.closed.set(a.accountId, { status: a.status, balance: BigInt(a.balance) });
    }
    if (offset + page.items.length >= page.total) break;
  }
  const payments = await getJson<{ total: number }>(`${base}/payments?limit=1`);
  return { ...view, payments: payments.total };
}

/** Differences between the ledger's view and another. */
function compare(name: string, ledger: View, other: View, compareClosed: boolean, label: string): Check {
  const differences: string[] = [];
  for (const [id, balance] of ledger.open) {
    const theirs = other.open.get(id);
    if (theirs !== balance) differences.push(`account ${id}: ledger ${balance}, ${name} ${theirs ?? "no open account"}`);
  }
  for (const id of other.open.keys()) if (!ledger.open.has(id)) differences.push(`account ${id}: open in ${name}, not in the ledger`);
  if (compareClosed) {
    for (const [id, closed] of ledger.closed) {
      const theirs = other.closed.get(id);
      if (theirs?.status !== closed.status || theirs.balance !== closed.balance) {
        differences.push(`account ${id}: ledger ${closed.status} at ${closed.balance}, ${name} ${theirs ? `${theirs.status} at ${theirs.balance}` : "not closed"}`);
      }
    }
  }
  if (ledger.communityBalance !== other.communityBalance) differences.push(`communityBalance: ledger ${ledger.communityBalance}, ${name} ${other.communityBalance}`);
  if (other.gateways) {
    for (const [id, g] of ledger.gateways ?? []) {
      const theirs = other.gateways.get(id);
      if (theirs?.balance !== g.balance || theirs.feesHeld !== g.feesHeld) {
        differences.push(`gateway ${id}: ledger ${g.balance} (fees ${g.feesHeld}), ${name} ${theirs ? `${theirs.balance} (fees ${theirs.feesHeld})` : "none"}`);
      }
    }
    for (const [id, g] of other.gateways) if (!ledger.gateways?.has(id) && (g.balance !== 0n || g.feesHeld !== 0n)) differences.push(`gateway ${id}: ${name} ${g.balance}, not in the ledger`);
  }
  // A source that does not show the gateways (the indexer) can only be summed without them.
  const gatewaySum = [...(other.gateways ?? ledger.gateways ?? new Map()).values()].reduce((s, g) => s + g.balance, 0n);
  const sum = [...other.open.values()].reduce((s, b) => s + b, other.communityBalance + gatewaySum);
  if (sum !== 0n) differences.push(`${name}: sum of balances + ${ledger.gateways?.size ? "gateways + " : ""}communityBalance = ${sum}, not 0`);
  return { name: `${label}ledger = ${name}`, ok: differences.length === 0, differences: differences.slice(0, MAX_LISTED) };
}

export interface ReconcileInput {
  node: NodeClient;
  indexerUrl: string | undefined;
  communityId: string;
  ledger: Ledger;
  accountOf: Map<number, string>;
  events: readonly SimEvent[];
  /** Names the community in each check ("alpha: ledger = chain") in a network; none for one community. */
  label?: string;
}

/** Compares the ledger with the chain and, when there is one, the indexer. */
export async function reconcile(input: ReconcileInput): Promise<Reconciliation> {
  const ledger = ledgerView(input.ledger, input.accountOf);
  const total = input.ledger.total();
  const label = input.label === undefined ? "" : `${input.label}: `;
  const checks: Check[] = [{ name: `${label}ledger sums to 0`, ok: total === 0n, differences: total === 0n ? [] : [`sum of balances + communityBalance = ${total}`] }];
  checks.push(compare("chain", ledger, await chainView(input.node, input.communityId), false, label));
  if (input.indexerUrl !== undefined) {
    const indexed = await indexerView(input.indexerUrl, input.communityId);
    const check = compare("indexer", ledger, indexed, true, label);
    const accepted = input.events.filter((e) => e.kind === "payment" && e.status === "accepted").length;
    if (indexed.payments !== accepted) check.differences.push(`payments: ${accepted} accepted by the simulator, ${indexed.payments} in the indexer`);
    checks.push({ ...check, ok: check.differences.length === 0 });
  }
  return { ok: checks.every((c) => c.ok), checks };
}
