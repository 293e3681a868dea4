/**
 * Issue 14, attacks on the community paths of the economics family (contract version 4): a join
 * issues exactly the policy's allowance (communityBalance falls by it) and writes the account's
 * levers and economics state from the policy; an exit books the whole worth (balance, accrued
 * charges, unused allowance) into communityBalance; governance writes 17 values within bounds
 * (demurragePeriod >= 1, turnoverPpm <= feeBps x 100, maxCreditLimit >= creditLimit, rates and
 * periods and amounts bounded). Each attack edits the builder's transaction and is refused by both
 * interpreters next to its accepted twin.
 */
import { SColl, SInt } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { govern } from "../builders/govern.ts";
import { join } from "../builders/join.ts";
import { leave } from "../builders/leave.ts";
import { maxUnits } from "../builders/policy.ts";
import { InvalidPolicy } from "../errors.ts";
import { ACCOUNT_ERGO_TREE, DORMANT_BLOCKS, MAX_AGE_BLOCKS } from "../scripts.ts";
import { decodeAccount } from "../account/account.ts";
import { creditLimitAt } from "../builders/pay.ts";
import { setLong } from "../testing/line-attack.ts";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";
import {
  addCommunityBalance, communityBalanceOf, econCommunityOut, econOut, econSetup, economyOf, longsOf, POLICY_INDEX, setEconomy, setLongAt,
} from "../testing/economics-attack.ts";
import { edit, expectAccepted, expectRejected, type Tx } from "../testing/tx-edit.ts";

const LEVERS = {
  demurragePpm: 10_000n, demurragePeriod: 100n, feeBps: 100n, feeMin: 1n, turnoverPpm: 5_000n, stepUnits: 10n,
  stepBlocks: 50n, maxCreditLimit: 300n, newcomerBlocks: 100n, allowance: 40n, sweepMin: 2n,
};

