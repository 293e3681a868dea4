import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { execute } from "@fleet-sdk/mock-chain";
import { ErgoBoxes, SecretKey, SecretKeys, UnsignedTransaction, validate_tx, Wallet } from "ergo-lib-wasm-nodejs";
import { describe, expect, it } from "vitest";
import { withOwned } from "../../ergo/wasm.ts";
import { pay } from "../builders/pay.ts";
import { ergoStateContext, sigmaStateContext, signAndValidate, validateSigned } from "./ergo-lib.ts";
import { Fixture } from "./community-fixture.ts";
import { edit, expectAccepted } from "./tx-edit.ts";
import type { Member } from "./world.ts";

const toJson = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** Alice pays Bob 5 units with the fee from her wallet, and a copy that lists her wallet box twice (ERG balanced). */
function payments(): { fixture: Fixture; alice: Member; twin: EIP12UnsignedTransaction; duplicated: EIP12UnsignedTransaction; boxId: string } {
  const fixture = new Fixture();
  const { world } = fixture;
  const alice = fixture.member("alice");
  const twin = pay(
    { payer: fixture.account("alice").box, payees: [{ account: fixture.account("bob").box, amountUnits: 5n }] },
    { height: world.height, wallet: world.wallet(alice) },
  );
  const walletBox = twin.inputs.find((input) => input.ergoTree === alice.ergoTree);
  if (!walletBox) throw new Error("the payment spends no wallet box");
  const duplicated = edit(twin, (draft) => {
    draft.inputs.push(structuredClone(walletBox));
    const change = draft.outputs.find((output) => output.ergoTree === alice.ergoTree);
    if (!change) throw new Error("the payment has no change output");
    change.value = (BigInt(change.value) + BigInt(walletBox.value)).toString();
  });
  return { fixture, alice, twin, duplicated, boxId: walletBox.boxId };
}

/** Signs and validates with ergo-lib alone, as signAndValidate did before the harness checked inputs. */
function rawErgoLib(tx: EIP12UnsignedTransaction, alice: Member, height: number): SignedTransaction {
  return withOwned((own) => {
    const keys = own(new SecretKeys());
    keys.add(own(SecretKey.dlog_from_bytes(alice.party.key.privateKey as Uint8Array)));
    const boxes = () => own(ErgoBoxes.from_boxes_json(JSON.parse(toJson(tx.inputs)) as unknown[]));
    const context = () => own(ergoStateContext(height));
    const unsigned = own(UnsignedTransaction.from_json(toJson(tx)));
    const signed = own(own(Wallet.from_secrets(keys)).sign_transaction(context(), unsigned, boxes(), own(ErgoBoxes.empty())));
    validate_tx(signed, context(), boxes(), own(ErgoBoxes.empty()));
    return signed.to_js_eip12() as SignedTransaction;
  });
}

describe("txInputsUnique in the harness", () => {
  it("shows that neither interpreter alone refuses a payment that lists a box twice", () => {
    const { fixture, alice, duplicated } = payments();
    const next = fixture.world.height + 1;
    const mock = execute(duplicated, [alice.party.key], { context: sigmaStateContext(next) });
    expect(mock.success).toBe(true);
    expect(() => rawErgoLib(duplicated, alice, next)).not.toThrow();
  });

  it("judges a payment that lists a box twice rejected by both, naming the rule and the box", () => {
    const { fixture, alice, duplicated, boxId } = payments();
    const verdict = fixture.world.judge(duplicated, [alice]);
    expect(verdict.mock).toEqual({ ok: false, reason: expect.stringContaining("txInputsUnique") });
    expect(verdict.ergoLib).toMatchObject({ ok: false, stage: "validate", reason: expect.stringContaining(boxId) });
    expect(() => fixture.world.submit(duplicated, [alice])).toThrow(/txInputsUnique/);
  });

  it("accepts the twin that lists the box once", () => {
    const { fixture, alice, twin } = payments();
    expectAccepted(fixture.world, twin, [alice]);
    expect(() => fixture.world.submit(twin, [alice])).not.toThrow();
  });

  it("makes signAndValidate and validateSigned refuse a box spent twice at the validate stage", () => {
    const { fixture, alice, duplicated, boxId } = payments();
    const height = fixture.world.height + 1;
    const secrets = [alice.party.key.privateKey as Uint8Array];
    const reason = `txInputsUnique: box ${boxId} is spent by inputs ${duplicated.inputs.length - 2} and ${duplicated.inputs.length - 1}`;
    expect(signAndValidate(duplicated, { secrets, height })).toEqual({ ok: false, stage: "validate", reason });
    const signed = rawErgoLib(duplicated, alice, height);
    expect(validateSigned(signed, duplicated, { height })).toEqual({ ok: false, stage: "validate", reason });
  });
});
