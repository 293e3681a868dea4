import { describe, expect, it } from "vitest";
import { devAccount } from "./keys.ts";
import { addressOfKey, ownerAddress } from "./addresses.ts";

const key = devAccount(4).publicKey;

describe("addresses of keys and owners", () => {
  it("gives a key's P2PK address: testnet prefix on the devnet and testnet, mainnet on mainnet", () => {
    expect(addressOfKey(key, "devnet")).toBe(devAccount(4).address);
    expect(addressOfKey(key, "testnet")).toBe(devAccount(4).address);
    expect(addressOfKey(key, "mainnet")).not.toBe(devAccount(4).address);
    expect(addressOfKey(key, "mainnet").startsWith("9")).toBe(true);
  });

  it("gives a single-key owner its key's address, whatever the case of the hex", () => {
    expect(ownerAddress(`08cd${key}`, "devnet")).toBe(devAccount(4).address);
    expect(ownerAddress(`08CD${key.toUpperCase()}`, "devnet")).toBe(devAccount(4).address);
  });

  it("gives no address to a committee, even 1 of 1, nor to a malformed register", () => {
    expect(ownerAddress(`08980101cd${key}`, "devnet")).toBeUndefined();
    expect(ownerAddress(`08980102cd${key}cd${devAccount(5).publicKey}`, "devnet")).toBeUndefined();
    expect(ownerAddress(`08cd${key}00`, "devnet")).toBeUndefined();
    expect(ownerAddress("0801", "devnet")).toBeUndefined();
  });
});
