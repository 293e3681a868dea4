/**
 * Names for addresses, kept in this browser only (the chain has no member names): a member names
 * whom they pay, and later picks them by that name. A name maps to an address, so it finds the
 * same person in every community they belong to.
 */

/** A named address. */
export interface Contact {
  name: string;
  address: string;
}

const KEY = "lets.contacts";
const MAX_NAME = 40;

type Store = Pick<Storage, "getItem" | "setItem">;

/** The saved contacts (none when storage is empty or unreadable). */
export function loadContacts(storage: Store): Contact[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((c): c is Contact => typeof c?.name === "string" && typeof c?.address === "string");
  } catch {
    return [];
  }
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Saves `name` for `address`, replacing an earlier contact of that name or that address. */
export function saveContact(storage: Store, name: string, address: string): Contact[] {
  const clean = name.trim().replace(/\s+/g, " ");
  if (clean === "" || clean.length > MAX_NAME) throw new Error(`A name has 1 to ${MAX_NAME} characters.`);
  const contacts = [...loadContacts(storage).filter((c) => !sameName(c.name, clean) && c.address !== address), { name: clean, address }];
  contacts.sort((a, b) => a.name.localeCompare(b.name));
  storage.setItem(KEY, JSON.stringify(contacts));
  return contacts;
}

/** The contact called `name` (any case), if any. */
export const contactByName = (contacts: readonly Contact[], name: string): Contact | undefined => contacts.find((c) => sameName(c.name, name));

/** The name saved for `address`, if any. */
export const nameOf = (contacts: readonly Contact[], address: string | null): string | undefined =>
  address === null ? undefined : contacts.find((c) => c.address === address)?.name;
