/**
 * Property: a random mutation of a valid cross payment (one hop either way, two hops, a cross and a
 * local payment together) is rejected by both interpreters. Mutations touch the members of the
 * transaction (accounts and gateways): one balance or fees-held moved, units moved between two
 * members of one community (the sum kept: only the rate and fee rules can catch it), a gateway's
 * bound, id, script, value, creation height, an extra register, the line left out. ERG stays
 * balanced and the payer's own key signs, so a rejection comes from a LETS rule.
 * LETS_LINE_MUTATION_RUNS sets the number of runs (default 300, about 40 ms each).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { crossPay, type CrossPayment } from "../builders/cross-pay.ts";
import { longConstant, longsConstant, readBytes, readLong } from "../registers.ts";
import { ACCOUNT_ERGO_TREE, GATEWAY_B_ERGO_TREE, GATEWAY_ERGO_TREE, MAX_AGE_BLOCKS } from "../scripts.ts";
import { Network } from "../testing/network-fixture.ts";
import { cloneTx, lowerValue, register, setRegister, valueOf, type Output, type Tx } from "../testing/tx-edit.ts";
import { agreed, type Member } from "../testing/world.ts";

const RUNS = Number(process.env.LETS_LINE_MUTATION_RUNS ?? 300);
const SEED = 0x11ae5eed;

interface Base {
  name: string;
  tx: Tx;
  signers: Member[];
}

const isGateway = (o: Output) => o.ergoTree === GATEWAY_ERGO_TREE || o.ergoTree === GATEWAY_B_ERGO_TREE;
const isMember = (o: Output) => isGateway(o) || o.ergoTree === ACCOUNT_ERGO_TREE;
const unitOf = (o: Output) => o.assets[0]?.tokenId;

function buildBases(): { n: Network; bases: Base[] } {
  const n = new Network(["A", "B", "C"], { members: ["alice", "bob", "carol"] });
  const ab = n.openLine("A", "B");
  const bc = n.openLine("B", "C");
  const [A, B, C] = [n.c("A"), n.c("B"), n.c("C")];
  const h = () => ({ height: n.world.height });
  const payer = (f: typeof A, name: string) => ({ box: f.account(name).box, signers: [f.member(name)] });
  const bases: Base[] = [];
  const add = (name: string, p: ReturnType<typeof payer>, payments: CrossPayment[]) =>
    bases.push({ name, tx: crossPay({ payer: p.box, payments }, h()), signers: p.signers });
  add("A to B", payer(A, "alice@A"), [{ payee: B.account("bob@B").box, amountUnits: 40n, hops: [n.hop(ab, "A", 0)] }]);
  add("B to A", payer(B, "alice@B"), [{ payee: A.account("bob@A").box, amountUnits: 30n, hops: [n.hop(ab, "B", 1)] }]);
  add("A to C in two hops", payer(A, "carol@A"), [{ payee: C.account("bob@C").box, amountUnits: 25n, hops: [n.hop(ab, "A", 1), n.hop(bc, "B", 0)] }]);
  add("C to B and a local payment", payer(C, "alice@C"), [
    { payee: B.account("carol@B").box, amountUnits: 20n, hops: [n.hop(bc, "C", 1)] },
    { payee: C.account("carol@C").box, amountUnits: 5n, hops: [] },
  ]);
  return { n, bases };
}

type Mutation = (tx: Tx, d: { int(min: number, max: number): number }) => string;

/** Index of a random member output, or of a random gateway output. */
const pick = (tx: Tx, d: { int(min: number, max: number): number }, which: (o: Output) => boolean): number => {
  const indices = tx.outputs.flatMap((o, i) => (which(o) ? [i] : []));
  return indices[d.int(0, indices.length - 1)]!;
};
const delta = (d: { int(min: number, max: number): number }) => BigInt(d.int(1, 50)) * (d.int(0, 1) === 0 ? 1n : -1n);
const shiftLong = (o: Output, name: "R5" | "R6", by: bigint) => setRegister(o, name, longConstant(readLong(name, register(o, name)) + by));

