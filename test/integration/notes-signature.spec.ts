/**
 * The signature covers the notes. A payment's memo and request id, and a profile, sit in the
 * context extension of the member's own account input, which no script reads: they are trusted
 * because an input's extension is part of the bytes every key of the transaction signs. Here a
 * member signs a payment with a memo (and a profile change); the same proofs are then put on
 * the same transaction with its notes changed, removed or moved, with the id recomputed so the
 * transaction is well formed. The devnet, which verifies as a node does (ergo-lib `validate_tx`),
 * must refuse every altered one and accept the untouched twin built the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EIP12UnsignedTransaction, SignedTransaction } from "@fleet-sdk/common";
import { hex } from "@fleet-sdk/crypto";
import { Transaction, UnsignedTransaction } from "ergo-lib-wasm-nodejs";
import { MEMO_VAR, paymentExtension, PROFILE_VAR, profileExtension, readNotes, REQUEST_VAR, type Account } from "../../contracts/index.ts";
import { TEST_POLICY } from "../../contracts/testing/policy.ts";
import { cloneTx } from "../../contracts/testing/tx-edit.ts";
import { devAccount } from "../../ergo/keys.ts";
import { parseJson, stringifyJson } from "../../ergo/json.ts";
import { signWithSecrets } from "../../ergo/signer.ts";
import type { NodeTransaction } from "../../ergo/types.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { LetsOverHttp, soleAccount, type KeyHolder, type Plan } from "../../client/lets-over-http.ts";

const [founder, alice, bob] = [devAccount(0), devAccount(1), devAccount(2)];
const MEMO = "2 loads of firewood";
const REQUEST = "5c1f0e8d2b3a49768f0e1d2c3b4a5968";

/** A transaction signed once: what was signed, and the proofs the key made for it. */
interface Signed {
  unsigned: EIP12UnsignedTransaction;
  signed: SignedTransaction;
  proofs: Uint8Array[];
}

/**
 * `unsigned` with `proofs` attached, as the node's JSON text: the id is recomputed from the
 * transaction's own bytes (ergo-lib `Transaction.from_unsigned_tx`), so the only thing that can be
 * wrong with it is whether the proofs verify.
 */
function withProofs(unsigned: EIP12UnsignedTransaction, proofs: Uint8Array[]): { id: string; text: string } {
  // from_unsigned_tx takes the parsed transaction over (and frees it).
  const tx = Transaction.from_unsigned_tx(UnsignedTransaction.from_json(stringifyJson(unsigned)), proofs);
  try {
    return { id: tx.id().to_str(), text: tx.to_json() };
  } finally {
    tx.free();
  }
}

/** The extension of the input spending `boxId`, replaced by what `change` makes of it. */
function alter(unsigned: EIP12UnsignedTransaction, boxId: string, change: (extension: Record<string, string>) => Record<string, string>): EIP12UnsignedTransaction {
  const draft = cloneTx(unsigned);
  const input = draft.inputs.find((i) => i.boxId === boxId);
  if (!input) throw new Error(`no input ${boxId}`);
  input.extension = change({ ...(input.extension as Record<string, string>) });
  return draft;
}

