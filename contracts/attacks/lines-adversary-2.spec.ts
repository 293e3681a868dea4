/**
 * Issue 13, a second adversary against trade lines (docs/inter-lets.md), after the three fixes of
 * contract version 3 (two storage fees in line and gateway boxes; an emptied pending change signed
 * by its proposer; one output holding the minted line token). It attacks what
 * lines.spec.ts, lines-adversary.spec.ts and properties/line-mutations.spec.ts did not try: the
 * bounds of the terms at propose, the line's state machine outside "open", pending changes of the
 * wrong shape, an accept edited or pointed at another community's proposal, gateways paired across
 * shards, a full community box next to gateways, data inputs repeated, 256-bit arithmetic near the
 * Long range, rounding of tiny fees, and cross payments nobody signs. Each attack starts from a
 * transaction a builder made (or a plain rewrite of a box), is edited in one place, and is judged
 * by both interpreters next to its accepted twin. An `it.fails` is an attack both interpreters
 * ACCEPT although the design says it must fail: a hole, explained where it is written.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { refreshLine, refreshShard } from "../builders/line-refresh.ts";
import { FeeReserveSpent, NotDormant } from "../errors.ts";
import { crossPay } from "../builders/cross-pay.ts";
import { leave } from "../builders/leave.ts";
import { acceptLineChange, cancelLine, pauseLine, proposeLineChange } from "../builders/line-admin.ts";
import { acceptLine, proposeLine } from "../builders/line-open.ts";
import { type LineTerms } from "../line/line.ts";
import { bytesConstant, longsConstant, readBytes } from "../registers.ts";
import { DORMANT_BLOCKS, gatewayTreeOf, LINE_ERGO_TREE } from "../scripts.ts";
import { gatewayFloorNanoErg, lineFloorNanoErg } from "../line/floors.ts";
import { STORAGE_PERIOD_BLOCKS } from "../parameters.ts";
import { rentSuccessor, storageFeeNanoErg } from "../testing/rent.ts";
import { addLong, idOf, longOf, outById, rewriteTx, setLong } from "../testing/line-attack.ts";
import { Network, TEST_TERMS } from "../testing/network-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import {
  communityOut, edit, expectAccepted, expectRejected, expectScriptRefuses, output, register, setRegister, setValue, valueOf, type Tx,
} from "../testing/tx-edit.ts";
import { agreed, type Member, type World } from "../testing/world.ts";

/** Room for large payments: floors and caps far from the amounts tried, 40 seats. */
const POLICY = testPolicy({ creditLimit: 1_000_000n, positiveCap: 1_000_000n, maxMembers: 40n });

function net(names = ["A", "B"], policy = POLICY) {
  const n = new Network(names, { members: ["alice", "bob"], policy });
  // Pays miner fees, so a payer's ERG is untouched and its boxes can be dropped from a transaction.
  const outsider = n.world.member("outsider");
  return { n, w: n.world, outsider, A: n.c("A"), B: n.c("B") };
}
type Net = ReturnType<typeof net>;

/** Transaction context of `m`'s wallet at the tip. */
const ctxOf = (w: World, m: Member) => ({ height: w.height, wallet: w.wallet(m) });

/** The line output of a transaction (the line script). */
const lineOut = (tx: Tx) => {
  const out = tx.outputs.find((o) => o.ergoTree === LINE_ERGO_TREE);
  if (!out) throw new Error("no line output");
  return out;
};

/** `line` re-spent by `committee` (its community box read) with registers `registers` on the successor. */
function rewriteLine(s: Net, line: Box<Amount>, committee: Member, community: Box<Amount>, registers: Partial<Record<"R5" | "R6" | "R7", string>>): Tx {
  return edit(rewriteTx(s.w, committee, [line], { data: [community] }), (d) => {
    for (const [name, value] of Object.entries(registers)) setRegister(output(d, 0), name as "R5" | "R6" | "R7", value);
  });
}

/** Drops the input `boxId` and the output `out` (same ERG in and out). */
function dropPair(d: Tx, boxId: string, out: Tx["outputs"][number]): void {
  d.inputs.splice(d.inputs.findIndex((i) => i.boxId === boxId), 1);
  d.outputs.splice(d.outputs.indexOf(out), 1);
}

