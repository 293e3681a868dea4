/**
 * A fourth adversary against trade lines (docs/inter-lets.md), after commit 9af2e2a: B's accept
 * requires the line's successor open, the line's accept requires B's end of shard 0 among the
 * outputs, and A's end stands for both ends when no B end is spent with it (`partnerIn = SELF`),
 * refreshed alone; the dormant branch applies when either end is dormant. It attacks those
 * changes (A's end alone beside other shards' and other lines' ends, a dormant B end under a
 * trade, the dormant branch moving value between shards, two accepts or an exit under one
 * accept), and the chain's own rule that storage rent spends a box without running its script,
 * beside boxes whose scripts only ask for that box to be spent. Each attack is judged by both
 * interpreters next to its accepted twin (a rent spend by ergo-lib alone: mock-chain cannot model
 * rent). An `it.fails` is an attack the interpreters ACCEPT although the design says it must
 * fail: a HOLE, explained where it is written.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import { crossPay } from "../builders/cross-pay.ts";
import { leave } from "../builders/leave.ts";
import { acceptLine } from "../builders/line-open.ts";
import { refreshShard } from "../builders/line-refresh.ts";
import { pay } from "../builders/pay.ts";
import { maxUnits } from "../builders/policy.ts";
import { gatewayRegisters } from "../line/line.ts";
import { STORAGE_PERIOD_BLOCKS } from "../parameters.ts";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";
import { DORMANT_BLOCKS, GATEWAY_B_ERGO_TREE } from "../scripts.ts";
import { addLong, idOf, longOf, outById, rewriteTx, setLong, payWithEscapedUnit } from "../testing/line-attack.ts";
import { Network } from "../testing/network-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { rentSuccessor, storageFeeNanoErg, type RentSpend } from "../testing/rent.ts";
import { edit, expectAccepted, expectRejected, expectScriptRefuses, output, setRegister, type Tx } from "../testing/tx-edit.ts";
import type { Member, World } from "../testing/world.ts";

/** Room for large payments: floors and caps far from the amounts tried, 40 seats. */
const POLICY = testPolicy({ creditLimit: 1_000_000n, positiveCap: 1_000_000n, maxMembers: 40n });

function net(names = ["A", "B"]) {
  const n = new Network(names, { members: ["alice", "bob"], policy: POLICY });
  // Anyone: pays miner fees from a plain wallet and holds no seat anywhere.
  const mallory = n.world.member("mallory-wallet");
  return { n, w: n.world, mallory, A: n.c("A"), B: n.c("B") };
}

/** Transaction context of `m`'s wallet at the tip. */
const ctxOf = (w: World, m: Member) => ({ height: w.height, wallet: w.wallet(m) });

type Output = Tx["outputs"][number];

/** `box` recreated at `height` with its ERG, tokens and registers, `registers` written over them. */
function again(box: Box<string>, height: number, registers: Record<string, string> = {}): Output {
  return { value: box.value, ergoTree: box.ergoTree, creationHeight: height, assets: box.assets, additionalRegisters: { ...box.additionalRegisters, ...registers } };
}

/** A box of `m`'s plain script holding `value` nanoERG and nothing else. */
const plain = (m: Member, value: bigint, height: number): Output => ({ value: value.toString(), ergoTree: m.ergoTree, creationHeight: height, assets: [], additionalRegisters: {} });


/** The same for a rent spend (ergo-lib alone judges one). */
function appliedRent(w: World, spend: RentSpend, signers: Member[]): boolean {
  if (!w.judgeRent(spend, signers).ok) return false;
  w.rentSpend(spend, signers);
  return true;
}


/** Shard `shard`'s D = tA x rateNum + tB x rateDen (docs: it starts at 0 and never falls), at 3/2. */
function lineSurplus(s: ReturnType<typeof net>, lineId: string, shard: number): bigint {
  const position = (side: 0 | 1) => {
    const g = s.n.gateway(lineId, side, shard);
    return g.balance - g.feesHeld;
  };
  return position(0) * 3n + position(1) * 2n;
}

