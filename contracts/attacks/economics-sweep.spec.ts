/**
 * Issue 14, attacks on the sweep (contract version 4): anyone spends the community box (first
 * input) with accounts holding at least max(1, sweepMin) in charges; each account is recreated
 * unchanged but for accrued -> 0 and the demurrage due charged, and communityBalance rises by
 * exactly what left them. Each attack edits the builder's sweep and is refused by both
 * interpreters next to its accepted twin. The sweep of a full community was a HOLE (sigmastate
 * refused it, sigma-rust accepted it), fixed in 014004e; its test stays.
 */
import type { Box } from "@fleet-sdk/common";
import { blake2b256, hex } from "@fleet-sdk/crypto";
import { serializeBox } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import type { Account } from "../account/account.ts";
import { pay } from "../builders/pay.ts";
import { sweep, sweepLeg } from "../builders/sweep.ts";
import { NothingToSweep } from "../errors.ts";
import { ACCOUNT_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { econPolicy } from "../testing/policy.ts";
import {
  addCommunityBalance, charge, chargeUpTo, communityBalanceOf, econCommunityOut, econOut, econSetup, economyOf, economyRegister, POLICY_INDEX, refusingInput, setEconomy, setLongAt,
} from "../testing/economics-attack.ts";
import { setLong } from "../testing/line-attack.ts";
import { edit, expectAccepted, expectRejected, feeOut, moveErg, rebalance, type Tx } from "../testing/tx-edit.ts";

const LEVERS = { feeBps: 100n, feeMin: 1n, demurragePpm: 10_000n, demurragePeriod: 100n };

/** alice pays bob 200 (a fee of 2); 1,000 blocks later bob owes 20 of demurrage; an outsider sweeps both. */
function swept(levers = {}) {
  const s = econSetup({ ...LEVERS, ...levers }, { creditLimit: 300n });
  s.w.submit(s.payment("alice", [["bob", 200n]]), s.signer("alice"));
  s.w.mine(1_000);
  const sweeper = s.w.member("sweeper");
  const [alice, bob] = [s.f.account("alice"), s.f.account("bob")];
  const tx = sweep({ community: s.f.communityBox(), accounts: [alice.box, bob.box] }, s.ctx(sweeper));
  return { ...s, alice, bob, sweeper, tx, signers: [sweeper] };
}

/** `box` with `change` applied to its registers and the id to match (for a builder to build on). */
function lookAlike(box: Box<string>, change: (r: Record<string, string>) => void): Box<string> {
  const copy = structuredClone(box);
  change(copy.additionalRegisters as Record<string, string>);
  return { ...copy, boxId: hex.encode(blake2b256(serializeBox(copy).toBytes())) };
}

/**
 * A sweep of `accounts` that the builder refuses to build (too little to collect): built on copies
 * of the accounts showing `bump` more accrued, then the genuine boxes put back and the community
 * balance lowered to what they really hold.
 */
function forcedSweep(community: Box<string>, accounts: Account[], ctx: { height: number; wallet: ReturnType<Fixture["world"]["wallet"]> }, bump = 10n): Tx {
  const shown = accounts.map((a) => lookAlike(a.box as Box<string>, (r) => (r.R9 = economyRegister({ ...a.economy!, accrued: a.economy!.accrued + bump }))));
  const tx = sweep({ community, accounts: shown }, ctx);
  return edit(tx, (d) => {
    accounts.forEach((a, i) => (d.inputs[1 + i] = { ...(a.box as Box<string>), extension: {} }));
    addCommunityBalance(d, -bump * BigInt(accounts.length));
  });
}

describe("what a sweep collects", () => {
  it("moves exactly accrued + demurrage due to the community balance and refuses more, less, nothing or a fall (twin: exact)", () => {
    const s = swept();
    const collected = [s.alice, s.bob].reduce((sum, a) => sum + sweepLeg(a, BigInt(s.w.height)).collected, 0n);
    expect(collected).toBe(2n + 20n);
    const before = communityBalanceOf(s.f.communityBox());
    expect(communityBalanceOf(econCommunityOut(s.tx))).toBe(before + collected);
    expectAccepted(s.w, s.tx, s.signers);
    for (const delta of [1n, -1n, -collected, -collected - 5n]) {
      expectRejected(s.w, edit(s.tx, (d) => addCommunityBalance(d, delta)), s.signers);
    }
  });

  it("refuses accrued charges wiped without reaching the community, or left in the account (twin: moved)", () => {
    const s = swept();
    const kept = edit(s.tx, (d) => {
      setEconomy(econOut(d, s.alice.accountId), { accrued: 2n });
      addCommunityBalance(d, -2n);
    });
    expectRejected(s.w, kept, s.signers);
    const wiped = edit(s.tx, (d) => addCommunityBalance(d, -2n));
    expectRejected(s.w, wiped, s.signers);
    expectAccepted(s.w, s.tx, s.signers);
  });

  it("refuses extra or missing demurrage on a swept account, the community balance matching (twin: the exact due)", () => {
    const s = swept();
    expectAccepted(s.w, s.tx, s.signers);
    for (const units of [1n, -1n, -20n]) {
      const tx = edit(s.tx, (d) => {
        charge(econOut(d, s.bob.accountId), units);
        setEconomy(econOut(d, s.bob.accountId), { accrued: 0n });
        addCommunityBalance(d, units);
      });
      expectRejected(s.w, tx, s.signers);
    }
    // chargedHeight moved to `to`, with the due that goes with it; the community balance matching
    const chargedTo = (to: bigint) =>
      edit(s.tx, (d) => {
        const out = econOut(d, s.bob.accountId);
        chargeUpTo(out, s.bob, to);
        const less = economyOf(out).accrued; // the new due less the builder's (accrued was 0)
        setEconomy(out, { accrued: 0n });
        addCommunityBalance(d, less);
      });
    expectAccepted(s.w, chargedTo(BigInt(s.w.height) + 1n - BigInt(MAX_AGE_BLOCKS)), s.signers);
    expectRejected(s.w, chargedTo(s.bob.economy!.chargedHeight), s.signers);
    const back = chargedTo(BigInt(s.w.height) - BigInt(MAX_AGE_BLOCKS));
    expectRejected(s.w, back, s.signers);
  });
});

describe("a swept account changes in nothing else", () => {
  it("refuses owner, terms, lastActive, received, allowance, carry, value, creation height or script changed (twin: the builder's)", () => {
    const s = swept({ allowance: 40n, newcomerBlocks: 10n });
    const out = (d: Tx) => econOut(d, s.bob.accountId);
    expectAccepted(s.w, s.tx, s.signers);
    const edits: ((d: Tx) => void)[] = [
      (d) => (out(d).additionalRegisters.R4 = s.sweeper.owner),
      (d) => setLongAt(out(d), "R6", 14, 0, 1_000n),
      (d) => setLong(out(d), "R8", BigInt(s.w.height)),
      (d) => setEconomy(out(d), { received: economyOf(out(d)).received + 1n }),
      (d) => setEconomy(out(d), { received: 0n }),
      (d) => setEconomy(out(d), { allowance: 0n }),
      (d) => setEconomy(out(d), { allowance: economyOf(out(d)).allowance + 1n }),
      (d) => setEconomy(out(d), { carry: economyOf(out(d)).carry + 1n }),
      (d) => moveErg(out(d), feeOut(d), 1n),
      (d) => (out(d).creationHeight = s.w.height - MAX_AGE_BLOCKS - 1),
      (d) => (out(d).ergoTree = ACCOUNT_ERGO_TREE),
    ];
    for (const change of edits) expectRejected(s.w, edit(s.tx, change), s.signers);
  });
});

describe("the community box in a sweep", () => {
  it("refuses a sweep that rewrites the policy, committee, members joined, seats or treasury (twin: kept)", () => {
    const s = swept();
    expectAccepted(s.w, s.tx, s.signers);
    const community = (d: Tx) => econCommunityOut(d);
    const edits: ((d: Tx) => void)[] = [
      (d) => setLongAt(community(d), "R4", 17, POLICY_INDEX.sweepMin, 5n),
      (d) => setLongAt(community(d), "R4", 17, POLICY_INDEX.allowance, 1_000n),
      (d) => (community(d).additionalRegisters.R5 = s.sweeper.owner),
      (d) => setLongAt(community(d), "R7", 2, 0, 0n),
      (d) => (community(d).assets = [{ tokenId: s.f.communityId, amount: (BigInt(community(d).assets[0]!.amount) - 1n).toString() }]),
      (d) => moveErg(community(d), feeOut(d), 1n),
    ];
    for (const change of edits) expectRejected(s.w, edit(s.tx, change), s.signers);
  });
});

describe("who is swept", () => {
  it("refuses an account holding less than sweepMin, demurrage included (twin: at sweepMin)", () => {
    const s = econSetup({ ...LEVERS, sweepMin: 3n }, { creditLimit: 300n });
    s.w.submit(s.payment("alice", [["bob", 200n]]), s.signer("alice")); // alice: a fee of 2
    s.w.mine(1_000);
    const sweeper = s.w.member("sweeper");
    const [alice, bob] = [s.f.account("alice"), s.f.account("bob")];
    expect(() => sweep({ community: s.f.communityBox(), accounts: [alice.box] }, s.ctx(sweeper))).toThrow(NothingToSweep);
    expectRejected(s.w, forcedSweep(s.f.communityBox(), [alice], s.ctx(sweeper)), [sweeper]);
    // bob holds no fee but 20 of demurrage due: swept
    expectAccepted(s.w, sweep({ community: s.f.communityBox(), accounts: [bob.box] }, s.ctx(sweeper)), [sweeper]);
    s.w.submit(s.payment("alice", [["carol", 10n]]), s.signer("alice"));
    expect(s.f.account("alice").economy!.accrued).toBe(3n);
    expectAccepted(s.w, forcedSweep(s.f.communityBox(), [s.f.account("alice")], s.ctx(sweeper)), [sweeper]);
  });

  it("refuses re-spending an account with nothing to collect, even with sweepMin 0 (twin: one with a fee accrued)", () => {
    const s = swept();
    const carol = s.f.account("carol");
    expectRejected(s.w, forcedSweep(s.f.communityBox(), [carol], s.ctx(s.sweeper)), s.signers);
    s.w.submit(s.tx, s.signers);
    // swept a moment ago: nothing left
    expectRejected(s.w, forcedSweep(s.f.communityBox(), [s.f.account("alice")], s.ctx(s.sweeper)), s.signers);
    s.w.submit(s.payment("alice", [["carol", 1n]]), s.signer("alice"));
    expectAccepted(s.w, forcedSweep(s.f.communityBox(), [s.f.account("alice")], s.ctx(s.sweeper)), s.signers);
  });

  it("refuses another community's account swept into this one (twin: swept into its own)", () => {
    const s = swept();
    const other = new Fixture({ world: s.w, name: "Otago", policy: econPolicy(LEVERS), members: ["olga", "oscar"] });
    const olgaPays = pay({ payer: other.account("olga").box, payees: [{ account: other.account("oscar").box, amountUnits: 10n }] }, { height: s.w.height });
    s.w.submit(olgaPays, [other.member("olga")]);
    const olga = other.account("olga");
    const own = sweep({ community: other.communityBox(), accounts: [olga.box] }, s.ctx(s.sweeper));
    expectAccepted(s.w, own, s.signers);
    const tx = sweep({ community: s.f.communityBox(), accounts: [s.alice.box] }, s.ctx(s.sweeper));
    const withOlga = (credited: boolean) =>
      edit(tx, (d) => {
        d.inputs.push({ ...(olga.box as Box<string>), extension: {} });
        d.outputs.push(structuredClone(econOut(own, olga.accountId)));
        if (credited) addCommunityBalance(d, olga.economy!.accrued);
        rebalance(d, s.sweeper.ergoTree);
      });
    // her charges to this community: its contract counts only its own accounts
    expect(refusingInput(s.w, withOlga(true), s.signers)).toBe(0);
    // her charges to nobody: her account sees no community of hers first, so it is a payment, unsigned
    const lost = withOlga(false);
    expect(refusingInput(s.w, lost, s.signers)).toBe(lost.inputs.length - 1);
    expectAccepted(s.w, tx, s.signers);
  });

  it("refuses a sweep without the community box first: with none, or with it second (twin: first)", () => {
    const s = swept();
    expectAccepted(s.w, s.tx, s.signers);
    const none = edit(s.tx, (d) => {
      d.inputs.shift();
      d.outputs.shift();
      rebalance(d, s.sweeper.ergoTree);
    });
    expectRejected(s.w, none, s.signers);
    const second = edit(s.tx, (d) => {
      const [community, first] = [d.inputs[0]!, d.inputs[1]!];
      d.inputs[0] = first;
      d.inputs[1] = community;
    });
    expectRejected(s.w, second, s.signers);
  });
});

describe("a full community", () => {
  /** maxMembers 3 and three members: the community box holds only its anchor unit, (communityId, 1). */
  function full(maxMembers: bigint) {
    const s = econSetup({ feeBps: 100n, feeMin: 1n }, { maxMembers });
    s.w.submit(s.payment("alice", [["bob", 10n]]), s.signer("alice"));
    const sweeper = s.w.member("sweeper");
    const tx = sweep({ community: s.f.communityBox(), accounts: [s.f.account("alice").box] }, s.ctx(sweeper));
    return { ...s, tx, sweeper };
  }

  it("sweeps a community with one seat left on both interpreters (twin of the full one below)", () => {
    const s = full(4n);
    expect(s.f.community().seatsLeft).toBe(1n);
    expectAccepted(s.w, s.tx, [s.sweeper]);
  });

  /**
   * Was a HOLE (liveness, and the interpreters disagreed), fixed in 014004e: in a full community
   * the community box holds exactly (communityId, 1), an account's tokens, so the account counted
   * the community's successor among its possible successors and read its R7 (a Coll[Long]) as an
   * accountId. sigmastate (the node) threw "Cannot getReg[Coll[Byte]](7)", so no sweep of a full
   * community was ever accepted; sigma-rust accepted it. The account now finds its successor by
   * script first.
   */
  it("sweeps a full community's charges, accepted by both interpreters (was a HOLE: sigmastate threw, sigma-rust accepted)", () => {
    const s = full(3n);
    expect(s.f.community().seatsLeft).toBe(0n);
    s.w.submit(s.tx, [s.sweeper]);
    expect(s.f.account("alice").economy!.accrued).toBe(0n);
    expect(s.f.conservation()).toBe(0n);
  });
});