describe("cross payments nobody signs", () => {
  /**
   * Was a HOLE (griefing, no value taken): on a line whose fees were both 0, a loop A -> B over
   * shard 0 and B -> A over shard 1 moved value in a circle without losing a unit when the rate is
   * exact (2 A-units -> 3 B-units -> 2 A-units at 3/2). Every community's members summed the same,
   * every gateway's rule held, and no account was in the transaction: NOBODY signed, so anyone
   * could spend every gateway pair of such a line in every block for a miner fee. Fixed in the
   * terms: feeA + feeB >= 1 basis point (community propose path, line termsOk, checkLineTerms). A
   * fee of 1 bp or more is at least one unit on any amount (rounded up), charged in that side's
   * community on every hop through the line whichever way it goes, so a loop through it leaves
   * that community's gateways up by the fees and some member of it must be debited, and sign.
   * Left (docs/inter-lets.md): a cycle of lines whose rates multiply to more than 1 pays its fees
   * out of the arbitrage; caps bound how far it can move positions.
   */
  it("refuses a line with both fees 0, at propose and as new terms (twins: 1 bp on one side)", () => {
    const s = net();
    const oneBp: LineTerms = { ...TEST_TERMS, feeA: 1n, feeB: 0n };
    expect(() => proposeLine({ community: s.A.communityBox(), partnerCommunityId: s.B.communityId, terms: { ...oneBp, feeA: 0n } }, ctxOf(s.w, s.A.committee))).toThrow(/cannot both be 0/);
    const propose = proposeLine({ community: s.A.communityBox(), partnerCommunityId: s.B.communityId, terms: oneBp }, ctxOf(s.w, s.A.committee));
    const t = [3n, 2n, 10_000n, 10_000n, 0n, 0n, 2n];
    expectRejected(s.w, edit(propose, (d) => setRegister(lineOut(d), "R5", longsConstant(t))), [s.A.committee]);
    expectAccepted(s.w, edit(propose, (d) => setRegister(lineOut(d), "R5", longsConstant([...t.slice(0, 5), 1n, 2n]))), [s.A.committee]);
    expectAccepted(s.w, propose, [s.A.committee]);

    const lineId = s.n.openLine("A", "B");
    const change = proposeLineChange({ line: s.n.lineBox(lineId), community: s.A.communityBox(), change: { terms: oneBp } }, ctxOf(s.w, s.A.committee));
    expectAccepted(s.w, change, [s.A.committee]);
    expectRejected(s.w, edit(change, (d) => setRegister(lineOut(d), "R7", longsConstant([0n, 0n, ...t]))), [s.A.committee]);
    expect(() => proposeLineChange({ line: s.n.lineBox(lineId), community: s.A.communityBox(), change: { terms: { ...oneBp, feeA: 0n } } }, ctxOf(s.w, s.A.committee))).toThrow(/cannot both be 0/);
  });

  it("refuses the unsigned loop on a line at rate 1 with 1 bp on one side only, for 10 units (twin: alice pays the same loop and signs)", () => {
    for (const terms of [{ feeA: 1n, feeB: 0n }, { feeA: 0n, feeB: 1n }]) {
      const s = net();
      const ab = s.n.openLine("A", "B", { ...TEST_TERMS, rateNum: 1n, rateDen: 1n, ...terms });
      const alice = s.A.account("alice@A");
      const bob = s.A.account("bob@A");
      const loop = crossPay(
        { payer: alice.box, payments: [{ payee: bob.box, amountUnits: 10n, hops: [s.n.hop(ab, "A", 0), s.n.hop(ab, "B", 1)] }] },
        ctxOf(s.w, s.outsider),
      );
      expectAccepted(s.w, loop, [s.A.member("alice@A"), s.outsider]);
      const unsigned = edit(loop, (d) => {
        dropPair(d, alice.boxId, outById(d, alice.accountId));
        dropPair(d, bob.boxId, outById(d, bob.accountId));
      });
      expectRejected(s.w, unsigned, [s.outsider]);
    }
  });

  it("refuses the unsigned loop on a line with fees: some account must pay the fees (the twin of the hole above)", () => {
    const s = net(["A", "B"]);
    const ab = s.n.openLine("A", "B");
    const alice = s.A.account("alice@A");
    const bob = s.A.account("bob@A");
    const loop = crossPay(
      { payer: alice.box, payments: [{ payee: bob.box, amountUnits: 200n, hops: [s.n.hop(ab, "A", 0), s.n.hop(ab, "B", 1)] }] },
      ctxOf(s.w, s.outsider),
    );
    expectAccepted(s.w, loop, [s.A.member("alice@A"), s.outsider]);
    const unsigned = edit(loop, (d) => {
      dropPair(d, alice.boxId, outById(d, alice.accountId));
      dropPair(d, bob.boxId, outById(d, bob.accountId));
    });
    expectScriptRefuses(s.w, unsigned, [s.outsider]);
  });
});

