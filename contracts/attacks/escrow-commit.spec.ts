/**
 * Attacks on committing an order to an escrow (contract version 7; docs/escrow.md): the honest
 * commit by the builder, edited (or built without the builder's checks), refused by both
 * interpreters next to its positive twin. Units created, a commit by another key or from another
 * owner's account, the order's bounds (payee, minimum, deadline, reference), a second order.
 */
import { describe, it } from "vitest";
import type { Account } from "../account/account.ts";
import { escrowSuccessor, requireEscrow } from "../builders/escrow-open.ts";
import { walletPaidTx } from "../builders/line-common.ts";
import { successor } from "../builders/pay.ts";
import type { OpenOrder } from "../escrow/escrow.ts";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";
import { DORMANT_BLOCKS } from "../scripts.ts";
import { EscrowFixture } from "../testing/escrow-fixture.ts";
import { edit, setRegister, type Tx } from "../testing/tx-edit.ts";
import type { Member } from "../testing/world.ts";
import { accepted, commitTx, committed, ctxOf, escrowOut, refused, setBalance, settleTx } from "./escrow-helpers.ts";

/** A commit of `order` from `payer`'s account into alice's escrow, debiting `debit`, built without the builder's checks. */
function rawCommit(f: EscrowFixture, payer: Account, order: OpenOrder, debit: bigint, wallet: Member): Tx {
  const escrow = requireEscrow(f.escrowBox());
  const h = f.world.height;
  const outputs = [successor(payer, payer.balance - debit, BigInt(h), payer.valueNanoErg), escrowSuccessor(escrow, order, h, 1)];
  return walletPaidTx({ inputs: [payer.box, escrow.box], outputs }, ctxOf(f, wallet), 0n);
}

/** The order alice would commit to `payee`: 50 units, a minimum of 20, 100 blocks ahead. */
const orderTo = (f: EscrowFixture, payee: string, o: Partial<OpenOrder> = {}): OpenOrder => ({
  max: 50n, minimum: 20n, deadline: BigInt(f.world.height + 100), payerId: f.account("alice").accountId, payeeId: payee, reference: "", ...o,
});

/** `tx` with the order terms [max, minimum, deadline] written into the escrow's R4. */
const withTerms = (tx: Tx, terms: bigint[]) => edit(tx, (d) => setRegister(escrowOut(d), "R4", longsConstant(terms)));

describe("escrow commit: no unit created", () => {
  it("refuses an escrow credited more than the account is debited, or its R4 max not its balance (twin: both at 40)", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    const tx = commitTx(f, { max: 50n, minimum: 20n });
    accepted(f.world, tx, [alice]);
    const deadline = BigInt(f.world.height + 100);
    const shaped = (debit: bigint, balance: bigint, max: bigint) =>
      edit(tx, (d) => {
        setBalance(d, f.account("alice"), -debit);
        setRegister(escrowOut(d), "R5", longConstant(balance));
        setRegister(escrowOut(d), "R4", longsConstant([max, 20n, deadline]));
      });
    refused(f.world, shaped(49n, 50n, 50n), [alice]);
    refused(f.world, shaped(40n, 40n, 50n), [alice]);
    refused(f.world, shaped(50n, 50n, 51n), [alice]);
    refused(f.world, shaped(50n, 40n, 40n), [alice]);
    accepted(f.world, shaped(40n, 40n, 40n), [alice]);
  });

  it("refuses a commit of 0 units, or a minimum above the max or below 0 (twin: minimum = max, and 0)", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    const tx = commitTx(f, { max: 50n, minimum: 20n });
    const deadline = BigInt(f.world.height + 100);
    refused(f.world, withTerms(tx, [50n, 51n, deadline]), [alice]);
    refused(f.world, withTerms(tx, [50n, -1n, deadline]), [alice]);
    accepted(f.world, withTerms(tx, [50n, 50n, deadline]), [alice]);
    accepted(f.world, withTerms(tx, [50n, 0n, deadline]), [alice]);
    const nothing = edit(tx, (d) => {
      setBalance(d, f.account("alice"), 0n);
      setRegister(escrowOut(d), "R5", longConstant(0n));
      setRegister(escrowOut(d), "R4", longsConstant([0n, 0n, deadline]));
    });
    refused(f.world, nothing, [alice]);
  });
});

