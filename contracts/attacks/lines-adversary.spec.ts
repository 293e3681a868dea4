/**
 * Issue 13, an adversary against trade lines (docs/inter-lets.md): the line and gateway contracts,
 * the propose/accept paths of the community contract, and the account's new rule that every box
 * holding exactly its community's unit is a member. Each attack starts from a transaction the
 * builders make (or boxes added to the World), is edited in one place, and is judged by both
 * interpreters next to its unedited twin. An `it.fails` is an attack that both interpreters
 * ACCEPT although docs/inter-lets.md says it must fail: a hole, explained where it is written.
 */
import type { Box } from "@fleet-sdk/common";
import { OutputBuilder, RECOMMENDED_MIN_FEE_VALUE, TransactionBuilder } from "@fleet-sdk/core";
import { describe, expect, it } from "vitest";
import { crossPay } from "../builders/cross-pay.ts";
import { pauseLine, proposeLineChange, acceptLineChange, cancelLine } from "../builders/line-admin.ts";
import { acceptLine, proposeLine } from "../builders/line-open.ts";
import { STORAGE_PERIOD_BLOCKS } from "../parameters.ts";
import { SInt } from "@fleet-sdk/serializer";
import { bytesConstant, longConstant, longsConstant } from "../registers.ts";
import { DORMANT_BLOCKS, LINE_ERGO_TREE } from "../scripts.ts";
import { addLong, idOf, outById, rewriteTx, setLong } from "../testing/line-attack.ts";
import { gatewayIn, Network, TEST_TERMS } from "../testing/network-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { rentSuccessor, storageFeeNanoErg, takeByRent } from "../testing/rent.ts";
import {
  appendFunded, communityOut, edit, expectAccepted, expectRejected, expectScriptRefuses, output, rebalance, setRegister, type Tx,
} from "../testing/tx-edit.ts";
import { agreed, type Member, type World } from "../testing/world.ts";

/** Room for the large credits an attacker would aim at (the test policy caps balances at 500). */
const POLICY = testPolicy({ positiveCap: 1_000_000n, creditLimit: 1_000_000n });

function net(names = ["A", "B"]) {
  const n = new Network(names, { members: ["alice", "bob", "mallory"], policy: POLICY });
  const mallory = n.world.member("mallory-wallet");
  return { n, w: n.world, mallory };
}

/** An open line A-B with the test terms (two shards, caps 10,000 each way, i.e. 5,000 per shard). */
function openAB() {
  const s = net();
  const lineId = s.n.openLine("A", "B");
  return { ...s, lineId, A: s.n.c("A"), B: s.n.c("B") };
}

/** alice@A pays bob@B `amount` A-units over shard `shard`. */
function payAB(s: ReturnType<typeof openAB>, amount: bigint, shard = 0): Tx {
  return crossPay(
    { payer: s.A.account("alice@A").box, payments: [{ payee: s.B.account("bob@B").box, amountUnits: amount, hops: [s.n.hop(s.lineId, "A", shard)] }] },
    { height: s.w.height },
  );
}

/** The output ids of the two gateways of a hop. */
const gatewayIds = (s: ReturnType<typeof openAB>, shard = 0) => ({
  a: idOf(s.n.gateway(s.lineId, 0, shard).box),
  b: idOf(s.n.gateway(s.lineId, 1, shard).box),
});