describe("the terms at propose", () => {
  function proposal(shards = 2n) {
    const s = net();
    const tx = proposeLine({ community: s.A.communityBox(), partnerCommunityId: s.B.communityId, terms: { ...TEST_TERMS, shards } }, ctxOf(s.w, s.A.committee));
    return { ...s, tx };
  }

  it("refuses terms out of bounds written over the builder's (rate 0, rate above 10^9, a negative or too large cap, a fee of 100%, 6 or 8 terms) (twin: the builder's terms)", () => {
    const s = proposal();
    expectAccepted(s.w, s.tx, [s.A.committee]);
    const t = [3n, 2n, 10_000n, 10_000n, 100n, 50n, 2n];
    const bad: [string, bigint[]][] = [
      ["shards 0 (the two gateways kept)", [...t.slice(0, 6), 0n]],
      ["shards 1 (two gateways made)", [...t.slice(0, 6), 1n]],
      ["rateNum 0", [0n, ...t.slice(1)]],
      ["rateDen 0", [t[0]!, 0n, ...t.slice(2)]],
      ["rateNum 10^9 + 1", [1_000_000_001n, ...t.slice(1)]],
      ["rateDen -1", [t[0]!, -1n, ...t.slice(2)]],
      ["capA -1", [...t.slice(0, 2), -1n, ...t.slice(3)]],
      ["capB 2^62", [...t.slice(0, 3), 1n << 62n, ...t.slice(4)]],
      ["feeA 10,000", [...t.slice(0, 4), 10_000n, ...t.slice(5)]],
      ["feeB -1", [...t.slice(0, 5), -1n, t[6]!]],
      ["six terms", t.slice(0, 6)],
      ["eight terms", [...t, 0n]],
    ];
    for (const [name, terms] of bad) {
      const edited = edit(s.tx, (d) => setRegister(output(d, 1), "R5", longsConstant(terms)));
      const verdict = s.w.judge(edited, [s.A.committee]);
      expect(agreed(verdict), name).toBe(false);
    }
    // The bounds themselves are accepted: rate 10^9 / 1, caps 2^62 - 1, fees 9,999.
    const edge = edit(s.tx, (d) => setRegister(output(d, 1), "R5", longsConstant([1_000_000_000n, 1n, (1n << 62n) - 1n, (1n << 62n) - 1n, 9_999n, 9_999n, 2n])));
    expectAccepted(s.w, edge, [s.A.committee]);
  });

  it("refuses a line born open, paused, or with a pending change (twin: state [0,0,0], no pending)", () => {
    const s = proposal();
    for (const [name, value] of [["R6", longsConstant([1n, 0n, 0n])], ["R6", longsConstant([0n, 0n, 1n])], ["R7", longsConstant([0n, 1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n])]] as const) {
      expectScriptRefuses(s.w, edit(s.tx, (d) => setRegister(output(d, 1), name, value)), [s.A.committee]);
    }
  });

  it("refuses 17 shards, the seventeenth gateway added by hand (twin: the builder's 16 shards)", () => {
    const s = proposal(16n);
    expectAccepted(s.w, s.tx, [s.A.committee]);
    const seventeen = edit(s.tx, (d) => {
      setRegister(output(d, 1), "R5", longsConstant([3n, 2n, 10_000n, 10_000n, 100n, 50n, 17n]));
      const last = structuredClone(output(d, 17));
      const id = readBytes("R7", register(last, "R7"));
      setRegister(last, "R7", bytesConstant(id.slice(0, 66) + "10"));
      d.outputs.splice(18, 0, last);
      const change = d.outputs.find((o) => o.ergoTree === s.A.committee.ergoTree)!;
      setValue(change, valueOf(change) - valueOf(last));
      const c = communityOut(d);
      c.assets[0]!.amount = (BigInt(c.assets[0]!.amount) - 1n).toString();
    });
    expectScriptRefuses(s.w, seventeen, [s.A.committee]);
  });

  it("refuses a gateway whose shard is outside the line's shards (shard 2 of 2) in place of shard 1 (twin: the builder's ids)", () => {
    const s = proposal();
    const outside = edit(s.tx, (d) => {
      const id = readBytes("R7", register(output(d, 3), "R7"));
      setRegister(output(d, 3), "R7", bytesConstant(id.slice(0, 66) + "02"));
    });
    expectScriptRefuses(s.w, outside, [s.A.committee]);
  });
});

