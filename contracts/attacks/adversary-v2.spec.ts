/**
 * Adversarial review of contract version 2 (issue 10), findings. Each FINDING test shows what an
 * attacker gets today with both interpreters, then asserts what the contracts should do; it FAILS
 * while the hole exists and passes once the contracts close it. Each sits next to a passing twin.
 * The attacks that the contracts refuse correctly are in adversary-v2-refused.spec.ts.
 *
 * The verdict of the attacking transaction is taken before it is applied (and before blocks are
 * mined to show the damage), so the final assertion judges it at the height it was made for.
 */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { serializeBox } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import type { Account } from "../account/account.ts";
import { closeDefaulted } from "../builders/close-defaulted.ts";
import { closeDormant } from "../builders/close-dormant.ts";
import { buildExit } from "../builders/exit.ts";
import { govern } from "../builders/govern.ts";
import { leave } from "../builders/leave.ts";
import { pay } from "../builders/pay.ts";
import { refreshCommunity } from "../builders/refresh.ts";
import { MAX_METADATA_BYTES, policyBounds, policyProblem } from "../builders/policy.ts";
import { bytesConstant, longsConstant, textConstant } from "../registers.ts";
import { dormantFrom, rentFrom } from "../storage-rent.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { storageFeeNanoErg, takeByRent } from "../testing/rent.ts";
import { communityOut, edit, expectAccepted, expectRejected, rebalance } from "../testing/tx-edit.ts";
import { agreed, type Member, type Verdict, type World } from "../testing/world.ts";

/** Fails (with `finding`) unless both interpreters refused: expectRejected on a verdict taken earlier. */
function expectRefused(verdict: Verdict, finding: string): void {
  expect(agreed(verdict), `FINDING: ${finding}`).toBe(false);
}

/** Both interpreters accepted: the attack works today. */
const accepted = (verdict: Verdict): boolean => verdict.mock.ok && verdict.ergoLib.ok;

/** Size of output `index` of `tx` as the box it becomes (the transaction id does not change it). */
const outputBytes = (tx: EIP12UnsignedTransaction, index: number): number =>
  serializeBox({ ...tx.outputs[index]!, boxId: "", transactionId: "00".repeat(32), index }).toBytes().length;