describe("storage rent on A's end, B's end spent beside it", () => {
  /**
   * Was a HOLE, fixed: gateway-b.es requires A's end younger than a storage period, so storage rent
   * cannot be what spends it beside B's end. (B's money minted, B's unit escaped, after ONE idle
   * storage period, not three): B's end
   * (gateway-b.es) checks nothing of its own successor: it only requires A's end of its shard
   * among the inputs and B's member count and sum kept, trusting A's end's script to check the
   * pair. Storage rent spends a box without running its script: after STORAGE_PERIOD_BLOCKS (four
   * years) with nobody refreshing A's end (refreshes are voluntary), anyone may rent-spend it
   * (recreated unchanged less one fee: the floor of two fees is meant to make that harmless) and,
   * in the same transaction, spend B's end, which sees A's end "spent with it". No gateway script
   * checks B's end then: here B's end falls by 1,000 and bob@B is credited 1,000 (a credit needs
   * no signature; B's count and sum hold), paid out by B for nothing A received: shard 0's
   * D = tA x 3 + tB x 2 goes to -2,000 (docs: it never falls). B's end may equally go with no
   * successor, its unit to any script (next test): a full compromise of B; written as a "B end of
   * shard 0" it satisfies the line's new accept check with B's box off its accept path (third test). The docs' "twelve years
   * before rent could take a gateway's unit" is four years for B's.
   * Suggested fix: gateway-b.es requires A's end to be younger than a storage period,
   * `b.creationInfo._1 > HEIGHT - storagePeriodBlocks` (a box that young cannot be a rent spend,
   * and A's end is refreshed after 788,400 blocks anyway); or B's end checks its own successor
   * (script, token, R4, id, bound, value) as A's end does. Account exits trust INPUTS(0) the same
   * way (last test of this file).
   */
  it("refuses B's end paying bob@B 1,000 B-units beside A's end taken by rent (was a HOLE; twins: the plain rent spend of A's end, and the same payout with A's end spent by its script, refused)", () => {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    s.w.mine(STORAGE_PERIOD_BLOCKS);
    const endA = s.n.gateway(lineId, 0, 0).box as Box<string>;
    const endB = s.n.gateway(lineId, 1, 0).box as Box<string>;
    const bob = s.B.account("bob@B").box as Box<string>;
    const h = s.w.height + 1;
    const fee = plain(s.mallory, storageFeeNanoErg(endA), h);
    const rentOnly: RentSpend = { rent: [{ box: endA, outputIndex: 0 }], dataInputs: [s.n.lineBox(lineId)], outputs: [rentSuccessor(endA, h), fee] };
    expect(s.w.judgeRent(rentOnly, []).ok).toBe(true);
    const payout = [again(endB, h, { R5: longConstant(longOf(endB, "R5") - 1_000n) }), again(bob, h, { R5: longConstant(longOf(bob, "R5") + 1_000n) })];
    // A's end spent by its script: the pair moves one way only, refused.
    const scripted: RentSpend = { rent: [], inputs: [endA, endB, bob], dataInputs: [s.n.lineBox(lineId)], outputs: [again(endA, h), ...payout] };
    expect(s.w.judgeRent(scripted, [])).toMatchObject({ ok: false, reason: expect.stringMatching(/input index 0\): Script reduced to false/) });
    const attack: RentSpend = { ...rentOnly, inputs: [endB, bob], outputs: [...rentOnly.outputs, ...payout] };
    expect(s.w.judgeRent(attack, []).ok).toBe(false);
  });

  it("keeps B's books whole after A's end is rent-spent: B's end's unit does not escape into mallory's box and pay bob@B 500,000 B-units nobody issued (the hole above, carried to its end)", () => {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    s.w.mine(STORAGE_PERIOD_BLOCKS);
    const endA = s.n.gateway(lineId, 0, 0).box as Box<string>;
    const endB = s.n.gateway(lineId, 1, 0).box as Box<string>;
    const bob = () => s.B.account("bob@B");
    const issuedBefore = bob().balance;
    const h = s.w.height + 1;
    // B's end leaves no successor: its unit, at 0 like B's end, goes to mallory (B's count and sum hold).
    const escaped: Output = { ...plain(s.mallory, BigInt(endB.value), h), assets: endB.assets, additionalRegisters: { R4: longConstant(0n), R5: longConstant(0n), R6: longConstant(0n), R7: bytesConstant("") } };
    const escape: RentSpend = {
      rent: [{ box: endA, outputIndex: 0 }],
      inputs: [endB],
      dataInputs: [s.n.lineBox(lineId)],
      outputs: [rentSuccessor(endA, h), escaped, plain(s.mallory, storageFeeNanoErg(endA), h)],
    };
    // Each step runs only if the one before was accepted: once the hole is closed, the chain stops
    // at the first step, B's books hold, and this expected failure starts passing (flagged).
    if (appliedRent(s.w, escape, [])) payWithEscapedUnit(s.w, s.mallory, s.B.communityId, bob().box, bob().terms, 500_000n);
    expect(bob().balance - issuedBefore).toBeLessThan(500_000n);
    expect(lineSurplus(s, lineId, 0)).toBe(0n);
  });

  /**
   * HOLE (the one above, as a way round the line's new accept check): that check takes "a box of
   * the gateway-b script holding B's unit with id lineId ++ [1, 0] among the outputs" as proof
   * that B's box took its accept path. Beside A's end of an idle line L taken by rent, B's end of
   * L is spent unchecked and its unit written into exactly such a box for a new proposal P; B's
   * box is spent unchanged (its refresh or govern path), and B's committee signs P open. P is open with no B end
   * of shard 1, its "B end of shard 0" is L's (L's shard 0 has none now), and no seat of B moved.
   * Fixed with the hole above (B's end refusing an A end old enough for rent).
   */
  it("refuses B's committee opening a proposal with B's box spent unchanged, not on its accept path, its 'B end of shard 0' made of the B end of an idle line beside that line's A end taken by rent (was a HOLE; twin: the genuine accept)", () => {
    const s = net();
    const idle = s.n.openLine("A", "B");
    s.w.mine(STORAGE_PERIOD_BLOCKS);
    const lineId = s.n.propose("A", "B");
    const accept = acceptLine({ community: s.B.communityBox(), line: s.n.lineBox(lineId), gatewayA: s.n.gateway(lineId, 0).box }, ctxOf(s.w, s.B.committee));
    expectAccepted(s.w, accept, [s.B.committee]);
    const endA = s.n.gateway(idle, 0, 0).box as Box<string>;
    const endB = s.n.gateway(idle, 1, 0).box as Box<string>;
    const community = s.B.communityBox();
    const line = s.n.lineBox(lineId);
    const h = s.w.height + 1;
    const fakeEnd: Output = {
      value: endB.value,
      ergoTree: GATEWAY_B_ERGO_TREE,
      creationHeight: h,
      assets: endB.assets,
      additionalRegisters: gatewayRegisters({ lineId, side: 1, shard: 0, balance: longOf(endB, "R5"), feesHeld: 0n, maxUnits: maxUnits(POLICY.maxMembers) }),
    };
    const attack: RentSpend = {
      rent: [{ box: endA, outputIndex: 0 }],
      inputs: [community, line, endB],
      dataInputs: [s.n.lineBox(idle)],
      outputs: [rentSuccessor(endA, h), again(community, h), again(line, h, { R6: longsConstant([1n, 0n, 0n]) }), fakeEnd, plain(s.mallory, storageFeeNanoErg(endA), h)],
    };
    expect(s.w.judgeRent(attack, [s.B.committee]).ok).toBe(false);
  });
});

