import { describe, expect, it } from "vitest";
import { TransactionBuilder, OutputBuilder } from "@fleet-sdk/core";
import { Chain } from "./chain.ts";
import { devAccount } from "../ergo/keys.ts";
import { signWithDevAccounts } from "../ergo/signer.ts";

function transfer(chain: Chain, from: number, to: number, nanoErg: bigint) {
  const sender = devAccount(from);
  const utxos = [...chain.ledger.utxo.values(), ...chain.mempool.list().flatMap((e) => e.tx.outputs)]
    .filter((b) => b.ergoTree === sender.ergoTree && !chain.mempool.spentBy(b.boxId))
    .map((b) => ({ ...b, value: b.value.toString(), assets: b.assets.map((a) => ({ ...a, amount: a.amount.toString() })) }));
  const unsigned = new TransactionBuilder(chain.height)
    .from(utxos)
    .to(new OutputBuilder(nanoErg, devAccount(to).address))
    .sendChangeTo(sender.address)
    .payMinFee()
    .build()
    .toEIP12Object();
  return signWithDevAccounts(unsigned, [from], chain.nextBlockContext());
}

describe("the devnet chain", () => {
  it("accepts a valid transfer into the mempool, mines it, and refuses a double spend", () => {
    const chain = new Chain();
    const tx = transfer(chain, 0, 1, 5_000_000_000n);
    const conflicting = transfer(chain, 0, 2, 1_000_000_000n);
    const accepted = chain.submit(tx);
    expect(chain.mempool.has(accepted.id)).toBe(true);
    expect(() => chain.submit(conflicting)).toThrow(/Double spending attempt/);
    expect(chain.mempool.size).toBe(1);
    const [block] = chain.mine();
    expect(block!.transactions.map((t) => t.id)).toEqual([accepted.id]);
    expect(chain.height).toBe(1);
    expect(chain.ledger.utxo.has(tx.inputs[0]!.boxId)).toBe(false);
  });

  it("accepts the same transaction twice as one (a wallet retrying), and keeps one copy", () => {
    const chain = new Chain();
    const tx = transfer(chain, 0, 1, 5_000_000_000n);
    expect(chain.submit(tx).id).toBe(chain.submit(tx).id);
    expect(chain.mempool.size).toBe(1);
  });

  it("chains a transaction on an unconfirmed output", () => {
    const chain = new Chain();
    chain.submit(transfer(chain, 0, 1, 5_000_000_000n));
    const second = chain.submit(transfer(chain, 0, 2, 1_000_000_000n));
    expect(chain.mine()[0]!.transactions).toHaveLength(2);
    expect(chain.ledger.utxo.has(second.outputs[0]!.boxId)).toBe(true);
  });

  it("rolls back and forks: orphaned transactions return to the mempool, ids at a height list the best first", () => {
    const chain = new Chain();
    chain.mine(2);
    const tx = chain.submit(transfer(chain, 0, 1, 5_000_000_000n));
    chain.mine(2);
    const oldTip = chain.tip!.id;
    const oldAt3 = chain.idsAt.get(3)![0];
    chain.fork(3);
    expect(chain.height).toBe(5);
    expect(chain.idsAt.get(3)).toEqual([chain.blocks[2]!.header.id, oldAt3]);
    expect(chain.tip!.id).not.toBe(oldTip);
    expect(chain.blocks.flatMap((b) => b.transactions.map((t) => t.id))).toContain(tx.id);
    chain.rollback(4);
    expect(chain.height).toBe(1);
    expect(chain.mempool.has(tx.id)).toBe(true);
  });
});