describe("join", () => {
  function joining() {
    const s = econSetup(LEVERS);
    const dan = s.w.member("dan");
    const tx = join({ community: s.f.communityBox(), owner: dan.owner }, s.ctx(dan));
    const accountId = s.f.communityBox().boxId;
    return { ...s, dan, tx, accountId, signers: [dan] };
  }

  it("issues exactly the policy's allowance from the community balance (twin: the builder's join)", () => {
    const s = joining();
    expect(communityBalanceOf(econCommunityOut(s.tx))).toBe(communityBalanceOf(s.f.communityBox()) - 40n);
    expectAccepted(s.w, s.tx, s.signers);
    // a different allowance, the community balance following or not
    for (const [allowance, delta] of [[41n, -1n], [39n, 1n], [0n, 40n], [41n, 0n], [40n, 1n], [40n, -1n]] as const) {
      const tx = edit(s.tx, (d) => {
        setEconomy(econOut(d, s.accountId), { allowance });
        addCommunityBalance(d, delta);
      });
      expectRejected(s.w, tx, s.signers);
    }
  });

  it("refuses any other economics state at join: accrued, chargedHeight, received, carry, a sixth value (twin: [0, joined, 0, allowance, 0])", () => {
    const s = joining();
    const state = economyOf(econOut(s.tx, s.accountId));
    expect(state).toEqual({ accrued: 0n, chargedHeight: BigInt(s.w.height), received: 0n, allowance: 40n, carry: 0n });
    expectAccepted(s.w, s.tx, s.signers);
    const edits: ((d: Tx) => void)[] = [
      (d) => setEconomy(econOut(d, s.accountId), { accrued: 1n }),
      (d) => setEconomy(econOut(d, s.accountId), { accrued: -1n }),
      (d) => setEconomy(econOut(d, s.accountId), { chargedHeight: state.chargedHeight + 1n }),
      (d) => setEconomy(econOut(d, s.accountId), { chargedHeight: state.chargedHeight - 1n }),
      (d) => setEconomy(econOut(d, s.accountId), { received: 1_000_000n }),
      (d) => setEconomy(econOut(d, s.accountId), { carry: 1n }),
      (d) => (econOut(d, s.accountId).additionalRegisters.R9 = longsConstant([0n, state.chargedHeight, 0n, 40n, 0n, 0n])),
    ];
    for (const change of edits) expectRejected(s.w, edit(s.tx, change), s.signers);
  });

  it("refuses levers in the new account's terms other than the policy's, or allowance and sweepMin appended (twin: copied)", () => {
    const s = joining();
    expectAccepted(s.w, s.tx, s.signers);
    const terms = longsOf(econOut(s.tx, s.accountId), "R6", 14);
    for (let i = 5; i < 14; i++) {
      expectRejected(s.w, edit(s.tx, (d) => setLongAt(econOut(d, s.accountId), "R6", 14, i, terms[i]! + 1n)), s.signers);
    }
    expectRejected(s.w, edit(s.tx, (d) => (econOut(d, s.accountId).additionalRegisters.R6 = longsConstant([...terms, 40n, 2n]))), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (econOut(d, s.accountId).additionalRegisters.R6 = longsConstant(terms.slice(0, 5)))), s.signers);
  });
  it("refuses the new account in the plain family's tree (its R9 the order sequence 0), without R9, and R9 as Coll[Int] (twin: the economics tree)", () => {
    const s = joining();
    expectAccepted(s.w, s.tx, s.signers);
    const plain = edit(s.tx, (d) => {
      const out = econOut(d, s.accountId);
      out.ergoTree = ACCOUNT_ERGO_TREE;
      out.additionalRegisters = { ...out.additionalRegisters, R6: longsConstant(longsOf(out, "R6", 14).slice(0, 5)), R9: longConstant(0n) };
      addCommunityBalance(d, 40n);
    });
    expectRejected(s.w, plain, s.signers);
    expectRejected(s.w, edit(s.tx, (d) => void delete econOut(d, s.accountId).additionalRegisters.R9), s.signers);
    const ints = edit(s.tx, (d) => {
      const e = economyOf(econOut(d, s.accountId));
      econOut(d, s.accountId).additionalRegisters.R9 = SColl(SInt, [e.accrued, e.chargedHeight, e.received, e.allowance, e.carry].map(Number)).toHex();
    });
    expectRejected(s.w, ints, s.signers);
  });
  /**
   * Not a hole, a bound worth knowing: like version 3, a join may record any joinedHeight in the
   * last 720 blocks (a day in a mempool). With economics that day also counts toward the earned
   * limit's steps (and shortens the newcomer window): at most ceil(720 / stepBlocks) steps early.
   */
  it("takes a joinedHeight at most 720 blocks back, steps counted from it (twin: HEIGHT - 720; one more refused)", () => {
    const s = joining();
    const at = (joined: bigint) =>
      edit(s.tx, (d) => {
        const out = econOut(d, s.accountId);
        setLongAt(out, "R6", 14, 4, joined);
        setLong(out, "R8", joined);
        setEconomy(out, { chargedHeight: joined });
      });
    const recent = BigInt(s.w.height) + 1n - BigInt(MAX_AGE_BLOCKS);
    expectAccepted(s.w, at(recent), s.signers);
    expectRejected(s.w, at(recent - 1n), s.signers);
    expectRejected(s.w, at(BigInt(s.w.height) + 2n), s.signers);
    s.w.submit(at(recent), s.signers);
    const dan = decodeAccount([...s.w.utxos.values()].find((b) => b.additionalRegisters.R7 === bytesConstant(s.accountId))!);
    if (!dan.ok) throw new Error(dan.reason);
    expect(creditLimitAt(dan.value, BigInt(s.w.height) + 1n)).toBe(100n + 10n * ((BigInt(MAX_AGE_BLOCKS) + 1n) / 50n)); // 14 steps on day one
  });
});

describe("exit", () => {
  it("books a leaver's accrued charges and unused allowance into the community balance (twin: the builder's leave)", () => {
    const s = econSetup(LEVERS);
    s.w.submit(s.payment("alice", [["carol", 10n]], { allowanceUnits: 0n }), s.signer("alice"));
    s.w.submit(s.payment("carol", [["alice", 9n]], { allowanceUnits: 0n }), s.signer("carol")); // 9 + a fee of 1
    const carol = s.f.account("carol");
    expect([carol.balance, carol.economy!.accrued, carol.economy!.allowance]).toEqual([0n, 1n, 40n]);
    const tx = leave({ community: s.f.communityBox(), account: carol.box }, s.ctx(s.f.member("carol")));
    expect(communityBalanceOf(econCommunityOut(tx))).toBe(communityBalanceOf(s.f.communityBox()) + 41n);
    expectAccepted(s.w, tx, s.signer("carol"));
    for (const forgotten of [1n, 40n, 41n, -1n]) expectRejected(s.w, edit(tx, (d) => addCommunityBalance(d, -forgotten)), s.signer("carol"));
  });

  it("books a defaulter's debt with its allowance and charges (twin: the builder's default)", () => {
    const s = econSetup(LEVERS);
    s.w.submit(s.payment("alice", [["bob", 50n]], { allowanceUnits: 10n }), s.signer("alice")); // -41, allowance 30, accrued 1
    const alice = s.f.account("alice");
    s.w.mine(Number(alice.lastActiveHeight + alice.terms.inactivityBlocks) - 1 - s.w.height);
    const closer = s.w.member("closer");
    const tx = closeDefaulted({ community: s.f.communityBox(), accounts: [alice.box] }, s.ctx(closer));
    expect(communityBalanceOf(econCommunityOut(tx))).toBe(communityBalanceOf(s.f.communityBox()) - 41n + 30n + 1n);
    expectAccepted(s.w, tx, [closer]);
    for (const forgotten of [30n, 1n, -41n]) expectRejected(s.w, edit(tx, (d) => addCommunityBalance(d, -forgotten)), [closer]);
  });
});