// ---------------------------------------------------------------------------------------------
// FINDING 1. The exit path (leave of a dormant account, default, dormant close) pays the owner at
// OUTPUTS(i) but checks only its script and value, never its creation height. Every other output
// the contracts protect (account successors, joins, the community successor) must be dated at
// least HEIGHT - 720. The closer dates the owner's payout as old as the node allows (the newest
// input: the closed account's own creation height) and pads it so that its storage fee exceeds
// its value. Rent may then take the payout whole at the account's own rent height, a dormancy
// window (788,399 blocks here) before a payout dated now could be touched: the close restarts no
// clock for the owner's ERG. The same holds for a default's refund (dated at the debtor's last
// activity), and where the node lacked the monotonic-height rule the payout could be dated 0.
// ---------------------------------------------------------------------------------------------
describe("FINDING 1: a dormant close may back-date the owner's payout into storage rent", () => {
  /** alice pays bob 20, then nobody touches either box; the next block is bob's dormantFrom. */
  function dormantBob() {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const closer = w.member("closer");
    w.submit(pay({ payer: f.account("alice").box, payees: [{ account: f.account("bob").box, amountUnits: 20n }] }, { height: w.height }), [f.member("alice")]);
    const bob = f.account("bob");
    w.mine(dormantFrom(bob.creationHeight) - 1 - w.height);
    const tx = closeDormant({ community: f.communityBox(), accounts: [bob.box] }, { height: w.height, wallet: w.wallet(closer) });
    return { f, w, closer, bob, tx };
  }

  /** `tx` with the payout at OUTPUTS(1) dated `height` and padded to 300 bytes of registers. */
  const payoutDated = (tx: EIP12UnsignedTransaction, height: number) =>
    edit(tx, (d) => {
      d.outputs[1]!.creationHeight = height;
      d.outputs[1]!.additionalRegisters = { R4: bytesConstant("00".repeat(300)) };
    });

  /** Mines to the block where rent could first take `bob`'s own box and asks whether it takes `payout` whole. */
  function rentTakes(w: World, bob: Account, payout: Box<string>, taker: Member): boolean {
    w.mine(rentFrom(bob.creationHeight) - 1 - w.height);
    return w.judgeRent(takeByRent(w, payout, taker), []).ok;
  }

  it("twin: the builder's payout, dated now, is out of rent's reach when bob's box would have been rent's", () => {
    const { w, closer, bob, tx } = dormantBob();
    const payout = w.submit(tx, [closer]).outputs[1] as Box<string>;
    expect(payout).toMatchObject({ ergoTree: `00${bob.owner}`, creationHeight: w.height - 1 });
    expect(rentTakes(w, bob, payout, closer)).toBe(false);
  });

  it("FINDING: the closer dates the payout at bob's own creation height; rent takes bob's ERG a dormancy window (788,399 blocks) early", () => {
    const { w, closer, bob, tx } = dormantBob();
    const attack = payoutDated(tx, bob.creationHeight);
    const verdict = w.judge(attack, [closer]);
    if (accepted(verdict)) {
      const payout = w.submit(attack, [closer]).outputs[1] as Box<string>;
      expect(payout).toMatchObject({ ergoTree: `00${bob.owner}`, creationHeight: bob.creationHeight });
      expect(BigInt(payout.value)).toBeLessThanOrEqual(storageFeeNanoErg(payout));
      expect(rentTakes(w, bob, payout, closer), "the closer takes bob's whole payout by rent").toBe(true);
    }
    expectRefused(verdict, "an exit payout must be dated at least HEIGHT - maxAgeBlocks, like every other output the contracts guard");
  });

  it("a payout dated before the newest input is refused only by the node's monotonic-height rule (ergo-lib); mock-chain does not model it", () => {
    const { w, closer, bob, tx } = dormantBob();
    const verdict = w.judge(payoutDated(tx, 0), [closer]);
    expect(verdict.mock.ok).toBe(true); // the contracts accept it
    expect(verdict.ergoLib).toMatchObject({ ok: false, reason: expect.stringMatching(/Creation height 0 <= input box max height/) });
    expect(bob.creationHeight).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// FINDING 2. Governance bounds the policy but not the size of the metadata (R6) or of the
// committee (R5). A committee can write metadata that puts the community box at exactly the
// node's 4,096-byte limit. Every later successor must keep R4..R6 and may not shrink its value,
// so the first path that needs one more byte is impossible: here the creation height, whose VLQ
// grows from 2 to 3 bytes once HEIGHT - 720 >= 16,384 (on mainnet from 3 to 4 bytes once
// HEIGHT - 720 >= 2,097,152, the same for every community at once); a leave at seats 127 -> 128, or a default whose debt
// lengthens communityBalance, does it at any height. From then on no member can leave, nobody can
// be defaulted or closed as dormant, and the box cannot be refreshed: only the committee (if it
// still exists and wants to) can shrink R6. Accounts then rot into storage rent (issue 10's break).
// Harness note: Fleet mock-chain does not check the box size limit; ergo-lib does, as the node.
// ---------------------------------------------------------------------------------------------
describe("FINDING 2: the committee can park the community box at the 4,096-byte limit and freeze every exit", () => {
  /** The first HEIGHT at which every successor's creation height needs 3 VLQ bytes (>= 2^14). */
  const WIDER_HEIGHTS = 16_384 + 720;

  /** A govern (with a 5 ERG deposit for the floor of a big box) whose successor's R6 is `metadata(tx)`. */
  function governWith(metadata: (tx: EIP12UnsignedTransaction) => string) {
    const f = new Fixture({ members: ["alice", "bob"] });
    const w = f.world;
    const built = govern({ community: f.communityBox(), depositNanoErg: 5_000_000_000n }, { height: w.height, wallet: w.wallet(f.committee) });
    const tx = edit(built, (d) => {
      communityOut(d).additionalRegisters.R6 = metadata(d);
      rebalance(d, f.committee.ergoTree);
    });
    return { f, w, tx, alice: f.member("alice") };
  }

  /** Metadata text that brings the community output of `tx` to exactly 4,096 bytes. */
  function toTheLimit(tx: EIP12UnsignedTransaction): string {
    const out = communityOut(tx);
    const index = tx.outputs.indexOf(out);
    const base = outputBytes(tx, index) - out.additionalRegisters.R6!.length / 2;
    for (let n = 4_096 - base - 3; ; n++) {
      out.additionalRegisters.R6 = textConstant("x".repeat(n));
      if (outputBytes(tx, index) === 4_096) return out.additionalRegisters.R6;
    }
  }

  const leaveTx = (f: Fixture, alice: Member) => leave({ community: f.communityBox(), account: f.account("alice").box }, { height: f.world.height, wallet: f.world.wallet(alice) });

  it(`twin: metadata at the builder's ${MAX_METADATA_BYTES} bytes; alice still leaves after heights widen`, () => {
    const { f, w, tx, alice } = governWith(() => textConstant(JSON.stringify({ name: "K", symbol: "K", description: "d".repeat(MAX_METADATA_BYTES - 60), decimals: 2 })));
    w.submit(tx, [f.committee]);
    w.mine(WIDER_HEIGHTS - w.height);
    expectAccepted(w, leaveTx(f, alice), [alice]);
  });

  it("FINDING: a govern parks the box at 4,096 bytes; afterwards no leave, dormant close or refresh can be made", () => {
    const { f, w, tx, alice } = governWith(toTheLimit);
    expect(outputBytes(tx, tx.outputs.indexOf(communityOut(tx)))).toBe(4_096);
    const verdict = w.judge(tx, [f.committee]);
    if (accepted(verdict)) {
      w.submit(tx, [f.committee]);
      expectAccepted(w, leaveTx(f, alice), [alice]); // still fine while heights take 2 bytes
      w.mine(WIDER_HEIGHTS - w.height);
      const frozen = (t: EIP12UnsignedTransaction, signers: Member[]) => {
        const v = w.judge(t, signers);
        expect(v.mock.ok, "the scripts are satisfied").toBe(true);
        expect(v.ergoLib).toMatchObject({ ok: false, reason: expect.stringMatching(/Output box size 4097 > maximum 4096/) });
      };
      frozen(leaveTx(f, alice), [alice]);
      w.mine(788_400);
      const closer = w.member("closer");
      const ctx = { height: w.height, wallet: w.wallet(closer) };
      frozen(closeDormant({ community: f.communityBox(), accounts: [f.account("bob").box] }, ctx), [closer]);
      frozen(refreshCommunity({ community: f.communityBox() }, ctx), [closer]);
    }
    expectRefused(verdict, "governance must bound the community box's size (R5, R6) well below 4,096 bytes, leaving room for every field that grows");
  });
});

// ---------------------------------------------------------------------------------------------
// FINDING 3. The policy bounds keep creditLimit x maxMembers <= 2^62, but positiveCap = 0 means
// "no cap", so nothing bounds the live positive balances, and communityBalance (minus their sum)
// falls by a debt with every default, forever: seats come back and can be reused. With credit at
// its bound, 2 x maxMembers defaults take communityBalance to Long.MinValue + 8; from then on no
// negative account can be defaulted or closed as dormant (communityBalance + debt overflows in
// both interpreters), so a debtor keeps its seat and collateral forever. It costs the attacker a
// join fee and a collateral per cycle, so it bites communities with credit near the bound.
// ---------------------------------------------------------------------------------------------
describe("FINDING 3: with no positive cap, recycled defaults drive communityBalance to Long.MinValue", () => {
  const MAX_MEMBERS = 4n;
  const LIMIT = policyBounds(MAX_MEMBERS).creditLimit; // (2^62 - 1) / 4
  const POLICY = { ...Fixture.defaultPolicy, maxMembers: MAX_MEMBERS, creditLimit: LIMIT, positiveCap: 0n, inactivityBlocks: 1n };

  /**
   * bob and dan (the attacker's creditors) and carol, an ordinary member who owes bob 10; undefined
   * once the builders refuse this policy (a fix may forbid positiveCap = 0 instead).
   */
  function setup() {
    if (policyProblem(POLICY)) return undefined;
    const f = new Fixture({ policy: POLICY, members: ["bob", "dan", "carol"] });
    const w = f.world;
    const outsider = w.member("outsider");
    w.submit(pay({ payer: f.account("carol").box, payees: [{ account: f.account("bob").box, amountUnits: 10n }] }, { height: w.height }), [f.member("carol")]);
    return { f, w, outsider, ctx: () => ({ height: w.height, wallet: w.wallet(outsider) }) };
  }

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

  type Setup = NonNullable<ReturnType<typeof setup>>;

  /** Whether carol, overdue, can be defaulted now (by the builder and both interpreters). */
  function carolDefaults(s: Setup): boolean {
    s.w.mine(10);
    return step(s.w, () => closeDefaulted({ community: s.f.communityBox(), accounts: [s.f.account("carol").box] }, s.ctx()), [s.outsider]);
  }

  /** One cycle: a fresh Sybil joins the seat the last one freed, pays its whole credit to `to`, defaults. */
  function cycle(s: Setup, k: number, to: string): boolean {
    const { f, w } = s;
    const sybil = w.member(`sybil${k}`);
    let account: Account;
    try {
      account = f.join(sybil); // through the builder and both interpreters
    } catch {
      return false;
    }
    if (!step(w, () => pay({ payer: account.box, payees: [{ account: f.account(to).box, amountUnits: LIMIT }] }, { height: w.height }), [sybil])) return false;
    w.mine(1);
    return step(w, () => closeDefaulted({ community: f.communityBox(), accounts: [f.account(sybil.name).box] }, s.ctx()), [s.outsider]);
  }

  it("twin: after one cycle carol is still defaulted normally", () => {
    const s = setup();
    if (!s) return; // the policy is refused outright: nothing to recycle
    expect(cycle(s, 0, "bob")).toBe(true);
    expect(carolDefaults(s)).toBe(true);
    expect(s.f.conservation()).toBe(0n);
  });

  it("FINDING: after 8 cycles carol can never be defaulted: communityBalance + her debt overflows (a dormant close adds it the same way)", () => {
    const s = setup();
    if (!s) return; // the policy is refused outright: nothing to recycle
    let cycles = 0;
    while (cycles < 8 && cycle(s, cycles, cycles % 2 === 0 ? "bob" : "dan")) cycles++;
    if (cycles === 8) {
      const { communityBalance } = s.f.community();
      expect(communityBalance).toBe(-8n * LIMIT); // Long.MinValue + 8
      expect(s.f.account("bob").balance + s.f.account("dan").balance).toBe(8n * LIMIT + 10n);
      // No successor state exists: the nearest representable ones are refused by both interpreters.
      s.w.mine(10);
      const carol = s.f.account("carol");
      const shifted = { ...s.f.community(), communityBalance: communityBalance + 100n };
      const tx = buildExit(shifted, [carol], "close", s.ctx());
      for (const booked of [-(2n ** 63n), 2n ** 63n - 2n]) {
        const joined = s.f.community().membersJoined;
        expectRejected(s.w, edit(tx, (d) => (communityOut(d).additionalRegisters.R7 = longsConstant([joined, booked]))), [s.outsider]);
      }
    }
    expect(carolDefaults(s), "FINDING: positiveCap = 0 leaves communityBalance unbounded; bound it (e.g. no cap = the creditLimit bound) so defaults stay possible").toBe(true);
  });
});