describe("the line's states outside 'open'", () => {
  function proposed() {
    const s = net(["A", "B", "C"]);
    const lineId = s.n.propose("A", "B");
    return { ...s, lineId };
  }

  it("refuses pausing a proposed line, either side's flag (twin: A pauses the line once open)", () => {
    const s = proposed();
    const line = s.n.lineBox(s.lineId);
    for (const state of [[0n, 1n, 0n], [0n, 0n, 1n]]) {
      expectScriptRefuses(s.w, rewriteLine(s, line, s.A.committee, s.A.communityBox(), { R6: longsConstant(state) }), [s.A.committee]);
    }
    s.n.accept("B", s.lineId);
    expectAccepted(s.w, rewriteLine(s, s.n.lineBox(s.lineId), s.A.committee, s.A.communityBox(), { R6: longsConstant([1n, 1n, 0n]) }), [s.A.committee]);
  });

  it("refuses a proposal's terms changed by A before B accepts (twin: A cancels)", () => {
    const s = proposed();
    const line = s.n.lineBox(s.lineId);
    expectAccepted(s.w, cancelLine({ line, community: s.A.communityBox() }, ctxOf(s.w, s.A.committee)), [s.A.committee]);
    const richer = longsConstant([9n, 1n, 10_000n, 10_000n, 100n, 50n, 2n]);
    expectScriptRefuses(s.w, rewriteLine(s, line, s.A.committee, s.A.communityBox(), { R5: richer }), [s.A.committee]);
    // Nor with a pending change written on the proposal.
    const pending = longsConstant([0n, 0n, 9n, 1n, 10_000n, 10_000n, 100n, 50n, 2n]);
    expectScriptRefuses(s.w, rewriteLine(s, line, s.A.committee, s.A.communityBox(), { R7: pending }), [s.A.committee]);
  });

  it("refuses B accepting a cancelled proposal (twin: B accepts the live proposal)", () => {
    const s = proposed();
    const line = s.n.lineBox(s.lineId);
    const accept = acceptLine({ community: s.B.communityBox(), line, gatewayA: s.n.gateway(s.lineId, 0).box }, ctxOf(s.w, s.B.committee));
    expectAccepted(s.w, accept, [s.B.committee]);
    s.w.submit(cancelLine({ line, community: s.A.communityBox() }, ctxOf(s.w, s.A.committee)), [s.A.committee]);
    const cancelled = s.n.lineBox(s.lineId);
    const late = edit(accept, (d) => {
      const i = d.inputs.findIndex((x) => x.boxId === line.boxId);
      d.inputs[i] = { ...cancelled, extension: {} };
    });
    expectRejected(s.w, late, [s.B.committee]);
  });

  /** An open line A-B closed by A's proposal and B's acceptance. */
  function closed() {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    s.w.submit(proposeLineChange({ line: s.n.lineBox(lineId), community: s.A.communityBox(), change: "close" }, ctxOf(s.w, s.A.committee)), [s.A.committee]);
    const beforeClose = s.n.lineBox(lineId);
    s.w.submit(acceptLineChange({ line: beforeClose, community: s.B.communityBox() }, ctxOf(s.w, s.B.committee)), [s.B.committee]);
    expect(s.n.line(lineId).status).toBe("closed");
    return { ...s, lineId };
  }

  it("refuses reopening, pausing, re-terming a closed line or writing a change on it, even signed by both committees (twin: the close itself, by the builders)", () => {
    const s = closed();
    const line = s.n.lineBox(s.lineId);
    const both = [s.A.committee, s.B.committee];
    const reopen = edit(rewriteLine(s, line, s.A.committee, s.A.communityBox(), { R6: longsConstant([1n, 0n, 0n]) }), (d) => d.dataInputs.push({ ...s.B.communityBox() }));
    expectScriptRefuses(s.w, reopen, both);
    const pause = rewriteLine(s, line, s.A.committee, s.A.communityBox(), { R6: longsConstant([2n, 1n, 0n]) });
    expectScriptRefuses(s.w, pause, both);
    const newTerms = rewriteLine(s, line, s.A.committee, s.A.communityBox(), { R5: longsConstant([9n, 1n, 10_000n, 10_000n, 100n, 50n, 2n]) });
    expectScriptRefuses(s.w, newTerms, both);
    const pending = rewriteLine(s, line, s.A.committee, s.A.communityBox(), { R7: longsConstant([0n, 0n, 9n, 1n, 10_000n, 10_000n, 100n, 50n, 2n]) });
    expectScriptRefuses(s.w, pending, both);
  });

  it("refuses a line with A's pending terms closed by A alone (no close was proposed) (twin: B accepts the pending terms)", () => {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    const richer: LineTerms = { ...TEST_TERMS, capA: 1_000_000n };
    s.w.submit(proposeLineChange({ line: s.n.lineBox(lineId), community: s.A.communityBox(), change: { terms: richer } }, ctxOf(s.w, s.A.committee)), [s.A.committee]);
    const withPending = s.n.lineBox(lineId);
    const agree = acceptLineChange({ line: withPending, community: s.B.communityBox() }, ctxOf(s.w, s.B.committee));
    expectAccepted(s.w, agree, [s.B.committee]);
    // B closes instead (its own proposal written over A's, then A agrees), and a closed line keeps
    // no pending change; so the acceptance is tried on a closed line carrying A's pending terms:
    // the only such box is one rewritten by hand, which the refresh path would have to accept.
    const closedWithPending = rewriteLine(s, withPending, s.A.committee, s.A.communityBox(), { R6: longsConstant([2n, 0n, 0n]) });
    expectScriptRefuses(s.w, closedWithPending, [s.A.committee, s.B.committee]);
  });
});

describe("pending changes of the wrong shape", () => {
  it("refuses kind 2, a proposer 2, 8 or 10 longs, and bad terms in the proposal (twin: the builder's proposal of a lower fee)", () => {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    const tx = proposeLineChange({ line: s.n.lineBox(lineId), community: s.A.communityBox(), change: { terms: { ...TEST_TERMS, feeA: 50n } } }, ctxOf(s.w, s.A.committee));
    expectAccepted(s.w, tx, [s.A.committee]);
    const t = [3n, 2n, 10_000n, 10_000n, 50n, 50n, 2n];
    const bad: [string, bigint[]][] = [
      ["kind 2", [0n, 2n, ...t]],
      ["kind -1", [0n, -1n, ...t]],
      ["proposer 2", [2n, 0n, ...t]],
      ["proposer -1", [-1n, 0n, ...t]],
      ["8 longs", [0n, 0n, ...t.slice(0, 6)]],
      ["10 longs", [0n, 0n, ...t, 0n]],
      ["rate 0", [0n, 0n, 0n, ...t.slice(1)]],
      ["fee 100%", [0n, 0n, ...t.slice(0, 4), 10_000n, t[5]!, t[6]!]],
      ["cap -1", [0n, 0n, ...t.slice(0, 2), -1n, ...t.slice(3)]],
      ["rate above 10^9", [0n, 0n, t[0]!, 1_000_000_001n, ...t.slice(2)]],
    ];
    for (const [name, pending] of bad) {
      const edited = edit(tx, (d) => setRegister(lineOut(d), "R7", longsConstant(pending)));
      expect(agreed(s.w.judge(edited, [s.A.committee, s.B.committee])), name).toBe(false);
    }
  });

  it("refuses A writing a proposal in B's name (signed by A alone) (twin: B writes it)", () => {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    const byB = proposeLineChange({ line: s.n.lineBox(lineId), community: s.B.communityBox(), change: { terms: { ...TEST_TERMS, capB: 1_000_000n } } }, ctxOf(s.w, s.A.committee));
    expectAccepted(s.w, byB, [s.A.committee, s.B.committee]);
    expectRejected(s.w, edit(byB, (d) => (d.dataInputs = [{ ...s.A.communityBox() }])), [s.A.committee]);
  });
});

