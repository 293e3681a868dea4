/**
 * `normalizeFromJson` (Fleet's serializer on the submitted JSON) must give exactly what
 * `normalizeWithErgoLib` gives whenever it answers, and must step aside when it cannot prove that.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Transaction } from "ergo-lib-wasm-nodejs";
import { TEST_METADATA, TEST_POLICY } from "../contracts/testing/community-fixture.ts";
import { createCommunity, join, leave, ownerFromPublicKey, pay, decodeAccount } from "../contracts/index.ts";
import { devAccount } from "../ergo/keys.ts";
import { Chain } from "./chain.ts";
import { parseJson, stringifyJson } from "../ergo/json.ts";
import { signWithDevAccounts } from "../ergo/signer.ts";
import { normalizeFromJson, normalizeWithErgoLib } from "./normalize.ts";

function both(input: unknown) {
  const tx = Transaction.from_json(stringifyJson(input));
  try {
    return { fast: normalizeFromJson(input, tx.id().to_str()), exact: normalizeWithErgoLib(tx) };
  } finally {
    tx.free();
  }
}

/** A chain with a community of three, for transactions of every LETS shape. */
function letsTransactions(): unknown[] {
  const chain = new Chain();
  const signed: unknown[] = [];
  const wallet = (i: number) => ({
    utxos: [...chain.ledger.utxo.values()].filter((b) => b.ergoTree === devAccount(i).ergoTree),
    changeAddress: devAccount(i).address,
  });
  const submit = (tx: Parameters<typeof signWithDevAccounts>[0], signer: number) => {
    const s = signWithDevAccounts(tx, [signer], chain.nextBlockContext());
    signed.push(s);
    chain.submit(s);
    chain.mine();
  };
  const owner = (i: number) => ownerFromPublicKey(devAccount(i).publicKey);
  const create = createCommunity({ policy: TEST_POLICY, metadata: TEST_METADATA, committee: owner(0) }, { height: chain.height, wallet: wallet(0) });
  const communityId = create.inputs[0]!.boxId;
  submit(create, 0);
  const boxes = () => [...chain.ledger.utxo.values()].filter((b) => b.assets.some((a) => a.tokenId === communityId));
  const account = (i: number) => boxes().find((b) => { const d = decodeAccount(b); return d.ok && d.value.owner === owner(i); })!;
  const community = () => boxes().find((b) => !decodeAccount(b).ok)!;
  for (const i of [1, 2, 3]) submit(join({ community: community(), owner: owner(i) }, { height: chain.height, wallet: wallet(i) }), i);
  submit(pay({ payer: account(1), payees: [{ account: account(2), amountUnits: 5n }] }, { height: chain.height }), 1);
  submit(pay({ payer: account(2), payees: [{ account: account(1), amountUnits: 2n }, { account: account(3), amountUnits: 3n }] }, { height: chain.height }), 2);
  submit(pay({ payer: account(3), payees: [{ account: account(1), amountUnits: 3n }] }, { height: chain.height }), 3);
  submit(leave({ community: community(), account: account(3) }, { height: chain.height, wallet: wallet(3) }), 3);
  return signed;
}

describe("normalizing a submitted transaction", () => {
  it("reads every LETS shape from its JSON exactly as ergo-lib reads it", () => {
    const txs = letsTransactions();
    expect(txs).toHaveLength(8);
    for (const tx of txs) {
      for (const form of [tx, parseJson(stringifyJson(tx))]) {
        const { fast, exact } = both(form);
        expect(fast).toBeDefined();
        expect(fast).toEqual(exact);
      }
    }
  });

  it("agrees with ergo-lib on real mainnet transactions, and steps aside for context extensions", () => {
    const block = parseJson(readFileSync(new URL("../test/fixtures/ergo-node/mainnet-block-693479-full.json", import.meta.url), "utf8")) as {
      blockTransactions: { transactions: { inputs: { spendingProof: { extension: object } }[]; size: number }[] };
    };
    let fastCount = 0;
    for (const tx of block.blockTransactions.transactions) {
      if (tx.inputs.some((i) => Object.keys(i.spendingProof.extension).length > 0)) {
        // Re-serialized from an object, its extension keys come out in another order (and so
        // another id) than the node's text: only ergo-lib on the original text can read it.
        expect(normalizeFromJson(tx, "0".repeat(64))).toBeUndefined();
        continue;
      }
      const { fast, exact } = both(tx);
      expect(exact.tx.size).toBe(tx.size);
      expect(fast).toEqual(exact);
      fastCount += 1;
    }
    expect(fastCount).toBe(block.blockTransactions.transactions.length - 1);
  });

  it("steps aside when the JSON is not what ergo-lib parsed", () => {
    const [tx] = letsTransactions() as { outputs: { value: string }[] }[];
    const parsed = Transaction.from_json(stringifyJson(tx));
    const id = parsed.id().to_str();
    parsed.free();
    const edited = structuredClone(tx!);
    edited.outputs[0]!.value = (BigInt(edited.outputs[0]!.value) + 1n).toString();
    expect(normalizeFromJson(edited, id)).toBeUndefined();
    expect(normalizeFromJson({ ...tx, outputs: "nope" }, id)).toBeUndefined();
  });
});