describe("governance of the levers", () => {
  function governing() {
    const s = econSetup(LEVERS);
    const signers = [s.f.committee];
    // a deposit leaves room for the longer encodings the edits write
    const tx = govern({ community: s.f.communityBox(), policy: { economics: { sweepMin: 3n } }, depositNanoErg: 1_000_000_000n }, s.ctx(s.f.committee));
    const lever = (name: keyof typeof POLICY_INDEX, value: bigint, more: [keyof typeof POLICY_INDEX, bigint][] = []) =>
      edit(tx, (d) => {
        for (const [n, v] of [[name, value], ...more] as const) setLongAt(econCommunityOut(d), "R4", 17, POLICY_INDEX[n], v);
      });
    return { ...s, tx, signers, lever };
  }

  it("refuses demurragePeriod 0, which would divide by zero (twin: 1 block)", () => {
    const s = governing();
    expectAccepted(s.w, s.tx, s.signers);
    expectAccepted(s.w, s.lever("demurragePeriod", 1n), s.signers);
    expectRejected(s.w, s.lever("demurragePeriod", 0n), s.signers);
    expect(() => govern({ community: s.f.communityBox(), policy: { economics: { demurragePeriod: 0n } } }, s.ctx(s.f.committee))).toThrow(InvalidPolicy);
  });

  it("refuses turnoverPpm above feeBps x 100, so self-payments cannot earn more limit than they pay (twin: equal)", () => {
    const s = governing();
    expectAccepted(s.w, s.lever("turnoverPpm", 10_000n), s.signers); // feeBps 100
    expectRejected(s.w, s.lever("turnoverPpm", 10_001n), s.signers);
    expectRejected(s.w, s.lever("feeBps", 49n), s.signers); // turnoverPpm 5,000 needs 50 bps
    expectAccepted(s.w, s.lever("feeBps", 50n), s.signers);
    expectRejected(s.w, s.lever("feeBps", 0n, [["feeMin", 5n]]), s.signers);
    expect(() => govern({ community: s.f.communityBox(), policy: { economics: { turnoverPpm: 10_001n } } }, s.ctx(s.f.committee))).toThrow(InvalidPolicy);
  });

  it("refuses maxCreditLimit below creditLimit (twin: equal)", () => {
    const s = governing();
    expectAccepted(s.w, s.lever("maxCreditLimit", 100n), s.signers);
    expectRejected(s.w, s.lever("maxCreditLimit", 99n), s.signers);
  });

  it("refuses rates, periods and amounts past their bounds or negative (twin: at each bound)", () => {
    const s = governing();
    const units = maxUnits(10n);
    const blocks = BigInt(DORMANT_BLOCKS);
    const bounds: [keyof typeof POLICY_INDEX, bigint][] = [
      ["demurragePpm", 1_000_000n], ["demurragePeriod", blocks], ["feeBps", 9_999n], ["feeMin", units], ["stepUnits", units],
      ["stepBlocks", blocks], ["maxCreditLimit", units], ["newcomerBlocks", blocks], ["allowance", units], ["sweepMin", units],
    ];
    for (const [name, bound] of bounds) {
      expectAccepted(s.w, s.lever(name, bound), s.signers);
      expectRejected(s.w, s.lever(name, bound + 1n), s.signers);
      expectRejected(s.w, s.lever(name, -1n), s.signers);
    }
    // turnoverPpm: at most feeBps x 100, so 999,900 at the largest fee
    expectAccepted(s.w, s.lever("turnoverPpm", 999_900n, [["feeBps", 9_999n]]), s.signers);
    expectRejected(s.w, s.lever("turnoverPpm", 999_901n, [["feeBps", 9_999n]]), s.signers);
    expectRejected(s.w, s.lever("turnoverPpm", -1n), s.signers);
  });

  it("refuses a policy of 16 or 18 values, and levers without the committee (twin: 17, signed)", () => {
    const s = governing();
    const values = longsOf(econCommunityOut(s.tx), "R4", 17);
    expectRejected(s.w, edit(s.tx, (d) => (econCommunityOut(d).additionalRegisters.R4 = longsConstant(values.slice(0, 16)))), s.signers);
    expectRejected(s.w, edit(s.tx, (d) => (econCommunityOut(d).additionalRegisters.R4 = longsConstant([...values, 0n]))), s.signers);
    expectRejected(s.w, s.tx, [s.w.member("outsider")]);
    expectAccepted(s.w, s.tx, s.signers);
  });
});
