// The rent check reads each input's spendingProof: an empty proof and context variable 127. This
// follows one such input from a devnet's mempool and blocks (also after a restart from its data
// directory) through the indexer's node client, as the mempool view and the sync read them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OutputBuilder, TransactionBuilder } from "@fleet-sdk/core";
import { devAccount } from "../../ergo/keys.ts";
import { signWithDevAccounts, signWithSecrets } from "../../ergo/signer.ts";
import { startDevnet, type Devnet } from "../../devnet/start.ts";
import { NodeClient } from "../../ergo/node-client.ts";
import { rentProof } from "./block-testing.ts";
import { unconfirmedTransactions } from "./mempool.ts";
import { prefetchBlocks } from "./prefetch.ts";

/** `sigmaProp(true)`: anyone spends it with an empty proof, so an input can carry any extension. */
const ANYONE = "0008d3";

describe("an input's empty proof and context extension, from the devnet to the indexer", () => {
  const dir = mkdtempSync(join(tmpdir(), "lets-proofs-"));
  let devnet: Devnet | undefined;
  afterAll(async () => {
    await devnet?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("survive the mempool, a mined block and a restart from the data directory", async () => {
    devnet = await startDevnet({ port: 0, blockTimeMs: 0, dataDir: dir });
    const node = new NodeClient(devnet.url);
    await node.request("POST", "/devnet/mine", { blocks: 2 });
    const chain = devnet.chain;
    const fund = new TransactionBuilder(chain.height).from(await node.unspentByAddress(devAccount(3).address)).to(new OutputBuilder(1_000_000_000n, ANYONE)).sendChangeTo(devAccount(3).address).payMinFee().build().toEIP12Object();
    const funded = signWithDevAccounts(fund, [3], chain.nextBlockContext());
    await node.submit(funded);
    await node.request("POST", "/devnet/mine", { blocks: 1 });

    const box = funded.outputs[0]!;
    const spend = new TransactionBuilder(chain.height).from([{ ...box, value: box.value.toString(), assets: [] }]).sendChangeTo(devAccount(4).address).payMinFee().build().toEIP12Object();
    spend.inputs[0]!.extension = rentProof(0).extension;
    const signed = signWithSecrets(spend, [], chain.nextBlockContext());
    const expected = { boxId: box.boxId, spendingProof: { proofBytes: "", extension: { "127": "0300" } } };
    expect(signed.inputs).toEqual([expected]);
    expect(await node.submit(signed)).toBe(signed.id);

    const pooled = await unconfirmedTransactions(node);
    expect(pooled.find((t) => t.id === signed.id)?.inputs).toMatchObject([expected]); // the pool adds the spent box's fields
    const height = (await node.request<{ height: number }>("POST", "/devnet/mine", { blocks: 1 })).height;
    const mined = async (url: string) => {
      const blocks = [];
      for await (const block of prefetchBlocks(new NodeClient(url), height, height)) blocks.push(block);
      return blocks[0]!.transactions.find((t) => t.id === signed.id)?.inputs;
    };
    expect(await mined(devnet.url)).toEqual([expected]);

    await devnet.close();
    devnet = await startDevnet({ port: 0, blockTimeMs: 0, dataDir: dir });
    expect(await mined(devnet.url)).toEqual([expected]);
  });
});