describe("the books of a cross payment", () => {
  it("refuses a payee paid one unit less than the rate, the unit kept as B's fee (twin: the builder's payment)", () => {
    const s = openAB();
    const tx = payAB(s, 100n);
    expectAccepted(s.w, tx, [s.A.member("alice@A")]);
    const ids = gatewayIds(s);
    const bob = s.B.account("bob@B").accountId;
    const short = edit(tx, (d) => {
      addLong(outById(d, bob), "R5", -1n);
      addLong(outById(d, ids.b), "R5", 1n); // B's books still sum: the unit stays in B's gateway...
      addLong(outById(d, ids.b), "R6", 1n); // ...as fees held
    });
    expectScriptRefuses(s.w, short, [s.A.member("alice@A")]);
  });

  it("refuses a payee paid one unit less than the rate, B's position one unit less deep (twin: the builder's payment)", () => {
    const s = openAB();
    const tx = payAB(s, 100n);
    const ids = gatewayIds(s);
    const bob = s.B.account("bob@B").accountId;
    const short = edit(tx, (d) => {
      addLong(outById(d, bob), "R5", -1n);
      addLong(outById(d, ids.b), "R5", 1n);
    });
    expectScriptRefuses(s.w, short, [s.A.member("alice@A")]);
  });

  it("refuses a payer debited one unit less (A's fee short by one) (twin: the builder's payment)", () => {
    const s = openAB();
    const tx = payAB(s, 100n);
    const ids = gatewayIds(s);
    const alice = s.A.account("alice@A").accountId;
    const cheap = edit(tx, (d) => {
      addLong(outById(d, alice), "R5", 1n);
      addLong(outById(d, ids.a), "R5", -1n);
      addLong(outById(d, ids.a), "R6", -1n);
    });
    expectScriptRefuses(s.w, cheap, [s.A.member("alice@A")]);
  });

  it("refuses a payment nobody in A signed (twin: alice signs)", () => {
    const s = openAB();
    const tx = payAB(s, 100n);
    expectAccepted(s.w, tx, [s.A.member("alice@A")]);
    expectRejected(s.w, tx, [s.mallory]);
  });

  it("refuses B's leg without A's: the payee credited from B's gateway alone (twin: both legs)", () => {
    const s = openAB();
    const tx = payAB(s, 100n);
    const ids = gatewayIds(s);
    const aIn = s.n.gateway(s.lineId, 0, 0).box.boxId;
    const alice = s.A.account("alice@A");
    const oneLeg = edit(tx, (d) => {
      d.inputs = d.inputs.filter((i) => i.boxId !== aIn && i.boxId !== alice.boxId);
      d.outputs = d.outputs.filter((o) => o !== outById(d, ids.a) && o !== outById(d, alice.accountId));
      rebalance(d, d.outputs[d.outputs.length - 1]!.ergoTree);
    });
    const verdict = s.w.judge(oneLeg, [s.mallory]);
    expect(agreed(verdict)).toBe(false);
  });

  it("refuses the gateways of shard 0 with the line of another pair (line A-C as data input) (twin: the right line)", () => {
    const s = net(["A", "B", "C"]);
    const ab = s.n.openLine("A", "B");
    const ac = s.n.openLine("A", "C");
    const tx = crossPay(
      { payer: s.n.c("A").account("alice@A").box, payments: [{ payee: s.n.c("B").account("bob@B").box, amountUnits: 100n, hops: [s.n.hop(ab, "A")] }] },
      { height: s.w.height },
    );
    expectAccepted(s.w, tx, [s.n.c("A").member("alice@A")]);
    const wrongLine = edit(tx, (d) => {
      d.dataInputs = [s.n.lineBox(ac)];
    });
    const verdict = s.w.judge(wrongLine, [s.n.c("A").member("alice@A")]);
    expect(agreed(verdict)).toBe(false);
  });

  it("refuses a gateway of line A-C as the partner of a gateway of line A-B (twin: the builder's payment A-C)", () => {
    const s = net(["A", "B", "C"]);
    const ab = s.n.openLine("A", "B");
    const ac = s.n.openLine("A", "C");
    const alice = s.n.c("A").account("alice@A");
    const tx = crossPay(
      { payer: alice.box, payments: [{ payee: s.n.c("C").account("bob@C").box, amountUnits: 100n, hops: [s.n.hop(ac, "A")] }] },
      { height: s.w.height },
    );
    expectAccepted(s.w, tx, [s.n.c("A").member("alice@A")]);
    // Swap A's sending gateway of A-C for A's gateway of A-B (same balances): C's gateway is not its partner.
    const abA = s.n.gateway(ab, 0, 0).box as Box<string>;
    const acA = s.n.gateway(ac, 0, 0).box;
    const crossed = edit(tx, (d) => {
      const i = d.inputs.findIndex((x) => x.boxId === acA.boxId);
      d.inputs[i] = { ...abA, extension: {} };
      const out = outById(d, idOf(acA));
      setRegister(out, "R7", abA.additionalRegisters.R7!);
      d.dataInputs.push(s.n.lineBox(ab));
    });
    const verdict = s.w.judge(crossed, [s.n.c("A").member("alice@A")]);
    expect(agreed(verdict)).toBe(false);
  });
});

