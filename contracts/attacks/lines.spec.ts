/**
 * Attacks on trade lines (docs/inter-lets.md, "Attacks and why they fail"): each is a valid
 * transaction made by the builders, edited, and refused by both interpreters, next to its positive
 * twin (the valid transaction, or the same edit by the right party) accepted by both.
 */
import type { Amount, Box } from "@fleet-sdk/common";
import { describe, expect, it } from "vitest";
import type { Account } from "../account/account.ts";
import { crossPay } from "../builders/cross-pay.ts";
import { acceptLineChange, cancelLine, pauseLine, proposeLineChange } from "../builders/line-admin.ts";
import { acceptLine, proposeLine } from "../builders/line-open.ts";
import { decodeGateway, lineRegisters, type Gateway, type LineTerms, type Side } from "../line/line.ts";
import { bytesConstant, longConstant } from "../registers.ts";
import { LINE_ERGO_TREE } from "../scripts.ts";
import { Network, TEST_TERMS } from "../testing/network-fixture.ts";
import { testPolicy } from "../testing/policy.ts";
import { accountOut, appendFunded, edit, expectAccepted, rebalance, type Output, type Tx } from "../testing/tx-edit.ts";
import { agreed, type Member, type World } from "../testing/world.ts";

/** Room for payments of a few hundred units: credit floor 1,000, cap 5,000. */
const POLICY = testPolicy({ creditLimit: 1_000n, positiveCap: 5_000n });

/** ceil(amount × bps / 10,000), written here independently of line.ts. */
const fee = (amount: bigint, bps: bigint): bigint => (amount * bps + 9_999n) / 10_000n;

/** Both interpreters refuse `tx` at signing: a script (or a missing signature), not a ledger rule. */
function expectRefused(world: World, tx: Tx, signers: Member[]): void {
  const verdict = world.judge(tx, signers);
  expect(agreed(verdict), "expected both interpreters to refuse").toBe(false);
  expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "sign" });
}

function setup(names = ["A", "B"], terms: LineTerms = TEST_TERMS) {
  const n = new Network(names, { members: ["alice", "bob", "carol"], policy: POLICY });
  const ab = n.openLine("A", "B", terms);
  // Pays the miner fee of cross payments, so the payer's ERG is untouched and legs can be dropped.
  const outsider = n.world.member("outsider");
  return { n, w: n.world, ab, outsider };
}
type Setup = ReturnType<typeof setup>;

/** One network for the attacks that only judge (they submit nothing), built once: A, B, C and the line AB. */
let sharedSetup: Setup | undefined;
const shared = (): Setup => (sharedSetup ??= setup(["A", "B", "C"]));

const account = (n: Network, member: string): Account => n.c(member.split("@")[1]!).account(member);
const member = (n: Network, name: string): Member => n.c(name.split("@")[1]!).member(name);

/** The amounts of a one-hop payment: what each of the four boxes gains or loses. */
interface Legs {
  /** The payer's debit: sent + senderFee for an honest payer. */
  debit: bigint;
  /** The sender gateway's trade position rises by `sent`, its fees by `senderFee`. */
  sent: bigint;
  senderFee: bigint;
  /** The receiver gateway's trade position falls by `converted`, its fees rise by `receiverFee`. */
  converted: bigint;
  receiverFee: bigint;
  /** The payee's credit: converted - receiverFee for an honest payment. */
  credit: bigint;
}

/** The honest legs of `sent` units crossing `terms` from side `from`. */
function honest(terms: LineTerms, from: Side, sent: bigint): Legs {
  const [num, den] = from === 0 ? [terms.rateNum, terms.rateDen] : [terms.rateDen, terms.rateNum];
  const senderFee = fee(sent, from === 0 ? terms.feeA : terms.feeB);
  const converted = (sent * num) / den;
  const receiverFee = fee(converted, from === 0 ? terms.feeB : terms.feeA);
  return { debit: sent + senderFee, sent, senderFee, converted, receiverFee, credit: converted - receiverFee };
}

