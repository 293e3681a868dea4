/**
 * Issue 14, attacks on an economics payment (contract version 4): the payer's usage fee, what a
 * payer may do to its payees (no fee, no extra demurrage, no allowance, the received counter
 * exact, no balance lowered), the successor rules version 3 had (value, lastActive, owner,
 * creation height, signature), and members of the plain family mixed in. Each attack edits the
 * builder's payment and is refused by both interpreters next to its accepted twin.
 */
import { describe, expect, it } from "vitest";
import type { Box } from "@fleet-sdk/common";
import { SColl, SInt } from "@fleet-sdk/serializer";
import { accountRegisters } from "../account/account.ts";
import { pay } from "../builders/pay.ts";
import { topUp } from "../builders/top-up.ts";
import { gatewayRegisters } from "../line/line.ts";
import { ACCOUNT_ERGO_TREE, GATEWAY_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import { addBalance, balanceOf, charge, chargeUpTo, econOut, econSetup, economyOf, refusingInput, setEconomy, setLongAt } from "../testing/economics-attack.ts";
import { setLong } from "../testing/line-attack.ts";
import { edit, expectAccepted, expectRejected, feeOut, moveErg } from "../testing/tx-edit.ts";
import type { Member } from "../testing/world.ts";
import type { Tx } from "../testing/tx-edit.ts";

const FEE = { feeBps: 100n, feeMin: 1n };

describe("the usage fee", () => {
  it("refuses a fee understated, left out or overstated (twin: max(feeMin, ceil(sent x bps)))", () => {
    const s = econSetup(FEE, { creditLimit: 300n });
    const alice = s.f.account("alice");
    const tx = s.payment("alice", [["bob", 150n]]); // 1% of 150 rounds up to 2
    expect(economyOf(econOut(tx, alice.accountId)).accrued).toBe(2n);
    expectAccepted(s.w, tx, s.signer("alice"));
    for (const units of [-1n, -2n, 1n]) expectRejected(s.w, edit(tx, (d) => charge(econOut(d, alice.accountId), units)), s.signer("alice"));
  });

  it("charges feeMin on a small payment and refuses the bps share alone (twin: feeMin)", () => {
    const s = econSetup({ feeBps: 100n, feeMin: 5n });
    const alice = s.f.account("alice");
    const tx = s.payment("alice", [["bob", 1n]]);
    expect(economyOf(econOut(tx, alice.accountId)).accrued).toBe(5n);
    expectAccepted(s.w, tx, s.signer("alice"));
    expectRejected(s.w, edit(tx, (d) => charge(econOut(d, alice.accountId), -4n)), s.signer("alice"));
  });

  it("refuses a fee rounded to 0 by splitting among payees: one fee on the total (twin: 1 unit for 3 units at 1 bps)", () => {
    const s = econSetup({ feeBps: 1n, feeMin: 0n });
    const alice = s.f.account("alice");
    const tx = s.payment("alice", [["bob", 1n], ["carol", 2n]]);
    expect(economyOf(econOut(tx, alice.accountId)).accrued).toBe(1n);
    expectAccepted(s.w, tx, s.signer("alice"));
    expectRejected(s.w, edit(tx, (d) => charge(econOut(d, alice.accountId), -1n)), s.signer("alice"));
    // one fee per payee is not the rule either
    expectRejected(s.w, edit(tx, (d) => charge(econOut(d, alice.accountId), 1n)), s.signer("alice"));
  });

  it("charges a whole unit on each of several 1-unit payments and refuses one without (twin: each pays 1)", () => {
    const s = econSetup({ feeBps: 1n, feeMin: 0n });
    const alice = s.f.account("alice");
    s.w.submit(s.payment("alice", [["bob", 1n]]), s.signer("alice"));
    s.w.submit(s.payment("alice", [["bob", 1n]]), s.signer("alice"));
    const third = s.payment("alice", [["bob", 1n]]);
    expectRejected(s.w, edit(third, (d) => charge(econOut(d, alice.accountId), -1n)), s.signer("alice"));
    s.w.submit(third, s.signer("alice"));
    expect(s.f.account("alice")).toMatchObject({ balance: -6n, economy: { accrued: 3n } });
  });

  it("refuses a fee on a top-up, which sends nothing (twin: the builder's top-up)", () => {
    const s = econSetup(FEE);
    const alice = s.f.account("alice");
    const tx = topUp({ account: alice.box, addNanoErg: 1_000_000n }, s.ctx(s.f.member("alice")));
    expectAccepted(s.w, tx, s.signer("alice"));
    expectRejected(s.w, edit(tx, (d) => charge(econOut(d, alice.accountId), 1n)), s.signer("alice"));
  });
});

describe("what a payer may do to its payee", () => {
  /** bob holds 200 for 1,000 blocks at 1% per 100, then carol pays him 10: demurrage is due on bob. */
  function paysIdleBob() {
    const s = econSetup({ ...FEE, demurragePpm: 10_000n, demurragePeriod: 100n }, { creditLimit: 300n });
    s.w.submit(s.payment("alice", [["bob", 200n]]), s.signer("alice"));
    s.w.mine(1_000);
    const bob = s.f.account("bob");
    return { ...s, bob, tx: s.payment("carol", [["bob", 10n]]), signers: s.signer("carol") };
  }

  it("refuses a fee or extra demurrage put on the payee, or its demurrage left out (twin: its exact demurrage)", () => {
    const s = paysIdleBob();
    expect(economyOf(econOut(s.tx, s.bob.accountId)).accrued).toBe(20n);
    expectAccepted(s.w, s.tx, s.signers);
    for (const units of [1n, -1n, -20n]) expectRejected(s.w, edit(s.tx, (d) => charge(econOut(d, s.bob.accountId), units)), s.signers);
    const uncharged = edit(s.tx, (d) => chargeUpTo(econOut(d, s.bob.accountId), s.bob, s.bob.economy!.chargedHeight));
    expectRejected(s.w, uncharged, s.signers);
    const tooOld = BigInt(s.w.height) + 1n - BigInt(MAX_AGE_BLOCKS) - 1n;
    expectRejected(s.w, edit(s.tx, (d) => chargeUpTo(econOut(d, s.bob.accountId), s.bob, tooOld)), s.signers);
  });

  it("refuses the payee's received counter changed (twin: it grows by exactly what was paid)", () => {
    const s = paysIdleBob();
    expect(economyOf(econOut(s.tx, s.bob.accountId)).received).toBe(210n);
    expectAccepted(s.w, s.tx, s.signers);
    for (const received of [211n, 209n, 200n, 1_000_000n]) {
      expectRejected(s.w, edit(s.tx, (d) => setEconomy(econOut(d, s.bob.accountId), { received })), s.signers);
    }
  });

  it("refuses the payee's balance lowered: paid less than its received counter says, or debited (twin: credited)", () => {
    const s = paysIdleBob();
    const carol = s.f.account("carol");
    const short = edit(s.tx, (d) => {
      addBalance(econOut(d, s.bob.accountId), -1n);
      addBalance(econOut(d, carol.accountId), 1n);
    });
    expectRejected(s.w, short, s.signers);
    // bob debited 5 to carol's benefit, the registers made consistent: bob is now a payer, unsigned
    const debited = edit(s.tx, (d) => {
      const bobOut = econOut(d, s.bob.accountId);
      addBalance(bobOut, -15n);
      setEconomy(bobOut, { received: s.bob.economy!.received });
      const carolOut = econOut(d, carol.accountId);
      addBalance(carolOut, 15n);
      setEconomy(carolOut, { accrued: 0n, received: carol.economy!.received + 5n });
    });
    expectRejected(s.w, debited, s.signers);
    expectAccepted(s.w, s.tx, s.signers);
  });

  it("refuses a payee's value lowered, owner changed, creation height back-dated or lastActive moved (twin: untouched)", () => {
    const s = paysIdleBob();
    const out = (d: Tx) => econOut(d, s.bob.accountId);
    expectAccepted(s.w, s.tx, s.signers);
    expectRejected(s.w, edit(s.tx, (d) => moveErg(out(d), feeOut(d), 1n)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (out(d).additionalRegisters.R4 = s.f.member("carol").owner)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (out(d).creationHeight = s.w.height - MAX_AGE_BLOCKS - 1)), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => setLong(out(d), "R8", BigInt(s.w.height))), s.signers);
  });

  it("marks a negative payee active now and refuses a stale or future mark (twin: the tip)", () => {
    const s = econSetup(FEE);
    s.w.submit(s.payment("alice", [["bob", 50n]]), s.signer("alice"));
    s.w.mine(1_000);
    const alice = s.f.account("alice");
    const tx = s.payment("bob", [["alice", 10n]]);
    expectAccepted(s.w, tx, s.signer("bob"));
    const mark = (height: bigint) => edit(tx, (d) => setLong(econOut(d, alice.accountId), "R8", height));
    expectRejected(s.w, mark(alice.lastActiveHeight), s.signer("bob"));
    expectRejected(s.w, mark(BigInt(s.w.height) + 2n), s.signer("bob"));
  });
});