describe("the exposure cap", () => {
  it("refuses a payment that takes B's shard one unit past capA / shards (twin: exactly at the cap)", () => {
    const s = openAB();
    // capA 10,000 over 2 shards: B's gateway may fall to -5,000. 3,334 A-units convert to 5,001.
    const atCap = payAB(s, 3_333n); // converts to 4,999
    expectAccepted(s.w, atCap, [s.A.member("alice@A")]);
    const ids = gatewayIds(s);
    const bob = s.B.account("bob@B").accountId;
    const alice = s.A.account("alice@A").accountId;
    // 3,334 A-units: floor(3,334 x 3/2) = 5,001 B-units, B's fee ceil(5,001 x 0.5%) = 26, A's fee 34.
    const past = edit(atCap, (d) => {
      setLong(outById(d, alice), "R5", -(3_334n + 34n));
      setLong(outById(d, ids.a), "R5", 3_334n + 34n);
      setLong(outById(d, ids.a), "R6", 34n);
      setLong(outById(d, ids.b), "R5", -5_001n + 26n);
      setLong(outById(d, ids.b), "R6", 26n);
      setLong(outById(d, bob), "R5", 5_001n - 26n);
    });
    expectScriptRefuses(s.w, past, [s.A.member("alice@A")]);
  });
});

describe("pause", () => {
  it("refuses a payment into a paused B, and lets B pay out (twin: the same payment before the pause)", () => {
    const s = openAB();
    const tx = payAB(s, 100n);
    expectAccepted(s.w, tx, [s.A.member("alice@A")]);
    const pause = pauseLine({ line: s.n.lineBox(s.lineId), community: s.B.communityBox(), paused: true }, { height: s.w.height, wallet: s.w.wallet(s.B.committee) });
    s.w.submit(pause, [s.B.committee]);
    const stale = edit(tx, (d) => {
      d.dataInputs = [s.n.lineBox(s.lineId)];
    });
    expectScriptRefuses(s.w, stale, [s.A.member("alice@A")]);
    const out = crossPay(
      { payer: s.B.account("bob@B").box, payments: [{ payee: s.A.account("bob@A").box, amountUnits: 10n, hops: [s.n.hop(s.lineId, "B")] }] },
      { height: s.w.height },
    );
    expectAccepted(s.w, out, [s.B.member("bob@B")]);
  });
});

describe("dormant gateways (refresh)", () => {
  /** The line idle for dormantBlocks: both gateways of every shard are dormant. */
  function idleLine() {
    const s = openAB();
    s.w.mine(DORMANT_BLOCKS);
    return s;
  }

  const pair = (s: ReturnType<typeof openAB>) => [s.n.gateway(s.lineId, 0, 0).box, s.n.gateway(s.lineId, 1, 0).box];

  /** `boxes` (by default both gateways of shard 0) recreated unchanged by mallory's wallet, the line read. */
  function refreshAround(s: ReturnType<typeof openAB>, boxes = pair(s)): Tx {
    return rewriteTx(s.w, s.mallory, boxes, { data: [s.n.lineBox(s.lineId)] });
  }

  it("lets anyone refresh a dormant pair unchanged (the twin)", () => {
    const s = idleLine();
    expectAccepted(s.w, refreshAround(s), [s.mallory]);
  });

  it("refuses B's gateway refreshed alone: B's end needs A's end spent with it (twin: the pair)", () => {
    const s = idleLine();
    expectScriptRefuses(s.w, refreshAround(s, [s.n.gateway(s.lineId, 1, 0).box]), [s.mallory]);
  });

  it("refuses B's gateway drained while A's end takes its dormant path (twin: the pair unchanged)", () => {
    // A design with B's end trusting a dormant A's end would let B's gateway move freely here.
    const s = idleLine();
    const mallory = s.B.account("mallory@B");
    const tx = refreshAround(s, [...pair(s), mallory.box]);
    const gB = idOf(s.n.gateway(s.lineId, 1, 0).box);
    const drained = edit(tx, (d) => {
      setLong(outById(d, gB), "R5", -1_000n);
      setLong(outById(d, mallory.accountId), "R5", mallory.balance + 1_000n);
    });
    expectScriptRefuses(s.w, drained, [s.mallory]);
    const feesOnly = edit(tx, (d) => {
      addLong(outById(d, gB), "R5", -7n);
      addLong(outById(d, gB), "R6", -7n); // the position kept, fees held taken
      addLong(outById(d, mallory.accountId), "R5", 7n);
    });
    expectScriptRefuses(s.w, feesOnly, [s.mallory]);
  });

  it("refuses a cross payment whose A end is dormant: the dormant path moves nothing (twin: a refresh first, then the payment)", () => {
    const s = idleLine();
    const tx = payAB(s, 100n);
    expectScriptRefuses(s.w, tx, [s.A.member("alice@A")]);
    s.w.submit(rewriteTx(s.w, s.mallory, [s.n.gateway(s.lineId, 0, 0).box, s.n.gateway(s.lineId, 1, 0).box], { data: [s.n.lineBox(s.lineId)] }), [s.mallory]);
    expectAccepted(s.w, payAB(s, 100n), [s.A.member("alice@A")]);
  });
});