describe("the transaction signature covers the notes in a member's input", () => {
  let devnet: Devnet;
  let node: NodeClient;
  let lets: LetsOverHttp;
  let communityId = "";

  const account = async (holder: KeyHolder): Promise<Account> => soleAccount(await lets.community(communityId), holder);
  const mine = () => node.request<{ blocks: string[] }>("POST", "/devnet/mine", { blocks: 1 });
  const mempool = () => node.request<string[]>("GET", "/transactions/unconfirmed/transactionIds");

  /** Builds `plan` at the tip and signs it with `signer`'s key, without submitting. */
  async function sign(plan: Plan, signer: KeyHolder): Promise<Signed> {
    const tip = await lets.tip();
    try {
      const unsigned = plan(tip.height);
      const signed = signWithSecrets(unsigned, [signer.secretKey], tip.context);
      return { unsigned, signed, proofs: signed.inputs.map((i) => hex.decode(i.spendingProof?.proofBytes ?? "")) };
    } finally {
      tip.context.free();
    }
  }

  /** POSTs the JSON text to /transactions: the id the node accepted, or its refusal's detail. */
  async function submit(text: string): Promise<{ id?: string; refusal?: string }> {
    const response = await fetch(`${devnet.url}/transactions`, { method: "POST", headers: { "content-type": "application/json" }, body: text });
    const body = (await response.json()) as string | { error: number; detail: string };
    if (response.status === 200) return { id: body as string };
    expect(response.status).toBe(400);
    return { refusal: (body as { detail: string }).detail };
  }

  /**
   * Every altered version is refused because the signer's input (the one spending `signerBox`) no
   * longer verifies, and the mempool stays as it was.
   */
  async function expectAllRefused(altered: EIP12UnsignedTransaction[], { unsigned, proofs, signed }: Signed, signerBox: string): Promise<void> {
    const signerInput = unsigned.inputs.findIndex((i) => i.boxId === signerBox);
    const before = await mempool();
    for (const [i, unsigned] of altered.entries()) {
      const { id, text } = withProofs(unsigned, proofs);
      expect(id, `alteration ${i} changes the transaction id`).not.toBe(signed.id);
      const { refusal } = await submit(text);
      expect(refusal, `alteration ${i}`).toMatch(new RegExp(`^Transaction validation failed: Input ${signerInput} reduced to false during verification`));
    }
    expect(await mempool()).toEqual(before);
  }

  /** Reads back the notes of `boxId`'s input in the transaction a block holds. */
  async function minedNotes(txId: string, boxId: string) {
    const [block] = (await mine()).blocks;
    const { transactions } = await node.request<{ transactions: NodeTransaction[] }>("GET", `/blocks/${block}/transactions`);
    const tx = transactions.find((t) => t.id === txId);
    expect(tx, `block ${block} holds ${txId}`).toBeDefined();
    const input = tx!.inputs.find((i) => i.boxId === boxId)!;
    return readNotes(input.spendingProof.extension as Record<string, string>);
  }

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
    node = new NodeClient(devnet.url);
    lets = new LetsOverHttp(node);
    await node.request("POST", "/devnet/mine", { blocks: 2 });
    const metadata = { name: "Signed Notes", symbol: "SGN", description: "notes under signature", decimals: 2 };
    communityId = (await lets.createCommunity(founder, TEST_POLICY, metadata)).communityId;
    await mine();
    for (const member of [alice, bob]) await lets.join(communityId, member);
    await mine();
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("refuses a payment whose memo or request id was changed, removed or moved after signing; accepts the untouched one", async () => {
    const [payer, payee] = [await account(alice), await account(bob)];
    const plan = await lets.planPay(alice, payer, [{ account: payee, amountUnits: 25n }], { memo: MEMO, requestId: REQUEST });
    const signing = await sign(plan, alice);
    const { unsigned, signed, proofs } = signing;
    expect(unsigned.inputs.find((i) => i.boxId === payer.boxId)!.extension).toEqual(paymentExtension(MEMO, REQUEST));

    const otherMemo = paymentExtension("9 loads of firewood")[MEMO_VAR]!;
    const otherRequest = paymentExtension(undefined, "ffffffffffffffffffffffffffffffff")[REQUEST_VAR]!;
    await expectAllRefused(
      [
        alter(unsigned, payer.boxId, (e) => ({ ...e, [MEMO_VAR]: otherMemo })),
        alter(unsigned, payer.boxId, (e) => ({ ...e, [REQUEST_VAR]: otherRequest })),
        alter(unsigned, payer.boxId, ({ [REQUEST_VAR]: request }) => ({ [REQUEST_VAR]: request! })),
        alter(unsigned, payer.boxId, () => ({})),
        // The payee's input needs no signature, but its extension is signed by the payer all the same.
        alter(unsigned, payee.boxId, () => ({ [MEMO_VAR]: otherMemo })),
      ],
      signing,
      payer.boxId,
    );

    // Changing the JSON and keeping the signed id is refused as malformed: the id is the hash of the signed bytes.
    const keptId = parseJson(withProofs(unsigned, proofs).text) as { inputs: { boxId: string; spendingProof: { extension: Record<string, string> } }[] };
    keptId.inputs.find((i) => i.boxId === payer.boxId)!.spendingProof.extension[MEMO_VAR] = otherMemo;
    expect((await submit(stringifyJson(keptId))).refusal).toMatch(/Tx id parsed from JSON \w+ differs/);

    // The positive twin: the same proofs on the untouched transaction are exactly what was signed.
    const twin = withProofs(unsigned, proofs);
    expect(twin.id).toBe(signed.id);
    expect(await submit(twin.text)).toEqual({ id: signed.id });
    expect(await minedNotes(signed.id, payer.boxId)).toEqual({ memo: MEMO, requestId: REQUEST, problems: [] });
    expect((await account(alice)).balance).toBe(-25n);
  });

  it("refuses a profile change whose profile was rewritten after signing; accepts the untouched one", async () => {
    const member = await account(bob);
    const plan = await lets.planTopUp(bob, member, { profile: { name: "Bob", about: "fixes bikes" } });
    const signing = await sign(plan, bob);
    const { unsigned, signed, proofs } = signing;
    expect(unsigned.inputs.map((i) => i.boxId)).toEqual([member.boxId]);
    const rewritten = profileExtension({ name: "Bob", about: "fixes bikes", link: "https://evil.example" })[PROFILE_VAR]!;
    await expectAllRefused([alter(unsigned, member.boxId, () => ({ [PROFILE_VAR]: rewritten }))], signing, member.boxId);

    expect(await submit(withProofs(unsigned, proofs).text)).toEqual({ id: signed.id });
    expect(await minedNotes(signed.id, member.boxId)).toEqual({ profile: { name: "Bob", about: "fixes bikes" }, problems: [] });
    expect((await account(bob)).balance).toBe(25n);
  });
});