/** Alice pays bob@B 40 A-units over `shard` of `lineId`, built by the builder; mallory pays the fee. */
function payOver(s: ReturnType<typeof net>, lineId: string, shard: number): Tx {
  const intent = { payer: s.A.account("alice@A").box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: 40n, hops: [s.n.hop(lineId, "A", shard)] }] };
  return crossPay(intent, ctxOf(s.w, s.mallory));
}

/** `tx` with A's side of the payment (what `from`'s output gained) written into `to` instead, spent beside it; `from` kept unchanged. */
function redirect(w: World, tx: Tx, from: Box<Amount>, to: Box<Amount>, line?: Box<Amount>): Tx {
  return edit(tx, (d) => {
    if (line) d.dataInputs.push({ ...(line as Box<string>) });
    const fromOut = outById(d, idOf(from));
    const gained = (name: "R5" | "R6") => longOf(fromOut, name) - longOf(from, name);
    const toOut = again(to as Box<string>, w.height, { R5: longConstant(longOf(to, "R5") + gained("R5")), R6: longConstant(longOf(to, "R6") + gained("R6")) });
    setRegister(fromOut, "R5", from.additionalRegisters.R5!);
    setRegister(fromOut, "R6", from.additionalRegisters.R6!);
    d.inputs.push({ ...(to as Box<string>), extension: {} });
    d.outputs.push(toOut);
  });
}