describe("storage rent on a line nobody touches", () => {
  /**
   * Found by this review (a hole in the first version 3): a line box held its storage fee plus one
   * nanoERG. Rent, after 1,051,200 untouched blocks, took the fee and left it below its fee;
   * 1,051,200 blocks later rent could take it whole, line token included, and whoever held the
   * token could write an open line around it on any terms (no script runs at creation): gateways
   * know their line by its token, so B's gateway paid 900,000 B-units for 1 A-unit. A CLOSED line
   * is a box nobody has a reason to touch. Fixed: line and gateway boxes hold more than
   * LINE_FLOOR_FEES (2) storage fees, so after two idle periods rent still has to recreate the
   * box; it would take three periods (twelve years) with nobody refreshing (anyone may refresh a
   * dormant line or shard after three years), and the indexer flags a rent spend of a line or a
   * gateway (docs/inter-lets.md, "Storage rent").
   */
  it("keeps a closed line's token in its box after two idle storage periods (the floor is two fees)", () => {
    const s = openAB();
    const committee = (side: "A" | "B") => s.n.c(side).committee;
    const ctx = (m: Member) => ({ height: s.w.height, wallet: s.w.wallet(m) });
    s.w.submit(proposeLineChange({ line: s.n.lineBox(s.lineId), community: s.A.communityBox(), change: "close" }, ctx(committee("A"))), [committee("A")]);
    s.w.submit(acceptLineChange({ line: s.n.lineBox(s.lineId), community: s.B.communityBox() }, ctx(committee("B"))), [committee("B")]);
    expect(s.n.line(s.lineId).status).toBe("closed");
    for (let period = 1; period <= 2; period++) {
      s.w.mine(STORAGE_PERIOD_BLOCKS);
      const idle = s.n.lineBox(s.lineId);
      // Rent may not take the box whole: it holds more than its fee...
      expect(s.w.judgeRent(takeByRent(s.w, idle, s.mallory), []).ok).toBe(false);
      // ...only the fee, recreating the box with its script, token and registers.
      const kept = rentSuccessor(idle, s.w.height + 1);
      const collected = { value: (BigInt(idle.value) - BigInt(kept.value)).toString(), ergoTree: s.mallory.ergoTree, creationHeight: s.w.height + 1, assets: [], additionalRegisters: {} };
      s.w.rentSpend({ rent: [{ box: idle, outputIndex: 0 }], outputs: [kept, collected] }, []);
    }
    const left = s.n.lineBox(s.lineId);
    expect(left.assets[0]!.tokenId).toBe(s.lineId);
    expect(left.ergoTree).toBe(LINE_ERGO_TREE);
    expect(BigInt(left.value)).toBeGreaterThan(0n);
    // What is left is now at most its fee: a third idle period would free the token (the residual
    // the refresh path and the indexer's compromise flag are for).
    expect(BigInt(left.value)).toBeLessThanOrEqual(storageFeeNanoErg(left));
  });

  it("refuses the same payment while the line is closed and its box is live (twin of the hole above)", () => {
    const s = openAB();
    const committee = (side: "A" | "B") => s.n.c(side).committee;
    const ctx = (m: Member) => ({ height: s.w.height, wallet: s.w.wallet(m) });
    const tx = payAB(s, 100n);
    expectAccepted(s.w, tx, [s.A.member("alice@A")]);
    s.w.submit(proposeLineChange({ line: s.n.lineBox(s.lineId), community: s.A.communityBox(), change: "close" }, ctx(committee("A"))), [committee("A")]);
    s.w.submit(acceptLineChange({ line: s.n.lineBox(s.lineId), community: s.B.communityBox() }, ctx(committee("B"))), [committee("B")]);
    expectScriptRefuses(s.w, edit(tx, (d) => { d.dataInputs = [s.n.lineBox(s.lineId)]; }), [s.A.member("alice@A")]);
  });
});