describe("escrow commit: who commits", () => {
  it("refuses the honest commit signed by another key (twin: signed by the owner)", () => {
    const f = new EscrowFixture();
    const tx = commitTx(f);
    refused(f.world, tx, [f.member("bob")]);
    accepted(f.world, tx, [f.member("alice")]);
  });

  it("refuses a commit from an account another key owns into alice's escrow, even signed by both (twin: from alice's)", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    const bob = f.member("bob");
    const fromBob = rawCommit(f, f.account("bob"), orderTo(f, f.account("carol").accountId, { payerId: f.account("bob").accountId }), 50n, bob);
    refused(f.world, fromBob, [alice, bob]);
    const fromAlice = rawCommit(f, f.account("alice"), orderTo(f, f.account("carol").accountId), 50n, alice);
    accepted(f.world, fromAlice, [alice]);
    // naming alice as the payer while bob's account is debited changes nothing
    refused(f.world, rawCommit(f, f.account("bob"), orderTo(f, f.account("carol").accountId), 50n, bob), [alice, bob]);
  });

  it("refuses a commit that also pays a third member (twin: the commit alone)", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    const tx = commitTx(f);
    accepted(f.world, tx, [alice]);
    const carol = f.world.box(f.account("carol").boxId);
    const paysCarol = edit(tx, (d) => {
      d.inputs.splice(2, 0, { ...carol, extension: {} });
      d.outputs.splice(2, 0, { ...structuredClone(d.outputs[0]!), value: carol.value, assets: structuredClone(carol.assets), additionalRegisters: { ...carol.additionalRegisters, R5: longConstant(5n) } });
      setBalance(d, f.account("alice"), -55n);
    });
    refused(f.world, paysCarol, [alice]);
  });
});

describe("escrow commit: the order's bounds", () => {
  it("refuses the payee being the payer or the escrow itself (twin: carol)", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    const tx = commitTx(f);
    const payerId = f.account("alice").accountId;
    const payee = (id: string) => edit(tx, (d) => setRegister(escrowOut(d), "R6", bytesConstant(payerId + id)));
    refused(f.world, payee(payerId), [alice]);
    refused(f.world, payee(f.escrowOf().escrowId), [alice]);
    // the payer's part must be the debited account: another payer named with bob as the payee
    refused(f.world, edit(tx, (d) => setRegister(escrowOut(d), "R6", bytesConstant(f.account("bob").accountId + payerId))), [alice]);
    refused(f.world, edit(tx, (d) => setRegister(escrowOut(d), "R6", bytesConstant(payerId + f.account("bob").accountId.slice(0, 62)))), [alice]);
    accepted(f.world, payee(f.account("carol").accountId), [alice]);
  });

  it("refuses a deadline at HEIGHT or beyond HEIGHT + dormantBlocks (twins: HEIGHT + 1 and HEIGHT + dormantBlocks)", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    const tx = commitTx(f);
    const height = BigInt(f.world.height + 1);
    refused(f.world, withTerms(tx, [50n, 20n, height]), [alice]);
    refused(f.world, withTerms(tx, [50n, 20n, height - 10n]), [alice]);
    refused(f.world, withTerms(tx, [50n, 20n, height + BigInt(DORMANT_BLOCKS) + 1n]), [alice]);
    accepted(f.world, withTerms(tx, [50n, 20n, height + 1n]), [alice]);
    accepted(f.world, withTerms(tx, [50n, 20n, height + BigInt(DORMANT_BLOCKS)]), [alice]);
  });

  it("refuses a reference of 65 bytes (twin: 64), and terms of another length", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    // built with 60 bytes: the builder's deposit has room for a few more
    const tx = commitTx(f, { reference: "cd".repeat(60) });
    const ref = (bytes: number) => edit(tx, (d) => setRegister(escrowOut(d), "R9", bytesConstant("ef".repeat(bytes))));
    refused(f.world, ref(65), [alice]);
    accepted(f.world, ref(64), [alice]);
    const deadline = BigInt(f.world.height + 100);
    refused(f.world, withTerms(tx, [50n, 20n, deadline, 0n]), [alice]);
    refused(f.world, withTerms(tx, [50n, 20n]), [alice]);
  });

  it("refuses a commit into an escrow that already holds an order, adding to it or replacing it (twin: after settling)", () => {
    const f = new EscrowFixture();
    const alice = f.member("alice");
    committed(f);
    const carolId = f.account("carol").accountId;
    refused(f.world, rawCommit(f, f.account("alice"), orderTo(f, carolId, { max: 60n }), 10n, alice), [alice]);
    refused(f.world, rawCommit(f, f.account("alice"), orderTo(f, carolId, { max: 10n, minimum: 5n }), 10n, alice), [alice]);
    f.world.submit(settleTx(f, "payer", alice, 50n), [alice]);
    accepted(f.world, rawCommit(f, f.account("alice"), orderTo(f, carolId, { max: 10n, minimum: 5n }), 10n, alice), [alice]);
  });
});
