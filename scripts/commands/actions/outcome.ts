/** What a submitted transaction did, read from its own outputs (it may still wait in the mempool). */
import { decodeAccount, decodeCommunity, type Account, type Community } from "../../../contracts/index.ts";
import type { Submitted } from "../../../client/lets-over-http.ts";

/** The accounts and the community box a transaction creates. */
export interface Outcome {
  txId: string;
  accounts: Map<string, Account>;
  community: Community | undefined;
}

/** Decodes the outputs of a submitted transaction. */
export function outcomeOf(submitted: Submitted): Outcome {
  const accounts = new Map<string, Account>();
  let community: Community | undefined;
  for (const box of submitted.signed.outputs) {
    const account = decodeAccount(box);
    if (account.ok) accounts.set(account.value.accountId, account.value);
    const asCommunity = decodeCommunity(box);
    if (asCommunity.ok) community = asCommunity.value;
  }
  return { txId: submitted.id, accounts, community };
}

/** The line every write ends with. */
export const sentLine = (txId: string): string => `transaction ${txId} sent: in the mempool until a block includes it`;