describe("A's end alone (no B end of its shard among the inputs: partnerIn = SELF)", () => {
  it("refuses A's side of a payment over shard 1 taken by an A end with no B end spent (shard 0 of the line, fresh or dormant, or shard 0 of another line A-B) (twin: the builder's payment over shard 1)", () => {
    for (const variant of ["shard 0", "dormant shard 0", "another line"] as const) {
      const s = net();
      const lineId = s.n.openLine("A", "B");
      const other = s.n.openLine("A", "B");
      if (variant === "dormant shard 0") {
        s.w.mine(DORMANT_BLOCKS);
        // Shard 1 refreshed (fresh again), shard 0 left dormant.
        s.w.submit(refreshShard({ line: s.n.lineBox(lineId), gatewayA: s.n.gateway(lineId, 0, 1).box, gatewayB: s.n.gateway(lineId, 1, 1).box }, ctxOf(s.w, s.mallory)), [s.mallory]);
      }
      const tx = payOver(s, lineId, 1);
      const signers = [s.A.member("alice@A"), s.mallory];
      expectAccepted(s.w, tx, signers);
      const alone = s.n.gateway(variant === "another line" ? other : lineId, 0, 0).box;
      const otherLine = variant === "another line" ? s.n.lineBox(other) : undefined;
      expectScriptRefuses(s.w, redirect(s.w, tx, s.n.gateway(lineId, 0, 1).box, alone, otherLine), signers);
    }
  });

  it("refuses A's end of shard 0 spent alone beside a payment over shard 1, its fees held up by 1 or its balance down by 1 (twin: the same payment with A's end of shard 0 refreshed alone, dormant, unchanged)", () => {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    s.w.mine(DORMANT_BLOCKS);
    s.w.submit(refreshShard({ line: s.n.lineBox(lineId), gatewayA: s.n.gateway(lineId, 0, 1).box, gatewayB: s.n.gateway(lineId, 1, 1).box }, ctxOf(s.w, s.mallory)), [s.mallory]);
    const signers = [s.A.member("alice@A"), s.mallory];
    const endA0 = s.n.gateway(lineId, 0, 0).box;
    const beside = (change: (out: Output) => void) => edit(payOver(s, lineId, 1), (d) => {
      const out = again(endA0 as Box<string>, s.w.height);
      change(out);
      d.inputs.push({ ...(endA0 as Box<string>), extension: {} });
      d.outputs.push(out);
    });
    expectAccepted(s.w, beside(() => {}), signers);
    // Alice's debit stays the builder's: A's books would be off by 1, so alice is credited the 1 the edit takes.
    const shifted = (register: "R5" | "R6", delta: bigint) => edit(beside((out) => addLong(out, register, delta)), (d) => {
      if (register === "R5") addLong(outById(d, s.A.account("alice@A").accountId), "R5", -delta);
    });
    expectRejected(s.w, shifted("R6", 1n), signers);
    expectScriptRefuses(s.w, shifted("R5", -1n), signers);
  });
});