/** Transaction context of `m`'s wallet at the tip. */
const ctxOf = (s: { w: World }, m: Member) => ({ height: s.w.height, wallet: s.w.wallet(m) });

describe("opening a line", () => {
  function proposal() {
    const s = net();
    const [A, B] = [s.n.c("A"), s.n.c("B")];
    const tx = proposeLine({ community: A.communityBox(), partnerCommunityId: B.communityId, terms: TEST_TERMS }, ctxOf(s, A.committee));
    return { ...s, A, B, tx };
  }

  it("refuses a line from A to A (twin: the builder's proposal to B)", () => {
    const { w, A, tx } = proposal();
    expectAccepted(w, tx, [A.committee]);
    const self = edit(tx, (d) => {
      const ids = bytesConstant(A.communityId + A.communityId + readHash(tx));
      setRegister(output(d, 1), "R4", ids);
    });
    expectScriptRefuses(w, self, [A.committee]);
  });

  it("refuses a proposal whose gateway of shard 1 is mallory's box (twin: the builder's proposal)", () => {
    const { w, A, tx, mallory } = proposal();
    const stolen = edit(tx, (d) => {
      output(d, 3).ergoTree = mallory.ergoTree;
    });
    expectScriptRefuses(w, stolen, [A.committee]);
  });

  it("refuses a proposal that lets one more seat out, to mallory (twin: the builder's proposal)", () => {
    const { w, A, tx, mallory } = proposal();
    const extra = edit(tx, (d) => {
      const community = communityOut(d);
      community.assets[0]!.amount = (BigInt(community.assets[0]!.amount) - 1n).toString();
      appendFunded(d, { value: "0", ergoTree: mallory.ergoTree, creationHeight: d.outputs[0]!.creationHeight, assets: [{ tokenId: A.communityId, amount: "1" }], additionalRegisters: {} });
    });
    expectScriptRefuses(w, extra, [A.committee]);
  });

  it("refuses a proposal signed by someone other than A's committee (twin: A's committee)", () => {
    const { w, A, B, mallory } = proposal();
    const tx = proposeLine({ community: A.communityBox(), partnerCommunityId: B.communityId, terms: TEST_TERMS }, ctxOf({ w }, mallory));
    expectRejected(w, tx, [mallory]);
  });

  it("refuses an acceptance not signed by B's committee (twin: B's committee accepts)", () => {
    const { w, A, B, tx, mallory } = proposal();
    w.submit(tx, [A.committee]);
    const lineId = tx.inputs[0]!.boxId;
    const line = [...w.utxos.values()].find((b) => b.assets[0]?.tokenId === lineId)!;
    const accept = acceptLine({ community: B.communityBox(), line, gatewayA: gatewayIn(w, lineId).box }, ctxOf({ w }, B.committee));
    expectAccepted(w, accept, [B.committee]);
    const byMallory = acceptLine({ community: B.communityBox(), line, gatewayA: gatewayIn(w, lineId).box }, ctxOf({ w }, mallory));
    expectRejected(w, byMallory, [mallory]);
  });

  it("refuses an acceptance with B's community box only read, not spent, and no gateways for B (twin: B's box spent)", () => {
    const { w, A, B, tx } = proposal();
    w.submit(tx, [A.committee]);
    const lineId = tx.inputs[0]!.boxId;
    const line = [...w.utxos.values()].find((b) => b.assets[0]?.tokenId === lineId)!;
    const accept = acceptLine({ community: B.communityBox(), line, gatewayA: gatewayIn(w, lineId).box }, ctxOf({ w }, B.committee));
    const readOnly = edit(accept, (d) => {
      const community = d.inputs.shift()!;
      d.dataInputs.push(w.box(community.boxId));
      d.outputs.splice(2, Number(TEST_TERMS.shards)); // B's gateways
      d.outputs.shift(); // B's successor (B's box is not spent)
      rebalance(d, B.committee.ergoTree);
    });
    expectScriptRefuses(w, readOnly, [B.committee]);
  });

  it("refuses a cancel signed by B's committee (twin: A's committee cancels)", () => {
    const { w, A, B, tx } = proposal();
    w.submit(tx, [A.committee]);
    const line = [...w.utxos.values()].find((b) => b.assets[0]?.tokenId === tx.inputs[0]!.boxId)!;
    expectAccepted(w, cancelLine({ line, community: A.communityBox() }, ctxOf({ w }, A.committee)), [A.committee]);
    const byB = cancelLine({ line, community: A.communityBox() }, ctxOf({ w }, B.committee));
    expectRejected(w, edit(byB, (d) => { d.dataInputs.push(B.communityBox()); }), [B.committee]);
  });
});