const MUTATIONS: Record<string, Mutation> = {
  "one balance moved": (tx, d) => {
    const i = pick(tx, d, isMember);
    shiftLong(tx.outputs[i]!, "R5", delta(d));
    return `output ${i}`;
  },
  "units moved between two members of one community (sum kept)": (tx, d) => {
    const i = pick(tx, d, isGateway);
    const partners = tx.outputs.flatMap((o, j) => (j !== i && isMember(o) && unitOf(o) === unitOf(tx.outputs[i]!) ? [j] : []));
    const j = partners[d.int(0, partners.length - 1)]!;
    const by = delta(d);
    shiftLong(tx.outputs[i]!, "R5", by);
    shiftLong(tx.outputs[j]!, "R5", -by);
    return `outputs ${i} and ${j} by ${by}`;
  },
  "fees held moved": (tx, d) => {
    const i = pick(tx, d, isGateway);
    shiftLong(tx.outputs[i]!, "R6", delta(d));
    return `output ${i}`;
  },
  "fees held and balance moved together": (tx, d) => {
    // A fee changed and its units taken from (or given to) another member of the community: the
    // books stay balanced. Not the payer: paying a sender more than its fee is the payer's right
    // (the contract asks for at least the fee; the payer signs).
    const i = pick(tx, d, isGateway);
    const by = delta(d);
    const o = tx.outputs[i]!;
    shiftLong(o, "R6", by);
    shiftLong(o, "R5", by);
    const payee = tx.outputs.findIndex((p, j) => j !== i && j !== 0 && isMember(p) && unitOf(p) === unitOf(o));
    if (payee < 0) {
      shiftLong(o, "R5", -by); // no other member of that community here: the fee alone moves
      return `output ${i} fees alone by ${by}`;
    }
    shiftLong(tx.outputs[payee]!, "R5", -by);
    return `output ${i} and member ${payee} by ${by}`;
  },
  "gateway bound changed": (tx, d) => {
    const i = pick(tx, d, isGateway);
    setRegister(tx.outputs[i]!, "R4", longsConstant([BigInt(d.int(1, 1_000_000))]));
    return `output ${i}`;
  },
  "gateway id changed": (tx, d) => {
    const i = pick(tx, d, isGateway);
    const id = readBytes("R7", register(tx.outputs[i]!, "R7"));
    const at = d.int(0, id.length / 2 - 1) * 2;
    const flipped = ((parseInt(id.slice(at, at + 2), 16) + d.int(1, 255)) % 256).toString(16).padStart(2, "0");
    setRegister(tx.outputs[i]!, "R7", `0e22${id.slice(0, at)}${flipped}${id.slice(at + 2)}`);
    return `output ${i} byte ${at / 2}`;
  },
  "gateway script swapped": (tx, d) => {
    const i = pick(tx, d, isGateway);
    const o = tx.outputs[i]!;
    o.ergoTree = o.ergoTree === GATEWAY_ERGO_TREE ? GATEWAY_B_ERGO_TREE : GATEWAY_ERGO_TREE;
    return `output ${i}`;
  },
  "gateway ERG lowered": (tx, d) => {
    const i = pick(tx, d, isGateway);
    lowerValue(tx, i, valueOf(tx.outputs[i]!) - BigInt(d.int(1, 1_000_000)));
    return `output ${i}`;
  },
  "gateway back-dated": (tx, d) => {
    const i = pick(tx, d, isGateway);
    tx.outputs[i]!.creationHeight -= MAX_AGE_BLOCKS + d.int(2, 5_000);
    return `output ${i}`;
  },
  "gateway given an R8": (tx, d) => {
    const i = pick(tx, d, isGateway);
    setRegister(tx.outputs[i]!, "R8", longConstant(BigInt(d.int(0, 9))));
    return `output ${i}`;
  },
  "a line left out": (tx, d) => {
    tx.dataInputs.splice(d.int(0, tx.dataInputs.length - 1), 1);
    return `data inputs ${tx.dataInputs.length}`;
  },
};

describe("random mutations of valid cross payments, on both interpreters", () => {
  let world: Network["world"];
  let bases: Base[];

  beforeAll(() => {
    const built = buildBases();
    world = built.n.world;
    bases = built.bases;
  });

  it("every base is accepted as built (the twins)", () => {
    for (const base of bases) {
      const verdict = world.judge(base.tx, base.signers);
      expect(agreed(verdict), `${base.name}: ${verdict.ergoLib.ok ? "" : verdict.ergoLib.reason}`).toBe(true);
    }
  });

  it(`rejects every mutation (${RUNS} runs)`, () => {
    const names = Object.keys(MUTATIONS);
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bases.length - 1 }), fc.integer({ min: 0, max: names.length - 1 }), fc.gen(), (b, m, g) => {
        const base = bases[b]!;
        const name = names[m]!;
        const tx = cloneTx(base.tx);
        const where = MUTATIONS[name]!(tx, { int: (min, max) => g(fc.integer, { min, max }) });
        const verdict = world.judge(tx, base.signers);
        seen.set(name, (seen.get(name) ?? 0) + 1);
        expect(agreed(verdict), `${base.name}, ${name} (${where}) was accepted`).toBe(false);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (RUNS >= 100) expect([...seen.keys()].sort()).toEqual([...names].sort());
  });
});
