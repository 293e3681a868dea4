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

/** Open accounts of `communityId` matching an account id or an address (an unknown one: []). */
export async function findMembers(communityId: string, query: string): Promise<MemberMatch[]> {
  const response = await fetch(`/api/members/${communityId}?q=${encodeURIComponent(query.trim())}`, { cache: "no-store" });
  if (response.status === 400) throw new Error("Enter a member's address, account id or a contact's name.");
  if (!response.ok) throw new Error(`Members could not be looked up (HTTP ${response.status}).`);
  return (await response.json()) as MemberMatch[];
}