/** The tree hash (last 32 bytes of R4) of the line a proposal creates. */
function readHash(tx: Tx): string {
  const r4 = output(tx, 1).additionalRegisters.R4!;
  return r4.slice(r4.length - 64);
}

describe("changing an open line", () => {
  it("refuses A's committee pausing B's side (twin: A pauses A)", () => {
    const s = openAB();
    const tx = pauseLine({ line: s.n.lineBox(s.lineId), community: s.A.communityBox(), paused: true }, ctxOf(s, s.A.committee));
    expectAccepted(s.w, tx, [s.A.committee]);
    const other = edit(tx, (d) => {
      setRegister(d.outputs.find((o) => o.ergoTree === LINE_ERGO_TREE)!, "R6", longsConstant([1n, 0n, 1n]));
    });
    expectRejected(s.w, other, [s.A.committee]);
  });

  it("refuses a proposal that changes the number of shards (twin: a proposal of a lower fee)", () => {
    const s = openAB();
    const tx = proposeLineChange({ line: s.n.lineBox(s.lineId), community: s.A.communityBox(), change: { terms: { ...TEST_TERMS, feeA: 50n } } }, ctxOf(s, s.A.committee));
    expectAccepted(s.w, tx, [s.A.committee]);
    const shards = edit(tx, (d) => {
      setRegister(d.outputs.find((o) => o.ergoTree === LINE_ERGO_TREE)!, "R7", longsConstant([0n, 0n, 3n, 2n, 10_000n, 10_000n, 50n, 50n, 3n]));
    });
    expectScriptRefuses(s.w, shards, [s.A.committee]);
  });

  it("refuses A accepting its own proposal (twin: B accepts it)", () => {
    const s = openAB();
    s.w.submit(proposeLineChange({ line: s.n.lineBox(s.lineId), community: s.A.communityBox(), change: { terms: { ...TEST_TERMS, capA: 1_000_000n } } }, ctxOf(s, s.A.committee)), [s.A.committee]);
    const byB = acceptLineChange({ line: s.n.lineBox(s.lineId), community: s.B.communityBox() }, ctxOf(s, s.B.committee));
    expectAccepted(s.w, byB, [s.B.committee]);
    const byA = acceptLineChange({ line: s.n.lineBox(s.lineId), community: s.B.communityBox() }, ctxOf(s, s.A.committee));
    expectRejected(s.w, edit(byA, (d) => { d.dataInputs = [s.A.communityBox()]; }), [s.A.committee]);
  });

  it("refuses a line successor with a junk R8 (a Long where the contract reads an Int) on both interpreters (twin: the builder's pause)", () => {
    const s = openAB();
    const tx = pauseLine({ line: s.n.lineBox(s.lineId), community: s.A.communityBox(), paused: true }, ctxOf(s, s.A.committee));
    expectAccepted(s.w, tx, [s.A.committee]);
    for (const junk of [longConstant(0n), SInt(0).toHex()]) {
      const r8 = edit(tx, (d) => { setRegister(d.outputs.find((o) => o.ergoTree === LINE_ERGO_TREE)!, "R8", junk); });
      expectRejected(s.w, r8, [s.A.committee]);
    }
  });

  /**
   * Found by this review (a liveness bug of the first version 3): the line named its signer by
   * trying the paths in order, and an emptied pending change matched A's path first, so B could
   * not withdraw its own proposal and A could erase B's. Fixed: an emptied pending change is
   * signed by the side that proposed it; a new one by the side it names.
   */
  it("lets B withdraw B's own proposal, written over A's (was a bug: the line asked for A's committee; twin: A withdraws A's)", () => {
    const s = openAB();
    const line = () => s.n.lineBox(s.lineId);
    s.w.submit(proposeLineChange({ line: line(), community: s.A.communityBox(), change: { terms: { ...TEST_TERMS, feeA: 1n } } }, ctxOf(s, s.A.committee)), [s.A.committee]);
    const aWithdraws = proposeLineChange({ line: line(), community: s.A.communityBox(), change: null }, ctxOf(s, s.A.committee));
    expectAccepted(s.w, aWithdraws, [s.A.committee]);
    s.w.submit(proposeLineChange({ line: line(), community: s.B.communityBox(), change: { terms: { ...TEST_TERMS, feeB: 1n } } }, ctxOf(s, s.B.committee)), [s.B.committee]);
    const bWithdraws = proposeLineChange({ line: line(), community: s.B.communityBox(), change: null }, ctxOf(s, s.B.committee));
    expectAccepted(s.w, bWithdraws, [s.B.committee]);
  });
});