/** A one-hop payment as the builder made it, with the boxes it spends. */
interface OneHop {
  tx: Tx;
  payer: Account;
  payee: Account;
  sender: Gateway;
  receiver: Gateway;
  signers: Member[];
  legs: Legs;
}

/** `payer` pays `payee` `amount` across the line AB through `shard`; the outsider pays the miner fee. */
function oneHop(s: Setup, payerName: string, payeeName: string, amount: bigint, shard = 0, lineId = s.ab): OneHop {
  const { n } = s;
  const payer = account(n, payerName);
  const payee = account(n, payeeName);
  const hop = n.hop(lineId, payerName.split("@")[1]!, shard);
  const tx = crossPay(
    { payer: payer.box, payments: [{ payee: payee.box, amountUnits: amount, hops: [hop] }] },
    { height: s.w.height, wallet: s.w.wallet(s.outsider) },
  );
  const sender = decoded(hop.from);
  const receiver = decoded(hop.to);
  return { tx, payer, payee, sender, receiver, signers: [member(n, payerName), s.outsider], legs: honest(n.line(lineId).terms, sender.side, amount) };
}

function decoded(box: Box<Amount>): Gateway {
  const d = decodeGateway(box);
  if (!d.ok) throw new Error(d.reason);
  return d.value;
}

/** The output of gateway `g` (found by its id, whatever its script or token). */
function gatewayOut(tx: Tx, g: Gateway): Output {
  const out = tx.outputs.find((o) => o.additionalRegisters.R7 === bytesConstant(g.gatewayId));
  if (!out) throw new Error(`no output for gateway ${g.gatewayId}`);
  return out;
}

/** `p`'s transaction with the four boxes' amounts set to `legs`. */
function withLegs(p: OneHop, legs: Legs): Tx {
  return edit(p.tx, (d) => {
    accountOut(d, p.payer.accountId).additionalRegisters.R5 = longConstant(p.payer.balance - legs.debit);
    accountOut(d, p.payee.accountId).additionalRegisters.R5 = longConstant(p.payee.balance + legs.credit);
    const sender = gatewayOut(d, p.sender);
    sender.additionalRegisters.R5 = longConstant(p.sender.balance + legs.sent + legs.senderFee);
    sender.additionalRegisters.R6 = longConstant(p.sender.feesHeld + legs.senderFee);
    const receiver = gatewayOut(d, p.receiver);
    receiver.additionalRegisters.R5 = longConstant(p.receiver.balance - legs.converted + legs.receiverFee);
    receiver.additionalRegisters.R6 = longConstant(p.receiver.feesHeld + legs.receiverFee);
  });
}

/** Removes the input and the output of the box `boxId` (output found by `find`): same ERG in and out. */
function dropBox(d: Tx, boxId: string, out: Output): void {
  d.inputs.splice(d.inputs.findIndex((i) => i.boxId === boxId), 1);
  d.outputs.splice(d.outputs.indexOf(out), 1);
}

/** A copy of `box` holding one unit of `tokenId` instead of its own token: same script, registers, value. */
function lookAlike(w: World, box: Box<Amount>, tokenId: string): Box<string> {
  return w.addBox({
    ergoTree: box.ergoTree,
    value: BigInt(box.value),
    creationHeight: box.creationHeight,
    assets: [{ tokenId, amount: 1n }],
    additionalRegisters: box.additionalRegisters,
  });
}

/** Replaces the input `original` by `fake` and gives its output `fake`'s token. */
function swapIn(d: Tx, original: Box<Amount>, fake: Box<string>, out: Output): void {
  const i = d.inputs.findIndex((input) => input.boxId === original.boxId);
  d.inputs[i] = { ...fake, extension: d.inputs[i]!.extension };
  out.assets = fake.assets.map((t) => ({ tokenId: t.tokenId, amount: t.amount }));
}

