// The node writes the context extension of an input with five or more entries in its hash map's
// key order, not ascending; a JS object would sort the keys and change the transaction's id. The
// devnet validates the text it received, so such a transaction is accepted over HTTP, and it stays
// valid in the mempool when a reorg validates it again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hex } from "@fleet-sdk/crypto";
import { ErgoBoxes, SecretKey, SecretKeys, UnsignedTransaction, Wallet } from "ergo-lib-wasm-nodejs";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { devAccount } from "../ergo/keys.ts";
import { stringifyJson } from "../ergo/json.ts";
import { startDevnet, type Devnet } from "./start.ts";
import { boxesOf, call, expectNodeError } from "./testing.ts";

/** Six Int constants (1..6) under keys in the order a node could write them. */
const EXTENSION = '{"0":"0402","5":"040c","1":"0404","2":"0406","3":"0408","4":"040a"}';

let devnet: Devnet;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockTimeMs: 0 });
  await call(devnet.url, "POST", "/devnet/mine", { blocks: 2 });
});
afterAll(() => devnet.close());

/** A transfer from account 3 with EXTENSION on its input, signed by ergo-lib from text; the signed JSON text. */
function signedWithExtension(): string {
  const chain = devnet.chain;
  const unsigned = new TransactionBuilder(chain.height)
    .from(boxesOf(chain, 3))
    .to(new OutputBuilder(1_000_000_000n, devAccount(4).address))
    .sendChangeTo(devAccount(3).address)
    .payMinFee()
    .build()
    .toEIP12Object();
  const text = stringifyJson(unsigned).replace('"extension":{}', `"extension":${EXTENSION}`);
  const keys = new SecretKeys();
  keys.add(SecretKey.dlog_from_bytes(hex.decode(devAccount(3).secretKey)));
  const wallet = Wallet.from_secrets(keys);
  const parsed = UnsignedTransaction.from_json(text);
  const inputs = ErgoBoxes.from_boxes_json(unsigned.inputs as unknown[]);
  const data = ErgoBoxes.empty();
  try {
    const signed = wallet.sign_transaction(chain.nextBlockContext().context, parsed, inputs, data);
    const json = signed.to_json();
    signed.free();
    return json;
  } finally {
    for (const owned of [keys, wallet, parsed, inputs, data]) owned.free();
  }
}

describe("a context extension in the node's key order", () => {
  it("is accepted as submitted, and mined after a fork validates it again", async () => {
    const text = signedWithExtension();
    expect(text.replace(/\s+/g, "")).toContain(`"extension":${EXTENSION}`); // to_json keeps the order
    const id = (JSON.parse(text) as { id: string }).id;
    const output = (JSON.parse(text) as { outputs: { boxId: string }[] }).outputs[0]!.boxId;

    // Re-serialized from a JS object the keys are sorted: another id, refused as malformed.
    const sorted = await call(devnet.url, "POST", "/transactions/check", stringifyJson(JSON.parse(text)));
    expectNodeError("post", "/transactions/check", sorted, 400);
    expect((sorted.body as { detail: string }).detail).toMatch(/Tx id parsed from JSON \w+ differs/);

    const accepted = await call(devnet.url, "POST", "/transactions", text);
    expect([accepted.status, accepted.body]).toEqual([200, id]);
    expect((await call(devnet.url, "GET", "/transactions/unconfirmed/transactionIds")).body).toEqual([id]);

    const fork = await call(devnet.url, "POST", "/devnet/fork", { blocks: 1 });
    expect(fork.status).toBe(200);
    expect((await call(devnet.url, "GET", "/transactions/unconfirmed/transactionIds")).body).toEqual([]);
    expect((await call(devnet.url, "GET", `/utxo/byId/${output}`)).status).toBe(200);
  });
});