describe("arithmetic and odd routes", () => {
  it("refuses a sender's fees held written as Long.MIN (the position overflows) on both interpreters (twin: the builder's payment)", () => {
    const s = openAB();
    const tx = payAB(s, 100n);
    expectAccepted(s.w, tx, [s.A.member("alice@A")]);
    const ids = gatewayIds(s);
    for (const [id, name, value] of [[ids.a, "R6", -(1n << 63n)], [ids.b, "R6", (1n << 63n) - 1n], [ids.a, "R5", (1n << 63n) - 1n]] as const) {
      const overflow = edit(tx, (d) => { setLong(outById(d, id), name, value); });
      expectRejected(s.w, overflow, [s.A.member("alice@A")]);
    }
  });

  it("refuses a gateway successor with a junk R8 (Int or Long) on both interpreters (twin: the builder's payment)", () => {
    const s = openAB();
    const tx = payAB(s, 100n);
    const ids = gatewayIds(s);
    for (const id of [ids.a, ids.b]) {
      for (const junk of [longConstant(0n), SInt(0).toHex()]) {
        expectRejected(s.w, edit(tx, (d) => { setRegister(outById(d, id), "R8", junk); }), [s.A.member("alice@A")]);
      }
    }
  });

  it("accepts two hops that loop back (A to B over shard 0, B to A over shard 1): the payer only pays both fees", () => {
    const s = openAB();
    const tx = crossPay(
      { payer: s.A.account("alice@A").box, payments: [{ payee: s.A.account("bob@A").box, amountUnits: 1_000n, hops: [s.n.hop(s.lineId, "A", 0), s.n.hop(s.lineId, "B", 1)] }] },
      { height: s.w.height },
    );
    s.w.submit(tx, [s.A.member("alice@A")]);
    const [alice, bob] = [s.A.account("alice@A").balance, s.A.account("bob@A").balance];
    expect(-alice).toBeGreaterThan(bob);
    expect(s.A.conservation()).toBe(0n);
    expect(s.B.conservation()).toBe(0n);
    // Per shard, D = tA x rateNum + tB x rateDen never falls below 0.
    for (const shard of [0, 1]) {
      const [a, b] = [s.n.gateway(s.lineId, 0, shard), s.n.gateway(s.lineId, 1, shard)];
      expect(a.position * TEST_TERMS.rateNum + b.position * TEST_TERMS.rateDen).toBeGreaterThanOrEqual(0n);
    }
  });

  it("the builder refuses one gateway pair for both directions of a loop (twin: two shards, accepted by both)", () => {
    const s = openAB();
    const twoShards = crossPay(
      { payer: s.A.account("alice@A").box, payments: [{ payee: s.A.account("bob@A").box, amountUnits: 1_000n, hops: [s.n.hop(s.lineId, "A", 0), s.n.hop(s.lineId, "B", 1)] }] },
      { height: s.w.height },
    );
    expectAccepted(s.w, twoShards, [s.A.member("alice@A")]);
    expect(() => crossPay(
      { payer: s.A.account("alice@A").box, payments: [{ payee: s.A.account("bob@A").box, amountUnits: 1_000n, hops: [s.n.hop(s.lineId, "A", 0), s.n.hop(s.lineId, "B", 0)] }] },
      { height: s.w.height },
    )).toThrow(/one payment per transaction/);
  });
});

