import { describe, expect, it } from "vitest";
import { BalanceNotZero, CreditLimitExceeded, FeeReserveSpent, InsufficientFunds, PositiveCapExceeded } from "$contracts/errors.ts";
import { NotLive } from "./actions.ts";
import { WalletError } from "./errors.ts";
import { explainError } from "./messages.ts";
import { NodeRequestError } from "$ergo/node-client.ts";

const kcd = { decimals: 2, symbol: "KCD" };

describe("explainError", () => {
  it("explains limit refusals in the community's units", () => {
    expect(explainError(new CreditLimitExceeded("ab", 50_000n, -50_001n), kcd)).toBe(
      "Refused before signing: this payment would take your balance to -500.01 KCD, past your credit limit of 500.00 KCD: a balance may go down to -500.00 KCD, no further.",
    );
    expect(explainError(new PositiveCapExceeded("ab", 200_000n, 200_050n), kcd)).toBe(
      "Refused before signing: this payment would take the payee's balance to 2,000.50 KCD, above the positive cap of 2,000.00 KCD.",
    );
    expect(explainError(new BalanceNotZero("ab", -1n), kcd)).toBe("You can leave only at balance 0; your balance is -0.01 KCD.");
  });

  it("explains ERG shortfalls, closed accounts, node and wallet failures", () => {
    expect(explainError(new InsufficientFunds(1_100_000_000n, 5n))).toBe("Not enough ERG: this needs 1.1 ERG, and 0.000000005 ERG is available.");
    expect(explainError(new FeeReserveSpent("ab", 1_002_100_000n, 1_001_000_000n, 1_100_000n), kcd)).toBe(
      "This account's fee reserve is spent: it cannot pay the 0.0011 ERG network fee. Top it up from your wallet on the wallet page (“Top up the fee reserve” under the account), then try again.",
    );
    expect(explainError(new NotLive("account", "ab"))).toMatch(/closed/);
    expect(explainError(new NodeRequestError(0, "unreachable", "ECONNREFUSED", "/info"))).toBe("The node does not answer; try again in a moment.");
    expect(explainError(new NodeRequestError(400, "bad.request", "Double spending attempt", "/transactions"))).toBe("The node refused: Double spending attempt");
    expect(explainError(new WalletError("declined", "sign_tx", "You declined in the wallet, so nothing was signed or sent."))).toBe(
      "You declined in the wallet, so nothing was signed or sent.",
    );
    expect(explainError(new TypeError("x is undefined"))).toBe("Something went wrong: x is undefined");
  });
});
