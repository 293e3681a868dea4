import type { EIP12UnsignedTransaction } from "@fleet-sdk/common";
import { compile } from "@fleet-sdk/compiler";
import { Network, OutputBuilder, RECOMMENDED_MIN_FEE_VALUE, TransactionBuilder } from "@fleet-sdk/core";
import { BLOCKCHAIN_PARAMETERS, MockChain, type KeyedMockChainParty } from "@fleet-sdk/mock-chain";
import { ProverBuilder$ } from "sigmastate-js/main";
import { describe, expect, it } from "vitest";
import {
  burnedTokens,
  estimateCost,
  signAndValidate,
  sigmaStateContext,
  validateSigned,
} from "./ergo-lib.ts";
import { buildReferenceTransfer } from "./reference-transfer.ts";

const HEIGHT = 1_000;
const BOX_HEIGHT = 900;

type Keys = { alice: string; bob: string; carol: string };

/** A chain with alice, bob and carol and one 1-ERG box guarded by `script` (created at BOX_HEIGHT). */
function guardedBox(script: (pk: Keys) => string, tip = HEIGHT) {
  const chain = new MockChain({ height: tip });
  const alice = chain.newParty("alice");
  const bob = chain.newParty("bob");
  const carol = chain.newParty("carol");
  const pks = { alice: alice.address.encode(), bob: bob.address.encode(), carol: carol.address.encode() };
  const ergoTree = compile(script(pks)).toHex();
  const contract = chain.addParty(ergoTree, "contract").addUTxOs({
    ergoTree,
    value: 1_000_000_000n,
    creationHeight: BOX_HEIGHT,
    assets: [],
    additionalRegisters: {},
  });
  const tx = new TransactionBuilder(BOX_HEIGHT)
    .from(contract.utxos.toArray())
    .to(new OutputBuilder(500_000_000n, alice.address))
    .payFee(RECOMMENDED_MIN_FEE_VALUE)
    .sendChangeTo(bob.address)
    .build()
    .toEIP12Object();
  return { chain, alice, bob, carol, tx };
}

function secret(party: KeyedMockChainParty): Uint8Array {
  const key = party.key.privateKey;
  if (!key) throw new Error(`${party.name} has no private key`);
  return key;
}

/** sigmastate-js's own tx cost (init, inputs, outputs, tokens, scripts) read from EIP-19 bytes. */
function sigmastateReducedCost(tx: EIP12UnsignedTransaction, height: number): number {
  const prover = ProverBuilder$.create(BLOCKCHAIN_PARAMETERS, Network.Mainnet).build();
  const context = sigmaStateContext(height);
  const reduced = prover.reduce(context, tx, tx.inputs, tx.dataInputs, burnedTokens(tx), 0);
  const bytes = Buffer.from(reduced.toHex(), "hex");
  let start = bytes.length - 1; // the trailing VLQ `cost` field follows the last input's VLQ cost
  while (start > 0 && ((bytes[start - 1] ?? 0) & 0x80) !== 0) start--;
  return [...bytes.subarray(start)].reduce((sum, b, i) => sum + (b & 0x7f) * 2 ** (7 * i), 0);
}

describe("signAndValidate", () => {
  it("signs and validates the reference P2PK token transfer at about 330 bytes", () => {
    const { tx, secrets } = buildReferenceTransfer(HEIGHT);
    const result = signAndValidate(tx, { secrets, height: HEIGHT });
    if (!result.ok) throw new Error(`${result.stage}: ${result.reason}`);
    expect(result.bytes).toBeGreaterThanOrEqual(250);
    expect(result.bytes).toBeLessThanOrEqual(450);
    expect(result.bytes).toBe(329); // deterministic: the benchmark's reference row
    expect(result.signed.inputs[0]?.spendingProof?.proofBytes).toMatch(/^[0-9a-f]{112}$/);
  });

  it("rejects spending a box whose script is false", () => {
    const { alice, tx } = guardedBox(() => "sigmaProp(HEIGHT < 0)");
    const result = signAndValidate(tx, { secrets: [secret(alice)], height: HEIGHT });
    expect(result).toMatchObject({ ok: false, stage: "sign" });
    expect(!result.ok && result.reason).toMatch(/reduced to false/i);
  });

  it("rejects a transaction when the required signer's key is not supplied", () => {
    const { alice, bob, tx } = guardedBox((pk) => `PK("${pk.bob}")`);
    expect(signAndValidate(tx, { secrets: [secret(alice)], height: HEIGHT })).toMatchObject({
      ok: false,
      stage: "sign",
    });
    expect(signAndValidate(tx, { secrets: [secret(bob)], height: HEIGHT }).ok).toBe(true);
  });

  it.each([
    ["creates", 1n],
    ["destroys", -1n],
  ])("lets validate_tx reject a transaction that %s ERG (the signer does not check)", (_, delta) => {
    const { tx, secrets } = buildReferenceTransfer(HEIGHT);
    const change = tx.outputs[2];
    if (!change) throw new Error("reference transfer has no change output");
    change.value = (BigInt(change.value) + delta).toString();
    const result = signAndValidate(tx, { secrets, height: HEIGHT });
    expect(result).toMatchObject({ ok: false, stage: "validate" });
    expect(!result.ok && result.reason).toMatch(/ERG value not preserved/);
  });

  it("re-evaluates scripts in validate_tx: a transaction signed at HEIGHT 1000 fails at 999", () => {
    const { alice, tx } = guardedBox(() => "sigmaProp(HEIGHT >= 1000)");
    const signed = signAndValidate(tx, { secrets: [secret(alice)], height: HEIGHT });
    if (!signed.ok) throw new Error(`${signed.stage}: ${signed.reason}`);
    expect(validateSigned(signed.signed, tx, { height: HEIGHT }).ok).toBe(true);
    expect(validateSigned(signed.signed, tx, { height: HEIGHT - 1 })).toMatchObject({
      ok: false,
      stage: "validate",
    });
  });
});