/** Adds `acct`'s box to `d` with its balance moved by `delta` (the owner's activity marked when it falls). */
function slipIn(d: Tx, acct: Account, delta: bigint, height: number): void {
  d.inputs.push({ ...(acct.box as Box<string>), extension: {} });
  const registers = { ...acct.box.additionalRegisters, R5: longConstant(acct.balance + delta) };
  if (delta <= 0n) registers.R8 = longConstant(BigInt(height));
  const out: Output = {
    ergoTree: acct.box.ergoTree,
    value: acct.box.value.toString(),
    creationHeight: height,
    assets: acct.box.assets.map((t) => ({ tokenId: t.tokenId, amount: t.amount.toString() })),
    additionalRegisters: registers,
  };
  d.outputs.splice(d.outputs.length - 2, 0, out);
}

describe("the leg editor", () => {
  it("reproduces the builder's transaction from the honest legs (both directions)", () => {
    const s = shared();
    for (const p of [oneHop(s, "alice@A", "bob@B", 50n), oneHop(s, "bob@B", "alice@A", 40n, 1)]) {
      expect(withLegs(p, p.legs)).toEqual(p.tx);
      expectAccepted(s.w, p.tx, p.signers);
    }
  });
});

describe("only one leg present", () => {
  it("refuses the payer's leg alone, B's leg alone, or both legs without the line (twin: both legs and the line)", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 50n);
    expectAccepted(s.w, p.tx, p.signers);
    // A's leg: alice pays A's gateway as if it were a member; B's gateway and bob are not there.
    const aOnly = edit(p.tx, (d) => {
      dropBox(d, p.receiver.boxId, gatewayOut(d, p.receiver));
      dropBox(d, p.payee.boxId, accountOut(d, p.payee.accountId));
    });
    expectRefused(s.w, aOnly, p.signers);
    // B's leg: B's gateway credits bob with no payer in A (nobody needs to sign a credit).
    const bOnly = edit(p.tx, (d) => {
      dropBox(d, p.sender.boxId, gatewayOut(d, p.sender));
      dropBox(d, p.payer.boxId, accountOut(d, p.payer.accountId));
    });
    expectRefused(s.w, bOnly, [s.outsider]);
    // Both legs, no line to read.
    expectRefused(s.w, edit(p.tx, (d) => (d.dataInputs = [])), p.signers);
  });

  it("refuses a local payment into a gateway (twin: the same payment to a member)", () => {
    const s = shared();
    const local = crossPay(
      { payer: account(s.n, "alice@A").box, payments: [{ payee: account(s.n, "bob@A").box, amountUnits: 10n, hops: [] }] },
      { height: s.w.height, wallet: s.w.wallet(s.outsider) },
    );
    expectAccepted(s.w, local, [member(s.n, "alice@A"), s.outsider]);
    const p = oneHop(s, "alice@A", "bob@B", 50n);
    // alice -10, A's gateway +10 as a payee; B's side untouched.
    const intoGateway = edit(p.tx, (d) => {
      dropBox(d, p.receiver.boxId, gatewayOut(d, p.receiver));
      dropBox(d, p.payee.boxId, accountOut(d, p.payee.accountId));
      accountOut(d, p.payer.accountId).additionalRegisters.R5 = longConstant(-10n);
      gatewayOut(d, p.sender).additionalRegisters.R5 = longConstant(10n);
      gatewayOut(d, p.sender).additionalRegisters.R6 = longConstant(0n);
    });
    expectRefused(s.w, intoGateway, p.signers);
  });
});

