/**
 * Finding members of a community from the browser (through `/api/members/{communityId}`), by
 * account id or owner address, or by a name the member gave them in this browser's contacts.
 */

/** An open account matching a search; amounts as decimal strings. */
export interface MemberMatch {
  accountId: string;
  address: string | null;
  balance: string;
  creditLeft: string;
  positiveCap: string;
  boxId: string | null;
}

/** What a text can be looked up as: an account id, an Ergo address, or neither (nothing to ask). */
export type LookupKind = "account" | "address";

const ACCOUNT_ID = /^[0-9a-fA-F]{64}$/;
const ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{30,120}$/;

/** Whether `text` is shaped like an account id (64 hex digits) or an Ergo address (base58); else undefined. */
export function lookupKind(text: string): LookupKind | undefined {
  const t = text.trim();
  if (ACCOUNT_ID.test(t)) return "account";
  if (ADDRESS.test(t)) return "address";
  return undefined;
}

/**
 * What the Pay-to field says when `query` (as typed) finds no open account: `kind` is how it was
 * looked up (undefined: it was no contact, address or id, so nothing was looked up), `contact`
 * whether it was a contact's name.
 */
export function noMemberMessage(query: string, communityName: string, kind: LookupKind | undefined, contact = false): string {
  const quoted = `No member matches “${query}”`;
  if (kind === undefined) return `${quoted}: it is not one of your contacts, an Ergo address or an account id.`;
  if (contact) return `${quoted}: no open account in ${communityName} belongs to their address.`;
  if (kind === "address") return `${quoted}: no open account in ${communityName} belongs to it.`;
  return `${quoted}: ${communityName} has no open account with that id.`;
}

/** Open accounts of `communityId` matching an account id or an address (an unknown one: []). */
export async function findMembers(communityId: string, query: string): Promise<MemberMatch[]> {
  const response = await fetch(`/api/members/${communityId}?q=${encodeURIComponent(query.trim())}`, { cache: "no-store" });
  if (response.status === 400) throw new Error("Enter a member's address, account id or a contact's name.");
  if (!response.ok) throw new Error(`Members could not be looked up (HTTP ${response.status}).`);
  return (await response.json()) as MemberMatch[];
}