describe("an escaped unit of B and the line's committee lookup", () => {
  /**
   * ESCALATION of a known compromise (docs/contracts.md, "What the contracts cannot do"): a unit
   * freed by storage rent (nobody closed bob@B's dormant account) is enough to forge a box with
   * the genuine community tree, B's token and mallory's key in R5. The line finds B's committee by
   * token and tree hash alone (`committee`), so mallory now acts as B's committee on every line of
   * B: here she agrees to A's proposal raising capA (A's allowed deficit to B) 100-fold; she could
   * as well pause B, or propose terms. Before lines, an escaped unit minted units inside B; now it
   * also binds B towards other communities. No contract can tell the forged box from the live
   * one (same tree, same token; no script runs at creation), so the answer is the one for escaped
   * units: none may escape (dormant close), and the indexer and the committees treat a second box
   * with B's token and the community tree as a compromise of every line of B. What it cannot do is
   * hurt A: a change needs A's own proposal or A's committee's acceptance, and a pause stops only
   * payments into B. Kept as a documented limit (docs/inter-lets.md, "What the contracts cannot do").
   */
  it.fails("refuses a change of terms agreed through a forged community box of B (ESCALATION; twin: B's committee agrees)", () => {
    const s = openAB();
    s.w.submit(proposeLineChange({ line: s.n.lineBox(s.lineId), community: s.A.communityBox(), change: { terms: { ...TEST_TERMS, capA: 1_000_000n } } }, ctxOf(s, s.A.committee)), [s.A.committee]);
    s.w.mine(STORAGE_PERIOD_BLOCKS);
    const twin = acceptLineChange({ line: s.n.lineBox(s.lineId), community: s.B.communityBox() }, ctxOf(s, s.B.committee));
    expectAccepted(s.w, twin, [s.B.committee]);
    const unit = s.w.rentSpend(takeByRent(s.w, s.B.account("bob@B").box as Box<string>, s.mallory), []).outputs[0] as Box<string>;
    const genuine = s.B.communityBox();
    const fake = new OutputBuilder(3_000_000_000n, genuine.ergoTree)
      .addTokens({ tokenId: s.B.communityId, amount: 1n })
      .setAdditionalRegisters({ ...genuine.additionalRegisters, R5: s.mallory.owner } as Record<string, string>)
      .setCreationHeight(s.w.height);
    const wallet = s.w.wallet(s.mallory).utxos.filter((b) => b.assets.length === 0);
    const forged = s.w.submit(
      new TransactionBuilder(s.w.height).from([unit, ...wallet], { ensureInclusion: true }).to(fake).sendChangeTo(s.mallory.address).payFee(RECOMMENDED_MIN_FEE_VALUE).build().toEIP12Object(),
      [s.mallory],
    ).outputs[0] as Box<string>;
    const agreed = edit(acceptLineChange({ line: s.n.lineBox(s.lineId), community: s.B.communityBox() }, ctxOf(s, s.mallory)), (d) => {
      d.dataInputs = [forged];
    });
    expectRejected(s.w, agreed, [s.mallory]);
  });
});