describe("leg amounts that break the rate or the rounding rule", () => {
  it("refuses the payee one unit above floor(x × rate), or one below (twin: exactly the floor)", () => {
    const s = shared();
    // 33 A-units: 49.5 B-units, floor 49.
    const p = oneHop(s, "alice@A", "bob@B", 33n);
    expect(p.legs.converted).toBe(49n);
    expectAccepted(s.w, p.tx, p.signers);
    const rounded = { ...p.legs, converted: 50n, credit: 50n - fee(50n, TEST_TERMS.feeB) };
    expectRefused(s.w, withLegs(p, rounded), p.signers);
    expectRefused(s.w, withLegs(p, { ...p.legs, converted: p.legs.converted + 1n, credit: p.legs.credit + 1n }), p.signers);
    expectRefused(s.w, withLegs(p, { ...p.legs, converted: p.legs.converted - 1n, credit: p.legs.credit - 1n }), p.signers);
  });

  it("refuses another rate: the payee paid at 2/1 or 1/1 instead of 3/2 (twin: 3/2)", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 40n);
    expectAccepted(s.w, p.tx, p.signers);
    for (const converted of [80n, 40n]) {
      expectRefused(s.w, withLegs(p, { ...p.legs, converted, credit: converted - fee(converted, TEST_TERMS.feeB) }), p.signers);
    }
  });

  it("refuses a payer paying less than what crossed (twin: the whole amount)", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 40n);
    // The gateway's position rises by 40 but alice pays 30: A's books would not sum.
    expectRefused(s.w, withLegs(p, { ...p.legs, debit: 30n + p.legs.senderFee }), p.signers);
  });
});

describe("exposure cap exceeded", () => {
  it("refuses B's position one past capA / shards (twin: the builder's payment at the cap)", () => {
    // capA 102 over two shards: B's gateways each go down to -51 B-units at most.
    const s = setup(["A", "B"], { ...TEST_TERMS, capA: 102n });
    const p = oneHop(s, "alice@A", "bob@B", 34n);
    expect(p.legs.converted).toBe(51n);
    expectAccepted(s.w, p.tx, p.signers);
    // 35 A-units at the same rate and fees: floor(52.5) = 52, one past the cap.
    const past = honest(TEST_TERMS, 0, 35n);
    expect(past.converted).toBe(52n);
    expectRefused(s.w, withLegs(p, past), p.signers);
  });

  it("refuses A's position past capB / shards on a payment from B (twin: at the cap)", () => {
    // capB 40 over two shards: A's gateways each go down to -20 A-units. capA stays large.
    const s = setup(["A", "B"], { ...TEST_TERMS, capB: 40n });
    const p = oneHop(s, "bob@B", "alice@A", 30n);
    expect(p.legs.converted).toBe(20n);
    expectAccepted(s.w, p.tx, p.signers);
    const past = honest(TEST_TERMS, 1, 33n);
    expect(past.converted).toBe(22n);
    expectRefused(s.w, withLegs(p, past), p.signers);
  });
});

describe("a paused line", () => {
  it("refuses a payment into B built before B paused, read with the live (paused) line; a payment out of B goes on", () => {
    const s = setup();
    const p = oneHop(s, "alice@A", "bob@B", 20n);
    const out = oneHop(s, "bob@B", "alice@A", 20n, 1);
    expectAccepted(s.w, p.tx, p.signers);
    const B = s.n.c("B");
    s.w.submit(pauseLine({ line: s.n.lineBox(s.ab), community: B.communityBox(), paused: true }, { height: s.w.height, wallet: s.w.wallet(B.committee) }), [B.committee]);
    const paused = s.n.lineBox(s.ab);
    expect(s.n.line(s.ab).pausedB).toBe(true);
    expectRefused(s.w, edit(p.tx, (d) => (d.dataInputs = [{ ...paused }])), p.signers);
    expectAccepted(s.w, edit(out.tx, (d) => (d.dataInputs = [{ ...paused }])), out.signers);
  });
});

