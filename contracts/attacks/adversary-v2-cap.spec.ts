/**
 * Adversarial review of contract version 2 (issue 10), the third hole it found, closed since (the
 * other two are in adversary-v2.spec.ts): with no positive cap, recycled defaults could drive
 * communityBalance to Long.MinValue.
 *
 * The policy bounds keep creditLimit × maxMembers below 2^62, but version 2 read positiveCap = 0
 * as "no cap", so nothing bounded the live positive balances, and communityBalance (minus their
 * sum) fell by a whole debt with every default, forever: seats come back and can be reused. With
 * credit at its bound, 2 × maxMembers Sybil cycles (join, pay the whole credit to an accomplice,
 * be defaulted) took communityBalance to Long.MinValue + 8; from then on no negative account could
 * be defaulted or closed as dormant (communityBalance + debt overflowed in both interpreters), so
 * a debtor kept its seat and collateral forever.
 *
 * Now a join writes the largest cap, maxUnits(maxMembers) = (2^62 - 1) / maxMembers, into the
 * account's terms when the policy says "no cap", and the account contract always enforces
 * `balance <= terms(1)`. At most maxMembers accounts are live, each balance lies in
 * [-creditLimit, cap] with both at most maxUnits, and communityBalance is minus their sum, so
 * |communityBalance| <= maxMembers × maxUnits <= 2^62 - 1, and adding any one balance stays in Long.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import type { Account } from "../account/account.ts";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { join } from "../builders/join.ts";
import { pay } from "../builders/pay.ts";
import { maxUnits, policyBounds, policyProblem } from "../builders/policy.ts";
import { PositiveCapExceeded } from "../errors.ts";
import { longConstant, longsConstant, readLongs } from "../registers.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { accountOut, edit, expectAccepted, expectScriptRefuses } from "../testing/tx-edit.ts";
import { agreed, type Member, type World } from "../testing/world.ts";
import { LONG_MAX } from "../long.ts";

const MAX_MEMBERS = 4n;
/** (2^62 - 1) / 4: the credit limit's bound, and the cap an account gets under "no cap". */
const LIMIT = maxUnits(MAX_MEMBERS);
const POLICY = testPolicy({ maxMembers: MAX_MEMBERS, creditLimit: LIMIT, positiveCap: 0n, inactivityBlocks: 1n });

/** bob and dan (the attacker's creditors) and carol, an ordinary member who owes bob 10. */
function setup() {
  expect(LIMIT).toBe(policyBounds(MAX_MEMBERS).creditLimit);
  expect(policyProblem(POLICY)).toBeUndefined(); // "no cap" with credit at its bound is a valid policy
  const f = new Fixture({ policy: POLICY, members: ["bob", "dan", "carol"] });
  const w = f.world;
  const outsider = w.member("outsider");
  w.submit(pay({ payer: f.account("carol").box, payees: [{ account: f.account("bob").box, amountUnits: 10n }] }, { height: w.height }), [f.member("carol")]);
  return { f, w, outsider, ctx: () => ({ height: w.height, wallet: w.wallet(outsider) }) };
}
type Setup = ReturnType<typeof setup>;

/** Builds, judges and applies a step; false when a builder or either interpreter refuses it. */
function step(w: World, build: () => EIP12UnsignedTransaction, signers: Member[]): boolean {
  let tx: EIP12UnsignedTransaction;
  try {
    tx = build();
  } catch {
    return false;
  }
  if (!agreed(w.judge(tx, signers))) return false;
  w.submit(tx, signers);
  return true;
}

/** Whether carol, overdue, can be defaulted now (by the builder and both interpreters). */
function carolDefaults(s: Setup): boolean {
  s.w.mine(10);
  return step(s.w, () => closeDefaulted({ community: s.f.communityBox(), accounts: [s.f.account("carol").box] }, s.ctx()), [s.outsider]);
}

/** Room left under `name`'s cap. */
const room = (s: Setup, name: string): bigint => s.f.account(name).terms.positiveCap - s.f.account(name).balance;

/**
 * One cycle: a fresh Sybil joins the seat the last one freed, pays its whole credit, as far as the
 * creditors' caps let it, to bob or dan, and is defaulted. False when any step is refused.
 */
