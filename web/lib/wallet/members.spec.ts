import { describe, expect, it } from "vitest";
import { devAccount } from "$ergo/keys.ts";
import { lookupKind, noMemberMessage } from "./members.ts";

describe("lookupKind", () => {
  it("tells an account id, an address and anything else apart", () => {
    expect(lookupKind("ab".repeat(32))).toBe("account");
    expect(lookupKind(` ${"AB".repeat(32)} `)).toBe("account");
    expect(lookupKind(devAccount(1).address)).toBe("address");
    expect(lookupKind("nobody")).toBeUndefined();
    expect(lookupKind("ab".repeat(10))).toBeUndefined(); // too short for an address, not 64 digits
    expect(lookupKind("")).toBeUndefined();
    // Base58 has no 0, O, I or l: a name of 30 such letters is not an address.
    expect(lookupKind("0".repeat(40))).toBe(undefined);
  });
});

describe("noMemberMessage", () => {
  it("says no member matches, and why, in plain words", () => {
    expect(noMemberMessage("nobody", "Shells", undefined)).toBe("No member matches “nobody”: it is not one of your contacts, an Ergo address or an account id.");
    expect(noMemberMessage("9fAddr", "Shells", "address")).toBe("No member matches “9fAddr”: no open account in Shells belongs to it.");
    expect(noMemberMessage("Bob", "Shells", "address", true)).toBe("No member matches “Bob”: no open account in Shells belongs to their address.");
    expect(noMemberMessage("abcd", "Shells", "account")).toBe("No member matches “abcd”: Shells has no open account with that id.");
  });
});