describe("the payer's successor", () => {
  it("refuses a debit without the payer's signature (twin: signed)", () => {
    const s = econSetup(FEE);
    const tx = s.payment("alice", [["bob", 10n]]);
    expectAccepted(s.w, tx, s.signer("alice"));
    expectRejected(s.w, tx, s.signer("bob"));
    expectRejected(s.w, tx, []);
  });

  it("lets the payer pay the fee from its ERG only down to collateral + minimum (twin: exactly there)", () => {
    const s = econSetup(FEE);
    const alice = s.f.account("alice");
    const tx = s.payment("alice", [["bob", 10n]]);
    const floor = alice.terms.collateralNanoErg + 1_000_000n;
    const spare = BigInt(econOut(tx, alice.accountId).value) - floor;
    const atFloor = edit(tx, (d) => moveErg(econOut(d, alice.accountId), feeOut(d), spare));
    expectAccepted(s.w, atFloor, s.signer("alice"));
    expectRejected(s.w, edit(atFloor, (d) => moveErg(econOut(d, alice.accountId), feeOut(d), 1n)), s.signer("alice"));
  });

  it("refuses the payer's lastActive stale or in the future (twin: a recent height)", () => {
    const s = econSetup(FEE);
    s.w.mine(1_000);
    const alice = s.f.account("alice");
    const tx = s.payment("alice", [["bob", 10n]]);
    const mark = (height: bigint) => edit(tx, (d) => setLong(econOut(d, alice.accountId), "R8", height));
    const recent = BigInt(s.w.height + 1 - MAX_AGE_BLOCKS);
    expectAccepted(s.w, mark(recent), s.signer("alice"));
    expectRejected(s.w, mark(recent - 1n), s.signer("alice"));
    expectRejected(s.w, mark(alice.lastActiveHeight), s.signer("alice"));
    expectRejected(s.w, mark(BigInt(s.w.height) + 2n), s.signer("alice"));
  });

  it("refuses the payer's received counter, terms or levers changed (twin: kept)", () => {
    const s = econSetup({ ...FEE, turnoverPpm: 10_000n });
    const alice = s.f.account("alice");
    const tx = s.payment("alice", [["bob", 10n]]);
    expectAccepted(s.w, tx, s.signer("alice"));
    expectRejected(s.w, edit(tx, (d) => setEconomy(econOut(d, alice.accountId), { received: 1_000n })), s.signer("alice"));
    // creditLimit, then turnoverPpm, stepUnits and maxCreditLimit (R6 values 0, 9, 10, 12)
    for (const [index, value] of [[0, 1_000n], [9, 1_000_000n], [10, 1_000n], [12, 1_000n]] as const) {
      expectRejected(s.w, edit(tx, (d) => setLongAt(econOut(d, alice.accountId), "R6", 14, index, value)), s.signer("alice"));
    }
  });
});

