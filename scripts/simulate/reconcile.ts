/**
 * Ground truth at the end of a run: the simulator's ledger against the chain (every live account
 * box, decoded) and against the indexer's REST API. Every balance must be equal, every account in
 * one must be in the other with the same status, and `sum(balances) + communityBalance = 0` in all
 * three. In an economics community every account's R9 state (accrued, chargedHeight, received,
 * allowance, carry) must be equal too, and the sum is `sum(balances) + sum(accrued) +
 * sum(allowances) + communityBalance = 0`. Any difference is listed; the caller fails the run on it.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { decodeAccount, decodeCommunity, decodeDesk, decodeGateway, worth, type AccountEconomy } from "../../contracts/index.ts";
import type { NodeClient } from "../../ergo/node-client.ts";
import type { SimEvent } from "./events.ts";
import type { Ledger } from "./ledger.ts";
import { batchDifferences, paymentDifferences, settledBatches } from "./reconcile-orders.ts";
import { decodeEscrow } from "../../contracts/escrow/escrow.ts";
import { postFactumLegs } from "./reconcile-postfactum.ts";

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

/** An open account as one source states it: its balance and its R9, with economics its state, else the next order's number (each undefined where the source does not show it). */
interface OpenAccount {
  balance: bigint;
  economy?: AccountEconomy;
  nextSeq?: bigint;
}

const ECONOMY_FIELDS = ["accrued", "chargedHeight", "received", "allowance", "carry"] as const;

/** Balances by account id, and the community balance, as one source states them. */
interface View {
  open: Map<string, OpenAccount>;
  /** With economics, `economy`: the accrued charges and unused allowance the exit handed the community (where the source shows them). */
  closed: Map<string, { status: string; balance: bigint; economy?: AccountEconomy }>;
  communityBalance: bigint;
  /** Trade-line gateways by gateway id, balance and fees held; undefined where the source does not show them (the indexer). */
  gateways?: Map<string, { balance: bigint; feesHeld: bigint }>;
}

