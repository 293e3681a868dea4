/**
 * Trade lines through the builders (docs/inter-lets.md), every path accepted by both interpreters
 * (World.submit judges each transaction with mock-chain and ergo-lib): propose, accept, pause and
 * resume, changes of terms, closing, cancelling, and cross payments of one or two hops, with the
 * resulting boxes decoded and every community's books checked to sum to zero. Then the typed
 * errors the builders throw for intents the contracts would refuse.
 */
import type { Box, EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { crossPay, type HopBoxes } from "./cross-pay.ts";
import type { BuildContext } from "./common.ts";
import { acceptLineChange, cancelLine, pauseLine, proposeLineChange, type LineActor, type LineChange } from "./line-admin.ts";
import { acceptLine, proposeLine } from "./line-open.ts";
import {
  CommunityFull, CreditLimitExceeded, InvalidIntent, InvalidPolicy, LineExposureExceeded, LineNotOpen, LinePaused, WrongCommunity,
} from "../errors.ts";
import { decodeGateway, decodeLine, type Gateway, type LineTerms, type Side } from "../line/line.ts";
import { Network, TEST_TERMS } from "../testing/network-fixture.ts";
import { testPolicy } from "../testing/policy.ts";

/** ceil(amount × bps / 10,000), written here independently of line.ts. */
const fee = (amount: bigint, bps: bigint): bigint => {
  const product = amount * bps;
  return product % 10_000n === 0n ? product / 10_000n : product / 10_000n + 1n;
};

/** The network every test starts from, built once: A, B, C, three members each (alice, bob, carol), credit floor 100 and cap 500, no lines. */
let base: { n: Network; utxos: Map<string, Box<string>>; height: number; submitted: number } | undefined;

/** The network, back to its state before any line: each test starts from the same chain. */
function network(): Network {
  if (!base) {
    const n = new Network(["A", "B", "C"], { members: ["alice", "bob", "carol"] });
    base = { n, utxos: new Map(n.world.utxos), height: n.world.height, submitted: n.world.submitted.length };
  }
  const w = base.n.world;
  w.utxos.clear();
  for (const [id, box] of base.utxos) w.utxos.set(id, box);
  w.height = base.height;
  w.submitted.length = base.submitted;
  return base.n;
}

const communityOfMember = (member: string): string => member.split("@")[1]!;
const account = (n: Network, member: string) => n.c(communityOfMember(member)).account(member);
const balance = (n: Network, member: string): bigint => account(n, member).balance;

interface Leg {
  payee: string;
  amount: bigint;
  hops: HopBoxes[];
}

/** Builds the payments with crossPay and submits them, signed by the payer alone. */
function pay(n: Network, payer: string, legs: Leg[]): void {
  const tx = crossPay(
    { payer: account(n, payer).box, payments: legs.map((l) => ({ payee: account(n, l.payee).box, amountUnits: l.amount, hops: l.hops })) },
    { height: n.world.height },
  );
  n.world.submit(tx, [n.c(communityOfMember(payer)).member(payer)]);
}

/** The committee of `community` acts on the line: `build` gets its live community box and the live line. */
function byCommittee(n: Network, community: string, lineId: string, build: (actor: LineActor, ctx: BuildContext) => EIP12UnsignedTransaction): void {
  const f = n.c(community);
  const tx = build({ community: f.communityBox(), line: n.lineBox(lineId) }, { height: n.world.height, wallet: n.world.wallet(f.committee) });
  n.world.submit(tx, [f.committee]);
}

const pause = (n: Network, community: string, lineId: string, paused: boolean) =>
  byCommittee(n, community, lineId, (actor, ctx) => pauseLine({ ...actor, paused }, ctx));
const propose = (n: Network, community: string, lineId: string, change: LineChange) =>
  byCommittee(n, community, lineId, (actor, ctx) => proposeLineChange({ ...actor, change }, ctx));
const agree = (n: Network, community: string, lineId: string) => byCommittee(n, community, lineId, acceptLineChange);
const cancel = (n: Network, community: string, lineId: string) => byCommittee(n, community, lineId, cancelLine);

/** What `run` throws (fails the test when it throws nothing). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, got none");
}

/** Every community's accounts, gateways and communityBalance sum to zero. */
function expectBooks(n: Network): void {
  for (const [name, f] of n.communities) expect(f.conservation(), `books of ${name}`).toBe(0n);
}

/** Every gateway box of `lineId` on the chain, decoded. */
function gatewaysOf(n: Network, lineId: string): Gateway[] {
  return [...n.world.utxos.values()].flatMap((box) => {
    const d = decodeGateway(box);
    return d.ok && d.value.lineId === lineId ? [d.value] : [];
  });
}

const gw = (n: Network, lineId: string, side: Side, shard = 0) => {
  const g = n.gateway(lineId, side, shard);
  return { balance: g.balance, feesHeld: g.feesHeld, position: g.position };
};

describe("opening a line, on both interpreters", () => {
  it("A's committee proposes: a proposed line box, A's gateways at 0, A's seats taken", () => {
    const n = network();
    const A = n.c("A"), B = n.c("B");
    const seatsA = A.community().seatsLeft, seatsB = B.community().seatsLeft;
    const lineId = n.propose("A", "B");
    const line = n.line(lineId);
    expect(decodeLine(line.box).ok).toBe(true);
    expect(line).toMatchObject({
      lineId, communityA: A.communityId, communityB: B.communityId, terms: TEST_TERMS,
      status: "proposed", pausedA: false, pausedB: false, pending: null,
    });
    const gateways = gatewaysOf(n, lineId);
    expect(gateways.map((g) => [g.side, g.shard, g.communityId, g.balance, g.feesHeld]).sort()).toEqual([
      [0, 0, A.communityId, 0n, 0n],
      [0, 1, A.communityId, 0n, 0n],
    ]);
    expect(A.community().seatsLeft).toBe(seatsA - 2n);
    expect(B.community().seatsLeft).toBe(seatsB);
    expectBooks(n);
  });

  it("B's committee accepts: the line opens, B's gateways at 0, B's seats taken", () => {
    const n = network();
    const B = n.c("B");
    const seatsB = B.community().seatsLeft;
    const lineId = n.propose("A", "B");
    n.accept("B", lineId);
    expect(n.line(lineId)).toMatchObject({ status: "open", pausedA: false, pausedB: false, pending: null, terms: TEST_TERMS });
    const gateways = gatewaysOf(n, lineId);
    expect(gateways).toHaveLength(4);
    for (const shard of [0, 1]) {
      expect(n.gateway(lineId, 1, shard)).toMatchObject({ communityId: B.communityId, side: 1, shard, balance: 0n, feesHeld: 0n, position: 0n });
      expect(n.gateway(lineId, 0, shard).gatewayId).toBe(lineId + "000" + shard);
      expect(n.gateway(lineId, 1, shard).gatewayId).toBe(lineId + "010" + shard);
    }
    expect(B.community().seatsLeft).toBe(seatsB - 2n);
    expectBooks(n);
  });

  it("A's committee cancels its proposal: the line is closed and can no longer be accepted", () => {
    const n = network();
    const lineId = n.propose("A", "B");
    cancel(n, "A", lineId);
    expect(n.line(lineId)).toMatchObject({ status: "closed", terms: TEST_TERMS, pending: null });
    expect(() => n.accept("B", lineId)).toThrow(InvalidIntent);
    // A's gateways stay at 0 (docs/inter-lets.md: they keep their seats).
    expect(gatewaysOf(n, lineId).map((g) => g.balance)).toEqual([0n, 0n]);
    expectBooks(n);
  });
});

describe("cross payments, on both interpreters", () => {
  it("A -> B: the payer pays x + ceil(feeA), the payee gets floor(x × 3/2) - ceil(feeB)", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    pay(n, "alice@A", [{ payee: "bob@B", amount: 50n, hops: [n.hop(lineId, "A")] }]);
    // converted floor(50 × 3/2) = 75; A's fee ceil(50 × 1%) = 1; B's fee ceil(75 × 0.5%) = 1.
    expect(balance(n, "alice@A")).toBe(-(50n + fee(50n, 100n)));
    expect(balance(n, "alice@A")).toBe(-51n);
    expect(balance(n, "bob@B")).toBe(75n - fee(75n, 50n));
    expect(balance(n, "bob@B")).toBe(74n);
    expect(gw(n, lineId, 0)).toEqual({ balance: 51n, feesHeld: 1n, position: 50n });
    expect(gw(n, lineId, 1)).toEqual({ balance: -74n, feesHeld: 1n, position: -75n });
    // The other shard is untouched.
    expect(gw(n, lineId, 0, 1)).toEqual({ balance: 0n, feesHeld: 0n, position: 0n });
    expectBooks(n);
  });

  it("B -> A: the inverse rate, B's fee on top, A's fee out of what arrives", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    pay(n, "bob@B", [{ payee: "alice@A", amount: 40n, hops: [n.hop(lineId, "B")] }]);
    // converted floor(40 × 2/3) = 26; B's fee ceil(40 × 0.5%) = 1; A's fee ceil(26 × 1%) = 1.
    expect(balance(n, "bob@B")).toBe(-41n);
    expect(balance(n, "alice@A")).toBe(25n);
    expect(gw(n, lineId, 1)).toEqual({ balance: 41n, feesHeld: 1n, position: 40n });
    expect(gw(n, lineId, 0)).toEqual({ balance: -25n, feesHeld: 1n, position: -26n });
    expectBooks(n);
  });

  it("payments both ways on one shard settle each other's positions", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    pay(n, "alice@A", [{ payee: "bob@B", amount: 20n, hops: [n.hop(lineId, "A")] }]);
    pay(n, "bob@B", [{ payee: "carol@A", amount: 30n, hops: [n.hop(lineId, "B")] }]);
    // A: +20 (fee 1), then -floor(30 × 2/3) = -20 (fee 1). B: -30 (fee 1), then +30 (fee 1).
    expect(gw(n, lineId, 0)).toEqual({ balance: 21n - 19n, feesHeld: 2n, position: 0n });
    expect(gw(n, lineId, 1)).toEqual({ balance: -29n + 31n, feesHeld: 2n, position: 0n });
    expect(balance(n, "carol@A")).toBe(19n);
    expectBooks(n);
  });

  it("two payments through the two shards of one line in one transaction", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    pay(n, "alice@A", [
      { payee: "bob@B", amount: 10n, hops: [n.hop(lineId, "A", 0)] },
      { payee: "carol@B", amount: 20n, hops: [n.hop(lineId, "A", 1)] },
    ]);
    // 10 -> 15 - 1 = 14, fee 1; 20 -> 30 - 1 = 29, fee 1.
    expect(balance(n, "alice@A")).toBe(-(11n + 21n));
    expect(balance(n, "bob@B")).toBe(14n);
    expect(balance(n, "carol@B")).toBe(29n);
    expect(gw(n, lineId, 0, 0)).toEqual({ balance: 11n, feesHeld: 1n, position: 10n });
    expect(gw(n, lineId, 0, 1)).toEqual({ balance: 21n, feesHeld: 1n, position: 20n });
    expect(gw(n, lineId, 1, 0)).toEqual({ balance: -14n, feesHeld: 1n, position: -15n });
    expect(gw(n, lineId, 1, 1)).toEqual({ balance: -29n, feesHeld: 1n, position: -30n });
    expectBooks(n);
  });

  it("a cross payment and a local payment in one transaction", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    pay(n, "alice@A", [
      { payee: "bob@A", amount: 7n, hops: [] },
      { payee: "bob@B", amount: 10n, hops: [n.hop(lineId, "A")] },
    ]);
    expect(balance(n, "alice@A")).toBe(-(7n + 11n));
    expect(balance(n, "bob@A")).toBe(7n);
    expect(balance(n, "bob@B")).toBe(14n);
    expectBooks(n);
  });

  it("two hops A -> B -> C: B forwards what arrived less its fee, B's books stay zero-sum", () => {
    const n = network();
    const ab = n.openLine("A", "B");
    const bc = n.openLine("B", "C");
    pay(n, "alice@A", [{ payee: "carol@C", amount: 40n, hops: [n.hop(ab, "A", 0), n.hop(bc, "B", 1)] }]);
    // Hop AB: 40 -> floor(60) = 60, A's fee 1, B's fee ceil(0.3) = 1: 59 arrive in B.
    // Hop BC (B is its side A, fee 1%): the largest z with z + ceil(z%) <= 59 is 58, B keeps 1.
    // 58 -> floor(87) = 87, C's fee ceil(0.435) = 1: carol gets 86.
    expect(balance(n, "alice@A")).toBe(-41n);
    expect(balance(n, "carol@C")).toBe(86n);
    expect(gw(n, ab, 0, 0)).toEqual({ balance: 41n, feesHeld: 1n, position: 40n });
    expect(gw(n, ab, 1, 0)).toEqual({ balance: -59n, feesHeld: 1n, position: -60n });
    expect(gw(n, bc, 0, 1)).toEqual({ balance: 59n, feesHeld: 1n, position: 58n });
    expect(gw(n, bc, 1, 1)).toEqual({ balance: -86n, feesHeld: 1n, position: -87n });
    // B: no member's balance moved; its two gateways cancel out.
    for (const m of ["alice@B", "bob@B", "carol@B"]) expect(balance(n, m)).toBe(0n);
    expect(n.gateway(ab, 1, 0).balance + n.gateway(bc, 0, 1).balance).toBe(0n);
    expectBooks(n);
  });

  it("the exposure cap: reached exactly is accepted, one unit past it is refused (LineExposureExceeded)", () => {
    const n = network();
    // capA 102 over two shards: B's gateways may each go down to -51 B-units.
    const lineId = n.openLine("A", "B", { ...TEST_TERMS, capA: 102n });
    pay(n, "alice@A", [{ payee: "bob@B", amount: 34n, hops: [n.hop(lineId, "A")] }]);
    expect(n.gateway(lineId, 1).position).toBe(-51n);
    expect(balance(n, "bob@B")).toBe(50n);
    const before = [...n.world.utxos.keys()].sort();
    // floor(1 × 3/2) = 1 more would take the shard to -52.
    expect(() => pay(n, "carol@A", [{ payee: "bob@B", amount: 1n, hops: [n.hop(lineId, "A")] }])).toThrow(LineExposureExceeded);
    expect([...n.world.utxos.keys()].sort()).toEqual(before);
    // The other shard still has its share; payments out of B settle the position.
    pay(n, "carol@A", [{ payee: "bob@B", amount: 2n, hops: [n.hop(lineId, "A", 1)] }]);
    pay(n, "bob@B", [{ payee: "alice@A", amount: 3n, hops: [n.hop(lineId, "B")] }]);
    expect(n.gateway(lineId, 1).position).toBe(-48n);
    expectBooks(n);
  });
});