describe("a line box or gateway forged outside the opt-in", () => {
  it("refuses a look-alike of B's gateway holding a fake token as A's partner (twin: B's genuine gateway)", () => {
    const s = shared();
    // bob@B pays alice@A: A's gateway pays out. The forger replaces B's gateway and bob by
    // boxes with the same scripts and registers holding a token of its own.
    const p = oneHop(s, "bob@B", "alice@A", 40n);
    expectAccepted(s.w, p.tx, p.signers);
    const fakeToken = "fa".repeat(32);
    const fakeGateway = lookAlike(s.w, p.sender.box, fakeToken);
    const fakePayer = lookAlike(s.w, p.payer.box, fakeToken);
    const forged = edit(p.tx, (d) => {
      swapIn(d, p.sender.box, fakeGateway, gatewayOut(d, p.sender));
      swapIn(d, p.payer.box, fakePayer, accountOut(d, p.payer.accountId));
    });
    expectRefused(s.w, forged, p.signers);
  });

  it("refuses a look-alike of A's gateway holding a fake token as B's partner (twin: A's genuine gateway)", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 40n);
    expectAccepted(s.w, p.tx, p.signers);
    const fakeToken = "fb".repeat(32);
    const forged = edit(p.tx, (d) => {
      swapIn(d, p.sender.box, lookAlike(s.w, p.sender.box, fakeToken), gatewayOut(d, p.sender));
      swapIn(d, p.payer.box, lookAlike(s.w, p.payer.box, fakeToken), accountOut(d, p.payer.accountId));
    });
    expectRefused(s.w, forged, p.signers);
  });

  it("refuses a line look-alike (line script, fake token, generous terms) as the data input (twin: the genuine line)", () => {
    const s = setup(["A", "B"], { ...TEST_TERMS, capA: 20n });
    const p = oneHop(s, "alice@A", "bob@B", 6n);
    expectAccepted(s.w, p.tx, p.signers);
    const line = s.n.line(s.ab);
    const generous = { ...line.terms, rateNum: 50n, rateDen: 1n, capA: 1_000_000n };
    const fake = s.w.addBox({
      ergoTree: LINE_ERGO_TREE,
      value: BigInt(line.box.value),
      assets: [{ tokenId: "fc".repeat(32), amount: 1n }],
      additionalRegisters: lineRegisters({ ...line, terms: generous }),
    });
    const legs = honest(generous, 0, 6n);
    expectRefused(s.w, edit(withLegs(p, legs), (d) => (d.dataInputs = [{ ...fake }])), p.signers);
    expectRefused(s.w, edit(withLegs(p, legs), (d) => (d.dataInputs = [{ ...fake }, ...d.dataInputs])), p.signers);
  });

  // Found by these tests (a hole in the first version 3): the propose path checked that OUTPUTS(1)
  // holds exactly (SELF.id, 1) but not how much of the new token was minted, so A's committee
  // could mint a second (lineId, 1) into a box of its own with any registers; the gateways find
  // "the line" as the data input holding the line token, so a payment reading that box got its
  // rate and caps (50/1 and no cap: 300 B-units for 6 A-units, where B agreed to 3/2 and at most
  // 10 per shard). Fixed: the propose path requires exactly one output to hold the token.
  it("refuses a propose that mints a second line token into a box of A's committee (twin: the builder's propose)", () => {
    const n = new Network(["A", "B"], { members: ["alice", "bob"], policy: POLICY });
    const w = n.world;
    const A = n.c("A");
    const terms = { ...TEST_TERMS, capA: 20n };
    const propose = proposeLine({ community: A.communityBox(), partnerCommunityId: n.c("B").communityId, terms }, { height: w.height, wallet: w.wallet(A.committee) });
    expectAccepted(w, propose, [A.committee]);
    const lineId = propose.inputs[0]!.boxId;
    const generous = { ...terms, rateNum: 50n, rateDen: 1n, capA: 1_000_000_000n };
    const overMinted = edit(propose, (d) => {
      const forged: Output = {
        ergoTree: A.committee.ergoTree,
        value: "0",
        creationHeight: w.height,
        assets: [{ tokenId: lineId, amount: "1" }],
        additionalRegisters: lineRegisters({
          communityA: A.communityId, communityB: n.c("B").communityId, communityTreeHash: "00".repeat(32),
          terms: generous, status: "open", pausedA: false, pausedB: false, pending: null,
        }),
      };
      appendFunded(d, forged);
    });
    expectRefused(w, overMinted, [A.committee]);
  });
});