function ledgerView(ledger: Ledger, accountOf: Map<number, string>): View {
  const view: View = { open: new Map(), closed: new Map(), communityBalance: ledger.communityBalance, gateways: new Map(ledger.gateways) };
  for (const account of ledger.accounts.values()) {
    const id = accountOf.get(account.member)!;
    if (account.status === "open") view.open.set(id, { balance: account.balance, ...(account.econ ? { economy: account.econ.economy } : {}), ...(account.nextSeq !== undefined ? { nextSeq: account.nextSeq } : {}) });
    else view.closed.set(id, { status: account.status, balance: account.status === "left" ? 0n : account.balance, ...(account.econ ? { economy: account.econ.economy } : {}) });
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
      const { economy, nextSeq } = account.ok ? account.value : {};
      if (account.ok) view.open.set(account.value.accountId, { balance: account.value.balance, ...(economy ? { economy } : {}), ...(nextSeq !== undefined ? { nextSeq } : {}) });
      const gateway = decodeGateway(box);
      if (gateway.ok && gateway.value.communityId === communityId) view.gateways!.set(gateway.value.gatewayId, { balance: gateway.value.balance, feesHeld: gateway.value.feesHeld });
      // An exchange desk holds units like a gateway: the ledger keeps it beside them, by desk id.
      const desk = decodeDesk(box);
      if (desk.ok && desk.value.communityId === communityId) view.gateways!.set(desk.value.deskId, { balance: desk.value.balance, feesHeld: 0n });
      // So does an escrow (post-factum payments), by escrow id: its balance is its open order's max.
      const escrow = decodeEscrow(box);
      if (escrow.ok && escrow.value.communityId === communityId) view.gateways!.set(escrow.value.escrowId, { balance: escrow.value.balance, feesHeld: 0n });
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
  /** An economics account's R9 state (docs/indexer-api.md, "Economics"), where the indexer shows it; null for a plain account. */
  economics?: Partial<Record<(typeof ECONOMY_FIELDS)[number], string | number>> | null;
  /** A plain account's R9 (contract version 5), where the indexer shows it. */
  nextSeq?: string | null;
}

/** The R9 state of an indexed account, when the indexer shows all of it. */
function indexedEconomy(a: IndexedAccount): AccountEconomy | undefined {
  const values = ECONOMY_FIELDS.map((f) => a.economics?.[f]);
  if (values.some((v) => v === undefined || v === null)) return undefined;
  return Object.fromEntries(ECONOMY_FIELDS.map((f, i) => [f, BigInt(values[i]!)])) as unknown as AccountEconomy;
}

async function indexerView(indexerUrl: string, communityId: string): Promise<View & { payments: number }> {
  const base = `${indexerUrl.replace(/\/$/, "")}/communities/${communityId}`;
  const community = await getJson<{ communityBalance: string }>(base);
  const view: View = { open: new Map(), closed: new Map(), communityBalance: BigInt(community.communityBalance) };
  for (let offset = 0; ; offset += 1_000) {
    const page = await getJson<{ total: number; items: IndexedAccount[] }>(`${base}/accounts?limit=1000&offset=${offset}`);
    for (const a of page.items) {
      const economy = indexedEconomy(a);
      const nextSeq = typeof a.nextSeq === "string" ? { nextSeq: BigInt(a.nextSeq) } : {};
      if (a.status === "open") view.open.set(a.accountId, { balance: BigInt(a.balance), ...(economy ? { economy } : {}), ...nextSeq });
      else view.closed.set(a.accountId, { status: a.status, balance: BigInt(a.balance), ...(economy ? { economy } : {}) });
    }
    if (offset + page.items.length >= page.total) break;
  }
  const payments = await getJson<{ total: number }>(`${base}/payments?limit=1`);
  return { ...view, payments: payments.total };
}

/** Differences between the ledger's view and another. */
function compare(name: string, ledger: View, other: View, compareClosed: boolean, label: string): Check {
  const differences: string[] = [];
  for (const [id, ours] of ledger.open) {
    const theirs = other.open.get(id);
    if (theirs?.balance !== ours.balance) differences.push(`account ${id}: ledger ${ours.balance}, ${name} ${theirs?.balance ?? "no open account"}`);
    if (theirs && ours.economy) differences.push(...economyDifferences(id, ours.economy, theirs.economy, name));
    // The chain must state every plain account's nextSeq; the indexer where it shows it.
    if (theirs && ours.nextSeq !== undefined && theirs.nextSeq !== ours.nextSeq && (theirs.nextSeq !== undefined || name === "chain")) {
      differences.push(`account ${id}: nextSeq ledger ${ours.nextSeq}, ${name} ${theirs.nextSeq ?? "none"}`);
    }
  }
  for (const id of other.open.keys()) if (!ledger.open.has(id)) differences.push(`account ${id}: open in ${name}, not in the ledger`);
  if (compareClosed) {
    for (const [id, closed] of ledger.closed) {
      const theirs = other.closed.get(id);
      if (theirs?.status !== closed.status || theirs.balance !== closed.balance) {
        differences.push(`account ${id}: ledger ${closed.status} at ${closed.balance}, ${name} ${theirs ? `${theirs.status} at ${theirs.balance}` : "not closed"}`);
      }
      // What the exit handed the community besides the balance.
      for (const f of ["accrued", "allowance"] as const) {
        if (closed.economy && theirs?.economy && closed.economy[f] !== theirs.economy[f]) differences.push(`account ${id} (${closed.status}): ${f} ledger ${closed.economy[f]}, ${name} ${theirs.economy[f]}`);
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
  // Likewise a source that does not show the accounts' economics state is summed with the ledger's.
  const worthIn = (id: string, a: OpenAccount) => worth(a.balance, a.economy ?? ledger.open.get(id)?.economy);
  const sum = [...other.open].reduce((s, [id, a]) => s + worthIn(id, a), other.communityBalance + gatewaySum);
  const economics = [...ledger.open.values()].some((a) => a.economy) ? "accrued + allowances + " : "";
  if (sum !== 0n) differences.push(`${name}: sum of balances + ${economics}${ledger.gateways?.size ? "gateways + " : ""}communityBalance = ${sum}, not 0`);
  return { name: `${label}ledger = ${name}`, ok: differences.length === 0, differences: differences.slice(0, MAX_LISTED) };
}

/** Differences in an account's R9 state; a source that shows none (the indexer before it knew economics) is not compared, but the chain must. */
function economyDifferences(id: string, ours: AccountEconomy, theirs: AccountEconomy | undefined, name: string): string[] {
  if (!theirs) return name === "chain" ? [`account ${id}: an economics account in the ledger, none on chain`] : [];
  return ECONOMY_FIELDS.filter((f) => ours[f] !== theirs[f]).map((f) => `account ${id}: ${f} ledger ${ours[f]}, ${name} ${theirs[f]}`);
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
  const terms = input.ledger.economics ? "balances + accrued + allowances" : "balances";
  const checks: Check[] = [{ name: `${label}ledger sums to 0`, ok: total === 0n, differences: total === 0n ? [] : [`sum of ${terms} + communityBalance = ${total}`] }];
  checks.push(compare("chain", ledger, await chainView(input.node, input.communityId), false, label));
  if (input.indexerUrl !== undefined) {
    const indexed = await indexerView(input.indexerUrl, input.communityId);
    const check = compare("indexer", ledger, indexed, true, label);
    const batches = settledBatches(input.events, input.accountOf);
    // The indexer lists a trade with the exchange desk as a payment leg between the desk and the account.
    // Likewise each leg of a post-factum payment: into the escrow at the commit, out of it to each side at the settlement.
    const accepted = input.events.filter((e) => (e.kind === "payment" || e.kind === "desk") && e.status === "accepted").length + postFactumLegs(input.events);
    if (batches.length > 0) check.differences.push(...(await paymentDifferences(`${input.indexerUrl.replace(/\/$/, "")}/communities/${input.communityId}`, input.events, batches)));
    else if (indexed.payments !== accepted) check.differences.push(`payments: ${accepted} accepted by the simulator, ${indexed.payments} in the indexer`);
    checks.push({ ...check, differences: check.differences.slice(0, MAX_LISTED), ok: check.differences.length === 0 });
    // Batches where the indexer lists them (docs/indexer-api.md); an indexer without them is checked by its payments and accounts alone.
    const batchDiffs = batches.length > 0 ? await batchDifferences(input.indexerUrl, input.communityId, batches) : undefined;
    if (batchDiffs) checks.push({ name: `${label}batches = indexer`, ok: batchDiffs.length === 0, differences: batchDiffs.slice(0, MAX_LISTED) });
  }
  return { ok: checks.every((c) => c.ok), checks };
}
