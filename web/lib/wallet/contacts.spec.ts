import { describe, expect, it } from "vitest";
import { contactByName, loadContacts, nameOf, saveContact } from "./contacts.ts";

/** Storage with the two methods contacts use, kept in a Map. */
function memoryStorage(initial?: string) {
  const map = new Map<string, string>(initial === undefined ? [] : [["lets.contacts", initial]]);
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe("contacts", () => {
  it("saves names for addresses and finds them by name in any case", () => {
    const storage = memoryStorage();
    saveContact(storage, "  Bob   the baker ", "3Wbob");
    saveContact(storage, "Alice", "3Walice");
    const contacts = loadContacts(storage);
    expect(contacts.map((c) => c.name)).toEqual(["Alice", "Bob the baker"]);
    expect(contactByName(contacts, "bob THE baker")?.address).toBe("3Wbob");
    expect(nameOf(contacts, "3Walice")).toBe("Alice");
    expect(nameOf(contacts, null)).toBeUndefined();
  });

  it("replaces a contact with the same name or the same address", () => {
    const storage = memoryStorage();
    saveContact(storage, "Bob", "3Wold");
    saveContact(storage, "bob", "3Wnew");
    saveContact(storage, "Robert", "3Wnew");
    expect(loadContacts(storage)).toEqual([{ name: "Robert", address: "3Wnew" }]);
  });

  it("refuses empty and overlong names", () => {
    expect(() => saveContact(memoryStorage(), "  ", "3W")).toThrow(/1 to 40 characters/);
    expect(() => saveContact(memoryStorage(), "x".repeat(41), "3W")).toThrow(/1 to 40 characters/);
  });

  it("reads unreadable or foreign storage as no contacts", () => {
    expect(loadContacts(memoryStorage("not json"))).toEqual([]);
    expect(loadContacts(memoryStorage('{"a":1}'))).toEqual([]);
    expect(loadContacts(memoryStorage('[{"name":1},{"name":"A","address":"3W"}]'))).toEqual([{ name: "A", address: "3W" }]);
  });
});
