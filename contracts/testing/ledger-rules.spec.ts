/**
 * The two ledger rules the harness adds to mock-chain's verdict (ledger-rules.ts): the node's box
 * size limit and its monotonic creation height. Each is shown skipped by mock-chain alone, refused
 * by `World.judge` for both interpreters, and its twin (one byte smaller, one block later) accepted.
 * Plain wallet transactions, so that no contract has a say. txInputsUnique: duplicate-inputs.spec.ts.
 */
import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { execute } from "@fleet-sdk/mock-chain";
import { serializeBox, SigmaByteWriter } from "@fleet-sdk/serializer";
import { describe, expect, it } from "vitest";
import { bytesConstant } from "../registers.ts";
import { sigmaStateContext } from "./ergo-lib.ts";
import { MAX_BOX_BYTES, mockChainLedgerRefusal, outputBytes } from "./ledger-rules.ts";
import { edit, expectAccepted } from "./tx-edit.ts";
import { World, type Member } from "./world.ts";

/** alice sends herself 0.01 ERG in a box whose R4 holds `padding` bytes, change and fee as usual. */
function padded(world: World, alice: Member, padding: number): EIP12UnsignedTransaction {
  const out = new OutputBuilder(10_000_000n, alice.address).setAdditionalRegisters({ R4: bytesConstant("00".repeat(padding)) });
  return new TransactionBuilder(world.height).from(world.wallet(alice).utxos).to(out).payFee(1_100_000n).sendChangeTo(alice.address).build().toEIP12Object();
}

/** The transaction whose first output is exactly `bytes` long. */
function ofSize(world: World, alice: Member, bytes: number): EIP12UnsignedTransaction {
  const base = padded(world, alice, 0);
  const fixed = outputBytes(base.outputs, 0) - 1; // everything but R4's one-byte length prefix and content
  for (let n = bytes - fixed - 3; n <= bytes - fixed; n++) {
    const tx = padded(world, alice, n);
    if (outputBytes(tx.outputs, 0) === bytes) return tx;
  }
  throw new Error(`no padding gives ${bytes} bytes`);
}

/** Whether mock-chain alone (no harness) accepts `tx` at the next block. */
const mockAlone = (world: World, tx: EIP12UnsignedTransaction, signer: Member): boolean =>
  execute(tx, [signer.party.key], { context: sigmaStateContext(world.height + 1) }).success;

describe("the box size limit (txBoxSize) in the harness", () => {
  it("refuses an output of 4,097 bytes for both interpreters, though mock-chain alone accepts it", () => {
    const world = new World();
    const alice = world.member("alice");
    const tx = ofSize(world, alice, MAX_BOX_BYTES + 1);
    expect(mockAlone(world, tx, alice)).toBe(true);
    const verdict = world.judge(tx, [alice]);
    expect(verdict.mock).toEqual({ ok: false, reason: `txBoxSize: output 0 is ${MAX_BOX_BYTES + 1} bytes, at most ${MAX_BOX_BYTES}` });
    expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "validate", reason: expect.stringMatching(/Output box size 4097 > maximum 4096/) });
    expect(() => world.submit(tx, [alice])).toThrow(/4097/);
  });

  it("twin: accepts an output of exactly 4,096 bytes", () => {
    const world = new World();
    const alice = world.member("alice");
    const tx = ofSize(world, alice, MAX_BOX_BYTES);
    expect(mockChainLedgerRefusal(tx)).toBeUndefined();
    expectAccepted(world, tx, [alice]);
    const [box] = world.submit(tx, [alice]).outputs;
    expect(serializeBox(box!, new SigmaByteWriter(2 * MAX_BOX_BYTES)).toBytes().length).toBe(MAX_BOX_BYTES); // the box as created
  });
});

describe("the monotonic creation height (txMonotonicHeight) in the harness", () => {
  /** alice's wallet box created 10 blocks ago, and a payment to herself from it. */
  function walletBoxTen() {
    const world = new World();
    const alice = world.member("alice");
    const created = world.height;
    world.mine(10);
    const tx = padded(world, alice, 0);
    expect(tx.inputs.map((input) => input.creationHeight)).toEqual([created]);
    const dated = (height: number) => edit(tx, (d) => (d.outputs[0]!.creationHeight = height));
    return { world, alice, created, dated };
  }

  it("refuses an output dated one block before its input for both interpreters, though mock-chain alone accepts it", () => {
    const { world, alice, created, dated } = walletBoxTen();
    const tx = dated(created - 1);
    expect(mockAlone(world, tx, alice)).toBe(true);
    const verdict = world.judge(tx, [alice]);
    expect(verdict.mock).toEqual({ ok: false, reason: `txMonotonicHeight: output 0 is dated ${created - 1}, below the newest input's creation height ${created}` });
    expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "validate", reason: expect.stringMatching(/Creation height .* input box max height/) });
  });

  it("twin: accepts an output dated at its input's creation height", () => {
    const { world, alice, created, dated } = walletBoxTen();
    expectAccepted(world, dated(created), [alice]);
  });
});
