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
import { worthOf } from "./payments.ts";
import type { AccountRecord, EventSite, ProfileChange, RefusedNote } from "./lets-events.ts";
import type { ChainInput } from "./rent.ts";

/** What one transaction's account inputs say, by whom. */
export interface TxNotes {
  /** Memo and request id by the accountId of an owner-signed input. */
  payments: Map<string, { memo?: string; requestId?: string }>;
  profiles: ProfileChange[];
  refused: RefusedNote[];
}

const CREDITED = "notes on an account credited by this transaction: its owner did not sign them";
const SETTLED = "notes on an account input of a batch settlement: its owner signed nothing in it (the settler wrote them)";
const TWO_COMMUNITIES = "a memo or payment request id in a transaction that pays in more than one community: only a payment in one community carries them";

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
  const notes: TxNotes = { payments: new Map(), profiles: [], refused: [] };
  const extensionOf = new Map(inputs.map((i) => [i.boxId, i.spendingProof?.extension]));
  const paidInOne = communitiesPaid(accountsIn, accountsOut, crossPayees).size <= 1;
  for (const before of accountsIn) {
    const extension = extensionOf.get(before.boxId);
    if (!extension || Object.keys(extension).length === 0) continue;
    const { memo, requestId, profile, problems } = readNotes(extension);
    const refuse = (reason: string) => notes.refused.push({ txId: site.txId, boxId: before.boxId, accountId: before.accountId, reason });
    for (const problem of problems) refuse(`malformed ${problem}`);
    const forPayment = memo !== undefined || requestId !== undefined;
    const after = successorIn(accountsOut, before);
    if ((!forPayment && !profile) || !after) continue; // only inputs that stay are passed here
    if (worthOf(after) > worthOf(before)) {
      refuse(CREDITED);
      continue;
    }
    if (profile) notes.profiles.push({ site, position, communityId: before.communityId, accountId: before.accountId, profile });
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
  notes.payments.clear();
  notes.profiles.length = 0;
}
