/**
 * Pure: the notes (memo, payment request id, profile; contracts/notes.ts) of a transaction's
 * account inputs, taken only where the account's owner signed. The chain checked every signature
 * over the whole transaction, extensions included, and the account contract requires the owner's
 * key exactly when the balance does not rise; so a note on an account whose balance rose (a payee
 * the payer chose) is a forgery attempt and is refused with a reason, as is a malformed one.
 */
import { readNotes } from "../../contracts/notes.ts";
import type { AccountRecord, EventSite, ProfileChange, RefusedNote } from "./lets-events.ts";
import type { ChainInput } from "./rent.ts";

/** What one transaction's account inputs say, by whom. */
export interface TxNotes {
  /** Memo and request id by the accountId of an owner-signed input. */
  payments: Map<string, { memo?: string; requestId?: string }>;
  profiles: ProfileChange[];
  refused: RefusedNote[];
}

/**
 * Reads the notes of `accountsIn` (the transaction's account inputs that stay: payments and
 * top-ups) from `inputs`, checking each against its successor in `accountsOut`.
 */
export function transactionNotes(site: EventSite, inputs: readonly ChainInput[], accountsIn: readonly AccountRecord[], accountsOut: readonly AccountRecord[]): TxNotes {
  const notes: TxNotes = { payments: new Map(), profiles: [], refused: [] };
  const extensionOf = new Map(inputs.map((i) => [i.boxId, i.spendingProof?.extension]));
  for (const before of accountsIn) {
    const extension = extensionOf.get(before.boxId);
    if (!extension || Object.keys(extension).length === 0) continue;
    const read = readNotes(extension);
    const refuse = (reason: string) => notes.refused.push({ txId: site.txId, boxId: before.boxId, accountId: before.accountId, reason });
    for (const problem of read.problems) refuse(`malformed ${problem}`);
    const has = read.memo !== undefined || read.requestId !== undefined || read.profile !== undefined;
    if (!has) continue;
    const after = accountsOut.find((a) => a.accountId === before.accountId);
    if (!after) continue; // only inputs that stay are passed here
    if (after.balance > before.balance) {
      refuse("notes on an account credited by this transaction: its owner did not sign them");
      continue;
    }
    if (read.profile) notes.profiles.push({ site, communityId: before.communityId, accountId: before.accountId, profile: read.profile });
    if (read.memo !== undefined || read.requestId !== undefined) {
      notes.payments.set(before.accountId, { ...(read.memo !== undefined ? { memo: read.memo } : {}), ...(read.requestId !== undefined ? { requestId: read.requestId } : {}) });
    }
  }
  return notes;
}
