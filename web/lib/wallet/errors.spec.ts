import { describe, expect, it } from "vitest";
import { LetsError } from "$contracts/errors.ts";
import type { Eip12Method } from "./eip12.ts";
import { WalletError, translateWalletError, type WalletErrorKind } from "./errors.ts";

const kindOf = (method: Eip12Method, thrown: unknown): WalletErrorKind => translateWalletError(method, thrown).kind;

describe("translateWalletError", () => {
  it("reads the same positive code differently per method", () => {
    expect(kindOf("sign_tx", { code: 2, info: "User rejected." })).toBe("declined");
    expect(kindOf("submit_tx", { code: 2, info: "timeout" })).toBe("internal");
    expect(kindOf("sign_data", { code: 2, info: "address is not P2PK" })).toBe("internal");

    expect(kindOf("sign_tx", { code: 1, info: "Missing key" })).toBe("proof-failed");
    expect(kindOf("submit_tx", { code: 1, info: "Double spending attempt" })).toBe("submit-refused");
    expect(kindOf("sign_data", { code: 1, info: "no secret" })).toBe("proof-failed");

    expect(kindOf("sign_data", { code: 3, info: "User rejected." })).toBe("declined");
    expect(kindOf("sign_tx", { code: 3, info: "?" })).toBe("internal");
  });

  it("reads Refused (-3) as a decline only for sign_data and auth, as no access elsewhere", () => {
    expect(kindOf("sign_data", { code: -3, info: "User rejected." })).toBe("declined");
    // Nautilus's auth: Cancel answers Refused "User rejected.", a prover failure ProofGeneration (1).
    expect(kindOf("auth", { code: -3, info: "User rejected." })).toBe("declined");
    expect(kindOf("auth", { code: 1, info: "no secret" })).toBe("proof-failed");
    expect(kindOf("sign_tx", { code: -3, info: "Unauthorized." })).toBe("not-connected");
    expect(kindOf("getContext", { code: -3, info: "Not connected." })).toBe("not-connected");
    expect(kindOf("get_utxos", { code: -3, info: "" })).toBe("not-connected");
  });

  it("reads InvalidRequest (-1) as not connected only when the wallet says so", () => {
    expect(kindOf("get_change_address", { code: -1, info: "Not connected." })).toBe("not-connected");
    expect(kindOf("submit_tx", { code: -1, info: "Invalid params." })).toBe("internal");
    expect(kindOf("get_utxos", { code: -1, info: "Pagination is not supported." })).toBe("internal");
  });

  it("marks wallet-side failures that may pass on a retry", () => {
    expect(translateWalletError("get_current_height", { code: -2, info: "The height returned by the backend is invalid." }).retryable).toBe(true);
    expect(translateWalletError("submit_tx", { code: 2, info: "network" }).retryable).toBe(true);
    expect(translateWalletError("submit_tx", { code: 1, info: "refused" }).retryable).toBe(false);
    expect(translateWalletError("sign_tx", { code: 2, info: "User rejected." }).retryable).toBe(false);
  });

  it("gives sentences a member can act on, with the wallet's own words kept", () => {
    const declined = translateWalletError("sign_tx", { code: 2, info: "User rejected." });
    expect(declined.message).toBe("You declined in the wallet, so nothing was signed or sent.");
    expect(declined.info).toBe("User rejected.");
    expect(declined.code).toBe(2);
    expect(declined.method).toBe("sign_tx");
    expect(translateWalletError("submit_tx", { code: 1, info: "Double spending attempt." }).message).toBe(
      "The node refused the transaction (Double spending attempt).",
    );
    expect(translateWalletError("getContext", { code: -3, info: "Not connected." }).message).toBe(
      "The wallet is not connected to this site (Not connected). Connect it and try again.",
    );
    expect(translateWalletError("sign_tx", { code: 1, info: "" }).message).toBe(
      "The wallet could not sign: it may not hold the key of this account.",
    );
  });

  it("turns unknown codes, thrown errors and junk into internal errors", () => {
    expect(translateWalletError("sign_tx", { code: 42, info: "?" }).message).toBe("The wallet answered sign_tx with unknown code 42 (?).");
    const fromError = translateWalletError("get_utxos", new TypeError("fetch failed"));
    expect(fromError.kind).toBe("internal");
    expect(fromError.cause).toBeInstanceOf(TypeError);
    expect(kindOf("get_utxos", "boom")).toBe("internal");
    expect(kindOf("get_utxos", undefined)).toBe("internal");
    expect(kindOf("sign_tx", { code: "2", info: "not a number code" })).toBe("internal");
  });

  it("passes a WalletError through and shares the LETS error base", () => {
    const error = translateWalletError("sign_tx", { code: 2, info: "" });
    expect(translateWalletError("submit_tx", error)).toBe(error);
    expect(error).toBeInstanceOf(LetsError);
    expect(error).toBeInstanceOf(WalletError);
    expect(error.name).toBe("WalletError");
  });
});