describe("HEIGHT agrees between mock-chain and the ergo-lib harness", () => {
  // MockChain's `height` is the chain tip; the transaction goes into the next block.
  it("shows that mock-chain scripts see HEIGHT = chain height + 1", () => {
    const { chain, alice, tx } = guardedBox(() => "sigmaProp(HEIGHT == 1000)", 999);
    expect(chain.execute(tx, { signers: [alice], throw: false })).toBe(true);
  });

  it.each([
    [1000, true],
    [999, false],
  ])("sigmaProp(HEIGHT >= 1000) at HEIGHT %i passes: %s", (height, passes) => {
    const { chain, alice, tx } = guardedBox(() => "sigmaProp(HEIGHT >= 1000)", height - 1);
    const harness = signAndValidate(tx, { secrets: [secret(alice)], height });
    expect(harness.ok).toBe(passes);
    expect(chain.execute(tx, { signers: [alice], throw: false })).toBe(passes);
  });
});

describe("estimateCost", () => {
  it("counts the reference transfer as the node does", () => {
    const { tx } = buildReferenceTransfer(HEIGHT);
    const cost = estimateCost(tx, { height: HEIGHT });
    expect(cost).toEqual({
      base: 10_000 + 2_407 + 3 * 197,
      tokens: 100 * (1 + 1 + 1 + 1),
      scripts: [5],
      signatures: 398,
      total: 12_998 + 400 + 5 + 398,
    });
    expect(cost.total - cost.signatures).toBe(sigmastateReducedCost(tx, HEIGHT));
  });

  it("prices AND and 2-of-3 threshold propositions with the interpreter's crypto costs", () => {
    const and = guardedBox((pk) => `PK("${pk.alice}") && PK("${pk.bob}")`);
    expect(estimateCost(and.tx, { height: HEIGHT }).signatures).toBe(Math.floor((15 + 2 * 3980) / 10));
    const signers = [secret(and.alice), secret(and.bob)];
    expect(signAndValidate(and.tx, { secrets: signers, height: HEIGHT }).ok).toBe(true);

    const threshold = guardedBox(
      (pk) => `atLeast(2, Coll(PK("${pk.alice}"), PK("${pk.bob}"), PK("${pk.carol}")))`,
    );
    const cost = estimateCost(threshold.tx, { height: HEIGHT });
    expect(cost.signatures).toBe(Math.floor((15 + (10 + 10) + (3 + 3) * 3 + 3 * 3980) / 10));
    expect(cost.total - cost.signatures).toBe(sigmastateReducedCost(threshold.tx, HEIGHT));
  });

  it("evaluates scripts at opts.height, like the ergo-lib harness", () => {
    const script = (pk: Keys) => `sigmaProp(HEIGHT >= 1000) && PK("${pk.alice}")`;
    expect(estimateCost(guardedBox(script).tx, { height: 1000 }).signatures).toBe(398);
    expect(estimateCost(guardedBox(script).tx, { height: 999 }).signatures).toBe(0);
  });

  it("gives both interpreters the same last headers, newest first, below the pre-header", () => {
    const script = (pk: Keys) => `sigmaProp(
      CONTEXT.headers.size == 10 && CONTEXT.headers(0).height == HEIGHT - 1 &&
      CONTEXT.headers(9).height == HEIGHT - 10 &&
      CONTEXT.preHeader.parentId == CONTEXT.headers(0).id &&
      CONTEXT.headers(0).parentId == CONTEXT.headers(1).id) && PK("${pk.alice}")`;
    const { alice, tx } = guardedBox(script);
    expect(estimateCost(tx, { height: HEIGHT }).signatures).toBe(398);
    expect(signAndValidate(tx, { secrets: [secret(alice)], height: HEIGHT }).ok).toBe(true);
  });

  it("gives a false script its reduction cost and no signature cost", () => {
    const { tx } = guardedBox(() => "sigmaProp(HEIGHT < 0)");
    const cost = estimateCost(tx, { height: HEIGHT });
    expect(cost.signatures).toBe(0);
    expect(cost.scripts[0]).toBeGreaterThan(0);
  });
});