describe("the dormant branch, now taken when either end is dormant", () => {
  /** An open line A-B whose A end of shard 0 was refreshed alone: B's end of shard 0 is dormant, A's fresh. */
  function bDormant() {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    s.w.mine(DORMANT_BLOCKS);
    s.w.submit(refreshShard({ line: s.n.lineBox(lineId), gatewayA: s.n.gateway(lineId, 0, 0).box }, ctxOf(s.w, s.mallory)), [s.mallory]);
    return { ...s, lineId };
  }

  it("refuses a payment either way over a shard whose B end alone is dormant (twin: the pair refreshed by anyone, then the same payment)", () => {
    const s = bDormant();
    const signers = [s.A.member("alice@A"), s.mallory];
    expectScriptRefuses(s.w, payOver(s, s.lineId, 0), signers);
    const bobPays = crossPay({ payer: s.B.account("bob@B").box, payments: [{ payee: s.A.account("alice@A").box, amountUnits: 40n, hops: [s.n.hop(s.lineId, "B", 0)] }] }, ctxOf(s.w, s.mallory));
    expectScriptRefuses(s.w, bobPays, [s.B.member("bob@B"), s.mallory]);
    const refresh = refreshShard({ line: s.n.lineBox(s.lineId), gatewayA: s.n.gateway(s.lineId, 0, 0).box, gatewayB: s.n.gateway(s.lineId, 1, 0).box }, ctxOf(s.w, s.mallory));
    expectAccepted(s.w, refresh, [s.mallory]);
    s.w.submit(refresh, [s.mallory]);
    expectAccepted(s.w, payOver(s, s.lineId, 0), signers);
  });

  it("refuses that pair refreshed with B's end paying bob@B 1 B-unit, or B's fees held up by 1 (twin: the refresh unchanged)", () => {
    const s = bDormant();
    const [endA, endB] = [s.n.gateway(s.lineId, 0, 0).box, s.n.gateway(s.lineId, 1, 0).box];
    const bob = s.B.account("bob@B");
    // bob's account spent unchanged: only its owner may do that, marking activity now.
    const tx = edit(rewriteTx(s.w, s.mallory, [endA, endB, bob.box], { data: [s.n.lineBox(s.lineId)] }), (d) => setLong(outById(d, bob.accountId), "R8", BigInt(s.w.height)));
    const signers = [s.mallory, s.B.member("bob@B")];
    expectAccepted(s.w, tx, signers);
    // A credit needs no signature and keeps bob's activity.
    expectScriptRefuses(s.w, edit(tx, (d) => {
      addLong(outById(d, idOf(endB)), "R5", -1n);
      addLong(outById(d, bob.accountId), "R5", 1n);
      setLong(outById(d, bob.accountId), "R8", longOf(bob.box, "R8"));
    }), [s.mallory]);
    expectScriptRefuses(s.w, edit(tx, (d) => {
      addLong(outById(d, idOf(endB)), "R6", 1n);
      addLong(outById(d, idOf(endB)), "R5", 1n);
      addLong(outById(d, bob.accountId), "R5", -1n);
    }), signers);
  });

  it("refuses dormant ends that move a balance or fees from shard 0 to shard 1, as pairs or A's ends alone (twins: the same boxes refreshed unchanged)", () => {
    const s = net();
    const lineId = s.n.openLine("A", "B");
    s.w.submit(payOver(s, lineId, 0), [s.A.member("alice@A"), s.mallory]);
    s.w.mine(DORMANT_BLOCKS);
    const ends = [0, 1].flatMap((shard) => [s.n.gateway(lineId, 0, shard).box, s.n.gateway(lineId, 1, shard).box]);
    const aloneEnds = [ends[0]!, ends[2]!];
    for (const boxes of [ends, aloneEnds]) {
      const tx = rewriteTx(s.w, s.mallory, boxes, { data: [s.n.lineBox(lineId)] });
      expectAccepted(s.w, tx, [s.mallory]);
      const moved = (register: "R5" | "R6") => edit(tx, (d) => {
        for (const box of boxes) {
          const shard = idOf(box).slice(-2);
          const delta = shard === "00" ? -1n : 1n;
          // A's fees held are part of its balance: moving fees moves both registers.
          addLong(outById(d, idOf(box)), "R5", delta);
          if (register === "R6") addLong(outById(d, idOf(box)), "R6", delta);
        }
      });
      expectScriptRefuses(s.w, moved("R5"), [s.mallory]);
      expectScriptRefuses(s.w, moved("R6"), [s.mallory]);
    }
  });
});