describe("an accept edited", () => {
  function proposedTo(names = ["A", "B", "C"]) {
    const s = net(names);
    const lineId = s.n.propose("A", "B");
    const line = s.n.lineBox(lineId);
    const tx = acceptLine({ community: s.B.communityBox(), line, gatewayA: s.n.gateway(lineId, 0).box }, ctxOf(s.w, s.B.committee));
    return { ...s, lineId, line, tx };
  }

  it("refuses an accept whose line successor names A twice, or B twice, or new terms (twin: the builder's accept)", () => {
    const s = proposedTo();
    expectAccepted(s.w, s.tx, [s.B.committee]);
    const hash = readBytes("R4", s.line.additionalRegisters.R4).slice(128);
    for (const ids of [s.A.communityId + s.A.communityId + hash, s.B.communityId + s.B.communityId + hash, s.B.communityId + s.A.communityId + hash]) {
      expectScriptRefuses(s.w, edit(s.tx, (d) => setRegister(lineOut(d), "R4", bytesConstant(ids))), [s.B.committee]);
    }
    expectScriptRefuses(s.w, edit(s.tx, (d) => setRegister(lineOut(d), "R5", longsConstant([9n, 1n, 10_000n, 10_000n, 100n, 50n, 2n]))), [s.B.committee]);
  });

  it("refuses B accepting, in its own accept, A's proposal to C (its input line swapped) (twin: the builder's accept of the line to B)", () => {
    const s = proposedTo();
    expectAccepted(s.w, s.tx, [s.B.committee]);
    const toC = s.n.propose("A", "C");
    const other = s.n.lineBox(toC);
    const swapped = edit(s.tx, (d) => {
      const i = d.inputs.findIndex((x) => x.boxId === s.line.boxId);
      d.inputs[i] = { ...other, extension: {} };
      const out = lineOut(d);
      out.assets = [{ tokenId: toC, amount: "1" }];
      setRegister(out, "R4", other.additionalRegisters.R4!);
      for (const g of [output(d, 2), output(d, 3)]) {
        const id = readBytes("R7", register(g, "R7"));
        setRegister(g, "R7", bytesConstant(toC + id.slice(64)));
      }
    });
    expectRejected(s.w, swapped, [s.B.committee, s.n.c("C").committee]);
  });

  it("refuses an accept that pays B's seats into gateways of a line id other than the line's (twin: the builder's accept)", () => {
    const s = proposedTo();
    const foreign = edit(s.tx, (d) => {
      const id = readBytes("R7", register(output(d, 2), "R7"));
      setRegister(output(d, 2), "R7", bytesConstant(s.A.communityId + id.slice(64)));
    });
    expectScriptRefuses(s.w, foreign, [s.B.committee]);
  });
});