describe("committees manage an open line, on both interpreters", () => {
  for (const [side, name, other] of [[0, "A", "B"], [1, "B", "A"]] as const) {
    it(`${name} pauses: payments into ${name} are refused (LinePaused), payments out go on; ${name} resumes`, () => {
      const n = network();
      const lineId = n.openLine("A", "B");
      pause(n, name, lineId, true);
      expect(n.line(lineId)).toMatchObject({ status: "open", pausedA: side === 0, pausedB: side === 1 });
      const into = () => pay(n, `alice@${other}`, [{ payee: `bob@${name}`, amount: 10n, hops: [n.hop(lineId, other)] }]);
      expect(into).toThrow(LinePaused);
      expect(balance(n, `bob@${name}`)).toBe(0n);
      pay(n, `alice@${name}`, [{ payee: `bob@${other}`, amount: 10n, hops: [n.hop(lineId, name)] }]);
      expect(balance(n, `bob@${other}`)).toBeGreaterThan(0n);
      pause(n, name, lineId, false);
      expect(n.line(lineId)).toMatchObject({ pausedA: false, pausedB: false });
      into();
      expect(balance(n, `bob@${name}`)).toBeGreaterThan(0n);
      expectBooks(n);
    });
  }

  it("A proposes new terms, B accepts: the next payment uses them", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    const next: LineTerms = { ...TEST_TERMS, rateNum: 2n, rateDen: 1n, feeA: 0n, feeB: 300n };
    propose(n, "A", lineId, { terms: next });
    expect(n.line(lineId)).toMatchObject({ terms: TEST_TERMS, pending: { proposer: 0, kind: "terms", terms: next } });
    // Until B accepts, the old terms apply.
    pay(n, "alice@A", [{ payee: "bob@B", amount: 10n, hops: [n.hop(lineId, "A", 1)] }]);
    expect(balance(n, "bob@B")).toBe(14n);
    agree(n, "B", lineId);
    expect(n.line(lineId)).toMatchObject({ terms: next, pending: null, status: "open" });
    pay(n, "alice@A", [{ payee: "carol@B", amount: 10n, hops: [n.hop(lineId, "A")] }]);
    // 10 A-units, no A fee: 20 B-units, B's fee ceil(20 × 3%) = 1.
    expect(balance(n, "carol@B")).toBe(19n);
    expect(balance(n, "alice@A")).toBe(-11n - 10n);
    expectBooks(n);
  });

  it("B proposes new terms, A accepts", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    const next: LineTerms = { ...TEST_TERMS, capA: 5n, capB: 7n, feeB: 0n };
    propose(n, "B", lineId, { terms: next });
    expect(n.line(lineId).pending).toEqual({ proposer: 1, kind: "terms", terms: next });
    agree(n, "A", lineId);
    expect(n.line(lineId).terms).toEqual(next);
    // capA 5 over 2 shards: 2 B-units per shard. floor(2 × 3/2) = 3 is past it.
    expect(() => pay(n, "alice@A", [{ payee: "bob@B", amount: 2n, hops: [n.hop(lineId, "A")] }])).toThrow(LineExposureExceeded);
    pay(n, "alice@A", [{ payee: "bob@B", amount: 1n, hops: [n.hop(lineId, "A")] }]);
    expectBooks(n);
  });

  it("A withdraws its pending proposal", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    propose(n, "A", lineId, "close");
    expect(n.line(lineId).pending).toEqual({ proposer: 0, kind: "close" });
    propose(n, "A", lineId, null);
    expect(n.line(lineId)).toMatchObject({ pending: null, status: "open", terms: TEST_TERMS });
    expect(() => agree(n, "B", lineId)).toThrow(InvalidIntent);
  });

  it("B withdraws its pending proposal; neither committee withdraws the other's, nor a change nobody proposed", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    expect(() => propose(n, "B", lineId, null)).toThrow(InvalidIntent);
    propose(n, "B", lineId, "close");
    expect(n.line(lineId).pending).toEqual({ proposer: 1, kind: "close" });
    expect(() => propose(n, "A", lineId, null)).toThrow(InvalidIntent);
    propose(n, "B", lineId, null);
    expect(n.line(lineId)).toMatchObject({ pending: null, status: "open", terms: TEST_TERMS });
    // A proposal over the other's pending one replaces it.
    propose(n, "B", lineId, "close");
    propose(n, "A", lineId, { terms: { ...TEST_TERMS, feeA: 7n } });
    expect(n.line(lineId).pending).toMatchObject({ proposer: 0, kind: "terms" });
    agree(n, "B", lineId);
    expect(n.line(lineId).terms.feeA).toBe(7n);
  });

  it("A proposes to close, B accepts: the line is closed and a cross payment throws LineNotOpen", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    pay(n, "alice@A", [{ payee: "bob@B", amount: 10n, hops: [n.hop(lineId, "A")] }]);
    propose(n, "A", lineId, "close");
    expect(n.line(lineId)).toMatchObject({ status: "open", pending: { proposer: 0, kind: "close" } });
    agree(n, "B", lineId);
    expect(n.line(lineId)).toMatchObject({ status: "closed", pending: null, terms: TEST_TERMS });
    expect(() => pay(n, "bob@B", [{ payee: "alice@A", amount: 10n, hops: [n.hop(lineId, "B")] }])).toThrow(LineNotOpen);
    expect(() => pay(n, "alice@A", [{ payee: "bob@B", amount: 10n, hops: [n.hop(lineId, "A")] }])).toThrow(LineNotOpen);
    // The last positions stay, visible: a debt between communities.
    expect(n.gateway(lineId, 1).position).toBe(-15n);
    expect(() => pause(n, "A", lineId, true)).toThrow(InvalidIntent);
    expectBooks(n);
  });
});