describe("B's accept, and the line's new check of B's end of shard 0", () => {
  it("refuses B's accept of A's proposal opening C's proposal to B beside it, or relabelling B's gateway of shard 1 as C's line's B end of shard 0 (twin: the builder's accept)", () => {
    const s = net(["A", "B", "C"]);
    const fromA = s.n.propose("A", "B");
    const fromC = s.n.propose("C", "B");
    const accept = acceptLine({ community: s.B.communityBox(), line: s.n.lineBox(fromA), gatewayA: s.n.gateway(fromA, 0).box }, ctxOf(s.w, s.B.committee));
    expectAccepted(s.w, accept, [s.B.committee]);
    const other = s.n.lineBox(fromC);
    const both = (relabel: boolean) => edit(accept, (d) => {
      d.inputs.push({ ...other, extension: {} });
      d.dataInputs.push({ ...s.n.gateway(fromC, 0).box as Box<string> });
      d.outputs.push(again(other, s.w.height, { R6: longsConstant([1n, 0n, 0n]) }));
      // OUTPUTS(3) is B's gateway of shard 1 of A's line.
      if (relabel) setRegister(output(d, 3), "R7", bytesConstant(fromC + "0100"));
      // The second line's value comes from the wallet's change.
      const change = d.outputs.find((o) => o.ergoTree === s.B.committee.ergoTree)!;
      change.value = (BigInt(change.value) - BigInt(other.value)).toString();
      d.inputs.at(-1)!.value = other.value;
    });
    // The wallet paid for the line box it spends: its ERG comes back to the change.
    const balanced = (tx: Tx) => edit(tx, (d) => {
      const change = d.outputs.find((o) => o.ergoTree === s.B.committee.ergoTree)!;
      change.value = (BigInt(change.value) + BigInt(other.value)).toString();
    });
    expectScriptRefuses(s.w, balanced(both(false)), [s.B.committee]);
    expectScriptRefuses(s.w, balanced(both(true)), [s.B.committee]);
  });

  it("refuses the line's B end of shard 0 made of an exiting member's unit, B's box on its exit path (twins: bob's leave, and B's genuine accept)", () => {
    const s = net();
    const lineId = s.n.propose("A", "B");
    const bob = s.B.account("bob@B");
    const bobLeaves = leave({ community: s.B.communityBox(), account: bob.box }, ctxOf(s.w, s.B.member("bob@B")));
    expectAccepted(s.w, bobLeaves, [s.B.member("bob@B")]);
    expectAccepted(s.w, acceptLine({ community: s.B.communityBox(), line: s.n.lineBox(lineId), gatewayA: s.n.gateway(lineId, 0).box }, ctxOf(s.w, s.B.committee)), [s.B.committee]);
    const line = s.n.lineBox(lineId);
    const endA = s.n.gateway(lineId, 0).box as Box<string>;
    const opened = edit(bobLeaves, (d) => {
      d.inputs.push({ ...line, extension: {} });
      d.dataInputs.push({ ...endA });
      d.outputs.push(again(line, s.w.height, { R6: longsConstant([1n, 0n, 0n]) }));
      // bob's unit stays out of B's box, in a gateway-b box with the id the line asks for.
      const community = d.outputs[0]!;
      community.assets = [{ tokenId: s.B.communityId, amount: (BigInt(community.assets[0]!.amount) - 1n).toString() }];
      d.outputs.push({
        value: endA.value,
        ergoTree: GATEWAY_B_ERGO_TREE,
        creationHeight: s.w.height,
        assets: [{ tokenId: s.B.communityId, amount: "1" }],
        additionalRegisters: gatewayRegisters({ lineId, side: 1, shard: 0, balance: 0n, feesHeld: 0n, maxUnits: maxUnits(POLICY.maxMembers) }),
      });
      // B's committee, which signs the accept, pays for the gateway from its wallet.
      const purse = s.w.wallet(s.B.committee).utxos.find((b) => b.assets.length === 0)! as Box<string>;
      d.inputs.push({ ...purse, extension: {} });
      d.outputs.push(plain(s.B.committee, BigInt(purse.value) - BigInt(endA.value), s.w.height));
    });
    expectScriptRefuses(s.w, opened, [s.B.member("bob@B"), s.B.committee]);
  });
});