describe("a line box nobody proposed", () => {
  /**
   * HOLE (a trap for B's committee; B loses seats, nobody gains units): no script runs when a box
   * is created, so anyone can mint a token of their own into a box with the line script and
   * registers naming A and B, the community tree's hash, status "proposed" and attractive terms
   * (A's committee can even do it in a govern transaction, minting with its box's id). B's accept
   * path checks that its input is a line-script box in status 0 naming B, and the line contract
   * checks B's committee: both hold, so B's accept is valid. B's gateways are made for that token,
   * taking B's seats, but no A end will ever carry that id (A's gateways are only made by A's
   * propose, with the line token minted in the same transaction), so B's ends can never be spent
   * and the seats are lost for good. acceptLine (the builder) checks the partner, the status and
   * the tree hash, not that the proposal came from A's propose.
   * Suggested fix: the accept path reads A's gateway of shard 0 as a data input (A's unit, A's
   * gateway script by hash, id lineId ++ [0, 0]), which exists only if A's propose minted the
   * token; and acceptLine looks for it before building.
   */
  it("refuses B accepting a line box minted outside A's propose, with or without A's gateway read (twin: B accepts A's genuine proposal)", () => {
    const s = net();
    const genuine = s.n.propose("A", "B");
    const real = s.n.lineBox(genuine);
    const accept = acceptLine({ community: s.B.communityBox(), line: real, gatewayA: s.n.gateway(genuine, 0).box }, ctxOf(s.w, s.B.committee));
    // mallory's box: the same script and registers as the genuine proposal, her own token.
    const fakeId = "fa".repeat(32);
    const fake = s.w.addBox({ ergoTree: LINE_ERGO_TREE, value: BigInt(real.value), assets: [{ tokenId: fakeId, amount: 1n }], additionalRegisters: real.additionalRegisters });
    const onFake = (keepGatewayA: boolean) => edit(accept, (d) => {
      const i = d.inputs.findIndex((x) => x.boxId === real.boxId);
      d.inputs[i] = { ...(fake as Box<string>), extension: {} };
      for (const o of d.outputs) {
        if (o.ergoTree === LINE_ERGO_TREE) o.assets = [{ tokenId: fakeId, amount: "1" }];
        const id = o.ergoTree === gatewayTreeOf(1) ? readBytes("R7", o.additionalRegisters.R7!) : "";
        if (id.length === 68 && id.startsWith(genuine)) setRegister(o, "R7", bytesConstant(fakeId + id.slice(64)));
      }
      if (!keepGatewayA) d.dataInputs.length = 0;
    });
    expectRejected(s.w, onFake(true), [s.B.committee]);
    expectRejected(s.w, onFake(false), [s.B.committee]);
    expect(() => acceptLine({ community: s.B.communityBox(), line: fake, gatewayA: s.n.gateway(genuine, 0).box }, ctxOf(s.w, s.B.committee))).toThrow(/not A's end of shard 0/);
    expectAccepted(s.w, accept, [s.B.committee]);
  });
});

describe("after storage rent took one fee", () => {
  /**
   * Was a BUILDER BUG (liveness, no value at risk): rent may take one storage fee from a line or a
   * gateway nobody touched for four years (the floor is two fees, so the token stays). Every
   * successor must hold more than two fees again (`value > bytes x factor x 2`), but the builders
   * copied the reduced value and were refused. Now the line's successor (lineValue) and each
   * gateway's (gatewayValue) go back to the floor, paid by the wallet or the payer's fee reserve.
   */
  it("accepts the builder's pause of a line rent has reduced, topped up to the floor by the committee's wallet (twin: the same pause keeping the reduced value is refused)", () => {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    s.w.mine(STORAGE_PERIOD_BLOCKS);
    const idle = s.n.lineBox(lineId);
    s.w.rentSpend({ rent: [{ box: idle, outputIndex: 0 }], outputs: [rentSuccessor(idle, s.w.height + 1), { value: storageFeeNanoErg(idle).toString(), ergoTree: s.outsider.ergoTree, creationHeight: s.w.height + 1, assets: [], additionalRegisters: {} }] }, []);
    const reduced = s.n.lineBox(lineId);
    expect(BigInt(reduced.value)).toBeLessThan(lineFloorNanoErg());
    const pause = pauseLine({ line: reduced, community: s.A.communityBox(), paused: true }, ctxOf(s.w, s.A.committee));
    expect(valueOf(lineOut(pause))).toBe(lineFloorNanoErg());
    const kept = edit(pause, (d) => {
      const out = lineOut(d);
      const change = d.outputs.find((o) => o.ergoTree === s.A.committee.ergoTree)!;
      const back = valueOf(out) - BigInt(reduced.value);
      setValue(out, BigInt(reduced.value));
      setValue(change, valueOf(change) + back);
    });
    expectScriptRefuses(s.w, kept, [s.A.committee]);
    expectAccepted(s.w, pause, [s.A.committee]);
  });

  it("after rent took a fee from B's end: A's end, older than a storage period, is refreshed alone, then a payment tops B's end back up from a wallet (twins: the pair refresh and the payment through the old A end are refused, the member's fee reserve cannot pay the top-up, a payment keeping the reduced value is refused)", () => {
    const s = net();
    const ab = s.n.openLine("A", "B");
    s.w.mine(STORAGE_PERIOD_BLOCKS);
    const idle = s.n.gateway(ab, 1, 0).box as Box<string>;
    s.w.rentSpend({ rent: [{ box: idle, outputIndex: 0 }], outputs: [rentSuccessor(idle, s.w.height + 1), { value: storageFeeNanoErg(idle).toString(), ergoTree: s.outsider.ergoTree, creationHeight: s.w.height + 1, assets: [], additionalRegisters: {} }] }, []);
    const reduced = s.n.gateway(ab, 1, 0);
    expect(reduced.valueNanoErg).toBeLessThan(gatewayFloorNanoErg(1));
    const alice = s.A.account("alice@A");
    const intent = () => ({ payer: s.A.account("alice@A").box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: 40n, hops: [s.n.hop(ab, "A", 0)] }] });
    // A's end is dormant: the pair takes only a refresh; and it is older than a storage period, so
    // B's end refuses to go with it (rent could be what spends it): A's end is refreshed alone.
    expectScriptRefuses(s.w, crossPay(intent(), ctxOf(s.w, s.outsider)), [s.A.member("alice@A"), s.outsider]);
    expect(() => refreshShard({ line: s.n.lineBox(ab), gatewayA: s.n.gateway(ab, 0, 0).box, gatewayB: reduced.box }, ctxOf(s.w, s.outsider))).toThrow(/refresh it alone first/);
    s.w.submit(refreshShard({ line: s.n.lineBox(ab), gatewayA: s.n.gateway(ab, 0, 0).box }, ctxOf(s.w, s.outsider)), [s.outsider]);
    // Rent recreated B's end at its height: neither end is dormant now.
    expect(() => refreshShard({ line: s.n.lineBox(ab), gatewayA: s.n.gateway(ab, 0, 0).box, gatewayB: reduced.box }, ctxOf(s.w, s.outsider))).toThrow(NotDormant);
    // The top-up (a storage fee of B's end, about 0.45 ERG) is more than a member's fee reserve.
    expect(() => crossPay(intent(), { height: s.w.height })).toThrow(FeeReserveSpent);
    const tx = crossPay(intent(), ctxOf(s.w, s.outsider));
    expect(valueOf(outById(tx, idOf(reduced.box)))).toBe(gatewayFloorNanoErg(1));
    expect(valueOf(outById(tx, alice.accountId))).toBe(alice.valueNanoErg);
    const kept = edit(tx, (d) => {
      const out = outById(d, idOf(reduced.box));
      const change = d.outputs.find((o) => o.ergoTree === s.outsider.ergoTree)!;
      setValue(change, valueOf(change) + valueOf(out) - reduced.valueNanoErg);
      setValue(out, reduced.valueNanoErg);
    });
    expectScriptRefuses(s.w, kept, [s.A.member("alice@A"), s.outsider]);
    expectAccepted(s.w, tx, [s.A.member("alice@A"), s.outsider]);
  });

  it("refreshes a dormant line (anyone) and refuses refreshing a live one", () => {
    const s = net();
    const ab = s.n.openLine("A", "B");
    expect(() => refreshLine({ line: s.n.lineBox(ab) }, ctxOf(s.w, s.outsider))).toThrow(NotDormant);
    s.w.mine(DORMANT_BLOCKS);
    const tx = refreshLine({ line: s.n.lineBox(ab) }, ctxOf(s.w, s.outsider));
    expect(lineOut(tx).additionalRegisters).toEqual(s.n.lineBox(ab).additionalRegisters);
    expectAccepted(s.w, tx, [s.outsider]);
  });
});