describe("registers of another type", () => {
  it("refuses R9 as Coll[Int] or the balance as an Int, on the payer or the payee, on both interpreters (twin: Longs)", () => {
    const s = econSetup(FEE);
    const tx = s.payment("alice", [["bob", 10n]]);
    expectAccepted(s.w, tx, s.signer("alice"));
    for (const account of [s.f.account("alice"), s.f.account("bob")]) {
      const out = econOut(tx, account.accountId);
      const e = economyOf(out);
      const ints = [e.accrued, e.chargedHeight, e.received, e.allowance, e.carry].map(Number);
      expectRejected(s.w, edit(tx, (d) => (econOut(d, account.accountId).additionalRegisters.R9 = SColl(SInt, ints).toHex())), s.signer("alice"));
      expectRejected(s.w, edit(tx, (d) => (econOut(d, account.accountId).additionalRegisters.R5 = SInt(Number(balanceOf(out))).toHex())), s.signer("alice"));
    }
  });
});

describe("members of the plain family beside economics accounts", () => {
  /** A plain account (or a gateway) holding this community's unit: a forged genesis or a freed unit could make one. */
  function plainMember(s: ReturnType<typeof econSetup>, owner: Member, balance: bigint): Box<string> {
    const height = BigInt(s.w.height);
    const terms = { creditLimit: 100n, positiveCap: 500n, collateralNanoErg: 0n, inactivityBlocks: 0n, joinedHeight: height };
    return s.w.addBox({
      ergoTree: ACCOUNT_ERGO_TREE, value: 200_000_000n, assets: [{ tokenId: s.f.communityId, amount: 1n }],
      additionalRegisters: accountRegisters({ owner: owner.owner, balance, terms, accountId: "ab".repeat(32), lastActiveHeight: height }),
    });
  }

  it("refuses an economics payer paying a plain account of its community (twin: paying an economics account)", () => {
    const s = econSetup(FEE);
    const mallory = s.w.member("mallory");
    const plain = plainMember(s, mallory, 0n);
    const alice = s.f.account("alice");
    expectAccepted(s.w, s.payment("alice", [["bob", 10n]]), s.signer("alice"));
    const tx = pay({ payer: alice.box, payees: [{ account: plain, amountUnits: 10n }] }, { height: s.w.height });
    expect(refusingInput(s.w, tx, s.signer("alice"))).toBe(0); // alice's script: a member without R9
  });

  it("refuses a plain account paying an economics account of the community, fee-free (twin: an economics payer)", () => {
    const s = econSetup(FEE);
    const mallory = s.w.member("mallory");
    const plain = plainMember(s, mallory, 300n);
    const bob = s.f.account("bob");
    expectAccepted(s.w, s.payment("carol", [["bob", 10n]]), s.signer("carol"));
    const tx = pay({ payer: plain, payees: [{ account: bob.box, amountUnits: 10n }] }, { height: s.w.height });
    expect(refusingInput(s.w, tx, [mallory])).toBe(1); // the plain script passes; bob's refuses
  });

  it("refuses a gateway holding the community's unit beside an economics payment (twin: the payment alone)", () => {
    const s = econSetup(FEE);
    const registers = gatewayRegisters({ lineId: "cd".repeat(32), side: 0, shard: 0, balance: 0n, feesHeld: 0n, maxUnits: 500n });
    const gateway = s.w.addBox({ ergoTree: GATEWAY_ERGO_TREE, value: 3_000_000_000n, assets: [{ tokenId: s.f.communityId, amount: 1n }], additionalRegisters: registers });
    const tx = s.payment("alice", [["bob", 10n]]);
    expectAccepted(s.w, tx, s.signer("alice"));
    const mixed = edit(tx, (d) => {
      d.inputs.push({ ...gateway, extension: {} });
      d.outputs.push({ value: gateway.value, ergoTree: gateway.ergoTree, creationHeight: s.w.height, assets: gateway.assets, additionalRegisters: gateway.additionalRegisters });
    });
    expect(refusingInput(s.w, mixed, s.signer("alice"))).toBe(0);
  });
});