describe("a line opened or changed by one committee", () => {
  it("refuses an accept signed by A's committee alone (twin: B's committee signs)", () => {
    const n = new Network(["A", "B"], { members: ["alice"], policy: POLICY });
    const lineId = n.propose("A", "B");
    const A = n.c("A"), B = n.c("B");
    // A's committee pays for B's gateways and tries to open the line by itself.
    const tx = acceptLine({ community: B.communityBox(), line: n.lineBox(lineId), gatewayA: n.gateway(lineId, 0).box }, { height: n.world.height, wallet: n.world.wallet(A.committee) });
    expectAccepted(n.world, tx, [A.committee, B.committee]);
    expectRefused(n.world, tx, [A.committee]);
  });

  it("refuses opening the line without spending B's community box, B's box read as a data input (twin: spent)", () => {
    const n = new Network(["A", "B"], { members: ["alice"], policy: POLICY });
    const lineId = n.propose("A", "B");
    const B = n.c("B");
    const tx = acceptLine({ community: B.communityBox(), line: n.lineBox(lineId), gatewayA: n.gateway(lineId, 0).box }, { height: n.world.height, wallet: n.world.wallet(B.committee) });
    expectAccepted(n.world, tx, [B.committee]);
    // Only the line changes: no seats leave B, no gateways are made.
    const lineOnly = edit(tx, (d) => {
      const community = d.inputs.shift()!;
      d.dataInputs = [{ ...community }];
      d.outputs = d.outputs.filter((o) => o.ergoTree === LINE_ERGO_TREE || o.assets.length === 0);
      rebalance(d, B.committee.ergoTree);
    });
    expect(lineOnly.outputs.map((o) => o.ergoTree === LINE_ERGO_TREE)).toEqual([true, false, false]);
    expectRefused(n.world, lineOnly, [B.committee]);
  });

  it("refuses B accepting its own change, A pausing B's side, B cancelling A's proposal (twins: the right committee)", () => {
    const n = new Network(["A", "B"], { members: ["alice"], policy: POLICY });
    const w = n.world;
    const A = n.c("A"), B = n.c("B");
    const proposed = n.propose("A", "B");
    // Cancel: built for A, then read with B's box and signed by B.
    const cancel = cancelLine({ line: n.lineBox(proposed), community: A.communityBox() }, { height: w.height, wallet: w.wallet(B.committee) });
    expectAccepted(w, cancel, [A.committee, B.committee]);
    expectRefused(w, edit(cancel, (d) => (d.dataInputs = [{ ...B.communityBox() }])), [B.committee]);

    n.accept("B", proposed);
    // Pause B's side: built for B, then read with A's box and signed by A.
    const pause = pauseLine({ line: n.lineBox(proposed), community: B.communityBox(), paused: true }, { height: w.height, wallet: w.wallet(A.committee) });
    expectAccepted(w, pause, [A.committee, B.committee]);
    expectRefused(w, edit(pause, (d) => (d.dataInputs = [{ ...A.communityBox() }])), [A.committee]);

    // B proposes new terms; accepting them is A's to do.
    const next = { ...TEST_TERMS, rateNum: 9n };
    w.submit(proposeLineChange({ line: n.lineBox(proposed), community: B.communityBox(), change: { terms: next } }, { height: w.height, wallet: w.wallet(B.committee) }), [B.committee]);
    const accept = acceptLineChange({ line: n.lineBox(proposed), community: A.communityBox() }, { height: w.height, wallet: w.wallet(B.committee) });
    expectAccepted(w, accept, [A.committee, B.committee]);
    expectRefused(w, edit(accept, (d) => (d.dataInputs = [{ ...B.communityBox() }])), [B.committee]);
  });

  it("refuses A's committee erasing B's pending proposal (twin: B withdraws it)", () => {
    const n = new Network(["A", "B"], { members: ["alice"], policy: POLICY });
    const w = n.world;
    const A = n.c("A"), B = n.c("B");
    const lineId = n.openLine("A", "B");
    w.submit(proposeLineChange({ line: n.lineBox(lineId), community: B.communityBox(), change: "close" }, { height: w.height, wallet: w.wallet(B.committee) }), [B.committee]);
    // B's withdrawal, paid from A's committee's wallet; then read with A's box and signed by A alone.
    const withdraw = proposeLineChange({ line: n.lineBox(lineId), community: B.communityBox(), change: null }, { height: w.height, wallet: w.wallet(A.committee) });
    expectAccepted(w, withdraw, [A.committee, B.committee]);
    expectRefused(w, edit(withdraw, (d) => (d.dataInputs = [{ ...A.communityBox() }])), [A.committee]);
  });
});