describe("gateways paired across shards", () => {
  it("refuses A's end of shard 0 paired with B's end of shard 1 (twin: the builder's shard 0 pair)", () => {
    const s = net();
    const ab = s.n.openLine("A", "B");
    const tx = crossPay(
      { payer: s.A.account("alice@A").box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: 40n, hops: [s.n.hop(ab, "A", 0)] }] },
      ctxOf(s.w, s.outsider),
    );
    expectAccepted(s.w, tx, [s.A.member("alice@A"), s.outsider]);
    const b0 = s.n.gateway(ab, 1, 0).box;
    const b1 = s.n.gateway(ab, 1, 1).box;
    // Both ends of B are at balance 0 with the same ERG: only the box and its id change.
    const crossed = edit(tx, (d) => {
      const i = d.inputs.findIndex((x) => x.boxId === b0.boxId);
      d.inputs[i] = { ...(b1 as Box<string>), extension: {} };
      setRegister(outById(d, idOf(b0)), "R7", b1.additionalRegisters.R7!);
    });
    expectRejected(s.w, crossed, [s.A.member("alice@A"), s.outsider]);
  });

  it("refuses two payments through the same shard pair in one transaction: the builder says so, and the pair can be spent once (twin: two shards)", () => {
    const s = net();
    const ab = s.n.openLine("A", "B");
    const twoShards = crossPay(
      {
        payer: s.A.account("alice@A").box,
        payments: [
          { payee: s.B.account("bob@B").box, amountUnits: 40n, hops: [s.n.hop(ab, "A", 0)] },
          { payee: s.B.account("alice@B").box, amountUnits: 40n, hops: [s.n.hop(ab, "A", 1)] },
        ],
      },
      ctxOf(s.w, s.outsider),
    );
    expectAccepted(s.w, twoShards, [s.A.member("alice@A"), s.outsider]);
    expect(() => crossPay(
      {
        payer: s.A.account("alice@A").box,
        payments: [
          { payee: s.B.account("bob@B").box, amountUnits: 40n, hops: [s.n.hop(ab, "A", 0)] },
          { payee: s.B.account("alice@B").box, amountUnits: 40n, hops: [s.n.hop(ab, "A", 0)] },
        ],
      },
      ctxOf(s.w, s.outsider),
    )).toThrow(/one payment per transaction/);
  });
});