describe("the builders refuse bad intents with typed errors", () => {
  it("bad terms: InvalidPolicy naming the field", () => {
    const n = network();
    const A = n.c("A");
    const build = (terms: LineTerms) => () =>
      proposeLine({ community: A.communityBox(), partnerCommunityId: n.c("B").communityId, terms }, { height: n.world.height, wallet: n.world.wallet(A.committee) });
    for (const [field, value] of [
      ["rateNum", 0n], ["rateDen", 1_000_000_001n], ["capA", -1n], ["capB", 2n ** 62n], ["feeA", 10_000n], ["feeB", -1n], ["shards", 0n], ["shards", 17n],
    ] as const) {
      const error = thrown(build({ ...TEST_TERMS, [field]: value }));
      expect(error, `${field} = ${value}`).toBeInstanceOf(InvalidPolicy);
      expect((error as InvalidPolicy).field).toBe(field);
    }
    // The same checks for a proposed change, and a change of shards is refused.
    const lineId = n.openLine("A", "B");
    expect(() => propose(n, "A", lineId, { terms: { ...TEST_TERMS, feeB: 10_000n } })).toThrow(InvalidPolicy);
    expect(() => propose(n, "A", lineId, { terms: { ...TEST_TERMS, shards: 3n } })).toThrow(InvalidIntent);
  });

  it("a line to the same community; more shards than free seats", () => {
    const n = network();
    const A = n.c("A");
    const ctx = { height: n.world.height, wallet: n.world.wallet(A.committee) };
    expect(() => proposeLine({ community: A.communityBox(), partnerCommunityId: A.communityId, terms: TEST_TERMS }, ctx)).toThrow(InvalidIntent);
    // 10 seats, 3 members: 7 left.
    expect(() => proposeLine({ community: A.communityBox(), partnerCommunityId: n.c("B").communityId, terms: { ...TEST_TERMS, shards: 8n } }, ctx)).toThrow(CommunityFull);
  });

  it("accepting a line proposed to another community, or a line twice", () => {
    const n = network();
    const lineId = n.propose("A", "B");
    const C = n.c("C");
    const accept = (community: string) => () => {
      const f = n.c(community);
      return acceptLine({ community: f.communityBox(), line: n.lineBox(lineId), gatewayA: n.gateway(lineId, 0).box }, { height: n.world.height, wallet: n.world.wallet(f.committee) });
    };
    expect(accept("C")).toThrow(InvalidIntent);
    expect(accept("A")).toThrow(InvalidIntent);
    expect(C.community().seatsLeft).toBe(7n);
    n.accept("B", lineId);
    expect(accept("B")).toThrow(InvalidIntent);
  });

  it("accepting one's own change proposal; a committee not on the line", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    propose(n, "A", lineId, { terms: { ...TEST_TERMS, feeA: 1n } });
    expect(() => agree(n, "A", lineId)).toThrow(InvalidIntent);
    expect(() => agree(n, "C", lineId)).toThrow(WrongCommunity);
    expect(() => pause(n, "C", lineId, true)).toThrow(WrongCommunity);
    agree(n, "B", lineId);
    expect(n.line(lineId).terms.feeA).toBe(1n);
    // No pending change is left to accept; an open line cannot be cancelled, even by its proposer.
    expect(() => agree(n, "A", lineId)).toThrow(InvalidIntent);
    expect(() => cancel(n, "A", lineId)).toThrow(InvalidIntent);
  });

  it("a proposal is only cancelled by its proposer; a proposed line carries no payment", () => {
    const n = network();
    const lineId = n.propose("A", "B");
    expect(() => cancel(n, "B", lineId)).toThrow(InvalidIntent);
    const hop = { line: n.lineBox(lineId), from: n.gateway(lineId, 0).box, to: n.gateway(lineId, 0, 1).box };
    expect(() => pay(n, "alice@A", [{ payee: "bob@B", amount: 10n, hops: [hop] }])).toThrow(LineNotOpen);
  });

  it("gateways of different shards, the same side twice, or a gateway used twice", () => {
    const n = network();
    const lineId = n.openLine("A", "B");
    const line = n.lineBox(lineId);
    const g = (side: Side, shard: number) => n.gateway(lineId, side, shard).box;
    const attempt = (legs: Leg[]) => () => pay(n, "alice@A", legs);
    expect(attempt([{ payee: "bob@B", amount: 10n, hops: [{ line, from: g(0, 0), to: g(1, 1) }] }])).toThrow(InvalidIntent);
    expect(attempt([{ payee: "bob@B", amount: 10n, hops: [{ line, from: g(0, 0), to: g(0, 1) }] }])).toThrow(InvalidIntent);
    expect(attempt([
      { payee: "bob@B", amount: 10n, hops: [n.hop(lineId, "A", 0)] },
      { payee: "carol@B", amount: 10n, hops: [n.hop(lineId, "A", 0)] },
    ])).toThrow(InvalidIntent);
    // Sending from the partner's gateway: the payer is not of that community.
    expect(attempt([{ payee: "bob@B", amount: 10n, hops: [n.hop(lineId, "B", 0)] }])).toThrow(WrongCommunity);
    // The payee is not where the hop arrives.
    expect(attempt([{ payee: "bob@A", amount: 10n, hops: [n.hop(lineId, "A", 0)] }])).toThrow(WrongCommunity);
    // An amount that converts to nothing: floor(1 × 2/3) = 0.
    expect(() => pay(n, "bob@B", [{ payee: "alice@A", amount: 1n, hops: [n.hop(lineId, "B")] }])).toThrow(InvalidIntent);
    expectBooks(n);
  });

  it("a payment past the payer's credit floor through a line", () => {
    const n = new Network(["A", "B"], { members: ["alice", "bob"], policy: testPolicy({ creditLimit: 10n }) });
    const lineId = n.openLine("A", "B");
    // 10 + ceil(0.1) = 11 > 10.
    expect(() => pay(n, "alice@A", [{ payee: "bob@B", amount: 10n, hops: [n.hop(lineId, "A")] }])).toThrow(CreditLimitExceeded);
    pay(n, "alice@A", [{ payee: "bob@B", amount: 9n, hops: [n.hop(lineId, "A")] }]);
    expect(balance(n, "alice@A")).toBe(-10n);
    expectBooks(n);
  });
});