describe("a third community's accounts slipped in", () => {
  it("refuses crediting a C member from the A payer's debit, or debiting a C member for B's payee (twin: C's account re-spent unchanged by its owner)", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 50n);
    const carol = account(s.n, "carol@C");
    const carolSigns = [...p.signers, member(s.n, "carol@C")];
    const h = s.w.height;
    expectAccepted(s.w, edit(p.tx, (d) => slipIn(d, carol, 0n, h)), carolSigns);
    const creditC = edit(withLegs(p, { ...p.legs, debit: p.legs.debit + 5n }), (d) => slipIn(d, carol, 5n, h));
    expectRefused(s.w, creditC, p.signers);
    const debitC = edit(withLegs(p, { ...p.legs, credit: p.legs.credit + 5n }), (d) => slipIn(d, carol, -5n, h));
    expectRefused(s.w, debitC, carolSigns);
  });

  it("refuses a C member paid by B's gateway in place of B's payee (twin: B's payee)", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 50n);
    const carol = account(s.n, "carol@C");
    const h = s.w.height;
    expectAccepted(s.w, p.tx, p.signers);
    const toC = edit(p.tx, (d) => {
      dropBox(d, p.payee.boxId, accountOut(d, p.payee.accountId));
      slipIn(d, carol, p.legs.credit, h);
    });
    expectRefused(s.w, toC, p.signers);
  });
});

describe("an old line state replayed", () => {
  it("the contract reads the line given as data input: a payment built before a change of rate is refused with the live line; the old line box is spent, so a node refuses it as a data input", () => {
    const s = setup();
    const A = s.n.c("A"), B = s.n.c("B");
    const p = oneHop(s, "alice@A", "bob@B", 40n);
    expectAccepted(s.w, p.tx, p.signers);
    const old = p.tx.dataInputs[0]!.boxId;
    const next = { ...TEST_TERMS, rateNum: 1n, rateDen: 1n };
    s.w.submit(proposeLineChange({ line: s.n.lineBox(s.ab), community: A.communityBox(), change: { terms: next } }, { height: s.w.height, wallet: s.w.wallet(A.committee) }), [A.committee]);
    s.w.submit(acceptLineChange({ line: s.n.lineBox(s.ab), community: B.communityBox() }, { height: s.w.height, wallet: s.w.wallet(B.committee) }), [B.committee]);
    // The old state is no longer unspent, and a data input must be: the node's rule. The two
    // interpreters take the data input's content from the transaction and do not check it (nor
    // does World.submit, which checks only inputs), so they alone accept the replay.
    expect(s.w.utxos.has(old)).toBe(false);
    expectAccepted(s.w, p.tx, p.signers);
    const live = s.n.lineBox(s.ab);
    expect(live.boxId).not.toBe(old);
    expectRefused(s.w, edit(p.tx, (d) => (d.dataInputs = [{ ...live }])), p.signers);
    // Twin: the same payment at the live rate.
    const again = oneHop(s, "alice@A", "bob@B", 40n);
    expect(again.legs.converted).toBe(40n);
    expectAccepted(s.w, again.tx, again.signers);
  });
});