describe("storage rent on the community box, an account closed beside it", () => {
  /**
   * Was a HOLE, fixed: the account's exit requires INPUTS(0) younger than a storage period.
   * (Community scope, the same mechanism as B's end above): an account's exit branch only
   * checks that INPUTS(0) is the genuine community box (tree bytes around the hole, token id),
   * trusting the community contract's exit path to book the balance, take the unit back and
   * check the inactivity window; and anyone may close an account with a negative balance
   * (`owner || balance < 0 || dormant`). After one storage period with nobody joining, leaving,
   * governing or refreshing, rent may spend the community box without its script (recreated less
   * one fee; the docs call that harmless), and in the same transaction anyone closes alice's
   * account at -100 with no inactivity window: its unit goes to mallory's box (a full compromise
   * of A) and the -100 leaves the books (units minted). Suggested fix: the account's exit branch
   * requires INPUTS(0) younger than a storage period (`creationInfo._1 > HEIGHT -
   * storagePeriodBlocks`), which the community contract's refresh path makes possible anyway.
   */
  it("refuses closing alice@A (at -100, active) beside A's community box taken by rent, her unit to mallory (was a HOLE; twins: the plain rent spend, and the same close through the community's script, refused)", () => {
    const s = net();
    s.w.submit(pay({ payer: s.A.account("alice@A").box, payees: [{ account: s.A.account("bob@A").box, amountUnits: 100n }] }, ctxOf(s.w, s.A.member("alice@A"))), [s.A.member("alice@A")]);
    s.w.mine(STORAGE_PERIOD_BLOCKS);
    const community = s.A.communityBox();
    const alice = s.A.account("alice@A").box as Box<string>;
    const h = s.w.height + 1;
    const rentOnly: RentSpend = { rent: [{ box: community, outputIndex: 0 }], outputs: [rentSuccessor(community, h), plain(s.mallory, storageFeeNanoErg(community), h)] };
    expect(s.w.judgeRent(rentOnly, []).ok).toBe(true);
    const unit: Output = { ...plain(s.mallory, BigInt(alice.value), h), assets: alice.assets, additionalRegisters: { R4: longConstant(0n), R5: longConstant(0n), R6: longConstant(0n), R7: bytesConstant("") } };
    // Through the community's script (its exit path): refused, the unit must come home.
    const scripted: RentSpend = { rent: [], inputs: [community, alice], outputs: [again(community, h), unit] };
    expect(s.w.judgeRent(scripted, [])).toMatchObject({ ok: false, reason: expect.stringMatching(/input index 0\): Script reduced to false/) });
    const attack: RentSpend = { ...rentOnly, inputs: [alice], outputs: [...rentOnly.outputs, unit] };
    expect(s.w.judgeRent(attack, []).ok).toBe(false);
  });
});