function cycle(s: Setup, k: number): boolean {
  const { f, w } = s;
  const sybil = w.member(`sybil${k}`);
  let account: Account;
  try {
    account = f.join(sybil); // through the builder and both interpreters
  } catch {
    return false;
  }
  const to = room(s, "bob") >= room(s, "dan") ? "bob" : "dan";
  const amount = room(s, to) < LIMIT ? room(s, to) : LIMIT;
  if (!step(w, () => pay({ payer: account.box, payees: [{ account: f.account(to).box, amountUnits: amount }] }, { height: w.height }), [sybil])) return false;
  w.mine(1);
  return step(w, () => closeDefaulted({ community: f.communityBox(), accounts: [f.account(sybil.name).box] }, s.ctx()), [s.outsider]);
}

describe("no positive cap: recycled defaults cannot drive communityBalance out of Long", () => {
  it("refuses a join that writes cap 0, or any cap other than maxUnits(maxMembers), under a no-cap policy (twin: maxUnits, as the builder writes)", () => {
    const s = setup();
    const erin = s.w.member("erin");
    const community = s.f.communityBox();
    const tx = join({ community, owner: erin.owner }, { height: s.w.height, wallet: s.w.wallet(erin) });
    const terms = readLongs("R6", accountOut(tx, community.boxId).additionalRegisters.R6, 5);
    expect(terms[1]).toBe(LIMIT);
    const withCap = (cap: bigint) => edit(tx, (d) => (accountOut(d, community.boxId).additionalRegisters.R6 = longsConstant(terms.map((t, i) => (i === 1 ? cap : t)))));
    for (const cap of [0n, LIMIT + 1n, LONG_MAX, LIMIT - 1n]) expectScriptRefuses(s.w, withCap(cap), [erin]);
    expectAccepted(s.w, tx, [erin]);
  });

  it("refuses a credit that takes a creditor one unit past the cap (twin: exactly to the cap)", () => {
    const s = setup();
    const sybil = s.w.member("sybil");
    const account = s.f.join(sybil);
    const bob = s.f.account("bob");
    expect(bob.terms.positiveCap).toBe(LIMIT);
    const fill = room(s, "bob"); // LIMIT - 10
    const payBob = (amountUnits: bigint) => pay({ payer: account.box, payees: [{ account: bob.box, amountUnits }] }, { height: s.w.height });
    expect(() => payBob(fill + 1n)).toThrow(PositiveCapExceeded);
    const tx = payBob(fill);
    const past = edit(tx, (d) => {
      accountOut(d, account.accountId).additionalRegisters.R5 = longConstant(-(fill + 1n));
      accountOut(d, bob.accountId).additionalRegisters.R5 = longConstant(LIMIT + 1n);
    });
    expectScriptRefuses(s.w, past, [sybil]);
    expectAccepted(s.w, tx, [sybil]);
  });

  it("keeps communityBalance within maxMembers × maxUnits after recycled defaults; carol, in debt, can still be defaulted", () => {
    const s = setup();
    let cycles = 0;
    while (cycles < 2 * Number(MAX_MEMBERS) && cycle(s, cycles)) cycles++;
    // Two cycles fill bob's and dan's caps; the third Sybil has nobody left to credit but carol.
    expect(cycles).toBe(2);
    expect([s.f.account("bob").balance, s.f.account("dan").balance]).toEqual([LIMIT, LIMIT]);
    expect(() => pay({ payer: s.f.account("sybil2").box, payees: [{ account: s.f.account("bob").box, amountUnits: 1n }] }, { height: s.w.height })).toThrow(PositiveCapExceeded);
    const { communityBalance } = s.f.community();
    expect(communityBalance).toBe(-(2n * LIMIT - 10n)); // minus (bob + dan + carol)
    expect(-communityBalance).toBeLessThanOrEqual(MAX_MEMBERS * LIMIT);
    expect(MAX_MEMBERS * LIMIT).toBeLessThanOrEqual(2n ** 62n - 1n);
    expect(carolDefaults(s)).toBe(true);
    expect(s.f.conservation()).toBe(0n);
  });
});
