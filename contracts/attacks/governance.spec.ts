import { describe, expect, it } from "vitest";
import { govern } from "../builders/govern.ts";
import { pay } from "../builders/pay.ts";
import { committeeFromKeys } from "../committee.ts";
import { InvalidPolicy } from "../errors.ts";
import { longsConstant, textConstant } from "../registers.ts";
import { Fixture } from "../testing/community-fixture.ts";
import { TEST_POLICY } from "../testing/policy.ts";
import { communityOut, edit, expectAccepted, expectRejected } from "../testing/tx-edit.ts";

describe("governance attacks", () => {
  const setup = () => {
    const f = new Fixture({ members: ["alice", "bob"] });
    const outsider = f.world.member("outsider");
    const ctx = (m = f.committee) => ({ height: f.world.height, wallet: f.world.wallet(m) });
    return { f, w: f.world, outsider, ctx };
  };

  it("refuses a policy change without the committee (twin: committee signs)", () => {
    const s = setup();
    const tx = govern({ community: s.f.communityBox(), policy: { creditLimit: 300n } }, s.ctx(s.outsider));
    expectAccepted(s.w, tx, [s.f.committee, s.outsider]);
    expectRejected(s.w, tx, [s.outsider]);
  });

  it("hands one key over to k of n keys and back with nothing else changed, on both interpreters", () => {
    // sigmastate throws comparing SigmaProps of different shapes; the contract compares their bytes.
    const s = setup();
    const [a, b] = [s.w.member("a"), s.w.member("b")];
    const pair = committeeFromKeys([a, b].map((m) => m.owner.slice(4)), 2);
    s.w.submit(govern({ community: s.f.communityBox(), committee: pair }, s.ctx()), [s.f.committee]);
    expect(s.f.community().committee).toBe(pair);
    const back = govern({ community: s.f.communityBox(), committee: s.f.committee.owner }, s.ctx(a));
    expectRejected(s.w, back, [a]);
    s.w.submit(back, [a, b]);
    expect(s.f.community().committee).toBe(s.f.committee.owner);
  });

  it("checks the committee of the spent box, not the one the output names (twin: old committee signs)", () => {
    const s = setup();
    const takeover = govern({ community: s.f.communityBox(), committee: s.outsider.owner }, s.ctx(s.outsider));
    expectRejected(s.w, takeover, [s.outsider]);
    expectAccepted(s.w, takeover, [s.f.committee, s.outsider]);
  });

  it("refuses governance that touches communityBalance, members or the token (twin: untouched)", () => {
    const s = setup();
    const tx = govern({ community: s.f.communityBox(), metadata: { name: "New name", symbol: "KCD", description: "", decimals: 2 } }, s.ctx());
    const signers = [s.f.committee];
    expectAccepted(s.w, tx, signers);
    expectRejected(s.w, edit(tx, (d) => (communityOut(d).additionalRegisters.R7 = longsConstant([2n, 50n]))), signers);
    expectRejected(s.w, edit(tx, (d) => (communityOut(d).additionalRegisters.R7 = longsConstant([0n, 0n]))), signers);
    const lessUnits = edit(tx, (d) => {
      const c = communityOut(d);
      c.assets[0]!.amount = (BigInt(c.assets[0]!.amount) - 1n).toString();
    });
    expectRejected(s.w, lessUnits, signers);
  });

  it("refuses changing maxMembers or a negative policy value, even by the committee (twin: valid policy)", () => {
    const s = setup();
    const p = TEST_POLICY;
    const tx = govern({ community: s.f.communityBox(), policy: { joinFeeNanoErg: 0n } }, s.ctx());
    const signers = [s.f.committee];
    expectAccepted(s.w, tx, signers);
    const values = [p.creditLimit, p.positiveCap, 0n, p.collateralNanoErg, p.maxMembers, p.inactivityBlocks];
    const withValue = (i: number, v: bigint) => longsConstant(values.map((x, j) => (j === i ? v : x)));
    expectRejected(s.w, edit(tx, (d) => (communityOut(d).additionalRegisters.R4 = withValue(4, p.maxMembers + 5n))), signers);
    expectRejected(s.w, edit(tx, (d) => (communityOut(d).additionalRegisters.R4 = withValue(0, -1n))), signers);
    expectRejected(s.w, edit(tx, (d) => (communityOut(d).additionalRegisters.R4 = longsConstant(values.slice(0, 5)))), signers);
    expect(() => govern({ community: s.f.communityBox(), policy: { maxMembers: 20n } as never }, s.ctx())).toThrow(InvalidPolicy);
  });

  it("lets the committee withdraw treasury ERG, but a join cannot rewrite the metadata (twin: join unchanged)", () => {
    const s = setup();
    const withdraw = govern({ community: s.f.communityBox(), withdrawNanoErg: 10_000_000n }, s.ctx());
    expectAccepted(s.w, withdraw, [s.f.committee]);
    expectRejected(s.w, withdraw, [s.outsider]);
    const renamed = edit(withdraw, (d) => (communityOut(d).additionalRegisters.R6 = textConstant('{"name":"x","symbol":"X"}')));
    expectAccepted(s.w, renamed, [s.f.committee]);
  });

  it("keeps accounts out of the committee's reach (twin: the owner pays)", () => {
    const s = setup();
    const alice = s.f.account("alice");
    const tx = pay({ payer: alice.box, payees: [{ account: s.f.account("bob").box, amountUnits: 10n }] }, { height: s.w.height });
    expectAccepted(s.w, tx, [s.f.member("alice")]);
    expectRejected(s.w, tx, [s.f.committee]);
  });
});

describe("contention", () => {
  it("refuses a second payment built on a spent account box, and accepts it rebuilt on the new box", () => {
    const f = new Fixture({ members: ["alice", "bob", "carol"] });
    const alice = f.member("alice");
    const stale = f.account("alice").box;
    f.world.submit(pay({ payer: stale, payees: [{ account: f.account("bob").box, amountUnits: 5n }] }, { height: f.world.height }), [alice]);
    const second = pay({ payer: stale, payees: [{ account: f.account("carol").box, amountUnits: 5n }] }, { height: f.world.height });
    expect(() => f.world.submit(second, [alice])).toThrow(/double spend|not unspent/);
    const rebuilt = pay({ payer: f.account("alice").box, payees: [{ account: f.account("carol").box, amountUnits: 5n }] }, { height: f.world.height });
    f.world.submit(rebuilt, [alice]);
    expect(f.account("alice").balance).toBe(-10n);
    expect(f.conservation()).toBe(0n);
  });
});
