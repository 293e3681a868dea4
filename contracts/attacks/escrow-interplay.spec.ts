/**
 * An escrow beside the other boxes that move a community's units (contract version 7;
 * docs/escrow.md): a batch settlement (whose box makes the accounts skip their own checks) and the
 * exchange desk. Each attack puts the escrow into the other's honest transaction; both
 * interpreters refuse it, and accept the honest transaction (the twin).
 */
import type { Box } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { openDesk } from "../builders/desk-open.ts";
import { buyFromDesk } from "../builders/desk-trade.ts";
import { decodeDesk } from "../desk/desk.ts";
import { longConstant } from "../registers.ts";
import { batchSetup, copyOut, withPassenger } from "../testing/batch-attack.ts";
import { FIXED_TERMS } from "../testing/desk-fixture.ts";
import { EscrowFixture } from "../testing/escrow-fixture.ts";
import { edit, setRegister } from "../testing/tx-edit.ts";
import { accepted, committed, ctxOf, refused, setBalance } from "./escrow-helpers.ts";

describe("an escrow and a batch settlement", () => {
  it("refuses the escrow spent in a batch, unchanged or credited from an account the batch debits (twin: the batch alone)", () => {
    const f = new EscrowFixture();
    const t = batchSetup({ fixture: f });
    const p = t.plan([t.signed("bob", "carol", 5n)], ["bob", "carol"]);
    const tx = t.build(p);
    accepted(t.w, tx, t.signers);
    const n = p.accounts.length;
    const escrow = f.escrowBox();
    const passenger = withPassenger(tx, escrow, n + 1, n, t.w.height);
    refused(t.w, passenger, [...t.signers, f.member("alice")]);
    // bob's batch debit of 5 raised to 15, the 10 into alice's escrow as if committed
    const moved = edit(passenger, (d) => {
      setBalance(d, f.account("bob"), f.account("bob").balance - 15n);
      setRegister(d.outputs[n]!, "R5", longConstant(10n));
    });
    refused(t.w, moved, [...t.signers, f.member("alice"), f.member("bob")]);
  });

  it("refuses an open escrow's units drained into the payer's account in a batch (twin: the batch alone)", () => {
    const f = new EscrowFixture();
    const t = batchSetup({ fixture: f });
    committed(f, { max: 50n, minimum: 0n });
    const open = f.escrowBox();
    const tx2 = t.build(t.plan([t.signed("alice", "bob", 5n)], ["alice", "bob"]));
    accepted(t.w, tx2, t.signers);
    const drained = edit(withPassenger(tx2, open, 3, 2, t.w.height), (d) => {
      setRegister(d.outputs[2]!, "R5", longConstant(0n));
      setBalance(d, f.account("alice"), f.account("alice").balance - 5n + 50n);
    });
    refused(t.w, drained, [...t.signers, f.member("alice")]);
  });
});

describe("an escrow and the exchange desk", () => {
  /** An escrow fixture whose committee has opened a fixed-rate desk. */
  function withDesk() {
    const f = new EscrowFixture();
    f.world.submit(openDesk({ community: f.communityBox(), terms: FIXED_TERMS }, ctxOf(f, f.committee)), [f.committee]);
    const desk = [...f.world.utxos.values()].find((b) => decodeDesk(b).ok)!;
    return { f, desk };
  }

  it("refuses a desk buy whose units go into alice's escrow instead of her account (twin: the honest buy)", () => {
    const { f, desk } = withDesk();
    const alice = f.member("alice");
    const tx = buyFromDesk({ desk, account: f.account("alice").box, units: 100n }, ctxOf(f, alice));
    accepted(f.world, tx, [alice]);
    const escrow = f.escrowBox();
    const withEscrow = (credit: bigint) => edit(tx, (d) => {
      d.inputs.splice(2, 0, { ...escrow, extension: {} });
      const out = copyOut(escrow as Box<string>, f.world.height);
      out.additionalRegisters = { ...out.additionalRegisters, R5: longConstant(credit) };
      d.outputs.splice(2, 0, out);
      setBalance(d, f.account("alice"), f.account("alice").balance + 100n - credit);
    });
    refused(f.world, withEscrow(0n), [alice]);
    refused(f.world, withEscrow(100n), [alice]);
    expect(decodeDesk(desk).ok).toBe(true);
  });
});
