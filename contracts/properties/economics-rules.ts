/**
 * The model's verdict on an economics transaction: which economics rules (docs/economics.md) its
 * account and community outputs break, judged against the model's state (economics-model.ts) at
 * HEIGHT. The mutation property changes only the economics fields (balance, terms, R9, community
 * state) of builder-made transactions, so this judges those fields; everything else is the
 * builder's and unchanged.
 */
import type { Box } from "@fleet-sdk/common";
import { decodeAccount, type Account } from "../account/account.ts";
import { decodeCommunity, type Community } from "../community/community.ts";
import { ACCOUNT_ECONOMICS_FIELDS } from "../economics.ts";
import { ACCOUNT_ECON_ERGO_TREE, COMMUNITY_ECON_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import type { Tx } from "../testing/tx-edit.ts";
import { RECEIVED_CEILING, type EconomicsModel } from "./economics-model.ts";

type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

/** An EIP-12 output read as a box (outputs have no id yet). */
const asBox = (out: Tx["outputs"][number], index: number): Box<string> => ({ ...out, boxId: "", transactionId: "", index });

function decode<T>(decoder: (b: Box<string>) => Decoded<T>, box: Box<string>): T | undefined {
  const d = decoder(box);
  return d.ok ? d.value : undefined;
}

const worth = (a: Account): bigint => a.balance + a.economy!.accrued + a.economy!.allowance;
const termsOf = (a: Account): bigint[] => {
  const t = a.terms;
  return [t.creditLimit, t.positiveCap, t.collateralNanoErg, t.inactivityBlocks, t.joinedHeight, ...ACCOUNT_ECONOMICS_FIELDS.map((f) => t.economics![f])];
};
const sameTerms = (a: Account, b: Account): boolean => termsOf(a).join() === termsOf(b).join();

/** The accounts and community a transaction spends and creates, or why an output is not well formed. */
interface Parts {
  accountsIn: Account[];
  accountsOut: Account[];
  communityIn?: Community;
  communityOut?: Community;
}

function partsOf(tx: Tx): Parts | string {
  const accountsIn = tx.inputs.flatMap((b) => (b.ergoTree === ACCOUNT_ECON_ERGO_TREE ? [decode(decodeAccount, b as Box<string>)!] : []));
  const accountsOut: Account[] = [];
  let communityOut: Community | undefined;
  for (const [i, out] of tx.outputs.entries()) {
    if (out.ergoTree === ACCOUNT_ECON_ERGO_TREE) {
      const account = decode(decodeAccount, asBox(out, i));
      if (!account || !account.economy) return "an account output is not a well-formed account";
      accountsOut.push(account);
    }
    if (out.ergoTree === COMMUNITY_ECON_ERGO_TREE) {
      communityOut = decode(decodeCommunity, asBox(out, i));
      if (!communityOut) return "the community output is not a well-formed community";
    }
  }
  const first = tx.inputs[0]!;
  const communityIn = first.ergoTree === COMMUNITY_ECON_ERGO_TREE ? decode(decodeCommunity, first as Box<string>) : undefined;
  return { accountsIn, accountsOut, ...(communityIn ? { communityIn } : {}), ...(communityOut ? { communityOut } : {}) };
}

/** The rules a transaction breaks at `height` (HEIGHT), when `signer` (an accountId) alone signs; empty: valid. */
export function breaches(model: EconomicsModel, tx: Tx, height: bigint, signer?: string): string[] {
  const parts = partsOf(tx);
  if (typeof parts === "string") return [parts];
  const { accountsIn, accountsOut, communityIn, communityOut } = parts;
  if (!communityIn) return payBreaches(model, accountsIn, accountsOut, height, signer);
  if (!communityOut) return ["no community successor"];
  const found: string[] = [];
  const cb = communityIn.communityBalance;
  if (accountsIn.length === 0 && accountsOut.length === 1) {
    found.push(...joinBreaches(model, accountsOut[0]!, height));
    if (communityOut.communityBalance !== cb - model.levers.allowance) found.push("join: the allowance is not issued from the community balance");
  } else if (accountsOut.length === 0) {
    const exiting = accountsIn.reduce((s, a) => s + worth(a), 0n);
    if (communityOut.communityBalance !== cb + exiting) found.push("exit: the accounts' worth does not move to the community balance");
  } else {
    let collected = 0n;
    for (const a of accountsIn) {
      const outs = accountsOut.filter((o) => o.accountId === a.accountId);
      if (outs.length !== 1) return ["sweep: an account without exactly one successor"];
      const swept = sweepBreaches(model, a, outs[0]!, height);
      found.push(...swept.found);
      collected += swept.collected;
    }
    if (accountsOut.length !== accountsIn.length) found.push("sweep: accounts created");
    if (communityOut.communityBalance !== cb + collected) found.push("sweep: the community balance does not gain what was collected");
  }
  const joined = communityIn.membersJoined + (accountsIn.length === 0 ? 1n : 0n);
  if (communityOut.membersJoined !== joined) found.push("membersJoined changed wrongly");
  return found;
}

function payBreaches(model: EconomicsModel, accountsIn: Account[], accountsOut: Account[], height: bigint, signer?: string): string[] {
  const found: string[] = [];
  if (accountsOut.length !== accountsIn.length) found.push("pay: accounts created or removed");
  for (const a of accountsIn) {
    const outs = accountsOut.filter((o) => o.accountId === a.accountId);
    if (outs.length !== 1) return [...found, "pay: an account without exactly one successor"];
    found.push(...transitionBreaches(model, a, outs[0]!, height, a.accountId === signer));
  }
  const sum = (xs: Account[]) => xs.reduce((s, a) => s + worth(a), 0n);
  if (sum(accountsIn) !== sum(accountsOut)) found.push("pay: worth created or destroyed");
  return found;
}

/** The model's account for `a`, which must be exactly what the box says. */
function modelAccount(model: EconomicsModel, a: Account) {
  const [, m] = model.byAccountId(a.accountId);
  const e = a.economy!;
  const same = m.balance === a.balance && m.accrued === e.accrued && m.chargedHeight === e.chargedHeight && m.received === e.received &&
    m.allowance === e.allowance && model.carryOf(m) === e.carry;
  if (!same) throw new Error(`model and chain differ on ${a.accountId} before the transaction`);
  return m;
}

/** The demurrage clock moves forward, to a recent height not past HEIGHT. */
function clockBreaches(a: Account, o: Account, height: bigint): string[] {
  const to = o.economy!.chargedHeight;
  return to < a.economy!.chargedHeight || to < height - BigInt(MAX_AGE_BLOCKS) || to > height ? ["the demurrage clock is out of range"] : [];
}

/** One account's side of a payment or top-up: a payer (worth not up; its owner signs) or a payee. */
function transitionBreaches(model: EconomicsModel, a: Account, o: Account, height: bigint, signed: boolean): string[] {
  const m = modelAccount(model, a);
  const [e, n] = [a.economy!, o.economy!];
  const found = sameTerms(a, o) ? clockBreaches(a, o, height) : ["terms changed"];
  if (found.length > 0) return found;
  const d = model.demurrageTo(m, n.chargedHeight);
  const moved = worth(o) - worth(a);
  let fee = 0n;
  if (moved <= 0n) {
    const sent = -moved;
    const used = e.allowance - n.allowance;
    fee = model.fee(sent);
    if (!signed) found.push("a debit without the owner's signature");
    if (n.received !== e.received) found.push("the payer's turnover changed");
    if (used < 0n) found.push("the allowance grew");
    if (used > e.allowance) found.push("more allowance spent than is left");
    if (2n * used > sent) found.push("more than half of the purchase from the allowance");
    if (used > 0n && !model.inWindow(m, height)) found.push("allowance spent outside the newcomer window");
  } else {
    const received = e.received + moved >= RECEIVED_CEILING ? RECEIVED_CEILING : e.received + moved;
    if (n.allowance !== e.allowance) found.push("a payee's allowance changed");
    if (n.received !== received) found.push("a payee's turnover is not what it received");
  }
  if (n.accrued !== e.accrued + d.due + fee) found.push("accrued is not the demurrage due plus the usage fee");
  if (n.carry !== d.carry) found.push("the carried remainder is not what the history leaves");
  if (o.balance + model.limitAt(m, height) < 0n) found.push("below the (earned) credit floor");
  if (o.balance > a.terms.positiveCap) found.push("above the positive cap");
  return found;
}

/** A swept account: its accrued charges and the demurrage due leave; nothing else changes. */
function sweepBreaches(model: EconomicsModel, a: Account, o: Account, height: bigint): { found: string[]; collected: bigint } {
  const m = modelAccount(model, a);
  const [e, n] = [a.economy!, o.economy!];
  const found = sameTerms(a, o) ? clockBreaches(a, o, height) : ["terms changed"];
  if (found.length > 0) return { found, collected: 0n };
  const d = model.demurrageTo(m, n.chargedHeight);
  if (o.balance !== a.balance - d.due) found.push("sweep: the balance does not fall by the demurrage due");
  if (n.accrued !== 0n) found.push("sweep: accrued charges left behind");
  if (n.received !== e.received || n.allowance !== e.allowance) found.push("sweep: turnover or allowance changed");
  if (n.carry !== d.carry) found.push("the carried remainder is not what the history leaves");
  if (e.accrued + d.due < model.sweepMinimum) found.push("sweep: less than the sweep minimum");
  return { found, collected: e.accrued + d.due };
}

/** A new account: balance 0, the policy's terms joined at a recent height, its allowance, nothing else. */
function joinBreaches(model: EconomicsModel, o: Account, height: bigint): string[] {
  const found: string[] = [];
  const p = model.policy;
  const j = o.terms.joinedHeight;
  const expected = [p.creditLimit, p.positiveCap, p.collateralNanoErg, p.inactivityBlocks, j, ...ACCOUNT_ECONOMICS_FIELDS.map((f) => model.levers[f])];
  if (termsOf(o).join() !== expected.join()) found.push("join: terms are not the policy's");
  if (j < height - BigInt(MAX_AGE_BLOCKS) || j > height) found.push("join: joinedHeight is not recent");
  if (o.balance !== 0n) found.push("join: the balance does not open at 0");
  if (o.lastActiveHeight !== j) found.push("join: lastActive is not joinedHeight");
  const n = o.economy!;
  if (n.accrued !== 0n || n.chargedHeight !== j || n.received !== 0n || n.allowance !== model.levers.allowance || n.carry !== 0n) {
    found.push("join: R9 is not [0, joinedHeight, 0, allowance, 0]");
  }
  return found;
}