describe("the payer's and payee's communities swapped", () => {
  it("refuses B -> A paid at A's rate (3/2) instead of the inverse (twin: 2/3)", () => {
    const s = shared();
    const p = oneHop(s, "bob@B", "alice@A", 40n);
    expectAccepted(s.w, p.tx, p.signers);
    // What an A -> B payment of 40 would deliver: 60, not 26.
    const swapped = { ...p.legs, converted: 60n, receiverFee: fee(60n, TEST_TERMS.feeA), credit: 60n - fee(60n, TEST_TERMS.feeA) };
    expectRefused(s.w, withLegs(p, swapped), p.signers);
  });

  it("refuses B -> A checked against capA instead of capB (twin: within capB)", () => {
    // capB 10 (5 per shard) is A's limit; capA is large.
    const s = setup(["A", "B"], { ...TEST_TERMS, capB: 10n });
    const p = oneHop(s, "bob@B", "alice@A", 7n);
    expect(p.legs.converted).toBe(4n);
    expectAccepted(s.w, p.tx, p.signers);
    expectRefused(s.w, withLegs(p, honest(TEST_TERMS, 1, 30n)), p.signers);
  });

  it("refuses each community charging the other's fee (twin: the payer's community's fee on top, the payee's out of it)", () => {
    const s = shared();
    // 200 A-units: A's fee 1% = 2, B's 0.5% = 1; 300 B-units: B's fee 2, A's would be 3.
    const p = oneHop(s, "alice@A", "bob@B", 200n);
    expect([p.legs.senderFee, p.legs.receiverFee]).toEqual([2n, 2n]);
    expectAccepted(s.w, p.tx, p.signers);
    const swapped = { ...p.legs, senderFee: 1n, debit: 201n, receiverFee: 3n, credit: 297n };
    expectRefused(s.w, withLegs(p, swapped), p.signers);
  });

  it("refuses the credit landing in the payer's community (twin: in the payee's)", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 50n);
    expectAccepted(s.w, p.tx, p.signers);
    const bobA = account(s.n, "bob@A");
    const h = s.w.height;
    const home = edit(p.tx, (d) => {
      dropBox(d, p.payee.boxId, accountOut(d, p.payee.accountId));
      slipIn(d, bobA, p.legs.credit, h);
    });
    expectRefused(s.w, home, p.signers);
  });
});

describe("a fee taken twice or not at all", () => {
  it("refuses the receiver's fee left out or doubled (twin: exactly ceil(converted × feeB))", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 50n);
    expect(p.legs.receiverFee).toBe(1n);
    expectAccepted(s.w, p.tx, p.signers);
    expectRefused(s.w, withLegs(p, { ...p.legs, receiverFee: 0n, credit: p.legs.converted }), p.signers);
    expectRefused(s.w, withLegs(p, { ...p.legs, receiverFee: 2n, credit: p.legs.converted - 2n }), p.signers);
    // The fee counted in the gateway's balance but not in its fees held (or the other way).
    const hidden = edit(p.tx, (d) => (gatewayOut(d, p.receiver).additionalRegisters.R6 = longConstant(p.receiver.feesHeld)));
    expectRefused(s.w, hidden, p.signers);
  });

  it("refuses the sender's fee left out; a payer paying it twice is accepted (the sender's fee is at least the fee: the payer signs)", () => {
    const s = shared();
    const p = oneHop(s, "alice@A", "bob@B", 50n);
    expect(p.legs.senderFee).toBe(1n);
    expectRefused(s.w, withLegs(p, { ...p.legs, senderFee: 0n, debit: 50n }), p.signers);
    expectAccepted(s.w, withLegs(p, { ...p.legs, senderFee: 2n, debit: 52n }), p.signers);
    // A fee held that does not come from the payer: A's books would not sum.
    expectRefused(s.w, withLegs(p, { ...p.legs, senderFee: 2n }), p.signers);
  });

  it("refuses fees held falling, for units taken out of the gateway's fees (twin: fees kept)", () => {
    const s = setup();
    const first = oneHop(s, "alice@A", "bob@B", 50n);
    s.w.submit(first.tx, first.signers);
    const p = oneHop(s, "alice@A", "carol@B", 20n);
    expect(p.sender.feesHeld).toBe(1n);
    expectAccepted(s.w, p.tx, p.signers);
    // The sender's fees held drop by 1 while its balance is kept: the trade position would rise
    // by one unit more than alice paid for.
    const drained = edit(p.tx, (d) => {
      const out = gatewayOut(d, p.sender);
      out.additionalRegisters.R6 = longConstant(p.sender.feesHeld + p.legs.senderFee - 2n);
    });
    expectRefused(s.w, drained, p.signers);
  });
});