describe("a full community box next to lines", () => {
  /** A community of 5 seats: 2 members, and a line of 2 shards takes the last 2 free seats. */
  function full() {
    const s = net(["A", "B"], testPolicy({ creditLimit: 1_000n, positiveCap: 1_000n, maxMembers: 4n }));
    const ab = s.n.openLine("A", "B");
    expect(BigInt(s.A.communityBox().assets[0]!.amount)).toBe(1n); // the anchor alone: it holds exactly (A, 1)
    return { ...s, ab };
  }

  it("lets the members of a full community pay across the line and leave (liveness twins)", () => {
    const s = full();
    const pay = crossPay(
      { payer: s.A.account("alice@A").box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: 40n, hops: [s.n.hop(s.ab, "A", 0)] }] },
      ctxOf(s.w, s.outsider),
    );
    s.w.submit(pay, [s.A.member("alice@A"), s.outsider]);
    const bobA = s.A.account("bob@A");
    const out = leave({ community: s.A.communityBox(), account: bobA.box }, ctxOf(s.w, s.A.member("bob@A")));
    expectAccepted(s.w, out, [s.A.member("bob@A")]);
  });

  it("refuses the full community box (holding exactly one unit, like a member) re-spent by its committee inside a cross payment (twins: the rewrite alone, the payment alone)", () => {
    const s = full();
    const pay = crossPay(
      { payer: s.A.account("alice@A").box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: 40n, hops: [s.n.hop(s.ab, "A", 0)] }] },
      ctxOf(s.w, s.outsider),
    );
    expectAccepted(s.w, pay, [s.A.member("alice@A"), s.outsider]);
    const community = s.A.communityBox();
    const govern = rewriteTx(s.w, s.A.committee, [community]);
    expectAccepted(s.w, govern, [s.A.committee]);
    const together = edit(pay, (d) => {
      d.inputs.push({ ...community, extension: {} });
      d.outputs.splice(d.outputs.length - 2, 0, structuredClone(output(govern, 0)));
    });
    expectRejected(s.w, together, [s.A.member("alice@A"), s.outsider, s.A.committee]);
  });
});

describe("data inputs repeated or extra", () => {
  it("accepts a closed line of another pair as an extra data input; the line twice is judged alike by both interpreters (twin: the builder's payment)", () => {
    const s = net(["A", "B", "C"]);
    const ab = s.n.openLine("A", "B");
    const ac = s.n.propose("A", "C");
    s.w.submit(cancelLine({ line: s.n.lineBox(ac), community: s.A.communityBox() }, ctxOf(s.w, s.A.committee)), [s.A.committee]);
    const tx = crossPay(
      { payer: s.A.account("alice@A").box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: 40n, hops: [s.n.hop(ab, "A", 0)] }] },
      ctxOf(s.w, s.outsider),
    );
    const signers = [s.A.member("alice@A"), s.outsider];
    expectAccepted(s.w, tx, signers);
    expectAccepted(s.w, edit(tx, (d) => d.dataInputs.unshift({ ...s.n.lineBox(ac) })), signers);
    const twice = edit(tx, (d) => d.dataInputs.push({ ...s.n.lineBox(ab) }));
    const verdict = s.w.judge(twice, signers);
    expect(verdict.mock.ok).toBe(verdict.ergoLib.ok);
    expect(verdict.mock.ok).toBe(true);
  });
});

describe("arithmetic at the edges", () => {
  it("converts 10^11 units at 999,999,937 / 10^9 (products past 2^63) exactly, and refuses one unit more or less (twin: the builder's payment)", () => {
    const big = testPolicy({ creditLimit: 1_000_000_000_000n, positiveCap: 1_000_000_000_000n, maxMembers: 40n });
    const s = net(["A", "B"], big);
    const terms: LineTerms = { rateNum: 999_999_937n, rateDen: 1_000_000_000n, capA: (1n << 62n) - 1n, capB: (1n << 62n) - 1n, feeA: 100n, feeB: 50n, shards: 1n };
    const ab = s.n.openLine("A", "B", terms);
    const amount = 100_000_000_000n;
    const tx = crossPay(
      { payer: s.A.account("alice@A").box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: amount, hops: [s.n.hop(ab, "A", 0)] }] },
      ctxOf(s.w, s.outsider),
    );
    const signers = [s.A.member("alice@A"), s.outsider];
    expectAccepted(s.w, tx, signers);
    const converted = (amount * terms.rateNum) / terms.rateDen;
    const idB = idOf(s.n.gateway(ab, 1, 0).box);
    expect(longOf(outById(tx, idB), "R6") - longOf(outById(tx, idB), "R5")).toBe(converted);
    const bob = s.B.account("bob@B").accountId;
    for (const by of [1n, -1n]) {
      // B's books still sum: the gateway pays one unit more (or less) and bob gets it.
      const off = edit(tx, (d) => {
        addLong(outById(d, idB), "R5", -by);
        addLong(outById(d, bob), "R5", by);
      });
      expectScriptRefuses(s.w, off, signers);
    }
  });

  it("refuses a sender's fee of 0 on two units at 1 basis point (ceil makes it 1) (twin: the builder's fee of 1)", () => {
    const s = net();
    const ab = s.n.openLine("A", "B", { ...TEST_TERMS, feeA: 1n, feeB: 1n });
    const alice = s.A.account("alice@A");
    const tx = crossPay(
      { payer: alice.box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: 2n, hops: [s.n.hop(ab, "A", 0)] }] },
      ctxOf(s.w, s.outsider),
    );
    const signers = [s.A.member("alice@A"), s.outsider];
    expectAccepted(s.w, tx, signers);
    const idA = idOf(s.n.gateway(ab, 0, 0).box);
    expect(longOf(outById(tx, alice.accountId), "R5")).toBe(alice.balance - 3n); // 2 sent + 1 fee
    const free = edit(tx, (d) => {
      setLong(outById(d, alice.accountId), "R8", BigInt(s.w.height));
      addLong(outById(d, alice.accountId), "R5", 1n);
      addLong(outById(d, idA), "R5", -1n);
      addLong(outById(d, idA), "R6", -1n);
    });
    expectScriptRefuses(s.w, free, signers);
  });
});
