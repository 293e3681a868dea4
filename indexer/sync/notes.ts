/**
 * Pure: the notes (memo, payment request id, profile; contracts/notes.ts) of a transaction's
 * account inputs, taken only where the account's owner signed. The chain checked every signature
 * over the whole transaction, extensions included, and the account contract requires the owner's
 * key exactly when the account's worth does not rise (its balance; for an economics account balance
 * + accrued + unused allowance, so a payee whose balance fell by the demurrage charged on it still
 * did not sign); so a note on an account credited (a payee the payer chose) is a forgery attempt
 * and is refused with a reason, as is a malformed one.
 */
import { readNotes } from "../../contracts/notes.ts";
import { readMarketNotes, type MarketNotes } from "../../contracts/market/market-notes.ts";
import { worthOf } from "./payments.ts";
import type { AccountRecord, EventSite, MarketNoteBody, MarketNoteEvent, MarketNoteKind, ProfileChange, RefusedNote } from "./lets-events.ts";
import type { ChainInput } from "./rent.ts";

/** What one transaction's account inputs say, by whom. */
export interface TxNotes {
  /** Memo and request id by the accountId of an owner-signed input. */
  payments: Map<string, { memo?: string; requestId?: string }>;
  profiles: ProfileChange[];
  /** Marketplace notes of owner-signed inputs, in input order. */
  market: MarketNoteEvent[];
  refused: RefusedNote[];
}

const CREDITED = "notes on an account credited by this transaction: its owner did not sign them";
const SETTLED = "notes on an account input of a batch settlement: its owner signed nothing in it (the settler wrote them)";
const TWO_COMMUNITIES = "a memo or payment request id in a transaction that pays in more than one community: only a payment in one community carries them";

/** A malformed marketplace variable's problem ("listing reference: ...") -> the note it is of. */
const MARKET_PROBLEMS: [string, MarketNoteKind][] = [["listing reference: ", "listing-ref"], ["listing: ", "listing"], ["review: ", "review"], ["shop: ", "shop"]];

/** The marketplace notes an input carries, in variable order. */
function marketBodies(notes: MarketNotes): MarketNoteBody[] {
  const bodies: MarketNoteBody[] = [];
  if (notes.listing) bodies.push({ kind: "listing", listing: notes.listing });
  if (notes.review) bodies.push({ kind: "review", review: notes.review });
  if (notes.shop) bodies.push({ kind: "shop", shop: notes.shop });
  if (notes.listingRef) bodies.push({ kind: "listing-ref", listingId: notes.listingRef });
  return bodies;
}

/** The successor of `before` among `accountsOut`: same community and accountId, as the account contract finds it. */
const successorIn = (accountsOut: readonly AccountRecord[], before: AccountRecord) =>
  accountsOut.find((a) => a.accountId === before.accountId && a.communityId === before.communityId);

/** The communities in which some account's worth changed (something was paid). */
function communitiesPaid(accountsIn: readonly AccountRecord[], accountsOut: readonly AccountRecord[], crossPayees: ReadonlySet<string>): Set<string> {
  const changed = accountsIn.filter((before) => {
    if (crossPayees.has(before.accountId)) return false;
    const after = successorIn(accountsOut, before);
    return after !== undefined && worthOf(after) !== worthOf(before);
  });
  return new Set(changed.map((before) => before.communityId));
}

/**
 * Reads the notes of `accountsIn` (the transaction's account inputs that stay: payments and
 * top-ups) from `inputs` (the transaction at `position` in its block), checking each against its successor in `accountsOut`. A memo or request
 * id is kept only where the transaction pays in one community: the indexer keeps one per
 * transaction and shows it on every leg, so in a transaction paying in two it would be shown on,
 * or pay a request by, a payment its writer did not make. The payees of cross payments
 * (`crossPayees`, credited in another community through a line) do not count as a second community:
 * the payer's note is the cross payment's.
 */
export function transactionNotes(
  site: EventSite, position: number, inputs: readonly ChainInput[], accountsIn: readonly AccountRecord[], accountsOut: readonly AccountRecord[],
  crossPayees: ReadonlySet<string> = new Set(),
): TxNotes {
  const notes: TxNotes = { payments: new Map(), profiles: [], market: [], refused: [] };
  const extensionOf = new Map(inputs.map((i, index) => [i.boxId, { extension: i.spendingProof?.extension, index }]));
  const paidInOne = communitiesPaid(accountsIn, accountsOut, crossPayees).size <= 1;
  for (const before of accountsIn) {
    const { extension, index } = extensionOf.get(before.boxId) ?? { index: -1 };
    if (!extension || Object.keys(extension).length === 0) continue;
    const { memo, requestId, profile, problems } = readNotes(extension);
    const market = readMarketNotes(extension);
    const refuse = (reason: string, note?: MarketNoteKind) =>
      notes.refused.push({ txId: site.txId, boxId: before.boxId, accountId: before.accountId, reason, ...(note ? { note } : {}) });
    for (const problem of problems) refuse(`malformed ${problem}`);
    for (const problem of market.problems) refuse(`malformed ${problem}`, MARKET_PROBLEMS.find(([prefix]) => problem.startsWith(prefix))![1]);
    const forPayment = memo !== undefined || requestId !== undefined;
    const bodies = marketBodies(market);
    const after = successorIn(accountsOut, before);
    if ((!forPayment && !profile && bodies.length === 0) || !after) continue; // only inputs that stay are passed here
    if (worthOf(after) > worthOf(before)) {
      if (forPayment || profile) refuse(CREDITED);
      for (const body of bodies) refuse(CREDITED, body.kind);
      continue;
    }
    if (profile) notes.profiles.push({ site, position, communityId: before.communityId, accountId: before.accountId, profile });
    for (const body of bodies) notes.market.push({ site, position, input: index, communityId: before.communityId, accountId: before.accountId, boxId: before.boxId, body });
    if (forPayment && !paidInOne) refuse(TWO_COMMUNITIES);
    else if (forPayment) notes.payments.set(before.accountId, { ...(memo !== undefined ? { memo } : {}), ...(requestId !== undefined ? { requestId } : {}) });
  }
  return notes;
}

/** Refuses every note taken from `notes` (a batch settlement's: no owner signed it), keeping the refusals already made. */
export function refuseUnsigned(notes: TxNotes, txId: string, accountsIn: readonly AccountRecord[]): void {
  const boxOf = (accountId: string) => accountsIn.find((a) => a.accountId === accountId)!.boxId;
  const taken = [...notes.payments.keys(), ...notes.profiles.map((p) => p.accountId)];
  for (const accountId of new Set(taken)) notes.refused.push({ txId, boxId: boxOf(accountId), accountId, reason: SETTLED });
  for (const m of notes.market) notes.refused.push({ txId, boxId: m.boxId, accountId: m.accountId, reason: SETTLED, note: m.body.kind });
  notes.payments.clear();
  notes.profiles.length = 0;
  notes.market.length = 0;
}
